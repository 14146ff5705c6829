"""Text and metadata from the files in a dossier folder, written by other parties.

`read_path` and `read_bytes` never raise for bad file content: a corrupt, encrypted, huge or
hostile file comes back as an `Extracted` with `problem` set (a short Dutch reason) and
possibly empty text. Only programming errors raise.

Supported: .docx, .xlsx, .pdf (text layer), .eml and Outlook .msg (with attachments, read
recursively up to Limits.max_depth), .txt/.md/.csv. The kind is decided by the bytes first
and the extension second.
"""

from __future__ import annotations

from pathlib import Path

from .dispatch import read_bytes, read_stream
from .model import Extracted, Limits, MailMeta, failed

__all__ = ["Extracted", "Limits", "MailMeta", "read_bytes", "read_path"]


def read_path(path: Path, limits: Limits = Limits()) -> Extracted:
    """Read one file; a file that cannot be opened is reported, not raised."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            return read_stream(path.name, handle, size, limits)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return failed(path.name, "unknown", f"niet te openen ({reason})")
