"""Dossier folders named by the surname only ("El Amrani", "Dossier F. el Amrani"): a candidate
for the one case with that surname, tied only when its documents confirm it (the case number
as a property or in the text, or the full name); a surname two cases share is never guessed."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import cases_sheet, minimal_case, write_workbook
from plugin.check.cache import ScanCache
from plugin.check.run import check_dossiers
from plugin.documents.docprops import CustomProperties
from plugin.workbook.load import load_workbook

D = dt.date
AS_OF = D(2025, 8, 1)


def _docx(title: str, lines: list[str], properties: dict[str, str] | None = None) -> bytes:
    document = docx.Document()
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    if not properties:
        return buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    members = CustomProperties.from_members({i.filename: d for i, d in members}).apply(members, properties)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info, data)
    return out.getvalue()


def _workbook(tmp_path: Path, *cases: dict) -> Path:
    return write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(*cases)})


FATIMA = minimal_case(Casusnummer="2025-003", **{"Naam werknemer": "Fatima el Amrani"})
KEES = minimal_case(Casusnummer="2025-004", **{"Naam werknemer": "Kees Jansen"})


def _check(root: Path, workbook: Path, cache=None):
    return check_dossiers(root, load_workbook(workbook), AS_OF, workers=1, cache=cache)


def _case(result, case_id: str):
    return next(c for c in result.cases if c.case == case_id)


def _notes(case) -> list[str]:
    return [d.note for d in case.documents if d.note]


def test_surname_folder_whose_pva_carries_the_case_number_is_tied(tmp_path):
    root = tmp_path / "dossiers"
    (root / "El Amrani").mkdir(parents=True)
    (root / "El Amrani" / "PvA.docx").write_bytes(
        _docx("Plan van aanpak", ["Datum: 03-03-2025"], {"Casusnummer": "2025-003"}))
    result = _check(root, _workbook(tmp_path, FATIMA, KEES))
    case = _case(result, "2025-003")
    assert case.folder == "El Amrani"
    assert any(d.type == "plan-van-aanpak" for d in case.documents)
    assert any("achternaam, bevestigd door casusnummer in 'PvA.docx'" in d.why for d in case.documents)
    assert not [f for f in case.findings if f.rule in ("WVP030", "WVP031")]   # its folder; the tie is no finding
    assert [c.case for c in result.cases] == ["2025-003", "2025-004"]  # the folder is no case of its own


def test_surname_folder_whose_documents_name_the_full_name_is_tied(tmp_path):
    root = tmp_path / "dossiers"
    folder = root / "Dossier F. el Amrani"
    folder.mkdir(parents=True)
    (folder / "verslag.docx").write_bytes(
        _docx("Verslag evaluatiegesprek", ["Datum: 14-04-2025", "Werknemer: Fatima El Amrani"]))
    result = _check(root, _workbook(tmp_path, FATIMA, KEES))
    case = _case(result, "2025-003")
    assert case.folder == "Dossier F. el Amrani"
    assert any("bevestigd door volledige naam in 'verslag.docx'" in d.why for d in case.documents)


def test_surname_without_confirmation_stays_a_candidate(tmp_path):
    root = tmp_path / "dossiers"
    (root / "Amrani").mkdir(parents=True)
    (root / "Amrani" / "verslag.docx").write_bytes(_docx("Verslag evaluatiegesprek", ["Datum: 14-04-2025"]))
    result = _check(root, _workbook(tmp_path, FATIMA, KEES))
    case = _case(result, "2025-003")
    assert case.folder is None
    assert [f.rule for f in case.findings if f.rule == "WVP031"] == ["WVP031"]   # still no folder
    info = [f for f in case.findings if f.rule == "WVP030"]
    assert len(info) == 1 and info[0].severity == "info" and "niet toegekend" in info[0].message
    assert "Amrani" in {c.case for c in result.cases}   # the folder is checked on its own, as before
    # only its note: the case is not flooded with "missing" errors for a folder it does not have
    assert {f.rule for f in case.findings} == {"WVP030", "WVP031"}


def test_a_surname_two_cases_share_is_never_guessed(tmp_path):
    root = tmp_path / "dossiers"
    (root / "De Vries").mkdir(parents=True)
    (root / "De Vries" / "PvA.docx").write_bytes(_docx("Plan van aanpak", ["Datum: 03-03-2025"]))
    pieter = minimal_case(Casusnummer="2025-010", **{"Naam werknemer": "Pieter de Vries"})
    anna = minimal_case(Casusnummer="2025-011", **{"Naam werknemer": "Anna de Vries"})
    result = _check(root, _workbook(tmp_path, pieter, anna))
    for case_id in ("2025-010", "2025-011"):
        case = _case(result, case_id)
        assert case.folder is None
        notes = _notes(case)
        assert len(notes) == 1 and "2025-010" in notes[0] and "2025-011" in notes[0]
        assert "niet toegekend" in notes[0]
        assert any(f.rule == "WVP030" and f.severity == "info" for f in case.findings)


def test_shared_surname_is_not_guessed_even_when_a_document_names_one_full_name(tmp_path):
    root = tmp_path / "dossiers"
    (root / "De Vries").mkdir(parents=True)
    (root / "De Vries" / "PvA.docx").write_bytes(
        _docx("Plan van aanpak", ["Datum: 03-03-2025", "Werknemer: Anna de Vries"]))
    pieter = minimal_case(Casusnummer="2025-010", **{"Naam werknemer": "Pieter de Vries"})
    anna = minimal_case(Casusnummer="2025-011", **{"Naam werknemer": "Anna de Vries"})
    result = _check(root, _workbook(tmp_path, pieter, anna))
    assert _case(result, "2025-011").folder is None and _case(result, "2025-010").folder is None


def test_a_case_number_folder_wins_over_a_surname_folder(tmp_path):
    root = tmp_path / "dossiers"
    (root / "2025-003 Fatima").mkdir(parents=True)
    (root / "2025-003 Fatima" / "pa.docx").write_bytes(_docx("Probleemanalyse", ["Datum: 20-02-2025"]))
    (root / "El Amrani").mkdir()
    (root / "El Amrani" / "PvA.docx").write_bytes(
        _docx("Plan van aanpak", ["Datum: 03-03-2025"], {"Casusnummer": "2025-003"}))
    result = _check(root, _workbook(tmp_path, FATIMA, KEES))
    assert _case(result, "2025-003").folder == "2025-003 Fatima"
    assert not _notes(_case(result, "2025-003"))


def test_the_scan_cache_gives_the_same_ties_and_opens_no_file(tmp_path, monkeypatch):
    root = tmp_path / "dossiers"
    (root / "El Amrani").mkdir(parents=True)
    (root / "El Amrani" / "verslag.docx").write_bytes(
        _docx("Verslag evaluatiegesprek", ["Datum: 14-04-2025", "Casus 2025-003"]))
    (root / "Jansen").mkdir()
    (root / "Jansen" / "pa.docx").write_bytes(_docx("Probleemanalyse", ["Datum: 20-02-2025"]))
    workbook = _workbook(tmp_path, FATIMA, KEES)

    def summary(result):
        return {c.case: (c.folder, sorted(d.why for d in c.documents), sorted(f.message for f in c.findings))
                for c in result.cases}

    cold = summary(_check(root, workbook))
    with ScanCache(tmp_path / "cache.sqlite") as cache:
        first = summary(_check(root, workbook, cache))
    from plugin.check import folders

    def no_reading(path, phrases):
        raise AssertionError(f"{path} opened on a re-check")

    monkeypatch.setattr(folders, "text_mentions", no_reading)
    with ScanCache(tmp_path / "cache.sqlite") as cache:
        second = summary(_check(root, workbook, cache))
        assert cache.stats["read"] == 0
    assert cold == first == second
    assert cold["2025-003"][0] == "El Amrani" and cold["2025-004"][0] is None   # Jansen: not confirmed


def test_the_cache_answer_is_per_case_not_per_workbook(tmp_path):
    """A cached 'no' for one workbook's case never hides a 'yes' for another's."""
    root = tmp_path / "dossiers"
    (root / "El Amrani").mkdir(parents=True)
    (root / "El Amrani" / "verslag.docx").write_bytes(
        _docx("Verslag evaluatiegesprek", ["Datum: 14-04-2025", "Casus 2025-099"]))
    with ScanCache(tmp_path / "cache.sqlite") as cache:
        assert _case(_check(root, _workbook(tmp_path, FATIMA), cache), "2025-003").folder is None
    other = minimal_case(Casusnummer="2025-099", **{"Naam werknemer": "Fatima el Amrani"})
    with ScanCache(tmp_path / "cache.sqlite") as cache:
        assert _case(_check(root, _workbook(tmp_path, other), cache), "2025-099").folder == "El Amrani"


def test_the_app_finds_a_case_folder_tied_by_surname(tmp_path):
    """plugin.check.run.match_folders (the app's case page) ties the same folders as the check."""
    from plugin.check.run import match_folders

    root = tmp_path / "dossiers"
    (root / "El Amrani").mkdir(parents=True)
    (root / "El Amrani" / "PvA.docx").write_bytes(
        _docx("Plan van aanpak", ["Datum: 03-03-2025"], {"Casusnummer": "2025-003"}))
    (root / "Jansen").mkdir()
    matched, rest = match_folders(root, load_workbook(_workbook(tmp_path, FATIMA, KEES)))
    assert matched == {"2025-003": root / "El Amrani"} and rest == [root / "Jansen"]


def test_documents_with_another_case_number_keep_the_folder_apart(tmp_path):
    """The same person's earlier case: its full name is in the text, but its number is another."""
    root = tmp_path / "dossiers"
    (root / "El Amrani oud").mkdir(parents=True)
    (root / "El Amrani oud" / "PvA.docx").write_bytes(
        _docx("Plan van aanpak", ["Datum: 03-03-2023", "Werknemer: Fatima el Amrani"], {"Casusnummer": "2023-017"}))
    result = _check(root, _workbook(tmp_path, FATIMA))
    case = _case(result, "2025-003")
    assert case.folder is None
    assert "casusnummer 2023-017" in _notes(case)[0]
    assert "2023-017" in {c.case for c in result.cases}   # checked as its own dossier


def test_a_changed_file_is_asked_again_and_the_cache_holds_no_name(tmp_path):
    import sqlite3

    root = tmp_path / "dossiers"
    (root / "El Amrani").mkdir(parents=True)
    target = root / "El Amrani" / "verslag.docx"
    target.write_bytes(_docx("Verslag evaluatiegesprek", ["Datum: 14-04-2025"]))
    workbook = _workbook(tmp_path, FATIMA)
    with ScanCache(tmp_path / "cache.sqlite") as cache:
        assert _case(_check(root, workbook, cache), "2025-003").folder is None
    target.write_bytes(_docx("Verslag evaluatiegesprek", ["Datum: 14-04-2025", "Werknemer: Fatima el Amrani"]))
    with ScanCache(tmp_path / "cache.sqlite") as cache:
        assert _case(_check(root, workbook, cache), "2025-003").folder == "El Amrani"
    raw = (tmp_path / "cache.sqlite").read_bytes()
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        rows = db.execute("SELECT phrase, found FROM mentions").fetchall()
    assert rows and b"Fatima" not in raw and b"fatima" not in raw
    assert not any("2025-003" in phrase for phrase, _ in rows)


def test_pointing_at_one_surname_folder_checks_its_case(tmp_path):
    root = tmp_path / "dossiers"
    (root / "El Amrani").mkdir(parents=True)
    (root / "El Amrani" / "PvA.docx").write_bytes(
        _docx("Plan van aanpak", ["Datum: 03-03-2025"], {"Casusnummer": "2025-003"}))
    result = _check(root / "El Amrani", _workbook(tmp_path, FATIMA, KEES))
    assert [(c.case, c.folder) for c in result.cases] == [("2025-003", "El Amrani")]
    assert any("achternaam, bevestigd door" in d.why for d in result.cases[0].documents)
