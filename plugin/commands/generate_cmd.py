"""poortwachter generate WORKBOOK --out DIR: Word documents for every case."""

from __future__ import annotations

import sys
from pathlib import Path

from plugin.commands.common import date_arg, month_arg, print_problems
from plugin.documents.generate import DocStatus
from plugin.resources import templates_dir
from plugin.services.generation import GenerationRequest, check_request, generate
from plugin.workbook.load import load_workbook

PROGRESS_FROM = 20  # cases


def add_parser(sub) -> None:
    p = sub.add_parser("generate", help="documenten maken uit de werkmap",
                       description="Maakt per casus de Word-documenten (probleemanalyse, trajectplan, evaluaties, "
                                   "eindrapportage) in OUT/<Casusnummer> <Naam>/.")
    p.add_argument("workbook", type=Path, help="de werkmap (.xlsx)")
    p.add_argument("--out", type=Path, default=Path("output"), help="map voor de documenten (standaard: output)")
    p.add_argument("--case", action="append", dest="cases", metavar="CASUSNUMMER", help="alleen deze casus (herhaalbaar)")
    p.add_argument("--doc", action="append", dest="docs", metavar="DOCUMENT",
                   help="alleen dit document: probleemanalyse, trajectplan, evaluatie, eindrapportage (herhaalbaar)")
    p.add_argument("--lang", choices=("nl", "en"), help="taal van de documenten (standaard: kolom Taal, anders herkend)")
    p.add_argument("--date", type=date_arg, help="alleen evaluaties van deze datum; datum van de overige documenten")
    p.add_argument("--month", type=month_arg, help="maand voor de maandrapportage, bv. 2026-03")
    p.add_argument("--templates", type=Path, help="map met eigen sjablonen (standaard: de meegeleverde)")
    p.add_argument("--force", action="store_true", help="bestaande documenten overschrijven")
    p.add_argument("--quiet", action="store_true", help="alleen fouten en de samenvatting tonen")
    p.set_defaults(run=run)


def run(args) -> int:
    workbook = load_workbook(args.workbook)
    print_problems(workbook)
    request = GenerationRequest(args.out, args.templates or templates_dir(), tuple(args.cases or ()) or None,
                                tuple(args.docs or ()) or None, args.lang, args.date, args.month, args.force)
    check_request(request)
    cases = len(set(args.cases)) if args.cases else len(workbook.cases)
    progress = _progress(cases)

    def show(results) -> None:
        progress.update(1)
        for result in results:
            if result.status == DocStatus.WRITTEN and not args.quiet and cases < PROGRESS_FROM:
                print(f"  gemaakt: {result.path}")
            elif result.status == DocStatus.EXISTS and not args.quiet:
                print(f"  overgeslagen, {result.message}")

    run_ = generate(workbook, request, show)
    progress.close()
    errors, seen = run_.errors, set()
    for result in errors:
        key = (result.case_id, result.message)
        if key not in seen:
            seen.add(key)
            doc = f" {result.doc}" if result.doc else ""
            print(f"Fout [casus {result.case_id}{doc}]: {result.message}", file=sys.stderr)
    print(f"{run_.count(DocStatus.WRITTEN)} document(en) gemaakt in {args.out}, {run_.count(DocStatus.EXISTS)} "
          f"bestonden al, {run_.count(DocStatus.SKIPPED)} niet van toepassing, "
          f"{len({r.case_id for r in errors})} casus(sen) met fouten.")
    return 1 if errors or workbook.problems else 0


def _progress(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="casus", desc="Documenten", file=sys.stderr,
                disable=True if total < PROGRESS_FROM else None, leave=False)
