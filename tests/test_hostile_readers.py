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
