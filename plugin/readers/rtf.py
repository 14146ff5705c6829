"""Rich Text Format (.rtf, and the compressed RTF body of an Outlook .msg): the plain text.

Our own tokenizer, one pass over the bytes with an explicit group stack, so its cost is linear
in the input whatever the input is (striprtf, used before, ran a regular expression over
the whole document that was cubic on repeated HYPERLINK fields and quadratic on an unclosed
font table). What it keeps: the text of the document body, fields' results (not their
instructions), `\\uN` characters and `\\'hh` bytes in the codepage of the current font
(`\\fcharset`, `\\cpg`, else `\\ansicpg`). What it skips: destinations that hold no body text
(font and colour tables, style sheets, pictures, objects, document info, field instructions,
anything marked `\\*`), `\\binN` data, and nesting past MAX_DEPTH (counted, not stored).
An RTF body that wraps HTML (`\\fromhtml1`, as Outlook stores HTML mail) reads the same way:
the HTML tags sit in ignorable destinations and drop out.

The compressed form of [MS-OXRTFCP] is unpacked here too (`decompress`), bounded in output.
"""

from __future__ import annotations

import codecs
import re
import struct
import zlib

from .model import Extracted, Limits, bounded

RTF_MAGIC = b"{\\rtf"
MAX_DEPTH = 512   # groups deeper than this are read as if they were at this depth
_BLANK_LINES = re.compile(r"\n[ \t]*\n[ \t\n]*\n")
# A control word (letters, optional signed number, one optional space), a control symbol,
# a hex byte, a brace, or a run of plain text: every token is found in time linear in its length.
_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
                    re.DOTALL)
_SKIP = frozenset(
    "fonttbl colortbl stylesheet info pict object objdata fldinst filetbl listtable listoverridetable "
    "revtbl rsidtbl generator xmlnstbl themedata colorschememapping datastore latentstyles header "
    "headerl headerr headerf footer footerl footerr footerf footnote annotation atnid atnauthor "
    "bkmkstart bkmkend shpinst shppict nonshppict template author operator title subject keywords "
    "comment doccomm company manager category creatim revtim printim buptim userprops docvar "
    "pntext pntxta pntxtb ftnsep ftnsepc aftnsep aftnsepc mmathPr wgrffmtfilter pgdsctbl".split())
_SPECIAL = {"par": "\n", "line": "\n", "sect": "\n\n", "page": "\n\n", "row": "\n", "cell": "\t",
            "nestcell": "\t", "tab": "\t", "emdash": "\u2014", "endash": "\u2013", "emspace": "\u2003",
            "enspace": "\u2002", "qmspace": "\u2005", "bullet": "\u2022", "lquote": "\u2018",
            "rquote": "\u2019", "ldblquote": "\u201c", "rdblquote": "\u201d"}
_SYMBOLS = {"~": "\xa0", "_": "\u2011", "-": "", "\\": "\\", "{": "{", "}": "}", "\n": "\n", "\r": "\n"}
# \fcharset numbers to codepages (RTF 1.9.1 specification, \fcharset).
_CHARSETS = {0: 1252, 1: 0, 2: 0, 77: 10000, 128: 932, 129: 949, 130: 1361, 134: 936, 136: 950, 161: 1253,
             162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250, 254: 437,
             255: 850}


class _Text:
    """The output, with pending `\\'hh` bytes and `\\uN` code units decoded as they end."""

    def __init__(self, limit: int):
        self.parts: list[str] = []
        self.size, self.limit = 0, limit
        self.raw = bytearray()
        self.raw_codepage = "cp1252"
        self.units: list[int] = []

    def add(self, text: str) -> None:
        self.flush()
        self.parts.append(text)
        self.size += len(text)

    def byte(self, value: int, codepage: str) -> None:
        if self.units:
            self.flush()
        if self.raw and codepage != self.raw_codepage:
            self.flush()
        self.raw.append(value)
        self.raw_codepage = codepage

    def unit(self, value: int) -> None:
        if self.raw:
            self.flush()
        self.units.append(value & 0xFFFF)

    def flush(self) -> None:
        if self.raw:
            text = self.raw.decode(self.raw_codepage, errors="replace")
            self.raw.clear()
            self.parts.append(text)
            self.size += len(text)
        if self.units:
            text = struct.pack(f"<{len(self.units)}H", *self.units).decode("utf-16-le", errors="replace")
            self.units.clear()
            self.parts.append(text)
            self.size += len(text)

    @property
    def full(self) -> bool:
        return self.size > self.limit


def _codepage(number: int | None, fallback: str) -> str:
    if not number:
        return fallback
    name = "mac_roman" if number == 10000 else f"cp{number}"
    try:
        codecs.lookup(name)
    except LookupError:
        return fallback
    return name


def to_text(data: bytes, max_chars: int) -> str:
    """The text of RTF bytes (7-bit by definition; other characters are \\' or \\u escapes)."""
    out = _Text(max_chars)
    ansi = "cp1252"
    fonts: dict[int, str] = {}
    # Per group: skipping?, \uc count, font codepage, in the font table?
    skip, uc, codepage, in_fonts = False, 1, None, False
    stack: list[tuple[bool, int, str | None, bool]] = []
    overflow = 0          # groups opened past MAX_DEPTH, not on the stack
    first_in_group = False
    font_entry: int | None = None
    pending_skip = 0      # characters still to skip after a \uN
    position, end = 0, len(data)
    while position < end and not out.full:
        match = _TOKEN.match(data, position)
        if match is None:   # a lone backslash at the very end
            break
        position = match.end()
        word, number, hexbyte, symbol, brace, text = match.groups()
        starts_group, first_in_group = first_in_group, False
        if text is not None:
            if pending_skip:
                cut = min(pending_skip, len(text))
                pending_skip -= cut
                text = text[cut:]
            if in_fonts and font_entry is not None and b";" in text:
                font_entry = None
            if text and not skip:
                out.add(text.decode("latin-1"))
        elif brace is not None:
            pending_skip = 0
            if brace == b"{":
                if len(stack) >= MAX_DEPTH:
                    overflow += 1
                else:
                    stack.append((skip, uc, codepage, in_fonts))
                first_in_group = True
            elif overflow:
                overflow -= 1
            elif stack:
                skip, uc, codepage, in_fonts = stack.pop()
                if not stack:   # the document group closed: what follows is not RTF
                    break
        elif hexbyte is not None:
            if pending_skip:
                pending_skip -= 1
            elif not skip:
                out.byte(int(hexbyte, 16), codepage or ansi)
        elif symbol is not None:
            pending_skip = 0
            if symbol == b"*" and starts_group:
                skip = True
            elif not skip and symbol.decode("latin-1") in _SYMBOLS:
                out.add(_SYMBOLS[symbol.decode("latin-1")])
            first_in_group = starts_group and symbol == b"*"
        elif word is not None:
            name = word.decode("ascii")
            value = int(number) if number is not None else None
            if name == "bin":   # binary data: skip its bytes unread
                position += max(value or 0, 0)
                continue
            if name == "u" and value is not None:
                if not skip:
                    out.unit(value)
                pending_skip = uc
                continue
            pending_skip = 0
            if name in _SKIP:   # a destination without body text; the font table is read for its codepages
                skip = True
                in_fonts = in_fonts or name == "fonttbl"
            elif name == "uc" and value is not None:
                uc = max(0, min(value, 16))
            elif name == "ansicpg":
                ansi = _codepage(value, ansi)
            elif name == "f" and value is not None:
                if in_fonts:
                    font_entry = value
                    fonts.setdefault(value, ansi)
                else:
                    codepage = fonts.get(value)
            elif name == "fcharset" and in_fonts and font_entry is not None:
                fonts[font_entry] = _codepage(_CHARSETS.get(value or 0, 1252), ansi)
            elif name == "cpg" and in_fonts and font_entry is not None:
                fonts[font_entry] = _codepage(value, ansi)
            elif not skip and name in _SPECIAL:
                out.add(_SPECIAL[name])
    out.flush()
    text = "".join(out.parts)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return _BLANK_LINES.sub("\n\n", text).strip()[: max_chars]


def read(name: str, data: bytes, limits: Limits) -> Extracted:
    limited = None
    if len(data) > limits.max_rtf_bytes:
        data = data[: limits.max_rtf_bytes]
        limited = f"alleen de eerste {limits.max_rtf_bytes // 2**20} MB van de RTF gelezen"
    text = to_text(data, limits.max_text_chars)
    return Extracted(name=name, kind="rtf", text=bounded(text, limits), limited=limited)


# --- [MS-OXRTFCP] compressed RTF ---------------------------------------------------------------

_PREBUF = (b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript "
           b"\\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
           b"\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx")
_COMPRESSED, _UNCOMPRESSED = b"LZFu", b"MELA"


def decompress(data: bytes, max_bytes: int = 16 * 2**20) -> bytes | None:
    """A PR_RTF_COMPRESSED stream unpacked (at most max_bytes of it), None when it is damaged."""
    if len(data) < 16:
        return None
    size, _raw_size, kind, crc = struct.unpack_from("<II4sI", data, 0)
    body = data[16: 16 + max(size - 12, 0)]
    if kind == _UNCOMPRESSED:
        return body[:max_bytes]
    if kind != _COMPRESSED or crc != (zlib.crc32(body, 0xFFFFFFFF) ^ 0xFFFFFFFF):
        return None
    window = bytearray(4096)
    window[: len(_PREBUF)] = _PREBUF
    write = len(_PREBUF)
    out = bytearray()
    position, end = 0, len(body)
    while position < end and len(out) < max_bytes:
        control = body[position]
        position += 1
        for bit in range(8):
            if position >= end:
                break
            if control & (1 << bit):
                if position + 2 > end:
                    return bytes(out)
                token = (body[position] << 8) | body[position + 1]
                position += 2
                offset, length = token >> 4, (token & 0xF) + 2
                if offset == write:   # the end marker
                    return bytes(out)
                for step in range(length):
                    char = window[(offset + step) & 0xFFF]
                    out.append(char)
                    window[write] = char
                    write = (write + 1) & 0xFFF
            else:
                char = body[position]
                position += 1
                out.append(char)
                window[write] = char
                write = (write + 1) & 0xFFF
    return bytes(out[:max_bytes])
