"""Writing files so that nothing is ever half-written or silently overwritten."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from plugin.errors import OutputExists, UsageError

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
MAX_NAME = 120


def safe_name(text: str) -> str:
    """A file or folder name that works on Windows, macOS and Linux."""
    name = _UNSAFE.sub("_", re.sub(r"[\t\n\r\x0b\x0c]+", " ", text))  # a line break in a cell is a space here
    name = re.sub(r"\s+", " ", name).strip().rstrip(". ")
    return name[:MAX_NAME] or "_"


def require_folder(path: Path) -> None:
    """The folder a file is to be written in must exist and be a folder (UsageError otherwise)."""
    folder = Path(path).parent
    if not folder.is_dir():
        what = "is geen map" if folder.exists() else "bestaat niet"
        raise UsageError(f"{folder} {what}; maak de map eerst aan of kies een andere plek voor {Path(path).name}")
    if Path(path).is_dir():
        raise UsageError(f"{path} is een map; geef een bestandsnaam op")


def safe_case_id(case_id: str) -> str:
    """A case number as part of a file or folder name, unique per case number as typed.

    A number that cannot be a file name as it is (2025/001) gets a short fixed code of the
    number, so it never names the same file as 2025_001: "2025_001 (3f9a2c)".
    """
    name = safe_name(case_id)
    if name == case_id:
        return name
    return f"{name[:MAX_NAME - 9]} ({hashlib.sha256(case_id.encode('utf-8')).hexdigest()[:6]})"


def write_atomic(path: Path, data: bytes, force: bool = False, make_folders: bool = True) -> None:
    """Write data to path all at once: readers see the old file or the new one, never a part.

    Without force an existing file is left alone (OutputExists), also when another process
    creates it at the same moment (the final step is a hard link, which never replaces).
    With make_folders=False a missing folder is an error (a typo in --out must not create a
    tree of folders somewhere).
    """
    path = Path(path)
    if make_folders:
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        require_folder(path)
    if not force and path.exists():
        raise OutputExists(f"bestaat al: {path} (gebruik --force om te overschrijven)")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise OutputExists(f"bestaat al: {path} (gebruik --force om te overschrijven)") from None
            except OSError:
                # File systems without hard links (some network shares): best effort.
                if path.exists():
                    raise OutputExists(f"bestaat al: {path} (gebruik --force om te overschrijven)") from None
                os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

