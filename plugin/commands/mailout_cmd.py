"""poortwachter mailout WORKBOOK --month JJJJ-MM: each employer the month's report, exactly once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plugin.commands.common import add_scheduled_arg, print_problems, sender_arg
from plugin.core.month import Month
from plugin.core.words import MAIL_STATUS
from plugin.mail.mailout.message import month_name
from plugin.mail.mailout.run import PROBLEMS, MailResult
from plugin.resources import mailbox_dir, templates_dir
from plugin.schedule.at import parse_at
from plugin.schedule.runlog import scheduled_run
from plugin.signals.periods import resolve_month
from plugin.services.mailout import MailoutRequest, mailout
from plugin.workbook.load import load_workbook

# The catalogue's words; a problem is shouted, so it stands out in a long run.
LABELS = {status: text.upper() if status in PROBLEMS else text for status, text in MAIL_STATUS["nl"].items()}


def add_parser(sub) -> None:
    p = sub.add_parser("mailout", help="maandrapportages naar de werkgevers mailen (precies één keer)",
                       description="Maakt per actieve casus de rapportage van de maand (de evaluatie van die maand, "
                                   "anders een maandrapportage) en mailt die naar E-mail werkgever. Standaard worden "
                                   ".eml-bestanden in een outbox-map gezet om na te kijken; er gaat dan niets weg.")
    p.add_argument("workbook", type=Path, help="de werkmap (.xlsx)")
    p.add_argument("--month", required=True, metavar="JJJJ-MM", help="de maand, bv. 2026-04, of previous (de vorige "
                   "maand, voor een geplande run op de 1e) of current")
    p.add_argument("--via", metavar="URI", help="outbox:MAP (standaard: outbox naast de werkmap), smtp://server:poort, "
                                                "exchange:PROFIEL of graph:PROFIEL")
    p.add_argument("--from", dest="sender", metavar="ADRES", type=sender_arg, help="afzender (standaard: 'from' uit het profiel)")
    p.add_argument("--case", action="append", dest="cases", metavar="CASUSNUMMER",
                   help="alleen deze casus (herhaalbaar)")
    p.add_argument("--out", type=Path, default=Path("output"), help="map voor de bijlagen (standaard: output); een "
                   "document dat daar al staat wordt zo verstuurd, zodat je het eerst in Word kunt aanvullen")
    p.add_argument("--templates", type=Path, help="map met eigen Word-sjablonen")
    p.add_argument("--mail-templates", type=Path, help="map met eigen mailteksten (standaard: mailbox/)")
    p.add_argument("--profiles", type=Path, help="profielenbestand (TOML) voor --via")
    p.add_argument("--ledger", type=Path, help="logboek (standaard: <werkmap>.mailout.sqlite naast de werkmap)")
    p.add_argument("--dry-run", action="store_true",
                   help="alleen tonen wat waarheen zou gaan; niets versturen of schrijven")
    p.add_argument("--resend-unknown", action="store_true",
                   help="berichten met status onbekend (afgebroken verzending) toch opnieuw versturen")
    p.add_argument("--no-pdf", dest="pdf", action="store_false", help="geen PDF-kopie bijvoegen")
    add_scheduled_arg(p)
    p.set_defaults(run=run)


def run(args) -> int:
    month = resolve_month(args.month, dt.date.today())   # a wrong month is said before the workbook is read
    if args.scheduled:
        return scheduled_run("mailout", args.workbook, parse_at(args.scheduled, "mailout"), month.key,
                             lambda: _run(args, month))
    return _run(args, month)[0]


def _run(args, month: Month) -> tuple[int, list[MailResult]]:
    workbook = load_workbook(args.workbook)
    print_problems(workbook)
    request = MailoutRequest(args.workbook, month.key, args.out, args.templates or templates_dir(),
                             args.mail_templates or mailbox_dir(), args.via, args.profiles, args.sender,
                             tuple(args.cases) if args.cases else None, args.ledger, args.dry_run,
                             args.resend_unknown, args.pdf)
    lane = []

    def start(report) -> None:
        lane.append(report.lane)
        mode = "  (proefrun: er wordt niets verzonden of geschreven)" if args.dry_run else ""
        print(f"Mail-out {month_name(report.month.year, report.month.month, 'nl')} via {report.via}{mode}")

    report = mailout(workbook, request, lambda result: print(_line(result, lane[0])), start)
    print(summary(report.results, report.notes, report.lane, report.ledger, args.dry_run))
    return (1 if workbook.problems or report.problems else 0), report.results


def _line(outcome: MailResult, lane: str) -> str:
    label = "in outbox" if outcome.status == "sent" and lane == "outbox" else LABELS[outcome.status]
    if outcome.status in ("sent", "would_send"):
        files = ", ".join(outcome.attachments)
        return f"  {label:<12} {outcome.case_id:<10} -> {outcome.recipient}: {outcome.reason} [{files}]"
    return f"  {label:<12} {outcome.case_id:<10} {outcome.reason}"


def summary(outcomes: list[MailResult], notes: list[str], lane: str, ledger_path: Path, dry_run: bool) -> str:
    count = {status: sum(1 for o in outcomes if o.status == status) for status in LABELS}
    sent_word = "in de outbox gezet" if lane == "outbox" else "verzonden"
    parts = [f"{count['would_send']} zou(den) gaan" if dry_run else f"{count['sent']} {sent_word}",
             f"{count['skipped']} overgeslagen", f"{count['failed']} mislukt", f"{count['refused']} geweigerd"]
    if count["unknown"]:
        parts.append(f"{count['unknown']} onbekend")
    lines = ["", "Samenvatting: " + ", ".join(parts) + "."]
    problems = [o for o in outcomes if o.status in PROBLEMS]
    if problems:
        lines.append("Niet verzonden (volgende run opnieuw, behalve 'onbekend'):")
        lines += [f"  - casus {o.case_id} ({LABELS[o.status].lower()}): {o.reason}" for o in problems]
    lines += [f"Let op: {note}" for note in notes]
    if not dry_run:
        lines.append(f"Logboek: {ledger_path}")
    return "\n".join(lines)
