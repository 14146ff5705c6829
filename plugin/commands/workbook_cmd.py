"""poortwachter workbook new FILE: start from an empty, explained workbook."""

from __future__ import annotations

from pathlib import Path

from plugin.output import write_atomic
from plugin.workbook.new import empty_workbook_bytes


def add_parser(sub) -> None:
    p = sub.add_parser("workbook", help="een lege werkmap maken")
    actions = p.add_subparsers(dest="action", metavar="ACTIE")
    new = actions.add_parser("new", help="lege werkmap met alle bladen, kolommen en uitleg")
    new.add_argument("file", type=Path)
    new.add_argument("--force", action="store_true", help="bestaand bestand overschrijven")
    new.set_defaults(run=run_new)


def run_new(args) -> int:
    path = args.file if args.file.suffix.lower() == ".xlsx" else args.file.with_suffix(".xlsx")
    write_atomic(path, empty_workbook_bytes(), force=args.force, make_folders=False)
    print(f"Lege werkmap gemaakt: {path}. Vul per zieke werknemer een rij in op blad Casussen; het blad Uitleg "
          "beschrijft elke kolom.")
    return 0
