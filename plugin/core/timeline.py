"""The 104 weeks of a case as a picture's model: milestones, due dates, what is done and when, what is late.

`from_calendar` (the workbook calendar) and `from_check` (a check result's documents and
findings) build a `Timeline` of marks; the surfaces draw it (the app as SVG,
plugin.app.timeline_svg; the docx report as PNG, plugin.check.reporters.docx_layout). Marks
due within a week of each other in the same state are one mark ("AO/Eindev./RIV" at week 91),
so labels never pile up, and `key` spells out every abbreviation the picture uses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plugin.core.dates import format_date
from plugin.core.doctypes import DOC_TYPES
from plugin.core.words import MILESTONE_STATUS, word
from plugin.core.wvp_calendar import DUE_SOON, CaseCalendar

COLOURS = {"done": "#2e7d32", "done_late": "#ef6c00", "overdue": "#c62828", "due_soon": "#f9a825",
           "open": "#546e7a", "not_applicable": "#b0bec5", "not_tracked": "#90a4ae"}
LEGEND_STATES = ("done", "done_late", "overdue", "due_soon", "open", "not_applicable")
MERGE_WEEKS = 1.0    # marks this close, in the same state, are drawn as one
# Short labels by milestone code: each document type's record (core/doctypes.py), and the end.
SHORT = {**{t.milestone: t.short for t in DOC_TYPES.values() if t.milestone and t.short}, "einde_wachttijd": "Einde"}
SHORT_EN = {**{t.milestone: t.short_label("en") for t in DOC_TYPES.values() if t.milestone and t.short},
            "einde_wachttijd": "End"}


def short(code: str, lang: str) -> str | None:
    """The picture's label of a milestone, in the language of the picture."""
    return (SHORT_EN if lang == "en" else SHORT).get(code)


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
    legend: tuple[tuple[str, str], ...] | None = None   # (state, text); None: every state of LEGEND_STATES
    key: tuple[tuple[str, str], ...] = ()               # (abbreviation, what it stands for), as used

    def legend_items(self) -> tuple[tuple[str, str], ...]:
        if self.legend:
            return self.legend
        names = MILESTONE_STATUS["en" if self.lang == "en" else "nl"]
        return tuple((state, word("timeline_done_late", self.lang) if state == "done_late" else names[state])
                     for state in LEGEND_STATES)

    def words(self, key: str, **values) -> str:
        return word(key, self.lang, **values)


def _merged(marks: list[Mark]) -> tuple[Mark, ...]:
    """Big marks within MERGE_WEEKS of each other and in the same state as one mark."""
    big = sorted((m for m in marks if not m.small), key=lambda m: m.week)
    out: list[Mark] = []
    for mark in big:
        near = next((i for i in range(len(out) - 1, -1, -1) if out[i].state == mark.state
                     and mark.week - out[i].week <= MERGE_WEEKS), None)
        if near is not None and mark.label not in out[near].label.split("/"):
            other = out[near]
            out[near] = Mark(other.week, f"{other.label}/{mark.label}", other.state, f"{other.detail}; {mark.detail}",
                             other.done_week, False)
        else:
            out.append(mark)
    return tuple(sorted(out, key=lambda m: m.week)) + tuple(m for m in marks if m.small)


def _key(marks: tuple[Mark, ...], lang: str) -> tuple[tuple[str, str], ...]:
    """Each abbreviation on the picture with the name it stands for, in the order of the weeks."""
    names = {t.short_label(lang): t.title(lang) for t in DOC_TYPES.values() if t.short}
    names[short("einde_wachttijd", lang)] = word("timeline_end", lang)
    names["Ev."] = word("evaluation", lang)
    seen: dict[str, str] = {}
    for mark in sorted(marks, key=lambda m: m.week):
        for label in mark.label.rstrip("!").split("/"):
            label = label.rstrip("!")
            if label in names and label not in seen and label != names[label]:
                seen[label] = names[label]
    return tuple(seen.items())


def timeline(weeks: int, today: float | None, marks: list[Mark], lang: str,
             legend: tuple[tuple[str, str], ...] | None = None) -> Timeline:
    merged = _merged(marks)
    return Timeline(weeks, today, merged, lang, legend, _key(merged, lang))


def _week(first: dt.date, date: dt.date) -> float:
    return (date - first).days / 7


def from_calendar(calendar: CaseCalendar, as_of: dt.date, lang: str = "nl") -> Timeline:
    first = calendar.first_sick_day
    d = lambda v: format_date(v, lang, "short") if v else "—"  # noqa: E731
    w = lambda key: word(key, lang)  # noqa: E731
    marks = []
    for m in calendar.milestones:
        state = m.status(as_of)
        anchor = m.due or m.done
        if anchor is None:
            continue
        lapsed = m.lapsed_because(lang)
        detail = (f"{m.title(lang)} — {w('due').lower()} {d(m.due)}"
                  + (f", {w('done').lower()} {d(m.done)}" if m.done else "")
                  + (f" ({lapsed})" if lapsed and not m.done else ""))
        done_week = _week(first, m.done) if m.done and m.due and m.done != m.due else None
        marks.append(Mark(_week(first, anchor), short(m.code, lang) or m.title(lang), state, detail, done_week))
    label = "Ev."   # evaluation and Evaluatie alike
    for gap in calendar.evaluations:
        if gap.done:
            state = "done_late" if gap.late else "done"
            at = gap.done
        else:
            state = "overdue" if gap.due < as_of else ("due_soon" if gap.due - as_of <= DUE_SOON else "open")
            at = gap.due
        detail = (f"{w('evaluation')}: {w('due').lower()} {d(gap.due)}"
                  + (f", {w('held').lower()} {d(gap.done)}" if gap.done else ""))
        marks.append(Mark(_week(first, at), label, state, detail, small=True))
    weeks = max(104 + calendar.extension_weeks, int(max((mk.week for mk in marks), default=0)) + 2)
    today = _week(first, as_of)
    return timeline(weeks, today if 0 <= today <= weeks else None, marks, lang)


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
            marks.append(Mark(_week(first, doc.date), short(proves[doc.type], lang) or _short_title(doc.type, lang), "done",
                              f"{title} {d(doc.date)}"))
    for finding in case.findings:
        if finding.due is None or finding.severity == "info":
            continue
        late = finding.due < as_of
        state = "overdue" if finding.severity == "error" and late else "due_soon" if finding.severity == "warning" \
            else "open"
        code = proves.get(finding.type or "")
        label = short(code or "", lang) or _short_title(finding.type, lang) or finding.rule
        if finding.type in EVALUATION_TYPES:
            label = "Ev."
        marks.append(Mark(_week(first, finding.due), f"{label}!", state, f"{finding.rule}: {finding.message}"))
    weeks = max(104, int(max((m.week for m in marks), default=0)) + 2)
    today = _week(first, as_of)
    legend = (("done", word("timeline_document", lang)), ("overdue", word("timeline_error", lang)),
              ("due_soon", word("timeline_warning", lang)))
    return timeline(weeks, today if 0 <= today <= weeks else None, marks, lang, legend)


def _short_title(doc_type: str | None, lang: str) -> str:
    """A label short enough for the picture: the type's first word, at most 12 characters."""
    from plugin.core.doctypes import DOC_TYPES

    if doc_type not in DOC_TYPES:
        return ""
    word = DOC_TYPES[doc_type].title(lang).split()[0].rstrip(",")
    return word if len(word) <= 12 else word[:11] + "."
