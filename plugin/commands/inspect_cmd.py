"""poortwachter inspect FILE: which document a file is, what it lacks, and every medical word in it.

The same answer as the Word pane's check (/api/inspect) and, for an .eml or .msg, the Outlook
pane's (/api/mail): plugin.services.inspect.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from plugin.commands.common import print_problems
from plugin.core.doctypes import DOC_TYPES
from plugin.core.words import word
from plugin.services.inspect import inspect_file
from plugin.workbook.load import load_workbook


def add_parser(sub) -> None:
    p = sub.add_parser("inspect", help="een document of mail bekijken: soort, datum, ontbrekende delen, medische termen",
                       description="Zegt welk document een bestand is, welke onderdelen van de minimale inhoud het "
                                   "lijkt te missen en welke medische termen erin staan (de AVG-controle van "
                                   "generate). Een mail (.eml, .msg) wordt aan zijn casus gekoppeld.")
    p.add_argument("file", type=Path, help="het bestand (docx, pdf, eml, msg, ...)")
    p.add_argument("--workbook", type=Path, help="de werkmap: om een mail aan een casus te koppelen")
    p.add_argument("--case", metavar="CASUSNUMMER", help="de casus van het document (zijn werkgever en functie zijn "
                                                        "dan geen diagnose)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def run(args) -> int:
    workbook = load_workbook(args.workbook) if args.workbook else None
    if workbook is not None:
        print_problems(workbook)
    result = inspect_file(args.file, workbook, args.case, args.lang)
    if args.format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        print(render(result, args.lang))
    return 1 if result.get("medical_terms") else 0


def render(result: dict, lang: str = "nl") -> str:
    w = lambda key, **values: word(key, lang, **values)  # noqa: E731
    lines = []
    if "tied_by" in result:
        lines.append(f"{w('inspect_case')}: {result['case'] or w('none')}"
                     + (f" ({result['tied_by']})" if result["tied_by"] else ""))
        if result["candidates"]:
            lines.append(w("inspect_candidates", cases=", ".join(result["candidates"])))
        for doc in result["documents"]:
            lines.append(f"  {doc['type']}  {doc['date'] or '—'}  {doc['why']}")
    else:
        kind = DOC_TYPES[result["type"]].title(lang) if result["type"] in DOC_TYPES else w("not_recognised")
        lines.append(f"{w('inspect_document')}: {kind}" + (f", {result['date']}" if result["date"] else ""))
        lines += [f"  {w('inspect_missing', part=part['label'])}" for part in result["missing"]]
    terms = result.get("medical_terms") or []
    lines.append(w("inspect_terms", terms=", ".join(sorted({t["term"] for t in terms}))) if terms
                 else w("inspect_no_terms"))
    return "\n".join(lines)
