"""Turn one spreadsheet cell into a typed value, or say in Dutch why it cannot be."""

from __future__ import annotations

import re

from plugin.core.dates import DateError, parse_date

_EMAIL = re.compile(r"^[^@\s;,<>]+@[^@\s;,<>]+\.[A-Za-z]{2,}$")
_SPOOR = {"1": "1", "2": "2", "1+2": "1+2", "1en2": "1+2", "12": "1+2", "1&2": "1+2", "beide": "1+2",
          "both": "1+2", "1and2": "1+2", "spoor1": "1", "spoor2": "2", "track1": "1", "track2": "2",
          "eerste": "1", "tweede": "2", "first": "1", "second": "2", "1,2": "1+2", "1/2": "1+2"}
_TAAL = {"nl": "nl", "nld": "nl", "dutch": "nl", "nederlands": "nl", "ned": "nl",
         "en": "en", "eng": "en", "english": "en", "engels": "en", "uk": "en", "gb": "en"}


class CellError(ValueError):
    """The cell holds something its column cannot accept; the message says what to write."""


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime") and not isinstance(value, str):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


def convert(value: object, kind: str):
    """Convert a raw cell value for a column of the given kind; '' / None stays empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None if kind in ("date", "number") else (0 if kind == "int" else "")
    if kind == "text":
        return as_text(value)
    if kind == "date":
        try:
            return parse_date(value)
        except DateError as exc:
            raise CellError(str(exc)) from None
    if kind == "int":
        number = _number(value)
        if number != int(number) or number < 0:
            raise CellError("moet een heel getal van 0 of meer zijn")
        return int(number)
    if kind == "number":
        number = _number(value)
        if number < 0:
            raise CellError("mag niet negatief zijn")
        return int(number) if number == int(number) else number
    if kind == "email":
        text = as_text(value).replace("mailto:", "")
        addresses = [a.strip() for a in re.split(r"[;,]", text) if a.strip()]
        bad = [a for a in addresses if not _EMAIL.match(a)]
        if bad:
            raise CellError(f"is geen geldig e-mailadres: {bad[0]}")
        return "; ".join(addresses)
    if kind == "spoor":
        key = re.sub(r"\s+", "", as_text(value).lower())
        if key not in _SPOOR:
            raise CellError("moet 1, 2 of 1+2 zijn")
        return _SPOOR[key]
    if kind == "taal":
        key = as_text(value).lower()
        if key not in _TAAL:
            raise CellError("moet nl of en zijn")
        return _TAAL[key]
    raise AssertionError(f"unknown column kind {kind}")


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise CellError("moet een getal zijn")
    if isinstance(value, (int, float)):
        return float(value)
    text = as_text(value).replace(" ", "")
    if re.fullmatch(r"-?\d+([.,]\d+)?", text):
        return float(text.replace(",", "."))
    raise CellError("moet een getal zijn")
