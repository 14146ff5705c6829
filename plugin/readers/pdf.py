"""PDF: the text layer, read with PDFium (pypdfium2), page by page up to the page limit."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .model import CORRUPT, ENCRYPTED, NO_TEXT_LAYER, Extracted, Limits, bounded


def read(name: str, data: bytes, limits: Limits) -> Extracted:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        wants_password = error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
        return Extracted(name=name, kind="pdf", text="", problem=ENCRYPTED if wants_password else CORRUPT)
    pages: list[str] = []
    size = 0
    problem = None
    try:
        for index in range(min(len(document), limits.max_pdf_pages)):
            try:
                text = _page_text(document, index)
            except pdfium.PdfiumError:
                problem = CORRUPT
                continue
            pages.append(text)
            size += len(text)
            if size > limits.max_text_chars:
                break
    finally:
        document.close()
    text = "\n".join(p.strip() for p in pages).strip()
    if not text and problem is None:
        problem = NO_TEXT_LAYER
    return Extracted(name=name, kind="pdf", text=bounded(text, limits), problem=problem)


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
