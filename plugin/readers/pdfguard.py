"""Refuse a PDF whose compressed streams would unpack to gigabytes, before PDFium sees it.

PDFium inflates a page's content stream (and the fonts it uses) in one piece when the page
is loaded for text; a 1 MB file can hold a content stream of 1 GiB of zeros. PDFium offers
no way to bound that, so every Flate-compressed stream that text extraction may unpack is
first inflated here with a bounded zlib decompressor: the output is counted and thrown
away chunk by chunk, so this check itself never holds more than one chunk.

Skipped on purpose: image streams (text extraction does not decode images, and scanned
pages are large images), attached files, metadata, and streams that do not start with a
Flate filter. Embedded fonts may be large (a full CJK font is 20 MB) and PDFium holds them
about 1:1, so they count only towards the total, not the per-stream limit. Known gap:
in an encrypted PDF (readable without a password) the streams are ciphertext here, and
LZW-compressed streams are not inflated; PDFium still reads those page by page.
"""

from __future__ import annotations

import re
import zlib
from typing import Iterable, Iterator

from .model import Limits

CHUNK = 1 << 20
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_DICT_LOOKBACK = 8192
# Streams text extraction never unpacks: images (scans are big images), attached files, metadata.
_SKIP = re.compile(rb"/Subtype\s*/Image\b|/Type\s*/(?:EmbeddedFile|Metadata)\b")
# Embedded font programs: FreeType holds them about 1:1, so only the total limit applies.
_FONT = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_FLATE = {b"FlateDecode", b"Fl"}


class PdfBomb(Exception):
    """A stream (or all of them together) unpacks past the limits."""


def check_streams(data: bytes, limits: Limits) -> None:
    """Raise PdfBomb when a Flate stream exceeds max_pdf_stream_bytes or all exceed max_pdf_inflated_bytes."""
    if b"Fl" not in data:
        return
    total = 0
    view = memoryview(data)
    done = 0              # where the previous stream's data ended: its dictionary lies after that
    no_end_after = None   # no 'endstream' after this offset: never searched again
    for match in _STREAM.finditer(data):
        if match.start() < done:   # the word 'stream' inside the previous stream's data
            continue
        head = data[max(done, match.start() - _DICT_LOOKBACK):match.start()]
        head = head[head.rfind(b"obj") + 1:] if b"obj" in head else head
        flates = _leading_flates(head)
        if not flates or _SKIP.search(head):
            continue
        end = -1 if no_end_after is not None else data.find(b"endstream", match.end())
        if end == -1:
            no_end_after = match.end()
        done = end if end != -1 else len(data)
        raw = view[match.end():done]
        limit = limits.max_pdf_inflated_bytes - total if _FONT.search(head) else limits.max_pdf_stream_bytes
        size = _inflated_size(raw, flates, limit)
        total += size
        if size > limit or total > limits.max_pdf_inflated_bytes:
            raise PdfBomb(f"{size} bytes")


def _leading_flates(head: bytes) -> int:
    """How many Flate filters the stream's /Filter starts with (0: not Flate first)."""
    found = None
    for found in _FILTER.finditer(head):
        pass   # the last /Filter before 'stream' belongs to this stream's dictionary
    if found is None:
        return 0
    count = 0
    for name in _NAME.findall(found.group(1)):
        if name not in _FLATE:
            break
        count += 1
    return count


def _inflate(chunks: Iterable[bytes | memoryview]) -> Iterator[bytes]:
    decompressor = zlib.decompressobj()
    for chunk in chunks:
        pending = chunk
        while pending:
            out = decompressor.decompress(pending, CHUNK)
            pending = decompressor.unconsumed_tail
            if out:
                yield out
            if decompressor.eof:
                return


def _inflated_size(raw: memoryview, flates: int, limit: int) -> int:
    """Bytes the stream unpacks to, counting stops just past the limit; damage ends the count."""
    step = 1 << 16   # small input slices keep zlib's unconsumed_tail copies small
    chunks: Iterable[bytes | memoryview] = (raw[i:i + step] for i in range(0, len(raw), step))
    for _ in range(flates):
        chunks = _inflate(chunks)
    size = 0
    try:
        for out in chunks:
            size += len(out)
            if size > limit:
                break
    except zlib.error:
        pass   # PDFium stops at the damage too
    return size
