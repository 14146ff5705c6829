"""Rule kinds about the dossier as a whole: workbook dates without evidence, unreadable files,
a missing folder, an unknown first sick day. (The table of all kinds is rule_kinds.KINDS.)"""

from __future__ import annotations

import datetime as dt

from plugin.check.case_view import CaseView, finding, short_date, type_names
from plugin.check.findings import Finding
from plugin.check.letters import uwv_disagreements
from plugin.check.rules import Rule
from plugin.core.doctypes import EVALUATION_TYPES
from plugin.core.words import word
from plugin.core.wvp_calendar import MILESTONES
from plugin.workbook.facts import MILESTONE_COLUMNS
from plugin.workbook.schema import CASES

_HEADERS = {c.key: c.header for c in CASES.columns}


def werkmap_onderbouwd(rule: Rule, view: CaseView) -> list[Finding]:
    """Dates the workbook claims for which the dossier holds no document near that date."""
    if not view.in_workbook:
        return []
    margin = dt.timedelta(days=rule.params.get("marge_dagen", 14))
    lang, findings = view.lang, []

    everything = view.documents + view.earlier  # a workbook date may belong to an earlier waiting time

    def supported(types, date: dt.date) -> bool:
        return any(d.type in types and (d.date is None or abs(d.date - date) <= margin) for d in everything)

    for milestone in MILESTONES:
        date = view.facts.recorded(milestone.facts_field).date
        if not date or not milestone.doc_type:
            continue
        types = [milestone.doc_type] + (["trajectplan", "voortgangsrapportage"] if milestone.code == "start_2e_spoor" else [])
        if not supported(types, date):
            column = _HEADERS[MILESTONE_COLUMNS[milestone.facts_field][0]]
            text = word("f_workbook_date", lang, column=column, date=short_date(date, lang),
                        type=type_names([milestone.doc_type], lang).lower())
            findings.append(finding(rule, view, rule.severity, date, text, doc_type=milestone.doc_type))
    for record in view.facts.evaluations:
        date = record.date
        if not supported(EVALUATION_TYPES, date):
            text = word("f_workbook_eval", lang, date=short_date(date, lang), row=record.row)
            findings.append(finding(rule, view, rule.severity, date, text, doc_type="evaluatie"))
    return findings + uwv_disagreements(rule, view)  # UWV's letter says another date (check/letters.py)


def bestanden(rule: Rule, view: CaseView) -> list[Finding]:
    """Every unreadable or unrecognised file, listed: never silently skipped."""
    findings, lang = [], view.lang
    for doc in view.documents + view.earlier:
        if doc.evidence == "map" and not doc.note:  # a folder tied by surname says why (check/folders.py)
            continue
        if doc.note:  # e.g. a mail or folder naming only a surname two cases share (services/mail_evidence.py, check/folders.py)
            text = doc.note
        elif doc.problem:
            text = word("f_unreadable", lang, problem=doc.problem)
        elif doc.type is None:
            text = word("f_unrecognised", lang)
        else:
            continue
        where = f" ({doc.reference})" if doc.reference else ""
        findings.append(Finding(rule.id, rule.severity, view.case_id, None, None, text + where, rule.fix(lang),
                                (doc.path,), rule.title(lang), rule.basis))
    return findings


def dossiermap(rule: Rule, view: CaseView) -> list[Finding]:
    if view.folder is not None or not view.in_workbook:
        return []
    text = word("f_no_folder", view.lang)
    return [Finding(rule.id, rule.severity, view.case_id, None, None, text, rule.fix(view.lang), (), rule.title(view.lang),
                    rule.basis)]


def eerste_ziektedag(rule: Rule, view: CaseView) -> list[Finding]:
    if view.calendar is not None:
        return []
    if view.in_workbook:
        text = word("f_first_day_unusable", view.lang)
    else:
        text = word("f_first_day_unknown", view.lang)
    # A workbook case whose date is broken must not pass as clean: its deadlines went unchecked.
    severity = "error" if view.in_workbook else rule.severity
    return [Finding(rule.id, severity, view.case_id, None, None, text, rule.fix(view.lang), (), rule.title(view.lang),
                    rule.basis)]



def verzuimperiodes(rule: Rule, view: CaseView) -> list[Finding]:
    """Says when the clock restarted: after 4 weeks or more of fitness a new waiting time starts
    at week 1, and the earlier period's documents do not count for it (WIA art. 23 lid 2;
    WVP.md "Counting"). Documents dated before the first sick day are named too: never
    silently left out."""
    if view.calendar is None:
        return []
    lang = view.lang
    if view.calendar.restarted_on is None:
        if not view.earlier:
            return []
        first = view.calendar.first_sick_day
        text = word("f_before_first_day", lang, n=len(view.earlier), date=short_date(first, lang))
        return [Finding(rule.id, rule.severity, view.case_id, None, first, text, rule.fix(lang),
                        tuple(d.path for d in view.earlier), rule.title(lang), rule.basis)]
    start = view.calendar.restarted_on
    ended = view.calendar.earlier_periods[-1].end
    count = len(view.earlier)
    text = word("f_new_waiting_time", lang, start=short_date(start, lang), ended=short_date(ended, lang), n=count)
    return [Finding(rule.id, rule.severity, view.case_id, None, start, text, rule.fix(lang),
                    tuple(d.path for d in view.earlier), rule.title(lang), rule.basis)]
