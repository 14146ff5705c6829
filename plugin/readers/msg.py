"""Outlook .msg: MAPI properties read from the OLE compound file with olefile.

Layout ([MS-OXMSG]): string and binary properties are streams `__substg1.0_PPPPTTTT`
(property id, property type); fixed-size ones (times, numbers) are 16-byte entries in
`__properties_version1.0` after a header of 32 bytes (top-level message), 24 bytes
(embedded message) or 8 bytes (attachment, recipient). Attachments are storages
`__attach_version1.0_#XXXXXXXX`; an attached message is the storage `__substg1.0_3701000D`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import struct
from typing import Callable

import olefile

from . import rtf
from .model import (TOO_DEEP, Extracted, Limits, MailMeta, bounded, child_name, failed, take_item,
                    unread_attachments)
from .text import decode, html_to_text

Recurse = Callable[[str, bytes, int], Extracted]

_PROPS = "__properties_version1.0"
_UNICODE, _STRING8, _BINARY, _SYSTIME, _LONG = 0x001F, 0x001E, 0x0102, 0x0040, 0x0003
SUBJECT, BODY, HTML, RTF_COMPRESSED = 0x0037, 0x1000, 0x1013, 0x1009
SENDER_NAME, SENDER_EMAIL, SENDER_SMTP = 0x0C1A, 0x0C1F, 0x5D01
REPRESENTING_NAME, REPRESENTING_EMAIL, REPRESENTING_SMTP = 0x0042, 0x0065, 0x5D02
DISPLAY_TO, SUBMIT_TIME, DELIVERY_TIME = 0x0E04, 0x0039, 0x0E06
MESSAGE_CODEPAGE, INTERNET_CODEPAGE = 0x3FFD, 0x3FDE
ATTACH_DATA, ATTACH_LONG_NAME, ATTACH_NAME, DISPLAY_NAME = 0x3701, 0x3707, 0x3704, 0x3001
RECIP_EMAIL, RECIP_SMTP = 0x3003, 0x39FE
_FILETIME_EPOCH = dt.datetime(1601, 1, 1)
_CODECS = {20127: "ascii", 65001: "utf-8", 28591: "latin-1", 1200: "utf-16-le"}


class _Store:
    """One property-bearing storage: the message itself, an attachment or a recipient."""

    def __init__(self, ole: olefile.OleFileIO, path: list[str], header: int, codepage: str = "cp1252"):
        self.ole, self.path, self.header, self.codepage = ole, path, header, codepage
        self.fixed = self._fixed()

    def _fixed(self) -> dict[int, tuple[int, bytes]]:
        raw = self.stream(_PROPS) or b""
        found = {}
        for offset in range(self.header, len(raw) - 15, 16):
            tag, _flags = struct.unpack_from("<II", raw, offset)
            found[tag >> 16] = (tag & 0xFFFF, raw[offset + 8: offset + 16])
        return found

    def stream(self, name: str) -> bytes | None:
        path = self.path + [name]
        return self.ole.openstream(path).read() if self.ole.exists(path) else None

    def is_storage(self, name: str) -> bool:
        return self.ole.get_type(self.path + [name]) == olefile.STGTY_STORAGE

    def string(self, pid: int) -> str:
        data = self.stream(f"__substg1.0_{pid:04X}{_UNICODE:04X}")
        if data is not None:
            return data.decode("utf-16-le", errors="replace").split("\x00", 1)[0].strip()
        data = self.stream(f"__substg1.0_{pid:04X}{_STRING8:04X}")
        if data is not None:
            return data.decode(self.codepage, errors="replace").split("\x00", 1)[0].strip()
        return ""

    def binary(self, pid: int) -> bytes | None:
        return self.stream(f"__substg1.0_{pid:04X}{_BINARY:04X}")

    def long(self, pid: int) -> int | None:
        kind, value = self.fixed.get(pid, (None, b""))
        return struct.unpack("<i", value[:4])[0] if kind == _LONG else None

    def date(self, pid: int) -> dt.date | None:
        kind, value = self.fixed.get(pid, (None, b""))
        ticks = struct.unpack("<Q", value)[0] if kind == _SYSTIME else 0
        if not ticks:
            return None
        try:
            return (_FILETIME_EPOCH + dt.timedelta(microseconds=ticks // 10)).date()
        except OverflowError:
            return None

    def children(self, prefix: str) -> list[list[str]]:
        depth = len(self.path) + 1
        return sorted(p for p in self.ole.listdir(streams=False, storages=True)
                      if len(p) == depth and p[:-1] == self.path and p[-1].startswith(prefix))


def _codec(number: int | None) -> str:
    name = _CODECS.get(number or 0, f"cp{number}" if number else "cp1252")
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def read_message(name: str, ole: olefile.OleFileIO, path: list[str], limits: Limits, depth: int,
                 recurse: Recurse) -> Extracted:
    store = _Store(ole, path, header=32 if not path else 24)
    store.codepage = _codec(store.long(MESSAGE_CODEPAGE))
    meta = MailMeta(subject=store.string(SUBJECT), sender=_sender(store),
                    recipients=_recipients(store),
                    date=store.date(SUBMIT_TIME) or store.date(DELIVERY_TIME))
    children = store.children("__attach_version1.0_#")
    attachments, limited = [], None
    for index, child in enumerate(children, start=1):
        if index > limits.max_attachments or not take_item(recurse):   # Limits: per message and per file
            limited = unread_attachments(len(children) - index + 1, len(children), limits)
            break
        attachments.append(_attachment(name, index, _Store(ole, child, 8, store.codepage), limits, depth, recurse))
    return Extracted(name=name, kind="msg", text=bounded(_body(store, limits), limits), mail=meta,
                     attachments=tuple(attachments), limited=limited)


def _sender(store: _Store) -> str:
    name = store.string(SENDER_NAME) or store.string(REPRESENTING_NAME)
    address = (store.string(SENDER_SMTP) or store.string(SENDER_EMAIL)
               or store.string(REPRESENTING_SMTP) or store.string(REPRESENTING_EMAIL))
    if "@" not in address:
        address = ""  # an Exchange X.500 path says nothing to a reader
    if name and address and name != address:
        return f"{name} <{address}>"
    return name or address


def _recipients(store: _Store) -> tuple[str, ...]:
    found = []
    for path in store.children("__recip_version1.0_#"):
        recipient = _Store(store.ole, path, 8, store.codepage)
        name = recipient.string(DISPLAY_NAME)
        address = recipient.string(RECIP_SMTP) or recipient.string(RECIP_EMAIL)
        address = address if "@" in address else ""
        text = f"{name} <{address}>" if name and address and name != address else name or address
        if text:
            found.append(text)
    if not found:
        found = [p.strip() for p in store.string(DISPLAY_TO).split(";") if p.strip()]
    return tuple(found)


def _body(store: _Store, limits: Limits) -> str:
    body = store.string(BODY)
    if body:
        return body.replace("\r\n", "\n")
    markup = store.binary(HTML)
    if markup:
        codepage = store.long(INTERNET_CODEPAGE)
        text = markup.decode(_codec(codepage), errors="replace") if codepage else decode(markup)
        return html_to_text(text[: limits.max_text_chars * 4])
    html = html_to_text(store.string(HTML)[: limits.max_text_chars * 4])
    if html:
        return html
    return _rtf_body(store, limits)


def _rtf_body(store: _Store, limits: Limits) -> str:
    """The body when Outlook kept only PR_RTF_COMPRESSED (older clients, 'rich text' mail)."""
    packed = store.binary(RTF_COMPRESSED)
    if not packed:
        return ""
    data = rtf.decompress(packed, limits.max_rtf_bytes)   # bounded: the header's size may lie
    return rtf.to_text(data, limits.max_text_chars) if data else ""


def _attachment(outer: str, index: int, store: _Store, limits: Limits, depth: int,
                recurse: Recurse) -> Extracted:
    filename = store.string(ATTACH_LONG_NAME) or store.string(ATTACH_NAME) or store.string(DISPLAY_NAME)
    embedded = store.is_storage(f"__substg1.0_{ATTACH_DATA:04X}000D")
    if embedded and not filename.lower().endswith(".msg"):
        filename = f"{filename or 'bijlage'}.msg"
    name = child_name(outer, filename, f"bijlage{index}")
    if depth + 1 > limits.max_depth:
        return failed(name, "msg" if embedded else "unknown", TOO_DEEP)
    if embedded:
        inner = store.path + [f"__substg1.0_{ATTACH_DATA:04X}000D"]
        if store.ole.exists(inner + [_PROPS]):
            return read_message(name, store.ole, inner, limits, depth + 1, recurse)
        return failed(name, "unknown", "ingesloten OLE-object (geen bestand)")
    return recurse(name, store.binary(ATTACH_DATA) or b"", depth + 1)
