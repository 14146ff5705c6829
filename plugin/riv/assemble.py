"""One PDF (or as few parts as UWV's upload limit needs) from the cover and the converted documents.

- Order: the cover and contents, then each document in its section's order; a mail is followed
  by its attachments.
- Bookmarks: the cover, then per section (numbered as in Regeling art. 6's order) and under it
  per document (attachments under their mail).
- Page numbers: "RIV <case> · pagina n van N" on every page, counted over the whole RIV, so a
  page keeps its number in whichever part it lands.
- Parts: UWV takes uploads of at most 10 MB. Documents are packed into parts in order, a part is
  closed before a document that would not fit, and a document bigger than a part by itself is
  split between pages. Each written part is measured; one over the limit is packed again tighter.

The cover's contents need the page numbers and the parts, and the cover's own length moves
them: it is laid out until its page count is stable (twice, nearly always).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter, Transformation

UPLOAD_LIMIT = 10_000_000        # bytes: UWV's upload limit is 10 MB; the decimal MB is the safer reading
_COVER_ESTIMATE = 200_000


@dataclass
class Doc:
    """One top-level document ready to assemble: its pieces in reading order (title, depth, PDF)."""

    section: str
    title: str                                   # the bookmark's text
    pieces: list[tuple[str, int, bytes]]
    pages: list[int] = field(default_factory=list)   # pages per piece
    first: int = 0                               # in the whole RIV, 1-based (set by layout)
    part: int = 1

    @property
    def page_count(self) -> int:
        return sum(self.pages)

    @property
    def size(self) -> int:
        return sum(len(pdf) for _, _, pdf in self.pieces)

    @property
    def last(self) -> int:
        return self.first + self.page_count - 1


@dataclass
class Part:
    pdf: bytes
    pages: int


def _layout(docs: list[Doc], cover_pages: int, cover_size: int, budget: int) -> list[list[tuple[int, int, int]]]:
    """Numbers every page and packs pages into parts: per part a list of (doc index or -1 for the
    cover, first page in the doc, pages), in order."""
    parts: list[list[tuple[int, int, int]]] = [[(-1, 0, cover_pages)]]
    used = cover_size
    page = cover_pages + 1
    for index, doc in enumerate(docs):
        doc.first = page
        page += doc.page_count
        per_page = doc.size / max(1, doc.page_count)
        if used + doc.size > budget and used > 0:
            parts.append([])
            used = 0
        if used + doc.size <= budget:
            doc.part = len(parts)
            parts[-1].append((index, 0, doc.page_count))
            used += doc.size
            continue
        start = 0                                   # bigger than a part: split between its pages
        while start < doc.page_count:
            take = min(doc.page_count - start, max(0, int((budget - used) // per_page)))
            if take == 0 and used > 0:
                parts.append([])
                used = 0
                continue
            take = max(take, 1)                     # one page bigger than a part goes alone
            if start == 0:
                doc.part = len(parts)
            parts[-1].append((index, start, take))
            used += take * per_page
            start += take
    return [p for p in parts if p]


def assemble(docs: list[Doc], cover_for: Callable[[int], bytes], stamp: Callable[[int, int], str],
             cover_title: str, section_titles: dict[str, str], limit: int = UPLOAD_LIMIT) -> list[Part]:
    """The RIV's parts. cover_for(parts) gives the cover for the present layout (docs' first/part set);
    stamp(page, total) the page-number text; section_titles: id -> numbered title, in order."""
    readers = [[PdfReader(io.BytesIO(pdf)) for _, _, pdf in doc.pieces] for doc in docs]
    for doc, rs in zip(docs, readers):
        doc.pages = [len(r.pages) for r in rs]
    budget = int(limit * 0.9)
    for _ in range(8):
        cover, cover_pages, layout = b"", 1, []
        for _ in range(4):                          # until the cover's length is stable
            layout = _layout(docs, cover_pages, len(cover) or _COVER_ESTIMATE, budget)
            cover = cover_for(len(layout))
            counted = len(PdfReader(io.BytesIO(cover)).pages)
            if counted == cover_pages:
                break
            cover_pages = counted
        total = cover_pages + sum(d.page_count for d in docs)
        parts = [_write(layout_part, docs, readers, PdfReader(io.BytesIO(cover)), total, stamp, cover_title,
                        section_titles) for layout_part in layout]
        if all(len(p.pdf) <= limit for p in parts) or budget < 100_000:
            return parts
        budget = int(budget * 0.8)
    return parts


def _write(layout_part, docs, readers, cover: PdfReader, total: int, stamp, cover_title: str,
           section_titles: dict[str, str]) -> Part:
    writer = PdfWriter()
    marks: list[tuple[str, str, int, int, str]] = []   # (section, title, depth, page in part, doc key)
    for index, start, count in layout_part:
        if index < 0:
            for page in cover.pages:
                writer.add_page(page)
            marks.append(("", cover_title, -1, 0, "cover"))
            continue
        doc = docs[index]
        offset = 0                                   # pages of this doc before the current piece
        for (title, depth, _), reader in zip(doc.pieces, readers[index]):
            pieces_pages = range(len(reader.pages))
            shown = [i for i in pieces_pages if start <= offset + i < start + count]
            if shown:
                marks.append((doc.section, title if depth else doc.title, depth, len(writer.pages), str(index)))
                for i in shown:
                    writer.add_page(reader.pages[i])
            offset += len(reader.pages)
    first_number = _first_number(layout_part, docs)
    _number(writer, first_number, total, stamp)
    _outline(writer, marks, section_titles)
    writer.add_metadata({"/Producer": "Poortwachter", "/Creator": "Poortwachter"})
    out = io.BytesIO()
    writer.write(out)
    return Part(out.getvalue(), len(writer.pages))


def _first_number(layout_part, docs) -> int:
    index, start, _ = layout_part[0]
    return 1 if index < 0 else docs[index].first + start


def _outline(writer: PdfWriter, marks, section_titles: dict[str, str]) -> None:
    sections: dict[str, object] = {}
    documents: dict[str, object] = {}
    for section, title, depth, page, key in marks:
        if depth < 0:
            writer.add_outline_item(title=title, page_number=page)
            first_title = section_titles.get("administratief")
            if first_title:
                writer.add_outline_item(title=first_title, page_number=page)
            continue
        if section not in sections:
            sections[section] = writer.add_outline_item(title=section_titles[section], page_number=page)
        if depth == 0 or key not in documents:
            documents[key] = writer.add_outline_item(title=title, page_number=page, parent=sections[section])
        else:
            writer.add_outline_item(title=title, page_number=page, parent=documents[key])


def _number(writer: PdfWriter, first: int, total: int, stamp: Callable[[int, int], str]) -> None:
    """The page number on every page, drawn in the bottom margin whatever the page's size or rotation."""
    from reportlab.pdfgen import canvas

    from plugin.riv.render import fonts

    boxes = []
    for page in writer.pages:
        if page.rotation:
            page.transfer_rotation_to_content()
        box = page.mediabox
        boxes.append((float(box.left), float(box.bottom), float(box.width), float(box.height)))
    out = io.BytesIO()
    sheet = canvas.Canvas(out)
    regular, _ = fonts()
    for number, (_, _, width, height) in enumerate(boxes, start=first):
        sheet.setPageSize((width, height))
        text = stamp(number, total)
        sheet.setFont(regular, 7.5)
        text_width = sheet.stringWidth(text, regular, 7.5)
        sheet.setFillColorRGB(1, 1, 1)
        sheet.rect(width - text_width - 26, 10, text_width + 8, 12, stroke=0, fill=1)
        sheet.setFillColorRGB(0.3, 0.3, 0.3)
        sheet.drawString(width - text_width - 22, 13.5, text)
        sheet.showPage()
    sheet.save()
    overlay = PdfReader(io.BytesIO(out.getvalue()))
    for page, over, (left, bottom, _, _) in zip(writer.pages, overlay.pages, boxes):
        page.merge_transformed_page(over, Transformation().translate(left, bottom))
