"""Text from dossier file names, made safe for every report format.

File and folder names come from anyone's disk: a name may hold bytes that are not UTF-8
(Python keeps them as lone surrogates, 'surrogateescape'), control characters (a bell,
an ANSI escape that recolours a terminal) or characters XML forbids. JSON encoders,
openpyxl and python-docx refuse those, and a terminal obeys them. Every string of a
CheckResult is therefore cleaned once, before any reporter sees it: an undecodable byte
becomes `\\xe9`, a control character `\\x07`, so the user can still find the file.
"""

from __future__ import annotations

import dataclasses
import re

# C0 and C1 controls except tab and newline, DEL, lone surrogates, and the XML non-characters.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Printable, valid UTF-8 and XML-safe; ordinary text (also accents, €, emoji) is left alone."""
    if not _UNSAFE.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:   # an undecodable byte of the name, kept by surrogateescape
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean_value(value):
    """Strings cleaned; dataclasses, lists, tuples and dicts cleaned field by field (a field marked
    metadata={"no_names": True} holds nothing from the disk and is kept as it is)."""
    if isinstance(value, str):
        return clean(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: clean_value(getattr(value, f.name)) for f in dataclasses.fields(value)
                   if f.init and not f.metadata.get("no_names")}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_value(v) for v in value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    return value


# Spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with one of
# these is a formula to Excel or LibreOffice once someone edits or re-saves it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)
