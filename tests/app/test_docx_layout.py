"""The docx check report's layout: landscape, columns that fit their words, severity in colour,
a traffic-light overview and a timeline picture per case."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest

from .app_helpers import AS_OF, EXAMPLES


@pytest.fixture(scope="module")
def result():
    from plugin.check.run import check_dossiers
    from plugin.workbook.load import load_workbook

    return check_dossiers(EXAMPLES / "dossiers", load_workbook(EXAMPLES / "casussen.xlsx"), AS_OF)


@pytest.fixture(scope="module")
def report(result):
    from plugin.check.reporters import docx_report

    return docx_report.render(result)


def test_landscape_and_tables_fit_their_longest_words(report):
    from docx import Document
    from docx.oxml.ns import qn

    from plugin.check.reporters.docx_layout import CHAR_CM, TEXT_WIDTH_CM

    document = Document(io.BytesIO(report))
    section = document.sections[0]
    assert section.page_width > section.page_height
    assert len(document.tables) >= 10
    for table in document.tables:
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        widths = [column.width.cm for column in table.columns]
        assert sum(widths) <= TEXT_WIDTH_CM + 0.01
        for index, width in enumerate(widths):
            words = [w for row in table.rows for w in row.cells[index].text.replace("\u200b", " ").split()]
            longest = max((len(w) for w in words), default=0)
            assert width >= longest * CHAR_CM, (table.rows[0].cells[index].text, longest, width)


def test_severity_in_colour_and_a_traffic_light(report, result):
    from docx import Document
    from docx.oxml.ns import qn

    from plugin.check.reporters.docx_layout import FILLS

    document = Document(io.BytesIO(report))
    fills = {shd.get(qn("w:fill")) for shd in document.element.body.iter(qn("w:shd"))}
    assert {FILLS["error"], FILLS["warning"], FILLS["info"], FILLS["ok"]} <= fills
    light = next(p.text for p in document.paragraphs if "casussen met fouten" in p.text)
    red = sum(1 for c in result.cases if c.counts()["error"])
    assert f"{red} casussen met fouten" in light and "in orde" in light
    overview = document.tables[0]
    assert [c.text for c in overview.rows[0].cells][:2] == ["Status", "Casus"]
    assert len(overview.rows) == len(result.cases) + 1


def test_one_timeline_picture_per_case_with_a_first_sick_day(report, result):
    from docx import Document

    document = Document(io.BytesIO(report))
    expected = sum(1 for c in result.cases if c.first_sick_day)
    assert expected >= 5 and len(document.inline_shapes) == expected
    images = [rel.target_part.blob for rel in document.part.rels.values() if "image" in rel.reltype]
    assert all(blob[:8] == b"\x89PNG\r\n\x1a\n" for blob in images)


def test_timeline_from_a_check_result(result):
    from plugin.app.timeline_svg import svg
    from plugin.core.timeline import from_check

    case = next(c for c in result.cases if c.case == "2025-002")
    model = from_check(case, AS_OF, "nl")
    states = {m.state for m in model.marks}
    assert {"done", "overdue"} <= states
    assert 77 < model.today < 78 and model.weeks == 104
    picture = svg(model)
    assert picture.startswith("<svg") and "fout: te laat of ontbreekt" in picture
    unknown = next((c for c in result.cases if c.first_sick_day is None), None)
    if unknown is not None:
        assert from_check(unknown, AS_OF) is None


def test_no_word_is_split_when_word_renders_it(report, tmp_path):
    """LibreOffice lays the report out; its text must hold every header and severity word whole."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice/pdftotext missing: bash tests/setup_system.sh installs them")
        pytest.skip("LibreOffice or pdftotext not installed")
    source = tmp_path / "rapport.docx"
    source.write_bytes(report)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "rapport.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    for word in ("Waarschuwingen", "Week", "Fouten", "waarschuwing", "WVP003", "Uiterlijk", "Bevinding"):
        assert re.search(rf"(?<!\w){word}(?!\w)", text), word
    assert not re.search(r"\bWee\s*\n", text) and "waarschuwi\n" not in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_case_line_says_its_riv_state_in_either_language(result, lang):
    """The Dutch report once left 'RIV: ...' out of the case line (only the English had it)."""
    import dataclasses

    from docx import Document

    from plugin.check.reporters import docx_report

    class Riv:
        def text(self, lang):
            return "RIV: 2 hiaten" if lang == "nl" else "RIV: 2 gaps"

    cases = [dataclasses.replace(case, riv=Riv()) for case in result.cases[:1]]
    report = docx_report.render(dataclasses.replace(result, cases=cases, lang=lang))
    text = [p.text for p in Document(io.BytesIO(report)).paragraphs]
    assert any(t.endswith("gelezen. RIV: 2 hiaten." if lang == "nl" else "read. RIV: 2 gaps.") for t in text), text
