"""Smaller commands through the real entry point: workbook new, templates check, calendar."""

import subprocess

import pytest
import sys

from conftest import make_template
from plugin.cli import main
from plugin.workbook.schema import SHEETS
from plugin.workbook.load import load_workbook


def test_workbook_new_has_every_sheet_and_header_and_loads_empty(tmp_path, capsys):
    path = tmp_path / "nieuw.xlsx"
    assert main(["workbook", "new", str(path)]) == 0
    from openpyxl import load_workbook as open_xlsx

    book = open_xlsx(path)
    for sheet in SHEETS:
        headers = [c.value for c in book[sheet.name][1]]
        assert headers == [c.header for c in sheet.columns]
    assert book["Casussen"]["D1"].comment is not None  # explanation of Eerste ziektedag
    assert "Uitleg" in book.sheetnames
    loaded = load_workbook(path)
    assert loaded.cases == {} and loaded.problems == []


def test_workbook_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "bestaand.xlsx"
    path.write_bytes(b"eigen werk")
    assert main(["workbook", "new", str(path)]) == 2
    assert path.read_bytes() == b"eigen werk" and "--force" in capsys.readouterr().err


def test_templates_check_default_folder_is_clean(capsys):
    from plugin.resources import templates_dir

    count = len(list(templates_dir().rglob("*.docx")))
    assert count >= 8
    assert main(["templates", "check"]) == 0
    assert f"{count} van {count} sjablonen in orde" in capsys.readouterr().out


def test_templates_check_finds_typos_and_broken_tags(tmp_path, capsys):
    make_template(tmp_path / "nl" / "probleemanalyse.docx", ["{{ casus.werkgevr }}"])
    make_template(tmp_path / "nl" / "evaluatie.docx", ["{% for x in evaluaties %} no end"])
    make_template(tmp_path / "nl" / "trajectplan.docx", ["{{ casus.werkgever }} {{ evaluaties|length }}"])
    assert main(["templates", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "FOUT nl/probleemanalyse.docx" in out and "werkgevr" in out
    assert "FOUT nl/evaluatie.docx" in out and "kapotte tag" in out
    assert "OK   nl/trajectplan.docx" in out


def test_calendar_command_shows_overdue_items(example_workbook, capsys):
    assert main(["calendar", str(example_workbook), "--case", "2025-002", "--as-of", "2026-11-24"]) == 1
    out = capsys.readouterr().out
    assert "Pieter de Vries" in out and "week 78" in out
    assert "! Start 2e spoor" in out and "29-06-2026" in out and "te laat" in out


def test_calendar_unknown_case_and_bad_date(example_workbook, capsys):
    assert main(["calendar", str(example_workbook), "--case", "X-9"]) == 2
    assert "X-9" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["calendar", str(example_workbook), "--as-of", "31-02-2026"])
    assert exit_.value.code == 2
    assert "31-02-2026" in capsys.readouterr().err


def test_python_dash_m_and_bad_usage():
    result = subprocess.run([sys.executable, "-m", "plugin", "calendar", "nope.xlsx"], capture_output=True, text=True)
    assert result.returncode == 2 and "werkmap niet gevonden" in result.stderr
    result = subprocess.run([sys.executable, "-m", "plugin", "generate"], capture_output=True, text=True)
    assert result.returncode == 2
