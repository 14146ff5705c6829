"""A PDF copy of a report, made by LibreOffice when it is installed (optional).

soffice runs headless with a private profile (-env:UserInstallation) in a temporary
folder, so it neither touches the user's LibreOffice settings nor collides with an open
LibreOffice window, and each conversion has a time limit.

The temporary folder holds copies of reports (names of employees), so it lives in a
folder of this user only (<temp>/poortwachter-<uid>, mode 0700, never a planted link),
is named after the process (pdf-<pid>-...), and every run first removes the folders of
runs whose process is gone (a run killed with kill -9 cannot clean up after itself).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

TIMEOUT = 120  # seconds per document; the first start of a fresh profile is the slow one


class PdfConverter:
    def __init__(self, enabled: bool = True, timeout: int = TIMEOUT):
        self.soffice = (shutil.which("soffice") or shutil.which("libreoffice")) if enabled else None
        self.timeout = timeout
        missing = "geen PDF: LibreOffice (soffice) niet gevonden; alleen de .docx is bijgevoegd"
        self.note = "" if self.soffice else (missing if enabled else "geen PDF: uitgezet met --no-pdf")
        self._work: tempfile.TemporaryDirectory | None = None

    def convert(self, data: bytes, stem: str) -> tuple[bytes | None, str]:
        """(PDF bytes, '') or (None, why not)."""
        if not self.soffice:
            return None, self.note
        if self._work is None:
            base = private_temp()
            remove_stale(base)
            self._work = tempfile.TemporaryDirectory(prefix=f"pdf-{os.getpid()}-", dir=base)
        root = Path(self._work.name)
        job = Path(tempfile.mkdtemp(dir=root, prefix="job-"))
        source = job / f"{stem}.docx"
        source.write_bytes(data)
        command = [self.soffice, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(job), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=self.timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return None, f"geen PDF: LibreOffice reageerde niet binnen {self.timeout} s"
        except OSError as exc:
            return None, f"geen PDF: LibreOffice start niet ({exc})"
        target = job / f"{stem}.pdf"
        if result.returncode != 0 or not target.is_file():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
            return None, f"geen PDF: LibreOffice gaf een fout ({detail[-1] if detail else result.returncode})"
        pdf = target.read_bytes()
        shutil.rmtree(job, ignore_errors=True)
        return pdf, ""

    def close(self) -> None:
        if self._work is not None:
            self._work.cleanup()
            self._work = None


_WORK = re.compile(r"pdf-(\d+)-")
LEGACY_AGE = 24 * 3600   # seconds: folders of older versions (poortwachter-pdf-*) carry no process id


def private_temp() -> Path:
    """<temp>/poortwachter-<uid>: made with mode 0700; anything else found there (a link, another
    owner, wider rights) is not used, and a fresh private folder is made instead."""
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    base = Path(tempfile.gettempdir()) / f"poortwachter-{user}"
    try:
        os.mkdir(base, 0o700)
    except FileExistsError:
        pass
    info = os.lstat(base)
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or not mine or \
            (os.name == "posix" and info.st_mode & 0o077):
        return Path(tempfile.mkdtemp(prefix="poortwachter-"))
    return base


def remove_stale(base: Path) -> list[Path]:
    """Remove work folders of runs that are gone; returns what was removed."""
    removed = []
    for entry in _entries(base):
        match = _WORK.match(entry.name)
        if match and not _alive(int(match.group(1)), entry):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    for entry in _entries(Path(tempfile.gettempdir())):   # left by versions before this folder existed
        if entry.name.startswith("poortwachter-pdf-") and _old_and_mine(entry):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _entries(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return []


def _alive(pid: int, entry: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":   # os.kill would end the process on Windows: judge by age instead
        return not _old_and_mine(entry)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _old_and_mine(entry: Path) -> bool:
    try:
        info = entry.lstat()
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and time.time() - info.st_mtime > LEGACY_AGE
