"""Turn one spreadsheet cell into a typed value, or say in Dutch why it cannot be."""

from __future__ import annotations

import re

from plugin.core.dates import DateError, format_date, parse_date

_EMAIL = re.compile(r"^[^@\s;,<>]+@[^@\s;,<>]+\.[A-Za-z]{2,}$")
_SPOOR = {"1": "1", "2": "2", "1+2": "1+2", "1en2": "1+2", "12": "1+2", "1&2": "1+2", "beide": "1+2",
          "both": "1+2", "1and2": "1+2", "spoor1": "1", "spoor2": "2", "track1": "1", "track2": "2",
          "eerste": "1", "tweede": "2", "first": "1", "second": "2", "1,2": "1+2", "1/2": "1+2"}
_TAAL = {"nl": "nl", "nld": "nl", "dutch": "nl", "nederlands": "nl", "ned": "nl",
         "en": "en", "eng": "en", "english": "en", "engels": "en", "uk": "en", "gb": "en"}


class CellError(ValueError):
    """The cell holds something its column cannot accept; the message says what to write."""


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def clean_text(text: str) -> str:
    """Text as the user sees it in Excel.

    Excel stores characters XML cannot hold as `_xHHHH_` (a line break pasted from Word is
    `_x000B_`; a literal `_x` is `_x005F_x`); openpyxl hands them over undecoded. Decoded
    here, line-break-like controls become a newline and other control characters go.
    """
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = _LINE_BREAKS.sub("\n", text)
    return _CONTROL.sub("", text)


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime") and not isinstance(value, str):
        return format_date(value, style="short")
    return clean_text(str(value)).strip()


def email_address(text: str, local_domain: bool = False) -> str:
    """One deliverable address, or CellError saying what to write.

    Decision for internationalised addresses: a domain with accents (bücher.de) is written
    in its IDNA form (xn--bcher-kva.de), which every mail server delivers. An accented part
    before the @ needs SMTPUTF8, which many servers and Outlook setups refuse, so it is
    refused here, the same way in the workbook check and in the mail-out. local_domain
    allows a domain without a dot (a sender such as poortwachter@localhost).
    """
    address = text.strip().strip(";,").strip()
    if address.lower().startswith("mailto:"):
        address = address[7:].strip()
    if len([a for a in re.split(r"[;,\s]+", address) if "@" in a]) > 1:
        raise CellError("bevat meer dan één e-mailadres; de rapportage gaat naar precies één adres: "
                        "zet hier één adres (bijv. hr@werkgever.nl)")
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise CellError(f"is geen geldig e-mailadres: {address}")
    if not local.isascii():
        raise CellError(f"het deel vóór de @ heeft tekens met accenten ({address}); dat kan niet elke "
                        "mailserver bezorgen: vraag de werkgever om een adres zonder accenten")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise CellError(f"is geen geldig e-mailadres: {address}") from None
    address = f"{local}@{domain}"
    if not _EMAIL.match(address) and not (local_domain and _EMAIL.match(address + ".local")):
        raise CellError(f"is geen geldig e-mailadres: {address}")
    return address


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
        return email_address(as_text(value))
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
