"""Rich Text Format (.rtf, and the compressed RTF body of an Outlook .msg): the plain text.

RTF is parsed by striprtf (BSD); the compressed form of [MS-OXRTFCP] is unpacked by
compressed_rtf (MIT). An RTF body that wraps HTML (\\fromhtml1, as Outlook stores HTML mail)
reads the same way: the HTML tags sit in ignorable destinations and drop out.
"""

from __future__ import annotations

import re

from .model import CORRUPT, Extracted, Limits, bounded

RTF_MAGIC = b"{\\rtf"
_BLANK_LINES = re.compile(r"\n[ \t]*\n[ \t\n]*\n")


def to_text(data: bytes, max_chars: int) -> str:
    """The text of RTF bytes (7-bit by definition; other characters are \\' or \\u escapes)."""
    from striprtf.striprtf import rtf_to_text

    markup = data.decode("latin-1")
    text = rtf_to_text(markup, errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return _BLANK_LINES.sub("\n\n", text).strip()[: max_chars]


def read(name: str, data: bytes, limits: Limits) -> Extracted:
    try:
        text = to_text(data, limits.max_text_chars)
    except (ValueError, IndexError, LookupError, RecursionError):
        return Extracted(name=name, kind="rtf", text="", problem=CORRUPT)
    return Extracted(name=name, kind="rtf", text=bounded(text, limits))


def decompress(data: bytes) -> bytes | None:
    """A PR_RTF_COMPRESSED stream unpacked, None when it is damaged."""
    from compressed_rtf import decompress as unpack

    try:
        return unpack(data)
    except Exception:  # noqa: BLE001 - the package raises bare exceptions on bad headers and CRCs
        return None
