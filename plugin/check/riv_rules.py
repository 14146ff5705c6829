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
from plugin.core.words import word
from plugin.core.wvp_calendar import DUE_SOON
from plugin.recognize.content import PARTS


def _labels(parts, lang: str) -> str:
    names = [PARTS[p].label(lang) for p in parts]
    joiner = word("and", lang)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]


def _searched(parts, lang: str) -> str:
    words = "; ".join(f"{PARTS[p].label(lang)}: {PARTS[p].searched(2)} ..." for p in parts)
    return word("looked_for", lang, what=words)


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
        text = word("f_parts_not_found_anywhere", lang, parts=_labels(missing, lang), n=len(view.documents),
                    searched=_searched(missing, lang))
        return [finding(rule, view, rule.severity, None, text, [first.path], first.type)]
    findings = []
    for doc in docs:
        missing = [p for p in wanted if p not in view.parts(doc)]
        if not missing:
            continue
        name = type_names([doc.type], lang)
        text = word("f_parts_not_found", lang, name=name, path=doc.path, date=short_date(doc.date, lang),
                    parts=_labels(missing, lang), searched=_searched(missing, lang))
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
    looked = word("f_adjust_looked", lang, types=type_names(rule.params["documenten"], lang),
                  date=short_date(event.date, lang))
    if adjusted:
        text = word("f_adjusted_late", lang, date=short_date(first.date, lang), event=event_name, path=event.path,
                    event_date=short_date(event.date, lang), due=short_date(due, lang))
        return [finding(rule, view, severity, due, text, [event.path, first.path])]
    text = word("f_not_adjusted", lang, event=event_name, path=event.path, event_date=short_date(event.date, lang),
                due=short_date(due, lang), looked=looked)
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
            text = word("f_track_gap", lang, names=names, start=short_date(previous, lang),
                        end=short_date(date, lang) if date else word("now", lang), span=span(upto - previous, lang),
                        weeks=rule.params["weken"])
            findings.append(finding(rule, view, rule.severity, due, text, doc_type=rule.params["documenten"][0]))
        if date:
            previous = date
    return findings
