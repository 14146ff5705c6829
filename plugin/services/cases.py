"""The cases overview (one verdict per case) and one case in full.

With dossier folders or mailboxes the verdict follows the check (plugin.services.check), so the
list, the case page, the check report and the task panes agree; without, it follows the
workbook's calendar, and says so (basis "workbook"). A dossier folder that no workbook row
describes is a case too: it appears in the list and has its own page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plugin.core.case_facts import CaseFacts
from plugin.core.verdict import Verdict, verdict
from plugin.core.wvp_calendar import CaseCalendar
from plugin.errors import NotFound, Problem
from plugin.services.check import run_check
from plugin.services.sources import Sources
from plugin.workbook.facts import calendar_for, facts_from_case


@dataclass
class Overview:
    verdicts: list[Verdict]
    problems: list[Problem]             # the workbook's, each with sheet, row and column
    basis: str                          # dossier | workbook
    notes: list[str] = field(default_factory=list)
    riv: dict = field(default_factory=dict)   # case id -> its RIV state (plugin.riv.plan.RivState), with dossiers


@dataclass
class CaseDetail:
    verdict: Verdict
    facts: CaseFacts | None
    calendar: CaseCalendar | None       # the calendar the verdict follows (from the documents on the dossier basis)
    documents: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    folder: Path | None = None          # the case's dossier folder
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _problems_of(sources: Sources, case_id: str) -> list[Problem]:
    workbook = sources.workbook
    return [p for p in workbook.problems if p.case_id == case_id or p.blocks_all] if workbook else []


def _workbook_verdict(sources: Sources, case) -> tuple[Verdict, CaseCalendar | None]:
    blocked = case.id in sources.workbook.blocked_ids()
    calendar = None if blocked else calendar_for(case)
    judged = verdict(case.id, case.name, calendar, sources.as_of, lang=sources.lang, blocked=blocked,
                     employer=case["werkgever"] or "", casemanager=case["casemanager"] or "")
    return judged, calendar


def overview(sources: Sources) -> Overview:
    """Every case's verdict: the workbook's rows first, then dossier folders no row describes."""
    problems = list(sources.workbook.problems) if sources.workbook else []
    if sources.has_evidence:
        report = run_check(sources)
        return Overview(report.verdicts, problems, "dossier", report.notes,
                        {c.case: c.riv for c in report.result.cases if c.riv is not None})
    if sources.workbook is None:
        return Overview([], problems, "workbook")
    return Overview([_workbook_verdict(sources, case)[0] for case in sources.workbook.cases.values()], problems,
                    "workbook")


def case_detail(sources: Sources, case_id: str) -> CaseDetail:
    """One case: its facts, the calendar its verdict follows, its documents, findings and verdict."""
    row = sources.case(case_id)
    if not sources.has_evidence:
        if row is None:
            raise NotFound(f"casus niet gevonden: {case_id}")
        judged, calendar = _workbook_verdict(sources, row)
        facts = None if judged.status == "workbook_error" else facts_from_case(row)
        return CaseDetail(judged, facts, calendar, problems=_problems_of(sources, case_id))
    report = run_check(sources, only=[case_id])
    found = next((c for c in report.result.cases if c.case == case_id), None)
    if found is None:
        raise NotFound(f"casus niet gevonden: {case_id} (niet in de werkmap en geen dossiermap met dat nummer)")
    folder = None
    if found.folder and sources.dossiers is not None:
        root = Path(report.result.root) if report.result.root else sources.dossiers
        folder = root / found.folder
    facts = facts_from_case(row) if row is not None else None
    return CaseDetail(found.verdict, facts, found.calendar, found.documents, found.findings, folder,
                      _problems_of(sources, case_id), report.notes)


def calendars(sources: Sources, case_ids: list[str] | None = None) -> list[tuple[object, CaseCalendar | None]]:
    """(workbook case, its calendar from the recorded dates, None when its row is in error) per case."""
    workbook = sources.workbook
    wanted = case_ids or list(workbook.cases)
    unknown = [c for c in wanted if c not in workbook.cases]
    if unknown:
        raise NotFound(f"casus niet gevonden: {', '.join(unknown)}")
    blocked = workbook.blocked_ids()
    return [(workbook.cases[c], None if c in blocked else calendar_for(workbook.cases[c])) for c in wanted]
