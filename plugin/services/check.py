"""The dossier check: every case's documents, findings and verdict, from whatever evidence is given.

The CLI's `check`, the app's check page and job, the case page, the cases overview, the RIV and
the deadline signals all come here, so a dossier gets one answer. The documents are the
evidence; the workbook supplies the first sick day, the periods, an extension and recorded
reasons (plugin.check.run, plugin.check.evaluate).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from plugin.check.evaluate import evaluate
from plugin.check.findings import CheckResult
from plugin.check.rules import Rule, load_rules
from plugin.check.run import check_dossiers, workbook_facts
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
    return load_rules(sources.rules) if sources.rules else load_rules()


def run_check(sources: Sources, *, only: Collection[str] | None = None,
              progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> CheckReport:
    """The check of every case (or only these case ids) against the rules."""
    if not sources.has_evidence:
        raise Conflict(NO_EVIDENCE)
    if sources.dossiers is not None and not sources.dossiers.is_dir():
        raise UsageError(f"map niet gevonden: {sources.dossiers}")
    rules = rules_of(sources)
    notes: list[str] = []
    with SCAN_LOCK:
        extra = mail_documents(sources)
        if sources.dossiers is None:   # mailboxes only: the workbook's cases and what the mail holds
            cases = [f for f in workbook_facts(sources.workbook) if only is None or f.case_id in only]
            result = evaluate(cases, extra or {}, rules, sources.as_of, lang=sources.lang)
        else:
            with scan_cache(sources, notes) as cache:
                result = check_dossiers(sources.dossiers, sources.workbook, sources.as_of, rules, sources.lang, extra,
                                        workers=workers, cache=cache, only=only, progress=progress)
    from plugin.readers.ocr import missing_hint

    hint = missing_hint([d.problem for case in result.cases for d in case.documents])
    if hint:
        notes.append(hint)
    _from_the_workbook(result, sources)
    _riv_states(result, sources, rules)
    return CheckReport(result, notes)


def _riv_states(result: CheckResult, sources: Sources, rules: list[Rule]) -> None:
    """Each case with its RIV state (CaseResult.riv: complete, or its gaps), for the reports and the case
    list: plugin.riv.plan reads the check's findings; nothing is converted here."""
    from plugin.riv.plan import plan_case   # the RIV's plan is loaded with the first check that needs it

    by_id = {r.id: r for r in rules}
    for case in result.cases:
        if case.verdict is not None and case.verdict.status == "closed":
            continue   # recovered, or the waiting time is over: no RIV to make
        case.riv = plan_case(case, sources.case(case.case), by_id, sources.as_of, sources.lang).state


def _from_the_workbook(result: CheckResult, sources: Sources) -> None:
    """Each verdict with what only the workbook knows: the casemanager, and whether its row is in error."""
    workbook = sources.workbook
    if workbook is None:
        return
    blocked = workbook.blocked_ids()
    for case in result.cases:
        row = workbook.cases.get(case.case)
        if row is None or case.verdict is None:
            continue
        case.verdict = dataclasses.replace(case.verdict, casemanager=row["casemanager"] or "",
                                           employer=row["werkgever"] or case.verdict.employer,
                                           status="workbook_error" if case.case in blocked else case.verdict.status)
