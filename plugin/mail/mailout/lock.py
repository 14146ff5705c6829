"""One mail-out at a time per ledger: a second run on the same ledger stops with a clear message.

Without this, a row in state 'sending' could belong to a run that is still busy instead of
one that crashed. The lock is an OS file lock (released by the OS when a process dies,
even by SIGKILL), on <ledger>.lock next to the ledger.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from plugin.errors import Conflict


class LedgerBusy(Conflict):
    """Another mail-out is using this ledger."""


@contextlib.contextmanager
def ledger_lock(ledger: Path, enabled: bool = True):
    if not enabled:
        yield
        return
    path = Path(f"{ledger}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+b")
    try:
        try:
            _lock(handle)
        except OSError:
            raise LedgerBusy(f"er loopt al een mail-out met logboek {ledger}; wacht tot die klaar is") from None
        yield
    finally:
        handle.close()


def _lock(handle) -> None:
    if os.name == "nt":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
