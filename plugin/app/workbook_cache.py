"""The workbook, read again whenever it changes on disk (size, mtime, ctime or inode).

Users keep the workbook open in Excel and save it while the app runs; every request sees
the saved version. Reading a workbook of 1,000 cases takes a second or two, so it is read
once per change and shared by all requests (a lock makes concurrent requests wait for one
read instead of each reading it).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from plugin.errors import PoortwachterError
from plugin.workbook.load import Workbook, load_workbook


@dataclass(frozen=True)
class Loaded:
    """One read of the workbook: the workbook, or the error that stopped reading it."""

    stamp: tuple[int, int, int, int] | None   # (size, mtime_ns, ctime_ns, inode) when read
    workbook: Workbook | None
    error: str | None


class WorkbookCache:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._loaded: Loaded | None = None
        self.reads = 0   # how often the file was actually read (tests, bench)

    def _stamp(self) -> tuple[int, int, int, int] | None:
        """Any change shows: a same-size save with the old mtime put back still changes the
        ctime, and Excel's save-by-rename gives a new inode."""
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino

    def get(self) -> Loaded:
        """The current workbook; read again only when the file changed since the last read."""
        stamp = self._stamp()
        loaded = self._loaded
        if loaded is not None and loaded.stamp == stamp and stamp is not None:
            return loaded
        with self._lock:
            stamp = self._stamp()
            if self._loaded is not None and self._loaded.stamp == stamp and stamp is not None:
                return self._loaded
            try:
                workbook, error = load_workbook(self.path), None
            except PoortwachterError as exc:
                workbook, error = None, str(exc)
            self.reads += 1
            self._loaded = Loaded(stamp, workbook, error)
            return self._loaded
