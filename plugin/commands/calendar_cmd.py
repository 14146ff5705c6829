"""poortwachter calendar WORKBOOK: the WVP calendar per case, with what is done, due and overdue.

`--format ics` writes the same calendar as iCalendar for Outlook and Google Calendar
(plugin.services.calendar_feed): to --out, to stdout, or one file per casemanager.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from plugin.commands.common import date_arg, print_problems
from plugin.core.dates import format_date
from plugin.core.words import word
from plugin.workbook.load import load_workbook
from plugin.core.wvp_calendar import DUE_SOON, STATUS_TEXT
from plugin.errors import UsageError
from plugin.output import require_folder, write_atomic
from plugin.services.calendar_feed import Feed, feed, feeds_per_casemanager
from plugin.services.cases import calendars
from plugin.services.sources import Sources

MARK = {"done": " ", "done_late": "!", "overdue": "!", "due_soon": "*", "open": " ", "not_applicable": " ",
        "not_tracked": " "}


def add_parser(sub) -> None:
    p = sub.add_parser("calendar", help="de WVP-kalender per casus tonen",
                       description="Toont per casus elke WVP-mijlpaal met de uiterste datum, wat gedaan is en wat te laat is.")
    p.add_argument("workbook", type=Path)
    p.add_argument("--case", action="append", dest="cases", metavar="CASUSNUMMER")
    p.add_argument("--as-of", type=date_arg, default=None, help="peildatum (standaard: vandaag)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.add_argument("--format", choices=("text", "ics"), default="text",
                   help="text (standaard) of ics: agenda-afspraken voor Outlook en Google Agenda")
    p.add_argument("--out", type=Path, metavar="BESTAND", help="met --format ics: schrijf naar dit .ics-bestand")
    p.add_argument("--per-casemanager", type=Path, metavar="MAP",
                   help="met --format ics: één .ics per casemanager in deze map")
    p.add_argument("--profiles", type=Path, help="profielenbestand: de taal per casemanager ([casemanagers])")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.format != "ics" and (args.out or args.per_casemanager):
        raise UsageError("--out en --per-casemanager horen bij --format ics")
    workbook = load_workbook(args.workbook)
    print_problems(workbook)
    as_of = args.as_of or dt.date.today()
    if args.format == "ics":
        return write_ics(args, Sources(workbook, as_of=as_of, lang=args.lang)) or (1 if workbook.problems else 0)
    overdue = 0
    for case, calendar in calendars(Sources(workbook, as_of=as_of, lang=args.lang), args.cases):
        if calendar is None:
            print(f"\n{case.id} {case.name}: niet berekend, eerst de fouten in de werkmap herstellen.")
            continue
        print(render_calendar(case, calendar, as_of, args.lang))
        overdue += sum(1 for m in calendar.milestones if m.status(as_of) == "overdue")
        overdue += sum(1 for g in calendar.evaluations if g.done is None and g.due < as_of)
    return 1 if overdue or workbook.problems else 0


def render_calendar(case, calendar, as_of: dt.date, lang: str = "nl") -> str:
    labels = STATUS_TEXT[lang]
    d = lambda v: format_date(v, lang, "short") if v else "—"  # noqa: E731
    w = lambda key, **values: word(key, lang, **values)  # noqa: E731
    lines = [f"\n{case.id}  {case.name}  ({case['werkgever']})",
             w("cal_first_day", date=d(calendar.first_sick_day), as_of=d(as_of), week=calendar.week_at(as_of))]
    periods = [*calendar.earlier_periods, *calendar.clock.periods]
    if len(periods) > 1:
        spans = [f"{d(p.start)} – {d(p.end) if p.end else w('cal_still_sick')}" for p in periods]
        lines.append("  " + w("cal_periods") + "; ".join(spans))
    lines += [f"  {note}" for note in calendar.notes_in(lang)]
    lines.append(f"  {w('cal_milestone'):<40} {'Week':>4}  {w('cal_due'):<10}  {w('cal_done'):<10}  Status")
    for m in calendar.milestones:
        status = labels[m.status(as_of)]
        if m.not_applicable and not m.done:
            status += f" ({m.lapsed_because(lang)})"
        elif m.reason and m.status(as_of) in ("done_late", "overdue"):
            status += w("cal_reason", reason=m.reason)
        week = str(m.week) if m.week else ""
        lines.append(f"{MARK[m.status(as_of)]} {m.title(lang):<40} {week:>4}  {d(m.due):<10}  {d(m.done):<10}  {status}")
    if calendar.evaluations:
        lines.append("  " + w("cal_evaluations"))
        for gap in calendar.evaluations:
            if gap.done:
                state = labels["done_late"] if gap.late else labels["done"]
                line = w("cal_gap_held", after=d(gap.after), due=d(gap.due), done=d(gap.done), state=state)
                lines.append(f"{'!' if gap.late else ' '}   {line}")
            else:
                state = labels["overdue"] if gap.due < as_of else (labels["due_soon"] if gap.due - as_of <= DUE_SOON else labels["open"])
                line = w("cal_gap_open", after=d(gap.after), due=d(gap.due), state=state)
                lines.append(f"{'!' if gap.due < as_of else ' '}   {line}")
    return "\n".join(lines)


def write_ics(args, sources: Sources) -> int:
    """The .ics to --out, to stdout, or one per casemanager; 1 when an event was left out or not computed."""
    if args.per_casemanager:
        if args.cases or args.out:
            raise UsageError("--per-casemanager maakt een bestand per casemanager voor alle casussen; "
                             "laat --case en --out weg")
        try:
            args.per_casemanager.mkdir(exist_ok=True)
        except OSError as exc:
            raise UsageError(f"map {args.per_casemanager} niet te maken: {exc}") from None
        feeds = feeds_per_casemanager(sources, args.profiles)
        for key, found in feeds.items():
            path = args.per_casemanager / f"{key}.ics"
            write_atomic(path, found.text.encode("utf-8"), force=True)
            print(f"{path}: {found.events} afspraken ({len(found.cases)} casussen)")
        return _report(list(feeds.values()))
    found = feed(sources, args.cases, "WVP")
    if args.out:
        require_folder(args.out)
        write_atomic(args.out, found.text.encode("utf-8"), force=True)
        print(f"{args.out}: {found.events} afspraken ({len(found.cases)} casussen)")
    else:
        sys.stdout.write(found.text)
    return _report([found])


def _report(feeds: list[Feed]) -> int:
    problems = 0
    for found in feeds:
        for line in found.left_out:
            print(f"Weggelaten: {line}", file=sys.stderr)
        for case_id in found.not_computed:
            print(f"Niet berekend: casus {case_id} (eerst de fouten in de werkmap herstellen)", file=sys.stderr)
        problems += len(found.left_out) + len(found.not_computed)
    return 1 if problems else 0
