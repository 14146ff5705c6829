"""`evaluate`: the whole check on in-memory cases and documents, as the app and the RIV call it."""

import datetime as dt

from plugin.check.evaluate import evaluate
from plugin.check.rules import load_rules
from plugin.check.scan import DossierDocument
from plugin.core.case_facts import CaseFacts, Recorded

D = dt.date


def doc(path, type_, date):
    return DossierDocument(path, type_, date, "filename", None, "nl")


CASES = [CaseFacts("A-1", D(2025, 1, 6), employee="Ann"),
         CaseFacts("B-2", D(2025, 1, 6), employee="Bob", problem_analysis=Recorded(D(2025, 2, 1))),
         CaseFacts("C-3", None, employee="Cor", in_workbook=False)]
DOCUMENTS = {"A-1": [doc("nergens/pa.txt", "probleemanalyse", D(2025, 2, 20)), doc("nergens/x.txt", None, None)],
             "C-3": [doc("elders/pva.txt", "plan-van-aanpak", D(2025, 3, 1))]}


def by_case(result):
    return {c.case: [(f.rule, f.severity, f.due) for f in c.findings] for c in result.cases}


def test_evaluate_in_memory_without_folders():
    result = evaluate(CASES, DOCUMENTS, load_rules(), D(2025, 3, 1))
    found = by_case(result)
    assert [c.case for c in result.cases] == ["A-1", "B-2", "C-3"]
    assert ("WVP001", "error", D(2025, 2, 16)) in found["A-1"]                   # late probleemanalyse
    assert ("WVP030", "info", None) in found["A-1"]                               # the unrecognised file
    assert ("WVP001", "error", D(2025, 2, 16)) in found["B-2"]                    # no document: missing
    assert ("WVP020", "warning", D(2025, 2, 1)) in found["B-2"]                   # workbook date without document
    assert not any(rule == "WVP031" for rule, _, _ in found["B-2"])               # folders not checked
    assert found["C-3"] == [("WVP032", "warning", None)]
    a1 = result.cases[0]
    assert (a1.first_sick_day, a1.week, a1.employee, a1.folder) == (D(2025, 1, 6), 8, "Ann", None)
    assert result.as_of == D(2025, 3, 1) and result.lang == "nl" and result.loose_files == []


def test_findings_are_sorted_by_severity_then_due_date():
    result = evaluate(CASES[:1], DOCUMENTS, load_rules(), D(2025, 3, 1))
    ranks = [({"error": 0, "warning": 1, "info": 2}[f.severity], f.due or D.max) for f in result.cases[0].findings]
    assert ranks == sorted(ranks)


def test_with_folders_a_case_without_folder_or_documents_gets_only_the_folder_rule():
    folders = {"A-1": "A-1 Ann", "B-2": None, "C-3": "Cor"}
    result = evaluate(CASES, DOCUMENTS, load_rules(), D(2025, 3, 1), folders=folders, lang="en",
                      root="/d", loose_files=["z.docx", "a.pdf"])
    found = by_case(result)
    assert found["B-2"] == [("WVP031", "error", None)]
    assert result.cases[0].folder == "A-1 Ann" and result.root == "/d" and result.loose_files == ["a.pdf", "z.docx"]
    assert "Problem analysis late" in result.cases[0].findings[0].message


def test_a_rule_subset_and_an_empty_case_list():
    only = [r for r in load_rules() if r.id == "WVP001"]
    assert by_case(evaluate(CASES[:2], {}, only, D(2025, 2, 10))) == {"A-1": [("WVP001", "warning", D(2025, 2, 16))],
                                                                      "B-2": [("WVP001", "warning", D(2025, 2, 16))]}
    assert evaluate([], {}, load_rules(), D(2025, 1, 1)).cases == []


def test_a_case_number_with_a_slash_finds_the_folder_named_as_generate_names_it(tmp_path):
    """2025/001 cannot be a folder name; generate and the app write "2025_001 Naam (code)",
    and the check finds that folder for 2025/001, not for 2025_001."""
    from types import SimpleNamespace

    from plugin.check.folders import match_folders
    from plugin.core.case_facts import CaseFacts
    from plugin.documents.generate import case_folder
    from plugin.output import safe_case_id

    code = safe_case_id("2025/001")[-9:]
    slash_folder = f"2025_001 Jan Jansen{code}"
    (tmp_path / slash_folder).mkdir()
    (tmp_path / "2025_001 Piet Pieters").mkdir()
    for order in (1, -1):
        cases = [CaseFacts("2025_001", None, "Piet Pieters"), CaseFacts("2025/001", None, "Jan Jansen")][::order]
        matched, rest = match_folders(tmp_path, cases)
        assert matched["2025/001"].name == slash_folder
        assert matched["2025_001"].name == "2025_001 Piet Pieters"
        assert rest == []
    assert slash_folder == case_folder(SimpleNamespace(id="2025/001", name="Jan Jansen"))
