"""Decide what a file is: magic bytes first, the extension only when the bytes say nothing.

Files in a dossier come from many hands; `verslag.pdf` may be a Word file and a mail may be
saved as `.txt`. The bytes are the better witness.
"""

from __future__ import annotations

import re

from .ocr import image_kind

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"

TEXT_SUFFIXES = {".txt", ".md", ".csv", ".text", ".log"}
OLD_OFFICE_SUFFIXES = {".doc", ".dot", ".xls", ".xlt"}
RTF_MAGIC = b"{\\rtf"
SUFFIX_KINDS = {
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".doc": "doc", ".rtf": "rtf", ".odt": "odt",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".tif": "image", ".tiff": "image",
    ".heic": "image", ".heif": "image",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".pdf": "pdf", ".eml": "eml", ".msg": "msg",
    **{s: "txt" for s in TEXT_SUFFIXES},
}

# Headers that make a block of "Name: value" lines an RFC 822 message rather than a note.
_MAIL_HEADERS = {"from", "to", "cc", "subject", "date", "message-id", "mime-version",
                 "received", "return-path", "content-type", "reply-to", "x-mailer", "sender"}
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,60}):[ \t]?")


def magic_kind(data: bytes) -> str | None:
    """'zip', 'pdf', 'ole' or 'rfc822' when the bytes say so, else None."""
    head = data[:8]
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if data[:5] == RTF_MAGIC or data[3:8] == RTF_MAGIC and data[:3] == b"\xef\xbb\xbf":
        return "rtf"
    if image_kind(data[:16]):
        return "image"
    # The PDF header may follow some junk (the spec allows 1024 bytes of it).
    if data[:1024].find(PDF_MAGIC) != -1:
        return "pdf"
    if looks_like_mail(data[:8192]):
        return "rfc822"
    return None


def looks_like_mail(head: bytes) -> bool:
    """A header block of at least two known mail headers, ended by a blank line."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    known = 0
    lines = head.split(b"\n")
    for line in lines[:-1] if len(lines) > 1 else lines:
        line = line.rstrip(b"\r")
        if not line:
            return known >= 2
        if line[:1] in (b" ", b"\t"):
            continue  # folded header
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        if match.group(1).decode("ascii").lower() in _MAIL_HEADERS:
            known += 1
    return known >= 3  # the block did not end within the sample: demand more evidence
