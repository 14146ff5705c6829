"""Route bytes to the right reader, and turn every kind of damage into a problem text."""

from __future__ import annotations

import email.errors
import io
import struct

import olefile

from . import docx, eml, legacy, msg, ocr, odt, pdf, rtf, text, xlsx
from .model import (CORRUPT, ENCRYPTED, ZIP_BOMB, Extracted, Limits, failed, old_office, suffix_of,
                    too_large, unknown_type)
from .sniff import OLD_OFFICE_SUFFIXES, SUFFIX_KINDS, magic_kind
from .zipguard import ZIP_ERRORS, Budget, ZipBomb, ZipEncrypted, open_zip

# What olefile raises on a damaged compound file (its own errors derive from OSError).
OLE_ERRORS = (OSError, ValueError, IndexError, KeyError, struct.error, EOFError, UnicodeError)


def read_bytes(name: str, data: bytes, limits: Limits = Limits(), depth: int = 0,
               recurse: "Recurser | None" = None) -> Extracted:
    """Read one file's bytes; never raises for bad content (see Extracted.problem)."""
    suffix = suffix_of(name)
    by_suffix = SUFFIX_KINDS.get(suffix, "unknown")
    if len(data) > limits.max_file_bytes:
        return failed(name, by_suffix, too_large(len(data), limits.max_file_bytes))
    magic = magic_kind(data)
    recurse = recurse or Recurser(limits)
    if magic == "zip":
        return _read_zip(name, data, limits, by_suffix, suffix)
    if magic == "ole":
        return _read_ole(name, data, limits, depth, by_suffix, suffix, recurse)
    if magic == "pdf":
        return pdf.read(name, data, limits)
    if magic == "rtf":
        return rtf.read(name, data, limits)
    if magic == "image":
        return ocr.read_image(name, data, limits)
    if magic == "rfc822" or (by_suffix == "eml" and data.strip()):
        return _read_eml(name, data, limits, depth, recurse)
    if suffix in OLD_OFFICE_SUFFIXES:
        return failed(name, "unknown", old_office(suffix))
    if by_suffix == "txt":
        return text.read(name, data, limits)
    if by_suffix != "unknown":  # a .docx/.pdf/.msg whose bytes are not that format
        return failed(name, by_suffix, CORRUPT)
    return failed(name, "unknown", unknown_type(suffix))


class Recurser:
    """Reads attachments for one top-level file and keeps its item budget
    (Limits.max_items_per_file: the file plus its attachments at every depth)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.items = 1

    def __call__(self, name: str, data: bytes, depth: int) -> Extracted:
        return read_bytes(name, data, self.limits, depth, self)

    def take(self) -> bool:
        if self.items >= self.limits.max_items_per_file:
            return False
        self.items += 1
        return True


def _read_zip(name: str, data: bytes, limits: Limits, by_suffix: str, suffix: str) -> Extracted:
    kind = by_suffix if by_suffix in ("docx", "xlsx") else "unknown"
    try:
        archive = open_zip(data, limits)
        with archive:
            members = archive.NameToInfo
            if odt.is_odt(archive):
                return odt.read_archive(name, archive, Budget(limits), limits)
            if "word/document.xml" in members or (kind == "docx" and "xl/workbook.xml" not in members):
                return docx.read_archive(name, archive, Budget(limits), limits)
            if "xl/workbook.xml" in members:
                kind = "xlsx"
                strings = members.get("xl/sharedStrings.xml")
                if strings is not None and strings.file_size > limits.max_xlsx_strings_bytes:
                    return failed(name, kind, xlsx.too_many_strings(strings.file_size, limits))
            elif kind == "unknown":
                return failed(name, "unknown", unknown_type(suffix))
            else:
                return failed(name, kind, CORRUPT)
    except ZipBomb:
        return failed(name, kind, ZIP_BOMB)
    except ZipEncrypted:
        return failed(name, kind, ENCRYPTED)
    except ZIP_ERRORS:
        return failed(name, kind, CORRUPT)
    return xlsx.read(name, data, limits)


def _read_ole(name: str, data: bytes, limits: Limits, depth: int, by_suffix: str, suffix: str,
              recurse: Recurser) -> Extracted:
    """An OLE compound file: Outlook .msg, a password-protected Office file, or old .doc/.xls."""
    try:
        with olefile.OleFileIO(data) as ole:
            if ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"):
                return failed(name, by_suffix, ENCRYPTED)
            if ole.exists("__properties_version1.0"):
                return msg.read_message(name, ole, [], limits, depth, recurse)
            if ole.exists("WordDocument"):
                return legacy.read_doc(name, ole, data, limits)
            if ole.exists("Workbook") or ole.exists("Book"):
                return failed(name, "unknown", old_office(suffix if suffix in (".xls", ".xlt") else ".xls"))
    except OLE_ERRORS:
        return failed(name, by_suffix, CORRUPT)
    if by_suffix in ("msg", "doc"):   # its name says what it should be, its streams do not (a damaged tree)
        return failed(name, by_suffix, CORRUPT)
    return failed(name, "unknown", unknown_type(suffix))


def _read_eml(name: str, data: bytes, limits: Limits, depth: int, recurse: eml.Recurse) -> Extracted:
    try:
        return eml.read(name, data, limits, depth, recurse)
    except (email.errors.MessageError, ValueError, LookupError, IndexError, UnicodeError):
        return failed(name, "eml", CORRUPT)


def read_stream(name: str, handle: io.BufferedIOBase, size: int, limits: Limits) -> Extracted:
    """Read an open file, refusing oversized ones before loading them into memory."""
    if size > limits.max_file_bytes:
        kind = "pdf" if magic_kind(handle.read(1024)) == "pdf" else SUFFIX_KINDS.get(suffix_of(name), "unknown")
        return failed(name, kind, too_large(size, limits.max_file_bytes))
    return read_bytes(name, handle.read(limits.max_file_bytes + 1), limits)
