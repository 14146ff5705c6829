"""Issue 8, readers: hostile files give a problem or a partial read that says so; no crash, no hang."""

from __future__ import annotations

import os
import signal
import sys
import zlib
from pathlib import Path

import pytest

from plugin.check.scan import documents_from, scan_file
from plugin.readers import Limits, read_bytes, read_path
from plugin.readers.model import PDF_BOMB

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "hostile"))
from hostile_fixtures import (attachment_bomb, flate_bomb, long_pdf, nested_forward, pdf_with_streams,  # noqa: E402
                              text_stream)
from readers_fixtures import make_eml  # noqa: E402


@pytest.fixture
def alarm():
    """Fail instead of hanging the suite when a read blocks."""
    def on_alarm(*_):
        raise TimeoutError("blocked")
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_forward_nested_hundreds_deep_is_read_not_a_recursion_error():
    data = nested_forward(600)
    assert len(data) < 200_000
    item = read_bytes("Fwd.eml", data)
    assert item.kind == "eml" and item.problem is None
    assert item.mail.subject == "Fwd"
    assert item.limited  # says that not everything was read


def test_message_rfc822_chain_without_multipart_is_cut_below_the_outer_levels():
    message = b"From: a@b.nl\r\nSubject: kern\r\n\r\nde kern\r\n"
    for _ in range(2000):
        message = b"From: a@b.nl\r\nSubject: Fwd\r\nContent-Type: message/rfc822\r\n\r\n" + message
    item = read_bytes("keten.eml", message)
    assert item.problem is None and "te diep genest" in item.limited


def test_attachments_per_message_are_capped_and_the_cap_is_reported():
    item = read_bytes("veel.eml", attachment_bomb(5_000))
    limits = Limits()
    assert len(item.attachments) == limits.max_attachments
    assert "bijlagen" in item.limited and str(limits.max_attachments) in item.limited


def test_items_per_file_are_capped_across_nesting():
    limits = Limits(max_attachments=10, max_items_per_file=25)
    inner = make_eml("binnen", "x", attachments=[(f"a{i}.txt", b"tekst") for i in range(10)])
    middle = make_eml("midden", "x", messages=[inner] * 10)
    item = read_bytes("buiten.eml", make_eml("buiten", "x", messages=[middle]).as_bytes(), limits)

    def count(node):
        return 1 + sum(count(a) for a in node.attachments)

    assert count(item) <= limits.max_items_per_file
    notes = []

    def walk(node):
        notes.append(node.limited)
        for a in node.attachments:
            walk(a)
    walk(item)
    assert any(n and "per bestand" in n for n in notes)


def test_attachment_paths_do_not_repeat_from_the_second_level_on():
    report = make_eml("Rapport", "inhoud", attachments=[("Verslag.txt", b"Plan van aanpak")])
    forward = make_eml("Fwd", "zie onder", messages=[report])
    outer = make_eml("Fwd: Fwd", "zie onder", messages=[forward])
    item = read_bytes("mail.eml", outer.as_bytes())
    paths = [d.path for d in documents_from(item, "2025-001/mail.eml")]
    assert "2025-001/mail.eml/Fwd.eml/Rapport.eml/Verslag.txt" in paths, paths
    assert not any("Fwd.eml/Fwd.eml" in p for p in paths)


def test_pdf_stream_bomb_is_refused_before_pdfium_inflates_it():
    data = pdf_with_streams([zlib.compress(text_stream("Plan van aanpak")), flate_bomb(2**27)])
    item = read_bytes("bom.pdf", data, Limits(max_pdf_stream_bytes=2**25))
    assert (item.kind, item.problem) == ("pdf", PDF_BOMB)


def test_double_flate_bomb_is_refused_too():
    inner = flate_bomb(2**26)
    data = pdf_with_streams([zlib.compress(inner)]).replace(b"/Filter /FlateDecode",
                                                            b"/Filter [/FlateDecode /FlateDecode]")
    item = read_bytes("bom.pdf", data, Limits(max_pdf_stream_bytes=2**24))
    assert item.problem == PDF_BOMB


def test_ordinary_flate_pdf_still_reads():
    item = read_bytes("pva.pdf", pdf_with_streams([zlib.compress(text_stream("Plan van aanpak"))]))
    assert item.problem is None and "Plan van aanpak" in item.text and item.limited is None


def test_long_pdf_with_text_after_the_page_limit_is_not_a_scan():
    item = read_bytes("lang.pdf", long_pdf(5000, text_from=201))
    assert item.problem is None
    assert "Plan van aanpak" in item.text
    assert "van 5000 pagina's gelezen" in item.limited


def test_long_pdf_without_text_says_how_many_pages_were_read(monkeypatch):
    from plugin.readers import pdf

    if hasattr(pdf, "ocr"):  # this test is about the text layer, not the OCR fallback
        monkeypatch.setattr(pdf.ocr, "available", lambda: False)
    item = read_bytes("scan.pdf", long_pdf(1000, text_from=10_000), Limits(max_pdf_pages=20, max_pdf_sample_pages=5))
    assert "25 gelezen van 1000 pagina's" in item.problem


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_fifo_is_never_opened(tmp_path, alarm):
    fifo = tmp_path / "x.docx"
    os.mkfifo(fifo)
    item = read_path(fifo)
    assert item.problem and "geen gewoon bestand" in item.problem
    assert scan_file(fifo, tmp_path)[0].problem


def test_outlook_msg_attachments_are_capped_too():
    data = (Path(__file__).parent / "data" / "readers" / "with_attachments.msg").read_bytes()
    item = read_bytes("bericht.msg", data, Limits(max_attachments=1))
    assert len(item.attachments) == 1
    assert item.limited.startswith("1 van 2 bijlagen niet gelezen")


def test_big_embedded_font_is_not_a_bomb():
    font = zlib.compress(bytes(range(256)) * (12 * 2**20 // 256))   # 12 MiB, above the per-stream limit
    data = pdf_with_streams([zlib.compress(text_stream("Plan van aanpak"))])
    extra = b"99 0 obj\n<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n" % (
        len(font), 12 * 2**20, font)
    data = data.replace(b"xref\n", extra + b"xref\n", 1)   # unreferenced, but scanned like any stream
    item = read_bytes("met-font.pdf", data)
    assert item.problem is None and "Plan van aanpak" in item.text


def test_text_full_of_dash_lines_is_not_cut_but_odd_boundary_spelling_is():
    body = "\n".join(f"-------- regel {i}" for i in range(2000)) + "\nEINDE"
    item = read_bytes("lijnen.eml", make_eml("lijnen", body, attachments=[("a.txt", b"x")]).as_bytes())
    assert item.limited is None and "EINDE" in item.text and len(item.attachments) == 1
    item = read_bytes("veel.eml", attachment_bomb(3000).replace(b"boundary=", b"bOuNdArY="))
    assert len(item.attachments) == Limits().max_attachments and "delen" in item.limited


# --- Issue 17, round two: bounded before joining or decompressing, linear where it was not ---------

from plugin.readers import ocr  # noqa: E402
from plugin.readers.guarded import read_bytes_guarded  # noqa: E402
from round_two import (doc_repeated_piece, eml_encoded_word_subject, eml_nested_boundaries, html_unclosed_tags, msg_with_rtf_body,  # noqa: E402
                       odt_space_count, pdf_huge_page, pdf_stream_words, png_huge, rtf_deep_groups, rtf_hyperlinks,
                       rtf_unclosed_font_table, rtf_unclosed_hyperlinks, tiff_pages, xlsx_shared_strings)

# Far below what the pathological paths took (95 s for 72 KB of HYPERLINK fields): a file that
# still needed them would be cut off by the worker and come back as a problem.
QUICK = Limits(max_seconds=20)


@pytest.mark.parametrize("name, data", [
    ("links.rtf", rtf_hyperlinks(72_000)),
    ("open-links.rtf", rtf_unclosed_hyperlinks(72_000)),
    ("open-links-groot.rtf", rtf_unclosed_hyperlinks(8_000_000)),
    ("links-groot.rtf", rtf_hyperlinks(4_000_000)),
    ("lettertypen.rtf", rtf_unclosed_font_table(2_000_000)),
    ("diep.rtf", rtf_deep_groups(500_000)),
    ("bericht.msg", msg_with_rtf_body(rtf_hyperlinks(72_000))),
    ("open.msg", msg_with_rtf_body(rtf_unclosed_hyperlinks(72_000))),
])
def test_pathological_rtf_reads_within_the_limit(name, data):
    item = read_bytes_guarded(name, data, QUICK)
    assert item.problem is None, item.problem
    if name.startswith("links") or name == "bericht.msg":
        assert item.text.startswith("Plan van aanpak Plan van aanpak")
    if name == "diep.rtf" or name.startswith("open-links"):
        assert item.text == "Plan van aanpak"


def test_rtf_text_keeps_field_results_codepages_and_unicode():
    from plugin.readers import rtf

    data = (b"{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0\\fcharset0 Arial;}{\\f1\\fcharset204 Arial;}}"
            b"{\\*\\generator x;}{\\info{\\title geheim}}\\f0 Zo\\'eb \\u8364? {\\field{\\*\\fldinst HYPERLINK \"x\"}"
            b"{\\fldrslt klik}}\\par\\f1 \\'cf\\'f0\\'e8\\par{\\pict\\bin4 }}}}}tekst\\par}trailing")
    assert rtf.to_text(data, 1000) == "Zo\u00eb \u20ac klik\n\u041f\u0440\u0438\ntekst"


def test_odt_with_a_huge_space_count_is_read_not_an_overflow():
    data = odt_space_count("9" * 40)
    assert len(data) < 500
    item = read_bytes("ruimte.odt", data)
    assert item.problem is None and item.text.startswith("Plan")
    assert len(item.text) <= Limits().max_text_chars
    big = read_bytes("ruimte.odt", odt_space_count("2300000000"))
    assert big.problem is None and len(big.text) <= Limits().max_text_chars


def test_doc_piece_repeated_20000_times_is_cut_before_the_join():
    item = read_bytes("stukken.doc", doc_repeated_piece(20_000))
    assert item.problem is None and item.kind == "doc"
    assert item.text.startswith("Plan van aanpak") and len(item.text) <= Limits().max_text_chars


def test_a_huge_pdf_page_is_rendered_for_ocr_at_a_bounded_size():
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_huge_page(7200))
    try:
        image = ocr._render_pgm(document, 0, Limits().max_ocr_pixels)
    finally:
        document.close()
    width, height = (int(v) for v in image.split(b"\n")[1].split())
    assert width * height <= Limits().max_ocr_pixels and width == height > 4000


def test_a_png_claiming_ten_billion_pixels_is_refused_unread(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: True)
    item = read_bytes("foto.png", png_huge(100_000, 100_000))
    assert item.problem.startswith("afbeelding te groot om te lezen") and not item.transient


def test_a_tiff_of_300_pages_gives_tesseract_at_most_the_page_limit(monkeypatch):
    seen = []
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "_run", lambda path, timeout: seen.append(path.read_bytes()[:2]) or "Plan van aanpak")
    item = read_bytes("scan.tif", tiff_pages(300))
    assert len(seen) == ocr.OCR_MAX_PAGES and set(seen) == {b"P5"}
    assert item.ocr_pages == ocr.OCR_MAX_PAGES and item.problem is None


def test_an_ocr_program_error_is_transient_an_empty_page_is_not(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "_run", lambda path, timeout: None)   # Tesseract crashed or timed out
    failed = read_bytes("scan.tif", tiff_pages(2))
    assert failed.problem == ocr.OCR_FAILED and failed.transient
    monkeypatch.setattr(ocr, "_run", lambda path, timeout: "")
    empty = read_bytes("scan.tif", tiff_pages(2))
    assert empty.problem == ocr.NO_TEXT_FOUND and not empty.transient


def test_xlsx_with_a_huge_shared_strings_table_is_refused_before_openpyxl():
    item = read_bytes("strings.xlsx", xlsx_shared_strings(40_000), Limits(max_xlsx_strings_bytes=2**19))
    assert item.kind == "xlsx" and item.problem.startswith("werkmap met te veel tekst")
    small = read_bytes("strings.xlsx", xlsx_shared_strings(2_000))
    assert small.problem is None and "tekst 0" in small.text


def test_multiparts_nested_200_deep_are_cut_before_parsing():
    item = read_bytes_guarded("diep.eml", eml_nested_boundaries(200, 200_000), QUICK)
    assert item.problem is None and "te diep in elkaar genest" in item.limited
    assert item.mail.subject == "Plan van aanpak"


def test_a_megabyte_header_of_encoded_words_is_cut_before_it_is_parsed():
    item = read_bytes_guarded("kop.eml", eml_encoded_word_subject(50_000), QUICK)
    assert item.problem is None and item.mail.subject.startswith("Plan van aanpakPlan van aanpak")   # RFC 2047
    assert len(item.mail.subject) < 10_000 and item.text == "Plan van aanpak"


def test_html_body_of_unclosed_tags_is_read_in_linear_time():
    item = read_bytes_guarded("titels.eml", html_unclosed_tags(150_000), QUICK)
    assert item.problem is None and item.mail.subject == "Plan van aanpak"


def test_pdf_of_a_million_stream_headers_is_checked_in_linear_time():
    item = read_bytes_guarded("stroom.pdf", pdf_stream_words(1_000_000), QUICK)
    assert not (item.problem or "").startswith("te groot of te traag")


def test_a_msg_with_a_damaged_directory_tree_is_a_damaged_msg():
    import datetime as dt
    import struct

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
    from _writers import make_msg

    data = bytearray(make_msg(subject="Plan van aanpak", sender_name="A", sender_address="a@b.nl", to=[],
                              when=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc), body="x"))
    directory = 512 + struct.unpack_from("<I", data, 48)[0] * 512
    struct.pack_into("<I", data, directory + 128 + 72, 0)   # the first entry's sibling: the root again (a cycle)
    item = read_bytes("kring.msg", bytes(data))
    assert item.kind == "msg" and item.problem == "beschadigd bestand"


def test_a_folder_of_every_hostile_file_is_checked_to_the_end(tmp_path):
    """Every probe of the red team's report (and the new ones) in one dossier folder: the check
    finishes, each unreadable one is a finding naming it, and the plan next to them is found."""
    from plugin.check.rules import load_rules
    from plugin.check.run import check_dossiers
    from plugin.check.scan import list_files, scan_files

    folder = tmp_path / "2025-001 Jansen"
    folder.mkdir()
    probes = {"links.rtf": rtf_hyperlinks(), "open-links.rtf": rtf_unclosed_hyperlinks(), "lettertypen.rtf": rtf_unclosed_font_table(), "diep.rtf": rtf_deep_groups(),
              "ruimte.odt": odt_space_count(), "stukken.doc": doc_repeated_piece(), "pagina.pdf": pdf_huge_page(),
              "foto.png": png_huge(), "scan.tif": tiff_pages(40), "rtf.msg": msg_with_rtf_body(rtf_hyperlinks()),
              "diep.eml": eml_nested_boundaries(200, 20_000), "titels.eml": html_unclosed_tags(),
              "kop.eml": eml_encoded_word_subject(),
              "stroom.pdf": pdf_stream_words(200_000), "bom.pdf": pdf_with_streams([flate_bomb(2**28)]),
              "strings.xlsx": xlsx_shared_strings(700_000)}
    for name, data in probes.items():
        (folder / name).write_bytes(data)
    (folder / "Plan van aanpak.docx").write_bytes(_plan_docx())
    documents = scan_files(list_files(tmp_path), tmp_path)
    assert {doc.path.rsplit("/", 1)[-1] for doc in documents} >= set(probes) | {"Plan van aanpak.docx"}
    assert any(doc.type == "plan-van-aanpak" and doc.path.endswith(".docx") for doc in documents)
    assert not [doc for doc in documents if doc.problem and doc.problem.startswith("te groot of te traag")]
    result = check_dossiers(tmp_path, None, dt_date(2026, 1, 5), load_rules(), "nl")
    paths = {path for case in result.cases for finding in case.findings for path in finding.paths}
    for name in ("pagina.pdf", "foto.png", "bom.pdf", "strings.xlsx"):
        assert f"2025-001 Jansen/{name}" in paths, name


def dt_date(*args):
    import datetime as dt

    return dt.date(*args)


def _plan_docx() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_heading("Plan van aanpak", level=1)
    document.add_paragraph("Datum: 03-03-2025")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
