"""The dossier check on small synthetic dossiers: matching, rule kinds, as-of, reporters, CLI."""

import datetime as dt
import json

import pytest

from conftest import cases_sheet, minimal_case, write_workbook
from plugin.check.run import check_dossiers
from plugin.cli import main
from plugin.workbook.load import load_workbook

D = dt.date


def note(folder, name, title, date, extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"{title}\n\nDatum: {date}\n{extra}\nDe werknemer werkt aan herstel.\n", encoding="utf-8")


@pytest.fixture
def dossier(tmp_path):
    """C-1 (first sick day Mon 6-1-2025) with a late PA, a PvA and an evaluation gap; C-2 has no folder."""
    root = tmp_path / "dossiers"
    c1 = root / "Jansen C-1"
    note(c1, "probleemanalyse.txt", "Probleemanalyse", "20-02-2025")
    note(c1, "pva.txt", "Plan van aanpak", "03-03-2025")
    note(c1, "verslag 1.txt", "Verslag evaluatiegesprek", "10-04-2025")
    note(c1, "verslag 2.txt", "Verslag evaluatiegesprek", "01-07-2025")
    (c1 / "kapot.docx").write_bytes(b"PK\x03\x04 broken")
    (c1 / "boodschappen.txt").write_text("melk, brood, kaas en nog wat andere dingen voor het weekend", encoding="utf-8")
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(
        minimal_case(**{"Datum plan van aanpak": D(2025, 3, 3), "Datum probleemanalyse": D(2025, 2, 20)}),
        minimal_case(Casusnummer="C-2", **{"Naam werknemer": "Piet Pietersen"}))})
    return root, workbook


def findings_of(result, case_id):
    case = next(c for c in result.cases if c.case == case_id)
    return [(f.rule, f.severity, f.due) for f in case.findings], case


def test_rule_kinds_on_a_small_dossier(dossier):
    root, workbook = dossier
    result = check_dossiers(root, load_workbook(workbook), D(2025, 8, 1))
    found, case = findings_of(result, "C-1")
    assert case.folder == "Jansen C-1" and case.week == 30 and case.first_sick_day == D(2025, 1, 6)
    assert ("WVP001", "error", D(2025, 2, 16)) in found          # PA dated 20-02, due 16-02
    assert ("WVP002", "error", D(2025, 3, 6)) not in found       # PvA 03-03 is within 2 weeks after the PA
    assert ("WVP003", "error", D(2025, 5, 22)) in found          # gap 10-04 -> 01-07
    assert ("WVP003", "warning", D(2025, 8, 12)) in found        # the next one is due within two weeks
    assert [f.severity for f in case.findings if f.rule == "WVP030"] == ["info", "info"]
    gap = next(f for f in case.findings if f.rule == "WVP003")
    assert "10-04-2025" in gap.message and "01-07-2025" in gap.message and gap.paths == ("Jansen C-1/verslag 2.txt",)
    unreadable = {f.paths[0]: f.message for f in case.findings if f.rule == "WVP030"}
    assert "beschadigd" in unreadable["Jansen C-1/kapot.docx"]
    assert "Niet herkend" in unreadable["Jansen C-1/boodschappen.txt"]
    missing, _ = findings_of(result, "C-2")
    assert missing[0][0] == "WVP031"


def test_as_of_decides_error_warning_or_nothing(dossier):
    root, workbook = dossier
    loaded = load_workbook(workbook)
    # Next evaluation after 01-07-2025 is due 12-08-2025.
    soon = [f for f in findings_of(check_dossiers(root, loaded, D(2025, 8, 1)), "C-1")[1].findings if f.rule == "WVP003"]
    assert [f.severity for f in soon] == ["error", "warning"]
    late = [f for f in findings_of(check_dossiers(root, loaded, D(2025, 8, 13)), "C-1")[1].findings if f.rule == "WVP003"]
    assert [f.severity for f in late] == ["error", "error"]
    early = [f for f in findings_of(check_dossiers(root, loaded, D(2025, 7, 2)), "C-1")[1].findings if f.rule == "WVP003"]
    assert [f.severity for f in early] == ["error"]


def test_dossier_without_workbook_row_takes_first_sick_day_from_documents(tmp_path):
    root = tmp_path / "d"
    note(root / "2026-007 Jansen", "PA Jansen.txt", "Probleemanalyse", "8 april 2026", "Eerste ziektedag: 2 maart 2026")
    note(root / "Zonder datum", "notitie.txt", "Plan van aanpak", "1-1-2026")
    result = check_dossiers(root, None, D(2026, 6, 1))
    known = next(c for c in result.cases if c.case == "2026-007")
    assert known.first_sick_day == D(2026, 3, 2) and not known.in_workbook and known.employee == "Jansen"
    found = [(f.rule, f.severity, f.due) for f in known.findings]
    assert not [f for f in found if f[0] == "WVP001"]            # PA on 8 April, due 12 April (week 6)
    assert ("WVP002", "error", D(2026, 4, 22)) in found          # PvA due two weeks after the PA
    unknown = next(c for c in result.cases if c.folder == "Zonder datum")
    assert [f.rule for f in unknown.findings] == ["WVP032"]


def test_json_contract_and_exit_codes(dossier, capsys):
    root, workbook = dossier
    code = main(["check", str(root), "--workbook", str(workbook), "--as-of", "2025-08-01", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["as_of"] == "2025-08-01"
    case = data["cases"][0]
    assert set(case) == {"case", "employee", "first_sick_day", "week", "documents", "findings", "verdict", "riv"}
    assert case["first_sick_day"] == "2025-01-06" and case["week"] == 30
    pva = next(d for d in case["documents"] if d["path"] == "Jansen C-1/pva.txt")
    assert {k: pva[k] for k in ("type", "date", "evidence", "language")} == \
        {"type": "plan-van-aanpak", "date": "2025-03-03", "evidence": "filename", "language": "nl"}
    assert pva["why"]  # every document says why it counts
    finding = case["findings"][0]
    assert set(finding) == {"rule", "severity", "type", "due", "message", "paths"}
    assert main(["check", str(root / "bestaat-niet")]) == 2


def test_clean_dossier_exits_zero(tmp_path, capsys):
    root = tmp_path / "d"
    note(root / "C-1", "PA.txt", "Probleemanalyse", "03-02-2025")
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(minimal_case())})
    assert main(["check", str(root), "--workbook", str(workbook), "--as-of", "2025-02-04"]) == 0
    out = capsys.readouterr().out
    assert "C-1" in out and "0 fouten" in out


@pytest.mark.parametrize("fmt", ("xlsx", "docx"))
def test_file_reports(dossier, tmp_path, fmt):
    root, workbook = dossier
    out = tmp_path / f"rapport.{fmt}"
    assert main(["check", str(root), "--workbook", str(workbook), "--as-of", "2025-08-01", "--format", fmt,
                 "--out", str(out)]) == 1
    if fmt == "xlsx":
        from openpyxl import load_workbook as open_xlsx

        book = open_xlsx(out)
        assert book.sheetnames == ["Overzicht", "C-1", "C-2"]
        rules = [row[0].value for row in book["C-1"].iter_rows(min_row=3) if row[0].value]
        assert "WVP001" in rules and "WVP003" in rules
    else:
        from docx import Document

        text = "\n".join(c.text for t in Document(out).tables for r in t.rows for c in r.cells)
        assert "WVP001" in text and "Geen evaluatie tussen 10-04-2025 en 01-07-2025" in text
    # never overwritten without --force
    assert main(["check", str(root), "--workbook", str(workbook), "--format", fmt, "--out", str(out)]) == 2


def test_english_report(dossier, capsys):
    root, workbook = dossier
    main(["check", str(root), "--workbook", str(workbook), "--as-of", "2025-08-01", "--lang", "en"])
    out = capsys.readouterr().out
    assert "Problem analysis late: dated 20-02-2025" in out and "No dossier folder found" in out


def test_pointing_at_one_dossier_checks_just_that_case(dossier, capsys):
    root, workbook = dossier
    result = check_dossiers(root / "Jansen C-1", load_workbook(workbook), D(2025, 8, 1))
    assert [c.case for c in result.cases] == ["C-1"]
    assert result.cases[0].folder == "Jansen C-1"
    assert any(f.rule == "WVP001" for f in result.cases[0].findings)


def test_loose_files_next_to_case_folders_are_listed(dossier, capsys):
    root, workbook = dossier
    (root / "los verslag.docx").write_bytes(b"x")
    main(["check", str(root), "--workbook", str(workbook), "--as-of", "2025-08-01"])
    out = capsys.readouterr().out
    assert "Bestanden buiten een casusmap" in out and "los verslag.docx" in out


def test_one_dossier_with_subfolders_is_still_one_case(dossier):
    root, workbook = dossier
    sub = root / "Jansen C-1" / "Medisch"
    note(sub, "pa kopie.txt", "Probleemanalyse", "20-02-2025")
    result = check_dossiers(root / "Jansen C-1", load_workbook(workbook), D(2025, 8, 1))
    assert [c.case for c in result.cases] == ["C-1"]
    assert "Jansen C-1/Medisch/pa kopie.txt" in [d.path for d in result.cases[0].documents]


@pytest.mark.parametrize("fmt", ("json", "table"))
def test_reports_never_copy_medical_content_from_documents(tmp_path, capsys, fmt):
    root = tmp_path / "d"
    note(root / "C-1", "PA.txt", "Probleemanalyse", "03-02-2025", "Diagnose: depressie; fysiotherapie gestart.")
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(minimal_case())})
    main(["check", str(root), "--workbook", str(workbook), "--as-of", "2025-06-01", "--format", fmt])
    out = capsys.readouterr().out.lower()
    assert "c-1" in out
    assert "depressie" not in out and "fysiotherapie" not in out


def test_bad_first_sick_day_in_the_workbook_is_said_so(tmp_path, capsys):
    root = tmp_path / "d"
    note(root / "C-1", "PA.txt", "Probleemanalyse", "03-02-2025")
    workbook = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(minimal_case(**{"Eerste ziektedag": "31-02-2025"}))})
    assert main(["check", str(root), "--workbook", str(workbook), "--as-of", "2025-06-01"]) == 1
    captured = capsys.readouterr()
    assert "onbruikbaar in de werkmap" in captured.out and "31-02-2025" in captured.err
