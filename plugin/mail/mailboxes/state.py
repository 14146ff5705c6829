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
Stored: ids, versions, dates, document types, and the text the report shows of a message
(its subject, attachment names, the short quotes of `why` and statements) only when the AVG
guard finds no medical word in it (with the term lists in use, which are part of the
fingerprint: another list, another state). A message whose text holds one is kept as "read
it again" (REREAD) without any of its text, so the next scan fetches it once more. What is
deleted is overwritten (secure_delete: an older state's subjects do not linger in free
pages); the file is private to the user (0600).

Not done (yet): "no text at all". Keeping only ids and hashes means reading every message
that is evidence again on every scan (its subject and quotes are the message's text), which
undoes the incremental re-scan for per-case mail folders; the guard above keeps medical words
out of the file instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import sqlite3
from pathlib import Path
from typing import Callable

from plugin.errors import MailError
from plugin.sqlite_store import NotOurs, Store

log = logging.getLogger(__name__)

SCHEMA = 4   # 2: evidence carries the statements a mail makes (recognize/statements.py); 3: sync cursors;
             # 4: no medical word in stored text (REREAD)


@dataclasses.dataclass(frozen=True)
class Known:
    version: str
    sort_date: dt.date | None
    results: list          # [["evidence", {...MailEvidence}], ["unassigned", {...}]], or REREAD when stored


# What a stored message whose text (subject, quotes, attachment names) holds a medical word comes
# back as: that text is not stored, so the scan reads the message again.
REREAD: list = [["reread", {}]]
_REREAD_JSON = '"reread"'



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
    from plugin.vocabulary import terms_folder

    # the term lists in use decide what text may be stored (_storable): another list, another state
    for data_file in sorted(terms_folder().glob("diagnose-termen*.toml")):
        digest.update(data_file.name.encode())
        digest.update(data_file.read_bytes())
    return f"{SCHEMA}:{digest.hexdigest()}"


def _setup(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA secure_delete = ON")   # what is deleted (an older version's subjects) is overwritten
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    found = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if found.get("fingerprint") != fingerprint():
        for table in ("messages", "scans", "cursors"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (fingerprint(),))
    db.execute("CREATE TABLE IF NOT EXISTS scans (mailbox TEXT PRIMARY KEY, cases TEXT)")
    db.execute("CREATE TABLE IF NOT EXISTS messages (mailbox TEXT, folder TEXT, epoch TEXT, id TEXT, "
               "version TEXT, sort_date TEXT, results TEXT, PRIMARY KEY (mailbox, folder, id))")
    db.execute("CREATE TABLE IF NOT EXISTS cursors (mailbox TEXT, folder TEXT, epoch TEXT, cursor TEXT, "
               "PRIMARY KEY (mailbox, folder))")


def _legacy(db: sqlite3.Connection) -> bool:
    """A mail state of an earlier version (before files carried our mark)."""
    try:
        return {key for key, in db.execute("SELECT key FROM meta")} == {"fingerprint"}
    except sqlite3.OperationalError:
        return False


class MailState:
    """The per-message results of earlier scans, in a SQLite file (safe for concurrent scans).

    Our own file only, mode 0600 (plugin/sqlite_store.py): damage is set aside and the state
    rebuilt (a full scan follows), a read-only file or a full disk means a scan without
    storing; `notes` says so once."""

    def __init__(self, path: Path, default: bool = False):
        self.path = Path(path)
        self.store = Store(self.path, "mailstatus", _setup, _legacy, default=default)

    @property
    def db(self) -> sqlite3.Connection:
        return self.store.db

    @property
    def notes(self) -> list[str]:
        return self.store.notes

    def close(self) -> None:
        self.db.close()

    def begin(self, mailbox: str, cases_key: str) -> None:
        """Start a scan of `mailbox` for this case list; another case list forgets what was stored."""
        def start(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT cases FROM scans WHERE mailbox = ?", (mailbox,)).fetchone()
            if row is None or row[0] != cases_key:
                db.execute("DELETE FROM messages WHERE mailbox = ?", (mailbox,))
                db.execute("DELETE FROM cursors WHERE mailbox = ?", (mailbox,))
                db.execute("INSERT OR REPLACE INTO scans VALUES (?, ?)", (mailbox, cases_key))
        if not self.store.write(start):   # not written: nothing stored may be trusted for this case list
            self._forget = True

    def known(self, mailbox: str, folder: str, epoch: str) -> dict[str, Known]:
        """The stored messages of a folder; nothing when its epoch changed (a full scan follows)."""
        if getattr(self, "_forget", False):
            return {}
        rows = self.store.read(lambda db: db.execute("SELECT id, version, sort_date, results, epoch FROM messages "
                                                     "WHERE mailbox = ? AND folder = ?", (mailbox, folder)).fetchall(),
                               [])
        return {msg_id: Known(version, dt.date.fromisoformat(sort_date) if sort_date else None,
                              REREAD if results == _REREAD_JSON else json.loads(results) if results != "[]" else [])
                for msg_id, version, sort_date, results, stored_epoch in rows if stored_epoch == epoch}

    def cursor(self, mailbox: str, folder: str) -> tuple[str, str] | None:
        """(epoch, the server's sync cursor) of a folder, None when there is none."""
        if getattr(self, "_forget", False):
            return None
        row = self.store.read(lambda db: db.execute("SELECT epoch, cursor FROM cursors WHERE mailbox = ? AND "
                                                    "folder = ?", (mailbox, folder)).fetchone(), None)
        return (row[0], row[1]) if row else None

    def save_cursor(self, mailbox: str, folder: str, epoch: str, cursor: str) -> None:
        """A new cursor for a folder whose stored messages did not change."""
        self.store.write(lambda db: db.execute("INSERT OR REPLACE INTO cursors VALUES (?, ?, ?, ?)",
                                               (mailbox, folder, epoch, cursor)))

    def replace_folder(self, mailbox: str, folder: str, epoch: str, entries: dict[str, Known],
                       cursor: str | None = None) -> None:
        """The folder's messages as they are now (gone ones dropped), with its sync cursor if any,
        in one transaction: a cursor is never stored without the messages it has seen."""
        def replace(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM cursors WHERE mailbox = ? AND folder = ?", (mailbox, folder))
            if cursor is not None:
                db.execute("INSERT INTO cursors VALUES (?, ?, ?, ?)", (mailbox, folder, epoch, cursor))
            db.execute("DELETE FROM messages WHERE mailbox = ? AND folder = ?", (mailbox, folder))
            db.executemany("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [(mailbox, folder, epoch, msg_id, known.version,
                             known.sort_date.isoformat() if known.sort_date else None,
                             _storable(known.results)) for msg_id, known in entries.items()])
        self.store.write(replace)


def _storable(results: list) -> str:
    """The results as stored: JSON, or REREAD when any text in them holds a medical word."""
    if results is REREAD:
        return _REREAD_JSON
    text = json.dumps(results, ensure_ascii=False)
    if results and _medical(_texts(results)):
        return _REREAD_JSON
    return text


def _texts(value) -> str:
    """Every string in the results (keys aside), one a line."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(_texts(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return "\n".join(_texts(item) for item in value)
    return ""


def _medical(text: str) -> bool:
    from plugin.core.privacy import find_terms

    return bool(find_terms(text, limit=1))


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
        return MailState(target, default=path is None)
    except NotOurs:
        raise
    except (OSError, sqlite3.Error):
        return None  # the mailboxes are then scanned in full


def _user_cache_dir() -> Path:
    from plugin.readers.convert import user_cache_dir

    return user_cache_dir()
