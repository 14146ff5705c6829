"""The dossier check as a pure function: case facts and their documents in, findings out.

No files are read here: `evaluate` works on in-memory records, so the CLI (plugin.check.run),
the app and the RIV call the same function, and every rule can be tested without a disk.
The documents are the evidence: a milestone counts as done when the case holds its document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections.abc import Mapping, Sequence

from plugin.check.case_view import CaseView, own_work_ruled_out
from plugin.core.doctypes import EVALUATION_TYPES
from plugin.check.findings import SEVERITY_RANK, CaseResult, CheckResult
from plugin.check.letters import decided_facts, receipt_first
from plugin.check.rule_kinds import KINDS
from plugin.check.rules import Rule
from plugin.check.scan import DossierDocument
from plugin.core.case_facts import CaseFacts
from plugin.core.verdict import verdict
from plugin.core.wvp_calendar import MILESTONES, CaseCalendar, build_calendar, sick_clock


def split_by_period(facts: CaseFacts, documents: Sequence[DossierDocument]
                    ) -> tuple[tuple[DossierDocument, ...], tuple[DossierDocument, ...]]:
    """(documents of the current waiting time, documents dated before it).

    A document counts for the period it falls in: one dated before the first day of the
    current waiting time (an earlier period, or the healthy gap of 4 weeks or more before
    it) never satisfies a deadline of the current one. Undated documents cannot be placed
    and stay with the current period (their own findings say they are undated).
    """
    if not facts.first_sick_day:
        return tuple(documents), ()
    start = sick_clock(facts)[0].first_day
    current = tuple(d for d in documents if d.date is None or d.date >= start)
    return current, tuple(d for d in documents if d.date is not None and d.date < start)


def calendar_from_documents(facts: CaseFacts, documents: Sequence[DossierDocument]) -> CaseCalendar | None:
    """The case's calendar with the documents as the only evidence of what was done.

    None when the first sick day is unknown (nothing can be counted).
    """
    if not facts.first_sick_day:
        return None
    done = {}
    for milestone in MILESTONES:
        if milestone.doc_type:
            dates = [d.date for d in receipt_first(documents, milestone.doc_type) if d.date]
            if dates:
                done[milestone.code] = min(dates)
    evaluations = sorted({d.date for d in documents if d.type in EVALUATION_TYPES and d.date})
    return build_calendar(facts, done, evaluations, recorded_done=False)


def evaluate_case(facts: CaseFacts, documents: Sequence[DossierDocument], rules: Sequence[Rule], as_of: dt.date,
                  folder: str | None = None, lang: str = "nl", folders_known: bool = True) -> CaseResult:
    """All findings for one case.

    With folders_known, a case without a folder and without any document gets only the
    folder rule ("everything is missing" would say nothing new); without it (documents from
    elsewhere, e.g. the app or a test), the folder rule is skipped and all others run.
    """
    current, earlier = split_by_period(facts, documents)
    # A document may say before the workbook does that return in the own organisation is not
    # in view: the calendar's 2e spoor is then due from that document's date too.
    ruled_out, _ = own_work_ruled_out(facts, current)
    calendar_facts = replace(facts, own_work_ruled_out=ruled_out) if ruled_out != facts.own_work_ruled_out else facts
    # UWV's decisions (extension, loonsanctie), not the workbook alone, move the calendar (check/letters.py).
    calendar_facts = decided_facts(calendar_facts, current)
    view = CaseView(facts, calendar_from_documents(calendar_facts, current), current, as_of, folder, lang, earlier)
    if not folders_known:
        applicable = [r for r in rules if r.kind != "dossiermap"]
    elif folder or any(d.evidence != "map" for d in documents):
        applicable = list(rules)
    else:  # no folder, no evidence; maybe a note on a folder not tied by surname (check/folders.py)
        applicable = [r for r in rules if r.kind == "dossiermap" or (documents and r.kind == "bestanden")]
    findings = [f for rule in applicable for f in KINDS[rule.kind](rule, view)]
    findings.sort(key=lambda f: (SEVERITY_RANK[f.severity], f.due or dt.date.max, f.rule))
    calendar = view.calendar
    judged = verdict(facts.case_id, facts.employee, calendar, as_of, lang=lang, findings=findings,
                     in_workbook=facts.in_workbook, employer=facts.employer, folder=folder)
    return CaseResult(facts.case_id, facts.employee, calendar.first_sick_day if calendar else None,
                      calendar.week_at(as_of) if calendar else None, folder, list(documents), findings,
                      facts.in_workbook, calendar, judged)


def evaluate(cases: Sequence[CaseFacts], documents: Mapping[str, Sequence[DossierDocument]], rules: Sequence[Rule],
             as_of: dt.date, *, folders: Mapping[str, str | None] | None = None, lang: str = "nl", root: str = "",
             loose_files: Sequence[str] = ()) -> CheckResult:
    """Check every case against the rules.

    documents: case id -> that case's documents (files and mail evidence).
    folders: case id -> the name of its dossier folder (None or absent: no folder found). Without
    this mapping folders are not checked: the documents given are the whole dossier.
    """
    results = []
    for facts in cases:
        docs = documents.get(facts.case_id, ())
        folder = (folders or {}).get(facts.case_id)
        results.append(evaluate_case(facts, docs, rules, as_of, folder, lang, folders_known=folders is not None))
    return CheckResult(as_of, root, results, lang, sorted(loose_files))
