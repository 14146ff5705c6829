"""The AVG guard on the sources: which converted documents may hold medical data.

Source documents go into the RIV as they are (the employee receives a copy, and rewriting
another party's paper is not the employer's to do), but a document in which the guard finds a
diagnosis term is never shipped silently: it is listed on the cover as needing review, and is
a gap until a person has read it. The guard reads the PDF's text layer (the same text UWV's
reader sees); a page without one (a scan, a photo) is read by OCR when Tesseract is there.
A scan that no one could read (no Tesseract) is listed for review too: the guard cannot vouch for it.
No term is written anywhere: `poortwachter inspect FILE` shows them to the casemanager.
"""

from __future__ import annotations

from plugin.readers.model import NO_TEXT_LAYER, Limits


def pdf_text(pdf: bytes) -> tuple[str, bool]:
    """(the text layer of every page, whether most pages have none: a scan or a photo)."""
    import pypdfium2 as pdfium

    texts, empty = [], 0
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage().get_text_range()
            page.close()
            empty += not text.strip()
            texts.append(text)
    finally:
        document.close()
    return "\n".join(texts), empty * 2 > len(texts)


def needs_review(pdf: bytes, name: str, hits, no_text: bool = False) -> bool:
    """True when the guard (hits: a function text -> medical words) finds a term, or cannot read a page.

    no_text: the check's own OCR found no text in this source (a photo): nothing to read again."""
    try:
        text, blank = pdf_text(pdf)
    except Exception:  # noqa: BLE001 - PDFium cannot read it: no one has vouched for it
        return True
    if hits(text):
        return True
    if not blank or no_text:
        return False
    from plugin.readers.ocr import read_scanned_pdf

    scanned = read_scanned_pdf(name, pdf, Limits())
    if scanned.problem == NO_TEXT_LAYER:      # no OCR on this computer
        return True
    return bool(scanned.text and hits(scanned.text))
