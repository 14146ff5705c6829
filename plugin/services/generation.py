"""Making documents from the workbook: many (the CLI's `generate`) or one (the app, the Word pane).

Both go through the same plan (plugin.documents.generate.plan_jobs) and the same writing
(run_plan / run_case): the AVG guard on every part, whole-or-nothing files, never overwriting
without force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from plugin.core.doctypes import DOC_TYPES
from plugin.core.month import Month, MonthError
from plugin.documents.generate import (PERIODIC_DOCS, DocResult, DocStatus, available_docs, case_folder, plan_jobs,
                                       run_case, run_plan)
from plugin.errors import NotFound, OutputExists, PoortwachterError, UsageError
from plugin.workbook.load import Workbook


@dataclass(frozen=True)
class GenerationRequest:
    out: Path
    templates: Path
    cases: tuple[str, ...] | None = None
    docs: tuple[str, ...] | None = None
    lang: str | None = None
    date: dt.date | None = None                       # evaluations held that day; the date of the others
    period: tuple[dt.date, dt.date] | None = None     # the month of a maandrapportage
    force: bool = False
    today: dt.date | None = None


@dataclass
class GenerationRun:
    results: list[DocResult] = field(default_factory=list)   # every planned document: written, exists, skipped, error

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def errors(self) -> list[DocResult]:
        return [r for r in self.results if r.status == DocStatus.ERROR]


class NotMade(PoortwachterError):
    """The one document asked for cannot be made (its reason says why, in the user's words)."""


def check_request(request: GenerationRequest) -> None:
    if not request.templates.is_dir():
        raise UsageError(f"sjablonenmap niet gevonden: {request.templates}")
    unknown = [d for d in request.docs or () if d not in DOC_TYPES]
    if unknown:
        raise UsageError(f"onbekend document: {', '.join(unknown)} (kies uit {', '.join(DOC_TYPES)})")
    if request.lang not in (None, "nl", "en"):
        raise UsageError("taal moet nl of en zijn")


def generate(workbook: Workbook, request: GenerationRequest,
             on_case: Callable[[list[DocResult]], None] | None = None) -> GenerationRun:
    """Every document of every case asked for; on_case(results) after each case (progress)."""
    check_request(request)
    plan = plan_jobs(workbook, request.out, request.templates, list(request.docs or ()) or None,
                     list(request.cases or ()) or None, request.lang, request.date, today=request.today,
                     period=request.period)
    run = GenerationRun(list(plan.skipped))
    for results in run_plan(workbook, plan, request.templates, force=request.force, today=request.today):
        run.results += results
        if on_case is not None:
            on_case(results)
    return run


def generate_one(workbook: Workbook, case_id: str, doc: str, out: Path, templates: Path, *,
                 date: dt.date | None = None, lang: str | None = None, force: bool = False,
                 month: str | None = None, today: dt.date | None = None) -> DocResult:
    """One document for one case (an evaluation without a date: the latest); raises when it is not made."""
    if case_id not in workbook.cases:
        raise NotFound(f"casus niet gevonden: {case_id}")
    if doc not in DOC_TYPES:
        raise UsageError(f"onbekend document: {doc} (kies uit {', '.join(DOC_TYPES)})")
    if doc not in available_docs(templates):
        raise NotMade(f"geen sjabloon voor {doc} in {templates}")
    period = None
    if doc in PERIODIC_DOCS:
        day = date or today or dt.date.today()
        try:
            chosen = Month.parse(month) if month else Month(day.year, day.month)
        except MonthError as exc:
            raise UsageError(str(exc)) from None
        period = (chosen.first, chosen.last)
    request = GenerationRequest(out, templates, (case_id,), (doc,), lang, date, period, force, today)
    check_request(request)
    plan = plan_jobs(workbook, out, templates, [doc], [case_id], lang, date, today=today, period=period)
    errors = [o for o in plan.skipped if o.status == DocStatus.ERROR]
    if errors:
        raise NotMade(errors[0].message)
    if not plan.jobs:
        reason = plan.skipped[0].message if plan.skipped else "niets te maken"
        raise NotMade(f"{doc} is niet te maken voor casus {case_id}: {reason}")
    job = max(plan.jobs, key=lambda j: j.date)
    result = run_case(templates, workbook.cases[case_id], [job], force, today)[0]
    if result.status == DocStatus.EXISTS:
        raise OutputExists(f"bestaat al: {job.path.name} (kies 'overschrijven' om het te vervangen)", str(job.path))
    if result.status != DocStatus.WRITTEN:
        raise NotMade(result.message or "document niet gemaakt")
    return result


def choices(templates: Path) -> list[dict]:
    """The document types there is a template for."""
    return [{"type": doc, "title": DOC_TYPES[doc].title_nl, "title_en": DOC_TYPES[doc].title_en}
            for doc in available_docs(templates)]


def output_folder(out: Path, workbook: Workbook, case_id: str) -> Path:
    case = workbook.cases.get(case_id)
    if case is None:
        raise NotFound(f"casus niet gevonden: {case_id}")
    return out / case_folder(case)


def generated(out: Path, workbook: Workbook, case_id: str) -> list[dict]:
    """The documents already in the case's output folder (made by generate, the app or the mail-out)."""
    if case_id not in workbook.cases:
        return []
    folder = output_folder(out, workbook, case_id)
    if not folder.is_dir() or folder.is_symlink():
        return []
    return [{"name": p.name, "size": p.stat().st_size} for p in sorted(folder.iterdir())
            if p.suffix.lower() in (".docx", ".pdf") and p.is_file() and not p.is_symlink()
            and not p.name.startswith((".", "~$"))]


def output_file(out: Path, workbook: Workbook, case_id: str, name: str) -> Path:
    """One file of the case's output folder, for download; never a path outside it."""
    folder = output_folder(out, workbook, case_id)
    path = folder / name
    if path.is_symlink() or not path.is_file() or path.resolve().parent != folder.resolve() \
            or Path(out).resolve() not in folder.resolve().parents:
        raise NotFound(f"niet gevonden in de uitvoermap: {name}")
    return path
