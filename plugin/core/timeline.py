"""The 104 weeks of a case as a picture (SVG): milestones, due dates, what is done and when, what is late.

Two steps, so the same picture can come from the workbook calendar (the case page) or from a
check result (the report): `from_calendar` builds a `Timeline` of marks, `svg` draws it.
The drawing escapes every text it places, so names from a workbook cannot inject markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from plugin.core.dates import format_date
from plugin.core.doctypes import DOC_TYPES
from plugin.core.wvp_calendar import DUE_SOON, CaseCalendar

COLOURS = {"done": "#2e7d32", "done_late": "#ef6c00", "overdue": "#c62828", "due_soon": "#f9a825",
           "open": "#546e7a", "not_applicable": "#b0bec5", "not_tracked": "#90a4ae"}
LEGEND = {"nl": (("done", "gedaan"), ("done_late", "te laat gedaan"), ("overdue", "te laat"),
                 ("due_soon", "binnen 2 weken"), ("open", "open"), ("not_applicable", "vervalt")),
          "en": (("done", "done"), ("done_late", "done late"), ("overdue", "overdue"),
                 ("due_soon", "within 2 weeks"), ("open", "open"), ("not_applicable", "not applicable"))}
# Short labels by milestone code: each document type's record (core/doctypes.py), and the end.
SHORT = {**{t.milestone: t.short for t in DOC_TYPES.values() if t.milestone and t.short}, "einde_wachttijd": "Einde"}


@dataclass(frozen=True)
class Mark:
    week: float          # position on the axis (weeks since the first sick day)
    label: str
    state: str           # a key of COLOURS
    detail: str          # the tooltip: full name, dates, status
    done_week: float | None = None   # where it was done, when done late (a line from due to done)
    small: bool = False  # evaluations: smaller marks on their own line


@dataclass(frozen=True)
class Timeline:
    weeks: int
    today: float | None
    marks: tuple[Mark, ...]
    lang: str = "nl"
    legend: tuple[tuple[str, str], ...] | None = None   # (state, text); None: LEGEND[lang]

    def legend_items(self) -> tuple[tuple[str, str], ...]:
        return self.legend or LEGEND.get(self.lang, LEGEND["nl"])


def _week(first: dt.date, date: dt.date) -> float:
    return (date - first).days / 7


def from_calendar(calendar: CaseCalendar, as_of: dt.date, lang: str = "nl") -> Timeline:
    first = calendar.first_sick_day
    d = lambda v: format_date(v, lang, "short") if v else "—"  # noqa: E731
    marks = []
    for m in calendar.milestones:
        state = m.status(as_of)
        anchor = m.due or m.done
        if anchor is None:
            continue
        detail = (f"{m.title(lang)} — {'uiterlijk' if lang == 'nl' else 'due'} {d(m.due)}"
                  + (f", {'gedaan' if lang == 'nl' else 'done'} {d(m.done)}" if m.done else "")
                  + (f" ({m.not_applicable})" if m.not_applicable and not m.done else ""))
        done_week = _week(first, m.done) if m.done and m.due and m.done != m.due else None
        marks.append(Mark(_week(first, anchor), SHORT.get(m.code, m.title(lang)), state, detail, done_week))
    label = "Ev." if lang == "nl" else "Ev."
    for gap in calendar.evaluations:
        if gap.done:
            state = "done_late" if gap.late else "done"
            at = gap.done
        else:
            state = "overdue" if gap.due < as_of else ("due_soon" if gap.due - as_of <= DUE_SOON else "open")
            at = gap.due
        detail = (f"{'Evaluatie' if lang == 'nl' else 'Evaluation'}: {'uiterlijk' if lang == 'nl' else 'due'} "
                  f"{d(gap.due)}" + (f", {'gehouden' if lang == 'nl' else 'held'} {d(gap.done)}" if gap.done else ""))
        marks.append(Mark(_week(first, at), label, state, detail, small=True))
    weeks = max(104 + calendar.extension_weeks, int(max((mk.week for mk in marks), default=0)) + 2)
    today = _week(first, as_of)
    return Timeline(weeks, today if 0 <= today <= weeks else None, tuple(marks), lang)


def _rows(marks: list[Mark], x, gap: float = 6, rows: int = 4) -> list[int]:
    """A label row per mark so labels do not overlap (greedy, left to right)."""
    ends = [-1e9] * rows
    chosen = []
    for mark in marks:
        left = x(mark.week) - len(mark.label) * 3.3
        row = next((r for r in range(rows) if ends[r] + gap <= left), min(range(rows), key=lambda r: ends[r]))
        ends[row] = left + len(mark.label) * 6.6
        chosen.append(row)
    return chosen


def svg(timeline: Timeline, width: int = 960) -> str:
    left, right, axis_y = 24, 24, 118
    span = width - left - right
    x = lambda week: left + max(0.0, min(week, timeline.weeks)) / timeline.weeks * span  # noqa: E731
    nl = timeline.lang == "nl"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 210" width="100%" role="img" '
           f'class="timeline" aria-label="{escape("Tijdlijn van 104 weken" if nl else "Timeline of 104 weeks")}" '
           'font-family="system-ui, sans-serif" font-size="11">']
    out.append(f'<rect x="{left}" y="{axis_y - 5}" width="{span}" height="10" rx="5" fill="#e3e8ee"/>')
    if timeline.today is not None:
        out.append(f'<rect x="{left}" y="{axis_y - 5}" width="{x(timeline.today) - left:.1f}" height="10" rx="5" '
                   'fill="#b7c7d9"/>')
    for week in range(0, timeline.weeks + 1, 13):
        out.append(f'<line x1="{x(week):.1f}" y1="{axis_y + 6}" x2="{x(week):.1f}" y2="{axis_y + 11}" stroke="#78909c"/>')
        out.append(f'<text x="{x(week):.1f}" y="{axis_y + 23}" text-anchor="middle" fill="#546e7a">'
                   f'{"wk" if nl else "wk"} {week}</text>')
    big = sorted((m for m in timeline.marks if not m.small), key=lambda m: m.week)
    for mark, row in zip(big, _rows(big, x)):
        cx, label_y = x(mark.week), axis_y - 22 - row * 18
        colour = COLOURS[mark.state]
        out.append(f'<g class="mark mark-{mark.state}"><title>{escape(mark.detail)}</title>')
        out.append(f'<line x1="{cx:.1f}" y1="{label_y + 3}" x2="{cx:.1f}" y2="{axis_y - 6}" stroke="{colour}" '
                   'stroke-width="1" stroke-dasharray="2 2"/>')
        if mark.done_week is not None:
            out.append(f'<line x1="{cx:.1f}" y1="{axis_y}" x2="{x(mark.done_week):.1f}" y2="{axis_y}" '
                       f'stroke="{colour}" stroke-width="3"/>')
        shape = (f'<rect x="{cx - 5:.1f}" y="{axis_y - 5}" width="10" height="10" transform="rotate(45 {cx:.1f} {axis_y})"'
                 if mark.state in ("done", "done_late") else f'<circle cx="{cx:.1f}" cy="{axis_y}" r="6"')
        out.append(f'{shape} fill="{colour}" stroke="#fff" stroke-width="1.5"/>')
        out.append(f'<text x="{cx:.1f}" y="{label_y}" text-anchor="middle" fill="{colour}" font-weight="600">'
                   f'{escape(mark.label)}</text></g>')
    for mark in (m for m in timeline.marks if m.small):
        cx = x(mark.week)
        colour = COLOURS[mark.state]
        out.append(f'<g class="mark mark-eval mark-{mark.state}"><title>{escape(mark.detail)}</title>'
                   f'<path d="M{cx - 4:.1f},{axis_y + 40} L{cx + 4:.1f},{axis_y + 40} L{cx:.1f},{axis_y + 33} Z" '
                   f'fill="{colour}"/></g>')
    out.append(f'<text x="{left}" y="{axis_y + 52}" fill="#546e7a">'
               f'{escape("▲ evaluaties (uiterlijk elke 6 weken)" if nl else "▲ evaluations (at least every 6 weeks)")}'
               '</text>')
    if timeline.today is not None:
        tx = x(timeline.today)
        out.append(f'<line x1="{tx:.1f}" y1="18" x2="{tx:.1f}" y2="{axis_y + 12}" stroke="#1d2733" stroke-width="1.5"/>')
        out.append(f'<text x="{tx:.1f}" y="12" text-anchor="middle" font-weight="700" fill="#1d2733">'
                   f'{escape(("vandaag, week " if nl else "today, week ") + str(int(timeline.today) + 1))}</text>')
    lx = left
    for state, text in timeline.legend_items():
        out.append(f'<circle cx="{lx + 5}" cy="198" r="5" fill="{COLOURS[state]}"/>'
                   f'<text x="{lx + 14}" y="202" fill="#37474f">{escape(text)}</text>')
        lx += 24 + len(text) * 6.4
    out.append("</svg>")
    return "".join(out)


def from_check(case, as_of: dt.date, lang: str = "nl") -> Timeline | None:
    """The picture of a check result's case (CaseResult): its documents and its findings.

    Documents that prove a milestone are drawn where they are dated (done); findings with a
    due date where they were or are due, red for errors past due, amber for warnings. None
    when the first sick day is unknown (there is no week 0 to draw from).
    """
    from plugin.core.doctypes import EVALUATION_TYPES
    from plugin.core.doctypes import DOC_TYPES
    from plugin.core.wvp_calendar import MILESTONES

    first = case.first_sick_day
    if first is None:
        return None
    proves = {m.doc_type: m.code for m in MILESTONES if m.doc_type}
    d = lambda v: format_date(v, lang, "short") if v else "—"  # noqa: E731
    marks, seen = [], set()
    for doc in case.documents:
        if doc.date is None or doc.type is None or doc.date < first:
            continue
        title = DOC_TYPES[doc.type].title(lang) if doc.type in DOC_TYPES else doc.type
        if doc.type in EVALUATION_TYPES:
            marks.append(Mark(_week(first, doc.date), "Ev.", "done", f"{title} {d(doc.date)}", small=True))
        elif doc.type in proves and doc.type not in seen:
            seen.add(doc.type)
            marks.append(Mark(_week(first, doc.date), SHORT.get(proves[doc.type], _short_title(doc.type, lang)), "done",
                              f"{title} {d(doc.date)}"))
    for finding in case.findings:
        if finding.due is None or finding.severity == "info":
            continue
        late = finding.due < as_of
        state = "overdue" if finding.severity == "error" and late else "due_soon" if finding.severity == "warning" \
            else "open"
        code = proves.get(finding.type or "")
        label = SHORT.get(code, "") or _short_title(finding.type, lang) or finding.rule
        if finding.type in EVALUATION_TYPES:
            label = "Ev."
        marks.append(Mark(_week(first, finding.due), f"{label}!", state, f"{finding.rule}: {finding.message}"))
    weeks = max(104, int(max((m.week for m in marks), default=0)) + 2)
    today = _week(first, as_of)
    legend = ((("done", "document in het dossier"), ("overdue", "fout: te laat of ontbreekt"),
               ("due_soon", "waarschuwing")) if lang == "nl" else
              (("done", "document in the dossier"), ("overdue", "error: late or missing"), ("due_soon", "warning")))
    return Timeline(weeks, today if 0 <= today <= weeks else None, tuple(marks), lang, legend)


def _short_title(doc_type: str | None, lang: str) -> str:
    """A label short enough for the picture: the type's first word, at most 12 characters."""
    from plugin.core.doctypes import DOC_TYPES

    if doc_type not in DOC_TYPES:
        return ""
    word = DOC_TYPES[doc_type].title(lang).split()[0].rstrip(",")
    return word if len(word) <= 12 else word[:11] + "."
