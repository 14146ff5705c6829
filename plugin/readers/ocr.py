"""OCR with Tesseract, for scans: PDFs without a text layer, and photos (jpg/png/tiff).

Only a file that has no text of its own is read this way: a page is rendered by PDFium
(grayscale, OCR_DPI) to a PGM image and handed to the `tesseract` program with the Dutch and
English language data. Bounded: at most OCR_MAX_PAGES pages (or TIFF/GIF frames) per file,
OCR_SECONDS per file and never past the file's time limit (workers.time_left), and at most
Limits.max_ocr_pixels per page: a huge page (a 7200-pt PDF page, a 100,000-pixel PNG) is
rendered or scaled down to that, or refused when it cannot be decoded at a bounded size.
Tesseract is a separate program (Debian: tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng);
without it, scans are listed as unreadable and `missing_hint()` says once what to install.

When Tesseract itself fails (an error, a crash, a timeout) the result is marked
`transient`: it says nothing about the file, and a cache must not keep it.
"""

from __future__ import annotations

import functools
import io
import math
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .workers import time_left
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
OCR_FAILED = "scan of foto: OCR mislukt (Tesseract gaf een fout of geen antwoord op tijd)"
MAX_DECODE_FACTOR = 4      # an image up to this many times max_ocr_pixels is decoded and scaled down
SINGLE_FRAME = {"jpeg", "png", "bmp"}   # handed to Tesseract as they are when small enough


def too_many_pixels(size: tuple[int, int] | None, limits: Limits) -> str:
    what = f"{size[0]} x {size[1]} beeldpunten, " if size else ""
    return f"afbeelding te groot om te lezen ({what}grens {limits.max_ocr_pixels * MAX_DECODE_FACTOR // 1_000_000} miljoen)"


@functools.lru_cache(maxsize=1)
def tesseract() -> tuple[str, str] | None:
    """(program, languages like 'nld+eng'), or None when Tesseract is not installed."""
    program = os.environ.get("POORTWACHTER_TESSERACT") or shutil.which("tesseract")
    if not program:
        return None
    remembered = _remembered_languages(program, _NOTES.get("given"))
    if remembered is not None:
        _NOTES["current"] = _NOTES["given"]
        return program, remembered
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = listed.splitlines()
    have = {line.strip() for line in lines[1:]}
    languages = "+".join(lang for lang in ("nld", "eng") if lang in have) or "eng"
    found = _FOLDER_LINE.search(lines[0]) if lines else None
    identity = _identity(program, found.group(1)) if found else None
    _NOTES["current"] = {"identity": identity, "languages": languages} if identity is not None else None
    return program, languages


# Asking Tesseract for its languages starts the program (about 16 ms, on every check: the scan
# cache's fingerprint holds them). So the answer can be kept, by whoever keeps a cache (the scan
# cache does, in its own file: `--no-cache` leaves nothing behind), as a note with what it
# depends on: the program (path, size, times, inode), TESSDATA_PREFIX and the language folder
# Tesseract named (its times change when a language file is added or removed). Any difference,
# or a folder it did not name, and Tesseract is asked again.
_FOLDER_LINE = re.compile(r'"([^"]+)"')
_NOTES: dict[str, dict | None] = {}
_LANGUAGE_CHOICES = ("nld+eng", "nld", "eng")   # what tesseract() can answer: a note saying more is not ours


def languages_note() -> dict | None:
    """The note to keep for the languages tesseract() found (None: nothing worth keeping)."""
    tesseract()
    return _NOTES.get("current")


def remember_languages(note: dict | None) -> None:
    """A kept note: tesseract() trusts it while the program and its language folder are as noted."""
    if note != _NOTES.get("given"):
        _NOTES["given"] = note
        tesseract.cache_clear()


def _identity(program: str, folder: str) -> list | None:
    try:
        binary, data = os.stat(program), os.stat(folder)
    except OSError:
        return None
    return [os.path.realpath(program), binary.st_size, binary.st_mtime_ns, binary.st_ctime_ns, binary.st_ino,
            os.environ.get("TESSDATA_PREFIX", ""), folder, data.st_mtime_ns, data.st_ctime_ns, data.st_ino]


def _remembered_languages(program: str, note: dict | None) -> str | None:
    try:
        identity = _identity(program, note["identity"][6])
        languages = note["languages"]
    except (KeyError, IndexError, TypeError):
        return None
    trusted = identity is not None and identity == note["identity"] and languages in _LANGUAGE_CHOICES
    return languages if trusted else None


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


def _run(path: Path, timeout: float) -> str | None:
    """Tesseract's text for one image, None when Tesseract failed or ran out of time."""
    found = tesseract()
    if found is None or timeout <= 0:
        return None
    program, languages = found
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per file: files run in parallel already
    try:
        done = subprocess.run([program, str(path), "stdout", "-l", languages, "--psm", "3"], capture_output=True,
                              timeout=timeout, env=env, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def _budget() -> float:
    """Seconds OCR may take for this file: OCR_SECONDS, and never past the file's time limit."""
    return min(OCR_SECONDS, time_left())


def read_image(name: str, data: bytes, limits: Limits) -> Extracted:
    """A photo or scanned image: its text by OCR, or a problem saying why not."""
    kind = image_kind(data)
    if kind == "heic":
        return Extracted(name=name, kind="image", text="", problem=HEIC)
    if kind not in OCR_TYPES:
        return Extracted(name=name, kind="image", text="", problem=CORRUPT)
    if not available():
        return Extracted(name=name, kind="image", text="", problem=NO_OCR)
    try:
        images = _images(data, kind, limits)
    except _TooBig as big:
        return Extracted(name=name, kind="image", text="", problem=str(big))
    except (OSError, ValueError, SyntaxError, EOFError):
        return Extracted(name=name, kind="image", text="", problem=CORRUPT)
    started = time.monotonic()
    texts: list[str | None] = []
    with tempfile.TemporaryDirectory(prefix="poortwachter-ocr-") as tmp:
        for number, (suffix, content) in enumerate(images, start=1):
            left = _budget() - (time.monotonic() - started)
            path = Path(tmp) / f"beeld{number}.{suffix}"
            path.write_bytes(content)
            texts.append(_run(path, left))
    return _result(name, "image", texts, limits)


class _TooBig(Exception):
    pass


def _images(data: bytes, kind: str, limits: Limits) -> list[tuple[str, bytes]]:
    """What Tesseract gets: the file itself when it is one small image, else its first
    OCR_MAX_PAGES frames decoded and scaled down to max_ocr_pixels, as PGM."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return _decode(Image.open(io.BytesIO(data)), data, kind, limits)
    except Image.DecompressionBombError:   # Pillow's own guard, far above ours: the size is all we know
        raise _TooBig(too_many_pixels(None, limits)) from None


def _decode(opened, data: bytes, kind: str, limits: Limits) -> list[tuple[str, bytes]]:
    with opened as image:
        width, height = image.size
        frames = getattr(image, "n_frames", 1) if kind in ("tiff", "gif") else 1
        if kind in SINGLE_FRAME and width * height <= limits.max_ocr_pixels and frames == 1:
            return [(kind if kind != "jpeg" else "jpg", data)]
        if kind == "jpeg":   # decoded at 1/2, 1/4 or 1/8 of its size when that is enough
            image.draft("L", _fit(width, height, limits.max_ocr_pixels))
        if image.size[0] * image.size[1] > limits.max_ocr_pixels * MAX_DECODE_FACTOR:
            raise _TooBig(too_many_pixels((width, height), limits))
        pages = []
        for frame in range(min(frames, OCR_MAX_PAGES)):
            image.seek(frame)
            grey = image.convert("L")
            if grey.size[0] * grey.size[1] > limits.max_ocr_pixels:
                grey = grey.resize(_fit(*grey.size, limits.max_ocr_pixels))
            pages.append(("pgm", _pgm(grey.size[0], grey.size[1], grey.tobytes())))
        return pages


def _fit(width: int, height: int, pixels: int) -> tuple[int, int]:
    scale = min(1.0, math.sqrt(pixels / max(width * height, 1)))
    return max(1, int(width * scale)), max(1, int(height * scale))


def _pgm(width: int, height: int, pixels: bytes) -> bytes:
    return b"P5\n%d %d\n255\n" % (width, height) + pixels


def _result(name: str, kind: str, texts: list[str | None], limits: Limits) -> Extracted:
    """The OCR'd pages as one result; a page Tesseract failed on makes it transient."""
    failed = sum(text is None for text in texts)
    text = "\n".join(_clean(t) for t in texts if t).strip()
    limited = f"OCR mislukt op {failed} van {len(texts)} pagina's" if failed and text else None
    if not text:
        problem = OCR_FAILED if failed else NO_TEXT_FOUND
        return Extracted(name=name, kind=kind, text="", problem=problem, ocr_pages=len(texts),
                         transient=bool(failed))
    return Extracted(name=name, kind=kind, text=bounded(text, limits), ocr_pages=len(texts), limited=limited,
                     transient=bool(failed))


def read_scanned_pdf(name: str, data: bytes, limits: Limits) -> Extracted:
    """A PDF whose pages have no text layer: render the first pages and OCR them."""
    if not available():
        return Extracted(name=name, kind="pdf", text="", problem=NO_TEXT_LAYER)
    import pypdfium2 as pdfium

    started = time.monotonic()
    texts: list[str | None] = []
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return Extracted(name=name, kind="pdf", text="", problem=CORRUPT)
    try:
        with tempfile.TemporaryDirectory(prefix="poortwachter-ocr-") as tmp:
            for index in range(min(len(document), OCR_MAX_PAGES, limits.max_pdf_pages)):
                left = _budget() - (time.monotonic() - started)
                path = Path(tmp) / f"pagina{index + 1}.pgm"
                try:
                    path.write_bytes(_render_pgm(document, index, limits.max_ocr_pixels))
                except pdfium.PdfiumError:
                    continue
                texts.append(_run(path, left))
    finally:
        document.close()
    return _result(name, "pdf", texts, limits)


def _render_pgm(document, index: int, max_pixels: int = Limits().max_ocr_pixels) -> bytes:
    """One page as a binary greyscale PGM (P5): what Tesseract reads without any image library.

    At OCR_DPI, or less when the page is so large that it would exceed max_pixels (a page of
    7200 x 7200 points is 400 million pixels at 200 dpi)."""
    page = document[index]
    try:
        width, height = page.get_size()
        scale = min(OCR_DPI / 72, 0.999 * math.sqrt(max_pixels / max(width * height, 1e-6)))   # PDFium rounds up
        bitmap = page.render(scale=scale, grayscale=True)
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
    return _pgm(width, height, b"".join(rows))


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\f", "\n").split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
