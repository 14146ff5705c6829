"""Which cases get which report in a month (plugin.mail.mailout.plan), and the synthetic workbook
the other mail-out tests share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import cases_sheet, minimal_case, write_workbook

from plugin.mail.mailout.plan import Month, MonthError, plan_month
from plugin.workbook.load import load_workbook

MONTH = "2026-01"


def employer(i: int) -> str:
    return f"hr{i:02d}@werkgever{i:02d}.example"


def synthetic_workbook(path: Path, active: int = 10, extra_rows: dict | None = None) -> Path:
    """`active` cases sick through January 2026 (nl odd, en even), plus three that get no mail:
    C-90 recovered before the month, C-91 without an e-mail address, C-92 past week 104."""
    cases = []
    for i in range(1, active + 1):
        cases.append(minimal_case(**{
            "Casusnummer": f"C-{i:02d}", "Naam werknemer": f"Werknemer {i:02d}", "Werkgever": f"Werkgever {i:02d} BV",
            "Eerste ziektedag": dt.date(2025, 9, 1), "E-mail werkgever": employer(i),
            "Taal": "en" if i % 2 == 0 else "nl",
            "Contactpersoon werkgever": f"Contact {i:02d}", "Functie": "Planner", "Casemanager": "Ellen de Wit",
            "Belastbaarheid": "Kan 4 uur per dag werken, niet tillen boven 10 kg.", **(extra_rows or {}).get(i, {})}))
    cases.append(minimal_case(Casusnummer="C-90", **{"Eerste ziektedag": dt.date(2025, 6, 2),
                                                     "E-mail werkgever": "hr90@example.com"}))
    cases.append(minimal_case(Casusnummer="C-91", **{"Eerste ziektedag": dt.date(2025, 9, 1)}))
    cases.append(minimal_case(Casusnummer="C-92", **{"Eerste ziektedag": dt.date(2023, 6, 1),
                                                     "E-mail werkgever": "hr92@example.com"}))
    evaluations = [["Casusnummer", "Datum", "Soort", "Samenvatting", "Afspraken", "Volgende evaluatie"],
                   ["C-01", dt.date(2026, 1, 14), "Evaluatie", "Gaat goed.", "Uren uitbreiden.", dt.date(2026, 1, 28)],
                   ["C-01", dt.date(2026, 1, 28), "Evaluatie", "Opbouw loopt.", "Zo doorgaan.", dt.date(2026, 3, 11)],
                   ["C-02", dt.date(2025, 12, 1), "Evaluation", "Progressing.", "More hours.", None]]
    activities = [["Casusnummer", "Datum", "Activiteit", "Status", "Resultaat"]]
    if active >= 3:
        activities += [["C-03", dt.date(2026, 1, 9), "Werkplekonderzoek", "afgerond", "Aangepaste werkplek"],
                       ["C-03", dt.date(2026, 2, 9), "Coaching", "gepland", ""]]
    periods = [["Casusnummer", "Van", "Tot"], ["C-90", dt.date(2025, 6, 2), dt.date(2025, 10, 31)]]
    return write_workbook(path, {"Casussen": cases_sheet(*cases), "Evaluaties": evaluations,
                                 "Activiteiten": activities, "Verzuimperiodes": periods})


@pytest.fixture
def synthetic(tmp_path) -> Path:
    return synthetic_workbook(tmp_path / "casussen.xlsx")


@pytest.mark.parametrize(("text", "key", "last"), (
    ("2026-01", "2026-01", dt.date(2026, 1, 31)),
    ("2024-2", "2024-02", dt.date(2024, 2, 29)),
    (" 2025-12 ", "2025-12", dt.date(2025, 12, 31)),
))
def test_month_parses(text, key, last):
    month = Month.parse(text)
    assert (month.key, month.last) == (key, last)


@pytest.mark.parametrize("text", ("2026-13", "januari", "2026/01", "", "26-01"))
def test_bad_month_is_a_usage_error(text):
    with pytest.raises(MonthError, match="jjjj-mm"):
        Month.parse(text)


def test_plan_picks_active_cases_and_the_right_document(synthetic):
    reports, skips = plan_month(load_workbook(synthetic), Month.parse(MONTH), today=dt.date(2026, 3, 1))
    by_case = {r.case_id: r for r in reports}
    assert sorted(by_case) == [f"C-{i:02d}" for i in range(1, 11)]
    # the latest evaluation held in the month, else a maandrapportage dated the last day of the month
    assert (by_case["C-01"].doc, by_case["C-01"].date, by_case["C-01"].evaluation_index) == \
        ("evaluatie", dt.date(2026, 1, 28), 1)
    assert (by_case["C-02"].doc, by_case["C-02"].date, by_case["C-02"].lang) == \
        ("maandrapportage", dt.date(2026, 1, 31), "en")
    assert by_case["C-03"].recipient == employer(3)
    reasons = {s.case_id: s.reason for s in skips}
    assert "hersteld op 31-10-2025" in reasons["C-90"]
    assert "geen e-mailadres" in reasons["C-91"]
    assert "wachttijd geëindigd" in reasons["C-92"]


@pytest.mark.parametrize(("month", "active"), (
    ("2025-08", False),     # before the first sick day
    ("2025-09", True),      # the first sick day's month
    ("2027-08", True),      # week 104 ends 30-08-2027
    ("2027-09", False),     # waiting time over
))
def test_active_window(synthetic, month, active):
    reports, _ = plan_month(load_workbook(synthetic), Month.parse(month), ["C-01"])
    assert bool(reports) is active


def test_current_month_report_is_dated_today(synthetic):
    reports, _ = plan_month(load_workbook(synthetic), Month.parse("2026-02"), ["C-03"], today=dt.date(2026, 2, 10))
    assert reports[0].date == dt.date(2026, 2, 10)
