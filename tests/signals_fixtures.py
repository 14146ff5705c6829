"""A workbook for the deadline-signal tests: four casemanagers, each with a reason to exist.

On AS_OF (Monday 2 March 2026, ISO week 2026-W10):
- Anna Bakker (address in E-mail casemanager on one row only): S-01 whose probleemanalyse is
  due today, S-02 whose plan van aanpak is past its deadline;
- Bert Smit (address and English in the profiles file): S-04 with the 42e-weekmelding due in
  ten days (and its evaluation late), and S-03 who recovered, so its milestones lapsed;
- Chris Zonderadres: S-05 late, and no address anywhere;
- Dirk Rustig (profiles file): S-06 whose first deadline is more than three weeks away.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import cases_sheet, minimal_case, write_workbook

AS_OF = dt.date(2026, 3, 2)
WEEK = "2026-W10"
ANNA, BERT, DIRK = "anna@bureau.example", "bert@bureau.example", "dirk@bureau.example"
SENDER = "Bureau WerkSame <signalen@werksame.example>"


def signals_workbook(folder: Path) -> Path:
    def case(number: str, name: str, first: dt.date, casemanager: str, **extra) -> dict:
        return minimal_case(**{"Casusnummer": number, "Naam werknemer": name, "Werkgever": f"Werkgever {number} BV",
                               "Eerste ziektedag": first, "Casemanager": casemanager, **extra})

    cases = [
        case("S-01", "Ans Vandaag", AS_OF - dt.timedelta(days=41), "Anna Bakker",
             **{"E-mail casemanager": ANNA, "Functie": "Operatieassistent"}),
        case("S-02", "Piet Telaat", dt.date(2025, 12, 1), "anna  bakker",
             **{"Datum probleemanalyse": dt.date(2026, 1, 5)}),
        case("S-03", "Rik Hersteld", dt.date(2025, 10, 1), "Bert Smit"),
        case("S-04", "Wim Weekmelding", dt.date(2025, 5, 22), "Bert Smit",
             **{"Datum probleemanalyse": dt.date(2025, 6, 20), "Datum plan van aanpak": dt.date(2025, 7, 1)}),
        case("S-05", "Kees Kwijt", dt.date(2025, 12, 1), "Chris Zonderadres"),
        case("S-06", "Dirk Rust", dt.date(2026, 2, 23), "Dirk Rustig"),
    ]
    periods = [["Casusnummer", "Van", "Tot"], ["S-03", dt.date(2025, 10, 1), dt.date(2026, 2, 1)]]
    path = write_workbook(folder / "casussen.xlsx", {"Casussen": cases_sheet(*cases), "Verzuimperiodes": periods})
    (folder / "profielen.toml").write_text(
        '[casemanagers."Bert Smit"]\nemail = "bert@bureau.example"\ntaal = "en"\n\n'
        '[casemanagers."Dirk Rustig"]\nemail = "dirk@bureau.example"\n', encoding="utf-8")
    return path
