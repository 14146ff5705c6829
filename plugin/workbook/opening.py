"""Get a workbook file's bytes, or say in the user's words why it cannot be read at all.

Checked before openpyxl sees the file: that it is a regular file (a named pipe would block
open() forever), that it is not a password-protected workbook (Excel stores those as an
encrypted OLE container, which openpyxl calls "not a zip file"), and whether Excel has it
open right now (its lock file `~$name.xlsx` lies next to it: unsaved edits are not read).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from plugin.errors import WorkbookError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS_XLSX = "sla het in Excel op als 'Excel-werkmap (.xlsx)'"


def read_workbook_bytes(path: Path) -> tuple[bytes, list[str]]:
    """The file's bytes and warnings (Dutch); raises WorkbookError when it cannot be a workbook."""
    path = Path(path)
    if path.suffix.lower() in (".xls", ".csv", ".ods"):
        raise WorkbookError(f"{path.name}: dit is geen .xlsx-bestand; {SAVE_AS_XLSX}")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise WorkbookError(f"werkmap niet gevonden: {path}") from None
    except OSError as exc:
        raise WorkbookError(f"{path.name} is niet te openen: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise WorkbookError(f"{path} is een map, geen werkmap; geef het .xlsx-bestand op")
    if not stat.S_ISREG(info.st_mode):
        raise WorkbookError(f"{path.name} is geen gewoon bestand (pipe, apparaat of socket); geef het .xlsx-bestand op")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise WorkbookError(f"{path.name} is geen gewoon bestand; geef het .xlsx-bestand op")
            data = handle.read()
    except OSError as exc:
        raise WorkbookError(f"{path.name} is niet te openen: {exc.strerror or exc}") from None
    if data.startswith(OLE_MAGIC):
        raise WorkbookError(_ole_reason(path, data))
    return data, lock_warnings(path)


def _ole_reason(path: Path, data: bytes) -> str:
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            encrypted = ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo")
    except (OSError, ValueError, IndexError, KeyError, EOFError):
        encrypted = False
    if encrypted:
        return (f"{path.name} is versleuteld (beveiligd met een wachtwoord); Poortwachter kan het niet lezen. "
                "Haal in Excel het wachtwoord weg (Bestand > Info > Werkmap beveiligen > Versleutelen met "
                "wachtwoord: leegmaken) en sla op")
    return f"{path.name} is een oud Excel-bestand (.xls); {SAVE_AS_XLSX}"


def lock_warnings(path: Path) -> list[str]:
    """Excel's lock file next to the workbook means it is open, maybe with unsaved changes."""
    names = {f"~${path.name}", f"~${path.name[2:]}"}   # Office shortens long names by two letters
    if any((path.parent / name).exists() for name in names):
        return [f"{path.name} is nu geopend in Excel (vergrendelbestand ~${path.name} gevonden): wijzigingen die "
                "nog niet zijn opgeslagen worden niet gelezen. Sla de werkmap eerst op."]
    return []
