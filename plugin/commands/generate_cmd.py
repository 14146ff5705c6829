"""poortwachter generate WORKBOOK --out DIR: Word documents for every case."""

from __future__ import annotations

import sys
from pathlib import Path

from plugin.commands.common import date_arg, month_arg, print_problems
from plugin.documents.generate import DocStatus, plan_jobs, run_plan
from plugin.resources import templates_dir
from plugin.workbook.load import load_workbook
from plugin.errors import UsageError

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
    folder = args.templates or templates_dir()
    if args.templates and not folder.is_dir():
        raise UsageError(f"sjablonenmap niet gevonden: {folder}")
    docs = args.docs
    if docs:
        from plugin.core.doctypes import DOC_TYPES

        unknown = [d for d in docs if d not in DOC_TYPES]
        if unknown:
            raise UsageError(f"onbekend document: {', '.join(unknown)} (kies uit {', '.join(DOC_TYPES)})")
    plan = plan_jobs(workbook, args.out, folder, docs, args.cases, args.lang, args.date, period=args.month)
    counts = {"written": 0, "exists": 0, "skipped": 0, "error": 0}
    errors = [o for o in plan.skipped if o.status == DocStatus.ERROR]
    counts["skipped"] = sum(1 for o in plan.skipped if o.status == DocStatus.SKIPPED)
    cases = len({j.case_id for j in plan.jobs})
    progress = _progress(cases)
    for outcomes in run_plan(workbook, plan, folder, force=args.force):
        progress.update(1)
        for outcome in outcomes:
            counts[outcome.status] += 1
            if outcome.status == DocStatus.ERROR:
                errors.append(outcome)
            elif outcome.status == DocStatus.WRITTEN and not args.quiet and cases < PROGRESS_FROM:
                print(f"  gemaakt: {outcome.path}")
            elif outcome.status == DocStatus.EXISTS and not args.quiet:
                print(f"  overgeslagen, {outcome.message}")
    progress.close()
    seen = set()
    for outcome in errors:
        key = (outcome.case_id, outcome.message)
        if key not in seen:
            seen.add(key)
            doc = f" {outcome.doc}" if outcome.doc else ""
            print(f"Fout [casus {outcome.case_id}{doc}]: {outcome.message}", file=sys.stderr)
    print(f"{counts['written']} document(en) gemaakt in {args.out}, {counts['exists']} bestonden al, "
          f"{counts['skipped']} niet van toepassing, {len({o.case_id for o in errors})} casus(sen) met fouten.")
    return 1 if errors or workbook.problems else 0


def _progress(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="casus", desc="Documenten", file=sys.stderr,
                disable=True if total < PROGRESS_FROM else None, leave=False)
