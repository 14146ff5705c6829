"""poortwachter check DOSSIERS: what the UWV will miss at the RIV-toets, per case."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from plugin.check.reporters import FORMATS, default_file_name
from plugin.commands.common import date_arg, print_problems
from plugin.errors import UsageError
from plugin.output import require_folder, write_atomic
from plugin.services.check import run_check
from plugin.services.sources import Sources
from plugin.workbook.load import load_workbook


def add_parser(sub) -> None:
    p = sub.add_parser("check", help="dossiers controleren vóór de WIA-aanvraag (RIV-toets)",
                       description="Controleert elke dossiermap (één map per casus) op ontbrekende en te late "
                                   "documenten en evaluaties volgens de WVP-kalender.")
    p.add_argument("dossiers", type=Path, help="map met één submap per casus")
    p.add_argument("--workbook", type=Path, help="werkmap met de casussen (eerste ziektedag, Dossiermap, ...)")
    p.add_argument("--as-of", type=date_arg, help="peildatum (standaard: vandaag)")
    p.add_argument("--format", choices=tuple(FORMATS), default="table")
    p.add_argument("--out", type=Path, help="schrijf het rapport naar dit bestand (nodig bij xlsx en docx)")
    p.add_argument("--force", action="store_true", help="bestaand rapportbestand overschrijven")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal van het rapport")
    p.add_argument("--rules", type=Path, help="map of bestand met eigen regels (standaard: checks/)")
    p.add_argument("--mailbox", action="append", metavar="URI",
                   help="ook deze mailbox doorzoeken, bv. folder:examples/mailbox of imap://user@host/INBOX")
    p.add_argument("--profiles", type=Path, help="profielenbestand voor --mailbox (TOML)")
    p.add_argument("--cache", type=Path, metavar="BESTAND",
                   help="scancache (SQLite) om te delen, bv. naast de dossiers; standaard in de cachemap van de "
                        "gebruiker. Ongewijzigde bestanden worden dan niet opnieuw gelezen")
    p.add_argument("--no-cache", action="store_true", help="alles opnieuw lezen, zonder scancache")
    p.set_defaults(run=run)


def run(args) -> int:
    if not args.dossiers.is_dir():
        raise UsageError(f"map niet gevonden: {args.dossiers}")
    if args.out is not None:
        require_folder(args.out)   # before the scan: a typo in --out must not cost a whole check
    workbook = load_workbook(args.workbook) if args.workbook else None
    if workbook is not None:
        print_problems(workbook)
    sources = Sources(workbook, args.dossiers, tuple(args.mailbox or ()), args.profiles, args.cache, args.no_cache,
                      args.rules, args.as_of or dt.date.today(), args.lang)
    report = run_check(sources)
    for note in report.notes:
        print(note, file=sys.stderr)
    result = report.result
    reporter = FORMATS[args.format]
    output = reporter.render(result)
    out = args.out
    if out is None and reporter.BINARY:
        out = Path(default_file_name(sources.as_of, args.format))
    if out is None:
        _to_stdout(output)
    else:
        write_atomic(out, output if isinstance(output, bytes) else output.encode("utf-8"), force=args.force,
                     make_folders=False)
        print(f"Rapport geschreven: {out}")
    return 1 if result.has_errors() else 0


def _to_stdout(text: str) -> None:
    """Whatever the terminal's encoding, never a crash halfway and never half a JSON document."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    sys.stdout.write(text.encode(encoding, "replace").decode(encoding))
    sys.stdout.flush()
