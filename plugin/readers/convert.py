"""Old office formats through LibreOffice (headless), for what our own readers cannot parse.

A conversion starts a whole office suite (seconds), so its text is kept in the user's cache
folder by the SHA-256 of the file's bytes: the same file is converted once, wherever it lies.
Each run gets its own LibreOffice profile, so conversions never wait on a user's open office.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CONVERT_TIMEOUT = 120  # seconds per file, and never past the file's time limit (workers.time_left)


class ConversionFailed(Exception):
    """LibreOffice did not answer in time or could not be started: says nothing about the file."""


def user_cache_dir() -> Path:
    """The per-user cache folder: POORTWACHTER_CACHE_DIR, else the platform's own."""
    if os.environ.get("POORTWACHTER_CACHE_DIR"):
        return Path(os.environ["POORTWACHTER_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "poortwachter"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_text(data: bytes, suffix: str) -> str | None:
    """The file's text via LibreOffice: None when LibreOffice is not installed, '' when it could
    not convert the file; raises ConversionFailed when LibreOffice timed out or did not start."""
    from .workers import time_left

    program = soffice()
    if program is None:
        return None
    cached = user_cache_dir() / "converted" / f"{hashlib.sha256(data).hexdigest()}.txt"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    with tempfile.TemporaryDirectory(prefix="poortwachter-lo-") as tmp:
        source = Path(tmp) / f"bestand{suffix}"
        source.write_bytes(data)
        profile = (Path(tmp) / "profiel").as_uri()
        try:
            subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                            "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(source)],
                           capture_output=True, timeout=max(1.0, min(CONVERT_TIMEOUT, time_left())), check=False)
        except (OSError, subprocess.SubprocessError) as error:
            raise ConversionFailed(type(error).__name__) from None
        result = Path(tmp) / "bestand.txt"
        if not result.exists():
            return ""
        text = result.read_text(encoding="utf-8-sig", errors="replace")
    _store(cached, text)
    return text


def _store(path: Path, text: str) -> None:
    """Write atomically (0600: a converted text is the dossier's own text); a cache that cannot
    be written only costs time."""
    from plugin.output import write_atomic

    try:
        write_atomic(path, text.encode("utf-8"), force=True)
    except OSError:
        pass
