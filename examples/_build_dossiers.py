"""Writes examples/dossiers/: dossier folders as a casemanager's share drive looks, written
"by other parties" (arbodienst, employer, re-integration bureau, UWV), for `poortwachter check`.

    python examples/_build_dossiers.py            # wipe and rewrite examples/dossiers (LEESMIJ.md is kept)
    python examples/_build_dossiers.py --check    # also scan the result and compare with EXPECTED

Deterministic: fixed timestamps in every zip, PDF and mail, fixed MIME boundaries, no
randomness, so a rebuild gives the same bytes. The dates match examples/casussen.xlsx
(examples/_build_workbook.py); change them together. Texts describe functional
limitations only, never a diagnosis (AVG). The PDF, .msg and JPEG writers live in
examples/_writers.py, shared with bench/ and the reader tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx
import openpyxl
from docx.shared import Pt

from _writers import (HELVETICA, HELVETICA_BOLD, image_pdf, make_jpeg, make_msg, pdf_date, pdf_escape,
                      pdf_file)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "dossiers"
KEEP = {"LEESMIJ.md"}
D = dt.date
CET = dt.timezone(dt.timedelta(hours=1), "CET")
CEST = dt.timezone(dt.timedelta(hours=2), "CEST")

Blocks = list[tuple[str, object]]  # ("title"|"h"|"p"|"list"|"table"|"blank", value)


def at(day: D, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A local Dutch timestamp (summer time from the last Sunday of March to October's)."""
    def last_sunday(month: int) -> D:
        d = D(day.year, month, 31)
        return d - dt.timedelta(days=(d.weekday() + 1) % 7)
    zone = CEST if last_sunday(3) <= day < last_sunday(10) else CET
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def nl(day: D) -> str:
    return day.strftime("%d-%m-%Y")


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def lang_nl(day: D) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def lang_en(day: D) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


# ----------------------------------------------------------------------------------------------
# Writers: Word, PDF, plain text, e-mail, Excel (the PDF, .msg and JPEG bytes come from _writers)
# ----------------------------------------------------------------------------------------------

ZIP_TIME = (2020, 1, 1, 0, 0, 0)
_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def normalise_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite an Office file with fixed member timestamps and core dates (deterministic bytes)."""
    iso = stamp.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "docProps/core.xml":
                body = _CORE_DATE.sub(lambda m: m.group(1) + iso + m.group(2), body)
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, body)
    return out.getvalue()


def make_docx(blocks: Blocks, *, author: str, when: dt.datetime, header: str = "", footer: str = "",
              title: str = "", properties: dict[str, str] | None = None) -> bytes:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for kind, value in blocks:
        if kind == "title":
            document.add_heading(str(value), level=1)
        elif kind == "h":
            document.add_heading(str(value), level=2)
        elif kind == "p":
            document.add_paragraph(str(value))
        elif kind == "list":
            for item in value:  # type: ignore[union-attr]
                document.add_paragraph(str(item), style="List Bullet")
        elif kind == "table":
            rows = value  # type: ignore[assignment]
            grid = document.add_table(rows=len(rows), cols=len(rows[0]))
            grid.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    grid.cell(r, c).text = str(cell)
            document.add_paragraph("")
        elif kind == "blank":
            document.add_paragraph("")
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    core = document.core_properties
    core.author = core.last_modified_by = author
    core.title = title
    core.comments = core.subject = core.keywords = ""
    core.revision = 3
    core.created = when.replace(tzinfo=None) - dt.timedelta(hours=2)
    core.modified = when.replace(tzinfo=None)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if properties:
        data = _with_custom_properties(data, properties)
    return normalise_zip(data, when)


_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxml'
           'formats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/office'
           'Document/2006/docPropsVTypes">{}</Properties>')


def _with_custom_properties(data: bytes, properties: dict[str, str]) -> bytes:
    """Custom properties a bureau's own template might carry (not ours: ours come from generate)."""
    entries = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{k}">'
                      f"<vt:lpwstr>{v}</vt:lpwstr></property>" for i, (k, v) in enumerate(properties.items(), 2))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
            if item.filename == "_rels/.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdCustom" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/custom-properties" '
                                    b'Target="docProps/custom.xml"/></Relationships>')
            target.writestr(item, body)
        target.writestr("docProps/custom.xml", _CUSTOM.format(entries))
    return out.getvalue()


def _info(title: str, author: str, when: dt.datetime, creator: str, producer: str) -> dict[str, bytes]:
    return {"Title": b"(" + pdf_escape(title) + b")", "Author": b"(" + pdf_escape(author) + b")",
            "Creator": b"(" + pdf_escape(creator) + b")", "Producer": b"(" + pdf_escape(producer) + b")",
            "CreationDate": b"(" + pdf_date(when) + b")", "ModDate": b"(" + pdf_date(when) + b")"}


def make_pdf(blocks: Blocks, *, title: str, author: str, when: dt.datetime, header: str = "",
             creator: str = "Microsoft® Word voor Microsoft 365", producer: str = "Microsoft® Word voor Microsoft 365"
             ) -> bytes:
    """A text PDF (Helvetica, A4) with a real text layer: headings bold, paragraphs wrapped, page numbers."""
    lines: list[tuple[str, float, object]] = []  # (font, size, text or (label, value, x)); font '' = blank line
    blank = ("", 0.0, "")
    if header:
        lines += [("F1", 8.0, header), blank]
    for kind, value in blocks:
        if kind == "title":
            lines += [("F2", 15.0, str(value)), blank]
        elif kind == "h":
            lines += [blank, ("F2", 11.5, str(value))]
        elif kind == "p":
            lines += [("F1", 10.0, part) for part in textwrap.wrap(str(value), 95)] or [blank]
        elif kind == "list":
            for item in value:  # type: ignore[union-attr]
                wrapped = textwrap.wrap(str(item), 90)
                lines += [("F1", 10.0, ("- " if i == 0 else "  ") + part) for i, part in enumerate(wrapped)]
        elif kind == "table":
            rows = value  # type: ignore[assignment]
            if len(rows[0]) == 2:  # label and value, the value in a column of its own
                indent = min(150, 12 + 5.6 * max(len(str(row[0])) for row in rows))
                for label, cell in rows:
                    wrapped = textwrap.wrap(str(cell), 70) or [""]
                    lines += [("F1", 10.0, (str(label) if i == 0 else "", part, indent))  # type: ignore[misc]
                              for i, part in enumerate(wrapped)]
            else:
                widths = [max(len(str(row[c])) for row in rows) for c in range(len(rows[0]))]
                for row in rows:
                    text = "   ".join(str(cell).ljust(widths[c]) for c, cell in enumerate(row)).rstrip()
                    lines += [("F1", 10.0, part) for part in textwrap.wrap(text, 100)]
            lines.append(blank)
        elif kind == "blank":
            lines.append(blank)
    per_page = 56
    chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        body = bytearray(b"BT 14 TL 64 780 Td")
        for font, size, text in chunk:
            if isinstance(text, tuple):  # (label, value, x of the value column)
                label, cell, x = text
                body += b" /%s %.1f Tf (%s) Tj %.1f 0 Td (%s) Tj %.1f 0 Td" % (
                    font.encode(), size, pdf_escape(label), x, pdf_escape(cell), -x)
            elif font:
                body += b" /%s %.1f Tf (%s) Tj" % (font.encode(), size, pdf_escape(text))
            body += b" T*"
        body += b" ET\nBT /F1 8 Tf 480 40 Td (%s) Tj ET" % pdf_escape(f"Pagina {number} van {len(chunks)}")
        pages.append(bytes(body))
    return pdf_file(pages, b"<< /Font << /F1 3 0 R /F2 4 0 R >> >>", [HELVETICA, HELVETICA_BOLD],
                    info=_info(title, author, when, creator, producer), binary_marker=True)


def make_scan_pdf(pages: int, when: dt.datetime) -> bytes:
    """What a multifunctional printer makes: one greyscale JPEG per page, no text layer."""
    image = make_jpeg(48, 64, _scan_pixels)
    xobject = (b"<< /Type /XObject /Subtype /Image /Width 48 /Height 64 /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream" % (len(image), image))
    streams = [b"q 595 0 0 842 0 0 cm /Im1 Do Q"] * pages
    info = {"Creator": b"(RICOH MP C3004)", "Producer": b"(RICOH MP C3004)",
            "CreationDate": b"(" + pdf_date(when) + b")"}
    return pdf_file(streams, b"<< /XObject << /Im1 3 0 R >> >>", [xobject], info=info, binary_marker=True)


def make_scanned_pdf(blocks: Blocks, *, when: dt.datetime, dpi: int = 150) -> bytes:
    """A signed paper document put through the office scanner: the pages as greyscale images,
    no text layer (only OCR can read it). Rendered from make_pdf by PDFium."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(make_pdf(blocks, title="", author="", when=when))
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            width, height, stride, step = bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
            raw = bytes(bitmap.buffer)
            bitmap.close()
            page.close()
            pages.append((width, height, b"".join(raw[r * stride: r * stride + width * step: step]
                                                  for r in range(height))))
    finally:
        document.close()
    info = {"Creator": b"(RICOH MP C3004)", "Producer": b"(RICOH MP C3004)",
            "CreationDate": b"(" + pdf_date(when) + b")"}
    return image_pdf(pages, dpi=dpi, info=info)


def text_of(blocks: Blocks) -> str:
    """The blocks as a plain-text note or mail body."""
    out: list[str] = []
    for kind, value in blocks:
        if kind == "title":
            out += [str(value), ""]
        elif kind == "h":
            out += ["", str(value)]
        elif kind == "p":
            out.append(str(value))
        elif kind == "list":
            out += [f"- {item}" for item in value]  # type: ignore[union-attr]
        elif kind == "table":
            out += [": ".join(str(c) for c in row) if len(row) == 2 else "\t".join(map(str, row))
                    for row in value]  # type: ignore[union-attr]
            out.append("")
        elif kind == "blank":
            out.append("")
    return "\n".join(out).strip() + "\n"


MIME = {".pdf": ("application", "pdf"),
        ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")}


def make_eml(*, subject: str, sender: str, to: list[str], when: dt.datetime, body: str, cc: list[str] = (),
             attachments: list[tuple[str, bytes]] = (), html: bool = False, key: str = "x") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    domain = sender.rsplit("@", 1)[-1].rstrip(">")
    message["Message-ID"] = f"<{when:%Y%m%d%H%M%S}.{key}@{domain}>"
    message["X-Mailer"] = "Microsoft Outlook 16.0"
    message.set_content(body)
    if html:
        paragraphs = "".join(f"<p>{line}</p>" if line else "<p>&nbsp;</p>" for line in body.split("\n"))
        message.add_alternative(f"<html><body style=\"font-family:Calibri\">{paragraphs}</body></html>",
                                subtype="html")
    for name, data in attachments:
        maintype, subtype = MIME.get(Path(name).suffix.lower(), ("application", "octet-stream"))
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"----=_NextPart_{index:03d}_{key}_{when:%Y%m%d%H%M}")
    return message.as_bytes(policy=policy.SMTP)


def make_xlsx(title: str, as_of: D, header: list[str], rows: list[list[object]], *, author: str,
              when: dt.datetime) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sollicitaties"
    sheet.append([title])
    sheet.append(["Datum overzicht", as_of])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD-MM-YYYY"
    for column, width in zip("ABCDEF", (14, 26, 30, 24, 36, 12)):
        sheet.column_dimensions[column].width = width
    book.properties.creator = book.properties.lastModifiedBy = author
    buffer = io.BytesIO()
    book.save(buffer)
    return normalise_zip(buffer.getvalue(), when)


def _photo_pixels(bx: int, by: int) -> int:
    return 70 + 18 * by + (25 if 1 <= bx <= 2 and by >= 1 else 0)  # a desk against a wall


def _scan_pixels(bx: int, by: int) -> int:
    return 238 if by in (0, 7) or bx in (0, 5) or by % 2 else 205  # margins and lines of text


# ----------------------------------------------------------------------------------------------
# The cases (see examples/_build_workbook.py)
# ----------------------------------------------------------------------------------------------

EL_AMRANI = dict(id="2025-001", name="Fatima el Amrani", short="F. el Amrani", title="mevrouw El Amrani",
                 employer="Bouwbedrijf Jansen & Zn B.V.", contact="M. Jansen", contact_full="Marco Jansen",
                 job="calculator", hours=36, sick=D(2025, 1, 13), cm="Ellen de Wit", ba="R. Hoekstra",
                 ad="drs. K. Smit", bureau="WerkSame", coach="Linda Bos", arbo="Arbodienst Midden")
DE_VRIES = dict(id="2025-002", name="Pieter de Vries", short="P. de Vries", title="de heer De Vries",
                employer="Zorggroep Het Anker", contact="A. Mulder", contact_full="Ans Mulder",
                job="verpleegkundige", hours=32, sick=D(2025, 6, 2), cm="Ellen de Wit", ba="S. Verhoeven",
                arbo="ArboZorg Noord")
THOMPSON = dict(id="2025-003", name="Sarah Thompson", short="S. Thompson", employer="Northwind Logistics B.V.",
                contact="T. Baker", contact_full="Tom Baker", job="Customer service lead", hours=40,
                sick=D(2025, 9, 8), cm="James O'Neill", ba="P. Jansen", arbo="OccuCare Occupational Health")
VISSER = dict(id="2026-005", name="Anouk Visser", short="A. Visser", title="mevrouw Visser",
              employer="Kapsalon Visser", contact="M. Visser", contact_full="Mirjam Visser", job="kapster", hours=24,
              sick=D(2026, 9, 28), cm="Ellen de Wit", ba="S. Verhoeven", arbo="ArboZorg Noord")
YILMAZ = dict(id="2026-006", name="Mehmet Yilmaz", short="M. Yilmaz", title="de heer Yilmaz",
              employer="Installatietechniek Oost", contact="R. Oost", contact_full="Rob Oost", job="monteur",
              hours=40, sick=D(2026, 3, 16), cm="Ellen de Wit", ba="P. Jansen", arbo="Arbodienst Oost")
VERBEEK = dict(id="2025-008", name="Sanne Verbeek", short="S. Verbeek", title="mevrouw Verbeek",
               employer="Tuincentrum De Linde B.V.", contact="H. de Linde", contact_full="Henk de Linde",
               job="verkoopmedewerker", hours=32, sick=D(2025, 3, 3), cm="Ellen de Wit", ba="S. Verhoeven",
               ad="drs. K. Smit", arbo="ArboZorg Noord")
JANSEN = dict(id="2026-007", name="Kees Jansen", short="K. Jansen", title="de heer Jansen",
              employer="Drukkerij Van Leeuwen", contact="S. van Leeuwen", contact_full="Sandra van Leeuwen",
              job="drukker", hours=38, sick=D(2026, 3, 2), cm="Ellen de Wit", ba="M. Koster", arbo="Arbodienst Midden")

LIMITS_EL_AMRANI = ["Kan maximaal 4 uur per dag werken, verdeeld over de dag (bijvoorbeeld 2 x 2 uur).",
                    "Niet tillen boven 10 kg; geen werk op hoogte (steigers, daken, ladders).",
                    "Beperkt in werken onder hoge tijdsdruk; deadlines moeten vooraf haalbaar zijn.",
                    "Zittend werk met afwisseling is passend; beeldschermwerk in blokken van ongeveer een uur."]
LIMITS_DE_VRIES = ["Kan lichte fysieke taken doen; geen patiënten tillen of transfers zonder tillift.",
                   "Niet langer dan 30 minuten achtereen staan; daarna zittend werk of pauze.",
                   "Geen nachtdiensten; dagdiensten van maximaal 4 uur.",
                   "Kan administratieve en coördinerende taken op de afdeling doen."]


def gegevens(case: dict, day: D, *extra: tuple[str, str]) -> Blocks:
    rows = [["Datum", nl(day)], ["Werknemer", case["name"]], ["Werkgever", case["employer"]],
            ["Functie", f"{case['job']}, {case['hours']} uur per week"], *[list(e) for e in extra]]
    return [("table", rows)]


def signature(*names: str) -> Blocks:
    return [("h", "Ondertekening"), ("table", [["Naam", "Rol", "Handtekening"], *[[n, r, ""] for n, r in
                                                                                   (x.split("|") for x in names)]])]


def probleemanalyse(case: dict, day: D, limits: list[str], prognose: str, eigen_werk: str, advies: list[str]
                    ) -> Blocks:
    return [("title", "Probleemanalyse"),
            ("p", "Advies van de bedrijfsarts (artikel 2 Regeling procesgang eerste en tweede ziektejaar)"),
            *gegevens(case, day, ("Eerste ziektedag", nl(case["sick"])), ("Bedrijfsarts", case["ba"]),
                      ("Casemanager", case["cm"])),
            ("h", "1. Aanleiding"),
            ("p", f"Ik heb {case['title']} gesproken op het spreekuur van {lang_nl(day)}. Op basis daarvan volgt "
                  "hieronder mijn advies aan werkgever en werknemer. Deze probleemanalyse bevat alleen wat de "
                  "werkgever mag weten: de functionele mogelijkheden en beperkingen, de verwachte duur en het "
                  "advies over werkhervatting. Medische gegevens blijven bij de bedrijfsarts."),
            ("h", "2. Functionele mogelijkheden en beperkingen"), ("list", limits),
            ("h", "3. Prognose"), ("p", prognose),
            ("h", "4. Mogelijkheden in het eigen werk"), ("p", eigen_werk),
            ("h", "5. Advies"), ("list", advies),
            ("p", "Werkgever en werknemer stellen op basis van dit advies samen een plan van aanpak op. Bij "
                  "verschil van inzicht kan een van beiden een deskundigenoordeel bij UWV aanvragen."),
            ("blank", ""), ("p", f"{case['ba']}, bedrijfsarts, {case['arbo']}")]


def plan_van_aanpak(case: dict, day: D, pa: D, goal: str, actions: list[list[str]], first_eval: D,
                    note: str = "") -> Blocks:
    """note: a sentence added to the Aanleiding, e.g. the reason a deadline was missed (art. 5)."""
    return [("title", "Plan van aanpak"),
            ("p", f"Re-integratie {case['name']} — opgesteld door werkgever en werknemer samen"),
            *gegevens(case, day, ("Casemanager", case["cm"]), ("Bedrijfsarts", case["ba"])),
            ("h", "Aanleiding"),
            ("p", f"De bedrijfsarts heeft op {lang_nl(pa)} de probleemanalyse opgesteld. Dit plan van aanpak "
                  "volgt het advies daarin en beschrijft wat werkgever en werknemer gaan doen om de werknemer "
                  "weer aan het werk te helpen."),
            *([("p", note)] if note else []),
            ("h", "Doel"), ("p", goal),
            ("h", "Activiteiten en afspraken"), ("table", [["Activiteit", "Wie", "Wanneer"], *actions]),
            ("h", "Evaluatie"),
            ("p", f"Werkgever en werknemer bespreken de voortgang ten minste iedere zes weken. Het eerste "
                  f"evaluatiegesprek staat gepland op {lang_nl(first_eval)}. Van elk gesprek maakt de "
                  "casemanager een verslag dat beide partijen ontvangen."),
            ("h", "Casemanager"),
            ("p", f"{case['cm']} is casemanager en eerste aanspreekpunt voor werknemer, werkgever en bedrijfsarts."),
            *signature(f"{case['contact']}|werkgever", f"{case['short']}|werknemer", f"{case['cm']}|casemanager")]


def evaluatie(case: dict, day: D, present: str, progress: str, kept: str, agreements: list[str], next_day: D | None,
              heading: str = "Verslag evaluatiegesprek", kind: str = "6-wekelijkse evaluatie") -> Blocks:
    blocks: Blocks = [("title", heading),
                      ("table", [["Datum gesprek", nl(day)], ["Werknemer", case["name"]],
                                 ["Werkgever", case["employer"]], ["Soort gesprek", kind], ["Aanwezig", present]]),
                      ("h", "Voortgang sinds het vorige gesprek"), ("p", progress),
                      ("h", "Afspraken uit het vorige gesprek"), ("p", kept),
                      ("h", "Nieuwe afspraken"), ("list", agreements)]
    if next_day:
        blocks += [("h", "Volgend gesprek"), ("p", f"Volgende evaluatie: {nl(next_day)}")]
    blocks += [("p", f"Verslag: {case['cm']}, casemanager. Werknemer heeft het verslag ontvangen en kan binnen "
                     "een week aanvullingen doorgeven.")]
    return blocks


def voortgang(case: dict, day: D, period: str, activities: list[str], applications: list[list[str]],
              progress: str, next_steps: list[str], next_day: D | None, number: int) -> Blocks:
    blocks: Blocks = [("title", "Voortgangsrapportage 2e spoor"),
                      ("p", f"{case['bureau']} re-integratie — rapportage {number}"),
                      ("table", [["Datum", nl(day)], ["Kandidaat", case["name"]], ["Opdrachtgever", case["employer"]],
                                 ["Loopbaancoach", case["coach"]], ["Periode", period]]),
                      ("h", "Verloop in deze periode"), ("p", progress),
                      ("h", "Activiteiten"), ("list", activities)]
    if applications:
        blocks += [("h", "Sollicitaties in deze periode"),
                   ("table", [["Datum", "Werkgever", "Functie", "Resultaat"], *applications])]
    else:
        blocks += [("h", "Sollicitaties in deze periode"), ("p", "Geen sollicitaties verstuurd in deze periode.")]
    blocks += [("h", "Vervolg"), ("list", next_steps)]
    if next_day:
        blocks += [("p", f"Volgende rapportage: {nl(next_day)}")]
    blocks += [("p", f"{case['coach']}, loopbaancoach {case['bureau']}")]
    return blocks


# ----------------------------------------------------------------------------------------------
# 2025-001 El Amrani: a long, nearly complete 2e-spoor dossier with a few holes
# ----------------------------------------------------------------------------------------------

def el_amrani(files: dict, expected: dict) -> None:
    c = EL_AMRANI
    folder = "2025-001 El Amrani"
    werksame = "WerkSame re-integratie | Oudegracht 120 | Utrecht | www.werksame.example"
    jansen_header = "Bouwbedrijf Jansen & Zn B.V. — personeelszaken — vertrouwelijk"

    def put(name: str, data: bytes, doc_type: str | None, day: D | None, note: str = "") -> None:
        files[f"{folder}/{name}"] = data
        expected[f"{folder}/{name}"] = (doc_type, day, note)

    pa = D(2025, 2, 17)
    put("probleemanalyse BA 17-02-2025.pdf", make_pdf(probleemanalyse(
        c, pa, LIMITS_EL_AMRANI,
        "Er is een geleidelijke opbouw te verwachten. Terugkeer in de volledige eigen functie is binnen een jaar "
        "niet te verwachten. Gedeeltelijke inzet in aangepast werk is nu al mogelijk.",
        "De calculaties en het prijzen van offertes op kantoor zijn passend. Het opnemen van maten op de "
        "bouwplaats en het werken onder de druk van aanbestedingstermijnen zijn voorlopig niet passend. "
        "Start met 2 uur per dag op kantoor en bouw in overleg op.",
        ["Stel binnen twee weken samen het plan van aanpak op.", "Start met aangepast werk: 2 uur per dag "
         "kantoorwerk, zonder deadlines van aanbestedingen.", "Evalueer de opbouw iedere zes weken.",
         "Vervolgafspraak bij de bedrijfsarts over zes weken."]),
        title="Probleemanalyse F. el Amrani", author="R. Hoekstra", when=at(pa, 15, 40),
        header="Arbodienst Midden | Bedrijfsartsenpraktijk Utrecht | vertrouwelijk"), "probleemanalyse", pa)

    pva = D(2025, 3, 3)
    put("PvA El Amrani def.docx", make_docx(plan_van_aanpak(
        c, pva, pa, "Duurzame terugkeer in de eigen functie van calculator, eerst in aangepaste vorm en met een "
                    "geleidelijke opbouw van de uren. Doel over drie maanden: 4 uur per dag, verdeeld over de dag.",
        [["Aangepast werk: calculaties op kantoor, 2 uur per dag", "werkgever en werknemer", "vanaf 10-03-2025"],
         ["Werkplek op kantoor inrichten (zit-sta-bureau, rustige plek)", "werkgever (M. Jansen)", "maart 2025"],
         ["Opbouw met een uur per dag per vier weken, als de belastbaarheid dat toelaat", "werknemer",
          "doorlopend"],
         ["Vervolgspreekuur bedrijfsarts", "werknemer", "april 2025"],
         ["Verslag van elk evaluatiegesprek", "casemanager", "na elk gesprek"]], D(2025, 4, 11)),
        author="Ellen de Wit", when=at(pva, 16, 5), header=jansen_header, title="Plan van aanpak"),
        "plan-van-aanpak", pva)

    put("Evaluatie 11-04-2025.docx", make_docx(evaluatie(
        c, D(2025, 4, 11), "F. el Amrani, M. Jansen, E. de Wit",
        "Mevrouw El Amrani werkt sinds 10 maart 2 uur per dag op kantoor aan calculaties voor kleine projecten. "
        "Dat gaat goed; zij houdt zich aan de afgesproken pauzes en de werkplek is aangepast.",
        "De afspraken uit het plan van aanpak zijn nagekomen.",
        ["Uitbreiden naar 3 uur per dag, verdeeld over ochtend en middag.",
         "Geen calculaties met een deadline binnen de week.", "Werknemer meldt het als de opbouw niet haalbaar is."],
        D(2025, 5, 23)), author="Ellen de Wit", when=at(D(2025, 4, 11), 14), header=jansen_header),
        "evaluatie", D(2025, 4, 11))

    put("verslag evaluatie 23 mei 2025.pdf", make_pdf(evaluatie(
        c, D(2025, 5, 23), "F. el Amrani, M. Jansen",
        "De opbouw naar 3 uur per dag is gelukt, maar verder uitbreiden lukt nu niet: aan het eind van de "
        "werkdag is de belastbaarheid op. De kwaliteit van het werk is goed.",
        "Uitbreiding naar 3 uur per dag is nagekomen.",
        ["Mevrouw El Amrani vraagt een vervolgafspraak bij de bedrijfsarts over haar belastbaarheid.",
         "Werkgever kijkt welke kantoortaken zonder tijdsdruk erbij kunnen."], D(2025, 7, 4)),
        title="Evaluatie 23-05-2025", author="Ellen de Wit", when=at(D(2025, 5, 23), 16, 30),
        header=jansen_header), "evaluatie", D(2025, 5, 23))

    july = D(2025, 7, 4)
    body = text_of([("p", "Beste Fatima, beste Marco,"), ("blank", ""),
                    ("p", "Hieronder het verslag van ons evaluatiegesprek van vrijdag. Laat het me weten als "
                          "er iets niet klopt."), ("blank", ""),
                    *evaluatie(c, july, "F. el Amrani, M. Jansen, E. de Wit",
                               "De bedrijfsarts ziet op dit moment geen ruimte voor verdere opbouw in het eigen "
                               "werk. Mevrouw El Amrani werkt stabiel 3 uur per dag.",
                               "De vervolgafspraak bij de bedrijfsarts heeft plaatsgevonden.",
                               ["Werkgever onderzoekt of er ander passend werk binnen het bedrijf is.",
                                "Rond de eerstejaarsevaluatie vragen we een arbeidsdeskundig onderzoek aan."],
                               D(2025, 8, 15)),
                    ("blank", ""), ("p", "Met vriendelijke groet,"), ("p", "Ellen de Wit"), ("p", "Casemanager")])
    put("Evaluatie 4 juli - verslag.msg", make_msg(
        subject="Verslag evaluatie 4 juli", sender_name="Ellen de Wit", sender_address="e.dewit@casemanagement.example",
        to=[("Fatima el Amrani", "f.elamrani@mail.example"), ("Marco Jansen", "m.jansen@jansen-zn.example")],
        when=at(D(2025, 7, 7), 9, 12), body=body), "evaluatie", july, "Outlook-bericht, verslag in de tekst")

    # 15-08-2025: the evaluation took place (workbook) but no report is in the folder.
    sept = D(2025, 9, 26)
    note = ("Notitie evaluatiegesprek El Amrani\r\n\r\nDatum: 26-09-2025\r\nAanwezig: Fatima el Amrani, Marco "
            "Jansen (telefonisch)\r\nNotitie: Ellen de Wit\r\n\r\n- Stabiel op 3 uur per dag kantoorwerk, geen "
            "verdere opbouw.\r\n- Ander passend werk binnen het bedrijf: niet gevonden (werkgever heeft de "
            "vacatures bij werkvoorbereiding en inkoop bekeken).\r\n- 42e-weekmelding moet begin november naar "
            "UWV; Marco regelt dat via het werkgeversportaal.\r\n- Volgend gesprek: begin november.\r\n\r\n"
            "(uit te werken tot verslag)\r\n")
    put("gespreksnotitie 26-09-2025.txt", note.encode("utf-8"), "evaluatie", sept, "kladnotitie, type uit de kop")

    nov = D(2025, 11, 7)
    put("Evaluatie nov 2025 FEA.docx", make_docx(evaluatie(
        c, nov, "F. el Amrani, M. Jansen, E. de Wit",
        "Werknemer werkt stabiel 3 uur per dag. De ziekmelding bij UWV na 42 weken is op 3 november gedaan.",
        "De melding aan UWV is op tijd gedaan; ander passend werk binnen het bedrijf is er niet.",
        ["Eerstejaarsevaluatie plannen in december.", "Arbeidsdeskundig onderzoek aanvragen bij de arbodienst."],
        D(2025, 12, 15)), author="Ellen de Wit", when=at(nov, 11, 20), header=jansen_header),
        "evaluatie", nov)

    melding = D(2025, 11, 3)
    put("Ontvangstbevestiging 42e weeksmelding UWV.pdf", make_pdf([
        ("title", "UWV"), ("p", "Bevestiging van uw melding"), ("h", "Ziekmelding langdurig verzuim"),
        ("table", [["Datum melding", nl(melding)], ["Werkgever", c["employer"]],
                   ["Loonheffingennummer", "8123.45.678.L01"], ["Werknemer", "F. el Amrani"],
                   ["Eerste ziektedag", nl(c["sick"])], ["Kenmerk", "ZLV-2025-0448817"]]),
        ("p", "U heeft uw werknemer ziek gemeld omdat hij of zij bijna 42 weken ziek is. Wij hebben deze melding "
              "ontvangen en verwerkt. U hoeft niets meer te doen."),
        ("p", "Wat gebeurt er nu? Rond week 89 van de ziekte sturen wij uw werknemer informatie over het aanvragen "
              "van een WIA-uitkering. Zorg dat het re-integratieverslag dan compleet is."),
        ("p", "Met vriendelijke groet, UWV Werkgeversportaal")],
        title="Bevestiging ziekmelding", author="UWV", when=at(melding, 9, 31), creator="UWV Werkgeversportaal",
        producer="iText 7"), "42e-weekmelding", melding,
        "type uit de bestandsnaam: de kop 'Ziekmelding langdurig verzuim' wordt niet herkend")

    eje = D(2025, 12, 15)
    put("EJE 2025 El Amrani.docx", make_docx([
        ("title", "Eerstejaarsevaluatie"), *gegevens(c, eje, ("Eerste ziektedag", nl(c["sick"])),
                                                    ("Aanwezig", "F. el Amrani, M. Jansen, E. de Wit")),
        ("h", "Terugblik op het eerste ziektejaar"),
        ("p", "Na de probleemanalyse van februari is mevrouw El Amrani in maart gestart met aangepast werk op "
              "kantoor. De opbouw kwam tot 3 uur per dag en is sinds mei niet verder gegaan. Er is iedere zes tot "
              "zeven weken geëvalueerd. Binnen het bedrijf is geen ander passend werk gevonden."),
        ("h", "Conclusie"),
        ("p", "Volledige terugkeer in de eigen functie van calculator is niet te verwachten: de tijdsdruk van "
              "aanbestedingen en het werk op de bouwplaats passen niet bij de beperkingen. Werkgever en werknemer "
              "zijn het erover eens dat naast het eerste spoor een tweede spoor nodig is."),
        ("h", "Afspraken"),
        ("list", ["Arbeidsdeskundig onderzoek op 22 december 2025 (drs. K. Smit).",
                  "Start tweede spoor via WerkSame, uiterlijk half januari 2026.",
                  "Mevrouw El Amrani blijft 3 uur per dag aangepast werk doen zolang het tweede spoor loopt."]),
        *signature("M. Jansen|werkgever", "F. el Amrani|werknemer")],
        author="Ellen de Wit", when=at(eje, 15, 10), header=jansen_header, title="Eerstejaarsevaluatie"),
        "eerstejaarsevaluatie", eje)

    ad = D(2025, 12, 22)
    put("AD rapport.pdf", make_pdf([
        ("title", "Rapportage arbeidsdeskundig onderzoek"),
        ("table", [["Datum", nl(ad)], ["Werknemer", c["name"]], ["Werkgever", c["employer"]],
                   ["Functie", "calculator, 36 uur per week"], ["Arbeidsdeskundige", c["ad"]],
                   ["Opdrachtgever", "Bouwbedrijf Jansen & Zn B.V. via Arbodienst Midden"]]),
        ("h", "1. Vraagstelling"),
        ("p", "Is het eigen werk passend of passend te maken? Zo nee: is er ander passend werk bij de eigen "
              "werkgever, en welke richting is kansrijk in het tweede spoor?"),
        ("h", "2. Belastbaarheid"),
        ("p", "Uitgangspunt is de functionele mogelijkhedenlijst van de bedrijfsarts van december 2025:"),
        ("list", LIMITS_EL_AMRANI),
        ("h", "3. Analyse eigen functie"),
        ("p", "De functie van calculator bestaat voor ongeveer 60% uit kantoorwerk (calculaties, offertes) en "
              "voor 40% uit overleg en opnames op de bouwplaats. Bij aanbestedingen geldt een hoge tijdsdruk. "
              "De functie vraagt 36 uur per week. Het eigen werk is niet passend en ook met aanpassingen niet "
              "passend te maken."),
        ("h", "4. Ander werk bij de eigen werkgever"),
        ("p", "Het bedrijf telt 42 medewerkers. De functies werkvoorbereider en medewerker inkoop zijn besproken; "
              "beide hebben geen vacature en vragen meer uren dan haalbaar."),
        ("h", "5. Conclusie en advies"),
        ("list", ["Eigen werk: niet passend.", "Ander werk bij de eigen werkgever: niet beschikbaar.",
                  "Advies: start het tweede spoor zo snel mogelijk, met als zoekrichting administratieve en "
                  "planningsfuncties van 20 tot 28 uur per week in de regio Utrecht.",
                  "Kansrijke functies: werkvoorbereider, planner, medewerker inkoop."]),
        ("p", f"{c['ad']}, arbeidsdeskundige (register RADG)")],
        title="Arbeidsdeskundig rapport El Amrani", author="K. Smit", when=at(ad, 17, 2)),
        "arbeidsdeskundig-rapport", ad)

    tp = D(2026, 1, 12)
    put("Trajectplan WerkSame - F. el Amrani.docx", make_docx([
        ("title", "Trajectplan re-integratie tweede spoor"),
        ("table", [["Datum", nl(tp)], ["Kandidaat", c["name"]], ["Opdrachtgever", c["employer"]],
                   ["Loopbaancoach", c["coach"]], ["Looptijd", "6 maanden, met verlenging mogelijk"]]),
        ("h", "Persoonsprofiel"),
        ("p", "MBO-4 bouwkunde, 12 jaar ervaring als calculator. Sterk in cijfers, nauwkeurig en goed in "
              "plannen. Wil graag binnen de bouw of de techniek blijven werken. Belastbaarheid volgens de "
              "bedrijfsarts: maximaal 4 uur per dag verdeeld over de dag, niet tillen boven 10 kg, geen werk op "
              "hoogte, geen hoge tijdsdruk."),
        ("h", "Zoekprofiel"),
        ("p", "Administratieve en planningsfuncties, 20 tot 28 uur per week, regio Utrecht (reistijd maximaal 45 "
              "minuten): werkvoorbereider, planner, medewerker inkoop, administratief medewerker projecten."),
        ("h", "Activiteiten"),
        ("table", [["Activiteit", "Periode", "Wie"],
                   ["Intake en kennismaking", "januari 2026", "L. Bos, F. el Amrani"],
                   ["Beroepenoriëntatie en arbeidsmarktverkenning", "januari-februari 2026", "L. Bos"],
                   ["Cv en LinkedIn-profiel, sollicitatietraining", "februari 2026", "L. Bos"],
                   ["Actief solliciteren, minimaal 3 per maand", "vanaf februari 2026", "F. el Amrani"],
                   ["Werkervaringsplek zoeken en begeleiden", "vanaf april 2026", "L. Bos"]]),
        ("h", "Rapportage"),
        ("p", "WerkSame rapporteert iedere zes weken aan werkgever en casemanager, de eerste keer eind januari "
              "2026, en sluit af met een eindrapportage.")],
        author="Linda Bos", when=at(tp, 13, 45), header=werksame, title="Trajectplan 2e spoor"),
        "trajectplan", tp)

    def werksame_mail(day: D, sent: dt.datetime, number: int, report: Blocks, eml_name: str, att_name: str,
                      subject: str, expect_mail: tuple[str, D, str]) -> None:
        attachment = make_docx(report, author="Linda Bos", when=at(day, 15), header=werksame,
                               title="Voortgangsrapportage")
        body = (f"Beste Ellen,\n\nIn de bijlage vind je voortgangsrapportage {number} van het tweede-spoortraject "
                f"van Fatima el Amrani. Fatima heeft de rapportage gelezen en is het met de inhoud eens.\n\n"
                "Ik hoor graag of je vragen hebt.\n\nMet vriendelijke groet,\n\nLinda Bos\nLoopbaancoach | WerkSame "
                "re-integratie\n06-12345678\n")
        data = make_eml(subject=subject, sender="Linda Bos <l.bos@werksame.example>",
                        to=["Ellen de Wit <e.dewit@casemanagement.example>"],
                        cc=["Marco Jansen <m.jansen@jansen-zn.example>"], when=sent, body=body,
                        attachments=[(att_name, attachment)], html=number % 2 == 0, key=f"ws{number}")
        put(eml_name, data, *expect_mail)
        expected[f"{folder}/{eml_name}/{att_name}"] = ("voortgangsrapportage", day, "bijlage")

    r1 = D(2026, 1, 23)
    werksame_mail(r1, at(r1, 16, 12), 1, voortgang(
        c, r1, "12-01-2026 t/m 23-01-2026",
        ["Intakegesprek en kennismaking op 14 januari.", "Start beroepenoriëntatie: werkvoorbereider en planner."],
        [], "Fatima is gemotiveerd gestart. De eerste gesprekken gingen over haar ervaring en wensen; zij wil "
            "in de bouw blijven, bij voorkeur als werkvoorbereider.",
        ["Cv herschrijven.", "Drie vacatures per maand selecteren en daarop solliciteren."], D(2026, 3, 6), 1),
        "Voortgangsrapportage 2e spoor - januari.eml", "VGR 1 El Amrani 23-01-2026.docx",
        "Voortgangsrapportage 2e spoor F. el Amrani (januari)", ("voortgangsrapportage", r1, "mail, datum uit de mail"))

    r3 = D(2026, 4, 17)
    werksame_mail(r3, at(D(2026, 4, 20), 8, 47), 3, voortgang(
        c, r3, "07-03-2026 t/m 17-04-2026",
        ["Netwerkgesprekken met twee oud-collega's.", "Kennismaking bij Planbureau Midden voor een "
                                                      "werkervaringsplek."],
        [["20-03-2026", "Gemeente Utrecht", "Medewerker inkoop", "afgewezen"]],
        "Het aantal sollicitaties blijft achter bij de afspraak: de geschikte vacatures vragen vaak meer uren. "
        "Planbureau Midden biedt een werkervaringsplek van 12 uur per week als planner.",
        ["Werkervaringsplek starten per 1 mei 2026.", "Blijven solliciteren op vacatures tot 24 uur per week."],
        D(2026, 5, 29), 3),
        "Mail WerkSame 20-04-2026.eml", "Voortgangsrapportage 17-04-2026.docx",
        "Voortgangsrapportage 2e spoor april - F. el Amrani",
        ("voortgangsrapportage", D(2026, 4, 20), "mail; type uit het onderwerp, datum uit de bestandsnaam"))

    r4 = D(2026, 5, 29)
    put("Voortgangsrapportage mei 2026 WerkSame.pdf", make_pdf(voortgang(
        c, r4, "18-04-2026 t/m 29-05-2026",
        ["Start werkervaringsplek Planbureau Midden op 1 mei, 12 uur per week.", "Begeleidingsgesprek op de "
                                                                                "werkplek op 20 mei."],
        [], "De werkervaringsplek loopt goed. Fatima plant projecten in en bewaakt de voortgang; de werkdruk is "
            "passend. Planbureau Midden is tevreden.",
        ["Uren uitbreiden naar 16 per week.", "Met Planbureau Midden bespreken of een dienstverband mogelijk is."],
        D(2026, 7, 10), 4), title="Voortgangsrapportage 4", author="Linda Bos", when=at(r4, 11, 5),
        header=werksame), "voortgangsrapportage", r4)

    r5 = D(2026, 7, 10)
    werksame_mail(r5, at(r5, 14, 30), 5, voortgang(
        c, r5, "30-05-2026 t/m 10-07-2026",
        ["Uitbreiding werkervaringsplek naar 16 uur per week per 1 juni.",
         "Sollicitatiegesprek bij Planbureau Midden voor de vacature planner (24 uur)."],
        [["15-06-2026", "Planbureau Midden", "Planner (24 uur)", "in gesprek"]],
        "Fatima werkt 16 uur per week op de werkervaringsplek, verdeeld over vier dagen. Er loopt een gesprek "
        "over een dienstverband van 24 uur.",
        ["Casemanager vraagt het actueel oordeel van de bedrijfsarts aan.", "Uitkomst gesprek Planbureau Midden "
                                                                            "afwachten."], D(2026, 8, 21), 5),
        "Voortgangsrapportage juli.eml", "Voortgangsrapportage 5 - 10-07-2026.docx",
        "Voortgangsrapportage 2e spoor juli - F. el Amrani", ("voortgangsrapportage", r5, "mail, datum uit de mail"))

    r6 = D(2026, 8, 21)
    put("VGR 21-08-2026.docx", make_docx(voortgang(
        c, r6, "11-07-2026 t/m 21-08-2026",
        ["Werkervaringsplek 16 uur per week voortgezet.", "Tweede gesprek bij Planbureau Midden op 12 augustus."],
        [["12-08-2026", "Planbureau Midden", "Planner (24 uur)", "aanbod van 20 uur per 1 oktober"]],
        "Planbureau Midden biedt Fatima een arbeidsovereenkomst van 20 uur per week als planner aan, per 1 "
        "oktober 2026. Fatima wil het aanbod aannemen.",
        ["Eindevaluatie plannen.", "Eindrapportage opstellen na de start bij Planbureau Midden."], None, 6),
        author="Linda Bos", when=at(r6, 16, 40), header=werksame, title="VGR 6"),
        "voortgangsrapportage", r6, "type uit de kop")

    overview = D(2026, 8, 31)
    put("sollicitaties El Amrani.xlsx", make_xlsx(
        "Sollicitatie-overzicht tweede spoor - F. el Amrani", overview,
        ["Datum", "Werkgever", "Functie", "Uren", "Resultaat", "Bewijs"],
        [[D(2026, 2, 10), "Bouwbureau Noord", "Werkvoorbereider", 24, "afgewezen", "mail"],
         [D(2026, 2, 24), "Van Dijk Installaties", "Planner", 28, "gesprek, afgewezen", "mail"],
         [D(2026, 3, 20), "Gemeente Utrecht", "Medewerker inkoop", 24, "afgewezen", "brief"],
         [D(2026, 4, 28), "Heijmans Regio Midden", "Werkvoorbereider", 32, "niet gereageerd (te veel uren)", "-"],
         [D(2026, 6, 15), "Planbureau Midden", "Planner", 24, "in gesprek", "mail"],
         [D(2026, 8, 12), "Planbureau Midden", "Planner", 20, "aanbod per 01-10-2026", "contract"]],
        author="Linda Bos", when=at(overview, 10)), "sollicitatie-overzicht", overview)

    ao = D(2026, 6, 10)
    put("Actueel oordeel BA.pdf", make_pdf([
        ("title", "Actueel oordeel bedrijfsarts"),
        ("p", "ten behoeve van het re-integratieverslag (artikel 6 Regeling procesgang)"),
        *gegevens(c, ao, ("Eerste ziektedag", nl(c["sick"])), ("Bedrijfsarts", c["ba"])),
        ("h", "Huidige functionele mogelijkheden"),
        ("list", ["Kan 4 uur per dag werken, verdeeld over de dag; 16 tot 20 uur per week is haalbaar.",
                  "Niet tillen boven 10 kg; geen werk op hoogte.",
                  "Werk zonder structureel hoge tijdsdruk; planningswerk met eigen regie is passend."]),
        ("h", "Beloop en prognose"),
        ("p", "De belastbaarheid is sinds het eerstejaarsevaluatie stabiel. Verdere verbetering van betekenis "
              "wordt binnen afzienbare tijd niet verwacht. De werkervaringsplek als planner is passend."),
        ("h", "Oordeel over de re-integratie"),
        ("p", "De re-integratie-inspanningen van werkgever en werknemer passen bij de mogelijkheden. Het eigen "
              "werk is niet passend; passend werk bij een andere werkgever van 16 tot 20 uur per week is "
              "mogelijk."),
        ("p", f"{c['ba']}, bedrijfsarts, {c['arbo']}")],
        title="Actueel oordeel", author="R. Hoekstra", when=at(ao, 12, 15),
        header="Arbodienst Midden | Bedrijfsartsenpraktijk Utrecht | vertrouwelijk"), "actueel-oordeel", ao,
        "bewust ouder dan 3 maanden bij de WIA-aanvraag (12-10-2026)")

    ev = D(2026, 9, 14)
    put("Eindevaluatie 14-09-2026 El Amrani.docx", make_docx([
        ("title", "Eindevaluatie"), *gegevens(c, ev, ("Aanwezig", "F. el Amrani, M. Jansen, E. de Wit")),
        ("h", "Verloop van de re-integratie"),
        ("p", "Eerste spoor: aangepast werk op kantoor tot 3 uur per dag; verdere opbouw bleek niet mogelijk. "
              "Tweede spoor sinds januari 2026 via WerkSame: werkervaringsplek bij Planbureau Midden, uitgebreid "
              "naar 16 uur per week, en een aanbod voor een dienstverband van 20 uur per week per 1 oktober 2026."),
        ("h", "Mening van de werknemer"),
        ("p", "Mevrouw El Amrani is tevreden over de begeleiding en kijkt uit naar de nieuwe baan."),
        ("h", "Afspraken"),
        ("list", ["Het re-integratieverslag wordt in september compleet gemaakt.",
                  "Werknemer vraagt de WIA-uitkering tijdig aan.",
                  "WerkSame levert de eindrapportage begin oktober."]),
        *signature("M. Jansen|werkgever", "F. el Amrani|werknemer")],
        author="Ellen de Wit", when=at(ev, 16), header=jansen_header, title="Eindevaluatie"), "eindevaluatie", ev)

    er = D(2026, 10, 1)
    put("Eindrapportage 2e spoor WerkSame.pdf", make_pdf([
        ("title", "Eindrapportage re-integratie tweede spoor"),
        ("table", [["Datum", nl(er)], ["Kandidaat", c["name"]], ["Opdrachtgever", c["employer"]],
                   ["Loopbaancoach", c["coach"]], ["Trajectduur", "12-01-2026 t/m 01-10-2026"]]),
        ("h", "Wat is er gedaan"),
        ("list", ["Intake, beroepenoriëntatie en arbeidsmarktverkenning.", "Cv-training en sollicitatietraining.",
                  "Zes sollicitaties, waarvan drie gesprekken.", "Werkervaringsplek Planbureau Midden vanaf 1 mei "
                  "2026, 12 en later 16 uur per week."]),
        ("h", "Inzet van de kandidaat"),
        ("p", "Fatima heeft zich actief en betrouwbaar ingezet. Zij kwam alle afspraken na."),
        ("h", "Resultaat"),
        ("p", "Per 1 oktober 2026 heeft Fatima een arbeidsovereenkomst van 20 uur per week als planner bij "
              "Planbureau Midden, voor een jaar met uitzicht op verlenging. Het loon ligt op ongeveer 55% van "
              "haar oude loon."),
        ("h", "Advies"), ("p", "Geen verdere tweede-spoorbegeleiding nodig. Het traject is afgesloten."),
        ("p", f"{c['coach']}, loopbaancoach WerkSame")],
        title="Eindrapportage", author="Linda Bos", when=at(er, 10, 20), header=werksame),
        "eindrapportage", er)

    # UWV's acknowledgement of the WIA application: a neutral file name, the type comes from
    # UWV's own wording; UWV received it a day later than the workbook says (a finding).
    wia, letter = D(2026, 10, 13), D(2026, 10, 16)
    put("UWV 16-10-2026.pdf", make_pdf([
        ("title", "UWV"), ("p", "Postbus 58285, 1040 HG Amsterdam"), ("blank", ""),
        ("p", "Mevrouw F. el Amrani"), ("p", "Utrecht"), ("blank", ""),
        ("table", [["Datum", lang_nl(letter)], ["Ons kenmerk", "WIA-2026-7730021"],
                   ["Onderwerp", "Uw aanvraag"]]),
        ("p", "Beste mevrouw El Amrani,"),
        ("p", f"Wij hebben uw aanvraag voor een WIA-uitkering op {lang_nl(wia)} ontvangen. Uw werkgever heeft het "
              "re-integratieverslag meegestuurd. Wij beoordelen nu of u en uw werkgever genoeg hebben gedaan om u "
              "weer aan het werk te helpen."),
        ("p", "Wat gebeurt er nu? U krijgt een uitnodiging voor een gesprek met een verzekeringsarts. Binnen 8 weken "
              "na het einde van de wachttijd hoort u of u een WIA-uitkering krijgt."),
        ("p", "Met vriendelijke groet,"), ("p", "UWV")],
        title="Ontvangstbevestiging", author="UWV", when=at(letter, 8, 2), creator="UWV", producer="iText 7"),
        "wia-aanvraag", wia, "UWV-brief; UWV noemt 13-10-2026, de werkmap 12-10-2026")

    put("scan001.pdf", make_scan_pdf(2, at(D(2026, 9, 30), 11, 2)), None, None,
        "gescand zonder tekstlaag: onleesbaar")
    put("foto werkplek.jpg", make_jpeg(32, 24, _photo_pixels), None, None, "foto: onbekend bestandstype")

    ours = generated_evaluation()
    put("rapportage maart.docx", ours, "evaluatie", D(2026, 3, 6),
        "gemaakt door Poortwachter; alleen de eigenschappen zeggen wat het is")


def generated_evaluation() -> bytes:
    """Our own evaluatie of 06-03-2026, made by `poortwachter generate` (recognised by its properties)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "plugin", "generate", str(HERE / "casussen.xlsx"), "--case",
                        "2025-001", "--doc", "evaluatie", "--date", "2026-03-06", "--out", tmp],
                       cwd=ROOT, check=True, capture_output=True)
        made = sorted(Path(tmp).rglob("*.docx"))
        assert len(made) == 1, made
        return made[0].read_bytes()


# ----------------------------------------------------------------------------------------------
# 2025-002 De Vries, 2025-003 Thompson (English), 2026-005 Visser, 2026-006 Yilmaz, 2026-007 Jansen
# ----------------------------------------------------------------------------------------------

def de_vries(files: dict, expected: dict) -> None:
    c = DE_VRIES
    folder = "2025-002 De Vries"
    header = "Zorggroep Het Anker | HR | vertrouwelijk"

    def put(name: str, data: bytes, doc_type: str | None, day: D | None, note: str = "") -> None:
        files[f"{folder}/{name}"] = data
        expected[f"{folder}/{name}"] = (doc_type, day, note)

    pa = D(2025, 7, 21)
    put("Probleemanalyse P. de Vries.pdf", make_pdf(probleemanalyse(
        c, pa, LIMITS_DE_VRIES,
        "Het herstel van de belastbaarheid verloopt langzaam. Gedeeltelijke terugkeer in aangepast werk is "
        "mogelijk; of volledige terugkeer in de eigen functie lukt, is nu niet te zeggen.",
        "Het eigen werk als verpleegkundige op de afdeling is voorlopig niet passend vanwege de fysieke "
        "belasting en de nachtdiensten. Aangepaste dagdiensten met lichte en coördinerende taken zijn passend.",
        ["Start met aangepaste dagdiensten van 3 uur, twee keer per week.", "Stel samen een plan van aanpak op.",
         "Evalueer iedere zes weken.", "Vervolgspreekuur over vier weken."]),
        title="Probleemanalyse", author="S. Verhoeven", when=at(pa, 14, 10),
        header="ArboZorg Noord | bedrijfsartsen"), "probleemanalyse", pa, "te laat: uiterlijk 13-07-2025")

    pva = D(2025, 8, 1)
    put("Plan van aanpak De Vries 01-08-2025.docx", make_docx(plan_van_aanpak(
        c, pva, pa, "Terugkeer in de eigen functie van verpleegkundige, voorlopig in aangepaste dagdiensten "
                    "zonder tilwerk en nachtdiensten, met een opbouw naar 16 uur per week.",
        [["Aangepaste dagdiensten, 2 x 3 uur per week", "teamleider en werknemer", "vanaf 11-08-2025"],
         ["Taken: overdrachten, roosterplanning, bestellingen", "teamleider (A. Mulder)", "vanaf 11-08-2025"],
         ["Opbouw met 2 uur per twee weken", "werknemer", "doorlopend"]], D(2025, 9, 12),
        note="De probleemanalyse is later opgesteld omdat de bedrijfsarts tot half juli met verlof was; "
             "werkgever en werknemer hebben dat zo afgesproken."),
        author="Ans Mulder", when=at(pva, 11), header=header, title="Plan van aanpak"), "plan-van-aanpak", pva)

    e1 = D(2025, 9, 12)
    put("evaluatie sept De Vries.docx", make_docx(evaluatie(
        c, e1, "P. de Vries, A. Mulder",
        "De aangepaste dagdiensten zijn op 11 augustus gestart, twee keer 3 uur per week. Dat gaat goed.",
        "De afspraken uit het plan van aanpak zijn nagekomen.",
        ["Opbouw met 2 uur per twee weken.", "Geen tilwerk; de teamleider let op de planning."], D(2025, 10, 24)),
        author="Ans Mulder", when=at(e1, 15), header=header), "evaluatie", e1)

    e2 = D(2025, 10, 24)
    body = text_of([("p", "Beste Pieter, beste Ellen,"), ("blank", ""),
                    ("p", "Zoals afgesproken het verslag van ons gesprek van vandaag."), ("blank", ""),
                    *evaluatie(c, e2, "P. de Vries, A. Mulder, E. de Wit",
                               "De opbouw gaat volgens plan: Pieter werkt nu 10 uur per week in dagdiensten.",
                               "Nagekomen.", ["Verder opbouwen naar 14 uur per week.",
                                              "Volgend gesprek begin december."], D(2025, 12, 5)),
                    ("blank", ""), ("p", "Groet,"), ("p", "Ans Mulder"), ("p", "Teamleider afdeling De Linde")])
    put("Verslag evaluatie 24 oktober.eml", make_eml(
        subject="Verslag evaluatie 24 oktober", sender="Ans Mulder <a.mulder@hetanker.example>",
        to=["Pieter de Vries <pdevries@mail.example>", "Ellen de Wit <e.dewit@casemanagement.example>"],
        when=at(e2, 17, 3), body=body, key="am1"), "evaluatie", e2, "mail, verslag in de tekst")

    # The evaluation of early December did not take place (the workbook says so): a gap to 20-02-2026.
    e3 = D(2026, 2, 20)
    put("Evaluatie 20-02-2026.pdf", make_pdf(evaluatie(
        c, e3, "P. de Vries, A. Mulder",
        "De evaluatie in december is niet doorgegaan door de drukte op de afdeling. De opbouw stagneert op "
        "12 uur per week.", "Opbouw naar 14 uur is niet gelukt.",
        ["Bedrijfsarts vragen naar de mogelijkheden.", "Eerstejaarsevaluatie voorbereiden."], D(2026, 4, 3)),
        title="Evaluatie", author="Ans Mulder", when=at(e3, 13), header=header), "evaluatie", e3)

    melding = D(2026, 3, 23)
    put("Bevestiging ziekmelding UWV.pdf", make_pdf([
        ("title", "UWV"), ("p", "Bevestiging van uw melding"), ("h", "Ziekmelding bij langdurig verzuim"),
        ("table", [["Datum melding", nl(melding)], ["Werkgever", c["employer"]], ["Werknemer", "P. de Vries"],
                   ["Eerste ziektedag", nl(c["sick"])], ["Kenmerk", "ZLV-2026-0129934"]]),
        ("p", "Wij hebben uw ziekmelding ontvangen en verwerkt. U hoeft niets meer te doen."),
        ("p", "Met vriendelijke groet, UWV Werkgeversportaal")],
        title="Bevestiging ziekmelding", author="UWV", when=at(melding, 10, 2), creator="UWV Werkgeversportaal",
        producer="iText 7"), "42e-weekmelding", melding)

    e4 = D(2026, 4, 3)
    body = text_of([("p", "Hoi Ellen,"), ("blank", ""), ("p", "Hierbij het verslag van het gesprek met Pieter."),
                    ("blank", ""),
                    *evaluatie(c, e4, "P. de Vries, A. Mulder", "Pieter werkt stabiel 12 uur per week in "
                               "dagdiensten. De bedrijfsarts verwacht geen snelle verdere opbouw.",
                               "De vraag aan de bedrijfsarts is gesteld.",
                               ["Eerstejaarsevaluatie plannen in mei."], D(2026, 5, 18)),
                    ("blank", ""), ("p", "Groet, Ans")])
    put("Verslag evaluatiegesprek.msg", make_msg(
        subject="Verslag evaluatiegesprek", sender_name="Ans Mulder", sender_address="a.mulder@hetanker.example",
        to=[("Ellen de Wit", "e.dewit@casemanagement.example")], when=at(D(2026, 4, 6), 8, 55), body=body),
        "evaluatie", e4, "Outlook-bericht")

    eje = D(2026, 5, 18)
    put("Eerstejaarsevaluatie De Vries.docx", make_docx([
        ("title", "Eerstejaarsevaluatie"), *gegevens(c, eje, ("Eerste ziektedag", nl(c["sick"])),
                                                    ("Aanwezig", "P. de Vries, A. Mulder, E. de Wit")),
        ("h", "Terugblik"),
        ("p", "Pieter werkt sinds augustus 2025 in aangepaste dagdiensten en is opgebouwd tot 12 uur per week. "
              "Sinds januari is er geen verdere opbouw. Terugkeer in de eigen functie met nachtdiensten is niet "
              "in zicht."),
        ("h", "Conclusie"),
        ("p", "Het eerste spoor levert onvoldoende op. Werkgever laat onderzoeken of er ander passend werk is; "
              "als dat er niet is, start het tweede spoor."),
        ("h", "Afspraken"), ("list", ["Werkgever vraagt een arbeidsdeskundig onderzoek aan.",
                                      "Besluit over het tweede spoor na dat onderzoek."]),
        *signature("A. Mulder|werkgever", "P. de Vries|werknemer")],
        author="Ellen de Wit", when=at(eje, 14, 30), header=header, title="Eerstejaarsevaluatie"),
        "eerstejaarsevaluatie", eje)


def thompson(files: dict, expected: dict) -> None:
    c = THOMPSON
    folder = "Thompson 2025-003"
    header = "Northwind Logistics B.V. | Human Resources | confidential"

    def put(name: str, data: bytes, doc_type: str | None, day: D | None, note: str = "") -> None:
        files[f"{folder}/{name}"] = data
        expected[f"{folder}/{name}"] = (doc_type, day, note)

    def details(day: D, label: str = "Date") -> Blocks:
        return [("table", [[label, lang_en(day)], ["Employee", c["name"]], ["Employer", c["employer"]],
                           ["Position", f"{c['job']}, {c['hours']} hours a week"]])]

    pa = D(2025, 10, 13)
    put("Problem analysis 13-10-2025.pdf", make_pdf([
        ("title", "Problem analysis"),
        ("p", "Advice of the occupational physician under the Dutch Gatekeeper Improvement Act (Wet verbetering "
              "poortwachter)"), *details(pa),
        ("table", [["First day of sickness", lang_en(c["sick"])], ["Occupational physician", c["ba"]],
                   ["Case manager", c["cm"]]]),
        ("h", "Functional capacity"),
        ("list", ["Can work up to six hours a day with regular breaks.",
                  "No prolonged screen work: a break after every two hours of screen work.",
                  "Can lead the team and handle escalations; a reduced number of customer calls is advised."]),
        ("h", "Prognosis"),
        ("p", "A gradual return to the own job is expected within six months."),
        ("h", "Advice"),
        ("list", ["Start with three hours a day in the own job, with fewer calls and more coordination work.",
                  "Draw up a plan of action together within two weeks.", "Review progress every six weeks."]),
        ("p", f"{c['ba']}, occupational physician, {c['arbo']}")],
        title="Problem analysis", author="P. Jansen", when=at(pa, 11), creator="Microsoft Word",
        producer="Microsoft Word", header="OccuCare Occupational Health | confidential"),
        "probleemanalyse", pa)

    pva = D(2025, 10, 24)
    put("Plan of action - S Thompson.docx", make_docx([
        ("title", "Plan of action"),
        ("p", "Return to work of Sarah Thompson, agreed by employer and employee"), *details(pva),
        ("h", "Goal"),
        ("p", "Full return to the own position of customer service lead within six months, building up the "
              "hours step by step."),
        ("h", "Activities"),
        ("table", [["Activity", "Who", "When"],
                   ["Graded return: 3 hours a day, coordination tasks, fewer calls", "T. Baker, S. Thompson",
                    "from 27 October 2025"],
                   ["Workplace check: screen breaks, quiet desk", "T. Baker", "November 2025"],
                   ["Follow-up with the occupational physician", "S. Thompson", "December 2025"]]),
        ("h", "Reviews"),
        ("p", "Employer and employee review progress at least every six weeks; the first review meeting is "
              "planned for 5 December 2025."),
        ("h", "Case manager"), ("p", f"{c['cm']} is the case manager."),
        ("h", "Signatures"), ("table", [["Name", "Role"], ["T. Baker", "employer"], ["S. Thompson", "employee"]])],
        author="James O'Neill", when=at(pva, 15), header=header, title="Plan of action"), "plan-van-aanpak", pva)

    e1 = D(2025, 12, 5)
    put("Evaluation report 5 December 2025.docx", make_docx([
        ("title", "Evaluation report"),
        ("table", [["Meeting date", lang_en(e1)], ["Employee", c["name"]], ["Present", "S. Thompson, T. Baker"]]),
        ("h", "Progress"), ("p", "Sarah works 3 hours a day in her own job; progress is as planned."),
        ("h", "Agreements"), ("list", ["Build up to 4 hours a day.", "Keep the screen breaks."]),
        ("p", "Next review: 16 January 2026")],
        author="James O'Neill", when=at(e1, 16), header=header, title="Evaluation"), "evaluatie", e1)

    e2 = D(2026, 1, 16)
    put("Review meeting 16-01-2026.pdf", make_pdf([
        ("title", "Review meeting - notes"),
        ("table", [["Date", lang_en(e2)], ["Employee", c["name"]], ["Present", "S. Thompson, T. Baker, J. O'Neill"]]),
        ("h", "Progress"), ("p", "Sarah now works 4 hours a day with her own tasks and fewer calls. She leads the "
                                 "morning stand-up again."),
        ("h", "Agreements"), ("list", ["Build up to 5 hours a day.", "Add the weekly planning meeting."]),
        ("p", "Next review: 27 February 2026")],
        title="Review meeting", author="James O'Neill", when=at(e2, 12), creator="Microsoft Word",
        producer="Microsoft Word", header=header), "evaluatie", e2)

    e3 = D(2026, 2, 27)
    body = ("Hi Sarah, hi Tom,\n\nThank you both for today's meeting. My notes are below; let me know if I "
            "missed anything.\n\nEvaluation meeting\nMeeting date: 27 February 2026\nPresent: Sarah Thompson, "
            "Tom Baker\n\nProgress: Sarah works 5 hours a day. The build-up is going well and the screen breaks "
            "work.\n\nAgreements:\n- Stay at 5 hours a day for now.\n- Add team lead tasks: the weekly planning "
            "and the escalations.\n\nNext review: 10 April 2026\n\nKind regards,\nJames O'Neill\nCase manager\n")
    put("Evaluation 27 Feb.eml", make_eml(
        subject="Notes of our evaluation meeting", sender="James O'Neill <j.oneill@northwind.example>",
        to=["Sarah Thompson <s.thompson@mail.example>", "Tom Baker <t.baker@northwind.example>"],
        when=at(e3, 16, 48), body=body, html=True, key="jo3"), "evaluatie", e3)


def visser(files: dict, expected: dict) -> None:
    c = VISSER
    pa = D(2026, 11, 2)
    name = "2026-005 Visser/PA Visser 02-11-2026.docx"
    files[name] = make_docx(probleemanalyse(
        c, pa, ["Kan 2 uur per dag staand werken, daarna zittend werk of pauze.",
                "Armen niet langdurig boven schouderhoogte; knippen en föhnen in korte blokken.",
                "Kan de kassa, de agenda en de inkoop doen."],
        "Herstel binnen drie maanden wordt verwacht.",
        "Het eigen werk is gedeeltelijk passend: korte behandelingen en de balie. Lange behandelingen zijn "
        "voorlopig niet passend.",
        ["Start met 2 uur per dag aan de balie en korte behandelingen.", "Stel samen een plan van aanpak op.",
         "Vervolgspreekuur over vier weken."]),
        author="S. Verhoeven", when=at(pa, 10, 30), header="ArboZorg Noord | bedrijfsartsen", title="Probleemanalyse")
    expected[name] = ("probleemanalyse", pa, "")
    # The signed plan van aanpak exists only as a scan from the salon's printer: OCR reads it.
    pva = D(2026, 11, 12)
    scan = "2026-005 Visser/Scan_0001.pdf"
    files[scan] = make_scanned_pdf([
        ("title", "Plan van aanpak"),
        ("p", f"Re-integratie {c['name']} - opgesteld door werkgever en werknemer samen"),
        *gegevens(c, pva, ("Casemanager", c["cm"])),
        ("h", "Doel"), ("p", "Terugkeer in het eigen werk als kapster; eerst korte behandelingen en de balie."),
        ("h", "Afspraken"), ("list", ["2 uur per dag aan de balie en korte behandelingen, vanaf 16 november.",
                                      "Lange behandelingen pas na advies van de bedrijfsarts.",
                                      "Eerste evaluatie over zes weken."]),
        # the re-integratievisie (Regeling art. 4, since 1 July 2023)
        ("h", "Visie op de re-integratie"), ("p", "Advies van de bedrijfsarts: opbouw in uren, eerst lichte taken."),
        ("p", "Visie van de werkgever: terugkeer in het eigen werk is haalbaar."),
        ("p", "Visie van de werknemer: ik wil eerst aan de balie beginnen."),
        *signature(f"{c['contact']}|werkgever", f"{c['short']}|werknemer")],
        when=at(pva, 17, 40))
    expected[scan] = ("plan-van-aanpak", pva, "gescand en getekend: alleen OCR kan het lezen")


def yilmaz(files: dict, expected: dict) -> None:
    c = YILMAZ
    folder = "2026-006 Yilmaz"
    limits = ["Geen werk op hoogte: geen ladders, steigers of daken.", "Tillen tot 15 kg.",
              "Kan werkplaatswerk en storingsdienst op de grond doen, volledige dagen."]
    pa, pva, e1 = D(2026, 4, 20), D(2026, 4, 30), D(2026, 6, 12)
    files[f"{folder}/probleemanalyse Yilmaz.pdf"] = make_pdf(probleemanalyse(
        c, pa, limits, "Volledig herstel wordt verwacht, naar verwachting binnen vier tot vijf maanden.",
        "Monteurswerk op de grond en in de werkplaats is passend; montage op hoogte voorlopig niet.",
        ["Inzet in de werkplaats en bij storingen op de grond.", "Stel samen een plan van aanpak op."]),
        title="Probleemanalyse", author="P. Jansen", when=at(pa, 9, 45), header="Arbodienst Oost")
    files[f"{folder}/plan van aanpak 30-04-2026.docx"] = make_docx(plan_van_aanpak(
        c, pva, pa, "Volledige terugkeer als monteur; tot dan werk in de werkplaats en storingsdienst op de grond.",
        [["Werkplaatswerk en voorbereiding van projecten", "R. Oost, M. Yilmaz", "vanaf 04-05-2026"],
         ["Geen inzet op hoogte tot advies bedrijfsarts", "R. Oost", "doorlopend"]], D(2026, 6, 12)),
        author="Rob Oost", when=at(pva, 16), header="Installatietechniek Oost", title="Plan van aanpak")
    files[f"{folder}/Evaluatie juni M. Yilmaz.docx"] = make_docx(evaluatie(
        c, e1, "M. Yilmaz, R. Oost", "De heer Yilmaz werkt volledige dagen in de werkplaats. Volledige "
        "hervatting in het eigen werk wordt per 1 september verwacht.", "Nagekomen.",
        ["Opbouw van werk op hoogte volgens schema van de bedrijfsarts."], D(2026, 7, 24)),
        author="Rob Oost", when=at(e1, 14), header="Installatietechniek Oost")
    expected[f"{folder}/probleemanalyse Yilmaz.pdf"] = ("probleemanalyse", pa, "")
    expected[f"{folder}/plan van aanpak 30-04-2026.docx"] = ("plan-van-aanpak", pva, "")
    expected[f"{folder}/Evaluatie juni M. Yilmaz.docx"] = ("evaluatie", e1, "hersteld per 31-08-2026")


def jansen(files: dict, expected: dict) -> None:
    """A dossier without a workbook row: the first sick day comes from the probleemanalyse text."""
    c = JANSEN
    folder = "2026-007 Jansen"
    pa, pva = D(2026, 4, 8), D(2026, 4, 20)
    files[f"{folder}/Probleemanalyse Jansen.pdf"] = make_pdf([
        ("title", "Probleemanalyse"),
        ("p", f"Werknemer: {c['name']}, {c['job']}, {c['employer']}"),
        ("p", f"Eerste ziektedag: {lang_nl(c['sick'])}"),
        ("p", f"Datum: {lang_nl(pa)}"),
        ("h", "Functionele mogelijkheden en beperkingen"),
        ("list", ["Geen werk in ploegendienst; alleen dagdienst.", "Niet langer dan een uur achtereen staan.",
                  "Kan maximaal 5 uur per dag werken."]),
        ("h", "Prognose"), ("p", "Gedeeltelijke terugkeer in het eigen werk binnen drie maanden wordt verwacht."),
        ("h", "Advies"), ("list", ["Start met 3 uur per dag in dagdienst aan de afwerkstraat.",
                                   "Stel binnen twee weken samen een plan van aanpak op."]),
        ("p", f"{c['ba']}, bedrijfsarts, {c['arbo']}")],
        title="Probleemanalyse", author="M. Koster", when=at(pa, 13), header="Arbodienst Midden | vertrouwelijk")
    files[f"{folder}/PvA Jansen april 2026.docx"] = make_docx([
        ("title", "Plan van aanpak"),
        ("p", f"Datum: {lang_nl(pva)}"),
        ("p", f"Werknemer: {c['name']}, werkgever: {c['employer']}, casemanager: {c['cm']}"),
        ("h", "Doel"), ("p", "Terugkeer in het eigen werk als drukker, eerst in dagdienst aan de afwerkstraat."),
        ("h", "Activiteiten"), ("list", ["Dagdienst aan de afwerkstraat, 3 uur per dag, vanaf 22 april.",
                                         "Opbouw met een uur per dag per drie weken.",
                                         "Evaluatie iedere zes weken."]),
        *signature("S. van Leeuwen|werkgever", "K. Jansen|werknemer")],
        author="Sandra van Leeuwen", when=at(pva, 10), title="Plan van aanpak")
    expected[f"{folder}/Probleemanalyse Jansen.pdf"] = ("probleemanalyse", pa, "eerste ziektedag uit de tekst")
    expected[f"{folder}/PvA Jansen april 2026.docx"] = ("plan-van-aanpak", pva, "")


# ----------------------------------------------------------------------------------------------
# 2025-008 Verbeek: a complete first-track dossier, due for its re-integratieverslag (issue 18)
# ----------------------------------------------------------------------------------------------

LIMITS_VERBEEK = ["Kan 5 uur per dag werken, met een pauze na elke 2 uur.",
                  "Niet tillen boven 5 kg; niet boven schouderhoogte werken.",
                  "Kan kassawerk, advies aan klanten en lichte vulwerkzaamheden doen."]
VISIE_VERBEEK = ("h", "Visie op de re-integratie")


def verbeek(files: dict, expected: dict) -> None:
    """Every document the Regeling asks for, on time and with the re-integratievisie: the RIV is complete."""
    c = VERBEEK
    folder = "2025-008 Verbeek"
    header = "Tuincentrum De Linde B.V. | personeelszaken"

    def put(name: str, data: bytes, doc_type: str | None, day: D | None, note: str = "") -> None:
        files[f"{folder}/{name}"] = data
        expected[f"{folder}/{name}"] = (doc_type, day, note)

    def visie(advies: str, werkgever: str, werknemer: str) -> Blocks:
        return [VISIE_VERBEEK, ("p", f"Advies van de bedrijfsarts: {advies}"),
                ("p", f"Visie van de werkgever: {werkgever}"), ("p", f"Visie van de werknemer: {werknemer}")]

    pa = D(2025, 4, 7)
    put("Probleemanalyse Verbeek 07-04-2025.pdf", make_pdf(probleemanalyse(
        c, pa, LIMITS_VERBEEK, "Gedeeltelijke terugkeer in het eigen werk wordt binnen drie maanden verwacht; "
        "of volledige terugkeer lukt, is nu niet te zeggen.",
        "Het eigen werk is gedeeltelijk passend: kassa en advies aan klanten. Sjouwen met potgrond en planten "
        "en vakken vullen boven schouderhoogte zijn voorlopig niet passend.",
        ["Start met 2 uur per dag aan de kassa en in de advieshoek.", "Stel samen een plan van aanpak op.",
         "Vervolgspreekuur over zes weken."]),
        title="Probleemanalyse", author="S. Verhoeven", when=at(pa, 11), header="ArboZorg Noord | bedrijfsartsen"),
        "probleemanalyse", pa)

    pva = D(2025, 4, 17)
    put("Plan van aanpak Verbeek.docx", make_docx(plan_van_aanpak(
        c, pva, pa, "Terugkeer in de eigen functie van verkoopmedewerker, eerst aan de kassa en in de advieshoek, "
        "met een opbouw naar 5 uur per dag.",
        [["Kassa en advieshoek, 2 uur per dag", "H. de Linde, S. Verbeek", "vanaf 22-04-2025"],
         ["Geen sjouwwerk; collega's vullen de hoge vakken", "H. de Linde", "doorlopend"],
         ["Opbouw met een uur per dag per drie weken", "werknemer", "doorlopend"]], D(2025, 5, 28))
        + visie("opbouw in uren, eerst de lichte taken.", "terugkeer in de eigen functie is haalbaar met aanpassingen.",
                "ik wil graag terug in mijn eigen werk en begin aan de kassa."),
        author="Henk de Linde", when=at(pva, 14), header=header, title="Plan van aanpak"), "plan-van-aanpak", pva)

    talks = [(D(2025, 5, 28), "Gestart op 22 april met 2 uur per dag aan de kassa; dat gaat goed.", "Nagekomen.",
              ["Opbouw naar 3 uur per dag."]),
             (D(2025, 7, 8), "Werkt 3 uur per dag; advies aan klanten gaat goed.", "Nagekomen.",
              ["Opbouw naar 4 uur per dag.", "Zomerdrukte: geen sjouwwerk, collega's helpen."]),
             (D(2025, 8, 19), "Werkt 4 uur per dag, vier dagen per week.", "Nagekomen.", ["Opbouw naar 5 uur per dag."]),
             (D(2025, 9, 30), "Werkt 5 uur per dag; meer uren lukken nog niet.", "Nagekomen.",
              ["Bedrijfsarts bespreekt de verdere opbouw."]),
             (D(2025, 11, 11), "Stabiel op 5 uur per dag, 20 uur per week.", "Nagekomen.",
              ["Ziekmelding bij UWV na 42 weken voorbereiden.", "Kerstdrukte: vaste kassadienst."]),
             (D(2025, 12, 22), "Stabiel; de 42e-weekmelding is vandaag gedaan.", "Nagekomen.",
              ["Eerstejaarsevaluatie eind januari."])]
    for i, (day, progress, kept, agreements) in enumerate(talks):
        following = talks[i + 1][0] if i + 1 < len(talks) else D(2026, 1, 27)
        blocks = evaluatie(c, day, "S. Verbeek, H. de Linde, E. de Wit", progress, kept, agreements, following)
        if i == 1:   # the July evaluation went round by mail, the minutes in the message itself
            body = text_of([("p", "Beste Sanne, beste Henk,"), ("blank", ""),
                            ("p", "Hierbij het verslag van ons gesprek van vandaag."), ("blank", ""), *blocks,
                            ("blank", ""), ("p", "Met vriendelijke groet,"), ("p", "Ellen de Wit"), ("p", "Casemanager")])
            put("Verslag evaluatie juli Verbeek.eml", make_eml(
                subject="Verslag evaluatie 8 juli", sender="Ellen de Wit <e.dewit@casemanagement.example>",
                to=["Sanne Verbeek <s.verbeek@mail.example>", "Henk de Linde <henk@delinde.example>"],
                when=at(day, 16, 40), body=body, key="sv1"), "evaluatie", day, "mail, verslag in de tekst")
        else:
            put(f"Evaluatie {nl(day)} Verbeek.docx", make_docx(blocks, author="Ellen de Wit", when=at(day, 15),
                                                               header=header), "evaluatie", day)

    melding = D(2025, 12, 22)
    put("Bevestiging ziekmelding UWV Verbeek.pdf", make_pdf([
        ("title", "UWV"), ("p", "Bevestiging van uw melding"), ("h", "Ziekmelding langdurig verzuim"),
        ("table", [["Datum melding", nl(melding)], ["Werkgever", c["employer"]],
                   ["Loonheffingennummer", "8456.12.903.L01"], ["Werknemer", "S. Verbeek"],
                   ["Eerste ziektedag", nl(c["sick"])], ["Kenmerk", "ZLV-2025-0513290"]]),
        ("p", "U heeft uw werknemer ziek gemeld omdat hij of zij bijna 42 weken ziek is. Wij hebben deze melding "
              "ontvangen en verwerkt. U hoeft niets meer te doen."),
        ("p", "Met vriendelijke groet, UWV Werkgeversportaal")],
        title="Bevestiging ziekmelding", author="UWV", when=at(melding, 10, 12), creator="UWV Werkgeversportaal",
        producer="iText 7"), "42e-weekmelding", melding)

    eje = D(2026, 1, 27)
    put("Eerstejaarsevaluatie Verbeek.docx", make_docx([
        ("title", "Eerstejaarsevaluatie"), *gegevens(c, eje, ("Eerste ziektedag", nl(c["sick"])),
                                                    ("Aanwezig", "S. Verbeek, H. de Linde, E. de Wit")),
        ("h", "Terugblik op het eerste ziektejaar"),
        ("p", "Na de probleemanalyse van april is mevrouw Verbeek gestart aan de kassa en in de advieshoek. De "
              "opbouw ging volgens plan tot 5 uur per dag; sinds september is dat stabiel. Er is iedere zes "
              "weken geëvalueerd."),
        ("h", "Doel voor het tweede jaar"),
        ("p", "Duurzaam werk in de aangepaste eigen functie van 24 uur per week (kassa, advies, lichte "
              "vulwerkzaamheden), vastgelegd in een aangepaste functieomschrijving."),
        *visie("de huidige 5 uur per dag is passend; verdere opbouw boven 24 uur per week is niet te verwachten.",
               "de aangepaste functie kan blijvend worden ingericht.",
               "ik wil in mijn eigen functie blijven werken, met deze aanpassingen."),
        ("h", "Afspraken"),
        ("list", ["Arbeidsdeskundig onderzoek in februari (drs. K. Smit) naar de passendheid van de aangepaste functie.",
                  "Het plan van aanpak wordt daarna bijgesteld."]),
        *signature("H. de Linde|werkgever", "S. Verbeek|werknemer")],
        author="Ellen de Wit", when=at(eje, 15, 30), header=header, title="Eerstejaarsevaluatie"),
        "eerstejaarsevaluatie", eje)

    ad = D(2026, 2, 17)
    put("AD rapport Verbeek.pdf", make_pdf([
        ("title", "Rapportage arbeidsdeskundig onderzoek"),
        ("table", [["Datum", nl(ad)], ["Werknemer", c["name"]], ["Werkgever", c["employer"]],
                   ["Functie", "verkoopmedewerker, 32 uur per week"], ["Arbeidsdeskundige", c["ad"]]]),
        ("h", "1. Vraagstelling"), ("p", "Is de aangepaste eigen functie passend, en voor hoeveel uur?"),
        ("h", "2. Belastbaarheid"), ("list", LIMITS_VERBEEK),
        ("h", "3. Conclusie en advies"),
        ("list", ["De aangepaste eigen functie (kassa, advies, lichte vulwerkzaamheden) is passend voor 24 uur "
                  "per week.", "Passend werk in de eigen organisatie is daarmee gevonden; een tweede spoor is "
                  "niet nodig.", "Leg de aangepaste functie vast en stel het plan van aanpak daarop bij."]),
        ("p", f"{c['ad']}, arbeidsdeskundige (register RADG)")],
        title="Arbeidsdeskundig rapport Verbeek", author="K. Smit", when=at(ad, 16, 5)),
        "arbeidsdeskundig-rapport", ad)

    bij = D(2026, 3, 3)
    put("Bijstelling plan van aanpak Verbeek.docx", make_docx([
        ("title", "Bijstelling plan van aanpak"), *gegevens(c, bij, ("Casemanager", c["cm"])),
        ("h", "Aanleiding"),
        ("p", "Na de eerstejaarsevaluatie van 27 januari en het arbeidsdeskundig onderzoek van 17 februari "
              "stellen werkgever en werknemer het plan van aanpak bij."),
        ("h", "Doel"), ("p", "Blijvend werk in de aangepaste eigen functie, 24 uur per week."),
        ("h", "Activiteiten en afspraken"),
        ("table", [["Activiteit", "Wie", "Wanneer"],
                   ["Aangepaste functieomschrijving vastleggen", "H. de Linde", "voor 01-04-2026"],
                   ["Rooster van 24 uur over vijf dagen", "H. de Linde, S. Verbeek", "vanaf 09-03-2026"],
                   ["Evaluatie iedere zes weken", "E. de Wit", "doorlopend"]]),
        *visie("5 uur per dag over vijf dagen is passend.", "de functie blijft zo ingericht.",
               "ik ben tevreden met de aangepaste functie."),
        *signature("H. de Linde|werkgever", "S. Verbeek|werknemer", "E. de Wit|casemanager")],
        author="Ellen de Wit", when=at(bij, 11), header=header, title="Bijstelling plan van aanpak"),
        "bijstelling-plan-van-aanpak", bij)

    year2 = [D(2026, 4, 14), D(2026, 5, 26), D(2026, 7, 7), D(2026, 8, 18), D(2026, 9, 29)]
    for i, day in enumerate(year2):
        following = year2[i + 1] if i + 1 < len(year2) else D(2026, 11, 9)
        put(f"Evaluatie {nl(day)} Verbeek.docx", make_docx(evaluatie(
            c, day, "S. Verbeek, H. de Linde", "Werkt 24 uur per week in de aangepaste functie; dat is stabiel.",
            "Nagekomen.", ["Doorgaan met het rooster van 24 uur."] if i < 4 else
            ["Actueel oordeel van de bedrijfsarts aanvragen.", "Eindevaluatie in november."], following),
            author="Ellen de Wit", when=at(day, 15), header=header), "evaluatie", day)

    ao = D(2026, 10, 27)
    put("Actueel oordeel bedrijfsarts Verbeek.pdf", make_pdf([
        ("title", "Actueel oordeel bedrijfsarts"),
        ("p", "ten behoeve van het re-integratieverslag (artikel 6 Regeling procesgang)"),
        *gegevens(c, ao, ("Eerste ziektedag", nl(c["sick"])), ("Bedrijfsarts", c["ba"])),
        ("h", "Huidige functionele mogelijkheden"), ("list", LIMITS_VERBEEK),
        ("h", "Beloop en prognose"),
        ("p", "De belastbaarheid is sinds september 2025 stabiel. Verdere opbouw boven 24 uur per week wordt "
              "niet verwacht."),
        ("h", "Oordeel over de re-integratie"),
        ("p", "De re-integratie-inspanningen passen bij de mogelijkheden. De aangepaste eigen functie van 24 uur "
              "per week is passend."),
        ("p", f"{c['ba']}, bedrijfsarts, {c['arbo']}")],
        title="Actueel oordeel", author="S. Verhoeven", when=at(ao, 10, 45), header="ArboZorg Noord | bedrijfsartsen"),
        "actueel-oordeel", ao)

    ev = D(2026, 11, 9)
    put("Eindevaluatie Verbeek 09-11-2026.docx", make_docx([
        ("title", "Eindevaluatie"), *gegevens(c, ev, ("Aanwezig", "S. Verbeek, H. de Linde, E. de Wit")),
        ("h", "Verloop van de re-integratie"),
        ("p", "Eerste spoor: terugkeer in de eigen functie met aanpassingen, opgebouwd tot 24 uur per week en "
              "sinds maart 2026 vastgelegd in een aangepaste functieomschrijving. Een tweede spoor was niet nodig "
              "(arbeidsdeskundig rapport van 17 februari 2026)."),
        ("h", "Afspraken"),
        ("list", ["Het re-integratieverslag wordt deze maand samengesteld; mevrouw Verbeek krijgt een afschrift.",
                  "Werknemer vraagt de WIA-uitkering tijdig aan."]),
        *signature("H. de Linde|werkgever", "S. Verbeek|werknemer")],
        author="Ellen de Wit", when=at(ev, 14), header=header, title="Eindevaluatie"), "eindevaluatie", ev)

    mw = D(2026, 11, 16)
    put("Mening werknemer Verbeek.docx", make_docx([
        ("title", "Mening van de werknemer over de re-integratie"),
        ("p", "Onderdeel van het re-integratieverslag (artikel 6 Regeling procesgang)"),
        *gegevens(c, mw),
        ("p", "Ik ben het eens met het verloop van de re-integratie zoals het in het dossier staat. De aanpassingen "
              "in mijn functie werken goed en ik wil zo blijven werken."),
        *signature("S. Verbeek|werknemer")],
        author="Sanne Verbeek", when=at(mw, 19), title="Mening werknemer"), "mening-werknemer", mw)


BUILDERS = (el_amrani, de_vries, thompson, visser, yilmaz, jansen, verbeek)


def build() -> tuple[dict[str, bytes], dict[str, tuple[str | None, D | None, str]]]:
    files: dict[str, bytes] = {}
    expected: dict[str, tuple[str | None, D | None, str]] = {}
    for builder in BUILDERS:
        builder(files, expected)
    return files, expected


def write(files: dict[str, bytes]) -> None:
    OUT.mkdir(exist_ok=True)
    for child in OUT.iterdir():
        if child.name in KEEP:
            continue
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    for name, data in sorted(files.items()):
        path = OUT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def check(expected: dict[str, tuple[str | None, D | None, str]]) -> int:
    """Scan the written folders and compare type and date with what we meant; print a table."""
    sys.path.insert(0, str(ROOT))
    from plugin.check.scan import list_files, scan_files

    files = [f for folder in sorted(OUT.iterdir()) if folder.is_dir() for f in list_files(folder)]
    documents = scan_files(files, OUT)
    wrong = 0
    seen = set()
    print(f"{'':2}{'bestand':<72} {'type':<25} {'datum':<10} {'taal':<4} bron")
    for doc in documents:
        want_type, want_date, _note = expected.get(doc.path, ("?", None, ""))
        seen.add(doc.path)
        ok = doc.type == want_type and doc.date == want_date
        wrong += not ok
        shown = doc.type or f"({doc.problem})" if doc.problem else doc.type or "-"
        print(f"{'  ' if ok else '!!'}{doc.path:<72} {str(shown):<25} {nl(doc.date) if doc.date else '-':<10} "
              f"{doc.language:<4} {doc.evidence}/{doc.date_evidence or '-'}"
              + ("" if ok else f"   verwacht: {want_type} {nl(want_date) if want_date else '-'}"))
    for path in sorted(set(expected) - seen):
        print(f"!!{path}: niet gevonden bij het scannen")
        wrong += 1
    print(f"{len(documents)} documenten, {wrong} afwijkend")
    return 1 if wrong else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="scan the result and compare with what was meant")
    args = parser.parse_args(argv)
    files, expected = build()
    write(files)
    print(f"{len(files)} bestanden geschreven in {OUT}")
    return check(expected) if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
