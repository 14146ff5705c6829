"""Inhoud.docx: the cover and the contents as an editable Word document.

The casemanager adds the employee's view or a note before sending (a heading waits for it).
The text is the cover's own (plugin.riv.cover.Contents), already through the AVG guard.
"""

from __future__ import annotations

import io

import docx
from docx.shared import Pt

from plugin.core.dates import format_date
from plugin.core.words import word
from plugin.riv.cover import Contents
from plugin.riv.sections import SECTIONS


def inhoud_docx(contents: Contents) -> bytes:
    lang = contents.lang
    document = docx.Document()
    document.core_properties.title = f"{word('riv', lang)} {contents.case}"
    document.core_properties.author = "Poortwachter"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(word("riv_cover_title", lang), level=0)
    document.add_paragraph(f"{contents.case} · {contents.employee} — {word('riv_cover_sub', lang)}")
    facts = document.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in contents.facts:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_heading(word("riv_contents", lang), level=1)
    split = contents.parts > 1
    columns = [word("riv_document", lang), word("riv_file", lang), word("riv_date", lang), word("riv_page", lang)]
    if split:
        columns.append(word("riv_part", lang))
    for number, section in enumerate(SECTIONS, start=1):
        document.add_heading(f"{number}. {section.title(lang)}", level=2)
        entries = [e for e in contents.entries if e.section == section.id]
        if not entries:
            if section.id != "administratief":
                document.add_paragraph(word("riv_none", lang))
            continue
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns):
            cell.text = text
        for e in entries:
            values = [e.title, e.name, format_date(e.date, lang, "short") if e.date else "—",
                      str(e.first) if e.first == e.last else f"{e.first}-{e.last}"]
            if split:
                values.append(str(e.part))
            for cell, text in zip(table.add_row().cells, values):
                cell.text = text
    document.add_heading(word("riv_gaps_title", lang), level=1)
    titles = {s.id: s.title(lang) for s in SECTIONS}
    for section_id, message in contents.gaps:
        document.add_paragraph(f"{titles[section_id]}: {message}", style="List Bullet")
    if not contents.gaps:
        document.add_paragraph(word("riv_no_gaps", lang))
    if contents.review:
        document.add_heading(word("riv_review_title", lang), level=1)
        document.add_paragraph(word("riv_review_intro", lang))
        for name, first, last in contents.review:
            document.add_paragraph(word("riv_review_item", lang, path=name, first=first, last=last), style="List Bullet")
    document.add_heading(word("riv_notes", lang), level=1)
    document.add_paragraph("")
    document.add_paragraph(word("riv_receipt", lang))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
