"""The dossier check: every case's documents, findings and verdict, from whatever evidence is given.

The CLI's `check`, the app's check page and job, the case page, the cases overview, the RIV and
the deadline signals all come here, so a dossier gets one answer. The documents are the
evidence; the workbook supplies the first sick day, the periods, an extension and recorded
reasons (plugin.check.run, plugin.check.evaluate).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from pathlib import Path
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from plugin.check.evaluate import evaluate
from plugin.check.findings import CaseResult, CheckResult
from plugin.check.rules import Rule, load_rules
from plugin.check.run import start_check, workbook_facts
from plugin.errors import Conflict, UsageError
from plugin.services.evidence import SCAN_LOCK, mail_documents, scan_cache
from plugin.services.sources import Sources

NO_EVIDENCE = "geen dossiermap: geef een map met één submap per casus (--dossiers MAP), of een mailbox (--mailbox URI)"


@dataclass
class CheckReport:
    result: CheckResult                 # per case: documents, findings, calendar and verdict
    notes: list[str] = field(default_factory=list)   # to say once: a cache that could not be used, OCR missing

    @property
    def verdicts(self) -> list:
        return [case.verdict for case in self.result.cases]


def rules_of(sources: Sources) -> list[Rule]:
    """The rules in force: the bureau's own (--rules) or checks/. Read once per version of the
    rule files (their names, sizes and times): the stream asks for them per chunk of cases."""
    from plugin.check.rules import RULE_FILE_GLOB
    from plugin.resources import checks_dir

    folder = Path(sources.rules) if sources.rules else checks_dir()
    try:
        files = sorted(folder.glob(RULE_FILE_GLOB)) if folder.is_dir() else [folder]
        stamp = tuple((str(f), s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino) for f in files for s in [f.stat()])
    except OSError:
        return load_rules(sources.rules) if sources.rules else load_rules()
    return list(_rules(str(folder), bool(sources.rules), stamp))


@functools.lru_cache(maxsize=8)
def _rules(folder: str, own: bool, stamp: tuple) -> list[Rule]:
    return load_rules(Path(folder)) if own else load_rules()


@dataclass
class CheckStream:
    """The check as it goes: the header of the report, then `cases`, one CaseResult at a time.

    `notes` is complete once `cases` is exhausted (a cache set aside, OCR missing, ...)."""
    as_of: object
    root: str
    lang: str
    loose_files: list[str]
    expected: int                        # the number of cases `cases` yields (at most)
    cases: Iterator[CaseResult]
    notes: list[str] = field(default_factory=list)

    def collect(self) -> CheckResult:
        return CheckResult(self.as_of, self.root, list(self.cases), self.lang, self.loose_files)


@contextlib.contextmanager
def check_stream(sources: Sources, *, only: Collection[str] | None = None,
                 progress: Callable[[int, int], None] | None = None, workers: int | None = None,
                 cluster=None) -> Iterator[CheckStream]:
    """The check of every case (or only these case ids), streamed: a report is written as the
    cases come, so memory stays flat however many dossiers there are. The scan cache stays
    open (and the scan lock held) until the block ends. `cluster`: a plugin.check.cluster.Cluster
    that reads the files instead of this machine's cores."""
    if not sources.has_evidence:
        raise Conflict(NO_EVIDENCE)
    if sources.dossiers is not None and not sources.dossiers.is_dir():
        raise UsageError(f"map niet gevonden: {sources.dossiers}")
    rules = rules_of(sources)
    notes: list[str] = []
    with SCAN_LOCK:
        extra = mail_documents(sources, notes)
        if sources.dossiers is None:   # mailboxes only: the workbook's cases and what the mail holds
            cases = [f for f in workbook_facts(sources.workbook) if only is None or f.case_id in only]
            result = evaluate(cases, extra or {}, rules, sources.as_of, lang=sources.lang)
            yield CheckStream(result.as_of, result.root, result.lang, [], len(result.cases),
                              _finish(iter(result.cases), sources, notes, rules), notes)
            return
        with scan_cache(sources, notes) as cache:
            scan = cluster.scanner(cache) if cluster is not None else None
            check = start_check(sources.dossiers, sources.workbook, sources.as_of, rules, sources.lang, extra,
                                workers=workers, cache=cache, only=only, progress=progress, scan=scan)
            yield CheckStream(check.as_of, str(check.root), check.lang, check.loose_files, check.expected,
                              _finish(check.cases(), sources, notes, rules), notes)


def run_check(sources: Sources, *, only: Collection[str] | None = None,
              progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> CheckReport:
    """The check of every case (or only these case ids) against the rules, collected."""
    with check_stream(sources, only=only, progress=progress, workers=workers) as stream:
        result = stream.collect()
    return CheckReport(result, stream.notes)


def _finish(cases: Iterator[CaseResult], sources: Sources, notes: list[str], rules: list[Rule]
            ) -> Iterator[CaseResult]:
    """Each case with what only the workbook knows and its RIV state, one at a time; at the end,
    the OCR hint when it applies."""
    from plugin.readers.ocr import NO_OCR, NO_TEXT_LAYER, missing_hint

    needs_ocr: list[str] = []
    blocked = sources.workbook.blocked_ids() if sources.workbook is not None else set()
    by_id = {r.id: r for r in rules}
    for case in cases:
        _from_the_workbook(case, sources, blocked)
        _riv_state(case, sources, by_id)
        if not needs_ocr:
            needs_ocr = [d.problem for d in case.documents if getattr(d, "problem", None) in (NO_OCR, NO_TEXT_LAYER)]
        yield case
    hint = missing_hint(needs_ocr)
    if hint and hint not in notes:
        notes.append(hint)


def _riv_state(case: CaseResult, sources: Sources, rules: dict[str, Rule]) -> None:
    """The case's RIV state (CaseResult.riv: complete, or its gaps), for the reports and the case
    list: plugin.riv.plan reads the check's findings; nothing is converted here."""
    if case.verdict is not None and case.verdict.status == "closed":
        return   # recovered, or the waiting time is over: no RIV to make
    from plugin.riv.plan import riv_state   # the RIV's plan is loaded with the first check that needs it

    case.riv = riv_state(case, sources.case(case.case), rules, sources.as_of)


def _from_the_workbook(case: CaseResult, sources: Sources, blocked: set[str]) -> None:
    """The verdict with what only the workbook knows: the casemanager, and whether its row is in error."""
    row = sources.workbook.cases.get(case.case) if sources.workbook is not None else None
    if row is None or case.verdict is None:
        return
    case.verdict = dataclasses.replace(case.verdict, casemanager=row["casemanager"] or "",
                                       employer=row["werkgever"] or case.verdict.employer,
                                       status="workbook_error" if case.case in blocked else case.verdict.status)
