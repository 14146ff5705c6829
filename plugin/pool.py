"""One way to spread work over this machine's cores: a process pool, started once and reused.

The dossier scan and document generation both map a function over many tasks. Starting a
pool per call cost a check of 40,000 files, read in batches of 256, twenty seconds of
fork() alone; so a pool is kept per start method and size for the life of the process (and
started again in a child process, which must not share its parent's pipes).

- `fork` (the scan): workers share the loaded readers with the parent; starting is cheap.
- `forkserver` (generation): workers start from a clean server process, not from the process
  holding the workbook, so each holds only the case it works on; `preload` names the modules
  the server imports once for all of them.
Platforms without fork use spawn for both.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence

_POOLS: dict[tuple, object] = {}
_LOCK = threading.Lock()


def _method(wanted: str) -> str:
    methods = multiprocessing.get_all_start_methods()
    return wanted if wanted in methods else "spawn"


def pool(workers: int, method: str = "fork", preload: Sequence[str] = ()):
    """The shared pool of `workers` processes for this start method (made on first use)."""
    method = _method(method)
    key = (os.getpid(), method, workers, tuple(preload))
    with _LOCK:
        found = _POOLS.get(key)
        if found is None:
            context = multiprocessing.get_context(method)
            if method == "forkserver" and preload:
                context.set_forkserver_preload(list(preload))
            found = _POOLS[key] = context.Pool(workers)
        return found


def running(workers: int, method: str = "fork", preload: Sequence[str] = ()) -> bool:
    """Is that pool started already (in this process)? Then even a small batch costs it nothing."""
    return (os.getpid(), _method(method), workers, tuple(preload)) in _POOLS


def imap(function: Callable, tasks: Sequence, workers: int, *, method: str = "fork",
         preload: Sequence[str] = (), chunk_max: int = 64) -> Iterator:
    """function over tasks in order, on the shared pool (in this process when workers <= 1).

    A caller that stops early (closes the iterator, or an exception) stops the work too: the
    pool is ended (and made anew next time), so no task runs on after nobody waits for it."""
    if workers <= 1:
        yield from map(function, tasks)
        return
    chunk = max(1, min(chunk_max, len(tasks) // (workers * 8)))
    shared = pool(workers, method, preload)
    finished = False
    try:
        yield from shared.imap(function, tasks, chunksize=chunk)
        finished = True
    finally:
        if not finished:
            _discard(shared)


def _discard(shared) -> None:
    with _LOCK:
        for key, value in list(_POOLS.items()):
            if value is shared:
                del _POOLS[key]
    shared.terminate()


@atexit.register
def _close() -> None:
    for key, shared in list(_POOLS.items()):
        if key[0] == os.getpid():
            shared.terminate()
    _POOLS.clear()
