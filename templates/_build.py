"""Write the default Word templates (templates/nl/*.docx and templates/en/*.docx).

Run:  python templates/_build.py

The templates are ordinary .docx files that an HR adviser can open and edit in Word.
They contain docxtpl/Jinja tags; every tag is written as one whole run so Word and
docxtpl see it intact.  Conventions used:

* ``{{ var }}`` for values (dates, names, free text);
* ``{%p if ... %}`` / ``{%p else %}`` / ``{%p endif %}`` on paragraphs of their own;
* ``{%tr for x in list %}`` / data row / ``{%tr endfor %}`` for repeated table rows;
* grey italic "[Aanvullen: ...]" / "[Complete: ...]" prompts for text a person must write.

Each document is one ``build_*`` function that writes both languages: the Dutch and English
words stand side by side as ``t(nl, en)``. Sections that several documents share (the
'Gegevens' rows, the activity, application and deadline tables, the signatories) are
written once under "shared parts".

The script is idempotent: the zip entries get a fixed timestamp and the document
properties a fixed date, so running it twice gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent

FONT = "Calibri"
BODY_PT = 10.5
ACCENT = "1F4E79"       # dark blue: title, headings
ACCENT_2 = "2E74B5"     # lighter blue: sub-headings
HEAD_FILL = "DCE6F1"    # table header shading
LABEL_FILL = "F2F2F2"   # label column shading
BORDER = "A6A6A6"       # table border colour
GREY = "595959"
PROMPT_GREY = "7F7F7F"
TAG_COLOUR = "7030A0"   # docxtpl control tags in the template
FIXED_DATE = dt.datetime(2025, 1, 1, 9, 0, 0)

CONTENT_WIDTH_CM = 16.6  # A4 (21 cm) minus 2 x 2.2 cm margins


# --------------------------------------------------------------------------- helpers
TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"]


def _insert_in_order(parent, child, order: list[str]) -> None:
    """Insert ``child`` where the OOXML schema wants it (Word is strict about order)."""
    name = child.tag.split("}")[1]
    for old in parent.findall(child.tag):
        parent.remove(old)
    later = set(order[order.index(name) + 1:])
    for i, el in enumerate(parent):
        if el.tag.split("}")[1] in later:
            parent.insert(i, child)
            return
    parent.append(child)


class Builder:
    """A small wrapper around python-docx with the house style and language switch."""

    def __init__(self, lang: str, title: str, footer_title: str):
        self.lang = lang
        self.doc = Document()
        self.title_text = title
        self._setup_page()
        self._setup_styles()
        self._setup_header_footer(footer_title)
        self._setup_properties(title)

    # -- language
    def t(self, nl: str, en: str) -> str:
        return nl if self.lang == "nl" else en

    # -- set-up
    def _setup_page(self) -> None:
        s = self.doc.sections[0]
        s.orientation = WD_ORIENT.PORTRAIT
        s.page_width, s.page_height = Cm(21.0), Cm(29.7)
        s.left_margin = s.right_margin = Cm(2.2)
        s.top_margin = Cm(2.4)
        s.bottom_margin = Cm(2.2)
        s.header_distance = Cm(1.1)
        s.footer_distance = Cm(1.0)

    @staticmethod
    def _set_font(style_or_run, size: float | None = None, bold: bool | None = None,
                  color: str | None = None, italic: bool | None = None) -> None:
        font = style_or_run.font
        font.name = FONT
        rpr = style_or_run.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), FONT)
        if size is not None:
            font.size = Pt(size)
        if bold is not None:
            font.bold = bold
        if italic is not None:
            font.italic = italic
        if color is not None:
            font.color.rgb = RGBColor.from_string(color)

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        lang_tag = "nl-NL" if self.lang == "nl" else "en-GB"

        normal = styles["Normal"]
        self._set_font(normal, BODY_PT, color="262626")
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.1
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), lang_tag)
        lang.set(qn("w:eastAsia"), lang_tag)
        rpr.append(lang)

        title = styles["Title"]
        self._set_font(title, 20, bold=True, color=ACCENT)
        title.paragraph_format.space_after = Pt(2)
        title.paragraph_format.space_before = Pt(0)
        ppr = title.element.get_or_add_pPr()
        for bdr in ppr.findall(qn("w:pBdr")):
            ppr.remove(bdr)
        # remove character spacing / kerning quirks of the default Title style
        trpr = title.element.get_or_add_rPr()
        for tag in ("w:spacing", "w:kern"):
            for el in trpr.findall(qn(tag)):
                trpr.remove(el)

        subtitle = styles["Subtitle"]
        self._set_font(subtitle, 11, italic=False, color=GREY)
        subtitle.paragraph_format.space_after = Pt(10)
        srpr = subtitle.element.get_or_add_rPr()
        for el in srpr.findall(qn("w:spacing")):
            srpr.remove(el)

        h1 = styles["Heading 1"]
        self._set_font(h1, 13, bold=True, color=ACCENT)
        h1.paragraph_format.space_before = Pt(14)
        h1.paragraph_format.space_after = Pt(4)
        h1.paragraph_format.keep_with_next = True

        h2 = styles["Heading 2"]
        self._set_font(h2, 11, bold=True, color=ACCENT_2)
        h2.paragraph_format.space_before = Pt(8)
        h2.paragraph_format.space_after = Pt(2)
        h2.paragraph_format.keep_with_next = True

        for name in ("Header", "Footer"):
            st = styles[name]
            self._set_font(st, 8.5, color=GREY)
            st.paragraph_format.space_after = Pt(0)
            # the default template's Letter-size centre/right tabs: replace by one right
            # tab at the A4 text margin
            sppr = st.element.get_or_add_pPr()
            for tabs in sppr.findall(qn("w:tabs")):
                sppr.remove(tabs)
            st.paragraph_format.tab_stops.add_tab_stop(Cm(CONTENT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)

        lb = styles["List Bullet"]
        self._set_font(lb, BODY_PT)
        lb.paragraph_format.space_after = Pt(2)

    @staticmethod
    def _para_border(paragraph, side: str, color: str = BORDER, size: int = 6) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        pbdr = ppr.find(qn("w:pBdr"))
        if pbdr is None:
            pbdr = OxmlElement("w:pBdr")
            ppr.append(pbdr)
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), color)
        pbdr.append(el)

    @staticmethod
    def _add_field(paragraph, instr: str, placeholder: str = "1") -> None:
        """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update on open."""
        def fld(kind: str):
            r = paragraph.add_run()
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r._r.append(fc)
        fld("begin")
        r = paragraph.add_run()
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = f" {instr} "
        r._r.append(it)
        fld("separate")
        paragraph.add_run(placeholder)
        fld("end")

    def _setup_header_footer(self, footer_title: str) -> None:
        section = self.doc.sections[0]
        header = section.header
        hp = header.paragraphs[0]
        hp.style = self.doc.styles["Header"]
        hp.add_run(self.t("Vertrouwelijk — re-integratiedossier",
                          "Confidential — re-integration dossier"))
        hp.add_run("\t")
        hp.add_run("{{ casus.naam_werknemer }}")
        self._para_border(hp, "bottom")

        footer = section.footer
        fp = footer.paragraphs[0]
        fp.style = self.doc.styles["Footer"]
        fp.add_run("{{ casus.casusnummer }}")
        fp.add_run(f"  ·  {footer_title}")
        fp.add_run("\t")
        fp.add_run(self.t("Pagina ", "Page "))
        self._add_field(fp, "PAGE", "1")
        fp.add_run(self.t(" van ", " of "))
        self._add_field(fp, "NUMPAGES", "1")
        self._para_border(fp, "top")

    def _setup_properties(self, title: str) -> None:
        cp = self.doc.core_properties
        cp.title = title
        cp.subject = self.t("Re-integratiedossier (Wet verbetering poortwachter)",
                            "Re-integration dossier (Dutch Gatekeeper Improvement Act)")
        cp.author = "Poortwachter"
        cp.last_modified_by = "Poortwachter"
        cp.comments = self.t("Standaardsjabloon van Poortwachter; vrij aan te passen in Word.",
                             "Default Poortwachter template; free to edit in Word.")
        cp.keywords = "poortwachter; re-integratie; sjabloon"
        cp.language = "nl-NL" if self.lang == "nl" else "en-GB"
        cp.created = FIXED_DATE
        cp.modified = FIXED_DATE
        cp.last_printed = FIXED_DATE
        cp.revision = 1
        cp.category = self.t("Sjabloon", "Template")

    # -- content
    def title(self, subtitle: str) -> None:
        self.doc.add_paragraph(self.title_text, style="Title")
        self.doc.add_paragraph(subtitle, style="Subtitle")

    def h1(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Heading 1")

    def h2(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Heading 2")

    def p(self, *parts, style: str | None = None):
        """A paragraph; each part is a string (one run) or (text, {'bold':..,'italic':..})."""
        para = self.doc.add_paragraph(style=style)
        for part in parts:
            if isinstance(part, tuple):
                text, fmt = part
            else:
                text, fmt = part, {}
            run = para.add_run(text)
            if fmt.get("bold"):
                run.bold = True
            if fmt.get("italic"):
                run.italic = True
            if fmt.get("color"):
                run.font.color.rgb = RGBColor.from_string(fmt["color"])
            if fmt.get("size"):
                run.font.size = Pt(fmt["size"])
        return para

    def bullet(self, *parts):
        return self.p(*parts, style="List Bullet")

    def tag(self, text: str):
        """A paragraph holding only a docxtpl paragraph tag ({%p ... %})."""
        para = self.doc.add_paragraph()
        para.paragraph_format.space_after = Pt(0)
        self._tag_run(para, text)
        return para

    @staticmethod
    def _tag_run(para, text: str) -> None:
        """Control tags in a small purple run: easy to spot for whoever edits the template
        (the whole paragraph or row disappears when the document is generated)."""
        run = para.add_run(text)
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor.from_string(TAG_COLOUR)

    def prompt(self, nl: str, en: str):
        """A grey italic fill-in prompt for the person completing the document."""
        return self.p((self.t(nl, en), {"italic": True, "color": PROMPT_GREY}))

    def note(self, text: str):
        para = self.p((text, {"italic": True, "color": GREY, "size": 9}))
        para.paragraph_format.space_before = Pt(4)
        return para

    def privacy(self) -> None:
        self.note(self.t(
            "Dit document bevat geen medische gegevens; beperkingen zijn functioneel beschreven.",
            "This document contains no medical data; limitations are described in functional terms."))

    # -- tables
    @staticmethod
    def _shade(cell, fill: str) -> None:
        tcpr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tcpr.append(shd)

    @staticmethod
    def _borders(table) -> None:
        tblpr = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), BORDER)
            borders.append(el)
        _insert_in_order(tblpr, borders, TBLPR_ORDER)
        # comfortable cell padding
        mar = OxmlElement("w:tblCellMar")
        for side, w in (("top", 40), ("left", 90), ("bottom", 40), ("right", 90)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(w))
            el.set(qn("w:type"), "dxa")
            mar.append(el)
        _insert_in_order(tblpr, mar, TBLPR_ORDER)

    @staticmethod
    def _row_flags(row, header: bool = False) -> None:
        trpr = row._tr.get_or_add_trPr()
        cs = OxmlElement("w:cantSplit")
        trpr.append(cs)
        if header:
            th = OxmlElement("w:tblHeader")
            trpr.append(th)

    def _new_table(self, rows: int, widths_cm: list[float]):
        table = self.doc.add_table(rows=rows, cols=len(widths_cm))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        self._borders(table)
        for row in table.rows:
            for cell, w in zip(row.cells, widths_cm):
                cell.width = Cm(w)
        # explicit grid widths so Word and LibreOffice agree
        grid = table._tbl.tblGrid
        for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
            gc.set(qn("w:w"), str(int(w * 567)))
        return table

    @staticmethod
    def _keep_with_next(cell) -> None:
        """Keep the row with the next one: a table shorter than a page stays on one page
        instead of leaving its header and a row at the foot of the previous one."""
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True

    @staticmethod
    def _cell_text(cell, text: str, bold: bool = False, italic: bool = False,
                   color: str | None = None, size: float | None = None) -> None:
        para = cell.paragraphs[0]
        para.paragraph_format.space_after = Pt(0)
        para.paragraph_format.space_before = Pt(0)
        if text:
            run = para.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
            if color:
                run.font.color.rgb = RGBColor.from_string(color)
            if size:
                run.font.size = Pt(size)

    def details(self, rows: list[tuple[str, str]], widths=(5.6, CONTENT_WIDTH_CM - 5.6)) -> None:
        """The 'Gegevens' table: label | value rows."""
        table = self._new_table(len(rows), list(widths))
        for row, (label, value) in zip(table.rows, rows):
            self._row_flags(row)
            self._cell_text(row.cells[0], label, bold=True, color="404040")
            self._shade(row.cells[0], LABEL_FILL)
            self._cell_text(row.cells[1], value)
        self._spacer()

    def loop_table(self, headers: list[str], loop: str, cells: list[str],
                   widths: list[float], empty_nl: str, empty_en: str,
                   condition: str | None = None) -> None:
        """A header row plus the 3-row docxtpl loop; a line of text when the list is empty.

        ``loop`` is the Jinja for-expression, e.g. ``a in activiteiten``; ``condition``
        (default: the iterable of the loop) decides between table and empty text.
        """
        iterable = condition or loop.split(" in ", 1)[1].split(" if ", 1)[0].strip()
        self.tag(f"{{%p if {iterable} %}}")
        table = self._new_table(4, widths)
        hdr, for_row, data_row, end_row = table.rows
        self._row_flags(hdr, header=True)
        for cell, text in zip(hdr.cells, headers):
            self._cell_text(cell, text, bold=True, color=ACCENT)
            self._shade(cell, HEAD_FILL)
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        for row, text in ((for_row, f"{{%tr for {loop} %}}"), (end_row, "{%tr endfor %}")):
            cell = row.cells[0].merge(row.cells[-1]) if len(widths) > 1 else row.cells[0]
            self._cell_text(cell, "")
            self._tag_run(cell.paragraphs[0], text)
        self._row_flags(data_row)
        for cell, text in zip(data_row.cells, cells):
            self._cell_text(cell, text)
            self._keep_with_next(cell)
        self._spacer()
        self.tag("{%p else %}")
        self.p((self.t(empty_nl, empty_en), {"italic": True, "color": GREY}))
        self.tag("{%p endif %}")

    def _headed_table(self, headers: list[str], rows: list, widths: list[float]):
        """A table with its shaded header row filled in; the body rows are left to the caller."""
        table = self._new_table(1 + len(rows), widths)
        self._row_flags(table.rows[0], header=True)
        for cell, text in zip(table.rows[0].cells, headers):
            self._cell_text(cell, text, bold=True, color=ACCENT)
            self._shade(cell, HEAD_FILL)
        return table

    def _keep_rows_together(self, table) -> None:
        for row in table.rows[:-1]:
            for cell in row.cells:
                self._keep_with_next(cell)

    def static_table(self, headers: list[str], rows: list[list[str]], widths: list[float],
                     first_col_bold: bool = False) -> None:
        table = self._headed_table(headers, rows, widths)
        for row, values in zip(table.rows[1:], rows):
            self._row_flags(row)
            for i, (cell, text) in enumerate(zip(row.cells, values)):
                self._cell_text(cell, text, bold=first_col_bold and i == 0)
        self._keep_rows_together(table)
        self._spacer()

    def prompt_table(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
        """A table to fill in: the first column names who (bold), the other cells are grey
        italic "[Aanvullen: ...]" prompts that the person completing the document replaces."""
        table = self._headed_table(headers, rows, widths)
        for row, values in zip(table.rows[1:], rows):
            self._row_flags(row)
            for i, (cell, text) in enumerate(zip(row.cells, values)):
                prompt = text.startswith("[")
                self._cell_text(cell, text, bold=not prompt and i == 0, italic=prompt,
                                color=PROMPT_GREY if prompt else None)
        self._keep_rows_together(table)
        self._spacer()

    def signatures(self, parties: list[tuple[str, str]]) -> None:
        """Signature block: one column per party (label, name tag); Naam/Datum/Handtekening."""
        if self.doc.paragraphs:   # the sentence above the block stays with it
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        n = len(parties)
        label_w = 3.4
        col_w = (CONTENT_WIDTH_CM - label_w) / n
        table = self._new_table(4, [label_w] + [col_w] * n)
        hdr = table.rows[0]
        self._row_flags(hdr, header=True)
        self._cell_text(hdr.cells[0], "")
        self._shade(hdr.cells[0], HEAD_FILL)
        for cell, (label, _name) in zip(hdr.cells[1:], parties):
            self._cell_text(cell, label, bold=True, color=ACCENT)
            self._shade(cell, HEAD_FILL)
        labels = [self.t("Naam", "Name"), self.t("Datum", "Date"),
                  self.t("Handtekening", "Signature")]
        for row, label in zip(table.rows[1:], labels):
            self._row_flags(row)
            self._cell_text(row.cells[0], label, bold=True, color="404040")
            self._shade(row.cells[0], LABEL_FILL)
        for cell, (_label, name) in zip(table.rows[1].cells[1:], parties):
            self._cell_text(cell, name)
        sig = table.rows[3]
        sig.height = Cm(1.8)
        self._keep_rows_together(table)
        self._spacer()

    def _spacer(self) -> None:
        para = self.doc.add_paragraph()
        para.paragraph_format.space_after = Pt(2)

    # -- output
    def save(self, path: Path) -> None:
        buf = io.BytesIO()
        self.doc.save(buf)
        write_deterministic(buf.getvalue(), path)


def write_deterministic(data: bytes, path: Path) -> None:
    """Re-zip with fixed timestamps and order so repeated builds give identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        order = {name: i for i, name in enumerate(src.namelist())}
        # [Content_Types].xml first, as Office writes it
        names = sorted(order, key=lambda n: (n != "[Content_Types].xml", order[n]))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    payload = out.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == payload:
        return
    path.write_bytes(payload)


# --------------------------------------------------------------------------- shared parts
Text = str | tuple[str, str]  # one string for both languages, or an (nl, en) pair


def pick(b: Builder, text: Text) -> str:
    return b.t(*text) if isinstance(text, tuple) else text


def dash(expr: str, fallback: str = "—") -> str:
    return f'{{{{ {expr} or "{fallback}" }}}}'


# Rows of the 'Gegevens' table that several documents share: key -> (label, value).
DETAIL_ROWS: dict[str, tuple[Text, Text]] = {
    "casusnummer": (("Casusnummer", "Case number"), "{{ casus.casusnummer }}"),
    "werknemer": (("Werknemer", "Employee"), "{{ casus.naam_werknemer }}"),
    "functie": (("Functie", "Position"), dash("casus.functie")),
    "contracturen": (("Contracturen", "Contract hours"),
                     ('{{ casus.contracturen ~ " uur per week" if casus.contracturen else "—" }}',
                      '{{ casus.contracturen ~ " hours per week" if casus.contracturen else "—" }}')),
    "werkgever": (("Werkgever", "Employer"), "{{ casus.werkgever }}"),
    "contactpersoon": (("Contactpersoon werkgever", "Employer contact"),
                       dash("casus.contactpersoon_werkgever")),
    "eerste_ziektedag": (("Eerste ziektedag", "First day of sickness"), "{{ casus.eerste_ziektedag }}"),
    "datum_document": (("Datum document", "Document date"), "{{ document.datum }}"),
    "week": (("WVP-week", "WVP week"),
             ("Week {{ document.week }} van de wachttijd",
              "Week {{ document.week }} of the waiting period")),
    "spoor": (("Spoor", "Track"),
              ('{{ ("Spoor " ~ casus.spoor) if casus.spoor else "Nog niet vastgesteld" }}',
               '{{ ("Track " ~ casus.spoor) if casus.spoor else "Not yet determined" }}')),
    "casemanager": (("Casemanager", "Case manager"), dash("casus.casemanager")),
    "bedrijfsarts": (("Bedrijfsarts", "Occupational physician"), dash("casus.bedrijfsarts")),
    "arbeidsdeskundige": (("Arbeidsdeskundige", "Labour expert"), dash("casus.arbeidsdeskundige")),
    "re_integratiebureau": (("Re-integratiebureau", "Re-integration agency"),
                            dash("casus.re_integratiebureau")),
    "coach": (("Loopbaancoach", "Career coach"), dash("casus.coach")),
}

# The parties that sign: key -> (column heading, name).
SIGNATORIES: dict[str, tuple[Text, str]] = {
    "werknemer": (("Werknemer", "Employee"), "{{ casus.naam_werknemer }}"),
    "werkgever": (("Werkgever", "Employer"), "{{ casus.contactpersoon_werkgever }}"),
    "re_integratiebureau": (("Re-integratiebureau", "Re-integration agency"), "{{ casus.coach }}"),
}


def new_document(lang: str, title_nl: str, title_en: str) -> Builder:
    """A document with its title (also in the footer) and the employee/employer/case subtitle."""
    title = title_nl if lang == "nl" else title_en
    b = Builder(lang, title, title)
    b.title("{{ casus.naam_werknemer }}  ·  {{ casus.werkgever }}  ·  " + b.t(
        "dossier {{ casus.casusnummer }}", "case {{ casus.casusnummer }}"))
    return b


def gegevens(b: Builder, rows: list[str | tuple[str, str]]) -> None:
    """The 'Gegevens' section: heading, label | value table and the privacy note. A row is a
    key of DETAIL_ROWS or a (label, value) pair of the document's own."""
    b.h1(b.t("Gegevens", "Details"))
    shared = {key: (pick(b, label), pick(b, value)) for key, (label, value) in DETAIL_ROWS.items()}
    b.details([shared[row] if isinstance(row, str) else row for row in rows])
    b.privacy()


def activities_table(b: Builder, items: str, empty_nl: str, empty_en: str) -> None:
    """The Activiteiten rows of ``items`` (activiteiten or activiteiten_periode)."""
    b.loop_table(
        [b.t("Datum", "Date"), b.t("Activiteit", "Activity"), b.t("Status", "Status"),
         b.t("Resultaat", "Result")],
        f"a in {items}",
        ["{{ a.datum }}", "{{ a.activiteit }}", "{{ a.status }}", "{{ a.resultaat }}"],
        [3.3, 5.9, 2.4, 5.0],
        empty_nl, empty_en)


def applications_table(b: Builder, items: str, empty_nl: str, empty_en: str) -> None:
    """The Sollicitaties rows of ``items`` (sollicitaties or sollicitaties_periode)."""
    b.loop_table(
        [b.t("Datum", "Date"), b.t("Werkgever", "Employer"), b.t("Functie", "Position"),
         b.t("Resultaat", "Result")],
        f"s in {items}",
        ["{{ s.datum }}", "{{ s.werkgever }}", "{{ s.functie }}", "{{ s.resultaat }}"],
        [3.3, 4.7, 4.3, 4.3],
        empty_nl, empty_en)


def applications_in_period(b: Builder, condition: str) -> None:
    """The 'Sollicitaties in deze periode' section, shown when ``condition`` holds."""
    b.tag(f"{{%p if {condition} %}}")
    b.h1(b.t("Sollicitaties in deze periode", "Job applications in this period"))
    b.tag("{%p if sollicitaties_periode %}")
    count = b.p(b.t("Aantal sollicitaties in deze periode: {{ sollicitaties_periode|length }}.",
                    "Number of applications in this period: {{ sollicitaties_periode|length }}."))
    count.paragraph_format.keep_with_next = True
    b.tag("{%p endif %}")
    applications_table(b, "sollicitaties_periode", "Geen sollicitaties vastgelegd in deze periode.",
                       "No applications recorded in this period.")
    b.tag("{%p endif %}")


def open_deadlines_table(b: Builder) -> None:
    """The WVP milestones not yet done."""
    b.loop_table(
        [b.t("Mijlpaal", "Milestone"), b.t("Week", "Week"), b.t("Uiterlijk", "Due"),
         b.t("Status", "Status")],
        "m in kalender if not m.gedaan",
        ["{{ m.naam }}", "{{ m.week }}", "{{ m.uiterlijk }}", "{{ m.status }}"],
        [7.0, 1.8, 3.6, 4.2],
        "Alle mijlpalen zijn afgerond.", "All milestones have been completed.",
        condition="kalender|rejectattr(\"gedaan\")|list")


# The people in a 'who does what' table: key -> (role, name).
ROLES: dict[str, tuple[Text, Text]] = {
    **{key: DETAIL_ROWS[key] for key in ("werknemer", "casemanager", "bedrijfsarts", "arbeidsdeskundige")},
    "werkgever": (("Werkgever", "Employer"),
                  '{{ casus.werkgever }} (contact: {{ casus.contactpersoon_werkgever or "—" }})'),
    "re_integratiebureau": (("Re-integratiebureau / coach", "Re-integration agency / coach"),
                            dash("casus.re_integratiebureau") + " / " + dash("casus.coach")),
}


def roles_table(b: Builder, rows: list[tuple], widths: list[float]) -> None:
    """Rol | Naam | Verantwoordelijkheid; rows are (ROLES key, responsibility[, name])."""
    body = []
    for key, responsibility, *name in rows:
        label, default = ROLES[key]
        body.append([pick(b, label), name[0] if name else pick(b, default), pick(b, responsibility)])
    b.static_table([b.t("Rol", "Role"), b.t("Naam", "Name"), b.t("Verantwoordelijkheid", "Responsibility")],
                   body, widths, first_col_bold=True)


def signatures(b: Builder, *parties: str) -> None:
    """The signature block for the given SIGNATORIES keys."""
    b.signatures([(pick(b, SIGNATORIES[key][0]), SIGNATORIES[key][1]) for key in parties])


def late_reason(b: Builder, milestone: str, reason: str, what: tuple[str, str]) -> None:
    """When the document is dated after its milestone's deadline: the reason the workbook records
    (column Reden afwijking ...), else a prompt to record one (Regeling procesgang art. 5)."""
    b.tag(f"{{%p if mijlpalen.{milestone}.uiterlijk and document.datum > mijlpalen.{milestone}.uiterlijk %}}")
    b.tag(f"{{%p if casus.{reason} %}}")
    b.p(b.t(f"{what[0]} is na de uiterlijke datum opgesteld. Reden (Regeling procesgang art. 5): "
            f"{{{{ casus.{reason} }}}}",
            f"{what[1]} was drawn up after the due date. Reason (Regeling procesgang art. 5): "
            f"{{{{ casus.{reason} }}}}"))
    b.tag("{%p else %}")
    b.prompt(f"[Aanvullen: {what[0].lower()} is na de uiterlijke datum opgesteld. Leg de reden vast die "
             "werkgever en werknemer daarvoor hebben (Regeling procesgang art. 5).]",
             f"[Complete: {what[1].lower()} was drawn up after the due date. Record the reason employer "
             "and employee have for this (Regeling procesgang art. 5).]")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")


def verlenging_paragraph(b: Builder) -> None:
    b.tag("{%p if casus.verlenging_wachttijd %}")
    b.p(b.t("De wachttijd is vrijwillig verlengd met {{ casus.verlenging_wachttijd }} weken "
            "(art. 24 WIA); de termijnen aan het einde van de wachttijd schuiven mee.",
            "The waiting period has been voluntarily extended by {{ casus.verlenging_wachttijd }} "
            "weeks (art. 24 WIA); the end-of-waiting-period deadlines move accordingly."))
    b.tag("{%p endif %}")


# --------------------------------------------------------------------------- documents
def build_probleemanalyse(lang: str) -> Builder:
    b = new_document(lang, "Probleemanalyse (samenvatting)", "Problem analysis (summary)")
    t = b.t
    gegevens(b, [
        "casusnummer", "werknemer", "functie", "contracturen", "werkgever", "contactpersoon",
        "eerste_ziektedag",
        (t("Datum probleemanalyse", "Date of problem analysis"),
         dash("casus.datum_probleemanalyse", t("Nog niet opgesteld", "Not yet drawn up"))),
        (t("Uiterlijke datum probleemanalyse", "Problem analysis due"),
         "{{ mijlpalen.probleemanalyse.uiterlijk }} (week {{ mijlpalen.probleemanalyse.week }})"),
        "datum_document", "week", "bedrijfsarts", "casemanager",
    ])

    b.h1(t("Aanleiding", "Purpose"))
    b.p(t("Dit document vat de probleemanalyse van de bedrijfsarts samen voor het "
          "re-integratiedossier van {{ casus.naam_werknemer }}. Het beschrijft alleen wat "
          "de werknemer (nog) kan en wat dat betekent voor het werk. De probleemanalyse is de "
          "basis voor het plan van aanpak dat werkgever en werknemer samen opstellen.",
          "This document summarises the occupational physician's problem analysis for the "
          "re-integration dossier of {{ casus.naam_werknemer }}. It only describes what the "
          "employee can (still) do and what that means for work. The problem analysis is the "
          "basis for the plan of action that employer and employee draw up together."))
    late_reason(b, "probleemanalyse", "reden_afwijking_probleemanalyse",
                ("Deze probleemanalyse", "This problem analysis"))

    b.h1(t("Belastbaarheid en functionele mogelijkheden",
           "Capacity and functional possibilities"))
    b.p(dash("casus.belastbaarheid", t("Nog niet vastgesteld.", "Not yet assessed.")))

    b.h1(t("Betekenis voor eigen en ander werk", "Meaning for own and other work"))
    b.h2(t("Eigen werk", "Own work"))
    b.p(t("Functie: ", "Position: "), dash("casus.functie"))
    b.prompt("[Aanvullen: welke taken van de eigen functie kunnen wel, gedeeltelijk of (nog) "
             "niet, en onder welke voorwaarden (uren, aanpassingen)?]",
             "[Complete: which tasks of the own job are possible, partly possible or not (yet) "
             "possible, and under which conditions (hours, adjustments)?]")
    b.h2(t("Ander (passend) werk", "Other (suitable) work"))
    b.prompt("[Aanvullen: is ander passend werk bij de werkgever mogelijk, en zo ja welk soort "
             "werk en met welke aanpassingen?]",
             "[Complete: is other suitable work with the employer possible, and if so what "
             "kind of work and with which adjustments?]")

    b.h1(t("Prognose", "Prognosis"))
    b.p(dash("casus.prognose", t("Nog geen prognose gegeven.", "No prognosis given yet.")))

    b.h1(t("Advies over re-integratie", "Advice on re-integration"))
    b.prompt("[Aanvullen: advies van de bedrijfsarts over de eerste stappen, de opbouw en "
             "eventuele interventies.]",
             "[Complete: the occupational physician's advice on first steps, build-up and any "
             "interventions.]")
    b.p(t("Op basis van deze probleemanalyse stellen werkgever en werknemer samen het plan "
          "van aanpak op, uiterlijk {{ mijlpalen.plan_van_aanpak.uiterlijk }} (week "
          "{{ mijlpalen.plan_van_aanpak.week }}). In het plan van aanpak staan de activiteiten "
          "van beide partijen, de doelen, de termijnen, de evaluatiemomenten (ten minste elke "
          "6 weken) en de casemanager.",
          "Based on this problem analysis, employer and employee draw up the plan of action "
          "together, by {{ mijlpalen.plan_van_aanpak.uiterlijk }} (week "
          "{{ mijlpalen.plan_van_aanpak.week }}). The plan of action sets out the activities of "
          "both parties, goals, time frames, evaluation moments (at least every 6 weeks) and "
          "the case manager."))
    b.p(t("Casemanager: ", "Case manager: "),
        dash("casus.casemanager", t("nog aan te wijzen", "to be appointed")))

    b.h1(t("Privacy", "Privacy"))
    b.p(t("In dit document is bewust geen diagnose vastgelegd. Medische gegevens blijven bij "
          "de bedrijfsarts; de werkgever legt alleen functionele beperkingen, mogelijkheden, "
          "de verwachte duur en benodigde aanpassingen vast.",
          "No diagnosis is recorded in this document on purpose. Medical data stays with the "
          "occupational physician; the employer records only functional limitations, "
          "possibilities, the expected duration and the adjustments needed."))
    return b


def build_plan_van_aanpak(lang: str) -> Builder:
    """The plan van aanpak (Regeling procesgang art. 4): activities of both parties, goal, time
    frames, the agreed evaluation moments and the named casemanager; signed by both."""
    b = new_document(lang, "Plan van aanpak", "Plan of action")
    t = b.t
    gegevens(b, [
        "casusnummer", "werknemer", "functie", "contracturen", "werkgever", "contactpersoon",
        "eerste_ziektedag",
        (t("Datum probleemanalyse", "Date of problem analysis"),
         dash("casus.datum_probleemanalyse", t("Nog niet opgesteld", "Not yet drawn up"))),
        (t("Datum plan van aanpak", "Date of plan of action"), "{{ document.datum }}"),
        (t("Uiterlijke datum plan van aanpak", "Plan of action due"),
         "{{ mijlpalen.plan_van_aanpak.uiterlijk }} (week {{ mijlpalen.plan_van_aanpak.week }})"),
        "week", "bedrijfsarts",
        (t("Casemanager", "Case manager"),
         dash("casus.casemanager", t("Nog aan te wijzen (verplicht in het plan van aanpak)",
                                     "To be appointed (required in the plan of action)"))),
    ])

    b.h1(t("Aanleiding", "Purpose"))
    b.p(t("Werkgever en werknemer stellen dit plan van aanpak samen op naar aanleiding van de "
          "probleemanalyse van de bedrijfsarts{{ (\" (\" ~ casus.bedrijfsarts ~ \")\") if "
          "casus.bedrijfsarts else \"\" }} van {{ casus.datum_probleemanalyse or "
          "\"(datum nog niet bekend)\" }}. Het plan legt vast wat beide partijen doen om "
          "{{ casus.naam_werknemer }} zo snel mogelijk duurzaam te laten terugkeren in passend werk: "
          "het doel, de activiteiten, de termijnen, de evaluatiemomenten en de casemanager "
          "(Regeling procesgang eerste en tweede ziektejaar, art. 4). Het plan van aanpak moet "
          "binnen twee weken na de probleemanalyse zijn opgesteld, in dit dossier uiterlijk "
          "{{ mijlpalen.plan_van_aanpak.uiterlijk }}.",
          "Employer and employee draw up this plan of action together following the occupational "
          "physician's problem analysis{{ (\" (\" ~ casus.bedrijfsarts ~ \")\") if "
          "casus.bedrijfsarts else \"\" }} of {{ casus.datum_probleemanalyse or "
          "\"(date not yet known)\" }}. The plan records what both parties will do to help "
          "{{ casus.naam_werknemer }} return to suitable work lastingly and as soon as possible: "
          "the goal, the activities, the time frames, the evaluation moments and the case manager "
          "(Regeling procesgang eerste en tweede ziektejaar, art. 4). The plan of action must be "
          "drawn up within two weeks after the problem analysis, in this dossier by "
          "{{ mijlpalen.plan_van_aanpak.uiterlijk }}."))
    late_reason(b, "plan_van_aanpak", "reden_afwijking_plan_van_aanpak", ("Dit plan", "This plan"))

    b.h1(t("Belastbaarheid", "Capacity"))
    b.p(t("Volgens de probleemanalyse, in functionele termen:",
          "According to the problem analysis, in functional terms:"))
    b.p(dash("casus.belastbaarheid", t("Nog niet vastgesteld.", "Not yet assessed.")))
    b.h2(t("Prognose", "Prognosis"))
    b.p(dash("casus.prognose", t("Nog geen prognose gegeven.", "No prognosis given yet.")))

    b.h1(t("Doel van de re-integratie", "Goal of the re-integration"))
    b.p(t("Het doel is een duurzame terugkeer in werk dat past bij de belastbaarheid. Werkgever "
          "en werknemer kiezen samen, op advies van de bedrijfsarts, één van deze doelen:",
          "The goal is a lasting return to work that fits the employee's capacity. Employer and "
          "employee choose together, on the occupational physician's advice, one of these goals:"))
    b.bullet(t("terugkeer in het eigen werk ({{ casus.functie or \"eigen functie\" }}), zo nodig "
               "met tijdelijke aanpassingen;",
               "return to the own job ({{ casus.functie or \"own position\" }}), with temporary "
               "adjustments where needed;"))
    b.bullet(t("terugkeer in aangepast werk bij {{ casus.werkgever }};",
               "return to adjusted work with {{ casus.werkgever }};"))
    b.bullet(t("ander passend werk: bij {{ casus.werkgever }} (eerste spoor) of, als dat niet in "
               "zicht is, bij een andere werkgever (tweede spoor).",
               "other suitable work: with {{ casus.werkgever }} (first track) or, if that is not "
               "in view, with another employer (second track)."))
    b.p(t("Spoor: ", "Track: "),
        t("{{ (\"spoor \" ~ casus.spoor) if casus.spoor else \"nog niet vastgesteld\" }}",
          "{{ (\"track \" ~ casus.spoor) if casus.spoor else \"not yet determined\" }}"))
    b.prompt("[Aanvullen: het gekozen doel, concreet (functie of taken, uren per week, "
             "aanpassingen), en de termijn waarbinnen het bereikt moet zijn.]",
             "[Complete: the chosen goal, in concrete terms (job or tasks, hours per week, "
             "adjustments), and the time frame within which it should be reached.]")

    b.h1(t("Activiteiten en afspraken", "Activities and agreements"))
    activities_table(b, "activiteiten", "Nog geen activiteiten vastgelegd.",
                     "No activities recorded yet.")
    b.h2(t("Wie doet wat en wanneer", "Who does what and when"))
    b.prompt_table(
        [t("Wie", "Who"), t("Activiteit of afspraak", "Activity or agreement"),
         t("Termijn", "Time frame")],
        [
            [t("Werknemer", "Employee"),
             t("[Aanvullen: bijv. werkhervatting in aangepast werk, opbouw van uren]",
               "[Complete: e.g. resuming adjusted work, building up hours]"),
             t("[datum]", "[date]")],
            [t("Werkgever", "Employer"),
             t("[Aanvullen: bijv. passend werk of werkplekaanpassing aanbieden]",
               "[Complete: e.g. offering suitable work or adjusting the workplace]"),
             t("[datum]", "[date]")],
            [t("Werkgever en werknemer", "Employer and employee"),
             t("[Aanvullen: gezamenlijke afspraak]", "[Complete: joint agreement]"),
             t("[datum]", "[date]")],
            [t("[Aanvullen: wie]", "[Complete: who]"),
             t("[Aanvullen: activiteit of interventie]", "[Complete: activity or intervention]"),
             t("[datum]", "[date]")],
        ],
        [4.2, 9.0, 3.4])

    b.h1(t("Evaluatiemomenten", "Evaluation moments"))
    b.p(t("Werkgever en werknemer evalueren de voortgang van dit plan ten minste elke 6 weken; "
          "de bedrijfsarts adviseert daarbij. Van elke evaluatie wordt een verslag gemaakt met de "
          "datum van de volgende evaluatie.",
          "Employer and employee evaluate the progress of this plan at least every 6 weeks, "
          "advised by the occupational physician. Each evaluation is recorded in a report that "
          "sets the date of the next evaluation."))
    b.tag("{%p if volgende_evaluatie.gepland %}")
    b.p(t("De volgende evaluatie is gepland op {{ volgende_evaluatie.gepland }}.",
          "The next evaluation is scheduled for {{ volgende_evaluatie.gepland }}."))
    b.tag("{%p elif volgende_evaluatie.uiterlijk and volgende_evaluatie.uiterlijk < document.datum %}")
    b.p(t("De {{ \"volgende\" if evaluaties else \"eerste\" }} evaluatie had uiterlijk op "
          "{{ volgende_evaluatie.uiterlijk }} plaats moeten vinden, 6 weken na {{ volgende_evaluatie.na }}; "
          "plan haar zo snel mogelijk.",
          "The {{ \"next\" if evaluaties else \"first\" }} evaluation was due by "
          "{{ volgende_evaluatie.uiterlijk }}, 6 weeks after {{ volgende_evaluatie.na }}; schedule it as soon "
          "as possible."))
    b.prompt("[Aanvullen: de datum waarop de evaluatie gepland is.]",
             "[Complete: the date the evaluation is scheduled for.]")
    b.tag("{%p elif volgende_evaluatie.uiterlijk %}")
    b.p(t("De {{ \"volgende\" if evaluaties else \"eerste\" }} evaluatie vindt uiterlijk plaats op "
          "{{ volgende_evaluatie.uiterlijk }}, 6 weken na {{ volgende_evaluatie.na }}.",
          "The {{ \"next\" if evaluaties else \"first\" }} evaluation takes place by "
          "{{ volgende_evaluatie.uiterlijk }}, 6 weeks after {{ volgende_evaluatie.na }}."))
    b.prompt("[Aanvullen: de datum waarop de evaluatie gepland is.]",
             "[Complete: the date the evaluation is scheduled for.]")
    b.tag("{%p else %}")
    b.p(t("De eerste evaluatie vindt uiterlijk 6 weken na de datum van dit plan ({{ document.datum }}) plaats.",
          "The first evaluation takes place at the latest 6 weeks after the date of this plan "
          "({{ document.datum }})."))
    b.prompt("[Aanvullen: de datum waarop de evaluatie gepland is.]",
             "[Complete: the date the evaluation is scheduled for.]")
    b.tag("{%p endif %}")
    b.tag("{%p if evaluaties %}")
    b.p(t("Gehouden evaluaties:", "Evaluations held:"))
    b.tag("{%p endif %}")
    b.loop_table(
        [t("Datum", "Date"), t("Week", "Week"), t("Soort", "Type"), t("Volgende evaluatie", "Next evaluation")],
        "e in evaluaties",
        ["{{ e.datum }}", dash("e.week"), dash("e.soort"), dash("e.volgende_evaluatie")],
        [3.6, 1.6, 7.0, 4.4],
        "Nog geen evaluaties gehouden.", "No evaluations held yet.")

    b.h1(t("Rolverdeling", "Roles and responsibilities"))
    roles_table(b, [
        ("werknemer", ("Werkt actief mee aan de re-integratie, voert de afgesproken activiteiten uit, "
                       "komt de afspraken na en meldt tijdig als iets niet lukt.",
                       "Cooperates actively in the re-integration, carries out the agreed activities, "
                       "keeps to the agreements and reports promptly when something does not work.")),
        ("werkgever", ("Biedt passend werk of aanpassingen aan, voert de eigen activiteiten uit, "
                       "bewaakt de voortgang en legt alles vast in het re-integratiedossier.",
                       "Offers suitable work or adjustments, carries out its own activities, monitors "
                       "progress and records everything in the re-integration dossier.")),
        ("casemanager", ("Is in dit plan aangewezen als casemanager (Regeling procesgang art. 4): "
                         "begeleidt het re-integratieproces, is aanspreekpunt voor werknemer en werkgever, "
                         "plant de evaluaties en bewaakt de WVP-termijnen.",
                         "Is appointed case manager in this plan (Regeling procesgang art. 4): guides the "
                         "re-integration process, is the point of contact for employee and employer, "
                         "schedules the evaluations and monitors the WVP deadlines."),
         dash("casus.casemanager", t("nog aan te wijzen", "to be appointed"))),
        ("bedrijfsarts", ("Adviseert over de belastbaarheid en de mogelijkheden, en stelt de "
                          "probleemanalyse bij als de situatie verandert.",
                          "Advises on capacity and possibilities, and updates the problem analysis when "
                          "the situation changes.")),
    ], [4.0, 4.4, 8.2])

    b.h1(t("Bijstelling", "Adjustment"))
    b.p(t("Dit plan wordt bij elke evaluatie besproken en zo nodig bijgesteld, en ook tussentijds "
          "als de belastbaarheid of de situatie verandert (bijvoorbeeld na een bijgestelde "
          "probleemanalyse). Werkgever en werknemer leggen elke bijstelling schriftelijk vast. "
          "Als zij het niet eens worden over de re-integratie, kan ieder van beiden een "
          "deskundigenoordeel bij UWV aanvragen.",
          "This plan is discussed at every evaluation and adjusted where needed, and also in "
          "between when the capacity or the situation changes (for example after an updated "
          "problem analysis). Employer and employee record every adjustment in writing. If they "
          "disagree about the re-integration, either of them can ask UWV for an expert opinion "
          "(deskundigenoordeel)."))

    b.h1(t("Verdeling", "Distribution"))
    b.p(t("De werkgever geeft een kopie van dit plan van aanpak, en van elke bijstelling, aan:",
          "The employer gives a copy of this plan of action, and of every adjustment, to:"))
    b.bullet(t("de werknemer: {{ casus.naam_werknemer }};", "the employee: {{ casus.naam_werknemer }};"))
    b.bullet(t("de casemanager: ", "the case manager: "),
             dash("casus.casemanager", t("nog aan te wijzen", "to be appointed")), ";")
    b.bullet(t("de bedrijfsarts: ", "the occupational physician: "), dash("casus.bedrijfsarts"), ".")

    b.h1(t("Ondertekening", "Signatures"))
    b.p(t("Werknemer en werkgever hebben dit plan van aanpak samen opgesteld en gaan ermee akkoord.",
          "Employee and employer have drawn up this plan of action together and agree to it."))
    signatures(b, "werknemer", "werkgever")
    return b


def build_trajectplan(lang: str) -> Builder:
    b = new_document(lang, "Trajectplan re-integratie 2e spoor", "Second-track re-integration plan")
    t = b.t
    gegevens(b, [
        "casusnummer", "werknemer", "functie", "contracturen", "werkgever", "contactpersoon",
        "eerste_ziektedag", "datum_document", "week", "spoor", "re_integratiebureau", "coach",
        "arbeidsdeskundige", "bedrijfsarts", "casemanager",
        (t("Eerstejaarsevaluatie", "First-year evaluation"),
         dash("casus.datum_eerstejaarsevaluatie", t("Nog niet gehouden", "Not yet held"))),
        (t("Arbeidsdeskundig onderzoek", "Labour expert assessment"),
         dash("casus.datum_arbeidsdeskundig_onderzoek", t("Nog niet uitgevoerd", "Not yet carried out"))),
        (t("Start 2e spoor", "Start of second track"),
         dash("casus.start_2e_spoor", t("Nog niet gestart", "Not yet started"))),
        (t("Start 2e spoor uiterlijk", "Second track to start by"),
         "{{ mijlpalen.start_2e_spoor.uiterlijk }} (week {{ mijlpalen.start_2e_spoor.week }})"),
    ])

    b.h1(t("Aanleiding en doel", "Reason and goal"))
    b.p(t("Terugkeer in het eigen werk of in ander passend werk bij {{ casus.werkgever }} is "
          "(nog) niet in zicht. Daarom zoekt {{ casus.naam_werknemer }} in het tweede spoor, "
          "met begeleiding, naar passend werk bij een andere werkgever. Het doel is een "
          "duurzame plaatsing in werk dat past bij de belastbaarheid en het zoekprofiel.",
          "Return to the own job or to other suitable work with {{ casus.werkgever }} is not "
          "(yet) in view. In the second track, {{ casus.naam_werknemer }} therefore looks for "
          "suitable work with another employer, with guidance. The goal is a lasting placement "
          "in work that fits the employee's capacity and search profile."))
    b.p(t("Dit plan is een samenhangende reeks activiteiten die de afstand tussen "
          "persoonsprofiel en zoekprofiel zo kort mogelijk overbrugt, en wordt bijgesteld als "
          "de situatie daarom vraagt.",
          "This plan is a coherent series of activities that closes the distance between "
          "person profile and search profile by the shortest route, and is adjusted as the "
          "situation requires."))

    b.h1(t("Persoonsprofiel", "Person profile"))
    b.p(dash("casus.persoonsprofiel",
             t("Nog niet beschreven (werkervaring, opleiding, wensen en beperkingen in "
               "functionele termen).",
               "Not yet described (work history, education, wishes and limitations in "
               "functional terms).")))

    b.h1(t("Zoekprofiel", "Search profile"))
    b.p(dash("casus.zoekprofiel",
             t("Nog niet beschreven (beoogde beroepen, sectoren en soort werk).",
               "Not yet described (target occupations, sectors and kinds of work).")))

    b.h1(t("Belastbaarheid", "Capacity"))
    b.p(t("Basis: het advies van de bedrijfsarts{{ (\" (\" ~ casus.bedrijfsarts ~ \")\") if casus.bedrijfsarts else \"\" }}, "
          "de Functionele Mogelijkhedenlijst (FML/IZP) en het rapport van het arbeidsdeskundig "
          "onderzoek ({{ casus.datum_arbeidsdeskundig_onderzoek or \"nog niet uitgevoerd\" }}).",
          "Basis: the advice of the occupational physician{{ (\" (\" ~ casus.bedrijfsarts ~ "
          "\")\") if casus.bedrijfsarts else \"\" }}, the functional capacity list (FML/IZP) and the "
          "labour expert report ({{ casus.datum_arbeidsdeskundig_onderzoek or "
          "\"not yet carried out\" }})."))
    b.p(dash("casus.belastbaarheid", t("Nog niet vastgesteld.", "Not yet assessed.")))

    b.h1(t("Activiteiten en interventies", "Activities and interventions"))
    activities_table(b, "activiteiten", "Nog geen activiteiten vastgelegd.", "No activities recorded yet.")

    b.h1(t("Periode en rapportagemomenten", "Period and reporting moments"))
    b.p(t("Het traject start op {{ casus.start_2e_spoor or \"(nog niet gestart)\" }} en loopt "
          "tot plaatsing, maar uiterlijk tot het einde van de wachttijd "
          "({{ mijlpalen.einde_wachttijd.uiterlijk }}). De voortgang wordt ten minste elke "
          "6 weken met werknemer en werkgever geëvalueerd en schriftelijk vastgelegd.",
          "The programme starts on {{ casus.start_2e_spoor or \"(not yet started)\" }} and runs "
          "until placement, but at the latest until the end of the waiting period "
          "({{ mijlpalen.einde_wachttijd.uiterlijk }}). Progress is evaluated with employee and "
          "employer at least every 6 weeks and recorded in writing."))
    b.loop_table(
        [t("Evaluatie", "Evaluation"), t("Week", "Week"), t("Soort", "Type"),
         t("Volgende evaluatie", "Next evaluation")],
        "e in evaluaties",
        ["{{ e.datum }}", "{{ e.week }}", "{{ e.soort }}",
         dash("e.volgende_evaluatie")],
        [3.6, 1.8, 6.8, 4.4],
        "Nog geen evaluaties gepland of gehouden.", "No evaluations planned or held yet.")
    b.h2(t("Belangrijke termijnen", "Key deadlines"))
    b.bullet(t("Eerstejaarsevaluatie: {{ \"gehouden op\" if mijlpalen.eerstejaarsevaluatie.gedaan else \"uiterlijk\" }} "
               "{{ mijlpalen.eerstejaarsevaluatie.gedaan or mijlpalen.eerstejaarsevaluatie.uiterlijk }}",
               "First-year evaluation: {{ \"held on\" if mijlpalen.eerstejaarsevaluatie.gedaan else \"by\" }} "
               "{{ mijlpalen.eerstejaarsevaluatie.gedaan or mijlpalen.eerstejaarsevaluatie.uiterlijk }}"))
    b.bullet(t("Start 2e spoor: {{ \"gestart op\" if mijlpalen.start_2e_spoor.gedaan else \"uiterlijk\" }} "
               "{{ mijlpalen.start_2e_spoor.gedaan or mijlpalen.start_2e_spoor.uiterlijk }}",
               "Start of second track: {{ \"started on\" if mijlpalen.start_2e_spoor.gedaan else \"by\" }} "
               "{{ mijlpalen.start_2e_spoor.gedaan or mijlpalen.start_2e_spoor.uiterlijk }}"))
    b.bullet(t("Re-integratieverslag compleet: uiterlijk {{ mijlpalen.re_integratieverslag.uiterlijk }}",
               "Re-integration report (RIV) complete: by {{ mijlpalen.re_integratieverslag.uiterlijk }}"))
    b.bullet(t("WIA-aanvraag door de werknemer: uiterlijk {{ mijlpalen.wia_aanvraag.uiterlijk }}",
               "WIA application by the employee: by {{ mijlpalen.wia_aanvraag.uiterlijk }}"))
    verlenging_paragraph(b)

    b.h1(t("Wie doet wat", "Who does what"))
    roles_table(b, [
        ("werknemer", ("Werkt actief mee, voert de afgesproken activiteiten uit, solliciteert en houdt "
                       "een overzicht van sollicitaties bij.",
                       "Cooperates actively, carries out the agreed activities, applies for jobs and "
                       "keeps an overview of applications.")),
        ("werkgever", ("Zet het 2e spoor tijdig in, faciliteert het traject, bewaakt de voortgang en "
                       "legt alles vast in het re-integratiedossier.",
                       "Starts the second track in time, facilitates the programme, monitors progress "
                       "and records everything in the re-integration dossier.")),
        ("re_integratiebureau", ("Begeleidt de werknemer, voert de interventies uit en rapporteert elke 6 weken "
                                 "over voortgang, activiteiten en sollicitaties.",
                                 "Guides the employee, delivers the interventions and reports every 6 weeks on "
                                 "progress, activities and applications.")),
        ("bedrijfsarts", ("Adviseert over de belastbaarheid en stelt deze bij als de situatie verandert.",
                          "Advises on capacity and updates it when the situation changes.")),
        ("arbeidsdeskundige", ("Onderzoekt passend werk en adviseert over de richting van het traject.",
                               "Assesses suitable work and advises on the direction of the programme.")),
        ("casemanager", ("Coördineert het traject, plant de evaluaties en bewaakt de WVP-termijnen.",
                         "Coordinates the programme, schedules the evaluations and monitors the WVP "
                         "deadlines.")),
    ], [4.4, 4.2, 8.0])

    b.h1(t("Ondertekening", "Signatures"))
    b.p(t("Werknemer, werkgever en re-integratiebureau gaan akkoord met dit trajectplan.",
          "Employee, employer and re-integration agency agree to this plan."))
    signatures(b, "werknemer", "werkgever", "re_integratiebureau")
    return b


def build_evaluatie(lang: str) -> Builder:
    b = new_document(lang, "Evaluatie / voortgangsrapportage", "Evaluation / progress report")
    t = b.t
    gegevens(b, [
        "casusnummer", "werknemer", "functie", "werkgever", "eerste_ziektedag",
        (t("Datum evaluatie", "Date of evaluation"), "{{ evaluatie.datum }}"),
        (t("WVP-week", "WVP week"),
         t("Week {{ evaluatie.week or document.week }} van de wachttijd",
           "Week {{ evaluatie.week or document.week }} of the waiting period")),
        (t("Soort gesprek", "Type of meeting"), dash("evaluatie.soort")),
        (t("Deelnemers", "Participants"), dash("evaluatie.deelnemers")),
        (t("Vorige evaluatie", "Previous evaluation"),
         "{{ vorige_evaluatie.datum if vorige_evaluatie else \""
         + t("Geen (eerste evaluatie)", "None (first evaluation)") + "\" }}"
         "{{ (\" (\" ~ vorige_evaluatie.soort ~ \")\") if vorige_evaluatie and vorige_evaluatie.soort else \"\" }}"),
        "spoor", "casemanager", "bedrijfsarts",
    ])

    b.h1(t("Voortgang", "Progress"))
    b.p(dash("evaluatie.samenvatting", t("Geen samenvatting vastgelegd.", "No summary recorded.")))

    b.h1(t("Afspraken uit de vorige evaluatie", "Agreements from the previous evaluation"))
    b.tag("{%p if vorige_evaluatie %}")
    b.p(t("Afgesproken op {{ vorige_evaluatie.datum }}"
          "{{ (\" (\" ~ vorige_evaluatie.soort|lower ~ \")\") if vorige_evaluatie.soort else \"\" }}:",
          "Agreed on {{ vorige_evaluatie.datum }}"
          "{{ (\" (\" ~ vorige_evaluatie.soort|lower ~ \")\") if vorige_evaluatie.soort else \"\" }}:"))
    b.tag("{%p if vorige_evaluatie.afspraken %}")
    b.p("{{ vorige_evaluatie.afspraken }}")
    b.tag("{%p else %}")
    b.prompt("[Aanvullen: de afspraken uit het verslag van die evaluatie; ze staan niet op blad Evaluaties.]",
             "[Complete: the agreements from the report of that evaluation; they are not on the sheet "
             "Evaluaties.]")
    b.tag("{%p endif %}")
    b.prompt("[Aanvullen: zijn deze afspraken nagekomen? Zo niet, waarom niet en wat is "
             "daarop besloten?]",
             "[Complete: were these agreements kept? If not, why not and what was decided?]")
    b.tag("{%p else %}")
    b.p(t("Dit is de eerste evaluatie in dit dossier.",
          "This is the first evaluation in this dossier."))
    b.tag("{%p endif %}")

    b.h1(t("Afspraken en bijgestelde acties", "Agreements and updated actions"))
    b.p(dash("evaluatie.afspraken",
             t("Geen nieuwe afspraken vastgelegd.", "No new agreements recorded.")))

    b.h1(t("Activiteiten in deze periode", "Activities in this period"))
    activities_table(b, "activiteiten_periode", "Geen activiteiten vastgelegd in deze periode.",
                     "No activities recorded in this period.")

    applications_in_period(b, '"2" in (casus.spoor or "")')

    b.h1(t("Komende WVP-termijnen", "Upcoming WVP deadlines"))
    open_deadlines_table(b)

    b.h1(t("Volgende evaluatie", "Next evaluation"))
    b.tag("{%p if evaluatie.volgende_evaluatie %}")
    b.p(t("De volgende evaluatie is gepland op {{ evaluatie.volgende_evaluatie }}.",
          "The next evaluation is scheduled for {{ evaluatie.volgende_evaluatie }}."))
    b.tag("{%p elif volgende_evaluatie.uiterlijk %}")
    b.p(t("Er is nog geen datum gepland. De volgende evaluatie moet uiterlijk op "
          "{{ volgende_evaluatie.uiterlijk }} plaatsvinden, 6 weken na {{ volgende_evaluatie.na }}.",
          "No date has been set yet. The next evaluation must take place by "
          "{{ volgende_evaluatie.uiterlijk }}, 6 weeks after {{ volgende_evaluatie.na }}."))
    b.tag("{%p else %}")
    b.p(t("Er is geen volgende evaluatie meer nodig volgens de WVP-kalender.",
          "According to the WVP calendar no further evaluation is needed."))
    b.tag("{%p endif %}")

    b.h1(t("Ondertekening", "Signatures"))
    b.p(t("Werknemer en werkgever hebben dit verslag gelezen. De werknemer kan een eigen "
          "zienswijze toevoegen.",
          "Employee and employer have read this report. The employee may add their own view."))
    signatures(b, "werknemer", "werkgever")
    return b


def build_eindrapportage(lang: str) -> Builder:
    b = new_document(lang, "Eindrapportage re-integratie", "Final re-integration report")
    t = b.t
    gegevens(b, [
        "casusnummer", "werknemer", "functie", "contracturen", "werkgever", "contactpersoon",
        "eerste_ziektedag", "datum_document", "week", "spoor", "casemanager", "bedrijfsarts",
        "arbeidsdeskundige", "re_integratiebureau", "coach",
        (t("Start 2e spoor", "Start of second track"),
         dash("casus.start_2e_spoor", t("Niet gestart", "Not started"))),
        (t("Actueel oordeel bedrijfsarts", "Current assessment (physician)"),
         dash("casus.datum_actueel_oordeel", t("Nog niet ontvangen", "Not yet received"))),
        (t("Eindevaluatie", "Final evaluation"),
         dash("casus.datum_eindevaluatie", t("Nog niet gehouden", "Not yet held"))),
        (t("Verlenging wachttijd", "Extension of waiting period"),
         "{{ (casus.verlenging_wachttijd ~ \"" + t(" weken", " weeks") + "\") if "
         "casus.verlenging_wachttijd else \"" + t("Geen", "None") + "\" }}"),
        (t("WIA-aanvraag uiterlijk", "WIA application due"),
         "{{ mijlpalen.wia_aanvraag.uiterlijk }}"),
    ])

    b.h1(t("Aanleiding", "Purpose"))
    b.p(t("Deze eindrapportage beschrijft het verloop en het resultaat van de re-integratie "
          "van {{ casus.naam_werknemer }} en maakt deel uit van het re-integratieverslag (RIV). "
          "Het re-integratieverslag moet uiterlijk {{ mijlpalen.re_integratieverslag.uiterlijk }} "
          "compleet zijn; de werknemer vraagt de WIA-uitkering uiterlijk "
          "{{ mijlpalen.wia_aanvraag.uiterlijk }} aan.",
          "This final report describes the course and result of the re-integration of "
          "{{ casus.naam_werknemer }} and is part of the re-integration report (RIV). The RIV "
          "must be complete by {{ mijlpalen.re_integratieverslag.uiterlijk }}; the employee "
          "applies for WIA benefit by {{ mijlpalen.wia_aanvraag.uiterlijk }}."))
    verlenging_paragraph(b)

    b.h2(t("Verzuimperiodes", "Periods of absence"))
    b.loop_table(
        [t("Van", "From"), t("Tot en met", "Until")],
        "v in verzuimperiodes",
        ["{{ v.van }}", dash("v.tot", t("heden", "present"))],
        [5.0, 5.0],
        "Geen verzuimperiodes vastgelegd.", "No periods of absence recorded.")

    b.h1(t("Wat is er gedaan", "What has been done"))
    activities_table(b, "activiteiten", "Geen activiteiten vastgelegd.", "No activities recorded.")
    b.p(t("Aantal evaluaties in het dossier: {{ evaluaties|length }}.",
          "Number of evaluations in the dossier: {{ evaluaties|length }}."))

    b.h1(t("Inzet en medewerking van de werknemer", "Employee's effort and cooperation"))
    b.tag("{%p if evaluaties|selectattr(\"samenvatting\")|list %}")
    b.p(t("Uit het laatste evaluatieverslag ({{ (evaluaties|selectattr(\"samenvatting\")|list|last).datum }}):",
          "From the latest evaluation report ({{ (evaluaties|selectattr(\"samenvatting\")|list|last).datum }}):"))
    b.p("{{ (evaluaties|selectattr(\"samenvatting\")|list|last).samenvatting }}")
    b.tag("{%p endif %}")
    b.prompt("[Aanvullen: hoe heeft de werknemer meegewerkt aan de re-integratie? Zijn "
             "afspraken nagekomen en is voldoende inzet getoond?]",
             "[Complete: how did the employee cooperate in the re-integration? Were "
             "agreements kept and was sufficient effort shown?]")

    b.h1(t("Sollicitaties", "Job applications"))
    b.tag("{%p if sollicitaties %}")
    count = b.p(t("Totaal aantal sollicitaties: {{ sollicitaties|length }}.",
                  "Total number of applications: {{ sollicitaties|length }}."))
    count.paragraph_format.keep_with_next = True
    b.tag("{%p endif %}")
    applications_table(b, "sollicitaties", "Geen sollicitaties vastgelegd.", "No applications recorded.")

    b.h1(t("Resultaat en verhouding tot verdiencapaciteit",
           "Result and relation to earning capacity"))
    b.prompt("[Aanvullen: wat is het resultaat van de re-integratie (hervat werk, uren, "
             "functie, plaatsing elders of geen plaatsing) en hoe verhoudt dit zich tot de "
             "resterende verdiencapaciteit volgens de arbeidsdeskundige?]",
             "[Complete: what is the result of the re-integration (work resumed, hours, job, "
             "placement elsewhere or no placement) and how does it relate to the remaining "
             "earning capacity according to the labour expert?]")

    b.h1(t("Vervolgstappen", "Next steps"))
    b.bullet(t("Actueel oordeel van de bedrijfsarts: {{ casus.datum_actueel_oordeel or "
               "\"nog op te vragen\" }} (uiterlijk {{ mijlpalen.actueel_oordeel.uiterlijk }}).",
               "Current assessment by the occupational physician: "
               "{{ casus.datum_actueel_oordeel or \"still to be requested\" }} "
               "(by {{ mijlpalen.actueel_oordeel.uiterlijk }})."))
    b.bullet(t("Eindevaluatie met werknemer en werkgever: {{ casus.datum_eindevaluatie or "
               "\"nog te plannen\" }} (uiterlijk {{ mijlpalen.eindevaluatie.uiterlijk }}).",
               "Final evaluation with employee and employer: {{ casus.datum_eindevaluatie or "
               "\"still to be scheduled\" }} (by {{ mijlpalen.eindevaluatie.uiterlijk }})."))
    b.bullet(t("Re-integratieverslag compleet en in kopie aan de werknemer: uiterlijk "
               "{{ mijlpalen.re_integratieverslag.uiterlijk }}.",
               "Re-integration report complete and copied to the employee: by "
               "{{ mijlpalen.re_integratieverslag.uiterlijk }}."))
    b.bullet(t("WIA-aanvraag door de werknemer bij UWV: {{ casus.datum_wia_aanvraag or "
               "\"nog niet ingediend\" }} (uiterlijk {{ mijlpalen.wia_aanvraag.uiterlijk }}).",
               "WIA application by the employee to UWV: {{ casus.datum_wia_aanvraag or "
               "\"not yet submitted\" }} (by {{ mijlpalen.wia_aanvraag.uiterlijk }})."))
    b.prompt("[Aanvullen: overige afspraken, zoals voortzetting van het traject of het "
             "dienstverband.]",
             "[Complete: other agreements, such as continuation of the programme or of the "
             "employment.]")

    b.h1(t("Overzicht WVP-tijdlijn", "WVP timeline overview"))
    b.loop_table(
        [t("Mijlpaal", "Milestone"), t("Week", "Week"), t("Uiterlijk", "Due"),
         t("Gedaan", "Done"), t("Status", "Status")],
        "m in kalender",
        ["{{ m.naam }}", "{{ m.week }}", "{{ m.uiterlijk }}", dash("m.gedaan"), "{{ m.status }}"],
        [5.2, 1.3, 3.3, 3.3, 3.5],
        "Geen tijdlijn beschikbaar.", "No timeline available.")

    b.h1(t("Ondertekening", "Signatures"))
    signatures(b, "werknemer", "werkgever", "re_integratiebureau")
    return b


def build_maandrapportage(lang: str) -> Builder:
    """The monthly progress report that `poortwachter mailout` sends when no evaluation was held
    that month: the month's Evaluaties, Activiteiten and Sollicitaties rows plus the open WVP
    deadlines. Complete without editing (no fill-in prompts), as it goes out by mail."""
    b = new_document(lang, "Maandrapportage re-integratie", "Monthly re-integration report")
    t = b.t
    gegevens(b, [
        "casusnummer", "werknemer", "functie", "werkgever", "contactpersoon", "eerste_ziektedag",
        (t("Periode", "Period"), t("{{ periode.van }} tot en met {{ periode.tot }}",
                                   "{{ periode.van }} to {{ periode.tot }}")),
        "datum_document", "week", "spoor", "casemanager", "re_integratiebureau",
    ])

    b.h1(t("Aanleiding", "Purpose"))
    b.p(t("Deze rapportage beschrijft de voortgang van de re-integratie van {{ casus.naam_werknemer }} "
          "van {{ periode.van }} tot en met {{ periode.tot }}: de gesprekken, de activiteiten"
          "{{ \" en de sollicitaties\" if \"2\" in (casus.spoor or \"\") else \"\" }} in die periode en de "
          "termijnen van de Wet verbetering poortwachter die nog openstaan.",
          "This report describes the progress of the re-integration of {{ casus.naam_werknemer }} "
          "from {{ periode.van }} to {{ periode.tot }}: the meetings, the activities"
          "{{ \" and the job applications\" if \"2\" in (casus.spoor or \"\") else \"\" }} in that period and "
          "the deadlines under the Gatekeeper Improvement Act that are still open."))
    verlenging_paragraph(b)

    b.h1(t("Gesprekken en evaluaties in deze periode", "Meetings and evaluations in this period"))
    b.loop_table(
        [t("Datum", "Date"), t("Soort", "Type"), t("Samenvatting", "Summary"),
         t("Afspraken", "Agreements")],
        "e in evaluaties_periode",
        ["{{ e.datum }}", dash("e.soort"), dash("e.samenvatting"), dash("e.afspraken")],
        [3.3, 3.6, 4.9, 4.8],
        "Geen gesprekken vastgelegd in deze periode.", "No meetings recorded in this period.")

    b.h1(t("Activiteiten in deze periode", "Activities in this period"))
    activities_table(b, "activiteiten_periode", "Geen activiteiten vastgelegd in deze periode.",
                     "No activities recorded in this period.")

    applications_in_period(b, '"2" in (casus.spoor or "") or sollicitaties_periode')

    b.h1(t("Openstaande WVP-termijnen", "Open WVP deadlines"))
    open_deadlines_table(b)
    b.p(t("Evaluaties vinden ten minste elke 6 weken plaats. De volgende rapportage volgt over de "
          "volgende maand.",
          "Evaluations take place at least every 6 weeks. The next report will cover the next month."))
    return b


BUILDERS = {
    "probleemanalyse": build_probleemanalyse,
    "plan-van-aanpak": build_plan_van_aanpak,
    "trajectplan": build_trajectplan,
    "evaluatie": build_evaluatie,
    "eindrapportage": build_eindrapportage,
    "maandrapportage": build_maandrapportage,
}


def main() -> None:
    for lang in ("nl", "en"):
        for name, build in BUILDERS.items():
            path = HERE / lang / f"{name}.docx"
            build(lang).save(path)
            print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
