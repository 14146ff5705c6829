"""The mail-out ledger: one SQLite row per case, month and lane, written before and after sending.

The deadline signals (plugin.signals) keep the same kind of ledger in their own file: there a
row's `case_id` is the casemanager's address and its `month` the ISO week (2026-W48).

States: planned -> sending -> sent | failed | refused | unknown.

* The row (with a Message-ID made once and kept) is committed as 'planned' before a
  message is built, and as 'sending' before the network call; the outcome is committed
  right after it. A crash therefore leaves at most one row per run in 'sending'.
* 'failed' and 'refused' are tried again on the next run; 'sent' never; 'unknown' (the
  transport may or may not have delivered it) only with --resend-unknown.
* A message sent again on purpose (the signals' --again) is `reopen`ed: its row goes back
  to 'planned' with a new Message-ID, and the events keep the earlier send.
* Lanes keep the review outbox apart from real sending: writing an .eml for review does
  not count as having mailed the employer.

Every state change is also appended to `events`, an audit trail that is never rewritten.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from plugin.errors import MailError
from plugin.sqlite_store import private_file, transaction

RETRYABLE = ("planned", "failed", "refused")
SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    case_id TEXT NOT NULL, month TEXT NOT NULL, lane TEXT NOT NULL,
    state TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE, recipient TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '', attachments TEXT NOT NULL DEFAULT '', transport TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0, detail TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL, updated TEXT NOT NULL, sent_at TEXT,
    PRIMARY KEY (case_id, month, lane));
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, month TEXT NOT NULL, lane TEXT NOT NULL,
    state TEXT NOT NULL, at TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
"""


@dataclass(frozen=True)
class Entry:
    case_id: str
    month: str
    lane: str
    state: str
    message_id: str
    recipient: str
    subject: str
    attachments: str
    transport: str
    attempts: int
    detail: str
    sent_at: str | None


def default_path(workbook: Path) -> Path:
    """<workbook stem>.mailout.sqlite next to the workbook."""
    return workbook.with_name(f"{workbook.stem}.mailout.sqlite")


def new_message_id(case_id: str, month: str, domain: str) -> str:
    token = "".join(ch if ch.isalnum() else "-" for ch in case_id)
    return f"<pw.{month}.{token[:40]}.{uuid.uuid4().hex[:20]}@{domain or 'poortwachter.invalid'}>"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Ledger:
    """Read-only when `readonly` (dry runs): then nothing is created or changed on disk."""

    def __init__(self, path: Path, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        try:
            if readonly:
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True) \
                    if self.path.exists() else sqlite3.connect(":memory:")
            else:
                private_file(self.path, make_folders=False)   # who was mailed what: private (0600), like the caches
                self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=FULL")
            if not readonly or not self.path.exists():
                self._db.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise MailError(f"logboek {self.path} is niet te openen: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def get(self, case_id: str, month: str, lane: str) -> Entry | None:
        row = self._db.execute(
            "SELECT case_id, month, lane, state, message_id, recipient, subject, attachments, transport, attempts,"
            " detail, sent_at FROM messages WHERE case_id=? AND month=? AND lane=?", (case_id, month, lane)).fetchone()
        return Entry(*row) if row else None

    def entries(self, month: str | None = None) -> list[Entry]:
        query = ("SELECT case_id, month, lane, state, message_id, recipient, subject, attachments, transport, attempts,"
                 " detail, sent_at FROM messages" + (" WHERE month=?" if month else "")
                 + " ORDER BY month, case_id, lane")
        return [Entry(*row) for row in self._db.execute(query, (month,) if month else ())]

    def events(self, case_id: str, month: str) -> list[tuple[str, str, str]]:
        return list(self._db.execute("SELECT lane, state, detail FROM events WHERE case_id=? AND month=? ORDER BY id",
                                     (case_id, month)))

    def plan(self, case_id: str, month: str, lane: str, recipient: str, domain: str) -> Entry:
        """The row for this message, created as 'planned' with a new Message-ID if it is not there yet.

        An unsent row follows the workbook (a corrected address); the Message-ID never changes.
        """
        self._write()
        with self._transaction():
            entry = self.get(case_id, month, lane)
            if entry is None:
                now = _now()
                self._db.execute("INSERT INTO messages (case_id, month, lane, state, message_id, recipient, created,"
                                 " updated) VALUES (?, ?, ?, 'planned', ?, ?, ?, ?)",
                                 (case_id, month, lane, new_message_id(case_id, month, domain), recipient, now, now))
                self._event(case_id, month, lane, "planned", recipient)
            elif entry.state in RETRYABLE and entry.recipient != recipient:
                self._db.execute("UPDATE messages SET recipient=?, updated=? WHERE case_id=? AND month=? AND lane=?",
                                 (recipient, _now(), case_id, month, lane))
                self._event(case_id, month, lane, entry.state, f"ontvanger gewijzigd in {recipient}")
        return self.get(case_id, month, lane)

    def claim(self, entry: Entry, subject: str, attachments: str, transport: str, allow_unknown: bool = False) -> bool:
        """planned/failed/refused (or unknown, if allowed) -> sending; False if another state was found."""
        self._write()
        allowed = RETRYABLE + (("unknown",) if allow_unknown else ())
        marks = ",".join("?" * len(allowed))
        with self._transaction():
            cursor = self._db.execute(
                f"UPDATE messages SET state='sending', subject=?, attachments=?, transport=?, attempts=attempts+1,"
                f" detail='', updated=? WHERE case_id=? AND month=? AND lane=? AND message_id=? AND state IN ({marks})",
                (subject, attachments, transport, _now(), entry.case_id, entry.month, entry.lane, entry.message_id,
                 *allowed))
            if cursor.rowcount == 1:
                self._event(entry.case_id, entry.month, entry.lane, "sending", f"{transport}: {attachments}")
            return cursor.rowcount == 1

    def reopen(self, entry: Entry, domain: str, detail: str) -> Entry:
        """A sent (or unknown) message to be sent again on purpose: back to 'planned' with a new
        Message-ID, so the new message is never taken for the earlier one."""
        self._write()
        with self._transaction():
            self._db.execute("UPDATE messages SET state='planned', message_id=?, detail=?, updated=?"
                             " WHERE case_id=? AND month=? AND lane=? AND state IN ('sent', 'unknown')",
                             (new_message_id(entry.case_id, entry.month, domain), detail, _now(), entry.case_id,
                              entry.month, entry.lane))
            self._event(entry.case_id, entry.month, entry.lane, "planned", detail)
        return self.get(entry.case_id, entry.month, entry.lane)

    def mark(self, entry: Entry, state: str, detail: str = "") -> None:
        """Record an outcome: sent, failed, refused or unknown."""
        self._write()
        with self._transaction():
            self._db.execute("UPDATE messages SET state=?, detail=?, updated=?, sent_at=COALESCE(?, sent_at)"
                             " WHERE case_id=? AND month=? AND lane=?",
                             (state, detail, _now(), _now() if state == "sent" else None, entry.case_id, entry.month,
                              entry.lane))
            self._event(entry.case_id, entry.month, entry.lane, state, detail)

    def _event(self, case_id: str, month: str, lane: str, state: str, detail: str) -> None:
        self._db.execute("INSERT INTO events (case_id, month, lane, state, at, detail) VALUES (?, ?, ?, ?, ?, ?)",
                         (case_id, month, lane, state, _now(), detail))

    def _write(self) -> None:
        if self.readonly:
            raise MailError("intern: het logboek is alleen-lezen in een proefrun (--dry-run)")

    def _transaction(self):
        """BEGIN IMMEDIATE ... COMMIT (plugin/sqlite_store.py): a state change is all or nothing."""
        return transaction(self._db)
