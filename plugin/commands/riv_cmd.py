"""poortwachter riv DOSSIERS: the re-integratieverslag of a case, assembled from its dossier folder."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from plugin.commands.common import date_arg, print_problems
from plugin.core.words import word
from plugin.errors import UsageError
from plugin.services.riv import build_rivs, state_text
from plugin.services.sources import Sources
from plugin.workbook.load import load_workbook


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen aantal weken") from None
    if not 0 <= value <= 104:
        raise argparse.ArgumentTypeError(f"{text!r}: kies 0 tot 104 weken")
    return value


def add_parser(sub) -> None:
    p = sub.add_parser("riv", help="het re-integratieverslag samenstellen uit de dossiermap (pre-WIA)",
                       description="Stelt per casus het re-integratieverslag samen: één PDF in de volgorde van de "
                                   "Regeling procesgang art. 6, met voorblad, inhoudsopgave, bladwijzers en "
                                   "paginanummers, plus Inhoud.docx, riv.json en de hiaten. Exitcode 0: compleet, "
                                   "1: hiaten, 2: kon niet worden gemaakt.")
    p.add_argument("dossiers", type=Path, help="map met één submap per casus")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", action="append", metavar="ID", help="casusnummer (herhaalbaar)")
    which.add_argument("--due-within", type=_weeks, metavar="WEKEN",
                       help="elke casus waarvan week 91 binnen zoveel weken valt (of al voorbij is)")
    p.add_argument("--workbook", type=Path, help="werkmap met de casussen (voor het voorblad en de termijnen)")
    p.add_argument("--mailbox", action="append", metavar="URI", help="ook deze mailbox als bewijs (zie check)")
    p.add_argument("--profiles", type=Path, help="profielenbestand voor --mailbox (TOML)")
    p.add_argument("--out", type=Path, default=Path("output"), help="map voor de verslagen (standaard: output)")
    p.add_argument("--as-of", type=date_arg, help="peildatum (standaard: vandaag)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal van voorblad en inhoud")
    p.add_argument("--force", action="store_true", help="een bestaand verslag vervangen")
    p.add_argument("--cache", type=Path, metavar="BESTAND", help="scancache (zie check)")
    p.add_argument("--no-cache", action="store_true", help="alles opnieuw lezen, zonder scancache")
    p.set_defaults(run=run)


def run(args) -> int:
    if not args.dossiers.is_dir():
        raise UsageError(f"map niet gevonden: {args.dossiers}")
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"{args.out} is geen map")
    workbook = load_workbook(args.workbook) if args.workbook else None
    if workbook is not None:
        print_problems(workbook)
    sources = Sources(workbook, args.dossiers, tuple(args.mailbox or ()), args.profiles, args.cache, args.no_cache,
                      None, args.as_of or dt.date.today(), args.lang)
    result = build_rivs(sources, args.out, cases=args.case or (), within=args.due_within, force=args.force)
    for note in result.notes:
        print(note, file=sys.stderr)
    lang = args.lang
    for bundle in result.bundles:
        parts = ", ".join(p.name for p in bundle.parts)
        print(f"{bundle.plan.case}  {bundle.plan.employee}  {word('riv_line', lang, state=state_text(bundle, lang))}"
              f"  → {bundle.folder}  ({parts})")
        for gap in bundle.gaps:
            print(f"    - {gap.message}")
    for case, why in result.failed:
        print(f"{case}  Fout: {why}", file=sys.stderr)
    if not result.bundles and not result.failed:
        print(word("riv_none_due", lang))
    stats = result.stats
    print(word("riv_office", lang, converted=stats.office_converted, cached=stats.office_cached,
               seconds=stats.office_seconds), file=sys.stderr)
    return result.exit_code
