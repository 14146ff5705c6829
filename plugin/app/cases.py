"""Cases at a glance: per case its WVP week, a traffic light and the next milestone.

The light follows the CLI's `calendar` (workbook dates; plugin.core.wvp_calendar):
- closed: recovered (a `Tot` date on the last sick period, on or before today) or the
  waiting time (week 104 plus any extension) has ended;
- late: a milestone or evaluation whose due date has passed without being done;
- soon: one due within two weeks (wvp_calendar.DUE_SOON, the same as the checker);
- ok: otherwise.
A case the workbook blocks (an error on its row) gets status None and its problems.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plugin.core.wvp_calendar import DUE_SOON, STATUS_TEXT, CaseCalendar
from plugin.workbook.facts import calendar_for
from plugin.errors import Problem
from plugin.workbook.load import Case, Workbook

OPEN_STATES = ("overdue", "due_soon", "open")


@dataclass(frozen=True)
class OpenItem:
    code: str
    title: str
    due: dt.date
    late: bool


def problem_json(problem: Problem) -> dict:
    """A workbook problem as the CLI shows it, plus its parts (sheet, row, column)."""
    return {"message": str(problem), "sheet": problem.sheet, "row": problem.row, "column": problem.column,
            "case": problem.case_id}


def open_items(calendar: CaseCalendar, as_of: dt.date, lang: str = "nl") -> list[OpenItem]:
    """Milestones and evaluations with a due date that are not done (and still apply), by due date."""
    items = [OpenItem(m.code, m.title(lang), m.due, m.due < as_of) for m in calendar.milestones
             if m.due and m.status(as_of) in OPEN_STATES]
    label = "Evaluatie" if lang == "nl" else "Evaluation"
    items += [OpenItem("evaluatie", label, g.due, g.due < as_of) for g in calendar.evaluations if g.done is None]
    return sorted(items, key=lambda i: (i.due, i.code))


def is_closed(calendar: CaseCalendar, as_of: dt.date) -> bool:
    recovered = calendar.clock.recovered_on
    if recovered is not None and recovered <= as_of:
        return True
    end = calendar.milestone("einde_wachttijd").due
    return end is not None and end < as_of


def light(calendar: CaseCalendar, as_of: dt.date, items: list[OpenItem]) -> str:
    if is_closed(calendar, as_of):
        return "closed"
    if any(i.late for i in items):
        return "late"
    if any(i.due - as_of <= DUE_SOON for i in items):
        return "soon"
    return "ok"


def summary(case: Case, calendar: CaseCalendar | None, as_of: dt.date, lang: str = "nl",
            problems: list[Problem] | None = None) -> dict:
    """One row of GET /api/cases."""
    row = {"case": case.id, "employee": case.name, "employer": case["werkgever"], "casemanager": case["casemanager"],
           "week": None, "status": None, "next": None}
    if calendar is None:
        row["problems"] = [problem_json(p) for p in problems or []]
        return row
    items = open_items(calendar, as_of, lang)
    row["week"] = calendar.week_at(as_of)
    row["status"] = light(calendar, as_of, items)
    if items and row["status"] != "closed":
        row["next"] = {"milestone": items[0].title, "code": items[0].code, "due": items[0].due.isoformat()}
    return row


def summaries(workbook: Workbook, as_of: dt.date, lang: str = "nl") -> list[dict]:
    blocked = workbook.blocked_ids()
    rows = []
    for case in workbook.cases.values():
        if case.id in blocked:
            problems = [p for p in workbook.problems if p.case_id == case.id or p.blocks_all]
            rows.append(summary(case, None, as_of, lang, problems))
        else:
            rows.append(summary(case, calendar_for(case), as_of, lang))
    return rows


def calendar_json(calendar: CaseCalendar, as_of: dt.date, lang: str = "nl") -> dict:
    """Every milestone with due, done and status, and every evaluation window."""
    words = STATUS_TEXT[lang]
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    milestones = []
    for m in calendar.milestones:
        status = m.status(as_of)
        milestones.append({"code": m.code, "milestone": m.title(lang), "week": m.week, "due": iso(m.due),
                           "window_start": iso(m.window_start), "done": iso(m.done), "status": status,
                           "status_text": words[status], "party": m.party, "basis": m.basis,
                           "not_applicable": m.not_applicable})
    evaluations = []
    for gap in calendar.evaluations:
        if gap.done:
            status = "done_late" if gap.late else "done"
        else:
            status = "overdue" if gap.due < as_of else ("due_soon" if gap.due - as_of <= DUE_SOON else "open")
        evaluations.append({"after": iso(gap.after), "due": iso(gap.due), "done": iso(gap.done), "status": status,
                            "status_text": words[status]})
    return {"first_sick_day": iso(calendar.first_sick_day), "week": calendar.week_at(as_of),
            "extension_weeks": calendar.extension_weeks, "notes": list(calendar.notes),
            "milestones": milestones, "evaluations": evaluations}
