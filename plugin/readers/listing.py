"""Which entries of a dossier tree may be read: links out of the tree and non-files are not.

A dossier folder is written by many hands and sometimes by a sync tool. A symbolic link to
a file elsewhere on the disk must not become evidence for a case (it could set a first sick
day), and a named pipe or device called `x.docx` must never be opened (open() would wait
forever). Such entries are listed, with the reason, as unreadable documents: never
followed, never silently dropped.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

LINK_OUTSIDE = "snelkoppeling naar iets buiten de dossiermap: niet gevolgd"
LINK_BROKEN = "snelkoppeling naar iets dat niet bestaat"
NOT_A_FILE = "geen gewoon bestand (pipe, apparaat of socket): niet geopend"
FOLDER_LINK = "snelkoppeling naar een map: niet gevolgd"


def refusal(path: Path, root: Path) -> str | None:
    """Why `path` (found under `root`) must not be read, or None when it is a regular file inside root."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return f"niet te openen ({error.strerror or type(error).__name__})"
    if stat.S_ISLNK(info.st_mode) or _linked_above(path, root):
        target = os.path.realpath(path)
        if not _inside(target, os.path.realpath(root)):
            return LINK_OUTSIDE
        try:
            info = os.stat(path)
        except OSError:
            return LINK_BROKEN
        if stat.S_ISDIR(info.st_mode):
            return FOLDER_LINK
    if not stat.S_ISREG(info.st_mode):
        return NOT_A_FILE
    return None


def _linked_above(path: Path, root: Path) -> bool:
    """Is a folder between root and path a link (a case folder that is a link elsewhere)?"""
    text, base = os.fspath(path), os.fspath(root)
    if text.startswith(base + os.sep) and base and base[-1] != os.sep:   # the common case, without pathlib
        folders = text[len(base) + 1:].split(os.sep)[:-1]
        if "" not in folders and "." not in folders:
            current = base
            for part in folders:
                current += os.sep + part
                if os.path.islink(current):
                    return True
            return False
    try:
        parts = Path(path).relative_to(root).parts[:-1]
    except ValueError:
        return True
    current = Path(root)
    for part in parts:
        current = current / part
        if os.path.islink(current):
            return True
    return False


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)
