"""The logic of each rule kind. Rule instances (which documents, which deadline) are data.

Each kind takes a Rule and the CaseView of one case and returns findings. Only deadlines
already passed at the as-of date are the rule's own severity; deadlines within DUE_SOON
(two weeks) are warnings, so a casemanager sees what is coming.

A kind has one name: the function is called what the rule file's `soort` says, and KINDS
(at the bottom) is built from the functions' own names.
"""

from __future__ import annotations

import datetime as dt

from plugin.check import dossier_rules, letters, riv_rules
from plugin.check.letters import uwv_decided
from plugin.check.case_view import CaseView, finding, short_date, span, type_names, with_reason
from plugin.check.findings import Finding
from plugin.check.rules import Rule
from plugin.core.words import word
from plugin.core.wvp_calendar import DEFS, DUE_SOON

# Rule field `uitzondering` (older rule files) -> the milestone whose recorded reason applies.
EXCEPTIONS = {"reden_geen_2e_spoor": "start_2e_spoor"}
# Rule field `eerder_bij` -> (since when, and the document that says so (None: the workbook),
# that makes the document due earlier; nl, en wording).
EARLIER = {"geen_terugkeer_eigen_organisatie": (CaseView.own_work_ruled_out, "f_own_work_ruled_out")}


def missing_or_late(rule: Rule, view: CaseView, due: dt.date, what: str) -> list[Finding]:
    """Shared by the deadline kinds: late document, missing document, or coming up soon."""
    lang, types = view.lang, rule.params["documenten"]
    docs = view.of_type(types)
    names, when = type_names(types, lang), short_date(due, lang)
    if docs:
        first = docs[0]
        if first.date is None:
            return [finding(rule, view, "warning", due, word("f_undated", lang, types=names, due=when), [first.path])]
        if first.date > due:
            text = word("f_late", lang, types=names, date=short_date(first.date, lang), due=when, what=what)
            return [finding(rule, view, rule.severity, due, text, [first.path])]
        return []
    if due < view.as_of:
        return [finding(rule, view, rule.severity, due, word("f_missing", lang, types=names, due=when, what=what))]
    if due - view.as_of <= DUE_SOON:
        return [finding(rule, view, "warning", due, word("f_not_yet", lang, types=names, due=when, what=what))]
    return []


def termijn(rule: Rule, view: CaseView) -> list[Finding]:
    """The document of a calendar milestone, by its due date."""
    if view.calendar is None:
        return []
    milestone = view.calendar.milestone(rule.params["mijlpaal"])
    if milestone.due is None or (milestone.not_applicable and not view.of_type(rule.params["documenten"])):
        return []
    week = f"(week {milestone.week})" if milestone.week else ""
    return with_reason(missing_or_late(rule, view, milestone.due, week), view, milestone.code)


def binnen_na(rule: Rule, view: CaseView) -> list[Finding]:
    """A document within N weeks after another document or milestone (or earlier, when a fact
    named by `eerder_bij` makes it due sooner).

    `te_late_na_telt_niet`: a reference document dated after its own milestone's due date buys
    no time (a late eerstejaarsevaluatie: the 2e spoor is still due six weeks after week 52).
    `zodra_weken`: once the `eerder_bij` fact holds, the document is due "zodra" (as soon as
    possible): a warning from that date, an error after these weeks (practice)."""
    if view.calendar is None:
        return []
    lang = view.lang
    reference = view.first_date(rule.params.get("na_documenten", []))
    late_reference = None
    if reference is not None and rule.params.get("te_late_na_telt_niet") and rule.params.get("na_mijlpaal"):
        latest = view.calendar.milestone(rule.params["na_mijlpaal"]).due
        if latest and reference > latest:
            late_reference, reference = reference, latest
    if reference is None and rule.params.get("na_mijlpaal"):
        reference = view.milestone_date(rule.params["na_mijlpaal"])
    if reference is None:
        return []
    due = reference + dt.timedelta(weeks=rule.params["weken"])
    label = type_names(rule.params.get("na_documenten") or [DEFS[rule.params["na_mijlpaal"]].doc_type], lang)
    what = word("f_weeks_after", lang, weeks=rule.params["weken"], label=label.lower(), date=short_date(reference, lang))
    if late_reference:
        what = word("f_weeks_after_late", lang, weeks=rule.params["weken"], label=label.lower(),
                    date=short_date(reference, lang), late=short_date(late_reference, lang))
    opens = None
    if rule.params.get("eerder_bij"):
        fact, fact_words = EARLIER[rule.params["eerder_bij"]]
        sooner, source = fact(view)
        grace = dt.timedelta(weeks=rule.params.get("zodra_weken", 0))
        if sooner and sooner + grace < due:
            due, opens = sooner + grace, sooner
            weeks = rule.params.get("zodra_weken", 0)
            what = word("f_sooner", lang, fact=word(fact_words, lang), date=short_date(sooner, lang),
                        said="" if source is None else word("f_sooner_said", lang, source=source),
                        grace=word("f_sooner_grace", lang, weeks=weeks) if weeks else "")
    recovered = view.calendar.clock.recovered_on
    if recovered and recovered < due and not view.of_type(rule.params["documenten"]):
        return []
    key = rule.params.get("mijlpaal") or EXCEPTIONS.get(rule.params.get("uitzondering", ""))
    findings = missing_or_late(rule, view, due, what)
    if not findings and opens and opens <= view.as_of < due - DUE_SOON and not view.of_type(rule.params["documenten"]):
        text = word("f_not_yet_soon", lang, types=type_names(rule.params["documenten"], lang), due=short_date(due, lang),
                    what=what)
        findings = [finding(rule, view, "warning", due, text)]
    return with_reason(findings, view, key)


def terugkerend(rule: Rule, view: CaseView) -> list[Finding]:
    """A document at least every N weeks from a milestone on; each gap is its own finding.

    The N weeks count sick time: a window pauses while the employee is fit between periods
    that add up. The windows run until the WIA application (else the end of the waiting time
    or recovery), and during a loonsanctie until its end.
    """
    if view.calendar is None:
        return []
    lang, interval, clock = view.lang, dt.timedelta(weeks=rule.params["weken"]), view.calendar.clock
    start = view.first_date([DEFS[rule.params["vanaf"]].doc_type])
    if start is None:
        due = view.milestone_date(rule.params["vanaf"])
        if due is None or due >= view.as_of:
            return []
        start = due
    docs = [d for d in view.of_type(rule.params["documenten"]) if d.date and d.date > start]
    end = view.first_date(["wia-aanvraag"]) or view.facts.wia_application.date \
        or view.calendar.milestone("einde_wachttijd").due or clock.recovered_on
    if clock.recovered_on:
        end = min(end, clock.recovered_on) if end else clock.recovered_on
    sanction = uwv_decided(view.facts, view.documents).sanction_end   # UWV's letter, else the workbook
    if sanction and (end is None or sanction > end):
        end = sanction

    def next_due(after: dt.date) -> dt.date | None:
        return clock.after(after, interval)

    findings, previous = [], start
    by_date: dict[dt.date, str] = {}
    for doc in docs:
        by_date.setdefault(doc.date, doc.path)
    for date in sorted(by_date):
        if end and date > end:
            break
        due = next_due(previous) or previous + interval
        if date > due:
            text = word("f_eval_gap", lang, start=short_date(previous, lang), end=short_date(date, lang),
                        due=short_date(due, lang), span=span(date - previous, lang))
            findings.append(finding(rule, view, rule.severity, due, text, [by_date[date]], "evaluatie"))
        previous = date
    due = next_due(previous)
    if due is not None and (end is None or due <= end):
        if due < view.as_of:
            text = word("f_eval_none_since", lang, start=short_date(previous, lang), due=short_date(due, lang))
            findings.append(finding(rule, view, rule.severity, due, text, doc_type="evaluatie"))
        elif due - view.as_of <= DUE_SOON:
            text = word("f_eval_next", lang, start=short_date(previous, lang), due=short_date(due, lang))
            findings.append(finding(rule, view, "warning", due, text, doc_type="evaluatie"))
    return with_reason(findings, view, "evaluaties")


def voor(rule: Rule, view: CaseView) -> list[Finding]:
    """A document that must exist before another document or milestone."""
    if rule.params.get("voorwaarde") == "tweede_spoor" and view.second_track() is None:
        return []
    reference = view.first_date(rule.params.get("voor_documenten", []))
    if reference is None and rule.params.get("voor_mijlpaal"):
        reference = view.milestone_date(rule.params["voor_mijlpaal"])
    if reference is None or reference - view.as_of > DUE_SOON:
        return []
    lang, types = view.lang, rule.params["documenten"]
    docs = view.of_type(types)
    label = type_names(rule.params.get("voor_documenten") or [DEFS[rule.params["voor_mijlpaal"]].doc_type], lang).lower()
    if not docs:
        severity = rule.severity if reference <= view.as_of else "warning"
        text = word("f_needed_before", lang, types=type_names(types, lang), label=label, date=short_date(reference, lang))
        return [finding(rule, view, severity, reference, text)]
    if docs[0].date and docs[0].date > reference:
        text = word("f_only_after", lang, types=type_names(types, lang), date=short_date(docs[0].date, lang), label=label,
                    reference=short_date(reference, lang))
        return [finding(rule, view, rule.severity, reference, text, [docs[0].path])]
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


def maximale_leeftijd(rule: Rule, view: CaseView) -> list[Finding]:
    """A document not older than N months at the date of another document or milestone."""
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
    text = word("f_too_old", lang, types=type_names(rule.params["documenten"], lang), date=short_date(latest.date, lang),
                months=rule.params["maanden"], reference=short_date(reference, lang), limit=short_date(limit, lang))
    return [finding(rule, view, severity, reference, text, [latest.path])]


def verplicht_bij(rule: Rule, view: CaseView) -> list[Finding]:
    """A document required while the employee is in the 2e spoor (optionally from N weeks after its start)."""
    track = view.second_track()
    if track is None or view.of_type(rule.params["documenten"]):
        return []
    lang, start = view.lang, track.start
    due = start + dt.timedelta(weeks=rule.params.get("weken", 0)) if start else None
    if due is not None and due > view.as_of:
        return []
    since = word("f_second_track_since", lang, date=short_date(start, lang)) if start else "."
    text = word("f_second_track", lang, types=type_names(rule.params["documenten"], lang), since=since)
    return [finding(rule, view, rule.severity, due, text)]

KINDS = {kind.__name__: kind for kind in (
    termijn, terugkerend, binnen_na, voor, maximale_leeftijd, verplicht_bij, dossier_rules.werkmap_onderbouwd,
    dossier_rules.bestanden, dossier_rules.dossiermap, dossier_rules.eerste_ziektedag, dossier_rules.verzuimperiodes,
    riv_rules.inhoud, riv_rules.bijgesteld_na, riv_rules.doorlopend, letters.uwv_besluit)}
