"""Find formula cells that Excel never calculated (no cached value in the file).

openpyxl reads a workbook's cached values (data_only=True): a formula written by a script,
or by a program that does not calculate, has none, and its cell reads as empty. That must
not pass as "not yet determined" or "required field is empty": the loader asks this module
which cells are such formulas and says "open and save it in Excel".
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from plugin.readers.model import Limits
from plugin.readers.zipguard import ZIP_ERRORS, Budget, ZipBomb, open_zip

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def uncalculated(data: bytes) -> dict[str, set[tuple[int, int]]]:
    """Sheet title -> {(row, column)} (1-based) of formulas without a cached value; {} when unsure."""
    try:
        archive = open_zip(data, Limits())
        with archive:
            budget = Budget(Limits())
            found: dict[str, set[tuple[int, int]]] = {}
            for title, part in _sheet_parts(archive, budget).items():
                xml = budget.read(archive, part)
                if xml and _HAS_FORMULA.search(xml):
                    cells = _cells(xml)
                    if cells:
                        found[title] = cells
            return found
    except (ZipBomb, etree.LxmlError, *ZIP_ERRORS):
        return {}   # the loader itself reports a workbook it cannot read


def _parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))


def _sheet_parts(archive: zipfile.ZipFile, budget: Budget) -> dict[str, str]:
    book = _parse(budget.read(archive, "xl/workbook.xml") or b"<x/>")
    rels = _parse(budget.read(archive, "xl/_rels/workbook.xml.rels") or b"<x/>")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = {}
    for sheet in book.iter(_MAIN + "sheet"):
        target = targets.get(sheet.get(_REL), "")
        if target:
            parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
    return parts


def _cells(xml: bytes) -> set[tuple[int, int]]:
    found = set()
    for _, cell in etree.iterparse(io.BytesIO(xml), tag=_MAIN + "c", resolve_entities=False, no_network=True):
        formula = cell.find(_MAIN + "f")
        if formula is not None:
            value = cell.find(_MAIN + "v")
            empty = value is None or not (value.text or "")
            if empty and cell.get("t") != "str":   # a formula giving "" is cached as an empty str
                match = _CELL_REF.fullmatch(cell.get("r", ""))
                if match:
                    found.add((int(match.group(2)), _column(match.group(1))))
        cell.clear(keep_tail=True)
    return found


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
