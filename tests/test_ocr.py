"""OCR of scans with the real Tesseract, on a scan the test makes itself: a .docx rendered to
PDF by LibreOffice, rasterised by pdftoppm, wrapped back into an image-only PDF."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from plugin.recognize.classify import classify
from plugin.check.scan import scan_file
from plugin.readers import ocr, read_bytes
from plugin.readers.model import NO_TEXT_LAYER

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
from _writers import image_pdf, read_pgm  # noqa: E402

NEEDS = [tool for tool in ("tesseract", "soffice", "pdftoppm") if not shutil.which(tool)]
needs_tools = pytest.mark.skipif(bool(NEEDS) and not os.environ.get("CI"),
                                 reason=f"{', '.join(NEEDS)} ontbreekt (tests/setup_system.sh installeert ze)")


def _signed_plan() -> bytes:
    document = docx.Document()
    document.add_heading("Plan van aanpak", level=1)
    document.add_paragraph("Datum: 12-11-2026")
    document.add_paragraph("Werknemer: Anouk Visser, werkgever: Kapsalon Visser")
    document.add_paragraph("Werkgever en werknemer spreken af dat de werknemer start met twee uur per dag "
                           "aan de balie.")
    document.add_paragraph("Handtekening werkgever: ____________    Handtekening werknemer: ____________")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory) -> bytes:
    """docx -> LibreOffice PDF -> pdftoppm (grey, 150 dpi) -> image-only PDF."""
    if NEEDS:
        pytest.skip(f"{', '.join(NEEDS)} ontbreekt")
    tmp = tmp_path_factory.mktemp("scan")
    (tmp / "plan.docx").write_bytes(_signed_plan())
    profile = (tmp / "lo-profiel").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(tmp / "plan.docx")], check=True, capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-gray", "-r", "150", str(tmp / "plan.pdf"), str(tmp / "pagina")], check=True,
                   capture_output=True, timeout=120)
    pages = [read_pgm(p.read_bytes()) for p in sorted(tmp.glob("pagina*.pgm"))]
    assert pages
    return image_pdf(pages, dpi=150)


@needs_tools
def test_the_scan_has_no_text_layer(scanned_pdf):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(scanned_pdf)
    page = document[0]
    assert page.get_textpage().get_text_range().strip() == ""


@needs_tools
def test_a_scanned_plan_is_read_by_ocr_and_recognised(scanned_pdf):
    item = read_bytes("Scan_0001.pdf", scanned_pdf)
    assert item.problem is None and item.ocr_pages == 1
    assert "plan van aanpak" in item.text.lower()
    result = classify(item)
    assert (result.type, result.date, result.evidence) == ("plan-van-aanpak", dt.date(2026, 11, 12), "ocr")
    assert result.why.startswith("OCR: kop 'Plan van aanpak")


@needs_tools
def test_a_photo_of_the_page_is_read_too(tmp_path, scanned_pdf):
    import pypdfium2 as pdfium

    # A page as a PNG photo: render it, write a PGM, let pdftoppm's sibling be replaced by Tesseract's own reader.
    document = pdfium.PdfDocument(scanned_pdf)
    from plugin.readers.ocr import _render_pgm

    pgm = _render_pgm(document, 0)
    document.close()
    width, height, pixels = read_pgm(pgm)
    png = _png(width, height, pixels)
    item = read_bytes("IMG_2231.png", png)
    assert item.kind == "image" and item.ocr_pages == 1
    assert classify(item).type == "plan-van-aanpak"


@needs_tools
def test_scan_file_gives_evidence_ocr(tmp_path, scanned_pdf):
    folder = tmp_path / "2026-005 Visser"
    folder.mkdir()
    (folder / "Scan_0001.pdf").write_bytes(scanned_pdf)
    [doc] = scan_file(folder / "Scan_0001.pdf", tmp_path)
    assert (doc.type, doc.evidence, doc.problem) == ("plan-van-aanpak", "ocr", None)


def test_without_tesseract_a_scan_is_listed_and_the_hint_is_given_once(monkeypatch, scanned_pdf_or_blank):
    ocr.tesseract.cache_clear()
    monkeypatch.setenv("POORTWACHTER_TESSERACT", "")
    monkeypatch.setenv("PATH", "/nonexistent")
    try:
        item = read_bytes("Scan_0001.pdf", scanned_pdf_or_blank)
        assert item.problem == NO_TEXT_LAYER and item.ocr_pages == 0
        photo = read_bytes("foto.png", _png(4, 4, bytes(16)))
        assert photo.problem == ocr.NO_OCR
        hint = ocr.missing_hint([item.problem, photo.problem, None])
        assert hint and "tesseract-ocr-nld" in hint
        assert ocr.missing_hint([None]) is None
    finally:
        ocr.tesseract.cache_clear()


@pytest.fixture
def scanned_pdf_or_blank() -> bytes:
    return image_pdf([(40, 40, bytes([255]) * 1600)], dpi=150)


def test_heic_photos_say_what_to_do():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
    item = read_bytes("IMG_0001.HEIC", heic)
    assert item.problem == ocr.HEIC


@needs_tools
def test_ocr_stops_at_the_page_limit(monkeypatch, scanned_pdf):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(scanned_pdf)
    page = _render_pgm_pages(document)
    many = image_pdf([page] * (ocr.OCR_MAX_PAGES + 3), dpi=150)
    item = read_bytes("Scan_0002.pdf", many)
    assert item.ocr_pages == ocr.OCR_MAX_PAGES


def _render_pgm_pages(document):
    from plugin.readers.ocr import _render_pgm

    return read_pgm(_render_pgm(document, 0))


def _png(width: int, height: int, pixels: bytes) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + pixels[r * width:(r + 1) * width] for r in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_tesseracts_languages_are_asked_once_per_scan_cache_and_again_when_its_language_folder_changes(
        tmp_path, monkeypatch):
    """The languages (in the scan cache's fingerprint) are noted in the scan cache with the program
    and the language folder it names: a language added or a program replaced means asking again,
    and --no-cache leaves nothing behind."""
    from plugin.check.cache import ScanCache

    data = tmp_path / "tessdata"
    data.mkdir()
    (data / "eng.traineddata").write_bytes(b"")
    calls = tmp_path / "calls"
    program = tmp_path / "tesseract"
    program.write_text(f'#!/bin/sh\necho x >> "{calls}"\necho \'List of available languages in "{data}/" (1):\'\n'
                       f'ls "{data}" | sed "s/.traineddata//"\n')
    program.chmod(0o755)
    monkeypatch.setenv("POORTWACHTER_TESSERACT", str(program))

    def languages() -> str:
        """A new process: nothing known but what the cache file holds."""
        ocr.remember_languages(None)
        ocr.tesseract.cache_clear()
        with ScanCache(tmp_path / "scan.sqlite"):
            return ocr.tesseract()[1]

    def asked() -> int:
        return len(calls.read_text().splitlines())

    try:
        assert languages() == "eng" and asked() == 1
        assert languages() == "eng" and asked() == 1          # noted: the program is not started
        (data / "nld.traineddata").write_bytes(b"")
        assert languages() == "nld+eng" and asked() == 2      # a language added: asked again
        assert languages() == "nld+eng" and asked() == 2
        program.write_text(program.read_text() + "\n")        # the program replaced (size, times)
        assert languages() == "nld+eng" and asked() == 3
        assert languages() == "nld+eng" and asked() == 3
        ocr.remember_languages({"identity": ["x"], "languages": "eng; rm -rf"})   # not a note of ours
        ocr.tesseract.cache_clear()
        assert ocr.tesseract()[1] == "nld+eng" and asked() == 4
    finally:
        ocr.remember_languages(None)
        ocr.tesseract.cache_clear()
