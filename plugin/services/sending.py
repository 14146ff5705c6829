"""What every mail run of ours shares: open the transport, take the ledger's lock, open the ledger.

The monthly mail-out (services/mailout.py) and the weekly deadline signals (services/signals.py)
both send through this one sequence, so their crash safety is the same: one send at a time in
this process, one run per ledger across processes (an OS file lock), and a dry run that takes
no lock and writes nothing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from plugin.mail.mailout.ledger import Entry, Ledger
from plugin.mail.mailout.lock import ledger_lock
from plugin.mail.mailout.message import parse_sender
from plugin.mail.mailout.transports import Transport, open_transport

_SEND_LOCK = threading.Lock()


def route_or_outbox(via: str | None, workbook: Path) -> str:
    """The transport asked for, else the outbox folder next to the workbook (nothing leaves by default)."""
    return via or f"outbox:{workbook.parent / 'outbox'}"


@contextlib.contextmanager
def transport_for(route: str, profiles: Path | None, sender: str | None) -> Iterator[Transport]:
    """The transport, its sender checked (also a profile's 'from': one address, no line breaks), closed after."""
    transport = open_transport(route, profiles, sender)
    try:
        transport.sender = parse_sender(transport.sender)
        yield transport
    finally:
        transport.close()


@contextlib.contextmanager
def ledger_for(path: Path, dry_run: bool) -> Iterator[Ledger]:
    """The ledger under its lock (a dry run: read only, no lock)."""
    lock = contextlib.nullcontext() if dry_run else _SEND_LOCK
    with lock, ledger_lock(path, enabled=not dry_run):
        ledger = Ledger(path, readonly=dry_run)
        try:
            yield ledger
        finally:
            ledger.close()


def ledger_rows(path: Path, key: str | None = None) -> list[Entry]:
    """A ledger's rows (of one month or week), newest first; [] before the first run."""
    if not path.exists():
        return []
    ledger = Ledger(path, readonly=True)
    try:
        rows = ledger.entries(key)
    finally:
        ledger.close()
    rows.sort(key=lambda e: (e.month, e.case_id), reverse=True)
    return rows
