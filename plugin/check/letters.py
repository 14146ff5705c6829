"""Where UWV's own letters and the workbook disagree on a date, say so.

UWV's confirmation of the ziekmelding names the date of the report and the first sick day;
its acknowledgement of the WIA application names the date it was received. Those dates are
UWV's record: a workbook that says otherwise is probably wrong, and every deadline hangs on
the first sick day. Reported under the workbook-versus-dossier rule (werkmap_onderbouwd).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from plugin.check.scan import DossierDocument
from plugin.core.case_facts import CaseFacts
from plugin.core.words import word
from plugin.core.wvp_calendar import sick_clock
from plugin.recognize import content
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
            text = word("f_uwv_first_day", lang, path=doc.path, letter=short_date(doc.first_sick_day, lang),
                        workbook=short_date(sick, lang))
            findings.append(finding(rule, view, rule.severity, None, text, (doc.path,), doc_type=doc.type))
        if doc.type not in CONFIRMED_BY_UWV or doc.date is None:
            continue
        milestone = next(m for m in MILESTONES if m.doc_type == doc.type)
        recorded = view.facts.recorded(milestone.facts_field).date
        if recorded and recorded != doc.date:
            column = _HEADERS[MILESTONE_COLUMNS[milestone.facts_field][0]]
            name = type_names([doc.type], lang)
            text = word("f_uwv_date", lang, path=doc.path, name=name, letter=short_date(doc.date, lang), column=column,
                        workbook=short_date(recorded, lang))
            findings.append(finding(rule, view, rule.severity, doc.date, text, (doc.path,), doc_type=doc.type))
    return findings + decision_disagreements(rule, view)


def receipt_first(documents, doc_type: str) -> list[DossierDocument]:
    """The documents of a type as evidence of its milestone. For the WIA application UWV's
    acknowledgement, dated by UWV's receipt, counts over the employee's own copy or a sending
    date: the application is on time by the date UWV received it (WIA art. 64 lid 3)."""
    docs = [d for d in documents if d.type == doc_type]
    if doc_type == "wia-aanvraag" and any(d.issuer == "UWV" and d.date for d in docs):
        return [d for d in docs if d.issuer == "UWV"]
    return docs


# --- UWV's decisions drive the calendar -------------------------------------------------------
# Only UWV extends the waiting time (WIA art. 24 lid 1, on a joint request) and only UWV imposes
# or shortens a loonsanctie (WIA art. 25 lid 9; bekorting on the employer's request). A decision
# counts when UWV wrote it (letterhead, sign-off or sender) and the dossier or a mailbox holds it.
MAX_SANCTION = dt.timedelta(weeks=52)   # WIA art. 25 lid 9: "ten hoogste 52 weken"


@dataclass(frozen=True)
class Decided:
    """What UWV's decisions in the dossier say, next to what the workbook says."""

    extension_weeks: int                 # what the calendar uses
    extension_letter: DossierDocument | None
    extension_refused: bool
    extension_stated: int | None         # weeks the letter states (None: not stated)
    sanction_letter: DossierDocument | None
    sanction_end: dt.date | None         # what the calendar uses
    sanction_stated: dt.date | None      # the end a letter states (None: not stated)
    shortened_by: DossierDocument | None = None   # the bekortingsbesluit that set the end


def _kinds(doc: DossierDocument) -> dict[str, list]:
    found: dict[str, list] = {}
    for statement in doc.statements:
        found.setdefault(statement.kind, []).append(statement)
    return found


def uwv_decided(facts: CaseFacts, documents) -> Decided:
    """The extension and the loonsanctie as UWV's letters set them (the workbook's when no letter says)."""
    letters = sorted((d for d in documents if d.issuer == "UWV"), key=lambda d: (d.date is None, d.date or dt.date.max))
    extension = [d for d in letters if d.type == "verlenging-wachttijd"]
    refused = bool(extension) and all(content.EXTENSION_REFUSED in _kinds(d) for d in extension)
    granted = [d for d in extension if content.EXTENSION_REFUSED not in _kinds(d)]
    letter = granted[-1] if granted else None
    stated = None
    if letter is not None:
        for statement in _kinds(letter).get(content.EXTENSION, []):
            stated = statement.weeks or _weeks_until(facts, documents, statement.date) or stated
    weeks = (stated or facts.extension_weeks) if letter is not None else 0
    sanctions = [d for d in letters if d.type == "loonsanctie"]
    sanction_end, sanction_stated, shortened_by = facts.wage_sanction_end, None, None
    if sanctions:
        first = sanctions[0]
        for statement in _kinds(first).get(content.SANCTION, []):
            sanction_stated = statement.date or _after_waiting(facts, documents, weeks, statement.weeks) or sanction_stated
        for doc in sanctions:
            for statement in _kinds(doc).get(content.SANCTION_END, []):
                sanction_stated, shortened_by = statement.date, doc
        sanction_end = sanction_stated or facts.wage_sanction_end or _after_waiting(facts, documents, weeks, 52)
    return Decided(weeks, letter, refused, stated, sanctions[0] if sanctions else None, sanction_end,
                   sanction_stated, shortened_by)


def _end_of_waiting(facts: CaseFacts, documents, weeks: int) -> dt.date | None:
    if not facts.first_sick_day:
        return None
    calendar_facts = replace(facts, extension_weeks=weeks)
    return sick_clock(calendar_facts)[0].end_of_week(104 + weeks)


def _weeks_until(facts: CaseFacts, documents, end: dt.date | None) -> int | None:
    """The extension in weeks when the letter gives the new end of the waiting time instead."""
    unextended = _end_of_waiting(facts, documents, 0)
    if end is None or unextended is None or end <= unextended:
        return None
    return round((end - unextended).days / 7)


def _after_waiting(facts: CaseFacts, documents, extension: int, weeks: int | None) -> dt.date | None:
    end = _end_of_waiting(facts, documents, extension)
    return end + dt.timedelta(weeks=weeks) if end and weeks else None


def decided_facts(facts: CaseFacts, documents) -> CaseFacts:
    """The case facts the calendar uses: the extension only with UWV's decision (its length from
    the letter when it states one), and the loonsanctie's end from UWV's letters."""
    decided = uwv_decided(facts, documents)
    if (decided.extension_weeks, decided.sanction_end) == (facts.extension_weeks, facts.wage_sanction_end):
        return facts
    return replace(facts, extension_weeks=decided.extension_weeks, wage_sanction_end=decided.sanction_end)


def uwv_besluit(rule: Rule, view: CaseView) -> list[Finding]:
    """Rule kind: an extension in the workbook without UWV's decision; a loonsanctie UWV imposed."""
    decided = uwv_decided(view.facts, view.documents)
    lang, findings = view.lang, []
    if view.facts.extension_weeks and decided.extension_letter is None:
        refused = word("f_uwv_refused_extension", lang) if decided.extension_refused else ""
        text = word("f_extension_without_decision", lang, weeks=view.facts.extension_weeks, refused=refused)
        findings.append(finding(rule, view, rule.severity, None, text, doc_type="verlenging-wachttijd"))
    if decided.sanction_letter is not None:
        doc = decided.sanction_letter
        end = short_date(decided.sanction_end, lang)
        how = "" if decided.sanction_stated else word("f_sanction_no_end", lang)
        short = word("f_sanction_shortened", lang, path=decided.shortened_by.path) if decided.shortened_by else ""
        text = word("f_sanction", lang, path=doc.path, date=short_date(doc.date, lang), end=end, how=how, short=short)
        findings.append(finding(rule, view, "warning", decided.sanction_end, text,
                                [doc.path] + ([decided.shortened_by.path] if decided.shortened_by else []), "loonsanctie"))
    return findings


def decision_disagreements(rule: Rule, view: CaseView) -> list[Finding]:
    """WVP020: the workbook's extension or sanction end differs from what UWV's letter states."""
    if not view.in_workbook:
        return []
    decided, lang, findings = uwv_decided(view.facts, view.documents), view.lang, []
    weeks = view.facts.extension_weeks
    if decided.extension_letter and decided.extension_stated and weeks and weeks != decided.extension_stated:
        path = decided.extension_letter.path
        text = word("f_uwv_extension_differs", lang, path=path, stated=decided.extension_stated, weeks=weeks)
        findings.append(finding(rule, view, rule.severity, None, text, (path,), "verlenging-wachttijd"))
    recorded = view.facts.wage_sanction_end
    if decided.sanction_letter and decided.sanction_stated and recorded and recorded != decided.sanction_stated:
        path = (decided.shortened_by or decided.sanction_letter).path
        text = word("f_uwv_sanction_end_differs", lang, path=path, stated=short_date(decided.sanction_stated, lang),
                    recorded=short_date(recorded, lang))
        findings.append(finding(rule, view, rule.severity, decided.sanction_stated, text, (path,), "loonsanctie"))
    return findings
