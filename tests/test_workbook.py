import datetime as dt

import pytest

from conftest import cases_sheet, minimal_case, write_workbook
from plugin.errors import WorkbookError
from plugin.workbook.load import load_workbook


def test_example_workbook_loads_clean(example_workbook):
    workbook = load_workbook(example_workbook)
    assert workbook.problems == []
    assert list(workbook.cases)[:3] == ["2025-001", "2025-002", "2025-003"]
    case = workbook.cases["2025-001"]
    assert case["werkgever"] == "Bouwbedrijf Jansen & Zn <BV>"
    assert case["eerste_ziektedag"] == dt.date(2025, 1, 13)
    assert case["spoor"] == "1+2"
    assert case.extra["Kostenplaats"] == "KP-400"
    assert len(case.evaluations) == 12 and len(case.applications) == 4
    assert [p["van"] for p in workbook.cases["2025-004"].sick_periods] == [dt.date(2025, 2, 3), dt.date(2025, 4, 1)]


def test_headers_match_loosely_and_in_english_with_title_row_above(tmp_path):
    rows = [["Overzicht verzuim 2025"], [],
            ["  case id ", "EMPLOYEE NAME", "Employer", "First sick day", "e-mail  werkgever", "Track", "Language", "Notitie"],
            ["A-1", "Piet Pieters", "Bakker BV", "3 februari 2025", "hr@bakker.example", "1 en 2", "English", "vrij veld"]]
    workbook = load_workbook(write_workbook(tmp_path / "w.xlsx", {"Cases": rows}))
    assert workbook.problems == []
    case = workbook.cases["A-1"]
    assert (case["naam_werknemer"], case["eerste_ziektedag"], case["spoor"], case["taal"]) == \
        ("Piet Pieters", dt.date(2025, 2, 3), "1+2", "en")
    assert case["email_werkgever"] == "hr@bakker.example"
    assert case.extra == {"Notitie": "vrij veld"}


def test_all_errors_reported_at_once_with_sheet_row_column_value(tmp_path):
    cases = cases_sheet(
        minimal_case(),
        minimal_case(Casusnummer="C-2", **{"Eerste ziektedag": "31-02-2025"}),
        minimal_case(Casusnummer="C-3", Spoor="drie"),
        minimal_case(Casusnummer="C-1"),
        minimal_case(Casusnummer="C-5", Werkgever=None),
        minimal_case(Casusnummer="C-6", **{"E-mail werkgever": "hr at bedrijf"}),
        minimal_case(Casusnummer="C-7", **{"Datum probleemanalyse": dt.date(2024, 12, 1)}),
    )
    evaluations = [["Casusnummer", "Datum", "Samenvatting"], ["C-9", dt.date(2025, 3, 1), "x"],
                   ["C-3", "gisteren", "y"]]
    workbook = load_workbook(write_workbook(tmp_path / "w.xlsx", {"Casussen": cases, "Evaluaties": evaluations}))
    found = {(p.sheet, p.row, p.column, p.case_id) for p in workbook.problems}
    assert found == {
        ("Casussen", 3, "Eerste ziektedag", "C-2"),
        ("Casussen", 4, "Spoor", "C-3"),
        ("Casussen", 5, "Casusnummer", "C-1"),
        ("Casussen", 6, "Werkgever", "C-5"),
        ("Casussen", 7, "E-mail werkgever", "C-6"),
        ("Casussen", 8, "Datum probleemanalyse", "C-7"),
        ("Evaluaties", 2, "Casusnummer", None),
        ("Evaluaties", 3, "Datum", "C-3"),
    }
    messages = {p.column: str(p) for p in workbook.problems if p.sheet == "Casussen"}
    assert "bestaat niet als datum" in messages["Eerste ziektedag"] and "31-02-2025" in messages["Eerste ziektedag"]
    assert "dubbel" in messages["Casusnummer"] and "rij 2" in messages["Casusnummer"]
    assert "vóór de eerste ziektedag" in messages["Datum probleemanalyse"]
    unknown = next(p for p in workbook.problems if p.sheet == "Evaluaties" and p.row == 2)
    assert "C-9" in str(unknown) and "niet op blad Casussen" in str(unknown)
    # The duplicate blocks C-1 (which row is right is ambiguous); C-4 does not exist; others are fine.
    assert workbook.blocked_ids() == {"C-1", "C-2", "C-3", "C-5", "C-6", "C-7"}


def test_missing_required_column_blocks_everything(tmp_path):
    rows = [["Casusnummer", "Naam werknemer", "Werkgever"], ["C-1", "A", "B"]]
    workbook = load_workbook(write_workbook(tmp_path / "w.xlsx", {"Casussen": rows}))
    problem = workbook.problems[0]
    assert problem.blocks_all and "Eerste ziektedag" in problem.message and problem.sheet == "Casussen"
    assert workbook.usable_cases() == []


def test_required_value_missing_names_the_cell(tmp_path):
    cases = cases_sheet(minimal_case(**{"Naam werknemer": "  "}))
    workbook = load_workbook(write_workbook(tmp_path / "w.xlsx", {"Casussen": cases}))
    assert [str(p) for p in workbook.problems] == ["blad 'Casussen', rij 2, kolom 'Naam werknemer': verplicht veld is leeg"]


@pytest.mark.parametrize(("name", "content", "fragment"), (
    ("missing.xlsx", None, "niet gevonden"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "geen .xlsx"),
    ("broken.xlsx", b"this is not a zip", "geen leesbare Excel-werkmap"),
))
def test_unreadable_workbook_is_a_clear_error(tmp_path, name, content, fragment):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(WorkbookError, match=fragment):
        load_workbook(path)


def test_missing_cases_sheet(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", {"Blad1": [["x"]]})
    with pytest.raises(WorkbookError, match="Casussen.*ontbreekt"):
        load_workbook(path)


def test_overlapping_sick_periods_are_an_error(tmp_path):
    cases = cases_sheet(minimal_case())
    periods = [["Casusnummer", "Van", "Tot"], ["C-1", dt.date(2025, 1, 6), dt.date(2025, 2, 1)],
               ["C-1", dt.date(2025, 1, 20), None], ["C-1", dt.date(2025, 5, 1), dt.date(2025, 4, 1)]]
    workbook = load_workbook(write_workbook(tmp_path / "w.xlsx", {"Casussen": cases, "Verzuimperiodes": periods}))
    messages = sorted(p.message for p in workbook.problems)
    assert any("overlapt" in m for m in messages) and any("'Tot' ligt vóór 'Van'" in m for m in messages)
