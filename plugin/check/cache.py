"""The scan cache: a re-check of an unchanged dossier tree opens no file.

A SQLite file (mode 0600; default: the user's cache folder; `check --cache PATH` to share
one, `--no-cache` for a cold run) holds, per file, its classified documents keyed by path, size, mtime, ctime
and inode, with a hash (BLAKE2b) of its content, so a file that was moved or copied (same
name, same bytes: a dossier folder renamed or archived) is read (hashed) but not parsed or
OCR'd again.

Never stale:
- any change to a file (touch, edit, same-size replace, even with its old mtime put back)
  changes its ctime or inode, so the key no longer matches and the file is read again;
- a moved file is a new path: its bytes are hashed and, when a file of the same name had the
  same bytes (up to KNOWN_PER_NAME contents per name), its documents are reused there; a
  renamed file is read again (its name is evidence of its type, and no text is kept to
  classify it again);
- a deleted file is not listed, so it is not served; its row is pruned when its folder is
  listed whole (a call prunes only within the folders it listed: a case page reading one
  folder leaves the rows of every other folder alone, so the app's case pages and its check
  keep the cache warm for each other);
- a cache written by another version of the readers, classifier or limits (a fingerprint of
  their source, the OCR and LibreOffice availability) is dropped and rebuilt, not trusted;
- two checks on one cache: SQLite's locking serialises the writes (busy timeout); a run
  commits what it read every COMMIT_EVERY files, so a killed run keeps its progress;
- only our own file is used (plugin/sqlite_store.py): a damaged one is set aside and rebuilt,
  a read-only one or a full disk means a run without storing (said once in `notes`), and a
  path holding anything else (the workbook, by mistake) is refused and left untouched;
- a result that is only true for this run (a timeout, a failed OCR: `transient`) is not stored.

Rows are read per case folder (a range query on the path), never the whole table: memory does
not grow with the cache. A moved file is found by its name (an index) and its hash.
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
import sys
from pathlib import Path
from typing import Callable, Iterable

from plugin.check.scan import DossierDocument, documents_from, scan_file
from plugin.readers import Limits
from plugin.readers.guarded import read_bytes_guarded
from plugin.readers.convert import soffice, user_cache_dir
from plugin.sqlite_store import NotOurs, Store

SCHEMA = 7                # 5: documents carry their statements; 6: table mentions (check/folders.py); 7: name
_HASH_PREFIX = "b2:"
_FIELDS = [f.name for f in dataclasses.fields(DossierDocument)]   # stored as arrays in this order
_DATES = [i for i, name in enumerate(_FIELDS) if name in ("date", "first_sick_day")]
_STATEMENTS = _FIELDS.index("statements")
_loads = json.JSONDecoder().decode   # short quotes without medical words (statements.quote)
assert _FIELDS[0] == "path"
_FS_CODEC = (sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
COMMIT_EVERY = 256       # files read per committed batch: a killed run keeps what it read
_LANGUAGES_NOTE = "tesseract"   # a key of meta beside schema and fingerprint
KNOWN_PER_NAME = 64      # contents looked for per file name (a moved folder; more: parsed again)

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
    """(the cache, or None; a warning when it could not be opened: the check then reads everything).

    A path that holds something else than a scan cache (the workbook, by mistake) raises
    sqlite_store.NotOurs: the user named it, so it is an error, and the file is not touched."""
    if disabled:
        return None, None
    try:
        return ScanCache(path), None
    except NotOurs:
        raise
    except (OSError, sqlite3.Error) as error:
        where = path or default_path()
        return None, f"Let op: scancache {where} niet te gebruiken ({error}); alles wordt opnieuw gelezen."


def _setup(db: sqlite3.Connection) -> None:
    from plugin.readers import ocr

    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    found = dict(db.execute("SELECT key, value FROM meta").fetchall())
    kept = found.pop(_LANGUAGES_NOTE, None)   # Tesseract's languages, noted (readers/ocr.py): not asked again
    try:
        ocr.remember_languages(json.loads(kept) if kept else None)
    except ValueError:
        ocr.remember_languages(None)
    wanted = {"schema": str(SCHEMA), "fingerprint": fingerprint()}
    if found != wanted:  # another version wrote it: rebuild, never trust
        for table in ("files", "contents", "mentions"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("DELETE FROM meta")
        db.executemany("INSERT INTO meta VALUES (?, ?)", wanted.items())
    note = ocr.languages_note()
    if note is not None and json.dumps(note) != kept:
        try:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_LANGUAGES_NOTE, json.dumps(note)))
        except sqlite3.OperationalError:   # a read-only cache: still used, Tesseract asked each time
            pass
    # path: the file's name as the OS gives it (bytes: names need not be valid UTF-8); name: its
    # last part, to find the same bytes under the same name elsewhere (a moved folder)
    db.execute("CREATE TABLE IF NOT EXISTS files (path BLOB PRIMARY KEY, size INTEGER, mtime INTEGER, "
               "ctime INTEGER, inode INTEGER, relative TEXT, hash TEXT, documents TEXT, name BLOB)")
    db.execute("CREATE INDEX IF NOT EXISTS files_name ON files (name)")
    db.execute("CREATE INDEX IF NOT EXISTS files_hash ON files (hash)")
    db.execute("CREATE TABLE IF NOT EXISTS mentions (hash TEXT, phrase TEXT, found INTEGER, "
               "PRIMARY KEY (hash, phrase))")
    # per dossiers root, a hash of its folder names at the last whole check: unchanged, nothing to prune
    db.execute("CREATE TABLE IF NOT EXISTS roots (root BLOB PRIMARY KEY, folders TEXT)")


def _legacy(db: sqlite3.Connection) -> bool:
    """A scan cache of an earlier version (before files carried our mark)."""
    try:
        keys = {key for key, in db.execute("SELECT key FROM meta")}
    except sqlite3.OperationalError:
        return False
    return keys == {"schema", "fingerprint"}


class ScanCache:
    """Open (or create) a cache file; use `scan` in place of scan.scan_files, then `close`.

    Robust (sqlite_store.Store): only a file of ours is used, mode 0600; damage is set aside and
    the cache rebuilt; read-only or a full disk means a run without storing. `notes` says so."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        self.stats = {"cached": 0, "same_content": 0, "read": 0, "pruned": 0}
        self.store = Store(self.path, "scancache", _setup, _legacy, default=path is None)

    @property
    def notes(self) -> list[str]:
        return self.store.notes

    @property
    def db(self) -> sqlite3.Connection:
        return self.store.db

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "ScanCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the scan ---------------------------------------------------------------------------
    def scan(self, files: list[Path], root: Path, mapper: Callable[[Callable, list, Callable | None], Iterable],
             listed: Iterable[Path] | None = None) -> list[DossierDocument]:
        """scan_files with the cache: unchanged files come from it, the rest is read by `mapper`
        (scan.py's parallel map) and stored, in batches (a killed run keeps what it read).
        Results keep the order of `files`.

        Scoped: only the rows of the folders these files lie in are read, and only within
        `listed` (folders whose every file is in `files`) are rows of files that are gone
        pruned; a case page that reads one folder leaves every other folder's rows alone."""
        prefix = os.path.abspath(root)
        root_text = os.fspath(root)
        cut = len(root_text) + 1
        sep = os.sep
        same_root = prefix == root_text   # root given absolute and normal: a file's path is its absolute path
        results: list[list[DossierDocument] | None] = [None] * len(files)
        work: list[tuple[int, str, str, Key | None]] = []
        linked: dict[str, bool] = {}
        stored: dict[str, tuple] = {}
        folders_read: set[str] = set()
        seen: set[str] = set()
        lstat, is_regular, documents_of = os.lstat, stat.S_ISREG, _documents_of
        hits: list[tuple[int, str, str]] = []   # (index, relative, the stored documents' JSON)
        for index, path in enumerate(files):
            text = os.fspath(path)   # string work: pathlib costs more than the rest of a re-check
            if text.startswith(root_text) and text[cut - 1:cut] == sep:
                native = text[cut:]
                absolute = text if same_root else prefix + sep + native
                relative = native if sep == "/" else native.replace(sep, "/")
            else:
                absolute = os.path.abspath(path)
                relative = Path(path).relative_to(root).as_posix()
            slash = relative.find("/")
            folder = relative[:slash] if slash >= 0 else relative
            if folder not in folders_read:   # rows of this case folder, in one range query
                folders_read.add(folder)
                stored.update(self._rows(prefix + sep + folder if slash >= 0 else absolute))
            seen.add(absolute)
            # the file's identity (_key, inlined: this loop runs once per file of a re-check)
            try:
                info = lstat(absolute)
            except OSError:
                key = None
            else:
                key = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) \
                    if is_regular(info.st_mode) else None
                if key is not None:
                    parent = absolute[:absolute.rfind(sep)]
                    under = linked.get(parent)
                    if under is None:
                        under = linked[parent] = _under_link(parent, prefix)
                    if under:
                        key = None
            row = stored.get(absolute)
            if key is not None and row is not None and row[0] == key:
                hits.append((index, relative, row[1]))
            else:
                work.append((index, absolute, relative, key))
        if hits:   # one JSON parse for all cached files of the call, not one per file
            for (index, relative, _), rows in zip(hits, _loads("[" + ",".join(data for _, _, data in hits) + "]")):
                results[index] = documents_of(rows, relative)
        self.stats["cached"] += len(hits)
        if work:
            self._read(work, root, mapper, results)
        if listed is not None:
            self._prune([os.path.abspath(folder) for folder in listed], seen, stored)
        return [doc for docs in results for doc in docs or ()]

    def _read(self, work: list[tuple[int, str, str, Key | None]], root: Path, mapper, results: list) -> None:
        """Read the changed files (only hashed when the same bytes are known under the same name
        elsewhere) and store them, committed every COMMIT_EVERY files."""
        tasks = [(absolute, str(root), relative, self._known_hashes(absolute)) for _, absolute, relative, _ in work]
        fresh: list[tuple] = []
        for (index, absolute, relative, key), (documents, digest) in zip(work, mapper(_read_one, tasks, None)):
            if documents is None:  # the same bytes under the same name elsewhere: its documents, here
                documents = _decode_documents(self._by_content(digest, absolute), relative)
                self.stats["same_content"] += 1
            else:
                self.stats["read"] += 1
            results[index] = documents
            if key is not None and not any(getattr(doc, "transient", False) for doc in documents):
                fresh.append((os.fsencode(absolute), *key, json.dumps(relative), digest,
                              _encode_documents(documents, relative), _name(absolute)))
            if len(fresh) >= COMMIT_EVERY:
                self._store(fresh)
                fresh = []
        self._store(fresh)

    def mentions(self, path: Path, phrases: tuple[str, ...],
                 find: Callable[[Path, tuple[str, ...]], set[str]]) -> set[str]:
        """`find(path, phrases)` with its answer kept per content hash and phrase hash: a file
        whose row (path, size, mtime, ctime, inode) is current and hashed is not opened again."""
        absolute = os.path.abspath(path)
        row = self.store.read(lambda db: db.execute("SELECT size, mtime, ctime, inode, hash FROM files "
                                                    "WHERE path = ?", (os.fsencode(absolute),)).fetchone(), None)
        key = _key(absolute, os.path.dirname(absolute), {})
        if row is None or row[4] is None or key is None or tuple(row[:4]) != key:
            return find(path, phrases)  # not (or no longer) known as these bytes: no stored answer
        digest = row[4]
        keys = {phrase: _phrase_key(phrase) for phrase in phrases}
        stored = dict(self.store.read(lambda db: db.execute(
            "SELECT phrase, found FROM mentions WHERE hash = ? AND phrase IN (%s)" % ",".join("?" * len(keys)),
            (digest, *keys.values())).fetchall(), [])) if keys else {}
        missing = tuple(phrase for phrase in phrases if keys[phrase] not in stored)
        found = {phrase for phrase in phrases if stored.get(keys[phrase])}
        if missing:
            fresh = find(path, missing)
            found |= fresh
            self.store.write(lambda db: db.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?)",
                                                       [(digest, keys[p], int(p in fresh)) for p in missing]))
        return found

    def prune_root(self, root: Path, folders: Iterable[Path]) -> None:
        """Forget the rows under root outside these folders (its whole listing): a folder that was
        deleted, renamed or moved away. Walks the keys only, not the documents."""
        prefix = os.path.abspath(root)
        keep = {os.fsencode(os.path.basename(os.path.abspath(folder))) for folder in folders}
        names = hashlib.blake2b(b"\0".join(sorted(keep)), digest_size=16).hexdigest()
        base = os.fsencode(prefix.rstrip(os.sep)) + os.fsencode(os.sep)
        row = self.store.read(lambda db: db.execute("SELECT folders FROM roots WHERE root = ?", (base,)).fetchone(),
                              None)
        if row is not None and row[0] == names:   # the same folders as at the last whole check
            return
        high = base[:-1] + bytes([ord(os.sep) + 1])
        start, separator = len(base), os.fsencode(os.sep)
        gone = self.store.read(lambda db: [  # iterated, not fetched whole: memory does not grow with the cache
            (path, digest) for path, digest in db.execute("SELECT path, hash FROM files WHERE path >= ? AND path < ?",
                                                          (base, high))
            if path[start:].split(separator, 1)[0] not in keep], [])
        if not gone:
            self.store.write(lambda db: db.execute("INSERT OR REPLACE INTO roots VALUES (?, ?)", (base, names)))
            return

        def prune(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM files WHERE path = ?", [(path,) for path, _ in gone])
            db.executemany("DELETE FROM mentions WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM files WHERE hash = ?)",
                           [(digest, digest) for digest in {d for _, d in gone if d}])
            db.execute("INSERT OR REPLACE INTO roots VALUES (?, ?)", (base, names))
        if self.store.write(prune):
            self.stats["pruned"] += len(gone)

    def _rows(self, under: str) -> dict[str, tuple[Key, str, str | None]]:
        """The rows of one file, or of every file under a folder (one range query on the key)."""
        base = os.fsencode(under.rstrip(os.sep))
        low, high = base + os.fsencode(os.sep), base + bytes([ord(os.sep) + 1])
        rows = self.store.read(lambda db: db.execute(
            "SELECT path, size, mtime, ctime, inode, documents, hash FROM files "
            "WHERE path = ? OR (path >= ? AND path < ?)", (base, low, high)).fetchall(), [])
        encoding, errors = _FS_CODEC   # os.fsdecode, without its per-call checks
        return {path.decode(encoding, errors): ((size, mtime, ctime, inode), documents, digest)
                for path, size, mtime, ctime, inode, documents, digest in rows}

    def _known_hashes(self, absolute: str) -> frozenset[str]:
        """The content hashes stored for files of this name (at most KNOWN_PER_NAME, the newest)."""
        rows = self.store.read(lambda db: db.execute(
            "SELECT DISTINCT hash FROM files WHERE name = ? AND hash IS NOT NULL ORDER BY rowid DESC LIMIT ?",
            (_name(absolute), KNOWN_PER_NAME)).fetchall(), [])
        return frozenset(digest for digest, in rows)

    def _by_content(self, digest: str, absolute: str) -> str:
        row = self.store.read(lambda db: db.execute(
            "SELECT documents FROM files WHERE name = ? AND hash = ? LIMIT 1", (_name(absolute), digest)).fetchone(),
            None)
        return row[0] if row else "[]"

    def _store(self, fresh: list) -> None:
        if fresh:
            self.store.write(lambda db: db.executemany(
                "INSERT OR REPLACE INTO files (path, size, mtime, ctime, inode, relative, hash, documents, name) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", fresh))

    def _prune(self, folders: list[str], seen: set[str], stored: dict) -> None:
        """Rows of files that are gone (deleted, renamed, moved away) from these folders."""
        inside = tuple(folder.rstrip(os.sep) + os.sep for folder in folders)
        gone = [(os.fsencode(path),) for path in stored if path not in seen and path.startswith(inside)]
        if not gone:
            return

        gone_paths = {os.fsdecode(path) for path, in gone}
        hashes = {stored[path][2] for path in gone_paths if stored[path][2]}

        def prune(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM files WHERE path = ?", gone)
            db.executemany("DELETE FROM mentions WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM files WHERE hash = ?)",
                           [(digest, digest) for digest in hashes])
        if self.store.write(prune):
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
    parent = absolute[:absolute.rfind(os.sep)]
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

def _name(absolute: str) -> bytes:
    return os.fsencode(os.path.basename(absolute))


def _phrase_key(phrase: str) -> str:
    """A phrase (case number, full name) as the cache keeps it: hashed, never in plain text."""
    normal = " ".join(phrase.casefold().split())
    return hashlib.blake2b(normal.encode(), digest_size=16).hexdigest()


def _read_one(task: tuple[str, str, str, frozenset[str]]) -> tuple[list | None, str | None]:
    """(documents, content hash) — documents None when a file of this name and content is known
    (its hash is among `known`, those of the files of the same name the cache holds)."""
    absolute, root, relative, known = task
    limits = Limits()
    data = _read_regular(absolute, limits)
    if data is None:  # refused, unreadable or too big: the normal scan says why
        return scan_file(Path(absolute), Path(root)), None
    digest = _HASH_PREFIX + hashlib.blake2b(data, digest_size=20).hexdigest()
    if digest in known:
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
    return _documents_of(_loads(data), relative)


def _documents_of(rows: list[list], relative: str) -> list[DossierDocument]:
    """The stored rows (parsed JSON) of one file as its documents, paths under `relative`."""
    documents = []
    width = len(_FIELDS)
    new = object.__new__
    day, when = _DATES
    dates = _DATE_MEMO
    for row in rows:
        row[0] = relative + row[0]
        for index in (day, when):
            text = row[index]
            if text:
                value = dates.get(text)
                if value is None:
                    if len(dates) > 4096:
                        dates.clear()
                    value = dates[text] = dt.date.fromisoformat(text)
                row[index] = value
        if row[_STATEMENTS]:
            from plugin.recognize.statement import Statement

            row[_STATEMENTS] = tuple(Statement.from_dict(s) for s in row[_STATEMENTS])
        else:
            row[_STATEMENTS] = ()
        if len(row) != width:   # a row of another shape (never from this SCHEMA): the checked way
            documents.append(DossierDocument(*row))
            continue
        # the fields set directly: a frozen dataclass's __init__ costs a re-check of 40,000 files
        # a tenth of a second (DossierDocument has no __post_init__ and no slots)
        document = new(DossierDocument)
        document.__dict__.update(zip(_FIELDS, row))
        documents.append(document)
    return documents


_DATE_MEMO: dict[str, dt.date] = {}   # a stored date's text -> the date: a dossier tree has few distinct days
