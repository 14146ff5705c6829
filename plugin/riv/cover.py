"""The voorblad: the case's data from the workbook, the table of contents, the gaps and what to review.

One model (Contents) feeds the PDF cover here and the editable Inhoud.docx (plugin.riv.inhoud),
so both say the same. Every text on them passes the AVG guard first (Redactor): a file name or
message that names a diagnosis gets "[…]" for the word, so the generated parts never carry one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from plugin.core.dates import format_date
from plugin.core.privacy import find_terms
from plugin.core.words import word
from plugin.riv import render
from plugin.riv.sections import SECTIONS

REDACTED = "[…]"


class Redactor:
    """The AVG guard on generated text: medical words replaced, the case's own names kept."""

    def __init__(self, row=None):
        from plugin.documents.privacy_guard import exempt_values, work_values

        self.exempt = exempt_values(row) if row is not None else []
        self.work = work_values(row) if row is not None else []

    def hits(self, text: str) -> list:
        return find_terms(text, self.exempt, self.work) if text else []

    def __call__(self, text: str) -> str:
        for hit in reversed(self.hits(text)):
            text = text[:hit.start] + REDACTED + text[hit.end:]
        return text


@dataclass
class Entry:
    section: str
    title: str            # the document's type (or file name) as the contents show it
    name: str             # the file name
    date: dt.date | None
    first: int            # pages in the whole RIV, 1-based
    last: int
    part: int = 1


@dataclass
class Contents:
    case: str
    employee: str
    lang: str
    facts: list[tuple[str, str]]          # (label, value) from the workbook
    entries: list[Entry]
    gaps: list[tuple[str, str]]           # (section, message)
    review: list[tuple[str, int, int]]    # (file name, first page, last page)
    parts: int = 1
    made_on: dt.date = field(default_factory=dt.date.today)

    def lines(self) -> list[str]:
        """Every text the cover shows (for the guard's test and the gap list)."""
        out = [self.case, self.employee] + [f"{k}: {v}" for k, v in self.facts]
        out += [f"{e.title} {e.name}" for e in self.entries] + [m for _, m in self.gaps]
        return out + [name for name, _, _ in self.review]


def case_facts(plan, lang: str) -> list[tuple[str, str]]:
    """The administrative data of Regeling art. 6 as the workbook records it."""
    row, result = plan.row, plan.result
    first = result.first_sick_day if result else None
    facts = [(word("riv_case", lang), plan.case), (word("riv_employee", lang), plan.employee)]
    if row is not None:
        facts += [(word("riv_employer", lang), row["werkgever"] or ""), (word("riv_job", lang), row["functie"] or ""),
                  (word("riv_hours", lang), _text(row["contracturen"]))]
    facts.append((word("riv_first_sick_day", lang), format_date(first, lang) if first else "—"))
    if row is not None and len(row.sick_periods) > 1:
        periods = [f"{format_date(p['van'], lang, 'short')} – "
                   f"{format_date(p['tot'], lang, 'short') if p.get('tot') else word('riv_until_now', lang)}"
                   for p in row.sick_periods]
        facts.append((word("riv_periods", lang), "; ".join(periods)))
    if row is not None:
        for key, label in (("casemanager", "riv_casemanager"), ("bedrijfsarts", "riv_physician"),
                           ("arbeidsdeskundige", "riv_expert"), ("re_integratiebureau", "riv_bureau"),
                           ("spoor", "riv_track")):
            if row[key]:
                facts.append((word(label, lang), _text(row[key])))
    if plan.due:
        facts.append((word("riv_due", lang), format_date(plan.due, lang)))
    if row is not None and row["datum_wia_aanvraag"]:
        facts.append((word("riv_wia", lang), format_date(row["datum_wia_aanvraag"], lang)))
    facts.append((word("riv_made_on", lang), format_date(plan.as_of, lang)))
    return facts


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cover_pdf(contents: Contents) -> bytes:
    """The cover and table of contents as PDF pages (numbered later with the rest)."""
    lang = contents.lang
    width = A4[0] - 2 * render.MARGIN
    story = [render.para(word("riv_cover_title", lang), "title"),
             render.para(f"{contents.case} · {contents.employee} — {word('riv_cover_sub', lang)}", "sub"),
             render.grid([[render.para(k, "cellb"), render.para(v, "cell")] for k, v in contents.facts],
                         [55 * mm, width - 55 * mm], header=False),
             render.para(word("riv_contents", lang), "h")]
    story.append(_contents_table(contents, width))
    story.append(render.para(word("riv_gaps_title", lang), "h"))
    if contents.gaps:
        titles = {s.id: s.title(lang) for s in SECTIONS}
        story += [render.para(f"{titles[s]}: {m}", "gap", bullet="•") for s, m in contents.gaps]
    else:
        story.append(render.para(word("riv_no_gaps", lang)))
    if contents.review:
        story += [render.para(word("riv_review_title", lang), "h"), render.para(word("riv_review_intro", lang), "small")]
        story += [render.para(word("riv_review_item", lang, path=n, first=a, last=b), "gap", bullet="•")
                  for n, a, b in contents.review]
    story += [Spacer(1, 14), render.para(word("riv_receipt", lang), "small")]
    return render.build(story)


def _contents_table(contents: Contents, width: float):
    lang = contents.lang
    split = contents.parts > 1
    header = [word("riv_document", lang), word("riv_file", lang), word("riv_date", lang), word("riv_page", lang)]
    widths = [52 * mm, width - 52 * mm - 22 * mm - 20 * mm, 22 * mm, 20 * mm]
    if split:
        header.append(word("riv_part", lang))
        widths = [48 * mm, width - 48 * mm - 22 * mm - 16 * mm - 12 * mm, 22 * mm, 16 * mm, 12 * mm]
    rows = [[render.para(h, "cellb") for h in header]]
    spans = []
    for number, section in enumerate(SECTIONS, start=1):
        entries = [e for e in contents.entries if e.section == section.id]
        spans.append(len(rows))
        rows.append([render.para(f"{number}. {section.title(lang)}", "cellb")] + [""] * (len(header) - 1))
        for e in entries:
            pages = str(e.first) if e.first == e.last else f"{e.first}-{e.last}"
            row = [render.para(e.title, "cell"), render.para(e.name, "cell"),
                   render.para(format_date(e.date, lang, "short") if e.date else "—", "cell"), render.para(pages, "cell")]
            if split:
                row.append(render.para(str(e.part), "cell"))
            rows.append(row)
        if not entries and section.id != "administratief":
            rows.append([render.para(word("riv_none", lang), "small")] + [""] * (len(header) - 1))
    table = render.grid(rows, widths)
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    table.setStyle(TableStyle([cmd for i in spans for cmd in (("SPAN", (0, i), (-1, i)),
                                                              ("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f4f6f8")))]))
    return table
