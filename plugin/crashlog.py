"""Where an unexpected crash is written down: privately, per user, never through a link.

The log holds dossier paths with employee names, so it goes to the user's own state folder
(XDG_STATE_HOME, or %LOCALAPPDATA% on Windows), readable by the user only, with a new name
per crash. It is created with O_EXCL|O_NOFOLLOW, so a file or link planted under that name
is never written through.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path


def crash_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "poortwachter" / "crashes"


def write_crash_log(text: str, folder: Path | None = None) -> Path:
    """Write text to a new private file and return its path."""
    folder = folder or crash_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for attempt in range(100):
        path = folder / f"crash-{stamp}-{os.getpid()}-{attempt}.log"
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path
    raise OSError(f"kan geen crashlog schrijven in {folder}")
