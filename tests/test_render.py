import datetime as dt
import io
import zipfile

import pytest
from docx import Document

from conftest import make_template
from plugin.documents.docprops import read_docx_properties
from plugin.errors import TemplateProblem
from plugin.documents.render import CompiledTemplate


def render_to(tmp_path, paragraphs, context, table=None, lang="nl"):
    template = CompiledTemplate(make_template(tmp_path / "t.docx", paragraphs, table), lang)
    out = tmp_path / "out.docx"
    out.write_bytes(template.render(context, {"Casusnummer": "C-1", "Documenttype": "evaluatie"}).data)
    return Document(out), out


def test_values_are_xml_escaped_and_dates_and_newlines_render(tmp_path):
    context = {"naam": "Jansen & Zn <BV> \"quote\" 'x'", "datum": dt.date(2025, 2, 3), "tekst": "regel 1\nregel 2",
               "leeg": None}
    document, _ = render_to(tmp_path, ["{{ naam }}", "Op {{ datum }}.", "{{ tekst }}", "[{{ leeg }}]"], context)
    texts = [p.text for p in document.paragraphs]
    assert texts == ["Jansen & Zn <BV> \"quote\" 'x'", "Op 3 februari 2025.", "regel 1\nregel 2", "[]"]
    english, _ = render_to(tmp_path, ["{{ datum }}"], context, lang="en")
    assert english.paragraphs[0].text == "3 February 2025"


def test_markup_in_a_value_cannot_inject_word_xml(tmp_path):
    evil = '</w:t></w:r><w:r><w:t>injected</w:t></w:r><w:r><w:t>'
    document, _ = render_to(tmp_path, ["{{ naam }}"], {"naam": evil})
    assert document.paragraphs[0].text == evil


def test_table_rows_repeat(tmp_path):
    table = [["Datum", "Wat"], ["{%tr for a in rijen %}", ""], ["{{ a.datum }}", "{{ a.wat }}"], ["{%tr endfor %}", ""]]
    rows = [{"datum": dt.date(2025, 3, 1), "wat": "intake"}, {"datum": dt.date(2025, 4, 1), "wat": "training"}]
    document, _ = render_to(tmp_path, ["Tabel"], {"rijen": rows}, table)
    assert [[c.text for c in r.cells] for r in document.tables[0].rows] == [
        ["Datum", "Wat"], ["1 maart 2025", "intake"], ["1 april 2025", "training"]]


def test_properties_are_written(tmp_path):
    _, out = render_to(tmp_path, ["x"], {})
    assert read_docx_properties(out) == {"Casusnummer": "C-1", "Documenttype": "evaluatie"}
    with zipfile.ZipFile(out) as archive:
        assert "docProps/custom.xml" in archive.read("[Content_Types].xml").decode()


@pytest.mark.parametrize("expression", (
    "{{ naam.__class__.__mro__ }}",
    "{{ ''.__class__.__subclasses__() }}",
    "{{ rijen.append(1) }}",
    "{{ cycler.__init__.__globals__ }}",
))
def test_sandbox_blocks_python_internals(tmp_path, expression):
    with pytest.raises(TemplateProblem) as caught:
        render_to(tmp_path, [expression], {"naam": "x", "rijen": []})
    assert "t.docx" in str(caught.value)


def test_unknown_variable_names_template_tag_and_variable(tmp_path):
    with pytest.raises(TemplateProblem) as caught:
        render_to(tmp_path, ["Hallo {{ casus.naam_werknemr }}"], {"casus": {"naam_werknemer": "A"}})
    problem = caught.value
    assert problem.template == "t.docx" and problem.variable == "naam_werknemr"
    assert "casus.naam_werknemr" in problem.tag and "naam_werknemr" in str(problem)


def test_broken_tag_names_template_and_place(tmp_path):
    with pytest.raises(TemplateProblem) as caught:
        CompiledTemplate(make_template(tmp_path / "kapot.docx", ["Intro", "{% if casus.spoor %} geen einde"]))
    assert "kapot.docx" in str(caught.value) and "kapotte tag" in str(caught.value)


def test_not_a_docx(tmp_path):
    path = tmp_path / "leeg.docx"
    path.write_bytes(b"nope")
    with pytest.raises(TemplateProblem, match="geen geldig Word-bestand"):
        CompiledTemplate(path)


def test_existing_custom_properties_of_a_template_are_kept(tmp_path):
    path = make_template(tmp_path / "t.docx", ["{{ x }}"])
    first = tmp_path / "first.docx"
    first.write_bytes(CompiledTemplate(path).render({"x": 1}, {"Afdeling": "HR"}).data)
    second = CompiledTemplate(first).render({"x": 1}, {"Casusnummer": "C-9"})
    out = tmp_path / "second.docx"
    out.write_bytes(second.data)
    assert read_docx_properties(out) == {"Afdeling": "HR", "Casusnummer": "C-9"}


def test_parts_are_every_text_that_travels_with_the_document(tmp_path):
    """The AVG guard reads RenderedDocument.parts: rendered parts and the ones copied unchanged."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "privacy"))
    from leaky_docx import hide

    from plugin.documents.docx_text import docx_parts

    path = make_template(tmp_path / "t.docx", ["Naam: {{ naam }}"])
    path.write_bytes(hide(hide(path.read_bytes(), "comment", "Opmerking van het bureau"), "title", "Titel {{ naam }}"))
    template = CompiledTemplate(path, "nl")
    document = template.render({"naam": "Jan"}, {"Casusnummer": "C-1"})
    parts = dict(document.parts)
    assert parts["hoofdtekst"].startswith("Naam: Jan")
    assert parts["opmerking van Casemanager"] == "Opmerking van het bureau"       # static, copied as it is
    assert parts["documenteigenschap Titel"] == "Titel Jan"                        # rendered
    assert parts["aangepaste eigenschap Casusnummer"] == "C-1"
    assert sorted(document.parts) == sorted(docx_parts(document.data))             # the same as reading the file


def test_the_archive_is_laid_out_as_zipfile_lays_it_out(tmp_path):
    """render's own zip writer (no zipfile per member) gives the bytes zipfile gives."""
    from plugin.documents.render import _CUSTOM_INFO

    template = CompiledTemplate(make_template(tmp_path / "t.docx", ["Naam: {{ naam }}", "{{ tekst }}"]))
    data = template.render({"naam": "Jan ë", "tekst": "een\ntwee"}, {"Casusnummer": "C-1"}).data
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    members = [(template._infos[name], archive.read(name)) for name in template._parts]
    members.append((_CUSTOM_INFO, archive.read("docProps/custom.xml")))
    assert data == template._zip(members) == template._zip_with_zipfile(members)


def test_guard_text_of_custom_properties_is_what_the_file_says(tmp_path):
    """Custom properties' text is built without parsing custom.xml when it is plain; a value with
    line ends or other characters a parser changes is read back from the XML."""
    from plugin.documents.docx_text import docx_parts

    template = CompiledTemplate(make_template(tmp_path / "t.docx", ["{{ x }}"]))
    for value in ("C-1", "  spaties  ", "", "twee\r\nregels & <x>", "tab\there", "ë \u00a0x"):
        document = template.render({"x": 1}, {"Casusnummer": value, "Documenttype": "evaluatie"})
        assert sorted(document.parts) == sorted(docx_parts(document.data))


def test_character_data_checks_like_a_tree_parse():
    from lxml import etree

    from plugin.documents.render import _character_data

    good = b'<w:d xmlns:w="urn:w"><w:p>a &amp; b</w:p>\n<w:p><![CDATA[c]]>&#65;</w:p></w:d>'
    assert _character_data(good) == etree.tostring(etree.fromstring(good), method="text", encoding="unicode")
    for bad in (b"<w:d><w:p>a</w:p></w:d>", b'<w:d xmlns:w="urn:w"><w:p>a</w:d>', b'<d>\x01</d>', b"<d>&x;</d>"):
        with pytest.raises(etree.XMLSyntaxError):
            etree.fromstring(bad)
        with pytest.raises(etree.XMLSyntaxError):
            _character_data(bad)


def test_a_column_loop_makes_a_cell_per_value_and_its_text_reaches_the_guard(tmp_path):
    """{%tc %} makes docxtpl fix the table's grid: that part goes the other way through render
    (a tree that is fixed, then walked), and its text still reaches the AVG guard."""
    template = CompiledTemplate(make_template(tmp_path / "t.docx", ["Kolommen"],
                                              [["Kop", "{%tc for k in kolommen %}", "{{ k }}", "{%tc endfor %}"]]))
    rendered = template.render({"kolommen": ["maandag", "dinsdag & woensdag", "donderdag"]}, {})
    out = tmp_path / "out.docx"
    out.write_bytes(rendered.data)
    table = Document(out).tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Kop", "maandag", "dinsdag & woensdag", "donderdag"]
    assert len(table._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")) == 4
    assert "dinsdag & woensdag" in "\n".join(text for _, text in rendered.parts)
