"""CaseFacts from a workbook row and from a dossier alone."""

import datetime as dt

from conftest import cases_sheet, minimal_case, write_workbook
from plugin.check.folders import dossier_facts
from plugin.check.scan import DossierDocument
from plugin.core.sick_days import Period
from plugin.workbook.facts import calendar_for, case_language, facts_from_case
from plugin.workbook.load import load_workbook

D = dt.date


def test_facts_from_a_workbook_row(tmp_path):
    row = minimal_case(**{"Datum probleemanalyse": D(2025, 2, 10), "Reden geen 2e spoor": " herstel in zicht ",
                          "Verlenging wachttijd (weken)": 13, "Spoor": "1+2", "Taal": "en", "Dossiermap": "Map C-1"})
    path = write_workbook(tmp_path / "w.xlsx", {
        "Casussen": cases_sheet(row),
        "Evaluaties": [["Casusnummer", "Datum"], ["C-1", D(2025, 4, 1)]],
        "Verzuimperiodes": [["Casusnummer", "Van", "Tot"], ["C-1", D(2025, 1, 6), D(2025, 1, 19)], ["C-1", D(2025, 2, 3), None]]})
    case = load_workbook(path).cases["C-1"]
    facts = facts_from_case(case)
    assert (facts.case_id, facts.employee, facts.first_sick_day) == ("C-1", "Jan Jansen", D(2025, 1, 6))
    assert facts.problem_analysis.date == D(2025, 2, 10) and facts.plan_of_action.date is None
    assert facts.second_track.reason == "herstel in zicht"
    assert (facts.extension_weeks, facts.track, facts.language, facts.dossier_folder) == (13, "1+2", "en", "Map C-1")
    assert facts.sick_periods == (Period(D(2025, 1, 6), D(2025, 1, 19)), Period(D(2025, 2, 3), None))
    assert [(e.date, e.row) for e in facts.evaluations] == [(D(2025, 4, 1), 2)]
    assert calendar_for(case).milestone("probleemanalyse").done == D(2025, 2, 10)
    assert case_language(case) == "en"


def test_facts_from_a_dossier_alone():
    documents = [DossierDocument("2026-007 Jansen/pa.txt", "probleemanalyse", D(2026, 4, 8), "filename", None, "nl",
                                 case_id="2026-007", first_sick_day=D(2026, 3, 2))]
    facts = dossier_facts("2026-007 Jansen", documents)
    assert (facts.case_id, facts.employee, facts.first_sick_day, facts.in_workbook) == \
        ("2026-007", "Jansen", D(2026, 3, 2), False)
    assert dossier_facts("Zonder datum", []).case_id == "Zonder datum"
