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
from plugin.core.wvp_calendar import DEFS, DUE_SOON

# Rule field `uitzondering` (older rule files) -> the milestone whose recorded reason applies.
EXCEPTIONS = {"reden_geen_2e_spoor": "start_2e_spoor"}
# Rule field `eerder_bij` -> (since when, and the document that says so (None: the workbook),
# that makes the document due earlier; nl, en wording).
EARLIER = {"geen_terugkeer_eigen_organisatie": (CaseView.own_work_ruled_out,
                                                "terugkeer in de eigen organisatie niet in zicht sinds",
                                                "return in the own organisation not in view since")}


def missing_or_late(rule: Rule, view: CaseView, due: dt.date, what: str) -> list[Finding]:
    """Shared by the deadline kinds: late document, missing document, or coming up soon."""
    lang, types = view.lang, rule.params["documenten"]
    docs = view.of_type(types)
    if docs:
        first = docs[0]
        if first.date is None:
            text = (f"{type_names(types, lang)} aanwezig maar zonder datum; tijdigheid (uiterlijk {short_date(due, lang)}) niet te controleren."
                    if lang == "nl" else f"{type_names(types, lang)} present but undated; cannot check it was on time (due {short_date(due, lang)}).")
            return [finding(rule, view, "warning", due, text, [first.path])]
        if first.date > due:
            text = (f"{type_names(types, lang)} te laat: gedateerd {short_date(first.date, lang)}, uiterlijk was {short_date(due, lang)} {what}."
                    if lang == "nl" else f"{type_names(types, lang)} late: dated {short_date(first.date, lang)}, due {short_date(due, lang)} {what}.")
            return [finding(rule, view, rule.severity, due, text, [first.path])]
        return []
    if due < view.as_of:
        text = (f"{type_names(types, lang)} ontbreekt; uiterlijk {short_date(due, lang)} {what}."
                if lang == "nl" else f"{type_names(types, lang)} missing; due {short_date(due, lang)} {what}.")
        return [finding(rule, view, rule.severity, due, text)]
    if due - view.as_of <= DUE_SOON:
        text = (f"{type_names(types, lang)} nog niet in het dossier; uiterlijk {short_date(due, lang)} {what}."
                if lang == "nl" else f"{type_names(types, lang)} not in the dossier yet; due {short_date(due, lang)} {what}.")
        return [finding(rule, view, "warning", due, text)]
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
    what = (f"({rule.params['weken']} weken na {label.lower()} van {short_date(reference, lang)})" if lang == "nl"
            else f"({rule.params['weken']} weeks after the {label.lower()} of {short_date(reference, lang)})")
    if late_reference:
        what = (f"({rule.params['weken']} weken na de uiterste datum van de {label.lower()}, {short_date(reference, lang)}; "
                f"die was te laat ({short_date(late_reference, lang)}) en geeft geen uitstel)" if lang == "nl" else
                f"({rule.params['weken']} weeks after the {label.lower()}'s due date, {short_date(reference, lang)}; it was "
                f"late ({short_date(late_reference, lang)}) and buys no time)")
    opens = None
    if rule.params.get("eerder_bij"):
        fact, nl, en = EARLIER[rule.params["eerder_bij"]]
        sooner, source = fact(view)
        grace = dt.timedelta(weeks=rule.params.get("zodra_weken", 0))
        if sooner and sooner + grace < due:
            due, opens = sooner + grace, sooner
            said = "" if source is None else (f", volgens {source}" if lang == "nl" else f", according to {source}")
            weeks = rule.params.get("zodra_weken", 0)
            what = (f"({nl if lang == 'nl' else en} {short_date(sooner, lang)}{said}"
                    + ((f"; zodra mogelijk, uiterlijk {weeks} weken daarna (praktijk)" if lang == "nl" else
                        f"; as soon as possible, at the latest {weeks} weeks later (practice)") if weeks else "") + ")")
    recovered = view.calendar.clock.recovered_on
    if recovered and recovered < due and not view.of_type(rule.params["documenten"]):
        return []
    key = rule.params.get("mijlpaal") or EXCEPTIONS.get(rule.params.get("uitzondering", ""))
    findings = missing_or_late(rule, view, due, what)
    if not findings and opens and opens <= view.as_of < due - DUE_SOON and not view.of_type(rule.params["documenten"]):
        types = rule.params["documenten"]
        text = (f"{type_names(types, lang)} nog niet in het dossier; nodig zodra mogelijk, uiterlijk {short_date(due, lang)} {what}."
                if lang == "nl" else
                f"{type_names(types, lang)} not in the dossier yet; needed as soon as possible, by {short_date(due, lang)} {what}.")
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
            text = (f"Geen evaluatie tussen {short_date(previous, lang)} en {short_date(date, lang)}: de volgende was uiterlijk "
                    f"{short_date(due, lang)} nodig ({span(date - previous, lang)} zonder evaluatie)."
                    if lang == "nl" else
                    f"No evaluation between {short_date(previous, lang)} and {short_date(date, lang)}: the next one was due by "
                    f"{short_date(due, lang)} ({span(date - previous, lang)} without one).")
            findings.append(finding(rule, view, rule.severity, due, text, [by_date[date]], "evaluatie"))
        previous = date
    due = next_due(previous)
    if due is not None and (end is None or due <= end):
        if due < view.as_of:
            text = (f"Geen evaluatie meer sinds {short_date(previous, lang)}; de volgende was uiterlijk {short_date(due, lang)} nodig."
                    if lang == "nl" else f"No evaluation since {short_date(previous, lang)}; the next was due by {short_date(due, lang)}.")
            findings.append(finding(rule, view, rule.severity, due, text, doc_type="evaluatie"))
        elif due - view.as_of <= DUE_SOON:
            text = (f"Volgende evaluatie uiterlijk {short_date(due, lang)} (laatste: {short_date(previous, lang)})."
                    if lang == "nl" else f"Next evaluation due by {short_date(due, lang)} (last: {short_date(previous, lang)}).")
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
        text = (f"{type_names(types, lang)} ontbreekt; nodig vóór {label} ({short_date(reference, lang)})."
                if lang == "nl" else f"{type_names(types, lang)} missing; needed before the {label} ({short_date(reference, lang)}).")
        return [finding(rule, view, severity, reference, text)]
    if docs[0].date and docs[0].date > reference:
        text = (f"{type_names(types, lang)} pas op {short_date(docs[0].date, lang)}, na {label} ({short_date(reference, lang)})."
                if lang == "nl" else f"{type_names(types, lang)} only on {short_date(docs[0].date, lang)}, after the {label} ({short_date(reference, lang)}).")
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
    text = (f"{type_names(rule.params['documenten'], lang)} van {short_date(latest.date, lang)} is ouder dan {rule.params['maanden']} "
            f"maanden op {short_date(reference, lang)} (niet vóór {short_date(limit, lang)})." if lang == "nl" else
            f"{type_names(rule.params['documenten'], lang)} of {short_date(latest.date, lang)} is older than {rule.params['maanden']} "
            f"months on {short_date(reference, lang)} (not before {short_date(limit, lang)}).")
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
    text = (f"{type_names(rule.params['documenten'], lang)} ontbreekt, terwijl de werknemer in het 2e spoor zit"
            + (f" (sinds {short_date(start, lang)})." if start else ".")
            if lang == "nl" else f"{type_names(rule.params['documenten'], lang)} missing while the employee is in the second track.")
    return [finding(rule, view, rule.severity, due, text)]

KINDS = {kind.__name__: kind for kind in (
    termijn, terugkerend, binnen_na, voor, maximale_leeftijd, verplicht_bij, dossier_rules.werkmap_onderbouwd,
    dossier_rules.bestanden, dossier_rules.dossiermap, dossier_rules.eerste_ziektedag, dossier_rules.verzuimperiodes,
    riv_rules.inhoud, riv_rules.bijgesteld_na, riv_rules.doorlopend, letters.uwv_besluit)}
