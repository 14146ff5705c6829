"""PDF: the text layer, read with PDFium (pypdfium2), page by page up to the page limit."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import ocr
from .model import CORRUPT, ENCRYPTED, NO_TEXT_LAYER, PDF_BOMB, Extracted, Limits, bounded
from .pdfguard import PdfBomb, check_streams


def read(name: str, data: bytes, limits: Limits) -> Extracted:
    try:
        check_streams(data, limits)
    except PdfBomb:
        return Extracted(name=name, kind="pdf", text="", problem=PDF_BOMB)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        wants_password = error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
        return Extracted(name=name, kind="pdf", text="", problem=ENCRYPTED if wants_password else CORRUPT)
    pages: list[str] = []
    size = 0
    problem = None
    try:
        total = len(document)
        wanted = _pages_to_read(total, limits)
        read_pages = 0
        for number, index in enumerate(wanted):
            if number == limits.max_pdf_pages and any(p.strip() for p in pages):
                break   # text found in the first pages: the sample is only for PDFs without it
            try:
                text = _page_text(document, index)
            except pdfium.PdfiumError:
                problem = CORRUPT
                continue
            read_pages += 1
            pages.append(text)
            size += len(text)
            if size > limits.max_text_chars:
                break
    finally:
        document.close()
    text = "\n".join(p.strip() for p in pages).strip()
    limited = None
    if read_pages < total:
        bound = (f"{limits.max_text_chars:_} tekens tekst".replace("_", ".") if size > limits.max_text_chars
                 else f"{limits.max_pdf_pages} pagina's")
        limited = f"{read_pages} van {total} pagina's gelezen (grens {bound})"
    if not text and problem is None and ocr.available():  # a scan: its text comes from OCR (ocr.py)
        return ocr.read_scanned_pdf(name, data, limits)
    if not text and problem is None:
        problem = NO_TEXT_LAYER if read_pages >= total else f"{NO_TEXT_LAYER}: geen tekst in de {read_pages} " \
                                                            f"gelezen van {total} pagina's"
    return Extracted(name=name, kind="pdf", text=bounded(text, limits), problem=problem, limited=limited)


def _pages_to_read(total: int, limits: Limits) -> list[int]:
    """The first max_pdf_pages pages, then pages spread evenly over the rest (read only while no text was found).

    A long PDF whose text starts late (a scanned appendix first) is not a scan without a text layer.
    """
    first = list(range(min(total, limits.max_pdf_pages)))
    rest = total - len(first)
    if rest <= 0:
        return first
    count = min(rest, limits.max_pdf_sample_pages)
    step = rest / count
    return first + sorted({len(first) + int(i * step + step / 2) for i in range(count)})


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        finally:
            textpage.close()
    finally:
        page.close()
