"""The look of the docx check report: landscape pages, tables whose columns fit their words,
severity in colour, a traffic-light overview and each case's timeline picture.

docx_report.py decides what the report says; this module decides how it looks. Word wraps
a table cell wherever the column ends, also inside a word ("Wee k", "waarschuwi ng") when
the column is narrower than the word. So every table here has a fixed layout whose columns
are at least as wide as the longest word they hold (measured with the report's font size),
and long file paths get a break opportunity after each '/'.
"""

from __future__ import annotations

import io

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from plugin.core.words import word, words

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(29.7), Cm(21.0), Cm(1.6)
TEXT_WIDTH_CM = 29.7 - 2 * 1.6
FILLS = {"error": "F4CCCC", "warning": "FFF2CC", "info": "E7EEF7", "ok": "D9EAD3"}
INK = {"error": RGBColor(0xA3, 0x15, 0x15), "warning": RGBColor(0x7A, 0x52, 0x00), "info": RGBColor(0x37, 0x47, 0x4F),
       "ok": RGBColor(0x1B, 0x5E, 0x20)}
LIGHT = {"error": "C62828", "warning": "F9A825", "ok": "2E7D32"}
CHAR_CM = 0.235        # a wide character at 9.5 pt (bold, or a wide substitute font such as DejaVu), in cm
CELL_PADDING_CM = 0.5  # Word's default cell margins (2 x 0.19 cm) and a little air
NOWRAP_MAX_CM = 4.5    # a column of short values (weight 0) is as wide as its longest value, up to this


def page(document) -> None:
    """A4 landscape with narrow margins: the findings tables need the width."""
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = Cm(1.5)


def breakable(text: str) -> str:
    """Paths may wrap after a '/' or '\\' instead of inside a name (a zero-width space there)."""
    return text.replace("/", "/\u200b").replace("\\", "\\\u200b")


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.replace("\u200b", " ").split()), default=0)


def fit_widths(rows: list[list[str]], weights: list[float], total_cm: float = TEXT_WIDTH_CM) -> list[float]:
    """Column widths (cm): each at least its longest word, the rest shared by weight.

    A column of weight 0 holds short values (a rule id, a date, a count): it is made as wide
    as its longest value, up to NOWRAP_MAX_CM, so those never wrap at all.
    """
    minimum = []
    for i, weight in enumerate(weights):
        word = max(_longest_word(row[i]) for row in rows) * CHAR_CM + CELL_PADDING_CM
        whole = max(len(row[i]) for row in rows[1:]) * CHAR_CM + CELL_PADDING_CM if len(rows) > 1 else 0
        minimum.append(max(word, min(whole, NOWRAP_MAX_CM)) if weight == 0 else word)
    spare = max(0.0, total_cm - sum(minimum))
    share = sum(weights) or 1.0
    return [m + spare * w / share for m, w in zip(minimum, weights)]


def _table_width(table, width_cm: float) -> None:
    """The table's own width (w:tblW), so Word and LibreOffice keep the fixed column widths."""
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.insert(1, width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(int(width_cm / 2.54 * 1440)))


def shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def table(document, header: list[str], rows: list[list[str]], weights: list[float], fills: list[str | None] | None = None):
    """A table that fits the page: fixed layout, fitted widths, bold shaded header repeated on each page."""
    widths = fit_widths([header, *rows], weights)
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False   # w:tblLayout fixed: the widths below are kept, not recomputed from the text
    _table_width(grid, sum(widths))
    for cell, text in zip(grid.rows[0].cells, header):
        cell.text = text
        shade(cell, "DDE3EA")
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(9.5)
    _repeat_header(grid.rows[0])
    for index, values in enumerate(rows):
        cells = grid.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = text
            for run in (r for p in cell.paragraphs for r in p.runs):
                run.font.size = Pt(9.5)
        fill = fills[index] if fills else None
        if fill:
            for cell in cells:
                shade(cell, fill)
    for column, width in zip(grid.columns, widths):
        column.width = Cm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
    return grid


def colour_cell(cell, severity: str) -> None:
    """A severity cell: its own fill and dark text of the same colour, bold."""
    shade(cell, FILLS[severity])
    for run in (r for p in cell.paragraphs for r in p.runs):
        run.bold = True
        run.font.color.rgb = INK[severity]


def case_light(counts: dict[str, int]) -> str:
    return "error" if counts["error"] else "warning" if counts["warning"] else "ok"


def traffic_light(document, result, lang: str) -> None:
    """One line: how many cases are red, amber and green, each with a coloured dot."""
    lights = [case_light(case.counts()) for case in result.cases]
    paragraph = document.add_paragraph()
    w = words(lang)
    labels = {"error": w["report_light_errors"], "warning": w["with_warnings"], "ok": w["in_order"]}
    for light in ("error", "warning", "ok"):
        dot = paragraph.add_run("● ")
        dot.font.color.rgb = RGBColor.from_string(LIGHT[light])
        dot.font.size = Pt(16)
        text = paragraph.add_run(word("report_light", lang, n=lights.count(light), label=labels[light]) + "    ")
        text.bold = True
        text.font.size = Pt(11)


def timeline_png(timeline, width_px: int = 1500) -> bytes:
    """The case's timeline (plugin.core.timeline model) drawn as a PNG for Word."""
    from PIL import Image, ImageDraw, ImageFont

    from plugin.core.timeline import COLOURS

    scale = width_px / 960
    key_lines = _key_lines(timeline, width_px, scale)
    height = int((222 + 16 * len(key_lines)) * scale)
    image = Image.new("RGB", (width_px, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=int(11 * scale))
    bold = ImageFont.load_default(size=int(12 * scale))
    left, right, axis = 24 * scale, 24 * scale, 132 * scale
    span = width_px - left - right
    x = lambda week: left + max(0.0, min(week, timeline.weeks)) / timeline.weeks * span  # noqa: E731
    r = 5 * scale
    draw.rounded_rectangle((left, axis - r, left + span, axis + r), radius=r, fill="#e3e8ee")
    if timeline.today is not None:
        draw.rounded_rectangle((left, axis - r, x(timeline.today), axis + r), radius=r, fill="#b7c7d9")
    for week in range(0, timeline.weeks + 1, 13):
        draw.line((x(week), axis + 6 * scale, x(week), axis + 11 * scale), fill="#78909c", width=2)
        draw.text((x(week), axis + 16 * scale), f"wk {week}", font=font, fill="#546e7a", anchor="mt")
    big = sorted((m for m in timeline.marks if not m.small), key=lambda m: m.week)
    ends = [-1e9] * 5
    for mark in big:
        width = draw.textlength(mark.label, font=bold)
        start = x(mark.week) - width / 2
        row = next((i for i in range(5) if ends[i] + 6 * scale <= start), min(range(5), key=lambda i: ends[i]))
        ends[row] = start + width
        colour = COLOURS[mark.state]
        cx, label_y = x(mark.week), axis - (24 + row * 18) * scale
        draw.line((cx, label_y + 2 * scale, cx, axis - 6 * scale), fill=colour, width=1)
        if mark.state in ("done", "done_late"):
            draw.polygon([(cx, axis - 7 * scale), (cx + 7 * scale, axis), (cx, axis + 7 * scale),
                          (cx - 7 * scale, axis)], fill=colour, outline="white")
        else:
            draw.ellipse((cx - 6 * scale, axis - 6 * scale, cx + 6 * scale, axis + 6 * scale), fill=colour,
                         outline="white")
        draw.text((cx, label_y), mark.label, font=bold, fill=colour, anchor="mb")
    for mark in (m for m in timeline.marks if m.small):
        cx, y = x(mark.week), axis + 40 * scale
        draw.polygon([(cx - 4 * scale, y), (cx + 4 * scale, y), (cx, y - 7 * scale)], fill=COLOURS[mark.state])
    ty = axis + 52 * scale
    draw.polygon([(left, ty + 4 * scale), (left + 8 * scale, ty + 4 * scale), (left + 4 * scale, ty - 3 * scale)],
                 fill="#546e7a")
    draw.text((left + 12 * scale, ty), timeline.words("timeline_evaluations"), font=font, fill="#546e7a", anchor="lm")
    if timeline.today is not None:
        tx = x(timeline.today)
        draw.line((tx, 18 * scale, tx, axis + 12 * scale), fill="#1d2733", width=max(2, int(1.5 * scale)))
        draw.text((tx, 14 * scale), timeline.words("timeline_today", week=int(timeline.today) + 1),
                  font=bold, fill="#1d2733", anchor="mb")
    lx = left
    legend_y = height - (18 + 16 * len(key_lines)) * scale
    for state, text in timeline.legend_items():
        draw.ellipse((lx, legend_y, lx + 10 * scale, legend_y + 10 * scale), fill=COLOURS[state])
        draw.text((lx + 14 * scale, legend_y + 5 * scale), text, font=font, fill="#37474f", anchor="lm")
        lx += 24 * scale + draw.textlength(text, font=font)
    for number, line in enumerate(key_lines):   # what PA, PvA, AO, ... stand for
        draw.text((left, height - (10 + 16 * (len(key_lines) - 1 - number)) * scale), line, font=font,
                  fill="#546e7a", anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def _key_lines(timeline, width_px: int, scale: float) -> list[str]:
    """The key to the abbreviations, wrapped to the picture's width."""
    from PIL import ImageFont

    if not timeline.key:
        return []
    font = ImageFont.load_default(size=int(11 * scale))
    room = width_px - 48 * scale
    lines, line = [], timeline.words("timeline_key") + ":"
    for short, name in timeline.key:
        piece = f" {short} = {name};"
        if font.getlength(line + piece) > room:
            lines.append(line)
            line = piece.strip()
        else:
            line += piece
    return lines + [line.rstrip(";")]


def timeline_picture(document, case, as_of, lang: str) -> None:
    """The case's timeline under its heading; nothing when its first sick day is unknown."""
    from plugin.core.timeline import from_check

    model = from_check(case, as_of, lang)
    if model is None:
        return
    document.add_picture(io.BytesIO(timeline_png(model)), width=Cm(TEXT_WIDTH_CM - 0.5))
