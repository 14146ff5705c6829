"""Rule kinds for what UWV's RIV-toets asks of the dossier's content, beyond the deadlines.

- `inhoud`: documents of some types hold the parts UWV looks for (the re-integratievisie in the
  plan van aanpak and the eerstejaarsevaluatie, a look back and a goal in the EJE, a search
  profile built on the arbeidsdeskundig report in the trajectplan, the employee's copy of the
  re-integratieverslag). One finding per document, naming the missing parts and where and for
  what words it looked (the `why`).
- `bijgesteld_na`: the plan van aanpak is adjusted after an event (the eerstejaarsevaluatie, an
  arbeidsdeskundig report that changes the course, the start of the 2e spoor).
- `doorlopend`: the 2e spoor is continuous: no gap longer than N weeks between its records.

Content is read as the presence of the words writers use (recognize/content.py), never as
what they say: UWV judges the content, and nothing medical is read. Every finding carries its
rule id, document type and a message that stands alone, so a gap list for the
re-integratieverslag can be built from the findings.
"""

from __future__ import annotations

import datetime as dt

from plugin.check.case_view import CaseView, finding, short_date, span, type_names
from plugin.check.findings import Finding
from plugin.check.letters import uwv_decided
from plugin.check.rules import Rule
from plugin.core.wvp_calendar import DUE_SOON
from plugin.recognize.content import PARTS


def _labels(parts, lang: str) -> str:
    names = [PARTS[p].label(lang) for p in parts]
    joiner = " en " if lang == "nl" else " and "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]


def _searched(parts, lang: str) -> str:
    words = "; ".join(f"{PARTS[p].label(lang)}: {PARTS[p].searched(2)} ..." for p in parts)
    return f"gezocht naar {words}" if lang == "nl" else f"looked for {words}"


def inhoud(rule: Rule, view: CaseView) -> list[Finding]:
    """Each document of `documenten` (dated on or after `vanaf_datum`, when given) holds `onderdelen`.

    With `ergens`, the parts may be in any document of the case (the employee's copy of the
    re-integratieverslag is often a mail or a signature on another paper): one finding for the
    case, when a document of `documenten` exists."""
    if view.calendar is None:   # first sick day unknown: the case gets WVP032 only
        return []
    lang, types, wanted = view.lang, rule.params["documenten"], rule.params["onderdelen"]
    since = dt.date.fromisoformat(rule.params["vanaf_datum"]) if rule.params.get("vanaf_datum") else None
    if rule.params.get("voorwaarde") == "tweede_spoor" and view.second_track() is None:
        return []
    docs = [d for d in view.of_type(types) if since is None or d.date is None or d.date >= since]
    if not docs:
        return []
    if rule.params.get("ergens"):
        held = frozenset().union(*(view.parts(d) for d in view.documents))
        missing = [p for p in wanted if p not in held]
        if not missing:
            return []
        first = docs[0]
        text = (f"Niet gevonden: {_labels(missing, lang)} (in alle {len(view.documents)} documenten van de casus "
                f"{_searched(missing, lang)})." if lang == "nl" else
                f"Not found: {_labels(missing, lang)} (in all {len(view.documents)} documents of the case, "
                f"{_searched(missing, lang)}).")
        return [finding(rule, view, rule.severity, None, text, [first.path], first.type)]
    findings = []
    for doc in docs:
        missing = [p for p in wanted if p not in view.parts(doc)]
        if not missing:
            continue
        name = type_names([doc.type], lang)
        text = (f"{name} '{doc.path}' ({short_date(doc.date, lang)}): niet gevonden: {_labels(missing, lang)} "
                f"({_searched(missing, lang)})." if lang == "nl" else
                f"{name} '{doc.path}' ({short_date(doc.date, lang)}): not found: {_labels(missing, lang)} "
                f"({_searched(missing, lang)}).")
        # no due date: a part missing from a document is not a deadline (nor a late item in the verdict)
        findings.append(finding(rule, view, rule.severity, None, text, [doc.path], doc.type))
    return findings


def bijgesteld_na(rule: Rule, view: CaseView) -> list[Finding]:
    """After the first document of `na_documenten` (holding one of `na_onderdelen`, when given),
    the plan van aanpak is adjusted within `weken`: a document of `documenten`, or one dated on
    or after the event that records the adjustment (content part 'bijstelling')."""
    if view.calendar is None:
        return []
    lang = view.lang
    events = [d for d in view.of_type(rule.params["na_documenten"]) if d.date]
    if rule.params.get("na_onderdelen"):
        events = [d for d in events if view.parts(d) & set(rule.params["na_onderdelen"])]
    if not events:
        return []
    event = events[0]
    due = event.date + dt.timedelta(weeks=rule.params["weken"])
    adjusted = [d for d in view.documents if d.date and d.date >= event.date
                and (d.type in rule.params["documenten"] or "bijstelling" in view.parts(d))]
    if adjusted:
        first = min(adjusted, key=lambda d: d.date)
        if first.date <= due:
            return []
    if due - view.as_of > DUE_SOON:
        return []
    severity = rule.severity if due < view.as_of else "warning"
    event_name = type_names([event.type], lang).lower()
    looked = (f"gezocht: een '{type_names(rule.params['documenten'], lang)}' of de zin dat het plan van aanpak is "
              f"bijgesteld, in de documenten vanaf {short_date(event.date, lang)}" if lang == "nl" else
              f"looked for: a '{type_names(rule.params['documenten'], lang)}' or a sentence that the plan of action was "
              f"adjusted, in the documents from {short_date(event.date, lang)}")
    if adjusted:
        text = (f"Plan van aanpak pas op {short_date(first.date, lang)} bijgesteld, na {event_name} '{event.path}' van "
                f"{short_date(event.date, lang)}; uiterlijk {short_date(due, lang)}." if lang == "nl" else
                f"Plan of action only adjusted on {short_date(first.date, lang)}, after {event_name} '{event.path}' of "
                f"{short_date(event.date, lang)}; due {short_date(due, lang)}.")
        return [finding(rule, view, severity, due, text, [event.path, first.path])]
    text = (f"Geen bijstelling van het plan van aanpak na {event_name} '{event.path}' van {short_date(event.date, lang)} "
            f"(uiterlijk {short_date(due, lang)}; {looked})." if lang == "nl" else
            f"No adjustment of the plan of action after {event_name} '{event.path}' of {short_date(event.date, lang)} "
            f"(due {short_date(due, lang)}; {looked}).")
    return [finding(rule, view, severity, due, text, [event.path])]


def doorlopend(rule: Rule, view: CaseView) -> list[Finding]:
    """From the first document of `vanaf_documenten` on, a record of `documenten` at least every
    `weken` weeks, until the WIA application or the end of the waiting time (or a loonsanctie's
    end); each gap is its own finding."""
    lang = view.lang
    starts = [d for d in view.of_type(rule.params["vanaf_documenten"]) if d.date]
    if not starts or view.calendar is None:
        return []
    start = starts[0].date
    end = view.first_date(["wia-aanvraag"]) or view.calendar.milestone("einde_wachttijd").due
    sanction = uwv_decided(view.facts, view.documents).sanction_end
    if sanction and (end is None or sanction > end):
        end = sanction
    if view.calendar.clock.recovered_on:
        end = min(end, view.calendar.clock.recovered_on) if end else view.calendar.clock.recovered_on
    limit = min(end, view.as_of) if end else view.as_of
    interval = dt.timedelta(weeks=rule.params["weken"])
    dates = sorted({d.date for d in view.of_type(rule.params["documenten"]) if d.date and start < d.date <= limit})
    names = type_names(rule.params["documenten"][:2], lang).lower()
    findings, previous = [], start
    for date in [*dates, None]:
        upto = date or limit
        if upto - previous > interval and (date is not None or previous + interval < view.as_of):
            due = previous + interval
            text = (f"2e spoor niet doorlopend: geen verslag ({names}, ...) tussen {short_date(previous, lang)} en "
                    f"{short_date(date, lang) if date else 'nu'} ({span(upto - previous, lang)}; hooguit "
                    f"{rule.params['weken']} weken)." if lang == "nl" else
                    f"Second track not continuous: no record ({names}, ...) between {short_date(previous, lang)} and "
                    f"{short_date(date, lang) if date else 'now'} ({span(upto - previous, lang)}; at most "
                    f"{rule.params['weken']} weeks).")
            findings.append(finding(rule, view, rule.severity, due, text, doc_type=rule.params["documenten"][0]))
        if date:
            previous = date
    return findings
