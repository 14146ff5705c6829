"""One-off documents are made once, and the run says why (plugin.documents.one_off, plan_notes).

The README's first command run twice on different days (the command takes `today`), --dossiers,
--force, the summary's notes on documents dated today or made after their deadline, and what
to do when an evaluation is asked for on a day without a row.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, cases_sheet, minimal_case, write_workbook
from plugin.cli import build_parser, main
from plugin.commands import generate_cmd
from plugin.documents.docprops import read_docx_properties

D = dt.date
ONE_OFF = ("Probleemanalyse", "Plan van aanpak", "Trajectplan", "Eindrapportage", "Problem analysis", "Plan of action")


def run_on(day: dt.date, *argv: str) -> int:
    """The generate command as on `day` (documents without a workbook date are dated then)."""
    return generate_cmd.make(build_parser().parse_args(["generate", *argv]), day)


def one_offs(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")
                  if p.stem.split(" ", 1)[1] in ONE_OFF)


@pytest.fixture
def workbook(tmp_path) -> Path:
    shutil.copy2(EXAMPLES / "casussen.xlsx", tmp_path / "casussen.xlsx")
    return tmp_path / "casussen.xlsx"


def test_the_readme_command_twice_on_different_days_makes_no_second_copy_and_says_why(workbook, tmp_path, capsys):
    out = tmp_path / "output"
    assert run_on(D(2026, 12, 5), str(workbook), "--out", str(out)) == 0
    first_day = capsys.readouterr().out
    made = one_offs(out)
    assert "2026-005 Anouk Visser/2026-12-05 Plan van aanpak.docx" in made
    assert ("  [casus 2026-005 plan-van-aanpak] gedateerd op vandaag (05-12-2026): kolom 'Datum plan van aanpak' is "
            "leeg in de werkmap") in first_day
    assert ("  [casus 2026-005 plan-van-aanpak] let op: plan van aanpak van 05-12-2026 komt na de uiterlijke datum "
            "16-11-2026 (week 8, Regeling procesgang art. 4); leg de reden vast in kolom 'Reden afwijking plan van "
            "aanpak'") in first_day

    assert run_on(D(2027, 1, 5), str(workbook), "--out", str(out)) == 0
    second_day = capsys.readouterr().out
    assert one_offs(out) == made   # no 2027-01-05 Plan van aanpak next to the one of 2026-12-05
    for path in made:
        case_id = path.split(" ", 1)[0]
        name = path.split("/", 1)[1]
        assert f"[casus {case_id} " in second_day and f"staat al in de uitvoermap: {name}" in second_day, path
    assert (f"0 document(en) gemaakt in {out}, 22 bestonden al, {len(made)} eenmalig en al aanwezig"
            in second_day)
    assert "gedateerd op vandaag" not in second_day


def test_force_makes_a_one_off_document_again_on_purpose(workbook, tmp_path, capsys):
    out = tmp_path / "output"
    args = (str(workbook), "--out", str(out), "--case", "2026-005", "--doc", "plan-van-aanpak")
    assert run_on(D(2026, 12, 5), *args) == 0
    assert run_on(D(2027, 1, 5), *args) == 0
    assert "niet opnieuw gemaakt" in capsys.readouterr().out
    assert run_on(D(2027, 1, 5), *args, "--force") == 0
    assert [p.name for p in sorted((out / "2026-005 Anouk Visser").glob("*.docx"))] \
        == ["2026-12-05 Plan van aanpak.docx", "2027-01-05 Plan van aanpak.docx"]


def test_with_dossiers_a_one_off_document_the_dossier_holds_is_not_made(workbook, tmp_path, capsys):
    out = tmp_path / "output"
    assert run_on(D(2026, 12, 5), str(workbook), "--out", str(out), "--case", "2026-005",
                  "--dossiers", str(EXAMPLES / "dossiers")) == 0
    said = capsys.readouterr().out
    assert ("[casus 2026-005 plan-van-aanpak] niet opnieuw gemaakt: een plan van aanpak wordt eenmaal gemaakt en "
            "staat al in het dossier: 2026-005 Visser/Scan_0001.pdf (12-11-2026) (--force maakt toch een nieuwe)"
            in said)
    assert "staat al in het dossier: 2026-005 Visser/PA Visser 02-11-2026.docx (02-11-2026)" in said
    assert not list(out.rglob("*.docx"))


def test_the_summary_notes_come_with_quiet_too_and_a_recorded_reason_is_quoted(tmp_path, capsys):
    cases = cases_sheet(minimal_case(**{"Datum probleemanalyse": D(2025, 2, 10),
                                        "Reden afwijking plan van aanpak": "Werkgever was gesloten tot 10 maart."}),
                        minimal_case(Casusnummer="C-2", **{"Datum probleemanalyse": D(2025, 2, 10),
                                                           "Reden afwijking plan van aanpak": "Wachten op MRI."}))
    book = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases})
    code = run_on(D(2025, 3, 14), str(book), "--out", str(tmp_path / "out"), "--doc", "plan-van-aanpak", "--quiet")
    said = capsys.readouterr()
    assert code == 1   # C-2's reason holds a medical word: the AVG guard stops its document
    assert "gemaakt:" not in said.out
    assert ("[casus C-1 plan-van-aanpak] let op: plan van aanpak van 14-03-2025 komt na de uiterlijke datum "
            "24-02-2025 (week 8, Regeling procesgang art. 4); reden in de werkmap: \u201cWerkgever was gesloten tot "
            "10 maart.\u201d") in said.out
    assert "gedateerd op vandaag (14-03-2025)" in said.out
    assert "MRI" not in said.out


def test_our_document_is_known_by_its_properties_whatever_its_name_and_another_case_s_is_not(workbook, tmp_path,
                                                                                                 capsys):
    out = tmp_path / "output"
    assert run_on(D(2026, 12, 5), str(workbook), "--out", str(out), "--case", "2026-005",
                  "--doc", "plan-van-aanpak") == 0
    folder = out / "2026-005 Anouk Visser"
    (folder / "2026-12-05 Plan van aanpak.docx").rename(folder / "PvA getekend.docx")
    assert read_docx_properties(folder / "PvA getekend.docx")["Documenttype"] == "plan-van-aanpak"
    assert run_on(D(2027, 1, 5), str(workbook), "--out", str(out), "--case", "2026-005",
                  "--doc", "plan-van-aanpak") == 0
    assert "staat al in de uitvoermap: PvA getekend.docx (05-12-2026)" in capsys.readouterr().out
    # The same file in another case's folder is that case's document, not this one's.
    other = out / "2026-006 Mehmet Yilmaz"
    other.mkdir()
    shutil.move(folder / "PvA getekend.docx", other / "2026-12-05 Plan van aanpak.docx")
    assert run_on(D(2027, 1, 5), str(workbook), "--out", str(out), "--case", "2026-006",
                  "--doc", "plan-van-aanpak") == 0
    assert (other / "2026-04-30 Plan van aanpak.docx").is_file()


def test_a_new_waiting_time_needs_its_own_probleemanalyse(tmp_path, capsys):
    cases = cases_sheet(minimal_case(**{"Eerste ziektedag": D(2025, 1, 6)}))
    periods = [["Casusnummer", "Van", "Tot"], ["C-1", D(2025, 1, 6), D(2025, 2, 28)], ["C-1", D(2025, 6, 2), None]]
    book = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases, "Verzuimperiodes": periods})
    out = tmp_path / "out"
    args = (str(book), "--out", str(out), "--doc", "probleemanalyse")
    assert run_on(D(2025, 2, 10), *args, "--date", "2025-02-10") == 0
    assert run_on(D(2025, 7, 1), *args, "--date", "2025-07-01") == 0   # after 13 weeks fit: a new waiting time
    assert run_on(D(2025, 7, 8), *args, "--date", "2025-07-08") == 0
    capsys.readouterr()
    assert [p.name for p in sorted((out / "C-1 Jan Jansen").glob("*.docx"))] \
        == ["2025-02-10 Probleemanalyse.docx", "2025-07-01 Probleemanalyse.docx"]


def test_an_evaluation_asked_for_on_a_day_without_a_row_says_what_to_add(tmp_path, capsys):
    workbook = str(EXAMPLES / "casussen.xlsx")
    code = main(["generate", workbook, "--out", str(tmp_path), "--case", "2025-003", "--doc", "evaluatie",
                 "--date", "2026-12-04"])
    assert code == 1
    assert ("Fout [casus 2025-003 evaluatie]: geen rij op blad Evaluaties voor 04-12-2026; voeg er een toe op blad "
            "Evaluaties (Casusnummer 2025-003, Datum, Soort, Deelnemers, …) of kies een van: 05-12-2025, 16-01-2026, "
            "27-02-2026") in capsys.readouterr().err
    # Without a case named, the cases without an evaluation that day are simply not applicable.
    assert main(["generate", workbook, "--out", str(tmp_path), "--doc", "evaluatie", "--date", "2025-12-05"]) == 0
    assert [p.name for p in tmp_path.rglob("*.docx")] == ["2025-12-05 Evaluation.docx"]
