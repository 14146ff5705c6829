"""The WVP calendar as an .ics file: every milestone of every case (or some), or one file per casemanager.

The calendar is the workbook's (plugin.services.cases.calendars), as `poortwachter calendar`
shows it; plugin.signals.ics writes the events. Every event passes the AVG guard with the
case's own names exempt (as generate and the mail-out do); an event with a medical word is
left out and named, never written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plugin.core.privacy import describe, find_in_parts
from plugin.core.words import word
from plugin.documents.privacy_guard import exempt_values, work_values
from plugin.services.cases import calendars
from plugin.services.sources import Sources
from plugin.signals import ics
from plugin.signals.recipients import NO_CASEMANAGER, Contact, fold, load_contacts, slug
from plugin.core.wvp_calendar import build_calendar
from plugin.workbook.facts import facts_from_case


@dataclass
class Feed:
    name: str                     # the calendar's name (X-WR-CALNAME), e.g. "WVP · Anna de Vries"
    text: str                     # the .ics itself
    cases: list[str] = field(default_factory=list)
    events: int = 0
    left_out: list[str] = field(default_factory=list)   # events refused by the AVG guard, with why
    not_computed: list[str] = field(default_factory=list)   # cases whose row is in error


def _events(case, calendar, sources: Sources, lang: str, left_out: list[str]) -> list[ics.Event]:
    events = []
    dossier = (case["dossiermap"] or "").strip() or None
    unrecovered = None
    if calendar.clock.recovered_on is not None:
        unrecovered = build_calendar(ics.still_sick(facts_from_case(case)))
    for event in ics.case_events(case.id, case.name, case["werkgever"] or "", calendar, sources.as_of, lang, dossier,
                                 unrecovered):
        hits = find_in_parts([("titel", event.summary), ("omschrijving", event.description)], exempt_values(case),
                             work_values(case))
        if hits:
            left_out.append(f"casus {case.id}, {event.code}: medische term(en) {describe(hits)}; afspraak weggelaten")
            continue
        events.append(event)
    return events


def feed(sources: Sources, case_ids: list[str] | None = None, name: str | None = None,
         now: dt.datetime | None = None, lang: str | None = None) -> Feed:
    """One .ics with every milestone of these cases (default all)."""
    lang = lang or sources.lang
    result = Feed(name or "WVP", "")
    events: list[ics.Event] = []
    for case, calendar in calendars(sources, case_ids):
        if calendar is None:
            result.not_computed.append(case.id)
            continue
        found = _events(case, calendar, sources, lang, result.left_out)
        events += found
        result.cases.append(case.id)
    result.events = len(events)
    result.text = ics.render(events, result.name, now)
    return result


def casemanager_groups(sources: Sources, contacts: dict[str, Contact]) -> dict[str, tuple[str, str, list[str]]]:
    """file name part -> (the casemanager's name, language, case ids), in workbook order."""
    groups: dict[str, tuple[str, str, list[str]]] = {}
    for case in sources.workbook.cases.values():
        name = (case["casemanager"] or "").strip()
        contact = contacts.get(fold(name)) if name else None
        key = slug(name) if name else slug(word("ics_no_casemanager", sources.lang))
        groups.setdefault(key, (name or NO_CASEMANAGER, contact.lang if contact else sources.lang, []))[2].append(case.id)
    return groups


def feeds_per_casemanager(sources: Sources, profiles=None, now: dt.datetime | None = None,
                          only: str | None = None) -> dict[str, Feed]:
    """file name part -> the .ics of that casemanager's cases, in the casemanager's language
    (only: just the casemanager of that name, as typed in the workbook)."""
    contacts = load_contacts(profiles)
    return {key: feed(sources, ids, f"WVP · {name}", now, lang)
            for key, (name, lang, ids) in casemanager_groups(sources, contacts).items() if only in (None, name)}
