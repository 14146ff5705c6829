"""What a mailbox scan found per message, kept for the next scan: only new messages are read.

Per mailbox and folder: the folder's epoch (IMAP UIDVALIDITY; '' for a Maildir or a folder of
files; an mbox file's own version) and per message its version (a file's size, mtime, ctime
and inode, see folder.py; '' for an IMAP UID, which never changes within one UIDVALIDITY) with what the scan made of it (evidence, or nothing). On the
next scan a backend that can list its messages cheaply (`inventory`) gets only the new or
changed messages searched and fetched; the rest comes from here.

Never stale: a changed epoch (the server renumbered the folder), a changed case list, another
version of the scanner or a damaged file all mean a full scan; a message that is gone is
dropped. Backends that report changes instead (`changes`: Graph delta queries, EWS
SyncFolderItems) keep the server's sync cursor per folder here, written in the same
transaction as the folder's messages; a cursor the server no longer accepts means a full scan.
Stored: document types, dates, subjects and message ids — what the report shows anyway.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Callable

from plugin.errors import MailError

log = logging.getLogger(__name__)

SCHEMA = 3   # 2: evidence carries the statements a mail makes (recognize/statements.py); 3: sync cursors
BUSY_TIMEOUT = 120.0


@dataclasses.dataclass(frozen=True)
class Known:
    version: str
    sort_date: dt.date | None
    results: list          # [["evidence", {...MailEvidence}], ["unassigned", {...}]]


@dataclasses.dataclass(frozen=True)
class Changes:
    """What a backend's sync cursor says about a folder since the last scan.

    `complete`: the server listed every message (first scan, or its sync state was reset), so
    `changed` is the whole folder and nothing stored is trusted; otherwise `changed` holds the
    new and changed messages (id -> version) and `removed` the ids that are gone."""

    changed: dict[str, str]
    removed: frozenset[str]
    cursor: str
    complete: bool


def tag_cursor(owner: str, cursor: str) -> str:
    """A server's cursor with the mailbox folder it belongs to (`owner`: the account and the
    folder's server id), so a profile pointed at another mailbox, or a folder deleted and made
    again under the same name, never continues from a cursor that is not its own."""
    return f"{owner}\n{cursor}"


class SyncReset(Exception):
    """The server no longer accepts the stored cursor (Graph delta link, EWS sync state)."""


def resume_or_relist(server: str, name: str, owner: str, stored: str | None,
                     since: Callable[[str], "Changes"], whole: Callable[[], "Changes"]) -> "Changes":
    """The folder's changes since the stored cursor; without one, or when the server refuses
    it, the whole folder (tried twice: a reset can also come in the middle of a full listing)."""
    cursor = own_cursor(owner, stored)
    if cursor:
        try:
            return since(cursor)
        except SyncReset as reset:
            log.info("map %s: de server kent de synchronisatie niet meer (%s); de map wordt helemaal gelezen",
                     name, reset)
    problem: SyncReset | None = None
    for _ in range(2):
        try:
            return whole()
        except SyncReset as reset:
            problem = reset
    raise MailError(f"{server}: map '{name}' kan niet worden gelezen ({problem})")


def own_cursor(owner: str, stored: str | None) -> str | None:
    """The server's cursor from `tag_cursor` when it belongs to `owner`, else None (a full scan)."""
    if not stored:
        return None
    tag, _, cursor = stored.partition("\n")
    return cursor if tag == owner and cursor else None


def fingerprint() -> str:
    """The code whose output is stored: the mailbox scan, readers and classifier."""
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted([*root.joinpath("readers").glob("*.py"), *root.joinpath("recognize").glob("*.py"),
                        root / "mail" / "mailboxes" / "scan.py", Path(__file__)]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{SCHEMA}:{digest.hexdigest()}"


class MailState:
    """The per-message results of earlier scans, in a SQLite file (safe for concurrent scans)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:
            os.replace(self.path, self.path.with_name(f"{self.path.name}.beschadigd-{int(time.time())}"))
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            found = dict(db.execute("SELECT key, value FROM meta").fetchall())
            if found.get("fingerprint") != fingerprint():
                db.execute("DROP TABLE IF EXISTS messages")
                db.execute("DROP TABLE IF EXISTS scans")
                db.execute("DROP TABLE IF EXISTS cursors")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (fingerprint(),))
            db.execute("CREATE TABLE IF NOT EXISTS scans (mailbox TEXT PRIMARY KEY, cases TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS messages (mailbox TEXT, folder TEXT, epoch TEXT, id TEXT, "
                       "version TEXT, sort_date TEXT, results TEXT, PRIMARY KEY (mailbox, folder, id))")
            db.execute("CREATE TABLE IF NOT EXISTS cursors (mailbox TEXT, folder TEXT, epoch TEXT, cursor TEXT, "
                       "PRIMARY KEY (mailbox, folder))")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            db.close()
            raise
        return db

    def close(self) -> None:
        self.db.close()

    def begin(self, mailbox: str, cases_key: str) -> None:
        """Start a scan of `mailbox` for this case list; another case list forgets what was stored."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute("SELECT cases FROM scans WHERE mailbox = ?", (mailbox,)).fetchone()
            if row is None or row[0] != cases_key:
                self.db.execute("DELETE FROM messages WHERE mailbox = ?", (mailbox,))
                self.db.execute("DELETE FROM cursors WHERE mailbox = ?", (mailbox,))
                self.db.execute("INSERT OR REPLACE INTO scans VALUES (?, ?)", (mailbox, cases_key))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def known(self, mailbox: str, folder: str, epoch: str) -> dict[str, Known]:
        """The stored messages of a folder; nothing when its epoch changed (a full scan follows)."""
        rows = self.db.execute("SELECT id, version, sort_date, results, epoch FROM messages WHERE mailbox = ? AND "
                               "folder = ?", (mailbox, folder)).fetchall()
        return {msg_id: Known(version, dt.date.fromisoformat(sort_date) if sort_date else None,
                              json.loads(results) if results != "[]" else [])
                for msg_id, version, sort_date, results, stored_epoch in rows if stored_epoch == epoch}

    def cursor(self, mailbox: str, folder: str) -> tuple[str, str] | None:
        """(epoch, the server's sync cursor) of a folder, None when there is none."""
        row = self.db.execute("SELECT epoch, cursor FROM cursors WHERE mailbox = ? AND folder = ?",
                              (mailbox, folder)).fetchone()
        return (row[0], row[1]) if row else None

    def save_cursor(self, mailbox: str, folder: str, epoch: str, cursor: str) -> None:
        """A new cursor for a folder whose stored messages did not change."""
        self.db.execute("INSERT OR REPLACE INTO cursors VALUES (?, ?, ?, ?)", (mailbox, folder, epoch, cursor))

    def replace_folder(self, mailbox: str, folder: str, epoch: str, entries: dict[str, Known],
                       cursor: str | None = None) -> None:
        """The folder's messages as they are now (gone ones dropped), with its sync cursor if any,
        in one transaction: a cursor is never stored without the messages it has seen."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM cursors WHERE mailbox = ? AND folder = ?", (mailbox, folder))
            if cursor is not None:
                self.db.execute("INSERT INTO cursors VALUES (?, ?, ?, ?)", (mailbox, folder, epoch, cursor))
            self.db.execute("DELETE FROM messages WHERE mailbox = ? AND folder = ?", (mailbox, folder))
            self.db.executemany("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?)",
                                [(mailbox, folder, epoch, msg_id, known.version,
                                  known.sort_date.isoformat() if known.sort_date else None,
                                  json.dumps(known.results)) for msg_id, known in entries.items()])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise


def cases_key(keys) -> str:
    """A case list as a key: its ids, names and folders."""
    text = json.dumps(sorted([key.id, key.name, key.folder] for key in keys))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def open_mail_state(path: Path | None, disabled: bool = False):
    """The mailbox scan state next to the scan cache (`PATH-mail` for --cache PATH), or None: the
    mailboxes are then scanned in full."""
    if disabled:
        return None
    target = Path(f"{path}-mail") if path else _user_cache_dir() / "mailscan.sqlite"
    try:
        return MailState(target)
    except (OSError, sqlite3.Error):
        return None  # the mailboxes are then scanned in full


def _user_cache_dir() -> Path:
    from plugin.readers.convert import user_cache_dir

    return user_cache_dir()
