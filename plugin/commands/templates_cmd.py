"""poortwachter templates check [DIR]: find broken tags and unknown variables before use."""

from __future__ import annotations

from pathlib import Path

from plugin.resources import templates_dir
from plugin.documents.templates_check import check_folder
from plugin.errors import UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("templates", help="sjablonen controleren")
    actions = p.add_subparsers(dest="action", metavar="ACTIE")
    check = actions.add_parser("check", help="elke tag en variabele in een sjablonenmap controleren")
    check.add_argument("folder", type=Path, nargs="?", help="sjablonenmap (standaard: de meegeleverde)")
    check.set_defaults(run=run_check)


def run_check(args) -> int:
    folder = args.folder or templates_dir()
    if not folder.is_dir():
        raise UsageError(f"map niet gevonden: {folder}")
    reports = check_folder(folder)
    if not reports:
        print(f"Geen .docx-sjablonen gevonden in {folder}.")
        return 2
    for report in reports:
        print(f"{'OK  ' if report.problem is None else 'FOUT'} {report.path.relative_to(folder)}"
              + (f"\n     {report.problem}" if report.problem else ""))
    bad = sum(1 for r in reports if r.problem)
    print(f"{len(reports) - bad} van {len(reports)} sjablonen in orde.")
    return 1 if bad else 0
