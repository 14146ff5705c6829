"""The evidence a question reads: the scan cache and the mailboxes, opened once per question.

One scan at a time in this process: on two cores parallel scans only compete, and a case page
that waits for a running check then finds its files in the cache. Questions that do not scan
stay concurrent.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from plugin.check.scan import DossierDocument
from plugin.services.sources import Sources

SCAN_LOCK = threading.Lock()


@contextlib.contextmanager
def scan_cache(sources: Sources, notes: list[str]) -> Iterator[object]:
    """The scan cache for one question (a SQLite connection belongs to the thread that opened it),
    or None; a cache that cannot be opened is said once in notes and everything is read."""
    from plugin.check.cache import open_cache

    cache, warning = open_cache(sources.cache, sources.no_cache)
    if warning:
        notes.append(warning)
    try:
        yield cache
    finally:
        if cache is not None:
            notes.extend(note for note in cache.notes if note not in notes)   # set aside, read-only, disk full
            cache.close()


def mail_documents(sources: Sources, notes: list[str] | None = None) -> dict[str, list[DossierDocument]] | None:
    """Per case id, what the mailboxes hold for it (None without mailboxes); the mail state next to
    the scan cache keeps a re-scan incremental (what it had to say goes to `notes`, once)."""
    if not sources.mailboxes:
        return None
    from plugin.mail.mailboxes.state import open_mail_state
    from plugin.services.mail_evidence import mailbox_documents

    state = open_mail_state(sources.cache, sources.no_cache)
    try:
        return mailbox_documents(list(sources.mailboxes), sources.workbook, sources.dossiers, sources.profiles,
                                 state)
    finally:
        if state is not None:
            if notes is not None:
                notes.extend(note for note in getattr(state, "notes", ()) if note not in notes)
            state.close()
