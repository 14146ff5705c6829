"""poortwachter signals WORKBOOK: each casemanager this week's deadlines by e-mail, at most once a week."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plugin.commands.common import add_scheduled_arg, date_arg, print_problems, sender_arg
from plugin.core.words import MAIL_STATUS
from plugin.mail.mailout.run import PROBLEMS
from plugin.resources import mailbox_dir
from plugin.schedule.at import parse_at
from plugin.schedule.runlog import scheduled_run
from plugin.services.signals import SignalsReport, SignalsRequest, signals
from plugin.services.sources import Sources
from plugin.signals.periods import resolve_week
from plugin.signals.run import SignalResult
from plugin.workbook.load import load_workbook

LABELS = {status: text.upper() if status in PROBLEMS else text for status, text in MAIL_STATUS["nl"].items()}


def add_parser(sub) -> None:
    p = sub.add_parser("signals", help="termijnsignalen: per casemanager één mail per week",
                       description="Mailt elke casemanager wat in zijn of haar casussen te laat is en wat de komende "
                                   "weken verloopt, per casus op datum, met de WVP-week en de grondslag. Hoogstens "
                                   "één signaal per casemanager per ISO-week. Standaard worden .eml-bestanden in "
                                   "een outbox-map gezet; er gaat dan niets weg.")
    p.add_argument("workbook", type=Path, help="de werkmap (.xlsx)")
    p.add_argument("--dossiers", type=Path, help="map met één submap per casus: de termijnen volgen dan de documenten")
    p.add_argument("--mailbox", action="append", metavar="URI", help="ook deze mailbox als bewijs (herhaalbaar)")
    p.add_argument("--weeks", type=int, default=3, metavar="N", help="wat de komende N weken verloopt (standaard 3)")
    p.add_argument("--week", metavar="WEEK", help="current (standaard: deze week) of jjjj-Www, bv. 2026-W48")
    p.add_argument("--via", metavar="URI", help="outbox:MAP (standaard: outbox naast de werkmap), smtp://server:poort, "
                                                "exchange:PROFIEL of graph:PROFIEL")
    p.add_argument("--from", dest="sender", metavar="ADRES", type=sender_arg, help="afzender (standaard: 'from' uit het profiel)")
    p.add_argument("--profiles", type=Path, help="profielenbestand (TOML): verzendprofielen en [casemanagers]")
    p.add_argument("--mail-templates", type=Path, help="map met eigen mailteksten (standaard: mailbox/)")
    p.add_argument("--ledger", type=Path, help="logboek (standaard: <werkmap>.signals.sqlite naast de werkmap)")
    p.add_argument("--dry-run", action="store_true", help="alleen tonen wat er zou gaan, met de tekst; niets versturen")
    p.add_argument("--again", action="store_true", help="het signaal van deze week bewust nog een keer versturen")
    p.add_argument("--always", action="store_true", help="ook mailen als er niets te melden is")
    p.add_argument("--as-of", type=date_arg, help="peildatum (standaard: vandaag)")
    p.add_argument("--rules", type=Path, help="map of bestand met eigen regels (standaard: checks/)")
    p.add_argument("--cache", type=Path, metavar="BESTAND", help="scancache (zoals bij check)")
    p.add_argument("--no-cache", action="store_true", help="alles opnieuw lezen, zonder scancache")
    add_scheduled_arg(p)
    p.set_defaults(run=run)


def run(args) -> int:
    as_of = args.as_of or dt.date.today()
    week = resolve_week(args.week, as_of)       # a wrong week is said before the workbook is read
    if args.scheduled:
        at = parse_at(args.scheduled, "signals")
        return scheduled_run("signals", args.workbook, at, week.key, lambda: _run(args, as_of))
    return _run(args, as_of)[0]


def _run(args, as_of: dt.date) -> tuple[int, list[SignalResult]]:
    workbook = load_workbook(args.workbook)
    print_problems(workbook)
    sources = Sources(workbook, args.dossiers, tuple(args.mailbox or ()), args.profiles, args.cache, args.no_cache,
                      args.rules, as_of, "nl")
    request = SignalsRequest(args.workbook, args.mail_templates or mailbox_dir(), args.weeks, args.week, args.via,
                             args.profiles, args.sender, args.ledger, args.dry_run, args.again, args.always)

    def start(report: SignalsReport) -> None:
        mode = "  (proefrun: er wordt niets verzonden of geschreven)" if args.dry_run else ""
        print(f"Termijnsignalen week {report.week.key} via {report.via}{mode}")

    def each(result: SignalResult) -> None:
        print(_line(result, lane[0] if lane else ""))
        if args.dry_run and result.text:
            print("    " + result.subject)
            print("\n".join("    | " + line for line in result.text.rstrip("\n").split("\n")))

    lane: list[str] = []
    report = signals(sources, request, each, lambda r: (lane.append(r.lane), start(r)))
    print(summary(report))
    return (1 if workbook.problems or report.problems else 0), report.results


def _line(result: SignalResult, lane: str) -> str:
    label = "in outbox" if result.status == "sent" and lane == "outbox" else LABELS[result.status]
    cases = f" [{', '.join(result.cases)}]" if result.cases else ""
    if result.status in ("sent", "would_send"):
        return f"  {label:<12} {result.name} -> {result.recipient}: {result.reason}{cases}"
    return f"  {label:<12} {result.name}: {result.reason}{cases}"


def summary(report: SignalsReport) -> str:
    count = report.counts()
    sent_word = "in de outbox gezet" if report.lane == "outbox" else "verzonden"
    parts = [f"{count.get('would_send', 0)} zou(den) gaan" if report.dry_run else f"{count.get('sent', 0)} {sent_word}",
             f"{count.get('skipped', 0)} overgeslagen", f"{count.get('failed', 0)} mislukt",
             f"{count.get('refused', 0)} geweigerd"]
    if count.get("unknown"):
        parts.append(f"{count['unknown']} onbekend")
    lines = ["", "Samenvatting: " + ", ".join(parts) + "."]
    missing = [r for r in report.results if r.no_address]
    if missing:
        lines.append("Zonder adres (krijgt geen signaal; vul E-mail casemanager in of zet de casemanager onder "
                     "[casemanagers] in het profielenbestand):")
        lines += [f"  - {r.name} ({', '.join(r.cases) if r.cases else 'niets te melden deze week'}): {r.reason}"
                  for r in missing]
    problems = [r for r in report.results if r.status in PROBLEMS]
    if problems:
        lines.append("Niet verzonden (volgende run opnieuw, behalve 'onbekend': dan --again na controle):")
        lines += [f"  - {r.name} ({LABELS[r.status].lower()}): {r.reason}" for r in problems]
    lines += [f"Let op: {note}" for note in report.notes]
    if report.basis == "workbook":
        lines.append("Let op: alleen op basis van de werkmap (geef --dossiers of --mailbox om de documenten te volgen).")
    if not report.dry_run:
        lines.append(f"Logboek: {report.ledger}")
    return "\n".join(lines)
