"""Word .docx: text of the body, headers and footers, and the custom document properties.

Read straight from the zip with lxml; python-docx builds a full object model and is an
order of magnitude slower on a folder of thousands of files.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from .model import CORRUPT, Extracted, Limits, bounded
from .zipguard import Budget

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT, _TAB, _BR, _CR, _PARA, _HYPHEN = (_W + t for t in ("t", "tab", "br", "cr", "p", "noBreakHyphen"))
_TAGS = (_TEXT, _TAB, _BR, _CR, _PARA, _HYPHEN, _FALLBACK)
_SIMPLE = {_TAB: "\t", _BR: "\n", _CR: "\n", _PARA: "\n", _HYPHEN: "-"}
_OFFICE_DOC_REL = re.compile(rb'Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"|'
                             rb'Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"')
_RELS_BYTES = 16_384   # a package's .rels is a few hundred bytes; the pattern is slow on megabytes of junk
_HEADER = re.compile(r"word/(header|footer)\d*\.xml")
XML_ERRORS = (etree.XMLSyntaxError, etree.ParseError)


def read_archive(name: str, archive: zipfile.ZipFile, budget: Budget, limits: Limits) -> Extracted:
    """Raises ZipBomb / ZipEncrypted / zip errors; XML damage gives a problem instead."""
    main = budget.read(archive, _main_part(archive, budget) or "word/document.xml")
    if main is None:
        return Extracted(name=name, kind="docx", text="", problem=CORRUPT)
    parts = sorted(n for n in archive.namelist() if _HEADER.fullmatch(n))
    headers = [n for n in parts if "header" in n]
    footers = [n for n in parts if "footer" in n]
    chunks: list[str] = []
    problem = None
    for member in headers + [None] + footers:
        data = main if member is None else budget.read(archive, member)
        try:
            chunks.append(xml_text(data or b"", limits.max_text_chars))
        except XML_ERRORS:
            problem = CORRUPT
        if sum(map(len, chunks)) >= limits.max_text_chars:
            break
    text = "\n".join(c.strip("\n") for c in chunks if c.strip())
    properties = custom_properties(budget.read(archive, "docProps/custom.xml"))
    return Extracted(name=name, kind="docx", text=bounded(text, limits), properties=properties,
                     problem=problem)


def _main_part(archive: zipfile.ZipFile, budget: Budget) -> str | None:
    if "word/document.xml" in archive.NameToInfo:
        return None
    rels = budget.read(archive, "_rels/.rels") or b""
    match = _OFFICE_DOC_REL.search(rels[:_RELS_BYTES])
    return (match.group(1) or match.group(2)).decode("utf-8", "replace") if match else None


def xml_text(data: bytes, max_chars: int) -> str:
    """Paragraphs (and therefore table cells) on their own lines; mc:Fallback copies skipped.

    A part of up to XSLT_BYTES is parsed whole and turned into text by an XSLT stylesheet (in C:
    half the time of the element loop below, which a part of a dossier file spends most of its
    read in); a bigger one is read element by element, each paragraph dropped once read, up to
    max_chars (the two give the same text: tests/test_readers.py)."""
    if len(data) <= XSLT_BYTES:
        text = str(_AS_TEXT(etree.fromstring(data, _PARSER)))
        if len(text) <= max_chars:
            return text
    return _streamed_text(data, max_chars)


XSLT_BYTES = 1 << 20
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_AS_TEXT = etree.XSLT(etree.XML(b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
  <xsl:output method="text" encoding="utf-8"/>
  <xsl:template match="w:t">
    <xsl:apply-templates select="*"/><xsl:value-of select="text()[not(preceding-sibling::node())]"/>
  </xsl:template>
  <xsl:template match="w:tab"><xsl:text>&#9;</xsl:text></xsl:template>
  <xsl:template match="w:br|w:cr"><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="w:noBreakHyphen"><xsl:text>-</xsl:text></xsl:template>
  <xsl:template match="w:p"><xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="mc:Fallback"/>
  <xsl:template match="text()"/>
</xsl:stylesheet>"""), access_control=etree.XSLTAccessControl.DENY_ALL)


def _streamed_text(data: bytes, max_chars: int) -> str:
    parts: list[str] = []
    size = 0
    fallback = 0
    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), tag=_TAGS,
                             resolve_entities=False, no_network=True, load_dtd=False)
    for event, element in events:
        tag = element.tag
        if tag == _FALLBACK:
            fallback += 1 if event == "start" else -1
            continue
        if event == "start" or fallback:
            continue
        piece = (element.text or "") if tag == _TEXT else _SIMPLE[tag]
        parts.append(piece)
        size += len(piece)
        if tag == _PARA:
            element.clear(keep_tail=True)
            if size > max_chars:
                break
    return "".join(parts)


def custom_properties(data: bytes | None) -> dict[str, str]:
    """docProps/custom.xml: <property name="X"><vt:lpwstr>v</vt:lpwstr></property> -> {X: v}."""
    if not data:
        return {}
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except XML_ERRORS:
        return {}
    found: dict[str, str] = {}
    for prop in root:
        name = prop.get("name")
        if not name or len(prop) == 0:
            continue
        found[name] = (prop[0].text or "").strip()
    return found
