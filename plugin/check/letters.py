"""Where UWV's own letters and the workbook disagree on a date, say so.

UWV's confirmation of the ziekmelding names the date of the report and the first sick day;
its acknowledgement of the WIA application names the date it was received. Those dates are
UWV's record: a workbook that says otherwise is probably wrong, and every deadline hangs on
the first sick day. Reported under the workbook-versus-dossier rule (werkmap_onderbouwd).
"""

from __future__ import annotations

from plugin.check.case_view import CaseView, finding, short_date, type_names
from plugin.check.findings import Finding
from plugin.check.rules import Rule
from plugin.core.wvp_calendar import MILESTONES
from plugin.workbook.facts import MILESTONE_COLUMNS
from plugin.workbook.schema import CASES

# The milestones a UWV letter confirms with a date of its own.
CONFIRMED_BY_UWV = ("42e-weekmelding", "wia-aanvraag")
_HEADERS = {c.key: c.header for c in CASES.columns}


def uwv_disagreements(rule: Rule, view: CaseView) -> list[Finding]:
    """A finding per UWV letter whose date or first sick day differs from the workbook's."""
    if not view.in_workbook:
        return []
    lang, findings = view.lang, []
    letters = [d for d in (*view.documents, *getattr(view, "earlier", ())) if d.issuer == "UWV"]
    for doc in letters:
        sick = view.facts.first_sick_day
        if doc.first_sick_day and sick and doc.first_sick_day != sick:
            text = (f"UWV-brief '{doc.path}' noemt eerste ziektedag {short_date(doc.first_sick_day, lang)}, de werkmap "
                    f"{short_date(sick, lang)}; alle termijnen hangen van deze datum af." if lang == "nl" else
                    f"UWV letter '{doc.path}' gives first day of sickness {short_date(doc.first_sick_day, lang)}, the "
                    f"workbook {short_date(sick, lang)}; every deadline depends on this date.")
            findings.append(finding(rule, view, rule.severity, None, text, (doc.path,), doc_type=doc.type))
        if doc.type not in CONFIRMED_BY_UWV or doc.date is None:
            continue
        milestone = next(m for m in MILESTONES if m.doc_type == doc.type)
        recorded = view.facts.recorded(milestone.facts_field).date
        if recorded and recorded != doc.date:
            column = _HEADERS[MILESTONE_COLUMNS[milestone.facts_field][0]]
            name = type_names([doc.type], lang)
            text = (f"UWV-brief '{doc.path}' noemt voor de {name} {short_date(doc.date, lang)}, de werkmap "
                    f"('{column}') {short_date(recorded, lang)}." if lang == "nl" else
                    f"UWV letter '{doc.path}' gives {short_date(doc.date, lang)} for the {name}, the "
                    f"workbook ('{column}') {short_date(recorded, lang)}.")
            findings.append(finding(rule, view, rule.severity, doc.date, text, (doc.path,), doc_type=doc.type))
    return findings
