"""The logic of each rule kind. Rule instances (which documents, which deadline) are data.

Each kind takes a Rule and the CaseView of one case and returns findings. Only deadlines
already passed at the as-of date are the rule's own severity; deadlines within the next
two weeks are warnings, so a casemanager sees what is coming.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plugin.core.dates import format_date
from plugin.core.doctypes import DOC_TYPES
from plugin.check.findings import Finding
from plugin.check.rules import Rule
from plugin.workbook.load import Case
from plugin.core.wvp_calendar import DEFS, CaseCalendar

SOON = dt.timedelta(weeks=2)


@dataclass
class CaseView:
    case_id: str
    case: Case | None
    in_workbook: bool
    calendar: CaseCalendar | None
    documents: list = field(default_factory=list)
    folder: str | None = None
    as_of: dt.date = dt.date.today()
    lang: str = "nl"

    def of_type(self, types) -> list:
        found = [d for d in self.documents if d.type in types]
        return sorted(found, key=lambda d: (d.date is None, d.date or dt.date.max, d.path))

    def first_date(self, types) -> dt.date | None:
        dated = [d.date for d in self.of_type(types) if d.date]
        return min(dated) if dated else None

    def second_track_start(self) -> dt.date | None | bool:
        """Start of the 2e spoor (a date), True when in it without a known date, else None."""
        start = self.first_date(["trajectplan"])
        if start:
            return start
        if self.case is not None:
            if self.case["start_2e_spoor"]:
                return self.case["start_2e_spoor"]
            if "2" in (self.case["spoor"] or ""):
                return True
        return True if self.of_type(["trajectplan"]) else None

    def milestone_date(self, code: str) -> dt.date | None:
        """When a milestone happened: its document, else the workbook's date, else its due date."""
        if self.calendar is None:
            return None
        milestone = self.calendar.milestone(code)
        if milestone.done:
            return milestone.done
        column = DEFS[code].done_key
        if self.case is not None and column and self.case[column]:
            return self.case[column]
        return None if milestone.not_applicable else milestone.due


def _d(value: dt.date | None, lang: str) -> str:
    return format_date(value, lang, "short") if value else "?"


def _span(delta: dt.timedelta, lang: str) -> str:
    weeks, days = divmod(delta.days, 7)
    if lang == "nl":
        return f"{weeks} weken" + (f" en {days} dag{'en' if days > 1 else ''}" if days else "")
    return f"{weeks} weeks" + (f" and {days} day{'s' if days > 1 else ''}" if days else "")


def _names(types, lang: str) -> str:
    return " / ".join(DOC_TYPES[t].title(lang) for t in types)


def _finding(rule: Rule, view: CaseView, severity: str, due, message: str, paths=(), doc_type=None) -> Finding:
    types = rule.params.get("documenten") or [None]
    return Finding(rule.id, severity, view.case_id, doc_type or types[0], due, message, rule.fix(view.lang),
                   tuple(paths), rule.title(view.lang), rule.basis)


def _missing_or_late(rule: Rule, view: CaseView, due: dt.date, what: str) -> list[Finding]:
    """Shared by the deadline kinds: late document, missing document, or coming up soon."""
    lang, types = view.lang, rule.params["documenten"]
    docs = view.of_type(types)
    if docs:
        first = docs[0]
        if first.date is None:
            text = (f"{_names(types, lang)} aanwezig maar zonder datum; tijdigheid (uiterlijk {_d(due, lang)}) niet te controleren."
                    if lang == "nl" else f"{_names(types, lang)} present but undated; cannot check it was on time (due {_d(due, lang)}).")
            return [_finding(rule, view, "warning", due, text, [first.path])]
        if first.date > due:
            text = (f"{_names(types, lang)} te laat: gedateerd {_d(first.date, lang)}, uiterlijk was {_d(due, lang)} {what}."
                    if lang == "nl" else f"{_names(types, lang)} late: dated {_d(first.date, lang)}, due {_d(due, lang)} {what}.")
            return [_finding(rule, view, rule.severity, due, text, [first.path])]
        return []
    if due < view.as_of:
        text = (f"{_names(types, lang)} ontbreekt; uiterlijk {_d(due, lang)} {what}."
                if lang == "nl" else f"{_names(types, lang)} missing; due {_d(due, lang)} {what}.")
        return [_finding(rule, view, rule.severity, due, text)]
    if due - view.as_of <= SOON:
        text = (f"{_names(types, lang)} nog niet in het dossier; uiterlijk {_d(due, lang)} {what}."
                if lang == "nl" else f"{_names(types, lang)} not in the dossier yet; due {_d(due, lang)} {what}.")
        return [_finding(rule, view, "warning", due, text)]
    return []


def deadline(rule: Rule, view: CaseView) -> list[Finding]:
    if view.calendar is None:
        return []
    milestone = view.calendar.milestone(rule.params["mijlpaal"])
    if milestone.due is None or (milestone.not_applicable and not view.of_type(rule.params["documenten"])):
        return []
    week = f"(week {milestone.week})" if milestone.week else ""
    return _missing_or_late(rule, view, milestone.due, week)


def within_after(rule: Rule, view: CaseView) -> list[Finding]:
    if view.calendar is None:
        return []
    exception = rule.params.get("uitzondering")
    if exception and view.case is not None and view.case[exception]:
        return []
    reference = view.first_date(rule.params.get("na_documenten", []))
    if reference is None and rule.params.get("na_mijlpaal"):
        reference = view.milestone_date(rule.params["na_mijlpaal"])
    if reference is None:
        return []
    due = reference + dt.timedelta(weeks=rule.params["weken"])
    recovered = view.calendar.clock.recovered_on
    if recovered and recovered < due and not view.of_type(rule.params["documenten"]):
        return []
    label = _names(rule.params.get("na_documenten") or [DEFS[rule.params["na_mijlpaal"]].doc_type], view.lang)
    what = (f"({rule.params['weken']} weken na {label.lower()} van {_d(reference, view.lang)})" if view.lang == "nl"
            else f"({rule.params['weken']} weeks after the {label.lower()} of {_d(reference, view.lang)})")
    return _missing_or_late(rule, view, due, what)


def recurring(rule: Rule, view: CaseView) -> list[Finding]:
    if view.calendar is None:
        return []
    lang, interval = view.lang, dt.timedelta(weeks=rule.params["weken"])
    start = view.first_date([DEFS[rule.params["vanaf"]].doc_type])
    if start is None:
        due = view.milestone_date(rule.params["vanaf"])
        if due is None or due >= view.as_of:
            return []
        start = due
    docs = [d for d in view.of_type(rule.params["documenten"]) if d.date and d.date > start]
    end = view.first_date(["wia-aanvraag"]) or (view.case["datum_wia_aanvraag"] if view.case else None) \
        or view.calendar.milestone("einde_wachttijd").due or view.calendar.clock.recovered_on
    if view.calendar.clock.recovered_on:
        end = min(end, view.calendar.clock.recovered_on) if end else view.calendar.clock.recovered_on
    findings, previous = [], start
    by_date: dict[dt.date, str] = {}
    for doc in docs:
        by_date.setdefault(doc.date, doc.path)
    for date in sorted(by_date):
        if end and date > end:
            break
        if date > previous + interval:
            text = (f"Geen evaluatie tussen {_d(previous, lang)} en {_d(date, lang)}: de volgende was uiterlijk "
                    f"{_d(previous + interval, lang)} nodig ({_span(date - previous, lang)} zonder evaluatie)."
                    if lang == "nl" else
                    f"No evaluation between {_d(previous, lang)} and {_d(date, lang)}: the next one was due by "
                    f"{_d(previous + interval, lang)} ({_span(date - previous, lang)} without one).")
            findings.append(_finding(rule, view, rule.severity, previous + interval, text, [by_date[date]], "evaluatie"))
        previous = date
    due = previous + interval
    if end is None or due <= end:
        if due < view.as_of:
            text = (f"Geen evaluatie meer sinds {_d(previous, lang)}; de volgende was uiterlijk {_d(due, lang)} nodig."
                    if lang == "nl" else f"No evaluation since {_d(previous, lang)}; the next was due by {_d(due, lang)}.")
            findings.append(_finding(rule, view, rule.severity, due, text, doc_type="evaluatie"))
        elif due - view.as_of <= SOON:
            text = (f"Volgende evaluatie uiterlijk {_d(due, lang)} (laatste: {_d(previous, lang)})."
                    if lang == "nl" else f"Next evaluation due by {_d(due, lang)} (last: {_d(previous, lang)}).")
            findings.append(_finding(rule, view, "warning", due, text, doc_type="evaluatie"))
    return findings


def before(rule: Rule, view: CaseView) -> list[Finding]:
    if rule.params.get("voorwaarde") == "tweede_spoor" and view.second_track_start() is None:
        return []
    reference = view.first_date(rule.params.get("voor_documenten", []))
    if reference is None and rule.params.get("voor_mijlpaal"):
        reference = view.milestone_date(rule.params["voor_mijlpaal"])
    if reference is None or reference - view.as_of > SOON:
        return []
    lang, types = view.lang, rule.params["documenten"]
    docs = view.of_type(types)
    label = _names(rule.params.get("voor_documenten") or [DEFS[rule.params["voor_mijlpaal"]].doc_type], lang).lower()
    if not docs:
        severity = rule.severity if reference <= view.as_of else "warning"
        text = (f"{_names(types, lang)} ontbreekt; nodig vóór {label} ({_d(reference, lang)})."
                if lang == "nl" else f"{_names(types, lang)} missing; needed before the {label} ({_d(reference, lang)}).")
        return [_finding(rule, view, severity, reference, text)]
    if docs[0].date and docs[0].date > reference:
        text = (f"{_names(types, lang)} pas op {_d(docs[0].date, lang)}, na {label} ({_d(reference, lang)})."
                if lang == "nl" else f"{_names(types, lang)} only on {_d(docs[0].date, lang)}, after the {label} ({_d(reference, lang)}).")
        return [_finding(rule, view, rule.severity, reference, text, [docs[0].path])]
    return []


def _months_before(date: dt.date, months: int) -> dt.date:
    month = date.month - months
    year = date.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def max_age(rule: Rule, view: CaseView) -> list[Finding]:
    dated = [d for d in view.of_type(rule.params["documenten"]) if d.date]
    reference = view.first_date(rule.params.get("peil_documenten", []))
    if reference is None and rule.params.get("peil_mijlpaal"):
        reference = view.milestone_date(rule.params["peil_mijlpaal"])
    if not dated or reference is None:
        return []
    usable = [d for d in dated if d.date <= reference] or dated
    latest = max(usable, key=lambda d: d.date)
    limit = _months_before(reference, rule.params["maanden"])
    if latest.date >= limit:
        return []
    lang = view.lang
    severity = rule.severity if reference <= view.as_of else "warning"
    text = (f"{_names(rule.params['documenten'], lang)} van {_d(latest.date, lang)} is ouder dan {rule.params['maanden']} "
            f"maanden op {_d(reference, lang)} (niet vóór {_d(limit, lang)})." if lang == "nl" else
            f"{_names(rule.params['documenten'], lang)} of {_d(latest.date, lang)} is older than {rule.params['maanden']} "
            f"months on {_d(reference, lang)} (not before {_d(limit, lang)}).")
    return [_finding(rule, view, severity, reference, text, [latest.path])]


def required_when(rule: Rule, view: CaseView) -> list[Finding]:
    start = view.second_track_start()
    if start is None or view.of_type(rule.params["documenten"]):
        return []
    lang = view.lang
    due = start + dt.timedelta(weeks=rule.params.get("weken", 0)) if isinstance(start, dt.date) else None
    if due is not None and due > view.as_of:
        return []
    text = (f"{_names(rule.params['documenten'], lang)} ontbreekt, terwijl de werknemer in het 2e spoor zit"
            + (f" (sinds {_d(start, lang)})." if isinstance(start, dt.date) else ".")
            if lang == "nl" else f"{_names(rule.params['documenten'], lang)} missing while the employee is in the second track.")
    return [_finding(rule, view, rule.severity, due, text)]
