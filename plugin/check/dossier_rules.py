"""Rule kinds about the dossier as a whole: workbook dates without evidence, unreadable files,
a missing folder, an unknown first sick day. Also the one table of all rule kinds."""

from __future__ import annotations

import datetime as dt

from plugin.check import rule_kinds as k
from plugin.check.findings import Finding
from plugin.check.rules import Rule
from plugin.workbook.schema import CASES
from plugin.core.wvp_calendar import MILESTONES

EVALUATION_TYPES = ("evaluatie", "voortgangsrapportage", "eerstejaarsevaluatie", "eindevaluatie", "maandrapportage")
_HEADERS = {c.key: c.header for c in CASES.columns}


def workbook_supported(rule: Rule, view: k.CaseView) -> list[Finding]:
    """Dates the workbook claims for which the dossier holds no document near that date."""
    if not view.in_workbook or view.case is None:
        return []
    margin = dt.timedelta(days=rule.params.get("marge_dagen", 14))
    lang, findings = view.lang, []

    def supported(types, date: dt.date) -> bool:
        docs = view.of_type(types)
        return any(d.date is None or abs(d.date - date) <= margin for d in docs)

    for milestone in MILESTONES:
        date = view.case[milestone.done_key] if milestone.done_key else None
        if not date or not milestone.doc_type:
            continue
        types = [milestone.doc_type] + (["trajectplan", "voortgangsrapportage"] if milestone.code == "start_2e_spoor" else [])
        if not supported(types, date):
            column = _HEADERS[milestone.done_key]
            text = (f"Werkmap: '{column}' = {k._d(date, lang)}, maar het dossier heeft geen {k._names([milestone.doc_type], lang).lower()} rond die datum."
                    if lang == "nl" else f"Workbook: '{column}' = {k._d(date, lang)}, but the dossier has no {k._names([milestone.doc_type], lang).lower()} around that date.")
            findings.append(k._finding(rule, view, rule.severity, date, text, doc_type=milestone.doc_type))
    for record in view.case.evaluations:
        date = record.get("datum")
        if date and not supported(EVALUATION_TYPES, date):
            text = (f"Werkmap: evaluatie van {k._d(date, lang)} (blad Evaluaties, rij {record.get('row')}) heeft geen verslag in het dossier."
                    if lang == "nl" else f"Workbook: evaluation of {k._d(date, lang)} (sheet Evaluaties, row {record.get('row')}) has no minutes in the dossier.")
            findings.append(k._finding(rule, view, rule.severity, date, text, doc_type="evaluatie"))
    return findings


def files(rule: Rule, view: k.CaseView) -> list[Finding]:
    """Every unreadable or unrecognised file, listed: never silently skipped."""
    findings, lang = [], view.lang
    for doc in view.documents:
        if doc.problem:
            text = f"Niet leesbaar: {doc.problem}." if lang == "nl" else f"Unreadable: {doc.problem}."
        elif doc.type is None:
            text = ("Niet herkend als dossierdocument (naam en inhoud zeggen niet wat het is)." if lang == "nl"
                    else "Not recognised as a dossier document (neither name nor content says what it is).")
        else:
            continue
        where = f" ({doc.reference})" if doc.reference else ""
        findings.append(Finding(rule.id, rule.severity, view.case_id, None, None, text + where, rule.fix(lang),
                                (doc.path,), rule.title(lang), rule.basis))
    return findings


def folder_missing(rule: Rule, view: k.CaseView) -> list[Finding]:
    if view.folder is not None or not view.in_workbook:
        return []
    text = ("Geen dossiermap gevonden (op kolom 'Dossiermap' of casusnummer in de mapnaam)." if view.lang == "nl"
            else "No dossier folder found (by column 'Dossiermap' or the case number in the folder name).")
    return [Finding(rule.id, rule.severity, view.case_id, None, None, text, rule.fix(view.lang), (), rule.title(view.lang),
                    rule.basis)]


def first_sick_day_unknown(rule: Rule, view: k.CaseView) -> list[Finding]:
    if view.calendar is not None:
        return []
    if view.in_workbook:
        text = ("Eerste ziektedag onbruikbaar in de werkmap (zie de fout daar); termijnen niet gecontroleerd."
                if view.lang == "nl" else
                "First day of sickness unusable in the workbook (see the error there); deadlines not checked.")
    else:
        text = ("Eerste ziektedag onbekend: geen rij in de werkmap en geen document noemt hem; termijnen niet gecontroleerd."
                if view.lang == "nl" else
                "First day of sickness unknown: no workbook row and no document states it; deadlines not checked.")
    # A workbook case whose date is broken must not pass as clean: its deadlines went unchecked.
    severity = "error" if view.in_workbook else rule.severity
    return [Finding(rule.id, severity, view.case_id, None, None, text, rule.fix(view.lang), (), rule.title(view.lang),
                    rule.basis)]


KINDS = {
    "termijn": k.deadline,
    "terugkerend": k.recurring,
    "binnen_na": k.within_after,
    "voor": k.before,
    "maximale_leeftijd": k.max_age,
    "verplicht_bij": k.required_when,
    "werkmap_onderbouwd": workbook_supported,
    "bestanden": files,
    "dossiermap": folder_missing,
    "eerste_ziektedag": first_sick_day_unknown,
}
