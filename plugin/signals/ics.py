"""The WVP calendar as iCalendar (RFC 5545): one all-day event per case and milestone.

Choices, so that importing again updates and a lapsed milestone disappears:
- METHOD:PUBLISH (RFC 5546 3.2.1: a published event the organizer may later update or cancel
  with another PUBLISH; STATUS may be CANCELLED there). One file holds one METHOD, so a
  cancellation travels in the same file as the updates, as STATUS:CANCELLED. PUBLISH
  requires an ORGANIZER: Poortwachter itself.
- UID: a hash of the case number and the milestone code, the same in every export, so an
  import finds the earlier entry (RFC 5545 3.8.4.7); no name or number is readable in it.
  The evaluations are one entry per case, "the next evaluation", moved as they are held.
- SEQUENCE: the number of minutes since 2024-01-01 UTC at export. Calendars take an entry
  with a higher SEQUENCE (and, at equal SEQUENCE, a later DTSTAMP) as the newer revision
  (RFC 5546 2.1.5); a counter kept in a file could be lost, this one only grows.
- All-day: DTSTART;VALUE=DATE and DTEND the day after (exclusive, RFC 5545 3.6.1), shown as
  free time; a reminder (VALARM, DISPLAY) a week before at 09:00 for what is still open.
- Lapsed milestones (recovery, a recorded reason for no 2e spoor) are STATUS:CANCELLED;
  done ones stay, saying when they were done, without a reminder.
- The text holds what the calendar holds (milestone, date, week, basis, case, dossier path),
  never medical content: every event passes the AVG guard before it is written.
Text is escaped (backslash, comma, semicolon, line breaks: 3.3.11) and lines are folded at
75 octets without splitting a UTF-8 character (3.1), with CRLF line ends.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass

from plugin.core.dates import format_date
from plugin.core.words import word
from plugin.core.case_facts import CaseFacts
from plugin.core.sick_days import Period
from plugin.core.wvp_calendar import CaseCalendar

PRODID = "-//Poortwachter//WVP-kalender//NL"
ORGANIZER = "ORGANIZER;CN=Poortwachter:mailto:poortwachter@poortwachter.invalid"
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
REMINDER = "-P6DT15H"          # the start of the day, minus 6 days 15 hours: 09:00 a week before
EVALUATION_CODE = "volgende_evaluatie"


@dataclass(frozen=True)
class Event:
    uid: str
    case_id: str
    code: str
    day: dt.date
    summary: str
    description: str
    status: str = "CONFIRMED"       # CONFIRMED | CANCELLED
    reminder: bool = True


def uid_for(case_id: str, code: str) -> str:
    digest = hashlib.sha256(f"{case_id}\x00{code}".encode("utf-8")).hexdigest()[:32]
    return f"{digest}@poortwachter"


def sequence_at(now: dt.datetime) -> int:
    return max(0, int((now - EPOCH).total_seconds() // 60))


def _day(value: dt.date, lang: str) -> str:
    return format_date(value, lang, "short")


def still_sick(facts: CaseFacts) -> CaseFacts:
    """The same case as if the last sick period had not ended: the dates a recovery cancels."""
    periods = sorted(facts.sick_periods, key=lambda p: p.start)
    if not periods or periods[-1].end is None:
        return facts
    return dataclasses.replace(facts, sick_periods=(*periods[:-1], Period(periods[-1].start, None)))


def case_events(case_id: str, employee: str, employer: str, calendar: CaseCalendar, as_of: dt.date,
                lang: str = "nl", dossier: str | None = None, unrecovered: CaseCalendar | None = None) -> list[Event]:
    """Every milestone with a date, and the next evaluation, of one case.

    unrecovered: the calendar as if the employee had not recovered (still_sick): a milestone
    that lapsed by the recovery has no date of its own any more, yet its entry must be
    cancelled on the date an earlier export gave it."""
    head = f"{word('case', lang)} {case_id} · {employee}" + (f" · {employer}" if employer else "")
    tail = [f"{word('dossier', lang)}: {dossier}"] if dossier else []
    tail.append(word("ics_made_by", lang, day=_day(as_of, lang)))
    events = []
    for m in calendar.milestones:
        if m.due is None and m.not_applicable and unrecovered is not None:
            m = dataclasses.replace(m, due=unrecovered.milestone(m.code).due,
                                    week=unrecovered.milestone(m.code).week)
        if m.due is None:
            continue
        lines = [head, word("ics_due", lang, day=_day(m.due, lang), week=m.week or calendar.week_at(m.due))]
        lines.append(f"{word('basis', lang)}: {m.basis}")
        if m.party:
            lines.append(f"{word('party', lang)}: {m.party}")
        status, reminder, summary = "CONFIRMED", True, f"{m.title(lang)} · {case_id} {employee}"
        if m.not_applicable and not m.done:
            status, reminder = "CANCELLED", False
            lines.append(word("ics_lapsed", lang, why=m.lapsed_because(lang)))
        elif m.done:
            reminder = False
            summary = f"{m.title(lang)} ({word('ics_done_short', lang)}) · {case_id} {employee}"
            lines.append(word("ics_done", lang, day=_day(m.done, lang)))
        elif not m.tracked and m.due < as_of:
            reminder = False
        events.append(Event(uid_for(case_id, m.code), case_id, m.code, m.due, summary, "\n".join(lines + tail),
                            status, reminder))
    evaluation = _next_evaluation(calendar, head, tail, case_id, employee, lang, unrecovered)
    if evaluation is not None:
        events.append(evaluation)
    return events


def _next_evaluation(calendar: CaseCalendar, head: str, tail: list[str], case_id: str, employee: str,
                     lang: str, unrecovered: CaseCalendar | None = None) -> Event | None:
    """The one entry for the next evaluation; cancelled once none is due (recovered, waiting time over)."""
    open_gap = next((g for g in calendar.evaluations if g.done is None), None)
    gap = open_gap or next((g for g in (unrecovered.evaluations if unrecovered else []) if g.done is None), None) \
        or (calendar.evaluations[-1] if calendar.evaluations else None)
    if gap is None:
        return None
    lines = [head, word("ics_due", lang, day=_day(gap.due, lang), week=calendar.week_at(gap.due)),
             word("ics_evaluation_after", lang, day=_day(gap.after, lang)),
             f"{word('basis', lang)}: {word('ics_evaluation_basis', lang)}"]
    if open_gap is None:
        lines.append(word("ics_no_next_evaluation", lang))
    return Event(uid_for(case_id, EVALUATION_CODE), case_id, EVALUATION_CODE, gap.due,
                 f"{word('ics_next_evaluation', lang)} · {case_id} {employee}", "\n".join(lines + tail),
                 "CONFIRMED" if open_gap else "CANCELLED", open_gap is not None)


def escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> list[str]:
    """One content line as physical lines of at most 75 octets (continuations start with a space)."""
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        limit = 75 if not out else 74
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def render(events: list[Event], name: str, now: dt.datetime | None = None) -> str:
    """The whole .ics file as text (CRLF line ends)."""
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    sequence = sequence_at(now)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(name)}"]
    for event in sorted(events, key=lambda e: (e.day, e.case_id, e.code)):
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}", f"SEQUENCE:{sequence}",
                  f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{escape(event.summary)}", f"DESCRIPTION:{escape(event.description)}",
                  f"STATUS:{event.status}", "TRANSP:TRANSPARENT", ORGANIZER,
                  "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE", "X-MICROSOFT-CDO-BUSYSTATUS:FREE"]
        if event.reminder and event.status != "CANCELLED":
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(event.summary)}",
                      f"TRIGGER:{REMINDER}", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))

