"""The scan cache: a re-check of an unchanged dossier tree opens no file.

A SQLite file (default: the user's cache folder; `check --cache PATH` to share one, `--no-cache`
for a cold run) holds, per file, its classified documents keyed by path, size, mtime, ctime
and inode, with a hash (BLAKE2b) of its content, so a file that was moved or copied (same
name, same bytes: a dossier folder renamed or archived) is read (hashed) but not parsed or
OCR'd again.

Never stale:
- any change to a file (touch, edit, same-size replace, even with its old mtime put back)
  changes its ctime or inode, so the key no longer matches and the file is read again;
- a moved file is a new path: its bytes are hashed and, when a file of the same name had the
  same bytes, its documents are reused under the new path; a renamed file is read again (its
  name is evidence of its type, and no text is kept to classify it again);
- a deleted file is not listed, so it is not served; its row is pruned;
- a cache written by another version of the readers, classifier or limits (a fingerprint of
  their source, the OCR and LibreOffice availability) is dropped and rebuilt, not trusted;
- two checks on one cache: SQLite's locking serialises the writes (busy timeout), each run
  writes its results in one transaction; a damaged cache file is set aside and rebuilt.
Stored: what the report shows (document types, dates, `why`, problems) and content hashes;
never a file's text, so no medical content is copied into the cache (AVG). `mentions` keeps,
for folders tied by surname (check/folders.py), whether a file's text holds a case number or
full name: keyed by the content hash and a hash of the phrase, so it holds no name and is
right for any workbook.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

from plugin.check.scan import DossierDocument, documents_from, scan_file
from plugin.recognize.statements import Statement
from plugin.readers import Limits
from plugin.readers.guarded import read_bytes_guarded
from plugin.readers.convert import soffice, user_cache_dir

SCHEMA = 6                # 5: documents carry their statements; 6: table mentions (check/folders.py)
BUSY_TIMEOUT = 120.0     # seconds to wait for another check holding the write lock
_HASH_PREFIX = "b2:"
_FIELDS = [f.name for f in dataclasses.fields(DossierDocument)]   # stored as arrays in this order
_DATES = [i for i, name in enumerate(_FIELDS) if name in ("date", "first_sick_day")]
_STATEMENTS = _FIELDS.index("statements")   # short quotes without medical words (statements.quote)
assert _FIELDS[0] == "path"
_KNOWN: frozenset[str] = frozenset()   # "hash/name" of the files the cache holds; inherited by forked workers
_KNOWN_LOCK = threading.Lock()         # two threads scanning at once (the app) must not overwrite it

Key = tuple[int, int, int, int]          # size, mtime_ns, ctime_ns, inode


def default_path() -> Path:
    return user_cache_dir() / "scancache.sqlite"


def fingerprint() -> str:
    """What the stored results depend on: the code that reads and classifies, and the tools."""
    from plugin.vocabulary import terms_folder
    from plugin.readers import ocr

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=16)
    core = root / "core"
    sources = sorted([*root.joinpath("readers").glob("*.py"), *core.glob("privacy*.py"),
                      *(core / f"{name}.py" for name in ("terms", "dates", "doctypes", "language")),
                      *root.joinpath("recognize").glob("*.py"),
                      *(root / "check" / f"{name}.py" for name in ("scan", "cache"))])
    for path in sources:   # a missing file is a packaging error, not a reason to keep stale answers
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    # the term lists in use (a bureau's own folder through POORTWACHTER_TERMEN, else checks/):
    # they decide which quotes a stored 'why' or statement may carry
    for data_file in sorted(terms_folder().glob("diagnose-termen*.toml")):
        digest.update(data_file.name.encode())
        digest.update(data_file.read_bytes())
    digest.update(repr((SCHEMA, Limits(), ocr.available() and ocr.tesseract()[1], bool(soffice()))).encode())
    return digest.hexdigest()


def open_cache(path: Path | None, disabled: bool = False) -> tuple["ScanCache | None", str | None]:
    """(the cache, or None; a warning when it could not be opened: the check then reads everything)."""
    if disabled:
        return None, None
    try:
        return ScanCache(path), None
    except (OSError, sqlite3.Error) as error:
        where = path or default_path()
        return None, f"Let op: scancache {where} niet te gebruiken ({error}); alles wordt opnieuw gelezen."


class ScanCache:
    """Open (or create) a cache file; use `scan` in place of scan.scan_files, then `close`."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        self.stats = {"cached": 0, "same_content": 0, "read": 0, "pruned": 0}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:  # not a database, or damaged: set it aside and start again
            self._set_aside()
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        db.execute("PRAGMA busy_timeout = %d" % int(BUSY_TIMEOUT * 1000))
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            found = dict(db.execute("SELECT key, value FROM meta").fetchall())
            wanted = {"schema": str(SCHEMA), "fingerprint": fingerprint()}
            if found != wanted:  # another version wrote it: rebuild, never trust
                db.execute("DROP TABLE IF EXISTS files")
                db.execute("DROP TABLE IF EXISTS contents")
                db.execute("DROP TABLE IF EXISTS mentions")
                db.execute("DELETE FROM meta")
                db.executemany("INSERT INTO meta VALUES (?, ?)", wanted.items())
            # path: the file's name as the OS gives it (bytes: names need not be valid UTF-8)
            db.execute("CREATE TABLE IF NOT EXISTS files (path BLOB PRIMARY KEY, size INTEGER, mtime INTEGER, "
                       "ctime INTEGER, inode INTEGER, relative TEXT, hash TEXT, documents TEXT)")
            db.execute("DROP TABLE IF EXISTS contents")  # schema 2-3 kept extracted text: never again
            db.execute("CREATE TABLE IF NOT EXISTS mentions (hash TEXT, phrase TEXT, found INTEGER, "
                       "PRIMARY KEY (hash, phrase))")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            db.close()
            raise
        return db

    def _set_aside(self) -> None:
        try:
            os.replace(self.path, self.path.with_name(f"{self.path.name}.beschadigd-{int(time.time())}"))
        except OSError:
            self.path.unlink(missing_ok=True)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "ScanCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the scan ---------------------------------------------------------------------------
    def scan(self, files: list[Path], root: Path, mapper: Callable[[Callable, list, Callable | None], Iterable]
             ) -> list[DossierDocument]:
        """scan_files with the cache: unchanged files come from it, the rest is read by `mapper`
        (scan.py's parallel map) and stored. Results keep the order of `files`."""
        global _KNOWN
        prefix = os.path.abspath(root)
        stored = self._rows(prefix)
        results: list[list[DossierDocument] | None] = [None] * len(files)
        work: list[tuple[int, str, str, Key | None]] = []
        linked: dict[str, bool] = {}
        root_text = os.fspath(root)
        absolutes = []
        for index, path in enumerate(files):
            text = os.fspath(path)   # string work: pathlib costs more than the rest of a re-check
            if text.startswith(root_text) and text[len(root_text):len(root_text) + 1] == os.sep:
                native = text[len(root_text) + 1:]
                absolute = prefix + os.sep + native
                relative = native if os.sep == "/" else native.replace(os.sep, "/")
            else:
                absolute = os.path.abspath(path)
                relative = Path(path).relative_to(root).as_posix()
            absolutes.append(absolute)
            key = _key(absolute, prefix, linked)
            row = stored.get(absolute)
            if key is not None and row is not None and row[0] == key:
                results[index] = _decode_documents(row[1], relative)
                self.stats["cached"] += 1
            else:
                work.append((index, absolute, relative, key))
        if work:
            with _KNOWN_LOCK:  # _KNOWN is per process: one scan at a time sets and reads it
                known = self._by_content()
                _KNOWN = frozenset(known)
                tasks = [(absolute, str(root), relative) for _, absolute, relative, _ in work]
                fresh: list[tuple[bytes, tuple]] = []
                for (index, absolute, relative, key), (documents, digest) in zip(
                        work, mapper(_read_one, tasks, _init_known(_KNOWN))):
                    if documents is None:  # the same bytes under the same name elsewhere: its documents, here
                        documents = _decode_documents(known[_content_key(digest, absolute)], relative)
                        self.stats["same_content"] += 1
                    else:
                        self.stats["read"] += 1
                    results[index] = documents
                    if key is not None and not any(doc.transient for doc in documents):   # a timeout is no answer
                        fresh.append((os.fsencode(absolute), (*key, json.dumps(relative), digest,
                                                              _encode_documents(documents, relative))))
                self._store(fresh)
        self._prune(prefix, set(absolutes), stored)
        return [doc for docs in results for doc in docs or ()]

    def mentions(self, path: Path, phrases: tuple[str, ...],
                 find: Callable[[Path, tuple[str, ...]], set[str]]) -> set[str]:
        """`find(path, phrases)` with its answer kept per content hash and phrase hash: a file
        whose row (path, size, mtime, ctime, inode) is current and hashed is not opened again."""
        absolute = os.path.abspath(path)
        row = self.db.execute("SELECT size, mtime, ctime, inode, hash FROM files WHERE path = ?",
                              (os.fsencode(absolute),)).fetchone()
        key = _key(absolute, os.path.dirname(absolute), {})
        if row is None or row[4] is None or key is None or tuple(row[:4]) != key:
            return find(path, phrases)  # not (or no longer) known as these bytes: no stored answer
        digest = row[4]
        keys = {phrase: _phrase_key(phrase) for phrase in phrases}
        stored = dict(self.db.execute(
            "SELECT phrase, found FROM mentions WHERE hash = ? AND phrase IN (%s)" % ",".join("?" * len(keys)),
            (digest, *keys.values())).fetchall()) if keys else {}
        missing = tuple(phrase for phrase in phrases if keys[phrase] not in stored)
        found = {phrase for phrase in phrases if stored.get(keys[phrase])}
        if missing:
            fresh = find(path, missing)
            found |= fresh
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?)",
                                    [(digest, keys[p], int(p in fresh)) for p in missing])
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return found

    def _rows(self, prefix: str) -> dict[str, tuple[Key, str, str | None]]:
        base = os.fsencode(prefix.rstrip(os.sep))
        low, high = base + os.fsencode(os.sep), base + bytes([ord(os.sep) + 1])
        rows = self.db.execute("SELECT path, size, mtime, ctime, inode, documents, hash FROM files "
                               "WHERE path >= ? AND path < ?", (low, high))
        return {os.fsdecode(path): ((size, mtime, ctime, inode), documents, digest)
                for path, size, mtime, ctime, inode, documents, digest in rows}

    def _by_content(self) -> dict[str, str]:
        """'hash/name' -> stored documents, for every file the cache holds (any root)."""
        rows = self.db.execute("SELECT hash, path, documents FROM files WHERE hash IS NOT NULL")
        return {_content_key(digest, os.fsdecode(path)): documents for digest, path, documents in rows}

    def _store(self, fresh: list) -> None:
        if not fresh:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                [(path, *row) for path, row in fresh])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _prune(self, prefix: str, seen: set[str], stored: dict) -> None:
        """Rows of files under this root that are gone (deleted, renamed, moved away)."""
        gone = [(os.fsencode(path),) for path in stored if path not in seen]
        if not gone:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany("DELETE FROM files WHERE path = ?", gone)
            self.db.execute("DELETE FROM mentions WHERE hash NOT IN (SELECT hash FROM files WHERE hash IS NOT NULL)")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.stats["pruned"] += len(gone)


def _key(absolute: str, root: str, linked: dict[str, bool]) -> Key | None:
    """The file's identity, or None when it must go through the full checks every time (a link,
    not a regular file, or under a linked folder: scan_file says why it is not read)."""
    try:
        info = os.lstat(absolute)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    parent = os.path.dirname(absolute)
    if parent not in linked:
        linked[parent] = _under_link(parent, root)
    if linked[parent]:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _under_link(folder: str, root: str) -> bool:
    current = folder
    while len(current) > len(root):
        if os.path.islink(current):
            return True
        current = os.path.dirname(current)
    return False


# --- the worker: read, hash, and parse only unknown contents ---------------------------------

def _init_known(known: frozenset[str]) -> Callable[[], None]:
    return _SetKnown(known)


class _SetKnown:
    """Pool initializer that gives a spawned worker the known hashes (forked ones inherit them)."""

    def __init__(self, known: frozenset[str]):
        self.known = known

    def __call__(self) -> None:
        global _KNOWN
        _KNOWN = self.known


def _phrase_key(phrase: str) -> str:
    """A phrase (case number, full name) as the cache keeps it: hashed, never in plain text."""
    normal = " ".join(phrase.casefold().split())
    return hashlib.blake2b(normal.encode(), digest_size=16).hexdigest()


def _content_key(digest: str | None, path: str) -> str:
    return f"{digest}/{os.path.basename(path)}"


def _read_one(task: tuple[str, str, str]) -> tuple[list | None, str | None]:
    """(documents, content hash) — documents None when a file of this name and content is known."""
    absolute, root, relative = task
    limits = Limits()
    data = _read_regular(absolute, limits)
    if data is None:  # refused, unreadable or too big: the normal scan says why
        return scan_file(Path(absolute), Path(root)), None
    digest = _HASH_PREFIX + hashlib.blake2b(data, digest_size=20).hexdigest()
    if _content_key(digest, absolute) in _KNOWN:
        return None, digest
    item = read_bytes_guarded(os.path.basename(absolute), data, limits)   # in a reader worker: under its limits
    return documents_from(item, relative), digest


def _read_regular(absolute: str, limits: Limits) -> bytes | None:
    """The bytes of a regular file, as readers.read_path opens it (never a pipe), else None."""
    try:
        if not stat.S_ISREG(os.lstat(absolute).st_mode):
            return None
        fd = os.open(absolute, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limits.max_file_bytes:
                return None
            return handle.read(limits.max_file_bytes + 1)
    except OSError:
        return None


# --- records <-> JSON -------------------------------------------------------------------------

def _encode_documents(documents: list[DossierDocument], relative: str) -> str:
    """The documents as JSON arrays (field order of DossierDocument), paths after `relative`."""
    rows = []
    for doc in documents:
        row = [getattr(doc, name) for name in _FIELDS]
        row[0] = doc.path[len(relative):] if doc.path.startswith(relative) else doc.path
        for index in _DATES:
            row[index] = row[index].isoformat() if row[index] else None
        row[_STATEMENTS] = [s.as_dict() for s in doc.statements]
        rows.append(row)
    return json.dumps(rows)  # ASCII with \u escapes: undecodable file names (surrogates) survive


def _decode_documents(data: str, relative: str) -> list[DossierDocument]:
    documents = []
    for row in json.loads(data):
        row[0] = relative + row[0]
        for index in _DATES:
            if row[index]:
                row[index] = dt.date.fromisoformat(row[index])
        row[_STATEMENTS] = tuple(Statement.from_dict(s) for s in row[_STATEMENTS])
        documents.append(DossierDocument(*row))
    return documents
