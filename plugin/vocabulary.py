"""Where the AVG guard's vocabulary comes from: the two term files, read and kept compiled.

The bureau's own folder (environment variable POORTWACHTER_TERMEN, so generate, the mail-out
and the app all use it), else the bundled checks/. A file is read once and again when it
changes (looked at no more than every two seconds: the guard runs on every document). This
module installs itself as the source of plugin.core.privacy_vocabulary when the package loads,
so the pure guard in core never opens a file or reads the environment.
"""

from __future__ import annotations

import os
import time
import tomllib
from functools import lru_cache
from pathlib import Path

from plugin.core import privacy_vocabulary
from plugin.core.privacy_vocabulary import ALLOW_FILE, TERMS_FILE, Vocabulary, build_vocabulary
from plugin.errors import RuleFileError
from plugin.resources import checks_dir

TERMS_ENV = "POORTWACHTER_TERMEN"
_RECHECK_SECONDS = 2.0
_CURRENT: dict[Path, tuple[float, Vocabulary]] = {}


def terms_folder() -> Path:
    """The folder whose term lists the guard uses now (the bureau's own, else checks/)."""
    return _default_folder(os.environ.get(TERMS_ENV, ""))


@lru_cache(maxsize=4)
def _default_folder(configured: str) -> Path:
    if configured:
        folder = Path(configured).expanduser()
        if not (folder / TERMS_FILE).is_file():
            raise RuleFileError(f"{TERMS_ENV}={configured}: daar staat geen {TERMS_FILE} "
                                f"(kopieer de map checks/ van Poortwachter en pas die aan)")
        return folder
    return checks_dir()


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleFileError(f"{path}: niet leesbaar: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{path}: geen geldige TOML: {exc}") from None


@lru_cache(maxsize=8)
def _load(terms: Path, allow: Path, stamps: tuple) -> Vocabulary:
    return build_vocabulary(str(terms), _read(terms), str(allow), _read(allow) if allow.is_file() else {})


def load_vocabulary(folder: Path) -> Vocabulary:
    """The compiled vocabulary of a checks folder: cached, and reloaded when a file changed."""
    now = time.monotonic()
    cached = _CURRENT.get(folder)
    if cached and now - cached[0] < _RECHECK_SECONDS:
        return cached[1]
    terms, allow = (folder / TERMS_FILE).resolve(), (folder / ALLOW_FILE).resolve()
    stamps = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.is_file() else 0 for p in (terms, allow))
    vocabulary = _load(terms, allow, stamps)
    _CURRENT[folder] = (now, vocabulary)
    return vocabulary


def vocabulary(folder: Path | None = None) -> Vocabulary:
    """The vocabulary of folder, or of the folder in use (terms_folder)."""
    return load_vocabulary(Path(folder) if folder else terms_folder())


privacy_vocabulary.use_source(vocabulary)
