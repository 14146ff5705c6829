"""poortwachter status WORKBOOK: every case's verdict (late / soon / ok / closed), or one case in full.

The same answer as the app's cases list and case page (plugin.services.cases): from the
dossier when --dossiers or --mailbox is given, else from the workbook alone, and it says which.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from plugin.commands.common import date_arg, print_problems
from plugin.core.dates import format_date
from plugin.core.words import word
from plugin.services import cases, json_forms
from plugin.services.sources import Sources
from plugin.workbook.load import load_workbook


def add_parser(sub) -> None:
    p = sub.add_parser("status", help="per casus: te laat, binnenkort, op schema of afgesloten",
                       description="Toont per casus de status, het aantal fouten en waarschuwingen en wat open of te "
                                   "laat is, op datum. Met --dossiers of --mailbox op basis van het dossier (zoals de "
                                   "app en de dossiercheck), anders alleen op basis van de werkmap.")
    p.add_argument("workbook", type=Path, help="de werkmap (.xlsx)")
    p.add_argument("--dossiers", type=Path, help="map met één submap per casus")
    p.add_argument("--mailbox", action="append", metavar="URI", help="ook deze mailbox als bewijs (herhaalbaar)")
    p.add_argument("--profiles", type=Path, help="profielenbestand voor --mailbox (TOML)")
    p.add_argument("--case", dest="case", metavar="CASUSNUMMER", help="alleen deze casus, volledig")
    p.add_argument("--as-of", type=date_arg, help="peildatum (standaard: vandaag)")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--rules", type=Path, help="map of bestand met eigen regels (standaard: checks/)")
    p.add_argument("--cache", type=Path, metavar="BESTAND", help="scancache (zoals bij check)")
    p.add_argument("--no-cache", action="store_true", help="alles opnieuw lezen, zonder scancache")
    p.set_defaults(run=run)


def run(args) -> int:
    workbook = load_workbook(args.workbook)
    print_problems(workbook)
    sources = Sources(workbook, args.dossiers, tuple(args.mailbox or ()), args.profiles, args.cache, args.no_cache,
                      args.rules, args.as_of or dt.date.today(), args.lang)
    if args.case:
        detail = cases.case_detail(sources, args.case)
        _notes(detail.notes)
        if args.format == "json":
            _print_json(json_forms.case_json(detail, sources.as_of, args.lang))
        else:
            print(render_case(detail.verdict, sources.as_of, args.lang))
        return 1 if detail.verdict.status in ("late", "workbook_error") else 0
    overview = cases.overview(sources)
    _notes(overview.notes)
    if args.format == "json":
        _print_json(json_forms.overview_json(overview, args.lang))
    else:
        print(render_overview(overview, sources.as_of, args.lang))
    return 1 if any(v.status in ("late", "workbook_error") for v in overview.verdicts) else 0


def _notes(notes: list[str]) -> None:
    for note in notes:
        print(note, file=sys.stderr)


def _print_json(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def render_overview(overview: cases.Overview, as_of: dt.date, lang: str = "nl") -> str:
    lines = [f"{word('cases_as_of', lang, date=format_date(as_of, lang, 'short'))} — {word(f'basis_{overview.basis}', lang)}",
             ""]
    width = max((len(v.case_id) for v in overview.verdicts), default=6)
    name = max((len(v.employee) for v in overview.verdicts), default=8)
    label = max((len(v.label(lang)) for v in overview.verdicts), default=8)
    for v in overview.verdicts:
        counts = f"{word('n_errors', lang, n=v.counts.get('error', 0))}, {word('n_warnings', lang, n=v.counts.get('warning', 0))}"
        week = f"wk {v.week:>3}" if v.week is not None else "wk   ?"
        upcoming = v.next
        nxt = f"{upcoming.title} {format_date(upcoming.due, lang, 'short')}" if upcoming else ""
        late = f" ({word('n_late', lang, n=v.late)})" if v.late else ""
        lines.append(f"{v.label(lang):<{label}}  {v.case_id:<{width}}  {v.employee:<{name}}  {week}  {counts:<28}"
                     f"  {nxt}{late}")
    return "\n".join(lines)


def render_case(v, as_of: dt.date, lang: str = "nl") -> str:
    lines = [f"{v.case_id}  {v.employee}: {v.label(lang)}" + (f", week {v.week}" if v.week is not None else ""),
             word(f"basis_{v.basis}", lang),
             f"{word('n_errors', lang, n=v.counts.get('error', 0))}, {word('n_warnings', lang, n=v.counts.get('warning', 0))}"]
    if not v.items:
        lines.append(word("no_items", lang))
    for item in v.items:
        due = format_date(item.due, lang, "short") if item.due else "—"
        tag = f" [{item.rule}]" if item.rule else ""
        lines.append(f"  {due:<10}  {word('item_' + item.state, lang):<10}  {item.title}{tag}")
        if item.message:
            lines.append(f"              {item.message}")
    return "\n".join(lines)
