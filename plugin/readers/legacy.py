"""Word 97-2003 (.doc): the main text read from the piece table, with LibreOffice as fallback.

[MS-DOC]: the `WordDocument` stream starts with the FIB. Its FibRgFcLcb97 points (fcClx,
lcbClx) into the table stream (`1Table` or `0Table`, by flag fWhichTblStm) at the Clx, whose
PlcPcd lists the pieces of text: character positions and, per piece, where its bytes are in
the WordDocument stream (8-bit cp1252 when fCompressed, else UTF-16). The first ccpText
characters are the main document; headers, footnotes and text boxes follow and are skipped.

Files this cannot read (Word 6/95, damaged piece tables) are converted with LibreOffice
(`soffice --headless --convert-to txt`) when it is installed; the converted text is cached
by content hash (convert.py), so a file is converted once.
"""

from __future__ import annotations

import re
import struct
from typing import Iterator

import olefile

from .convert import ConversionFailed, convert_to_text
from .model import CORRUPT, ENCRYPTED, Extracted, Limits, bounded

_FIB_MAGIC = 0xA5EC
_FLAGS, _CCP_TEXT, _FC_CLX = 0x000A, 0x004C, 0x01A2
_ENCRYPTED, _WHICH_TABLE = 0x0100, 0x0200
# Field codes: \x13 code \x14 result \x15; keep the result, drop the code.
_FIELD_CODE = re.compile("\x13[^\x13\x14\x15]*\x14|\x13[^\x13\x14\x15]*\x15")
_CONTROL = str.maketrans({"\r": "\n", "\x07": "\t", "\x0b": "\n", "\x0c": "\n", "\x1e": "-", "\x1f": "",
                          "\x15": "", "\x14": "", "\x13": "", "\x01": "", "\x08": "", "\x05": "", "\x02": ""})
NEEDS_LIBREOFFICE = "oud Word-formaat dat alleen LibreOffice leest: installeer LibreOffice of sla op als .docx"
CONVERSION_FAILED = "oud Word-formaat: LibreOffice gaf geen antwoord op tijd"


class DocError(Exception):
    """The piece table could not be read."""


def read_doc(name: str, ole: olefile.OleFileIO, data: bytes, limits: Limits) -> Extracted:
    try:
        text = doc_text(ole, limits.max_text_chars)
    except _Encrypted:
        return Extracted(name=name, kind="doc", text="", problem=ENCRYPTED)
    except (DocError, struct.error, OSError, ValueError, IndexError):
        text = None
    if text is None:
        try:
            converted = convert_to_text(data, ".doc")
        except ConversionFailed:
            return Extracted(name=name, kind="doc", text="", problem=CONVERSION_FAILED, transient=True)
        if converted is None:
            return Extracted(name=name, kind="doc", text="", problem=NEEDS_LIBREOFFICE)
        if converted == "":
            return Extracted(name=name, kind="doc", text="", problem=CORRUPT)
        text = converted
    return Extracted(name=name, kind="doc", text=bounded(text.strip(), limits))


class _Encrypted(Exception):
    pass


def doc_text(ole: olefile.OleFileIO, max_chars: int = Limits().max_text_chars) -> str:
    """The main document text of a Word 97-2003 file; raises DocError when it cannot.

    The pieces are cut to a budget before they are joined: a piece table can name one piece
    20,000 times (or pieces of 2 billion characters), and only max_chars are ever used."""
    word = ole.openstream("WordDocument").read()
    if len(word) < _FC_CLX + 8:
        raise DocError("FIB te kort")
    ident, = struct.unpack_from("<H", word, 0)
    if ident != _FIB_MAGIC:
        raise DocError("geen Word 97-FIB")
    flags, = struct.unpack_from("<H", word, _FLAGS)
    if flags & _ENCRYPTED:
        raise _Encrypted()
    table_name = "1Table" if flags & _WHICH_TABLE else "0Table"
    if not ole.exists(table_name):
        raise DocError("tabelstroom ontbreekt")
    table = ole.openstream(table_name).read()
    ccp_text, = struct.unpack_from("<i", word, _CCP_TEXT)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX)
    clx = table[fc_clx: fc_clx + lcb_clx]
    budget = 2 * max_chars + 1024   # field codes are dropped after the join: keep room for them
    out: list[str] = []
    for cp_start, cp_end, fc, compressed in _pieces(clx):
        if cp_start >= ccp_text or budget <= 0:
            break
        count = max(0, min(min(cp_end, ccp_text) - cp_start, budget))
        if compressed:
            piece = word[fc: fc + count].decode("cp1252", errors="replace")
        else:
            piece = word[fc: fc + 2 * count].decode("utf-16-le", errors="replace")
        out.append(piece)
        budget -= max(len(piece), 1)
    text = "".join(out)
    text = _FIELD_CODE.sub("", text).translate(_CONTROL)
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))   # a regex here was quadratic


def _pieces(clx: bytes) -> Iterator[tuple[int, int, int, bool]]:
    """(first cp, end cp, byte offset, 8-bit?) per piece, from the Clx (Prc* then Pcdt)."""
    offset = 0
    while offset < len(clx) and clx[offset] == 0x01:  # Prc: skip the property modifiers
        size, = struct.unpack_from("<h", clx, offset + 1)
        offset += 3 + max(size, 0)
    if offset >= len(clx) or clx[offset] != 0x02:
        raise DocError("geen stukkentabel")
    lcb, = struct.unpack_from("<I", clx, offset + 1)
    plc = clx[offset + 5: offset + 5 + lcb]
    if lcb < 4 or (lcb - 4) % 12:
        raise DocError("stukkentabel met onjuiste lengte")
    count = (lcb - 4) // 12
    for index in range(count):
        cp_start, cp_end = struct.unpack_from("<ii", plc, 4 * index)
        fc_raw, = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)
        compressed = bool(fc_raw & 0x40000000)
        fc = fc_raw & 0x3FFFFFFF
        yield cp_start, cp_end, fc // 2 if compressed else fc, compressed
