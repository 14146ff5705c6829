"""Builders for the hostile inputs of issue 17 (round two): each is made small, here, never checked in.

Every builder returns bytes; the size a probe had in the red team's report is the default.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "examples"))
from _writers import compound_file, pdf_objects, u16, props, filetime  # noqa: E402


def rtf_hyperlinks(size: int = 72_000) -> bytes:
    """Repeated HYPERLINK fields (striprtf's field regex was cubic on them: 95 s for 72 KB)."""
    field = b'{\\field{\\*\\fldinst{HYPERLINK "https://voorbeeld.nl/pad"}}{\\fldrslt{Plan van aanpak}}} '
    return b"{\\rtf1\\ansi " + field * (size // len(field)) + b"}"


def rtf_unclosed_hyperlinks(size: int = 72_000) -> bytes:
    """HYPERLINK fields whose instruction never closes: striprtf's field regex backtracks over
    every start, every HYPERLINK and every quote after it (cubic: 95 s for 72 KB)."""
    field = b'{\\field{\\*\\fldinst{HYPERLINK "https://voorbeeld.nl/pad" '
    return b"{\\rtf1\\ansi Plan van aanpak " + field * (size // len(field)) + b"}"


def rtf_unclosed_font_table(size: int = 1_000_000) -> bytes:
    """A font table that never closes (striprtf's font-table regex was quadratic on it)."""
    return b"{\\rtf1{\\fonttbl{\\f0\\fcharset0 Arial;}" + b"\\f1\\fnil x" * (size // 10)


def rtf_deep_groups(depth: int = 500_000) -> bytes:
    """Groups nested half a million deep, with text at the bottom."""
    return b"{\\rtf1 " + b"{" * depth + b"Plan van aanpak" + b"}" * depth + b"}"


def odt_space_count(count: str = "9" * 40) -> bytes:
    """An .odt of a few hundred bytes whose <text:s text:c> asks for `count` spaces."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               f'<text:p>Plan<text:s text:c="{count}"/>van aanpak</text:p></office:text></office:body>'
               '</office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def doc_repeated_piece(times: int = 20_000, piece: bytes = b"Plan van aanpak " * 4096) -> bytes:
    """A Word 97 file whose piece table names one 64 KB piece `times` times (1.3 GB when joined whole)."""
    offset = 0x800
    word = bytearray(offset) + piece
    struct.pack_into("<H", word, 0, 0xA5EC)               # FIB magic
    struct.pack_into("<H", word, 0x0A, 0x0200)            # fWhichTblStm: the table stream is 1Table
    struct.pack_into("<i", word, 0x4C, len(piece) * times)  # ccpText
    cps = struct.pack(f"<{times + 1}i", *(i * len(piece) for i in range(times + 1)))
    pcd = struct.pack("<HIH", 0, (offset * 2) | 0x40000000, 0)   # 8-bit text at `offset`
    plc = cps + pcd * times
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", word, 0x1A2, 0, len(clx))     # fcClx, lcbClx
    return compound_file({"WordDocument": bytes(word), "1Table": clx})


def pdf_huge_page(points: int = 7200) -> bytes:
    """A PDF without text whose one page is `points` square (1.6 GB when rendered for OCR at 200 dpi)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Length 0 >>\nstream\n\nendstream",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 3 0 R >>" % (points, points)]
    return pdf_objects(objects, [4])


def png_huge(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG that claims `width` x `height` pixels in a few hundred bytes."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    rows = zlib.compress(b"\x00" * (width + 1) * 4)   # a few rows: the header is what matters
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))


def tiff_pages(count: int = 300) -> bytes:
    """A multi-page TIFF of `count` small blank pages (Tesseract would read every one)."""
    from PIL import Image

    pages = [Image.new("L", (64, 64), 255) for _ in range(count)]
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def xlsx_shared_strings(count: int = 300_000) -> bytes:
    """A workbook whose shared-strings table claims 4 billion strings and holds `count` distinct ones."""
    strings = "".join(f"<si><t>tekst {i:x}</t></si>" for i in range(count))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                               'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
                               'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                               'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                               'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                       '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                           'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                           '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                      'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                                      'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="'
                                      'worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
                                      'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="'
                                      'sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                                    'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
                                    '</row></sheetData></worksheet>',
        "xl/sharedStrings.xml": '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                                f'2006/main" count="4294967295" uniqueCount="4294967295">{strings}</sst>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def msg_with_rtf_body(rtf: bytes, subject: str = "Ter info") -> bytes:
    """An Outlook .msg whose only body is `rtf` as compressed RTF (PR_RTF_COMPRESSED)."""
    from compressed_rtf import compress

    when = dt.datetime(2025, 7, 7, 9, 12, tzinfo=dt.timezone.utc)
    return compound_file({
        "__properties_version1.0": props(32, [(0x0039, 0x0040, filetime(when))]),
        "__substg1.0_001A001F": u16("IPM.Note"),
        "__substg1.0_0037001F": u16(subject),
        "__substg1.0_10090102": compress(rtf),
    })


def eml_nested_boundaries(depth: int = 200, lines: int = 100_000) -> bytes:
    """Multiparts nested `depth` deep, each boundary a prefix of the next ('a', 'aa', ...), over
    `lines` short lines: the mail parser tests every line against every open level."""
    out = b"From: a@b.nl\r\nTo: c@d.nl\r\nSubject: Plan van aanpak\r\nMIME-Version: 1.0\r\n"
    for level in range(depth):
        boundary = b"a" * (level + 1)
        out += b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n--' + boundary + b"\r\n"
    return out + b"Content-Type: text/plain\r\n\r\n" + b"regel\r\n" * lines


def html_unclosed_tags(count: int = 100_000) -> bytes:
    """An HTML mail whose body is `count` unclosed <title tags (the tag regexes were quadratic)."""
    return (b"From: a@b.nl\r\nTo: c@d.nl\r\nSubject: Plan van aanpak\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: text/html; charset=utf-8\r\n\r\n" + b"<title" * count)


def pdf_stream_words(count: int = 1_000_000) -> bytes:
    """A file of `count` '/Filter /FlateDecode stream' headers and no 'endstream' (the PDF guard rescanned)."""
    return b"%PDF-1.4\n" + b"<< /Filter /FlateDecode >> stream\n" * count


def eml_encoded_word_subject(count: int = 50_000) -> bytes:
    """A Subject of `count` encoded words (about 1 MB): the header parser is quadratic on them."""
    return (b"From: a@b.nl\r\nTo: " + b"iemand@voorbeeld.nl, " * 5_000 + b"\r\nSubject: "
            + b"=?utf-8?q?Plan_van_aanpak?= " * count + b"\r\n\r\nPlan van aanpak\r\n")
