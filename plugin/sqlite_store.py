"""Poortwachter's own SQLite files (the scan cache, the mail state): open, migrate, recover.

One place decides what such a file may do to the user's disk:
- **Only our own files.** Each carries Poortwachter's mark in its header (PRAGMA
  application_id). A path that holds anything else (the workbook given as `--cache` by mistake,
  another program's database) is refused with a clear error: never opened for writing, never
  moved, renamed or changed. A file of an earlier version (no mark yet) counts as ours when its
  `meta` table says so, and gets the mark.
- **Private.** Created with mode 0600 (SQLite gives its journal the same mode); an older file
  of ours with a wider mode is narrowed.
- **Damaged: set aside, rebuilt, said once.** A file of ours whose pages are broken is renamed
  to `NAME.beschadigd-<time>` (kept for whoever wants to look) and a new one is made, at
  opening or when a read finds the damage halfway; the note says so once.
- **Read-only or disk full: the run goes on without writing, said once.** What the file holds
  is still used where it can be read.

The file's tables and their migration belong to its owner (`setup`, run in one write
transaction). The mail-out ledger is an audit trail and is never set aside: it shares only
`private_file` and `transaction`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from plugin.errors import UsageError

APPLICATION_ID = 0x50575452      # "PWTR": this SQLite file is Poortwachter's
BUSY_TIMEOUT = 120.0             # seconds to wait for another run holding the write lock
_MAGIC = b"SQLite format 3\x00"
_CORRUPT = {11, 26}              # SQLITE_CORRUPT, SQLITE_NOTADB
_CANNOT_WRITE = {3, 8, 10, 13, 14}   # SQLITE_PERM, READONLY, IOERR, FULL, CANTOPEN
_FULL = 13
T = TypeVar("T")


class NotOurs(UsageError):
    """The path holds a file that is not one of Poortwachter's own databases."""


def primary_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(error: BaseException) -> bool:
    return isinstance(error, sqlite3.DatabaseError) and (
        primary_code(error) in _CORRUPT or "malformed" in str(error) or "not a database" in str(error))


def cannot_write(error: BaseException) -> bool:
    return isinstance(error, PermissionError) or (isinstance(error, OSError) and error.errno in (28, 30)) or (
        isinstance(error, sqlite3.OperationalError) and primary_code(error) in _CANNOT_WRITE)


def header_kind(path: Path) -> str:
    """'new' (absent or empty), 'ours' (our mark), 'unmarked' (SQLite without any mark) or 'foreign'."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except FileNotFoundError:
        return "new"
    except IsADirectoryError:
        return "foreign"
    if not head:
        return "new"
    if not head.startswith(_MAGIC) or len(head) < 72:
        return "foreign"
    mark = int.from_bytes(head[68:72], "big")
    return "ours" if mark == APPLICATION_ID else "unmarked" if mark == 0 else "foreign"


def private_file(path: Path, make_folders: bool = True) -> None:
    """Create the file empty with mode 0600 when it is not there (its folder 0700 when new)."""
    if make_folders:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600))


def narrow(path: Path) -> None:
    """A file of ours made by an earlier version with a wider mode: 0600 now."""
    with contextlib.suppress(OSError):
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT: the write lock up front, all or nothing."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class Store:
    """One of our SQLite files, opened for a run.

    `what`: its name in the user's words ("scancache"); `setup(db)`: create or migrate the
    tables (in a write transaction; it may drop what another version wrote); `legacy(db)`: does
    an unmarked file hold our tables (an earlier version's file)? `default`: the file is at our
    own default location, where nothing else writes (an unreadable header there is damage,
    not someone else's file)."""

    def __init__(self, path: Path, what: str, setup: Callable[[sqlite3.Connection], None],
                 legacy: Callable[[sqlite3.Connection], bool], default: bool = False):
        self.path = Path(path)
        self.what = what
        self.setup = setup
        self.legacy = legacy
        self.default = default
        self.notes: list[str] = []      # each said once: set aside, read-only, disk full
        self.writable = True
        self.db = self._connect()

    # --- opening ---------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        kind = header_kind(self.path)
        if kind == "foreign" and not self.default:
            raise self._not_ours()
        if kind == "foreign":
            self._set_aside("onleesbaar")
            kind = "new"
        try:
            private_file(self.path)
        except OSError as error:
            if kind == "new" or not cannot_write(error):
                raise
        try:
            db = self._open(kind)
            narrow(self.path)
            return db
        except NotOurs:
            raise
        except sqlite3.DatabaseError as error:
            if is_damage(error) and (kind == "ours" or self.default):
                self._set_aside("beschadigd")
                private_file(self.path)
                return self._open("new")
            if cannot_write(error) and kind != "new":
                return self._open_read_only(error)
            raise

    def _open(self, kind: str) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = %d" % int(BUSY_TIMEOUT * 1000))
            if kind == "unmarked" and not self._is_legacy(db):
                raise self._not_ours()
            with transaction(db):
                self.setup(db)
                if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except BaseException:
            db.close()
            raise
        return db

    def _is_legacy(self, db: sqlite3.Connection) -> bool:
        try:
            return bool(self.legacy(db))
        except sqlite3.DatabaseError as error:
            if is_damage(error) and self.default:
                raise
            return False

    def _open_read_only(self, error: BaseException) -> sqlite3.Connection:
        """What the file holds, without writing; empty when it holds another version's answers."""
        self._cannot_write(error)
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT,
                             isolation_level=None)
        try:
            if db.execute("PRAGMA application_id").fetchone()[0] not in (0, APPLICATION_ID):
                raise self._not_ours()
            db.execute("BEGIN")
            try:
                self.setup(db)        # writes nothing when the file is of this version
            finally:
                db.execute("ROLLBACK")
            return db
        except sqlite3.DatabaseError as failure:
            db.close()
            if not (cannot_write(failure) or is_damage(failure)):
                raise
        memory = sqlite3.connect(":memory:", isolation_level=None)
        with transaction(memory):
            self.setup(memory)
        return memory

    def _not_ours(self) -> NotOurs:
        return NotOurs(f"{self.path} is geen {self.what} van Poortwachter; het bestand is niet aangeraakt. "
                       f"Kies een ander bestand (bv. --cache met een nieuwe naam) of laat de optie weg.")

    def _set_aside(self, why: str) -> None:
        aside = self.path.with_name(f"{self.path.name}.{why}-{time.strftime('%Y%m%d-%H%M%S')}")
        for suffix in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()
        try:
            os.replace(self.path, aside)
            self._say(f"Let op: {self.what} {self.path} was {why} en is opzij gezet als {aside.name}; "
                      f"er is een nieuwe gemaakt.")
        except OSError:
            self.path.unlink(missing_ok=True)
            self._say(f"Let op: {self.what} {self.path} was {why} en is vervangen door een nieuwe.")

    def _say(self, note: str) -> None:
        if note not in self.notes:
            self.notes.append(note)

    def _cannot_write(self, error: BaseException) -> None:
        self.writable = False
        why = "de schijf is vol" if primary_code(error) == _FULL or getattr(error, "errno", None) == 28 \
            else "het bestand of de map is alleen-lezen"
        self._say(f"Let op: {self.what} {self.path} kan niet worden bijgewerkt ({why}); de controle gaat door "
                  f"zonder op te slaan.")

    # --- use -------------------------------------------------------------------------------
    def read(self, query: Callable[[sqlite3.Connection], T], otherwise: T) -> T:
        """query(db), or `otherwise` when the file turns out damaged (it is then set aside and rebuilt)."""
        try:
            return query(self.db)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            self._rebuild()
            return otherwise

    def write(self, change: Callable[[sqlite3.Connection], None]) -> bool:
        """change(db) in one write transaction; False (and nothing written) when the file cannot be
        written (read-only, disk full: said once, no later writes tried) or was found damaged."""
        if not self.writable:
            return False
        try:
            with transaction(self.db):
                change(self.db)
            return True
        except (sqlite3.DatabaseError, OSError) as error:
            if is_damage(error):
                self._rebuild()
                return False
            if cannot_write(error):
                self._cannot_write(error)
                return False
            raise

    def _rebuild(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        self._set_aside("beschadigd")
        try:
            private_file(self.path)
            self.db = self._open("new")
        except (OSError, sqlite3.Error) as error:
            self.db = sqlite3.connect(":memory:")
            with transaction(self.db):
                self.setup(self.db)
            self._cannot_write(error)

    def close(self) -> None:
        self.db.close()
