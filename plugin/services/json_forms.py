"""The JSON form of the services' records: one shape for the API and the CLI's --format json."""

from __future__ import annotations

import datetime as dt

from plugin.core.wvp_calendar import DUE_SOON, STATUS_TEXT, CaseCalendar
from plugin.errors import Problem
from plugin.recognize.classify import explain
from plugin.services.cases import CaseDetail, Overview


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def problem_json(problem: Problem) -> dict:
    """A workbook problem as the CLI shows it, plus its parts (sheet, row, column)."""
    return {"message": str(problem), "sheet": problem.sheet, "row": problem.row, "column": problem.column,
            "case": problem.case_id}


def calendar_json(calendar: CaseCalendar, as_of: dt.date, lang: str = "nl") -> dict:
    """Every milestone with due, done and status, and every evaluation window."""
    words = STATUS_TEXT[lang]
    milestones = []
    for m in calendar.milestones:
        status = m.status(as_of)
        milestones.append({"code": m.code, "milestone": m.title(lang), "week": m.week, "due": iso(m.due),
                           "window_start": iso(m.window_start), "done": iso(m.done), "status": status,
                           "status_text": words[status], "party": m.party, "basis": m.basis,
                           "not_applicable": m.lapsed_because(lang)})
    evaluations = []
    for gap in calendar.evaluations:
        if gap.done:
            status = "done_late" if gap.late else "done"
        else:
            status = "overdue" if gap.due < as_of else ("due_soon" if gap.due - as_of <= DUE_SOON else "open")
        evaluations.append({"after": iso(gap.after), "due": iso(gap.due), "done": iso(gap.done), "status": status,
                            "status_text": words[status]})
    return {"first_sick_day": iso(calendar.first_sick_day), "week": calendar.week_at(as_of),
            "extension_weeks": calendar.extension_weeks, "notes": list(calendar.notes_in(lang)),
            "milestones": milestones, "evaluations": evaluations}


def overview_json(overview: Overview, lang: str = "nl") -> dict:
    """Every case's verdict, each with the workbook problems that concern it (sheet, row, column)."""
    problems = [problem_json(p) for p in overview.problems]
    rows = []
    for v in overview.verdicts:
        row = v.to_json(lang)
        row["problems"] = [p for p in problems if p["case"] == v.case_id] if v.in_workbook else []
        row["riv"] = overview.riv[v.case_id].to_json() if v.case_id in overview.riv else None
        rows.append(row)
    return {"basis": overview.basis, "cases": rows, "problems": problems, "notes": list(overview.notes)}


def document_json(doc, lang: str = "nl") -> dict:
    return {"path": doc.path, "type": doc.type, "date": iso(doc.date), "evidence": doc.evidence,
            "why": explain(getattr(doc, "why", "") or "", lang), "language": doc.language, "problem": doc.problem}


def finding_json(finding) -> dict:
    return {**finding.to_json(), "title": finding.title, "fix": finding.fix, "basis": finding.basis}


def case_json(detail: CaseDetail, as_of: dt.date, lang: str = "nl") -> dict:
    """GET /api/cases/{case}: the verdict's fields at the top (as in the list), then the rest."""
    verdict = detail.verdict
    data = verdict.to_json(lang)
    data["verdict"] = verdict.to_json(lang)
    data["problems"] = [problem_json(p) for p in detail.problems]
    data["calendar"] = calendar_json(detail.calendar, as_of, lang) if detail.calendar else None
    data["dossier_folder"] = str(detail.folder) if detail.folder else None
    data["documents"] = [document_json(d, lang) for d in detail.documents]
    data["findings"] = [finding_json(f) for f in detail.findings]
    data["notes"] = list(detail.notes)
    return data
