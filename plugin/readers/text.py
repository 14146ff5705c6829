"""Plain text files and HTML mail bodies."""

from __future__ import annotations

import html
import re

from .model import Extracted, Limits, bounded

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_DROP = re.compile(r"<(script|style|head|title)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<\s*(br|/p|/div|/tr|/li|/h[1-6]|/table|/blockquote)\b[^>]*>", re.IGNORECASE)
_CELL = re.compile(r"<\s*/t[dh]\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is taken as cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read(name: str, data: bytes, limits: Limits) -> Extracted:
    # Decoding more than needed is wasted work: 4 bytes per character is the UTF-8 maximum.
    text = decode(data[: limits.max_text_chars * 4]).replace("\r\n", "\n").replace("\r", "\n")
    return Extracted(name=name, kind="txt", text=bounded(text, limits))


def html_to_text(markup: str) -> str:
    """Readable text from an HTML body: block ends become line breaks, entities decoded."""
    text = _DROP.sub(" ", markup)
    text = _BREAK.sub("\n", text)
    text = _CELL.sub("\t", text)
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
