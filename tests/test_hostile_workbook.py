"""Issue 8, the workbook: careless or hostile workbooks give a clear problem, never a crash or a silent blank."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from conftest import cases_sheet, minimal_case, write_workbook
from plugin.errors import WorkbookError
from plugin.workbook.cells import CellError, convert
from plugin.workbook.load import UNCALCULATED, load_workbook


def _rewrite(path: Path, change) -> Path:
    """Rewrite every XML part of an .xlsx through change(name, bytes)."""
    with zipfile.ZipFile(path) as source:
        parts = [(name, source.read(name)) for name in source.namelist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(name, change(name, data))
    path.write_bytes(out.getvalue())
    return path


def test_excel_escapes_pasted_from_word_are_decoded(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(minimal_case(
        **{"Naam werknemer": "Jan_x000B_Jansen", "Belastbaarheid": "Niet tillen_x000B_Geen nachtdienst",
           "Eigen kolom": "a_x000B_b", "Functie": "letterlijk _x005F_x000B_"}))})
    case = load_workbook(path).cases["C-1"]
    assert case.name == "Jan\nJansen"
    assert case["belastbaarheid"] == "Niet tillen\nGeen nachtdienst"
    assert case["functie"] == "letterlijk _x000B_"
    assert case.extra["Eigen kolom"] == "a\nb"


def test_formula_without_cached_value_is_an_error_not_an_empty_cell(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(minimal_case(
        **{"Naam werknemer": '=CONCAT("Jan";" Jansen")', "Belastbaarheid": '=IF(1=1;"zittend werk";"")'}))})
    book = load_workbook(path)
    columns = {p.column: p.message for p in book.problems}
    assert columns.get("Naam werknemer") == UNCALCULATED
    assert columns.get("Belastbaarheid") == UNCALCULATED
    assert not any("verplicht veld is leeg" in p.message for p in book.problems)
    assert "C-1" in book.blocked_ids()


def test_formula_with_a_cached_value_is_read(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(minimal_case(
        **{"Belastbaarheid": "=1"}))})
    _rewrite(path, lambda name, data: data.replace(b"<f>1</f><v></v>", b"<f>1</f><v>1</v>")
             .replace(b"<f>1</f><v />", b"<f>1</f><v>1</v>"))
    book = load_workbook(path)
    assert not book.problems and book.cases["C-1"]["belastbaarheid"] == "1"


def test_password_protected_workbook_says_encrypted(tmp_path):
    # Office encrypts a .docx and an .xlsx into the same OLE container (EncryptionInfo + EncryptedPackage)
    source = Path(__file__).parent / "data" / "readers" / "encrypted.docx"
    path = tmp_path / "geheim.xlsx"
    path.write_bytes(source.read_bytes())
    with pytest.raises(WorkbookError, match="versleuteld"):
        load_workbook(path)


def test_raw_control_byte_in_the_xml_is_unreadable_not_a_crash(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(minimal_case())})
    _rewrite(path, lambda name, data: data.replace(b"Jan Jansen", b"Jan\x0bJansen"))
    with pytest.raises(WorkbookError, match="werkmap niet leesbaar"):
        load_workbook(path)


def test_lock_file_next_to_the_workbook_warns_that_it_is_open(tmp_path):
    path = write_workbook(tmp_path / "casussen.xlsx", {"Casussen": cases_sheet(minimal_case())})
    assert load_workbook(path).warnings == []
    (tmp_path / "~$casussen.xlsx").write_bytes(b"\x00" * 165)
    warnings = load_workbook(path).warnings
    assert len(warnings) == 1 and "geopend in Excel" in warnings[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_fifo_as_workbook_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "casussen.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(WorkbookError, match="geen gewoon bestand"):
        load_workbook(fifo)


def test_folder_as_workbook_is_refused(tmp_path):
    (tmp_path / "map.xlsx").mkdir()
    with pytest.raises(WorkbookError, match="is een map"):
        load_workbook(tmp_path / "map.xlsx")


@pytest.mark.parametrize(("cell", "expected"), [
    ("hr@werkgever.nl", "hr@werkgever.nl"),
    (" mailto:HR@Werkgever.nl; ", "HR@Werkgever.nl"),
    ("hr@bücher.de", "hr@xn--bcher-kva.de"),
])
def test_one_address_per_cell_and_idna_domains(cell, expected):
    assert convert(cell, "email") == expected


@pytest.mark.parametrize(("cell", "says"), [
    ("hr@x.nl, evil@y.com", "meer dan één"),
    ("hr@x.nl; evil@y.com", "meer dan één"),
    ("hr@x.nl evil@y.com", "meer dan één"),
    ("jürgen@bücher.de", "accenten"),
    ("geen adres", "geen geldig"),
])
def test_addresses_the_mail_out_cannot_use_are_refused(cell, says):
    with pytest.raises(CellError, match=says):
        convert(cell, "email")


def test_two_addresses_block_the_case_in_the_workbook_check(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(minimal_case(
        **{"E-mail werkgever": "hr@x.nl, evil@y.com"}))})
    book = load_workbook(path)
    assert [p.column for p in book.problems] == ["E-mail werkgever"]
    assert "C-1" in book.blocked_ids()
