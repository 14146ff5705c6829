"""Pages Poortwachter draws itself (reportlab): a mail as a printable page, a text file, a sheet as a
table, images as pages, and the cover's building blocks (fonts and styles).

A Unicode TrueType font is used when the system has one (DejaVu Sans, Arial, Liberation Sans),
so names like Yılmaz print as written; otherwise reportlab's own Vera.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

MARGIN = 18 * mm
MAX_TABLE_ROWS = 2000
MAX_TABLE_COLUMNS = 20
MAX_IMAGE_SIDE = 2480         # pixels: A4 at 300 dpi, enough to read any scan
_FONT_PAIRS = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
)


@functools.lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab."""
    import reportlab

    bundled = Path(reportlab.__file__).parent / "fonts"
    for regular, bold in (*_FONT_PAIRS, (str(bundled / "Vera.ttf"), str(bundled / "VeraBd.ttf"))):
        if Path(regular).is_file() and Path(bold).is_file():
            try:
                pdfmetrics.registerFont(TTFont("PW-Regular", regular))
                pdfmetrics.registerFont(TTFont("PW-Bold", bold))
                return "PW-Regular", "PW-Bold"
            except Exception:  # noqa: BLE001 - a damaged system font: try the next
                continue
    return "Helvetica", "Helvetica-Bold"


@functools.lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=20, leading=25, spaceAfter=4),
        "sub": ParagraphStyle("sub", fontName=regular, fontSize=10, leading=13, textColor=colors.HexColor("#555555"),
                              spaceAfter=10),
        "h": ParagraphStyle("h", fontName=bold, fontSize=13, leading=17, spaceBefore=10, spaceAfter=5),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.5),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5),
        "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=8.5, leading=10.5),
        "gap": ParagraphStyle("gap", fontName=regular, fontSize=9, leading=12, leftIndent=10, bulletIndent=0),
    }


def para(text: str, style: str = "body", bullet: str | None = None) -> Paragraph:
    """A paragraph of plain text (never markup: a name like 'Jansen & Zn <BV>' prints as written)."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), styles()[style], bulletText=bullet)


def grid(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    table.setStyle(TableStyle(commands))
    return table


def build(story: list, pagesize=A4) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 6 * mm, title="", author="Poortwachter", creator="Poortwachter")
    doc.build(story or [Spacer(1, 1)])
    return out.getvalue()


def mail_page(title: str, headers: list[tuple[str, str]], body: str, attachments: list[str],
              attachments_label: str) -> bytes:
    """A mail as a printable page: its headers, its text and the names of what it carried."""
    width = A4[0] - 2 * MARGIN
    story = [para(title, "h"),
             grid([[para(k, "cellb"), para(v, "cell")] for k, v in headers], [32 * mm, width - 32 * mm], header=False),
             Spacer(1, 8)]
    story += [para(line, "body") if line.strip() else Spacer(1, 6) for line in body.splitlines()]
    if attachments:
        story += [Spacer(1, 8), para(attachments_label, "cellb")]
        story += [para(name, "small", bullet="•") for name in attachments]
    return build(story)


def text_page(title: str, text: str) -> bytes:
    story = [para(title, "h")]
    story += [para(line, "body") if line.strip() else Spacer(1, 6) for line in text.splitlines()]
    return build(story)


def table_pages(sheets: list[tuple[str, list[list[str]], int]], sheet_label: str, cut_label: str) -> bytes:
    """Each sheet as a readable table (landscape A4): (name, rows, rows left out)."""
    width = landscape(A4)[0] - 2 * MARGIN
    story = []
    for name, rows, cut in sheets:
        story.append(para(f"{sheet_label}: {name}", "h"))
        if rows:
            columns = max(len(r) for r in rows)
            cells = [[para(v, "cellb" if i == 0 else "cell") for v in row + [""] * (columns - len(row))]
                     for i, row in enumerate(rows)]
            story.append(grid(cells, [width / columns] * columns))
        if cut:
            story.append(para(cut_label.format(n=cut), "small"))
    return build(story, landscape(A4))


def image_pages(frames: list) -> bytes:
    """PIL images, one A4 page each (landscape for a wide image), scaled to fit inside the margins."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setCreator("Poortwachter")
    for frame in frames:
        size = landscape(A4) if frame.width > frame.height else A4
        page.setPageSize(size)
        if max(frame.size) > MAX_IMAGE_SIDE:
            frame = frame.copy()
            frame.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
        box_w, box_h = size[0] - 2 * MARGIN, size[1] - 2 * MARGIN
        scale = min(box_w / frame.width, box_h / frame.height)
        w, h = frame.width * scale, frame.height * scale
        page.drawImage(ImageReader(frame), (size[0] - w) / 2, (size[1] - h) / 2, w, h)
        page.showPage()
    page.save()
    return out.getvalue()
