"""Builders for reader test fixtures: tiny PDFs, Word and Excel files, mails and zips.

Used by tests/test_readers.py and make_msg_fixture.py; generated fixtures are checked by
their extracted text, never by their bytes. The PDF and .msg writers themselves live in
examples/_writers.py (shared with the examples and the benchmarks).
"""

from __future__ import annotations

import io
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx
import openpyxl
import pypdf

sys.path.append(str(Path(__file__).resolve().parents[3] / "examples"))
from _writers import HELVETICA, LETTER, pdf_escape, pdf_file  # noqa: E402


def make_pdf(pages: list[str | None]) -> bytes:
    """A minimal valid PDF (Letter, Helvetica 12); a page given as None has a drawing but no text layer."""
    streams = []
    for text in pages:
        if text is None:
            streams.append(b"0 0 1 rg 10 10 80 80 re f")
        else:
            body = b" T* ".join(b"(" + pdf_escape(line) + b") Tj" for line in text.split("\n"))
            streams.append(b"BT /F1 12 Tf 14 TL 72 720 Td " + body + b" ET")
    return pdf_file(streams, b"<< /Font << /F1 3 0 R >> >>", [HELVETICA], media_box=LETTER)


def encrypt_pdf(data: bytes, user: str, owner: str = "eigenaar") -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user, owner_password=owner, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CUSTOM_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{}</Properties>')


def make_docx(paragraphs: list[str], *, table: list[list[str]] | None = None, header: str = "",
              footer: str = "", properties: dict[str, tuple[str, str]] | None = None) -> bytes:
    """A Word file; properties map name -> (vt type, value), e.g. ('lpwstr', 'plan-van-aanpak')."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    buffer = io.BytesIO()
    document.save(buffer)
    return add_custom_properties(buffer.getvalue(), properties) if properties else buffer.getvalue()


def add_custom_properties(data: bytes, properties: dict[str, tuple[str, str]]) -> bytes:
    entries = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{name}">'
        f"<vt:{kind}>{value}</vt:{kind}></property>"
        for i, (name, (kind, value)) in enumerate(properties.items(), start=2))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("docProps/custom.xml", CUSTOM_XML.format(entries))
    return out.getvalue()


def make_xlsx(rows: list[list[object]], title: str = "Sollicitaties") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_eml(subject: str, body: str, *, html: str | None = None, date: str = "Wed, 12 Mar 2025 10:00:00 +0100",
             attachments: list[tuple[str, bytes]] = (), messages: list[EmailMessage] = ()) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "Casemanager <cm@werkgever.nl>"
    message["To"] = "J. Jansen <j.jansen@example.nl>, ba@arbodienst.nl"
    message["Date"] = date
    if body:
        message.set_content(body)
    if html:
        if body:
            message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html")
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    for inner in messages:
        message.add_attachment(inner)
    return message


def zip_with(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
