"""poortwachter generate WORKBOOK --out DIR: Word documents for every case."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from plugin.commands.common import date_arg, month_arg, print_problems
from plugin.documents.generate import DocStatus
from plugin.resources import templates_dir
from plugin.services.generation import GenerationRequest, GenerationRun, check_request, generate
from plugin.services.sources import Sources
from plugin.workbook.load import load_workbook

PROGRESS_FROM = 20  # cases
NOTES_SHOWN = 30    # notes in the summary; the rest is counted


def add_parser(sub) -> None:
    p = sub.add_parser("generate", help="documenten maken uit de werkmap",
                       description="Maakt per casus de Word-documenten (probleemanalyse, trajectplan, evaluaties, "
                                   "eindrapportage) in OUT/<Casusnummer> <Naam>/. Elk document vertelt alleen wat "
                                   "op zijn datum bekend was. Een eenmalig document (probleemanalyse, plan van "
                                   "aanpak, trajectplan, eerstejaarsevaluatie, eindrapportage) dat de casus al "
                                   "heeft, wordt niet opnieuw gemaakt.")
    p.add_argument("workbook", type=Path, help="de werkmap (.xlsx)")
    p.add_argument("--out", type=Path, default=Path("output"), help="map voor de documenten (standaard: output)")
    p.add_argument("--case", action="append", dest="cases", metavar="CASUSNUMMER", help="alleen deze casus (herhaalbaar)")
    p.add_argument("--doc", action="append", dest="docs", metavar="DOCUMENT",
                   help="alleen dit document: probleemanalyse, trajectplan, evaluatie, eindrapportage (herhaalbaar)")
    p.add_argument("--lang", choices=("nl", "en"), help="taal van de documenten (standaard: kolom Taal, anders herkend)")
    p.add_argument("--date", type=date_arg, help="alleen evaluaties van deze datum; datum van de overige documenten")
    p.add_argument("--month", type=month_arg, help="maand voor de maandrapportage, bv. 2026-03")
    p.add_argument("--templates", type=Path, help="map met eigen sjablonen (standaard: de meegeleverde)")
    p.add_argument("--dossiers", type=Path, metavar="MAP",
                   help="dossiermappen (één submap per casus): een eenmalig document dat daar al staat, wordt niet "
                        "opnieuw gemaakt (herkend zoals 'poortwachter check' het herkent)")
    p.add_argument("--force", action="store_true",
                   help="bestaande documenten overschrijven, en een eenmalig document toch opnieuw maken")
    p.add_argument("--quiet", action="store_true", help="alleen fouten en de samenvatting tonen")
    p.set_defaults(run=run)


def run(args) -> int:
    return make(args, dt.date.today())


def make(args, today: dt.date) -> int:
    """The command on the day `today` (the date of documents without a date column; tests fix it)."""
    workbook = load_workbook(args.workbook)
    print_problems(workbook)
    evidence = Sources(workbook, dossiers=args.dossiers, as_of=today) if args.dossiers else None
    request = GenerationRequest(args.out, args.templates or templates_dir(), tuple(args.cases or ()) or None,
                                tuple(args.docs or ()) or None, args.lang, args.date, args.month, args.force, today,
                                evidence)
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
    if not args.quiet:
        for line in made_before_lines(run_):
            print(line)
    errors, seen = run_.errors, set()
    for result in errors:
        key = (result.case_id, result.message)
        if key not in seen:
            seen.add(key)
            doc = f" {result.doc}" if result.doc else ""
            print(f"Fout [casus {result.case_id}{doc}]: {result.message}", file=sys.stderr)
    for line in summary_lines(run_, args.out):
        print(line)
    return 1 if errors or workbook.problems else 0


def made_before_lines(run_: GenerationRun) -> list[str]:
    """Per case, the one-off documents not made again and where the one it has is."""
    return [f"  [casus {r.case_id} {r.doc}] {r.message} (--force maakt toch een nieuwe)"
            for r in run_.made_before]


def summary_lines(run_: GenerationRun, out: Path) -> list[str]:
    """The closing summary: the counts, then the documents dated today for want of a workbook
    date and every warning on a document made (e.g. a plan van aanpak after its deadline)."""
    cases_in_error = len({r.case_id for r in run_.errors})
    lines = [f"{run_.count(DocStatus.WRITTEN)} document(en) gemaakt in {out}, {run_.count(DocStatus.EXISTS)} "
             f"bestonden al, {run_.count(DocStatus.MADE_BEFORE)} eenmalig en al aanwezig, "
             f"{run_.count(DocStatus.SKIPPED)} niet van toepassing, {cases_in_error} casus(sen) met fouten."]
    noted = [f"  [casus {r.case_id} {r.doc}] {note}" for r in run_.results if r.status == DocStatus.WRITTEN
             for note in r.notes]
    lines += noted[:NOTES_SHOWN]
    if len(noted) > NOTES_SHOWN:
        lines.append(f"  en nog {len(noted) - NOTES_SHOWN} opmerking(en), niet getoond.")
    lines += [f"Let op: {note}" for note in run_.notes]
    return lines


def _progress(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="casus", desc="Documenten", file=sys.stderr,
                disable=True if total < PROGRESS_FROM else None, leave=False)
