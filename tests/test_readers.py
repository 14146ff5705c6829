"""Readers: real text out of every format, and a problem (never an exception) for bad files."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import pytest

from plugin.readers import Extracted, Limits, MailMeta, ocr, read_bytes, read_path
from plugin.readers.model import CORRUPT, ENCRYPTED, NO_TEXT_LAYER, TOO_DEEP, ZIP_BOMB

DATA = Path(__file__).parent / "data" / "readers"
MSG_DIR = Path(__file__).parent / "data" / "msg"  # real Outlook samples, MIT (see LICENCE.md there)
from readers_fixtures import (encrypt_pdf, make_docx, make_eml, make_pdf, make_xlsx,  # noqa: E402  (conftest path)
                              zip_with)


PVA_DOCX = make_docx(["Plan van aanpak", "Casemanager: P. de Vries", "Datum: 12-03-2025"],
                     table=[["Actie", "Wie"], ["Werkplekonderzoek", "Werkgever"]],
                     header="Vertrouwelijk", footer="Pagina 1",
                     properties={"Documenttype": ("lpwstr", "plan-van-aanpak"),
                                 "Documentdatum": ("filetime", "2025-03-12T00:00:00Z"),
                                 "Versie": ("i4", "3")})
PA_PDF = make_pdf(["Probleemanalyse\nDatum: 3 maart 2025", "Advies: opbouw in uren (café)"])
SOLL_XLSX = make_xlsx([["Datum", "Werkgever", "Functie"],
                       [dt.date(2025, 3, 12), "Bakkerij Smit", "Verkoper"],
                       [None, None, None], [45000, "Gemeente", "Baliemedewerker", None]])


# --- formats ----------------------------------------------------------------------------

def test_docx_body_table_header_footer_and_properties():
    item = read_bytes("PvA Jansen def.docx", PVA_DOCX)
    assert (item.kind, item.problem) == ("docx", None)
    lines = item.text.split("\n")
    assert lines[0] == "Vertrouwelijk"
    assert lines[-1] == "Pagina 1"
    for expected in ("Plan van aanpak", "Datum: 12-03-2025", "Werkplekonderzoek", "Werkgever"):
        assert expected in lines
    assert item.properties == {"Documenttype": "plan-van-aanpak", "Documentdatum": "2025-03-12T00:00:00Z",
                               "Versie": "3"}


def test_docx_text_is_bounded():
    data = make_docx([f"Regel {i} met wat tekst" for i in range(500)])
    item = read_bytes("lang.docx", data, Limits(max_text_chars=100))
    assert len(item.text) == 100 and item.problem is None


@pytest.mark.parametrize(("pages", "limits", "expected", "problem"), [
    (["Probleemanalyse\nDatum: 3 maart 2025", "Advies (café)"], Limits(), ["Probleemanalyse", "café"], None),
    (["Pagina een", "Pagina twee"], Limits(max_pdf_pages=1), ["Pagina een"], None),
    ([None, None], Limits(), [], NO_TEXT_LAYER if not ocr.available() else ocr.NO_TEXT_FOUND),
])
def test_pdf_text_layer(pages, limits, expected, problem):
    item = read_bytes("rapport.pdf", make_pdf(pages), limits)
    assert (item.kind, item.problem) == ("pdf", problem)
    for text in expected:
        assert text in item.text
    assert "Pagina twee" not in item.text


def test_pdf_with_password_is_encrypted_but_owner_only_is_readable():
    assert read_bytes("geheim.pdf", encrypt_pdf(PA_PDF, "geheim")).problem == ENCRYPTED
    open_pdf = read_bytes("beveiligd.pdf", encrypt_pdf(PA_PDF, ""))
    assert open_pdf.problem is None and "Probleemanalyse" in open_pdf.text


def test_xlsx_rows_tab_separated():
    item = read_bytes("sollicitaties.xlsx", SOLL_XLSX)
    assert (item.kind, item.problem) == ("xlsx", None)
    assert item.text.split("\n") == ["[Sollicitaties]", "Datum\tWerkgever\tFunctie",
                                     "12-03-2025\tBakkerij Smit\tVerkoper", "45000\tGemeente\tBaliemedewerker"]


@pytest.mark.parametrize(("data", "expected"), [
    ("Verslag evaluatie — café".encode("utf-8"), "Verslag evaluatie — café"),
    (b"\xef\xbb\xbfMet BOM", "Met BOM"),
    ("Oud café".encode("cp1252"), "Oud café"),
    ("UTF-16 tekst".encode("utf-16"), "UTF-16 tekst"),
    (b"regel 1\r\nregel 2", "regel 1\nregel 2"),
])
def test_txt_decoding(data, expected):
    item = read_bytes("notitie.txt", data)
    assert (item.kind, item.text, item.problem) == ("txt", expected, None)


# --- mail ---------------------------------------------------------------------------------

def test_eml_meta_body_and_recursive_attachments():
    inner = make_eml("Bevestiging ziekmelding (42e week)", "Wij hebben de ziekmelding ontvangen.",
                     attachments=[("bevestiging.pdf", make_pdf(["Ziekmelding bij langdurig verzuim"]))])
    outer = make_eml("Stukken dossier Jansen", "Zie bijlagen.",
                     attachments=[("PvA Jansen.docx", PVA_DOCX), ("sollicitaties.xlsx", SOLL_XLSX)],
                     messages=[inner])
    item = read_bytes("dossier.eml", outer.as_bytes())
    assert (item.kind, item.problem, item.text) == ("eml", None, "Zie bijlagen.")
    assert item.mail.subject == "Stukken dossier Jansen"
    assert item.mail.sender == "Casemanager <cm@werkgever.nl>"
    assert item.mail.recipients == ("J. Jansen <j.jansen@example.nl>", "ba@arbodienst.nl")
    assert item.mail.date.isoformat() == "2025-03-12"
    names = [(a.name, a.kind) for a in item.attachments]
    assert names == [("dossier.eml/PvA Jansen.docx", "docx"), ("dossier.eml/sollicitaties.xlsx", "xlsx"),
                     ("dossier.eml/Bevestiging ziekmelding (42e week).eml", "eml")]
    assert item.attachments[0].properties["Documenttype"] == "plan-van-aanpak"
    nested = item.attachments[2]
    assert nested.mail.subject == "Bevestiging ziekmelding (42e week)"
    assert nested.attachments[0].name.endswith("(42e week).eml/bevestiging.pdf")
    assert "langdurig verzuim" in nested.attachments[0].text


def test_eml_depth_limit_stops_recursion():
    level2 = make_eml("diep", "binnenste", attachments=[("a.txt", b"tekst")])
    level1 = make_eml("midden", "midden", messages=[level2])
    item = read_bytes("top.eml", make_eml("top", "top", messages=[level1]).as_bytes(), Limits(max_depth=1))
    assert item.attachments[0].mail.subject == "midden"
    assert item.attachments[0].attachments[0].problem == TOO_DEEP


def test_eml_html_only_body_and_garbage_date():
    message = make_eml("Verslag", "", html="<html><head><style>p{}</style></head><body><h1>Verslag "
                       "evaluatiegesprek</h1><p>Datum&nbsp;gesprek: 12-03-2025</p></body></html>",
                       date="gisteren rond het middaguur")
    item = read_bytes("verslag.eml", message.as_bytes())
    assert item.problem is None and item.mail.date is None
    assert item.text.split("\n") == ["Verslag evaluatiegesprek", "Datum gesprek: 12-03-2025"]


def test_mail_sniffed_without_eml_extension():
    item = read_bytes("mail.txt", make_eml("Onderwerp", "Inhoud").as_bytes())
    assert item.kind == "eml" and item.mail.subject == "Onderwerp"


MSG_SAMPLES = [
    ("test_Blammo.msg", "BlammoBlammo", "TripleNickel <TripleNickel@mapi32.net>", "2007-09-29", "Blam"),
    ("note.msg", "note sample", "", "2001-05-21", "Just any information to store in Outlook"),
    ("qwerty_1-orig.msg", "qwerty", "", "2006-11-03", "Charles Lowe"),
    ("qwerty_2-with_custom_properties.msg", "qwerty", "", "2006-11-03", "Charles Lowe"),
    ("qwerty_3.msg", "qwerty", "", "2006-11-03", "Charles Lowe"),
]


@pytest.mark.parametrize(("file", "subject", "sender", "date", "body"), MSG_SAMPLES)
def test_real_outlook_msg(file, subject, sender, date, body):
    item = read_path(MSG_DIR / file)
    assert (item.kind, item.problem, item.attachments) == ("msg", None, ())
    assert (item.mail.subject, item.mail.sender, item.mail.date.isoformat()) == (subject, sender, date)
    assert body in item.text


def test_msg_recipients_and_msg_attached_to_eml():
    item = read_path(MSG_DIR / "qwerty_2-with_custom_properties.msg")
    assert "Johnathan <johnno@nowhere.com>" in item.mail.recipients
    mail = make_eml("Doorgestuurd", "zie bijlage", attachments=[("note.msg", (MSG_DIR / "note.msg").read_bytes())])
    attached = read_bytes("fw.eml", mail.as_bytes()).attachments[0]
    assert (attached.name, attached.kind, attached.mail.subject) == ("fw.eml/note.msg", "msg", "note sample")


def test_msg_with_attachment_and_embedded_message():
    item = read_path(DATA / "with_attachments.msg")
    assert (item.kind, item.problem) == ("msg", None)
    assert item.mail == MailMeta("Verslag evaluatiegesprek", "P. de Vries <p.devries@werkgever.nl>",
                                 ("J. Jansen <j.jansen@example.nl>",), dt.date(2025, 3, 10))
    assert item.text.split("\n")[:2] == ["Verslag evaluatiegesprek", "Datum gesprek: 10-03-2025"]
    pdf, inner = item.attachments
    assert (pdf.name, pdf.kind, pdf.problem) == ("with_attachments.msg/PvA Jansen.pdf", "pdf", None)
    assert pdf.text.startswith("Plan van aanpak\nActie 0: werkplekonderzoek")
    assert (inner.name, inner.kind, inner.mail.subject) == (
        "with_attachments.msg/Bevestiging UWV.msg", "msg", "Bevestiging ziekmelding (42e week)")
    assert "ziekmelding" in inner.text
    shallow = read_path(DATA / "with_attachments.msg", Limits(max_depth=0))
    assert [a.problem for a in shallow.attachments] == [TOO_DEEP, TOO_DEEP]


# --- bad files ----------------------------------------------------------------------------

def _bomb(size: int) -> bytes:
    return zip_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * size})


def _lying_zip() -> bytes:
    """A docx whose document.xml says it is 100 bytes but inflates to 5 MB."""
    data = bytearray(zip_with({"word/document.xml": b"<w:document/>" + b" " * 5_000_000}))
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + size_offset: at + size_offset + 4] = (100).to_bytes(4, "little")
    return bytes(data)


@pytest.mark.parametrize(("name", "data", "limits", "kind", "problem"), [
    ("bom.docx", _bomb(20_000_000), Limits(), "docx", ZIP_BOMB),
    ("bom.docx", _bomb(300_000), Limits(max_unzipped_bytes=100_000), "docx", ZIP_BOMB),
    ("liegt.docx", _lying_zip(), Limits(), "docx", CORRUPT),
    ("half.docx", PVA_DOCX[: len(PVA_DOCX) // 2], Limits(), "docx", CORRUPT),
    ("leeg.docx", b"", Limits(), "docx", CORRUPT),
    ("geen-word.docx", zip_with({"a.txt": b"x"}), Limits(), "docx", CORRUPT),
    ("kapot.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4, Limits(), "pdf", CORRUPT),
    ("onzin.msg", b"dit is geen outlook-bestand", Limits(), "msg", CORRUPT),
    ("geheim.docx", (DATA / "encrypted.docx").read_bytes(), Limits(), "docx", ENCRYPTED),
    ("groot.pdf", make_pdf(["x"]), Limits(max_file_bytes=100), "pdf", "te groot (1 MB, grens 1 MB)"),
    ("foto.jpg", b"\xff\xd8\xff\xe0JFIF", Limits(), "image", CORRUPT if ocr.available() else ocr.NO_OCR),
    ("foto.jpg", b"JFIF", Limits(), "image", CORRUPT),
    ("archief.zip", zip_with({"a.txt": b"x"}), Limits(), "unknown", "onbekend bestandstype (.zip)"),
    ("LEESMIJ", b"\x00\x01", Limits(), "unknown", "onbekend bestandstype (geen extensie)"),
    ("oud.doc", b"\x00" * 64, Limits(), "unknown", "oud Word-formaat (.doc): sla op als .docx"),
    ("oud.xls", b"\x00" * 64, Limits(), "unknown", "oud Excel-formaat (.xls): sla op als .xlsx"),
])
def test_bad_files_give_a_problem(name, data, limits, kind, problem):
    item = read_bytes(name, data, limits)
    assert (item.kind, item.problem) == (kind, problem)


def test_content_beats_extension():
    item = read_bytes("probleemanalyse.docx", PA_PDF)
    assert (item.kind, item.problem) == ("pdf", None) and "Probleemanalyse" in item.text
    assert read_bytes("lijst.pdf", SOLL_XLSX).kind == "xlsx"


def test_read_path_size_limit_and_missing_file(tmp_path):
    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(60 * 2**20)  # sparse: costs no disk or time
    assert read_path(big) == Extracted("scan.pdf", "pdf", "", problem="te groot (60 MB, grens 50 MB)")
    missing = read_path(tmp_path / "weg.docx")
    assert missing.problem.startswith("niet te openen") and missing.text == ""


FUZZ_SOURCES = {"a.docx": PVA_DOCX, "b.pdf": PA_PDF, "c.xlsx": SOLL_XLSX,
                "d.eml": make_eml("x", "y", attachments=[("p.docx", PVA_DOCX)]).as_bytes()}
FUZZ_SOURCES["f.msg"] = (DATA / "with_attachments.msg").read_bytes()
FUZZ_SOURCES["e.msg"] = (MSG_DIR / "test_Blammo.msg").read_bytes()


@pytest.mark.parametrize("name", sorted(FUZZ_SOURCES))
def test_damaged_bytes_never_raise(name):
    rng = random.Random(name)
    source = FUZZ_SOURCES[name]
    for _ in range(60):
        data = bytearray(source)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        cut = rng.choice([len(data), rng.randrange(1, len(data))])
        item = read_bytes(name, bytes(data[:cut]))
        assert isinstance(item, Extracted)
        assert item.problem is None or item.problem.strip()


def test_fast_enough_for_thousands_of_files():
    start = time.perf_counter()
    for i in range(300):
        assert read_bytes(f"PvA {i}.docx", PVA_DOCX).problem is None
    assert time.perf_counter() - start < 3.0


_WML = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


@pytest.mark.parametrize("body", [
    '<w:p><w:r><w:t>a</w:t><w:tab/><w:t xml:space="preserve"> b </w:t></w:r></w:p><w:p/>'
    '<w:p><w:r><w:br/><w:cr/><w:noBreakHyphen/></w:r></w:p>',
    '<w:p><w:r><mc:AlternateContent><mc:Choice><w:p><w:r><w:t>in box</w:t></w:r></w:p></mc:Choice><mc:Fallback>'
    '<w:p><w:r><w:t>copy</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent><w:t>after</w:t></w:r></w:p>',
    '<w:p><w:r><w:t>x<!-- c -->y</w:t><w:t><![CDATA[<z>]]></w:t><w:t>&amp;&lt;</w:t></w:r></w:p>',
    '<w:p><w:r><w:t>a<w:t>inner</w:t>b</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p>'
    '</w:tc></w:tr></w:tbl>',
    '<mc:Fallback><w:p><w:r><w:t>f</w:t></w:r></w:p></mc:Fallback><w:p><w:r><w:t>k</w:t></w:r></w:p>',
    '<w:p><w:r><w:t><w:tab/>b</w:t><w:t><!--c-->d</w:t><w:t>e<?p?>f</w:t><w:t></w:t><w:t/></w:r></w:p>',
    '<w:p><w:r><w:t>é\u00a0ü ’s-Hertogenbosch</w:t></w:r></w:p>',
])
def test_docx_text_by_stylesheet_is_the_element_loops(body):
    """A small part is read by an XSLT stylesheet, a big one element by element: the same text."""
    from plugin.readers import docx as docx_reader

    data = f'<w:document {_WML}><w:body>{body}</w:body></w:document>'.encode()
    assert docx_reader.xml_text(data, 10**6) == docx_reader._streamed_text(data, 10**6)
    # over max_chars: the element loop's cut (after the paragraph that passes it)
    assert docx_reader.xml_text(data, 3) == docx_reader._streamed_text(data, 3)


def test_mails_keep_their_own_attachment_names_with_the_mime_headers_kept():
    """The parsed MIME headers are kept between mails (readers/eml.py): a mail that shares a
    header value with an earlier one still gets its own parts, names and text; the store is bounded."""
    from email.message import EmailMessage

    from plugin.readers import eml as eml_reader
    from plugin.readers import read_bytes

    def mail(body: str, attachment: str) -> bytes:
        message = EmailMessage()
        message["Subject"], message["From"], message["To"] = "Verslag", "a@b.nl", "c@d.nl"
        message.set_content(body)
        message.add_attachment(b"x", maintype="application", subtype="octet-stream", filename=attachment)
        return message.as_bytes()

    first = read_bytes("een.eml", mail("eerste tekst", "Plan van aanpak.txt"))
    second = read_bytes("twee.eml", mail("tweede tekst", "Evaluatie.txt"))
    again = read_bytes("een.eml", mail("eerste tekst", "Plan van aanpak.txt"))
    assert [a.name for a in first.attachments] == ["een.eml/Plan van aanpak.txt"]
    assert [a.name for a in second.attachments] == ["twee.eml/Evaluatie.txt"]
    assert (first.text, second.text) == ("eerste tekst", "tweede tekst") and again == first
    for number in range(eml_reader._PARSED_MAX + 100):
        read_bytes("x.eml", mail("t", f"bijlage {number}.txt"))
    assert len(eml_reader._PARSED) <= eml_reader._PARSED_MAX
    assert not any(name.lower() in ("subject", "from", "to") for name, _ in eml_reader._PARSED)
