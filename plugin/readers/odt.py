"""OpenDocument text (.odt, LibreOffice and others): paragraphs and headings of content.xml.

The caller has passed the archive through the zip guard; every member is read with a budget.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from .model import CORRUPT, Extracted, Limits, bounded
from .zipguard import Budget

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_BLOCKS = {f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"}
_TAB, _BREAK, _SPACE = f"{{{_TEXT}}}tab", f"{{{_TEXT}}}line-break", f"{{{_TEXT}}}s"
_SKIP = {f"{{{_TEXT}}}note", f"{{{_TEXT}}}tracked-changes"}
XML_ERRORS = (etree.XMLSyntaxError, etree.ParseError)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def is_odt(archive: zipfile.ZipFile) -> bool:
    return "content.xml" in archive.NameToInfo and ("mimetype" not in archive.NameToInfo or
                                                     archive.read("mimetype")[:64].startswith(ODT_MIMETYPE))


def read_archive(name: str, archive: zipfile.ZipFile, budget: Budget, limits: Limits) -> Extracted:
    """Raises ZipBomb / ZipEncrypted / zip errors like the docx reader; XML damage is a problem."""
    data = budget.read(archive, "content.xml")
    if data is None:
        return Extracted(name=name, kind="odt", text="", problem=CORRUPT)
    try:
        text = _text(data, limits.max_text_chars)
    except XML_ERRORS:
        return Extracted(name=name, kind="odt", text="", problem=CORRUPT)
    return Extracted(name=name, kind="odt", text=bounded(text, limits))


def _text(data: bytes, max_chars: int) -> str:
    root = etree.parse(io.BytesIO(data), etree.XMLParser(resolve_entities=False, no_network=True,
                                                         load_dtd=False, huge_tree=False)).getroot()
    lines: list[str] = []
    budget = [max_chars + 1]   # characters still wanted, shared by every piece: a count never builds more
    for block in root.iter(*_BLOCKS):
        if any(ancestor.tag in _SKIP for ancestor in block.iterancestors()):
            continue
        line = "".join(_pieces(block, budget)).strip()
        lines.append(line)
        budget[0] -= 1
        if budget[0] <= 0:
            break
    return "\n".join(lines).strip()


def _spaces(value: str | None) -> int:
    """text:c of <text:s/>: how many spaces (a non-negative integer; anything else counts as one)."""
    value = (value or "1").strip()
    if not value.isdigit() or len(value) > 9:   # 'x', '-3', or more digits than any page holds
        return 1 if not value.isdigit() else 10**9
    return int(value)


def _pieces(element, budget: list[int]):
    """The element's text in pieces, each cut to the budget (which it spends)."""
    def take(text: str) -> str:
        text = text[: max(budget[0], 0)]
        budget[0] -= len(text)
        return text

    if element.text:
        yield take(element.text)
    for child in element:
        if budget[0] <= 0:
            return
        if child.tag == _TAB:
            yield take("\t")
        elif child.tag == _BREAK:
            yield take("\n")
        elif child.tag == _SPACE:
            count = min(_spaces(child.get(f"{{{_TEXT}}}c")), max(budget[0], 0))
            budget[0] -= count
            yield " " * count
        elif child.tag not in _SKIP and child.tag not in _BLOCKS:
            yield from _pieces(child, budget)
        if child.tail:
            yield take(child.tail)
