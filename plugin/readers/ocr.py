"""OCR with Tesseract, for scans: PDFs without a text layer, and photos (jpg/png/tiff).

Only a file that has no text of its own is read this way: a page is rendered by PDFium
(grayscale, OCR_DPI) to a PGM image and handed to the `tesseract` program with the Dutch and
English language data. Bounded: at most OCR_MAX_PAGES pages per file and OCR_SECONDS per
file. Tesseract is a separate program (Debian: tesseract-ocr tesseract-ocr-nld
tesseract-ocr-eng); without it, scans are listed as unreadable and `missing_hint()` says once
what to install.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .model import CORRUPT, NO_TEXT_LAYER, Extracted, Limits, bounded

OCR_DPI = 200
OCR_MAX_PAGES = 4          # the type and date of a dossier document are on its first pages
OCR_SECONDS = 90.0         # per file, all pages together
IMAGE_SUFFIXES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".tif": "tiff", ".tiff": "tiff",
                  ".heic": "heic", ".heif": "heic", ".bmp": "bmp", ".gif": "gif"}
OCR_TYPES = {"jpeg", "png", "tiff", "bmp", "gif"}  # what Tesseract (Leptonica) opens
INSTALL_HINT = ("Scans en foto's worden niet gelezen: Tesseract (OCR) ontbreekt. Installeer het: "
                "Debian/Ubuntu `sudo apt install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng`, "
                "macOS `brew install tesseract tesseract-lang`, Windows: de installer van UB Mannheim "
                "(met Dutch), en zet tesseract in het PATH.")
NO_OCR = "scan of foto: OCR niet beschikbaar (Tesseract ontbreekt)"
NO_TEXT_FOUND = "scan of foto: OCR vond geen tekst"
HEIC = "HEIC-foto: sla op als JPEG of PDF om hem te laten lezen"


@functools.lru_cache(maxsize=1)
def tesseract() -> tuple[str, str] | None:
    """(program, languages like 'nld+eng'), or None when Tesseract is not installed."""
    program = os.environ.get("POORTWACHTER_TESSERACT") or shutil.which("tesseract")
    if not program:
        return None
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    have = {line.strip() for line in listed.splitlines()[1:]}
    languages = "+".join(lang for lang in ("nld", "eng") if lang in have) or "eng"
    return program, languages


def available() -> bool:
    return tesseract() is not None


def missing_hint(problems: list[str | None]) -> str | None:
    """The one-time install hint, when some file needed OCR and Tesseract is not there."""
    if available():
        return None
    return INSTALL_HINT if any(p in (NO_OCR, NO_TEXT_LAYER) for p in problems) else None


def image_kind(data: bytes) -> str | None:
    """'jpeg', 'png', 'tiff', 'bmp', 'gif' or 'heic' by the first bytes."""
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data[:2] == b"BM" and len(data) > 26:
        return "bmp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"):
        return "heic"
    return None


def _run(path: Path, timeout: float) -> str:
    found = tesseract()
    if found is None or timeout <= 0:
        return ""
    program, languages = found
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per file: files run in parallel already
    try:
        done = subprocess.run([program, str(path), "stdout", "-l", languages, "--psm", "3"], capture_output=True,
                              timeout=timeout, env=env, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else ""


def read_image(name: str, data: bytes, limits: Limits) -> Extracted:
    """A photo or scanned image: its text by OCR, or a problem saying why not."""
    kind = image_kind(data)
    if kind == "heic":
        return Extracted(name=name, kind="image", text="", problem=HEIC)
    if kind not in OCR_TYPES:
        return Extracted(name=name, kind="image", text="", problem=CORRUPT)
    if not available():
        return Extracted(name=name, kind="image", text="", problem=NO_OCR)
    with tempfile.TemporaryDirectory(prefix="poortwachter-ocr-") as tmp:
        path = Path(tmp) / f"beeld.{kind}"
        path.write_bytes(data)
        text = _clean(_run(path, OCR_SECONDS))
    if not text:
        return Extracted(name=name, kind="image", text="", problem=NO_TEXT_FOUND, ocr_pages=1)
    return Extracted(name=name, kind="image", text=bounded(text, limits), ocr_pages=1)


def read_scanned_pdf(name: str, data: bytes, limits: Limits) -> Extracted:
    """A PDF whose pages have no text layer: render the first pages and OCR them."""
    if not available():
        return Extracted(name=name, kind="pdf", text="", problem=NO_TEXT_LAYER)
    import pypdfium2 as pdfium

    started = time.monotonic()
    pages: list[str] = []
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return Extracted(name=name, kind="pdf", text="", problem=CORRUPT)
    try:
        with tempfile.TemporaryDirectory(prefix="poortwachter-ocr-") as tmp:
            for index in range(min(len(document), OCR_MAX_PAGES, limits.max_pdf_pages)):
                left = OCR_SECONDS - (time.monotonic() - started)
                if left <= 0:
                    break
                path = Path(tmp) / f"pagina{index + 1}.pgm"
                try:
                    path.write_bytes(_render_pgm(document, index))
                except pdfium.PdfiumError:
                    continue
                pages.append(_clean(_run(path, left)))
    finally:
        document.close()
    text = "\n".join(p for p in pages if p).strip()
    if not text:
        return Extracted(name=name, kind="pdf", text="", problem=NO_TEXT_FOUND, ocr_pages=len(pages))
    return Extracted(name=name, kind="pdf", text=bounded(text, limits), ocr_pages=len(pages))


def _render_pgm(document, index: int) -> bytes:
    """One page as a binary greyscale PGM (P5): what Tesseract reads without any image library."""
    page = document[index]
    try:
        bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
        try:
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            raw = bytes(bitmap.buffer)
            channels = bitmap.n_channels
        finally:
            bitmap.close()
    finally:
        page.close()
    if channels != 1:  # an older PDFium ignores grayscale: keep one channel of BGR(x)
        rows = (raw[row * stride: row * stride + width * channels:channels] for row in range(height))
    else:
        rows = (raw[row * stride: row * stride + width] for row in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + b"".join(rows)


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\f", "\n").split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
