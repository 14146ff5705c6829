"""The verdict of one case: is this dossier in order, and what is open or late, by due date.

One answer everywhere. The cases list, the case page, the check report, the task panes, the
monthly report and the deadline signals all show this record, made once per case by
plugin.services. With dossier evidence (folders, mailboxes) it follows the checker's findings
and the calendar built from the documents (basis "dossier"); without, the workbook's calendar
alone (basis "workbook"), and every surface says so.

Status, in order of precedence:
- workbook_error: the case's workbook row has an error, nothing can be counted;
- closed: recovered on or before the day, or the waiting time (week 104 plus an extension)
  is over; its counts still show what the dossier lacks;
- late: an error finding (dossier), or a deadline passed without its document (workbook);
- unknown: no first sick day is known (a folder without a workbook row or a date in it);
- soon: something is due within two weeks (DUE_SOON, the calendar's own definition);
- ok: otherwise (warnings may remain, e.g. a late document with a recorded reason; the counts
  show them).
Pure: records in, a record out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from plugin.core.doctypes import EVALUATION_TYPES
from plugin.core.words import word
from plugin.core.wvp_calendar import DEFS, DUE_SOON, CaseCalendar

STATUSES = ("late", "soon", "ok", "closed", "unknown", "workbook_error")
OPEN_STATES = ("overdue", "due_soon", "open")
EVALUATION = "evaluatie"


class FindingLike(Protocol):
    """What the verdict reads of a finding (plugin.check.findings.Finding)."""

    rule: str
    severity: str
    type: str | None
    due: dt.date | None
    message: str
    title: str


@dataclass(frozen=True)
class Item:
    """One open or late thing of a case: a milestone, an evaluation, or a finding."""

    code: str                 # milestone code, 'evaluatie', or the rule id of a finding without a milestone
    title: str
    due: dt.date | None
    state: str                # late | soon | open (by date alone)
    severity: str | None      # error | warning (from a finding or, on the workbook basis, from the date)
    rule: str | None = None   # the rule that found it (dossier basis)
    message: str = ""         # the finding's own sentence

    def to_json(self, lang: str = "nl") -> dict:
        return {"code": self.code, "title": self.title, "due": self.due.isoformat() if self.due else None,
                "state": self.state, "state_text": word(f"item_{self.state}", lang), "severity": self.severity,
                "rule": self.rule, "message": self.message}


@dataclass(frozen=True)
class Verdict:
    case_id: str
    employee: str
    status: str
    basis: str                          # dossier | workbook
    week: int | None
    counts: dict[str, int] = field(default_factory=dict)   # error, warning, info
    items: tuple[Item, ...] = ()        # open and late, by due date (undated last)
    in_workbook: bool = True
    employer: str = ""
    casemanager: str = ""
    folder: str | None = None

    @property
    def next(self) -> Item | None:
        """The first item still ahead or late, unless the case is closed."""
        if self.status == "closed":
            return None
        return next((i for i in self.items if i.due is not None), None)

    @property
    def late(self) -> int:
        """How many errors are past their due date (a late item with a recorded reason is a warning)."""
        return sum(1 for i in self.items if i.state == "late" and i.severity == "error")

    def label(self, lang: str = "nl") -> str:
        """'te laat', or 'te laat · niet in de werkmap'."""
        text = word(f"status_{self.status}", lang)
        return text if self.in_workbook else f"{text} · {word('not_in_workbook', lang)}"

    def to_json(self, lang: str = "nl") -> dict:
        upcoming = self.next
        return {"case": self.case_id, "employee": self.employee, "employer": self.employer,
                "casemanager": self.casemanager, "status": self.status, "status_text": self.label(lang),
                "in_workbook": self.in_workbook, "basis": self.basis, "basis_text": word(f"basis_{self.basis}", lang),
                "week": self.week, "folder": self.folder, "counts": dict(self.counts), "late": self.late,
                "items": [i.to_json(lang) for i in self.items],
                "next": upcoming.to_json(lang) if upcoming else None}


def is_closed(calendar: CaseCalendar, as_of: dt.date) -> bool:
    """Recovered on or before as_of, or the waiting time (with any extension) is over."""
    recovered = calendar.clock.recovered_on
    if recovered is not None and recovered <= as_of:
        return True
    end = calendar.milestone("einde_wachttijd").due
    return end is not None and end < as_of


def state_of(due: dt.date | None, as_of: dt.date) -> str:
    if due is None or due - as_of > DUE_SOON:
        return "open"
    return "late" if due < as_of else "soon"


def calendar_items(calendar: CaseCalendar, as_of: dt.date, lang: str = "nl") -> list[Item]:
    """Milestones and evaluation windows with a due date that are not done and still apply.

    A milestone no record tracks (the re-integratieverslag, the end of the waiting time) is
    shown while it lies ahead: whether it was done cannot be known from the workbook.
    """
    items = []
    for m in calendar.milestones:
        status = m.status(as_of)
        if m.due and (status in OPEN_STATES or (status == "not_tracked" and m.due >= as_of)):
            items.append(Item(m.code, m.title(lang), m.due, state_of(m.due, as_of), None))
    items += [Item(EVALUATION, word("evaluation", lang), g.due, state_of(g.due, as_of), None)
              for g in calendar.evaluations if g.done is None]
    return items


def _milestone_of(doc_type: str | None) -> str | None:
    if doc_type in EVALUATION_TYPES and doc_type not in ("eerstejaarsevaluatie", "eindevaluatie"):
        return EVALUATION
    return next((code for code, d in DEFS.items() if doc_type and d.doc_type == doc_type), None)


def finding_items(findings: Iterable[FindingLike], as_of: dt.date, lang: str = "nl") -> list[Item]:
    """Every error and warning as an item; one tied to a milestone is named by it."""
    items = []
    for f in findings:
        if f.severity not in ("error", "warning"):
            continue
        code = _milestone_of(f.type)
        title = DEFS[code].title_en if code in DEFS and lang == "en" else DEFS[code].title_nl if code in DEFS \
            else word("evaluation", lang) if code == EVALUATION else (f.title or f.rule)
        items.append(Item(code or f.rule, title, f.due, state_of(f.due, as_of), f.severity, f.rule, f.message))
    return items


def _covered(item: Item, by: Sequence[Item]) -> bool:
    if item.code == EVALUATION:
        return any(other.code == EVALUATION and other.due == item.due for other in by)
    return any(other.code == item.code for other in by)


def _sorted(items: Iterable[Item]) -> tuple[Item, ...]:
    return tuple(sorted(items, key=lambda i: (i.due is None, i.due or dt.date.max, i.code)))


def verdict(case_id: str, employee: str, calendar: CaseCalendar | None, as_of: dt.date, *, lang: str = "nl",
            findings: Sequence[FindingLike] | None = None, in_workbook: bool = True, blocked: bool = False,
            employer: str = "", casemanager: str = "", folder: str | None = None) -> Verdict:
    """The verdict of one case.

    findings None: the workbook basis (the calendar alone); a list, even empty: the dossier
    basis (the check's findings and the calendar built from the documents).
    """
    basis = "workbook" if findings is None else "dossier"
    week = calendar.week_at(as_of) if calendar else None
    common = dict(in_workbook=in_workbook, employer=employer, casemanager=casemanager, folder=folder)
    if blocked:
        return Verdict(case_id, employee, "workbook_error", basis, None, {"error": 0, "warning": 0, "info": 0},
                       **common)
    ahead = calendar_items(calendar, as_of, lang) if calendar else []
    if findings is None:
        items = [Item(i.code, i.title, i.due, i.state, {"late": "error", "soon": "warning"}.get(i.state))
                 for i in ahead]
        counts = {"error": sum(1 for i in items if i.state == "late"),
                  "warning": sum(1 for i in items if i.state == "soon"), "info": 0}
    else:
        # Past deadlines come from the findings alone: a case without its folder, or a rule set
        # without a rule for a milestone, is not called late on a deadline no rule judged.
        found = finding_items(findings, as_of, lang)
        items = found + [i for i in ahead if i.state != "late" and not _covered(i, found)]
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    items = _sorted(items)
    if calendar is not None and is_closed(calendar, as_of):
        status = "closed"
        items = tuple(i for i in items if i.severity is not None)   # what the dossier lacks, not what lies ahead
    elif counts["error"]:
        status = "late"
    elif calendar is None:
        status = "unknown"
    elif any(i.state == "soon" for i in items):
        status = "soon"
    else:
        status = "ok"
    return Verdict(case_id, employee, status, basis, week, counts, items, **common)
