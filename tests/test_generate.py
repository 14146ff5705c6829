"""The generator end to end through the real command, on the example and on broken workbooks."""

import datetime as dt
import shutil

import pytest
from docx import Document

from conftest import cases_sheet, minimal_case, write_workbook
from plugin.cli import main
from plugin.documents.docprops import read_docx_properties


def all_text(path) -> str:
    document = Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from pathlib import Path

    out = tmp_path_factory.mktemp("out")
    code = main(["generate", str(Path(__file__).resolve().parents[1] / "examples" / "casussen.xlsx"), "--out", str(out),
                 "--quiet"])
    return code, out


def test_example_generates_every_document(generated):
    code, out = generated
    assert code == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert len(files) == 39   # 2025-008 Verbeek (issue 18): probleemanalyse, plan van aanpak, eindrapportage
    assert "2025-001 Fatima el Amrani/2025-02-17 Probleemanalyse.docx" in files
    assert "2025-001 Fatima el Amrani/2025-03-03 Plan van aanpak.docx" in files
    assert "2025-001 Fatima el Amrani/2026-01-12 Trajectplan.docx" in files
    assert "2025-001 Fatima el Amrani/2026-09-14 Eindrapportage.docx" in files
    assert "2025-003 Sarah Thompson/2025-12-05 Evaluation.docx" in files
    assert not any("2025-002" in f and "Trajectplan" in f for f in files)  # spoor 1: no trajectplan


def test_probleemanalyse_content_and_properties(generated):
    _, out = generated
    path = out / "2025-001 Fatima el Amrani" / "2025-02-17 Probleemanalyse.docx"
    text = all_text(path)
    for expected in ("Fatima el Amrani", "Bouwbedrijf Jansen & Zn <BV>", "13 januari 2025", "17 februari 2025",
                     "Niet tillen boven 10 kg", "Dr. R. Hoekstra", "Calculator", "2025-001"):
        assert expected in text, expected
    assert read_docx_properties(path) == {"Casusnummer": "2025-001", "Documenttype": "probleemanalyse",
                                          "Documentdatum": "2025-02-17", "Sjabloon": "nl/probleemanalyse.docx",
                                          "Poortwachter-versie": "0.1.0"}


def test_trajectplan_lists_activities_in_rows(generated):
    _, out = generated
    document = Document(out / "2025-001 Fatima el Amrani" / "2026-01-12 Trajectplan.docx")
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    activity_rows = [r for r in rows if "Intake WerkSame 2e spoor" in r]
    assert activity_rows and activity_rows[0][0] == "12 januari 2026"
    text = all_text(out / "2025-001 Fatima el Amrani" / "2026-01-12 Trajectplan.docx")
    assert "werkvoorbereider, planner" in text and "WerkSame" in text
    assert "Werkervaringsplek Planbureau Midden" not in text   # from 1 May 2026: after the plan


def test_evaluation_has_its_period_and_applications(generated):
    _, out = generated
    text = all_text(out / "2025-001 Fatima el Amrani" / "2026-03-06 Evaluatie.docx")
    assert "6 maart 2026" in text and "Twee sollicitaties verstuurd" in text
    assert "Van Dijk Installaties" in text and "Bouwbureau Noord" in text  # applications since 23-01-2026
    assert "Gemeente Utrecht" not in text  # that one is later
    assert read_docx_properties(out / "2025-001 Fatima el Amrani" / "2026-03-06 Evaluatie.docx")["Documentdatum"] == "2026-03-06"


def test_english_case_gets_english_documents(generated):
    _, out = generated
    text = all_text(out / "2025-003 Sarah Thompson" / "2025-12-05 Evaluation.docx")
    assert "5 December 2025" in text and "Northwind Logistics B.V." in text and "Evaluatie" not in text


def test_eindrapportage_has_applications_and_timeline(generated):
    _, out = generated
    text = all_text(out / "2025-001 Fatima el Amrani" / "2026-09-14 Eindrapportage.docx")
    assert "Planbureau Midden | Planner (24 uur)" in text.replace("15 juni 2026 | ", "")
    # dated on the eindevaluatie (14-09-2026): the WIA application of 12-10-2026 was still to come
    assert "WIA-aanvraag door de werknemer bij UWV: nog niet ingediend (uiterlijk 25 oktober 2026)" in text
    assert "12 oktober 2026" not in text


def test_second_run_never_overwrites_without_force(generated, tmp_path, capsys):
    _, out = generated
    target = tmp_path / "out"
    shutil.copytree(out, target)
    victim = target / "2025-001 Fatima el Amrani" / "2025-02-17 Probleemanalyse.docx"
    victim.write_bytes(b"my own edits")
    from pathlib import Path

    workbook = str(Path(__file__).resolve().parents[1] / "examples" / "casussen.xlsx")
    assert main(["generate", workbook, "--out", str(target), "--case", "2025-001", "--doc", "probleemanalyse"]) == 0
    assert victim.read_bytes() == b"my own edits"
    assert "--force" in capsys.readouterr().out
    assert main(["generate", workbook, "--out", str(target), "--case", "2025-001", "--doc", "probleemanalyse",
                 "--force"]) == 0
    assert victim.read_bytes()[:2] == b"PK"
    assert not [p for p in target.rglob("*.tmp")]


def test_selection_options(tmp_path, example_workbook):
    assert main(["generate", str(example_workbook), "--out", str(tmp_path), "--case", "2025-002", "--doc", "evaluatie",
                 "--date", "24-10-2025", "--lang", "en"]) == 0
    files = [p.name for p in tmp_path.rglob("*.docx")]
    assert files == ["2025-10-24 Evaluation.docx"]


def test_bad_cases_are_reported_and_skipped_while_good_ones_are_made(tmp_path, capsys):
    cases = cases_sheet(minimal_case(), minimal_case(Casusnummer="C-2", **{"Eerste ziektedag": "30-02-2025"}))
    evaluations = [["Casusnummer", "Datum"], ["C-1", dt.date(2025, 3, 1)], ["C-3", dt.date(2025, 3, 1)]]
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases, "Evaluaties": evaluations})
    code = main(["generate", str(workbook), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "rij 3, kolom 'Eerste ziektedag'" in err and "'30-02-2025'" in err
    assert "blad 'Evaluaties', rij 3" in err and "C-3" in err
    made = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.docx"))
    today = dt.date.today()
    assert made == ["C-1 Jan Jansen/2025-03-01 Evaluatie.docx", f"C-1 Jan Jansen/{today:%Y-%m-%d} Plan van aanpak.docx",
                    f"C-1 Jan Jansen/{today:%Y-%m-%d} Probleemanalyse.docx"]
    text = all_text(tmp_path / "out" / made[2])
    assert "Jansen & Zn <BV>" in text


def test_diagnosis_in_the_workbook_blocks_the_case_and_names_the_cell(tmp_path, capsys):
    cases = cases_sheet(minimal_case(Belastbaarheid="Kan 4 uur werken; depressieve klachten."),
                        minimal_case(Casusnummer="C-2", Belastbaarheid="Kan 4 uur per dag werken."))
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases})
    code = main(["generate", str(workbook), "--out", str(tmp_path / "out"), "--doc", "probleemanalyse"])
    err = capsys.readouterr().err
    assert code == 1
    assert "casus C-1" in err and "'depressieve'" in err and "rij 2, kolom 'Belastbaarheid'" in err
    assert [p.parent.name for p in (tmp_path / "out").rglob("*.docx")] == ["C-2 Jan Jansen"]


def test_template_typo_is_reported_with_template_and_variable(tmp_path, example_workbook, capsys):
    from conftest import make_template

    make_template(tmp_path / "tpl" / "nl" / "probleemanalyse.docx", ["{{ casus.naam_werknemr }}"])
    code = main(["generate", str(example_workbook), "--out", str(tmp_path / "out"), "--templates", str(tmp_path / "tpl"),
                 "--case", "2025-001", "--doc", "probleemanalyse"])
    err = capsys.readouterr().err
    assert code == 1 and "probleemanalyse.docx" in err and "naam_werknemr" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.docx"))


def test_language_is_detected_from_free_text_when_taal_is_empty(tmp_path):
    cases = cases_sheet(minimal_case(Belastbaarheid="Can work four hours a day; no lifting over ten kilos, regular breaks."),
                        minimal_case(Casusnummer="C-2", Belastbaarheid="Kan vier uur per dag werken met regelmatige pauzes."),
                        minimal_case(Casusnummer="C-3"))
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases})
    assert main(["generate", str(workbook), "--out", str(tmp_path / "out"), "--doc", "probleemanalyse",
                 "--date", "2025-03-01"]) == 0
    names = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.docx"))
    assert names == ["C-1 Jan Jansen/2025-03-01 Problem analysis.docx", "C-2 Jan Jansen/2025-03-01 Probleemanalyse.docx",
                     "C-3 Jan Jansen/2025-03-01 Probleemanalyse.docx"]


def test_plan_van_aanpak_names_the_casemanager_and_the_evaluations(generated):
    _, out = generated
    path = out / "2025-001 Fatima el Amrani" / "2025-03-03 Plan van aanpak.docx"
    text = all_text(path)
    for expected in ("Plan van aanpak", "Ellen de Wit", "3 maart 2025", "17 februari 2025",
                     "De eerste evaluatie vindt uiterlijk plaats op 14 april 2025", "Bouwbedrijf Jansen & Zn <BV>"):
        assert expected in text, expected
    assert "11 april 2025" not in text   # the first evaluation was held after the plan
    assert read_docx_properties(path)["Documenttype"] == "plan-van-aanpak"


@pytest.mark.parametrize(("place", "where"), (
    ("title", "documenteigenschap Titel"), ("comment", "opmerking van Casemanager"),
    ("deletion", "bijgehouden wijziging (verwijderd)"), ("header", "koptekst"), ("textbox", "tekstvak"),
))
def test_a_template_that_carries_a_diagnosis_in_a_hidden_part_is_refused(tmp_path, capsys, place, where):
    """The guard reads what travels with the file, not only the visible body."""
    import sys
    from pathlib import Path

    from conftest import make_template

    sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "privacy"))
    from leaky_docx import hide

    template = make_template(tmp_path / "tpl" / "nl" / "probleemanalyse.docx", ["Naam: {{ casus.naam_werknemer }}"])
    template.write_bytes(hide(template.read_bytes(), place, "Herstel na knieoperatie"))
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(minimal_case())})
    code = main(["generate", str(workbook), "--out", str(tmp_path / "out"), "--templates", str(tmp_path / "tpl"),
                 "--doc", "probleemanalyse"])
    err = capsys.readouterr().err
    assert code == 1
    assert "'knieoperatie'" in err and where in err and "sjabloon nl/probleemanalyse.docx" in err
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_employer_and_job_names_from_health_care_are_not_diagnoses(tmp_path):
    cases = cases_sheet(minimal_case(Werkgever="Fysiotherapie Centrum West", Functie="Operatieassistent",
                                     Bedrijfsarts="Dr. Psychiatrie-van Dam", **{
                                         "Re-integratiebureau": "Revalidatie & Werk BV",
                                         "Zoekprofiel": "Doktersassistent, verpleegkundige of psychiatrisch "
                                                        "verpleegkundige in een polikliniek",
                                         "Belastbaarheid": "Kan 4 uur per dag werken; niet tillen boven 10 kg."}))
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases})
    assert main(["generate", str(workbook), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert len(list((tmp_path / "out").rglob("*.docx"))) >= 2


def test_a_diagnosis_in_the_search_profile_is_still_refused(tmp_path, capsys):
    cases = cases_sheet(minimal_case(Zoekprofiel="Verpleegkundige; vanwege de hernia geen tilwerk"))
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases})
    assert main(["generate", str(workbook), "--out", str(tmp_path / "out"), "--doc", "trajectplan"]) == 1
    err = capsys.readouterr().err
    assert "'hernia'" in err and "kolom 'Zoekprofiel'" in err


@pytest.mark.parametrize("force", (False, True))
def test_case_numbers_that_sanitise_alike_never_share_a_folder(tmp_path, capsys, force):
    """2025/001 and 2025_001 used to land in one folder: skipped as 'exists', or overwritten with --force."""
    cases = cases_sheet(minimal_case(Casusnummer="2025/001", Belastbaarheid="Kan 2 uur werken."),
                        minimal_case(Casusnummer="2025_001", Belastbaarheid="Kan 6 uur werken."))
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases})
    args = ["generate", str(workbook), "--out", str(tmp_path / "out"), "--doc", "probleemanalyse",
            "--date", "2025-03-01"] + (["--force"] * force)
    assert main(args) == 0
    folders = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(folders) == 2 and "2025_001 Jan Jansen" in folders
    assert any(f.startswith("2025_001 Jan Jansen (") for f in folders)
    owners = {read_docx_properties(p)["Casusnummer"]: all_text(p) for p in (tmp_path / "out").rglob("*.docx")}
    assert "Kan 2 uur werken." in owners["2025/001"] and "Kan 6 uur werken." in owners["2025_001"]
    assert main(args) == 0            # a second run finds each case's own folder again
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == folders


def test_case_numbers_that_differ_only_in_capitals_are_an_error_naming_both_rows(tmp_path, capsys):
    cases = cases_sheet(minimal_case(Casusnummer="c-1"), minimal_case(Casusnummer="C-1"), minimal_case(Casusnummer="C-2"))
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases})
    assert main(["generate", str(workbook), "--out", str(tmp_path / "out"), "--doc", "probleemanalyse"]) == 1
    err = capsys.readouterr().err
    assert "valt samen met die van casus C-1 (blad Casussen, rij 3)" in err and "rij 2" in err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["C-2 Jan Jansen"]


def test_templates_check_names_a_medical_word_the_template_carries(tmp_path, capsys):
    import sys
    from pathlib import Path

    from conftest import make_template

    sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "privacy"))
    from leaky_docx import hide

    good = make_template(tmp_path / "tpl" / "nl" / "evaluatie.docx", ["{{ casus.naam_werknemer }}: geen diagnose."])
    bad = make_template(tmp_path / "tpl" / "nl" / "probleemanalyse.docx", ["{{ casus.naam_werknemer }}"])
    bad.write_bytes(hide(bad.read_bytes(), "comment", "Vraag naar de hernia"))
    from plugin.documents.templates_check import check_folder

    reports = {r.path.name: r.problem for r in check_folder(tmp_path / "tpl")}
    assert reports["evaluatie.docx"] is None
    assert "'hernia'" in reports["probleemanalyse.docx"] and "opmerking" in reports["probleemanalyse.docx"]
    assert good.is_file()
