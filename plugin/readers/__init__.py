"""Text and metadata from the files in a dossier folder, written by other parties.

`read_path` and `read_bytes` never raise for bad file content: a corrupt, encrypted, huge or
hostile file comes back as an `Extracted` with `problem` set (a short Dutch reason) and
possibly empty text. Only programming errors raise.

Supported: .docx, .xlsx, .pdf (text layer; scans by OCR), .eml and Outlook .msg (with
attachments, read recursively up to Limits.max_depth; a body kept only as compressed RTF
too), .txt/.md/.csv, Word 97-2003 .doc (legacy.py; LibreOffice as fallback, convert.py),
.rtf, .odt, and photos (jpg/png/tiff) by OCR with Tesseract (ocr.py). The kind is decided
by the bytes first and the extension second.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .model import Extracted, Limits, MailMeta, failed, parts

__all__ = ["Extracted", "Limits", "MailMeta", "parts", "read_bytes", "read_path"]


NOT_REGULAR = "geen gewoon bestand (pipe, apparaat of socket): niet geopend"


def read_bytes(name: str, data: bytes, limits: Limits = Limits()) -> Extracted:
    """Read a file's bytes (dispatch.read_bytes). The readers and their libraries (pypdfium2,
    openpyxl, python-docx, ...) are imported on the first read, not with this package: a
    re-check that finds everything in the scan cache never loads them."""
    from .dispatch import read_bytes as read

    return read(name, data, limits)


def read_path(path: Path, limits: Limits = Limits()) -> Extracted:
    """Read one file; a file that cannot be opened is reported, not raised.

    Only regular files are opened: a named pipe called `x.docx` would block open() forever.
    The check is made before opening and again on the open descriptor (O_NONBLOCK), so a
    file swapped for a pipe in between cannot hang the scan either.
    """
    path = Path(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return failed(path.name, "unknown", NOT_REGULAR)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return failed(path.name, "unknown", NOT_REGULAR)
            from .dispatch import read_stream

            return read_stream(path.name, handle, info.st_size, limits)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return failed(path.name, "unknown", f"niet te openen ({reason})")
