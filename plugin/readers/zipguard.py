"""Open Office Open XML containers without letting a zip bomb expand.

Declared sizes are checked before anything is decompressed, and every member is read with
a byte budget, so a member that lies about its size cannot expand past the limit either
(zipfile stops at the declared size and then fails its CRC check).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from .model import Limits

# Errors zipfile and zlib raise for broken or hostile archives (not for our mistakes).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError,
              ValueError, KeyError)

_RATIO_FLOOR = 2**20  # small XML parts compress well; only judge the ratio of big members


class ZipBomb(Exception):
    """The archive would expand beyond Limits.max_unzipped_bytes or max_zip_ratio."""


class ZipEncrypted(Exception):
    """A member needs a zip password."""


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The archive, after its declared sizes passed the limits; raises ZipBomb or ZIP_ERRORS."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            raise ZipBomb(info.filename)
        if total > limits.max_unzipped_bytes:
            raise ZipBomb(info.filename)
    return archive


class Budget:
    """How many decompressed bytes one file may still produce."""

    def __init__(self, limits: Limits):
        self.remaining = limits.max_unzipped_bytes

    def read(self, archive: zipfile.ZipFile, member: str) -> bytes | None:
        """The member's bytes, None when absent; raises ZipBomb when over budget."""
        try:
            info = archive.getinfo(member)
        except KeyError:
            return None
        if info.flag_bits & 0x1:
            raise ZipEncrypted(member)
        with archive.open(info) as handle:
            data = handle.read(self.remaining + 1)
        if len(data) > self.remaining:
            raise ZipBomb(member)
        self.remaining -= len(data)
        return data
