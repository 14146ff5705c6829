"""Builders for hostile inputs (issue 8): bombs are made small on disk, here, never checked in."""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "examples"))
from _writers import pdf_objects  # noqa: E402

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_with_streams(pages: list[bytes], *, flate: bool = True) -> bytes:
    """A PDF whose page content streams are given (already compressed when flate is True)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", FONT]
    kids = []
    for stream in pages:
        filters = b" /Filter /FlateDecode" if flate else b""
        objects.append(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(stream), filters, stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    return pdf_objects(objects, kids)


def text_stream(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"


def flate_bomb(size: int = 2**30) -> bytes:
    """A zlib stream that inflates to `size` bytes of page operators (about 1 MB per GiB), made in a second.

    One MiB is deflated once with a full flush (byte-aligned, no reference to earlier data),
    and that block is repeated; only the Adler-32 checksum has to run over everything.
    """
    unit = (b"BT /F1 12 Tf 72 720 Td (a) Tj ET\n" * 40000)[: 2**20]
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(unit) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = size // len(unit)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(unit, checksum)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    return b"\x78\xda" + block * count + end + checksum.to_bytes(4, "big")


def pdf_bomb(size: int = 2**30) -> bytes:
    return pdf_with_streams([zlib.compress(text_stream("Plan van aanpak")), flate_bomb(size)])


def long_pdf(pages: int, text_from: int) -> bytes:
    """`pages` pages; only those from page `text_from` (1-based) on carry text."""
    blank = zlib.compress(b"0 0 1 rg 10 10 80 80 re f")
    streams = [zlib.compress(text_stream(f"Pagina {n} Plan van aanpak")) if n >= text_from else blank
               for n in range(1, pages + 1)]
    return pdf_with_streams(streams)


def attachment_bomb(count: int = 870_000) -> bytes:
    """One message with `count` tiny attachments (about 45 bytes each)."""
    head = (b"From: a@b.nl\r\nTo: c@d.nl\r\nSubject: veel bijlagen\r\nDate: Wed, 12 Mar 2025 10:00:00 +0100\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            b"--b\r\nContent-Type: text/plain\r\n\r\nzie bijlagen\r\n")
    part = b"--b\r\nContent-Disposition: attachment\r\n\r\nx\r\n"
    return head + part * count + b"--b--\r\n"


def nested_forward(depth: int) -> bytes:
    """A forward of a forward of ... `depth` levels deep (message/rfc822 inside multipart)."""
    message = b"From: a@b.nl\r\nTo: c@d.nl\r\nSubject: Rapport\r\n\r\nde kern\r\n"
    for level in range(depth):
        boundary = b"b%d" % level
        message = (b"From: a@b.nl\r\nTo: c@d.nl\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n"
                   b"Content-Type: multipart/mixed; boundary=\"" + boundary + b"\"\r\n\r\n"
                   b"--" + boundary + b"\r\nContent-Type: text/plain\r\n\r\nzie onder\r\n"
                   b"--" + boundary + b"\r\nContent-Type: message/rfc822\r\n"
                   b"Content-Disposition: attachment; filename=\"Fwd.eml\"\r\n\r\n"
                   + message + b"\r\n--" + boundary + b"--\r\n")
    return message
