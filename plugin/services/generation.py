"""Making documents from the workbook: many (the CLI's `generate`) or one (the app, the Word pane).

Both go through the same plan (plugin.documents.generate.plan_jobs) and the same writing
(run_plan / run_case): the AVG guard on every part, whole-or-nothing files, never overwriting
without force, every value as of the document's date (plugin.documents.horizon). A one-off
document the case already has, in the output folder or (with dossiers) in its dossier as the
dossier check recognises it, is not made again without force (plugin.documents.one_off). What
the run has to say about a document (dated today, made after its deadline, already there) is
in its DocResult: status, message and notes, which the CLI, the app and the Word pane show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from plugin.core.doctypes import DOC_TYPES
from plugin.core.month import Month, MonthError
from plugin.documents.generate import (PERIODIC_DOCS, DocResult, DocStatus, Plan, available_docs, case_folder,
                                       plan_jobs, run_case, run_case_guarded, run_plan)
from plugin.documents.one_off import DOSSIER, ONE_OFF_DOCS, Made
from plugin.errors import NotFound, OutputExists, PoortwachterError, UsageError
from plugin.services.sources import Sources
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
    # Where one-off documents may already be: the dossier folders (Sources.dossiers) and the scan
    # cache, read as the dossier check reads them. None: the output folder only.
    evidence: Sources | None = None


@dataclass
class GenerationRun:
    # every planned document: written, exists, made before, skipped, error; notes on each
    results: list[DocResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # to say once (a scan cache that could not be used)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def errors(self) -> list[DocResult]:
        return [r for r in self.results if r.status == DocStatus.ERROR]

    @property
    def made_before(self) -> list[DocResult]:
        """The one-off documents not made again because the case already has one."""
        return [r for r in self.results if r.status == DocStatus.MADE_BEFORE]


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
    notes: list[str] = []
    made = in_dossiers(request, workbook, request.cases or list(workbook.cases), notes)
    plan = plan_jobs(workbook, request.out, request.templates, list(request.docs or ()) or None,
                     list(request.cases or ()) or None, request.lang, request.date, today=request.today,
                     period=request.period, made=made, force=request.force)
    run = GenerationRun(list(plan.skipped), notes)
    for results in run_plan(workbook, plan, request.templates, force=request.force, today=request.today):
        results = with_notes(plan, results)
        run.results += results
        if on_case is not None:
            on_case(results)
    return run


def in_dossiers(request: GenerationRequest, workbook: Workbook, case_ids: Collection[str],
                notes: list[str]) -> dict[str, list[Made]]:
    """Per case, the one-off documents its dossier holds, as the dossier check recognises them
    (its classifier, through the scan cache); empty without dossiers or one-off documents asked for."""
    evidence = request.evidence
    if evidence is None or evidence.dossiers is None:
        return {}
    if request.docs and not set(request.docs) & set(ONE_OFF_DOCS):
        return {}
    from plugin.services.check import run_check

    sources = dataclasses.replace(evidence, workbook=workbook, mailboxes=())
    report = run_check(sources, only=[c for c in case_ids if c in workbook.cases])
    notes += report.notes
    return {case.case: [Made(d.type, d.date, DOSSIER, d.path) for d in case.documents
                        if getattr(d, "type", None) in ONE_OFF_DOCS]
            for case in report.result.cases}


def with_notes(plan: Plan, results: list[DocResult]) -> list[DocResult]:
    """The results of run_plan with the notes their jobs were planned with."""
    notes = {job.path: job.notes for job in plan.jobs if job.notes}
    return [dataclasses.replace(r, notes=notes[r.path]) if r.path in notes and not r.notes else r for r in results]


def generate_one(workbook: Workbook, case_id: str, doc: str, out: Path, templates: Path, *,
                 date: dt.date | None = None, lang: str | None = None, force: bool = False,
                 month: str | None = None, today: dt.date | None = None,
                 evidence: Sources | None = None, guarded: bool = False) -> DocResult:
    """One document for one case (an evaluation without a date: the latest); raises when it is not
    made: NotMade with what to do, OutputExists (a conflict) when the file or, for a one-off
    document, one of its type is already there. The result's notes say what the user should know.
    guarded: rendered in a generation worker under a time and memory limit (the server)."""
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
    request = GenerationRequest(out, templates, (case_id,), (doc,), lang, date, period, force, today, evidence)
    check_request(request)
    notes: list[str] = []
    made = in_dossiers(request, workbook, [case_id], notes)
    plan = plan_jobs(workbook, out, templates, [doc], [case_id], lang, date, today=today, period=period,
                     made=made, force=force)
    errors = [o for o in plan.skipped if o.status == DocStatus.ERROR]
    if errors:
        raise NotMade(errors[0].message)
    if not plan.jobs:
        before = next((o for o in plan.skipped if o.status == DocStatus.MADE_BEFORE), None)
        if before is not None:
            raise OutputExists(f"{DOC_TYPES[doc].title_nl} {before.message}; kies 'overschrijven' om er toch een "
                               "nieuwe te maken", str(before.path or ""))
        reason = plan.skipped[0].message if plan.skipped else "niets te maken"
        raise NotMade(f"{doc} is niet te maken voor casus {case_id}: {reason}")
    job = max(plan.jobs, key=lambda j: j.date)
    make = run_case_guarded if guarded else run_case
    result = with_notes(plan, make(templates, workbook.cases[case_id], [job], force, today))[0]
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
