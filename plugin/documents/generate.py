"""From a loaded workbook to Word documents: plan the jobs, render them, write them.

Library code: it yields outcomes and never prints. Cases with a workbook problem get no
documents; everything else goes ahead.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from enum import StrEnum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping, Sequence

import plugin
from plugin.documents.context import build_context
from plugin.documents.one_off import ONE_OFF_DOCS, Made, earlier_copy, in_output_folder
from plugin.documents.plan_notes import dated_today_note, late_notes, made_before_note, no_evaluation_on
from plugin.documents.privacy_guard import check_document
from plugin.core.doctypes import DOC_TYPES
from plugin.errors import OutputExists, PoortwachterError, TemplateProblem
from plugin.output import MAX_NAME, safe_case_id, safe_name, write_many
from plugin.documents.render import CompiledTemplate
from plugin.readers.model import Limits
from plugin.resources import templates_dir
from plugin.workbook.load import Case, Workbook
from plugin.workbook.facts import calendar_for, case_language

# Read from each type's record (plugin.core.doctypes): made by default, file label, dating column.
BUILTIN_DOCS = tuple(d.id for d in sorted((d for d in DOC_TYPES.values() if d.generated), key=lambda d: d.generated))
FILE_LABELS = {d.id: d.file_label for d in DOC_TYPES.values() if d.file_label}
# The workbook column that dates a per-case document when --date is not given.
DATE_COLUMN = {d.id: d.date_column for d in DOC_TYPES.values() if d.date_column}
PARALLEL_FROM = 40  # documents; below this a second process costs more than it saves


@dataclass(frozen=True)
class Job:
    case_id: str
    doc: str
    lang: str
    date: dt.date
    path: Path
    evaluation_index: int | None = None
    period: tuple[dt.date, dt.date] | None = None
    notes: tuple[str, ...] = ()     # what the user should know about it (dated today, made late)


class DocStatus(StrEnum):
    WRITTEN = "written"
    EXISTS = "exists"       # not overwritten (no --force)
    MADE_BEFORE = "made_before"   # a one-off document the case already has (no --force)
    SKIPPED = "skipped"     # not applicable to this case
    ERROR = "error"


@dataclass(frozen=True)
class DocResult:
    """What happened to one planned document."""
    case_id: str
    doc: str
    status: DocStatus
    message: str = ""
    path: Path | None = None
    notes: tuple[str, ...] = ()     # warnings and remarks the run shows with it (Job.notes)


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    skipped: list[DocResult] = field(default_factory=list)


def find_template(folder: Path, lang: str, doc: str) -> Path | None:
    for candidate in (folder / lang / f"{doc}.docx", folder / f"{doc}.docx"):
        if candidate.is_file():
            return candidate
    return None


def available_docs(folder: Path) -> list[str]:
    """Built-in documents plus any template named after a known document type."""
    found = set()
    for path in list(folder.glob("*.docx")) + list(folder.glob("*/*.docx")):
        if path.stem in DOC_TYPES and not path.name.startswith("~$"):
            found.add(path.stem)
    return [d for d in BUILTIN_DOCS if d in found] + sorted(found - set(BUILTIN_DOCS))


def _second_track(case: Case) -> bool:
    return "2" in (case["spoor"] or "") or case["start_2e_spoor"] is not None


# A type's `generate_when` (its record) -> (does the case meet it, why not).
GENERATE_WHEN = {
    "tweede_spoor": (_second_track, "geen 2e spoor (kolom Spoor of Start 2e spoor)"),
    "tweede_spoor_of_einde": (lambda case: bool(_second_track(case) or case["datum_eindevaluatie"]
                                                or case["datum_wia_aanvraag"]),
                              "nog geen 2e spoor, eindevaluatie of WIA-aanvraag"),
    "evaluaties": (lambda case: bool(case.evaluations), "geen rijen op blad Evaluaties"),
}


def _applies(case: Case, doc: str) -> str | None:
    """Why a document does not apply to a case (None: it does)."""
    condition = DOC_TYPES[doc].generate_when if doc in DOC_TYPES else None
    if condition is None:
        return None
    met, reason = GENERATE_WHEN[condition]
    return None if met(case) else reason


PERIODIC_DOCS = tuple(d.id for d in DOC_TYPES.values() if d.periodic)  # need a period: --month, or the mail-out


def case_folder(case: Case) -> str:
    """The output folder of a case: "<Casusnummer> <Naam werknemer>".

    A case number that cannot be a file name as it is (2025/001) gets a short fixed code from
    the number as typed, so 2025/001 and 2025_001 never share a folder: "2025_001 Jan (3f9a2c)".
    """
    name = safe_name(f"{case.id} {case.name}")
    if safe_name(case.id) == case.id:
        return name
    code = safe_case_id(case.id)[-9:]   # " (3f9a2c)"
    return safe_name(name[:MAX_NAME - len(code)] + code)


def folder_clashes(workbook: Workbook) -> dict[str, str]:
    """Cases whose folders would be one and the same on disk (also where case does not count,
    as on Windows and macOS): case id -> the error, naming both rows."""
    seen: dict[str, Case] = {}
    clashes: dict[str, str] = {}
    for case in workbook.cases.values():
        key = case_folder(case).casefold()
        other = seen.setdefault(key, case)
        if other is not case:
            for this, that in ((case, other), (other, case)):
                clashes[this.id] = (f"de map '{case_folder(this)}' valt samen met die van casus {that.id} "
                                    f"(blad Casussen, rij {that.row}); maak Casusnummer of Naam werknemer "
                                    f"verschillend (rij {this.row} en rij {that.row})")
    return clashes


def plan_jobs(workbook: Workbook, out_dir: Path, folder: Path | None = None, docs: list[str] | None = None,
              case_ids: list[str] | None = None, lang: str | None = None, date: dt.date | None = None,
              today: dt.date | None = None, period: tuple[dt.date, dt.date] | None = None,
              made: Mapping[str, Sequence[Made]] | None = None, force: bool = False) -> Plan:
    """Which documents to make for which cases, and where. `period` enables periodic reports.

    A one-off document (one_off.ONE_OFF_DOCS) the case already has for that waiting time, in its
    output folder or in `made` (case id -> what its dossier holds), is not planned again unless
    `force`: its result says where it is (DocStatus.MADE_BEFORE).
    """
    folder = folder or templates_dir()
    today = today or dt.date.today()
    explicit = bool(docs)
    docs = docs or available_docs(folder)
    plan = Plan()
    blocked = workbook.blocked_ids()
    clashes = folder_clashes(workbook)
    wanted = list(workbook.cases) if not case_ids else case_ids
    for case_id in wanted:
        case = workbook.cases.get(case_id)
        if case is None:
            plan.skipped.append(DocResult(case_id, "", DocStatus.ERROR, "casus staat niet in de werkmap"))
            continue
        if case_id in blocked:
            plan.skipped.append(DocResult(case_id, "", DocStatus.ERROR, "fouten in de werkmap (zie boven); niets gemaakt"))
            continue
        if case_id in clashes:
            plan.skipped.append(DocResult(case_id, "", DocStatus.ERROR, clashes[case_id]))
            continue
        case_lang = lang or case_language(case)
        folder_name = case_folder(case)
        existing: list[Made] | None = None
        used: set[Path] = set()
        for doc in docs:
            if doc in PERIODIC_DOCS and period is None:
                if explicit:
                    plan.skipped.append(DocResult(case_id, doc, DocStatus.ERROR, "geef de maand op met --month JJJJ-MM"))
                continue
            reason = _applies(case, doc)
            if reason and doc == "evaluatie" and explicit:
                reason = no_evaluation_on(case, date)   # asked for: say what to add
            if reason and not (explicit and doc != "evaluatie"):
                plan.skipped.append(DocResult(case_id, doc, DocStatus.SKIPPED, reason))
                continue
            label = FILE_LABELS.get(doc, (DOC_TYPES[doc].title_nl, DOC_TYPES[doc].title_en))[case_lang == "en"]
            notes: tuple[str, ...] = ()
            if doc == "evaluatie":
                rows = [(i, r["datum"]) for i, r in enumerate(case.evaluations) if date is None or r["datum"] == date]
                if not rows and date is not None and explicit:
                    status = DocStatus.ERROR if case_ids else DocStatus.SKIPPED
                    plan.skipped.append(DocResult(case_id, doc, status, no_evaluation_on(case, date)))
            elif doc in PERIODIC_DOCS:
                rows = [(None, date or min(period[1], today))]
            else:
                column = DATE_COLUMN.get(doc)
                rows = [(None, date or (case[column] if column else None) or today)]
                if date is None and not (column and case[column]):
                    notes = (dated_today_note(column, today),)
            for index, doc_date in rows:
                if doc in ONE_OFF_DOCS and not force:
                    if existing is None:
                        existing = in_output_folder(out_dir / folder_name, case_id, _one_off_labels()) \
                            + list((made or {}).get(case_id, ()))
                    before = earlier_copy(case, doc, doc_date, existing)
                    if before is not None:
                        plan.skipped.append(DocResult(case_id, doc, DocStatus.MADE_BEFORE, made_before_note(doc, before),
                                                      before.path))
                        continue
                path = out_dir / folder_name / safe_name(f"{doc_date:%Y-%m-%d} {label}.docx")
                n = 2
                while path in used:
                    path = out_dir / folder_name / safe_name(f"{doc_date:%Y-%m-%d} {label} ({n}).docx")
                    n += 1
                used.add(path)
                plan.jobs.append(Job(case_id, doc, case_lang, doc_date, path, index,
                                     period if doc in PERIODIC_DOCS else None, notes + late_notes(case, doc, doc_date)))
    return plan


def _one_off_labels() -> dict[str, str]:
    """File label (nl and en) -> document type, for the one-off types."""
    labels = {}
    for doc in ONE_OFF_DOCS:
        for label in FILE_LABELS.get(doc, (DOC_TYPES[doc].title_nl, DOC_TYPES[doc].title_en)):
            labels[label] = doc
    return labels


class Renderer:
    """Compiled templates by (language, document), kept for the life of a process (the pool's
    workers live on between runs, as does the app): a template file that changed on disk
    (size, mtime, ctime or inode) is compiled again."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._cache: dict[tuple[str, str], tuple[tuple, CompiledTemplate]] = {}

    def template(self, lang: str, doc: str) -> CompiledTemplate:
        key = (lang, doc)
        path = find_template(self.folder, lang, doc)
        if path is None:
            raise TemplateProblem(f"{lang}/{doc}.docx", f"sjabloon niet gevonden in {self.folder}")
        try:
            info = os.stat(path)
            stamp = (str(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        except OSError:
            stamp = (str(path),)
        found = self._cache.get(key)
        if found is None or found[0] != stamp:
            found = self._cache[key] = (stamp, CompiledTemplate(path, lang))
        return found[1]


def render_job(renderer: Renderer, case: Case, job: Job, today: dt.date | None = None, calendar=None):
    """Render one document in memory; raises PoortwachterError subclasses on problems."""
    calendar = calendar or calendar_for(case)
    template = renderer.template(job.lang, job.doc)
    context = build_context(case, calendar, job.doc, job.lang, job.date, template.name, job.evaluation_index, today,
                            job.period)
    properties = {"Casusnummer": case.id, "Documenttype": job.doc, "Documentdatum": job.date.isoformat(),
                  "Sjabloon": f"{job.lang}/{template.name}", "Poortwachter-versie": plugin.__version__}
    document = template.render(context, properties)
    # Every part that travels with the file: body, headers, comments, properties, text boxes, ...
    check_document(case, document.parts_to_check(template.static_parts_clean), f"{job.lang}/{template.name}",
                   template.static_text)
    return document


def run_case(folder: Path, case: Case, jobs: list[Job], force: bool, today: dt.date | None = None,
             renderer: Renderer | None = None) -> list[DocResult]:
    """All jobs of one case. Nothing is written for the case if any of its documents fails."""
    renderer = renderer or _process_renderer(folder)
    calendar = calendar_for(case)
    rendered = []
    for job in jobs:
        try:
            rendered.append((job, render_job(renderer, case, job, today, calendar)))
        except PoortwachterError as exc:
            return [DocResult(j.case_id, j.doc, DocStatus.ERROR, str(exc) if j is job else "niet gemaakt: andere fout in deze casus")
                    for j in jobs]
    outcomes = []
    # all of the case's files synced to disk at once, then linked in: each whole or absent (output.write_many)
    for (job, _), error in zip(rendered, write_many([(job.path, document.data) for job, document in rendered],
                                                    force)):
        if error is None:
            outcomes.append(DocResult(job.case_id, job.doc, DocStatus.WRITTEN, path=job.path))
        elif isinstance(error, OutputExists):
            outcomes.append(DocResult(job.case_id, job.doc, DocStatus.EXISTS, str(error), job.path))
        else:
            outcomes.append(DocResult(job.case_id, job.doc, DocStatus.ERROR, f"kan niet schrijven: {error}", job.path))
    return outcomes


_RENDERERS: dict[Path, Renderer] = {}


def _process_renderer(folder: Path) -> Renderer:
    if folder not in _RENDERERS:
        _RENDERERS[folder] = Renderer(folder)
    return _RENDERERS[folder]


def _run_case_task(args) -> list[DocResult]:
    return run_case(*args)


def run_plan(workbook: Workbook, plan: Plan, folder: Path | None = None, force: bool = False,
             workers: int | None = None, today: dt.date | None = None) -> Iterator[list[DocResult]]:
    """Yield the outcomes case by case (for a progress bar). Uses all cores for big runs."""
    folder = folder or templates_dir()
    by_case: dict[str, list[Job]] = {}
    for job in plan.jobs:
        by_case.setdefault(job.case_id, []).append(job)
    tasks = [(folder, workbook.cases[cid], jobs, force, today) for cid, jobs in by_case.items()]
    workers = workers or _default_workers()
    if workers > 1 and len(plan.jobs) >= PARALLEL_FROM:
        pool = _pool(workers)
        step = workers * 8   # cases per map: the outcomes come per step (a progress bar), never all at the end
        for start in range(0, len(tasks), step):
            chunk = tasks[start:start + step]
            for task, outcomes in zip(chunk, pool.map(_run_case_task, chunk, limits=GENERATION_LIMITS,
                                                      workers=workers, fallback=_failed)):
                yield outcomes if not isinstance(outcomes, _Failed) else outcomes.results(task[2])
    else:
        for task in tasks:
            yield _run_case_task(task)


def run_case_guarded(folder: Path, case: Case, jobs: list[Job], force: bool,
                     today: dt.date | None = None) -> list[DocResult]:
    """run_case in a generation worker, under GENERATION_LIMITS: what the server uses, so a user
    template that never ends (a loop in a loop) costs one worker and an error, not a busy slot."""
    outcome = _pool(_default_workers()).call(_run_case_task, (folder, case, jobs, force, today),
                                             GENERATION_LIMITS, _failed)
    return outcome.results(jobs) if isinstance(outcome, _Failed) else outcome


def _default_workers() -> int:
    return min(os.cpu_count() or 1, 8)


# Generation runs on the reader pool's machinery (plugin/readers/pool.py: reused workers, a time
# and a memory limit per task, a worker killed and replaced on overrun), one pool of its own:
# its workers start from a clean forkserver process, not from this one, so they hold only the
# case they work on, not a copy of the whole workbook, and memory stays flat.
GENERATION_LIMITS = Limits()   # per case: max_seconds of wall time, max_memory_bytes of memory
_POOL = None
_POOL_LOCK = threading.Lock()


def _pool(workers: int):
    with _POOL_LOCK:   # the server's threads share one pool
        return _pool_of(workers)


def _pool_of(workers: int):
    global _POOL
    if _POOL is None or _POOL.size != workers:
        import multiprocessing

        from plugin.readers.pool import GuardedPool

        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        if method == "forkserver":
            multiprocessing.get_context(method).set_forkserver_preload(
                ["plugin.documents.generate", "plugin.core.privacy_preload"])
        if _POOL is not None:
            _POOL.shutdown()
        _POOL = GuardedPool(workers, GENERATION_LIMITS, start_method=method)
    return _POOL


@dataclass(frozen=True)
class _Failed:
    """A case whose task overran its limits or lost its worker (a file already linked in is whole)."""
    problem: str

    def results(self, jobs: list[Job]) -> list[DocResult]:
        return [DocResult(job.case_id, job.doc, DocStatus.ERROR, f"niet (helemaal) gemaakt: {self.problem}", job.path)
                for job in jobs]


def _failed(problem: str, transient: bool) -> _Failed:
    return _Failed(problem)
