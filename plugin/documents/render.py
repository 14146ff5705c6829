"""Render a .docx template safely and fast.

A template is compiled once: its Word XML is cleaned the way docxtpl does it (so every
docxtpl tag works: `{%p %}`, `{%tr %}`, ...), then compiled in a Jinja sandbox with XML
escaping and strict undefined variables. Rendering a document is then one Jinja call per
XML part and one zip write, instead of re-reading the .docx every time as a plain
`DocxTemplate(path).render(ctx)` loop does.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree

from plugin.documents.docprops import CUSTOM_PART, CustomProperties
from plugin.documents.sandbox import sandbox
from plugin.errors import TemplateProblem
from plugin.core.privacy import find_in_parts
from plugin.documents.docx_text import carries_text, part_texts, story_name, story_parts

_JINJA_MARK = re.compile(rb"\{[{%#]")
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_RENDERED_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml)$")
_TAG_TEXT = re.compile(r"<[^>]+>")
_CUSTOM_INFO = zipfile.ZipInfo(CUSTOM_PART, date_time=(2020, 1, 1, 0, 0, 0))
_LOCAL, _CENTRAL, _END = (struct.Struct(zipfile.structFileHeader), struct.Struct(zipfile.structCentralDir),
                          struct.Struct(zipfile.structEndArchive))
_CREATE_SYSTEM = zipfile.ZipInfo().create_system
_LEVEL = 1   # the rendered parts: compressed fast (zipfile ignored ZipFile's level for a ZipInfo: it was 6)
_ZIP_LIMIT = 1 << 30   # far below ZIP64's limits: beyond it zipfile writes the archive


_ENVIRONMENTS: dict[str, ImmutableSandboxedEnvironment] = {}


def environment(lang: str) -> ImmutableSandboxedEnvironment:
    """The sandbox: no access to Python internals, every value XML-escaped, typos are errors."""
    if lang not in _ENVIRONMENTS:
        _ENVIRONMENTS[lang] = sandbox(lang, autoescape=True, line_break=_BREAK, keep_trailing_newline=True)
    return _ENVIRONMENTS[lang]


def _patch(xml: str) -> str:
    # docxtpl's cleaning does not use its instance; reuse it rather than copy it.
    patched = DocxTemplate.patch_xml(None, xml)  # type: ignore[arg-type]
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)


# Story elements whose text needs docx_text's walk (where it sits, deleted text, alternatives):
_SPECIAL_TAGS = re.compile(r"<(?:w:(?:txbxContent|ins|del|moveFrom|moveTo|instrText|delText|comment)"
                           r"|mc:AlternateContent|wp:docPr|pic:cNvPr)[ />]")
_SPECIAL_BYTES = re.compile(_SPECIAL_TAGS.pattern.encode("ascii"))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class _Text:
    """A parser target that keeps only the character data (no tree is built)."""

    def __init__(self):
        self.pieces: list[str] = []
        self.data = self.pieces.append

    def close(self) -> str:
        return "".join(self.pieces)


def _character_data(data: bytes) -> str:
    """All character data of an XML document, as etree.tostring(method="text") gives it, with
    the same well-formedness check as etree.fromstring (libxml2 with the same options; the
    namespace errors a parser with a target only logs are raised as fromstring raises them)."""
    parser = etree.XMLParser(target=_Text(), resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    text = etree.fromstring(data, parser)
    for entry in parser.error_log:
        if entry.level >= etree.ErrorLevels.ERROR:
            raise etree.XMLSyntaxError(entry.message, entry.type, entry.line, entry.column)
    return text


def _unpatch(xml: bytes) -> bytes:
    """The part without what _patch added: the line ends before paragraphs ('<' is always
    escaped in XML text, so these are ours) and docxtpl's escaped braces. On UTF-8 bytes."""
    xml = xml.replace(b"\n<w:p ", b"<w:p ").replace(b"\n<w:p>", b"<w:p>")
    if b"_" in xml and (b"{_" in xml or b"_}" in xml):
        xml = xml.replace(b"{_{", b"{{").replace(b"}_}", b"}}").replace(b"{_%", b"{%").replace(b"%_}", b"%}")
    return xml


def _separated(xml: bytes) -> bytes:
    """The rendered part with a line end before each break and a tab before each tab element,
    for its text (paragraphs start a line already); the XML is as well-formed as before."""
    if b"<w:br" in xml or b"<w:cr" in xml:
        xml = xml.replace(b"<w:br", b"\n<w:br").replace(b"<w:cr", b"\n<w:cr")
    if b"<w:tab/>" in xml or b"<w:noBreakHyphen" in xml:
        xml = xml.replace(b"<w:tab/>", b"\t<w:tab/>").replace(b"<w:noBreakHyphen", b"-<w:noBreakHyphen")
    return xml


def _context_lines(source: str, lineno: int | None) -> str:
    if not lineno:
        return ""
    lines = source.splitlines()[max(lineno - 2, 0): lineno + 1]
    text = " ".join(unescape(_TAG_TEXT.sub("", line)) for line in lines)
    return re.sub(r"\s+", " ", text).strip()[:160]


def _find_tag(source: str, name: str) -> str | None:
    for match in re.finditer(r"\{[{%].*?[}%]\}", source, flags=re.DOTALL):
        if re.search(rf"\b{re.escape(name)}\b", match.group(0)):
            return unescape(_TAG_TEXT.sub("", match.group(0)))
    return None


@dataclass(frozen=True)
class RenderedDocument:
    data: bytes
    parts: tuple[tuple[str, str], ...] = ()   # (where, text) of every part with text, for the AVG guard
    static_parts: int = 0                     # how many of parts (the first) are copied from the template

    def parts_to_check(self, static_clean: bool) -> tuple[tuple[str, str], ...]:
        """The parts the AVG guard must read: all, or only the rendered ones when the template's
        copied parts were found clean once (CompiledTemplate.static_parts_clean)."""
        return self.parts[self.static_parts:] if static_clean else self.parts


class CompiledTemplate:
    """One .docx template, parsed and compiled once, rendered many times."""

    def __init__(self, path: Path, lang: str = "nl"):
        self.path = Path(path)
        self.name = self.path.name
        try:
            with zipfile.ZipFile(self.path) as archive:
                self._members = [(info, archive.read(info.filename)) for info in archive.infolist()]
        except (zipfile.BadZipFile, OSError, KeyError) as exc:
            raise TemplateProblem(self.name, f"geen geldig Word-bestand (.docx): {exc}") from None
        names = {info.filename for info, _ in self._members}
        if "word/document.xml" not in names:
            raise TemplateProblem(self.name, "geen Word-document (word/document.xml ontbreekt)")
        env = environment(lang)
        self._parts: dict[str, tuple] = {}
        for info, data in self._members:
            if _RENDERED_PARTS.match(info.filename) and _JINJA_MARK.search(data):
                source = _patch(data.decode("utf-8"))
                try:
                    compiled = env.from_string(source)
                except TemplateSyntaxError as exc:
                    raise TemplateProblem(self.name, f"kapotte tag: {exc.message}",
                                          tag=_context_lines(source, exc.lineno)) from None
                self._parts[info.filename] = (source, compiled, "{%tc" in source or "{%vm" in source)
        self.static_text = "\n".join(_static_text(source) for source, _, _ in self._parts.values())
        # Parts copied unchanged into every document (comments, a title without tags, ...)
        # travel with it too: the AVG guard reads them like the rendered ones.
        self.static_parts = tuple(_static_parts(self.name, self._members, set(self._parts)))
        # Without a medical word now, they never have one: exempting case values only removes hits.
        self.static_parts_clean = not find_in_parts(self.static_parts)
        self._props = CustomProperties.from_members(dict((i.filename, d) for i, d in self._members))
        self._prefix = self._static_zip()
        self._seen: dict[tuple[str, str], tuple[bytes, tuple[tuple[str, str], ...]]] = {}

    def variables(self) -> set[str]:
        """Top-level names the template uses (for `templates check`)."""
        from jinja2 import meta

        env = environment("nl")
        found: set[str] = set()
        for source, _, _ in self._parts.values():
            found |= meta.find_undeclared_variables(env.parse(source))
        return found

    def render(self, context: dict, properties: dict[str, str]) -> RenderedDocument:
        rendered: dict[str, bytes] = {}
        parts: list[tuple[str, str]] = list(self.static_parts)
        for name, (source, compiled, fix_tables) in self._parts.items():
            try:
                xml = compiled.render(context)   # paragraphs still start a line ("\n<w:p": _patch)
            except UndefinedError as exc:
                variable = _undefined_name(str(exc))
                raise TemplateProblem(self.name, f"onbekende variabele: {exc.message}",
                                      tag=_find_tag(source, variable) if variable else None, variable=variable) from None
            except SecurityError as exc:
                raise TemplateProblem(self.name, f"niet toegestaan in een sjabloon: {exc}") from None
            except TemplateError as exc:
                raise TemplateProblem(self.name, f"fout in sjabloon: {exc}") from None
            except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
                raise TemplateProblem(self.name, f"fout bij het invullen: {exc}") from None
            # A header or footer is often the same for all documents of a case: the result for
            # the same rendered XML is kept (it was found well-formed, and its text is the same).
            found = self._seen.get((name, xml)) if name != "word/document.xml" else None
            if found is None:
                found = self._checked(name, xml, fix_tables)
                if name != "word/document.xml":
                    if len(self._seen) >= 256:
                        self._seen.clear()
                    self._seen[(name, xml)] = found
            rendered[name] = found[0]
            parts += found[1]
        custom = self._props.part(properties)
        parts += self._props.texts(properties, custom)
        members = [(self._infos[name], data) for name, data in rendered.items()] + [(_CUSTOM_INFO, custom)]
        return RenderedDocument(self._zip(members), tuple(parts), len(self.static_parts))

    def _checked(self, name: str, xml: str, fix_tables: bool) -> tuple[bytes, tuple[tuple[str, str], ...]]:
        """A rendered part made final (the line ends of _patch taken out, tables fixed), checked
        to be well-formed XML, with its text for the AVG guard."""
        # One parse serves both checks: the part is well-formed XML (Word opens it), and its
        # text for the AVG guard. It parses a copy with a line end before every paragraph and
        # break (a tab before every tab), so the text of the part is its character data, each
        # paragraph a line: a plain part is read by a parser without a tree that only collects
        # the text; parts with text boxes, tracked changes, comments or field codes (or a
        # table docxtpl fixes) become a tree that docx_text.story_parts walks.
        # on the UTF-8 bytes (1 byte a character for the markup: the replaces and the search
        # below are several times faster than on a str holding a character beyond Latin-1)
        data = xml.encode("utf-8")
        if fix_tables:
            try:
                etree.fromstring(_separated(data), _PARSER)
            except etree.XMLSyntaxError as exc:
                raise self._broken(name, exc) from None
            tree = DocxTemplate.fix_tables(None, _unpatch(data))  # type: ignore[arg-type]
            data = etree.tostring(tree, encoding="unicode").encode("utf-8")
            return data, tuple(part_texts(name, data))
        walk = not name.startswith("word/") or _SPECIAL_BYTES.search(data) is not None
        try:
            if walk:
                tree = etree.fromstring(_separated(data), _PARSER)
            else:
                text = _character_data(_separated(data))
        except etree.XMLSyntaxError as exc:
            raise self._broken(name, exc) from None
        data = _unpatch(data)
        if not walk:
            text = text.strip("\n")
            found = [(story_name(name), text)] if text.strip() else []
        elif name.startswith("word/"):
            found = story_parts(name, tree=tree)   # the line ends added are tails: never read
        else:
            found = part_texts(name, data)
        return data, tuple(found)

    def _broken(self, name: str, exc: etree.XMLSyntaxError) -> TemplateProblem:
        return TemplateProblem(self.name, f"de tags maken het Word-bestand ongeldig in {name} ({exc}); "
                                          "staat een {%p %} of {%tr %} verkeerd?")

    def _zip(self, members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
        """The static members (compressed once) followed by these, compressed as zipfile does at
        level 1 and laid out byte for byte as zipfile writes them (tests/test_render.py holds the
        two equal), without zipfile's machinery per member; zipfile for what is too big for a
        plain zip (ZIP64)."""
        if self._central is None or len(self._prefix) + sum(len(d) for _, d in members) * 1.05 > _ZIP_LIMIT:
            return self._zip_with_zipfile(members)
        out = [self._prefix]
        records = [self._central]
        offset = len(self._prefix)
        for info, data in members:
            name, flags = info.filename.encode("ascii"), 0
            if not info.filename.isascii():
                name, flags = info.filename.encode("utf-8"), 0x800
            packer = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
            packed = packer.compress(data) + packer.flush()
            crc = zlib.crc32(data)
            year, month, day, hour, minute, second = info.date_time
            dosdate, dostime = (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2
            out += (_LOCAL.pack(b"PK\x03\x04", 20, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate, crc,
                                len(packed), len(data), len(name), 0), name, packed)
            records += (_CENTRAL.pack(b"PK\x01\x02", 20, _CREATE_SYSTEM, 20, 0, flags, zipfile.ZIP_DEFLATED, dostime,
                                      dosdate, crc, len(packed), len(data), len(name), 0, 0, 0, 0,
                                      info.external_attr or 0o600 << 16, offset), name)
            offset += _LOCAL.size + len(name) + len(packed)
        central = b"".join(records)
        count = len(self._prefix_infos) + len(members)
        out += (central, _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), offset, 0))
        return b"".join(out)

    def _zip_with_zipfile(self, members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
        buffer = io.BytesIO(self._prefix)
        buffer.seek(0, io.SEEK_END)
        # the static members' entries are known: the archive goes on after them without reading
        # its own central directory back ('a' mode parses it for every document)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.filelist.extend(self._prefix_infos)
            archive.NameToInfo.update((info.filename, info) for info in self._prefix_infos)
            for info, data in members:
                archive.writestr(_fresh_info(info), data, compresslevel=_LEVEL)
        return buffer.getvalue()

    def _static_zip(self) -> bytes:
        """The parts that are the same in every document, compressed once (their local entries;
        their central-directory entries are kept as `_prefix_infos`).

        Word's styles alone are most of a .docx; recompressing them per document was half
        of the generator's time. Rendering appends only the changed parts to a copy.
        """
        self._infos = {info.filename: info for info, _ in self._members}
        dynamic = set(self._parts) | {CUSTOM_PART}
        static = [(i, d) for i, d in self._props.apply(self._members, {}) if i.filename not in dynamic]
        static.sort(key=lambda item: item[0].filename != "[Content_Types].xml")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for info, data in static:
                archive.writestr(_fresh_info(info), data)
            self._prefix_infos = tuple(archive.infolist())   # read, never changed, by each render
            end = archive.start_dir                          # where the central directory starts
        data = buffer.getvalue()
        # their central-directory records as written, for _zip (None: not a plain zip, e.g. ZIP64)
        plain = data[-_END.size:-_END.size + 4] == b"PK\x05\x06" and len(self._prefix_infos) < 0xFFFF - 16
        self._central = data[end:-_END.size] if plain and len(data) < _ZIP_LIMIT else None
        return data[:end]


def _static_parts(template: str, members, rendered: set[str]) -> list[tuple[str, str]]:
    found = []
    for info, data in members:
        if info.filename in rendered or info.filename == CUSTOM_PART or not carries_text(info.filename):
            continue
        try:
            found += part_texts(info.filename, data)
        except etree.XMLSyntaxError as exc:
            raise TemplateProblem(template, f"{info.filename} is geen geldige XML ({exc})") from None
    return found


def _static_text(source: str) -> str:
    """The template's own words, without its tags: what the bureau wrote, not the case data."""
    without_tags = re.sub(r"\{[{%#].*?[}%#]\}", " ", source, flags=re.DOTALL)
    return unescape(_TAG_TEXT.sub("", without_tags))


def _fresh_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    fresh = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    fresh.compress_type = zipfile.ZIP_DEFLATED
    fresh.external_attr = info.external_attr
    return fresh


def _undefined_name(message: str) -> str | None:
    match = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    return match.group(1) if match else None
