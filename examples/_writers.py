"""Tiny file writers for the examples, the benchmarks and the reader tests: a PDF with a
text layer, an Outlook .msg and a greyscale JPEG, none of which the project's dependencies
can write. Dev tooling only, not part of the package.

Used by examples/_build_dossiers.py, bench/bench_check.py and tests/data/readers/ (which put
this folder on sys.path). Every writer is deterministic: the same arguments give the same
bytes, so the generated examples and fixtures can be committed and rebuilt.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Callable

# ----------------------------------------------------------------------------------------------
# PDF: the object table, cross-reference and trailer around page content streams
# ----------------------------------------------------------------------------------------------

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
HELVETICA_BOLD = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
A4 = (595, 842)
LETTER = (612, 792)


def pdf_escape(text: str) -> bytes:
    """Text as the inside of a PDF literal string, WinAnsi-encoded ('?' where cp1252 has no byte)."""
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_date(when: dt.datetime) -> bytes:
    """A PDF date string (D:YYYYMMDDHHmmSS+HH'00') for the document information dictionary."""
    offset = when.utcoffset() or dt.timedelta(0)
    hours = int(offset.total_seconds() // 3600)
    return when.strftime("D:%Y%m%d%H%M%S").encode() + b"%+03d'00'" % hours


def pdf_file(pages: list[bytes], resources: bytes, extra: list[bytes] = (), *,
             info: dict[str, bytes] | None = None, media_box: tuple[int, int] = A4,
             binary_marker: bool = False) -> bytes:
    """A PDF holding the given page content streams, all pages sharing one resource dictionary.

    Objects 1 and 2 are the catalog and the page tree, objects 3.. are ``extra`` (fonts,
    images, referred to by number in ``resources``), then a content stream and a page per
    page; ``info`` (name -> PDF value, e.g. ``b"(Title)"``) becomes the last object.
    ``binary_marker`` adds the comment line with high bytes that Word writes after the header.
    """
    objects: list[bytes] = [b"", b""] + list(extra)
    kids = []
    for stream in pages:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
                       % (*media_box, resources, len(objects)))
        kids.append(len(objects))
    return pdf_objects(objects, kids, info=info, binary_marker=binary_marker)


def pdf_objects(objects: list[bytes], kids: list[int], *, info: dict[str, bytes] | None = None,
                binary_marker: bool = False) -> bytes:
    """Serialise PDF objects 1..n (1 the catalog, 2 the page tree, filled in here) with the
    given page object numbers, an optional /Info dictionary, the xref table and trailer."""
    objects = list(objects)
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        objects.append(b"<< " + b" ".join(b"/%s %s" % (k.encode(), v) for k, v in info.items()) + b" >>")
        trailer = b"/Size %d /Root 1 0 R /Info %d 0 R" % (len(objects) + 1, len(objects))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" if binary_marker else b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


# ----------------------------------------------------------------------------------------------
# Outlook .msg: a minimal compound-file (MS-CFB v3) writer
# ----------------------------------------------------------------------------------------------

FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def u16(text: str) -> bytes:
    """A PT_UNICODE property value: UTF-16-LE with its terminating NUL."""
    return text.encode("utf-16-le") + b"\0\0"


def props(header: int, entries: list[tuple[int, int, bytes]]) -> bytes:
    """A __properties_version1.0 stream: ``header`` zero bytes (32 for the message, 24 for an
    embedded message, 8 for recipients and attachments), then 16-byte (tag, flags, value)
    entries for the fixed-size properties given as (property id, type, value)."""
    body = b"".join(struct.pack("<II", pid << 16 | kind, 6) + value.ljust(8, b"\0") for pid, kind, value in entries)
    return b"\0" * header + body


def filetime(when: dt.datetime) -> bytes:
    """An aware datetime as a PT_SYSTIME value (100 ns ticks since 1601-01-01 UTC)."""
    utc = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return struct.pack("<Q", int((utc - dt.datetime(1601, 1, 1)).total_seconds()) * 10**7)


def make_msg(*, subject: str, sender_name: str, sender_address: str, to: list[tuple[str, str]],
             when: dt.datetime, body: str, attachments: list[tuple[str, bytes]] = (),
             rtf_only: bool = False) -> bytes:
    """A sent Outlook mail (IPM.Note): plain-text body, recipients (name, address), file attachments.

    rtf_only: the body is stored only as compressed RTF (PR_RTF_COMPRESSED), as older Outlook
    versions and 'rich text' mails do; needs the compressed_rtf package."""
    if rtf_only:
        from compressed_rtf import compress

        body_stream = {"__substg1.0_10090102": compress(rtf_document(body))}
    else:
        body_stream = {"__substg1.0_1000001F": u16(body.replace("\n", "\r\n"))}
    tree: dict = {
        "__properties_version1.0": props(32, [(0x0039, 0x0040, filetime(when)),
                                              (0x0E06, 0x0040, filetime(when + dt.timedelta(minutes=1)))]),
        "__substg1.0_001A001F": u16("IPM.Note"),
        "__substg1.0_0037001F": u16(subject),
        **body_stream,
        "__substg1.0_0C1A001F": u16(sender_name),
        "__substg1.0_5D01001F": u16(sender_address),
        "__substg1.0_0E04001F": u16("; ".join(name for name, _ in to)),
    }
    for index, (name, address) in enumerate(to):
        tree[f"__recip_version1.0_#{index:08X}"] = {
            "__properties_version1.0": props(8, [(0x0C15, 0x0003, struct.pack("<I", 1))]),
            "__substg1.0_3001001F": u16(name),
            "__substg1.0_39FE001F": u16(address),
        }
    for index, (name, data) in enumerate(attachments):
        tree[f"__attach_version1.0_#{index:08X}"] = {
            "__properties_version1.0": props(8, [(0x3705, 0x0003, struct.pack("<I", 1))]),
            "__substg1.0_3707001F": u16(name),
            "__substg1.0_3704001F": u16(name),
            "__substg1.0_37010102": data,
        }
    return compound_file(tree)


def rtf_document(text: str) -> bytes:
    """Plain text as an RTF document (non-ASCII as \\uN? escapes), one \\par per line."""
    def escape(line: str) -> str:
        out = []
        for char in line:
            if char in "\\{}":
                out.append("\\" + char)
            elif ord(char) < 128:
                out.append(char)
            else:
                code = ord(char)
                out.append(f"\\u{code if code < 32768 else code - 65536}?")
        return "".join(out)
    body = "\\par\r\n".join(escape(line) for line in text.split("\n"))
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}}\\f0\\fs22 " + body + "\\par}").encode("ascii")


def image_pdf(pages: list[tuple[int, int, bytes]], dpi: int = 150, info: dict[str, bytes] | None = None) -> bytes:
    """An image-only PDF, as a scanner makes it: one 8-bit greyscale image per page (width,
    height, raw pixels row by row), Flate-compressed, filling a page of the image's size at dpi."""
    import zlib

    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for width, height, pixels in pages:
        packed = zlib.compress(pixels, 9)
        objects.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                       b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
                       % (width, height, len(packed), packed))
        image = len(objects)
        w, h = width * 72 / dpi, height * 72 / dpi
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im Do Q" % (w, h)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im %d 0 R "
                       b">> >> /Contents %d 0 R >>" % (w, h, image, image + 1))
        kids.append(len(objects))
    return pdf_objects(objects, kids, info=info, binary_marker=True)


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, pixels) of a binary PGM (P5, 8 bit), as pdftoppm -gray writes it."""
    fields: list[bytes] = []
    offset = 2
    while len(fields) < 3:
        while data[offset:offset + 1].isspace():
            offset += 1
        if data[offset:offset + 1] == b"#":
            offset = data.index(b"\n", offset) + 1
            continue
        end = offset
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[offset:end])
        offset = end
    width, height, _maximum = (int(f) for f in fields)
    offset += 1
    return width, height, data[offset: offset + width * height]


def compound_file(tree: dict) -> bytes:
    """A compound file of storages (dicts) and streams (bytes); the root dict is the Root Entry."""
    entries: list[dict] = []   # directory entries in order; 0 is the root
    sectors: list[bytes] = []  # data sectors
    fat: list[int] = []

    def add_stream(data: bytes) -> tuple[int, int]:
        # Streams under 4096 bytes belong in the mini stream, which this writer lacks: pad those
        # (strings end at their NUL, so the padding is harmless); bigger ones keep their size.
        size = max(4096, len(data))
        data = data.ljust(size, b"\0")
        data = data.ljust(-(-len(data) // SECTOR) * SECTOR, b"\0")
        first = len(sectors)
        for i in range(0, len(data), SECTOR):
            sectors.append(data[i:i + SECTOR])
            fat.append(len(sectors))
        fat[-1] = END
        return first, size

    def add(name: str, node) -> int:
        index = len(entries)
        entry = {"name": name, "left": NOSTREAM, "right": NOSTREAM, "child": NOSTREAM, "start": END, "size": 0}
        entries.append(entry)
        if isinstance(node, dict):
            entry["type"] = 5 if index == 0 else 1
            kids = [add(k, v) for k, v in sorted(node.items(), key=lambda kv: (len(kv[0]), kv[0].upper()))]
            for a, b in zip(kids, kids[1:]):
                entries[a]["right"] = b  # a degenerate (all-black, right-leaning) tree
            if kids:
                entry["child"] = kids[0]
        else:
            start, size = add_stream(node)
            entry.update(type=2, start=start, size=size)
        return index

    add("Root Entry", tree)
    directory = b""
    for e in entries:
        name = e["name"].encode("utf-16-le") + b"\0\0"
        directory += struct.pack("<64sHBBIII16sIQQIQ", name, len(name), e["type"], 1, e["left"], e["right"],
                                 e["child"], b"\0" * 16, 0, 0, 0, e["start"], e["size"])
    directory = directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0")
    dir_start = len(sectors)
    for i in range(0, len(directory), SECTOR):
        sectors.append(directory[i:i + SECTOR])
        fat.append(len(sectors))
    fat[-1] = END
    fat_count = -(-(len(fat) + 8) // (SECTOR // 4))
    fat_start = len(sectors)
    fat += [FATSECT] * fat_count
    fat += [FREE] * (fat_count * SECTOR // 4 - len(fat))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    difat = [fat_start + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3,
                         0xFFFE, 9, 6, b"\0" * 6, 0, fat_count, dir_start, 0, 4096, END, 0, END, 0)
    header += struct.pack("<109I", *difat)
    return header + b"".join(sectors) + fat_bytes


# ----------------------------------------------------------------------------------------------
# JPEG: baseline greyscale in which every 8x8 block is one flat grey (DC coefficients only)
# ----------------------------------------------------------------------------------------------

_DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]  # JPEG Annex K.3, luminance DC
_DC_SYMBOLS = list(range(12))


def _dc_codes() -> dict[int, tuple[int, int]]:
    codes, code, k = {}, 0, 0
    for length, count in enumerate(_DC_COUNTS, start=1):
        for _ in range(count):
            codes[_DC_SYMBOLS[k]] = (code, length)
            code, k = code + 1, k + 1
        code <<= 1
    return codes


def make_jpeg(width: int, height: int, grey: Callable[[int, int], int]) -> bytes:
    """grey(bx, by) -> 0..255 for block (bx, by). Quantisation 1, AC table holding only end-of-block."""
    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">HH", 0xFF00 | marker, len(payload) + 2) + payload
    bits: list[int] = []

    def put(value: int, length: int) -> None:
        bits.extend((value >> (length - 1 - i)) & 1 for i in range(length))
    codes, previous = _dc_codes(), 0
    for by in range(height // 8):
        for bx in range(width // 8):
            dc = 8 * (int(grey(bx, by)) - 128)
            diff, previous = dc - previous, dc
            size = abs(diff).bit_length()
            put(*codes[size])
            if size:
                put(diff if diff > 0 else diff + (1 << size) - 1, size)
            put(0, 1)  # end of block: the only AC symbol, code "0"
    bits.extend([1] * (-len(bits) % 8))
    scan = bytearray()
    for i in range(0, len(bits), 8):
        byte = int("".join(map(str, bits[i:i + 8])), 2)
        scan += bytes([byte, 0]) if byte == 0xFF else bytes([byte])
    return (b"\xff\xd8" + segment(0xE0, b"JFIF\0\x01\x01\x01\x00\x48\x00\x48\x00\x00")
            + segment(0xDB, b"\x00" + b"\x01" * 64)
            + segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
            + segment(0xC4, b"\x00" + bytes(_DC_COUNTS) + bytes(_DC_SYMBOLS))
            + segment(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")
            + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + bytes(scan) + b"\xff\xd9")
