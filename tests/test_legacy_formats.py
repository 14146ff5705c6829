"""Older formats: Word 97-2003 .doc (made by LibreOffice), .rtf, .odt, and an Outlook .msg whose
body is only compressed RTF."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import olefile
import pytest

from plugin.recognize.classify import classify
from plugin.readers import convert, legacy, read_bytes
from plugin.readers.model import ENCRYPTED

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
from _writers import make_msg, rtf_document  # noqa: E402

needs_soffice = pytest.mark.skipif(not shutil.which("soffice") and not os.environ.get("CI"),
                                   reason="LibreOffice ontbreekt (tests/setup_system.sh installeert het)")


def _evaluation_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Verslag evaluatiegesprek", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Datum gesprek", "14-05-2025"
    table.cell(1, 0).text, table.cell(1, 1).text = "Werknemer", "Zoë Çelik-Müller"
    document.add_paragraph("Afspraken: opbouw naar 4 uur per dag; café-overleg om 10:00 — € 0 kosten.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def made_by_libreoffice(tmp_path_factory) -> dict[str, bytes]:
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice ontbreekt")
    tmp = tmp_path_factory.mktemp("lo")
    (tmp / "verslag.docx").write_bytes(_evaluation_docx())
    profile = (tmp / "profiel").as_uri()
    made = {}
    for target, suffix in (("doc:MS Word 97", ".doc"), ("rtf", ".rtf"), ("odt", ".odt")):
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                        "--outdir", str(tmp), str(tmp / "verslag.docx")], check=True, capture_output=True,
                       timeout=180)
        made[suffix] = (tmp / f"verslag{suffix}").read_bytes()
    return made


@needs_soffice
@pytest.mark.parametrize("suffix", (".doc", ".rtf", ".odt"))
def test_old_formats_made_by_libreoffice_are_read(made_by_libreoffice, suffix):
    item = read_bytes(f"Verslag 14 mei{suffix}", made_by_libreoffice[suffix])
    assert item.problem is None, item.problem
    assert "Verslag evaluatiegesprek" in item.text
    assert "Zoë Çelik-Müller" in item.text and "€" in item.text
    result = classify(item, path_name="document" + suffix)
    assert (result.type, result.date, result.why) == ("evaluatie", dt.date(2025, 5, 14),
                                                      "kop 'evaluatiegesprek'")


@needs_soffice
def test_doc_is_read_from_its_piece_table_without_libreoffice(made_by_libreoffice, monkeypatch):
    monkeypatch.setattr(convert, "soffice", lambda: None)
    with olefile.OleFileIO(made_by_libreoffice[".doc"]) as ole:
        text = legacy.doc_text(ole)
    assert "Verslag evaluatiegesprek" in text and "14-05-2025" in text


@needs_soffice
def test_a_doc_the_piece_table_cannot_read_goes_through_libreoffice_once(made_by_libreoffice, monkeypatch,
                                                                          tmp_path):
    monkeypatch.setenv("POORTWACHTER_CACHE_DIR", str(tmp_path))

    def broken(ole, *_):
        raise legacy.DocError("test")
    monkeypatch.setattr(legacy, "doc_text", broken)
    first = read_bytes("oud.doc", made_by_libreoffice[".doc"])
    assert first.problem is None and "Verslag evaluatiegesprek" in first.text
    assert len(list((tmp_path / "converted").glob("*.txt"))) == 1
    monkeypatch.setattr(convert, "soffice", lambda: "/nonexistent/soffice")  # a second run must use the cache
    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    again = read_bytes("kopie.doc", made_by_libreoffice[".doc"])
    assert again.text == first.text


def test_a_doc_without_libreoffice_and_unreadable_says_what_to_do(monkeypatch):
    monkeypatch.setattr(convert, "soffice", lambda: None)
    monkeypatch.setattr(legacy, "doc_text", lambda ole, *_: (_ for _ in ()).throw(legacy.DocError("x")))
    ole = olefile_bytes_with_word_stream()
    item = read_bytes("oud.doc", ole)
    assert item.problem == legacy.NEEDS_LIBREOFFICE


def test_an_encrypted_doc_is_reported(monkeypatch):
    def encrypted(ole, *_):
        raise legacy._Encrypted()
    monkeypatch.setattr(legacy, "doc_text", encrypted)
    assert read_bytes("geheim.doc", olefile_bytes_with_word_stream()).problem == ENCRYPTED


def olefile_bytes_with_word_stream() -> bytes:
    from _writers import compound_file

    return compound_file({"WordDocument": b"\x00" * 600, "1Table": b"\x00" * 64})


def test_rtf_written_by_hand():
    data = rtf_document("Plan van aanpak\nDatum: 03-03-2025\nWerknemer: Zoë")
    item = read_bytes("pva.rtf", data)
    assert item.kind == "rtf" and item.problem is None
    assert item.text.splitlines()[:2] == ["Plan van aanpak", "Datum: 03-03-2025"]
    assert "Zoë" in item.text
    assert classify(item).type == "plan-van-aanpak"


def test_rtf_saved_as_doc_is_read_as_rtf():
    item = read_bytes("pva.doc", rtf_document("Plan van aanpak"))
    assert (item.kind, item.problem) == ("rtf", None)


def test_odt_written_by_hand():
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               '<text:h>Probleemanalyse</text:h><text:p>Datum:<text:tab/>17-02-2025</text:p>'
               '<text:p>Eerste<text:s text:c="2"/>ziektedag: 13-01-2025<text:note><text:p>voetnoot</text:p>'
               '</text:note></text:p></office:text></office:body></office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    item = read_bytes("pa.odt", buffer.getvalue())
    assert (item.kind, item.problem) == ("odt", None)
    assert item.text == "Probleemanalyse\nDatum:\t17-02-2025\nEerste  ziektedag: 13-01-2025"
    result = classify(item)
    assert (result.type, result.date, result.first_sick_day) == ("probleemanalyse", dt.date(2025, 2, 17),
                                                                 dt.date(2025, 1, 13))


def test_msg_with_only_a_compressed_rtf_body():
    data = make_msg(subject="Ter info", sender_name="Marco Jansen", sender_address="m.jansen@jansen-zn.example",
                    to=[("Ellen de Wit", "e.dewit@casemanagement.example")],
                    when=dt.datetime(2025, 7, 7, 9, 12, tzinfo=dt.timezone.utc),
                    body="Verslag evaluatiegesprek\nDatum gesprek: 04-07-2025\nWerknemer: Fatima el Amrani",
                    rtf_only=True)
    item = read_bytes("bericht.msg", data)
    assert item.problem is None
    assert item.text.splitlines()[0] == "Verslag evaluatiegesprek"
    result = classify(item)
    assert (result.type, result.date) == ("evaluatie", dt.date(2025, 7, 4))


def test_msg_with_a_damaged_compressed_rtf_body_is_read_without_body():
    data = make_msg(subject="Verslag evaluatie", sender_name="A", sender_address="a@b.example", to=[],
                    when=dt.datetime(2025, 7, 7, tzinfo=dt.timezone.utc), body="x", rtf_only=True)
    marker = data.find(b"LZFu")
    broken = data[:marker] + b"XXXX" + data[marker + 4:]
    item = read_bytes("bericht.msg", broken)
    assert item.problem is None and item.text == ""
    assert item.mail.subject == "Verslag evaluatie"
