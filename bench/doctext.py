"""The visible text of a .docx, part by part, to compare two renderings of the same document.

Every paragraph of word/document.xml, the headers, footers, footnotes and endnotes (table
cells are paragraphs too), one line per paragraph; <w:br/> is a line break and a run's
<w:tab/> a tab. Layout, zip order, compression and document properties are ignored.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def part_text(xml: bytes) -> str:
    root = etree.fromstring(xml)
    lines = []
    for paragraph in root.iter(_W + "p"):
        pieces = []
        for element in paragraph.iter(_W + "t", _W + "br", _W + "cr", _W + "tab"):
            if element.tag == _W + "t":
                pieces.append(element.text or "")
            elif element.getparent() is not None and element.getparent().tag == _W + "r":
                # a w:tab inside w:pPr/w:tabs is a tab stop, not a character
                pieces.append("\t" if element.tag == _W + "tab" else "\n")
        lines.append("".join(pieces))
    return "\n".join(lines)


def doc_text(path: Path) -> dict[str, str]:
    """Part name -> visible text, for every text part of the document."""
    with zipfile.ZipFile(path) as archive:
        return {name: part_text(archive.read(name)) for name in sorted(archive.namelist()) if _TEXT_PARTS.match(name)}


def first_difference(a: dict[str, str], b: dict[str, str]) -> str:
    """A short human description of where two doc_text results differ ('' when equal)."""
    if a == b:
        return ""
    if a.keys() != b.keys():
        return f"other parts: {sorted(a)} vs {sorted(b)}"
    for name in a:
        if a[name] != b[name]:
            left, right = a[name].splitlines(), b[name].splitlines()
            for i, (x, y) in enumerate(zip(left, right)):
                if x != y:
                    return f"{name} line {i + 1}: {x[:80]!r} vs {y[:80]!r}"
            return f"{name}: {len(left)} vs {len(right)} lines"
    return "differs"
