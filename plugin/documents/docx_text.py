"""All text that travels with a .docx, part by part, for the AVG guard.

Word keeps much more than the visible body in a file: document properties (title, subject,
keywords, description), custom properties, comments, tracked changes (inserted and deleted
text: a deletion is still in the file and readable by anyone who opens it), headers,
footers, foot- and endnotes, text boxes, the alternative text of images and field codes.
Everything that goes to an employer is read, so a diagnosis in any of them is found.

Each piece comes back as (where, text), `where` in the user's words ("koptekst",
"opmerking van J. de Vries", "documenteigenschap Titel").
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from plugin.readers.model import Limits
from plugin.readers.zipguard import Budget, ZipBomb, ZipEncrypted, open_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_PIC_CNVPR = "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"
_DC, _DCTERMS, _CP = ("{http://purl.org/dc/elements/1.1/}", "{http://purl.org/dc/terms/}",
                      "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}")
_VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"

CORE_LABELS = {
    _DC + "title": "Titel", _DC + "subject": "Onderwerp", _CP + "keywords": "Trefwoorden",
    _DC + "description": "Opmerkingen", _CP + "category": "Categorie", _CP + "contentStatus": "Status",
}   # creator and lastModifiedBy name people, like the exempt workbook columns
_STORY = {"document": "hoofdtekst", "header": "koptekst", "footer": "voettekst", "footnotes": "voetnoot",
          "endnotes": "eindnoot", "comments": "opmerking", "glossary/document": "bouwsteen"}
_STORY_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments|glossary/document)\.xml$")
_TAGS = tuple(_W + t for t in ("t", "delText", "instrText", "tab", "br", "cr", "p", "noBreakHyphen", "txbxContent",
                                "ins", "moveTo", "del", "moveFrom", "comment")) + (_MC_FALLBACK, _WP_DOCPR, _PIC_CNVPR)
_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
TEXT_LIMITS = Limits()


def _parse(data: bytes):
    return etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))


def core_properties(data: bytes) -> list[tuple[str, str]]:
    """docProps/core.xml: title, subject, keywords, description, category, status."""
    root = _parse(data)
    found = []
    for element in root:
        label = CORE_LABELS.get(element.tag)
        if label and (element.text or "").strip():
            found.append((f"documenteigenschap {label}", element.text.strip()))
    return found


def custom_properties(data: bytes) -> list[tuple[str, str]]:
    """docProps/custom.xml: every custom property, name and value."""
    root = _parse(data)
    found = []
    for prop in root.iter(_CUSTOM):
        value = " ".join(t.strip() for t in prop.itertext() if t.strip())
        if value:
            found.append((custom_property_label(prop.get("name", "?")), value))
    return found


def custom_property_label(name: str) -> str:
    """Where the AVG guard says a custom property's text sits."""
    return f"aangepaste eigenschap {name}"


_SPECIAL = etree.XPath("boolean(//w:txbxContent|//w:ins|//w:del|//w:moveFrom|//w:moveTo|//w:instrText|//w:delText"
                       "|//w:comment|//w:tab|//w:br|//w:cr|//w:noBreakHyphen|//mc:AlternateContent|//wp:docPr"
                       "|//pic:cNvPr)", namespaces={
                           "w": _W[1:-1], "mc": _MC_FALLBACK[1:_MC_FALLBACK.index("}")],
                           "wp": _WP_DOCPR[1:_WP_DOCPR.index("}")], "pic": _PIC_CNVPR[1:_PIC_CNVPR.index("}")]})


def _kind(name: str) -> str:
    return re.sub(r"\d+$", "", name[len("word/"):-len(".xml")])


def story_name(name: str) -> str:
    """'word/header2.xml' -> 'koptekst': where the guard says a word was found."""
    kind = _kind(name)
    return _STORY.get(kind, kind)


def paragraph_text(tree) -> str:
    """The text of every paragraph (w:t only), one a line."""
    return "\n".join("".join(t.text or "" for t in p.iter(_W + "t")) for p in tree.iter(_W + "p"))


def story_parts(name: str, data: bytes | None = None, tree=None) -> list[tuple[str, str]]:
    """One word/*.xml story (body, header, comments, ...): its text split by where it sits.
    Give the bytes, or an lxml tree already parsed (walked without being changed)."""
    if tree is not None:
        if not _SPECIAL(tree):        # plain paragraphs only (as generated): no walk needed
            text = paragraph_text(tree).strip("\n")
            return [(_STORY.get(_kind(name), _kind(name)), text)] if text.strip() else []
        events = etree.iterwalk(tree, events=("start", "end"), tag=_TAGS)
    else:
        events = etree.iterparse(io.BytesIO(data), events=("start", "end"), tag=_TAGS, **_PARSER_OPTIONS)
    kind = _kind(name)
    base = _STORY.get(kind, kind)
    buckets: dict[str, list[str]] = {}
    depth = {"txbx": 0, "ins": 0, "del": 0, "fallback": 0}
    comment_author = ""

    def where() -> str:
        if depth["del"]:
            return f"bijgehouden wijziging (verwijderd) in {base}"
        if depth["ins"]:
            return f"bijgehouden wijziging (ingevoegd) in {base}"
        if depth["txbx"]:
            return f"tekstvak in {base}"
        return f"{base} van {comment_author}" if kind == "comments" and comment_author else base

    def add(piece: str) -> None:
        buckets.setdefault(where(), []).append(piece)

    counters = {_W + "txbxContent": "txbx", _W + "ins": "ins", _W + "moveTo": "ins", _W + "del": "del",
                _W + "moveFrom": "del", _MC_FALLBACK: "fallback"}
    for event, element in events:
        tag = element.tag
        if tag in counters:
            depth[counters[tag]] += 1 if event == "start" else -1
            continue
        if event == "start":
            if tag == _W + "comment":
                comment_author = element.get(_W + "author") or ""
            elif tag in (_WP_DOCPR, _PIC_CNVPR) and not depth["fallback"]:
                alt = " ".join(v for v in (element.get("title"), element.get("descr")) if v)
                if alt.strip():
                    buckets.setdefault(f"alternatieve tekst van een afbeelding in {base}", []).append(alt + "\n")
            continue
        if depth["fallback"]:           # a copy of the mc:Choice content for old Word versions
            continue
        if tag in (_W + "t", _W + "delText"):
            add(element.text or "")
        elif tag == _W + "instrText":
            buckets.setdefault(f"veldcode in {base}", []).append((element.text or "") + "\n")
        elif tag == _W + "tab":
            add("\t")
        elif tag in (_W + "br", _W + "cr", _W + "p"):
            add("\n")
        elif tag == _W + "noBreakHyphen":
            add("-")
        if tag == _W + "p" and tree is None:
            element.clear(keep_tail=True)
    return [(place, "".join(pieces).strip("\n")) for place, pieces in buckets.items() if "".join(pieces).strip()]


def part_texts(name: str, data: bytes, tree=None) -> list[tuple[str, str]]:
    """The text of one zip member, if it is a part that carries text (else []).
    tree: the member already parsed by lxml, to save parsing it again."""
    if name == "docProps/core.xml":
        return core_properties(data)
    if name == "docProps/custom.xml":
        return custom_properties(data)
    if _STORY_PART.match(name):
        return story_parts(name, data, tree)
    return []


def carries_text(name: str) -> bool:
    return name in ("docProps/core.xml", "docProps/custom.xml") or _STORY_PART.match(name) is not None


def docx_parts(data: bytes, limits: Limits = TEXT_LIMITS) -> list[tuple[str, str]]:
    """Every (where, text) of a .docx. Raises zipfile/XML errors or ZipBomb for a broken file."""
    archive = open_zip(data, limits)
    budget = Budget(limits)
    found: list[tuple[str, str]] = []
    for name in sorted(archive.namelist(), key=lambda n: (n != "word/document.xml", n)):
        if carries_text(name):
            member = budget.read(archive, name)
            if member:
                found += part_texts(name, member)
    return found


def visible_text(data: bytes) -> str:
    """Body, headers and footers as a reader sees them, one paragraph a line (for tests and checks)."""
    keep = ("hoofdtekst", "koptekst", "voettekst", "tekstvak", "bijgehouden wijziging (ingevoegd)")
    return "\n".join(text for where, text in docx_parts(data) if where.startswith(keep))


READ_ERRORS = (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, etree.XMLSyntaxError, ZipBomb, ZipEncrypted)
