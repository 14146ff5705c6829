"""Every read under limits: a worker process per core, killed and replaced on overrun.

A reader bug, a regular expression gone cubic or a decompression bomb that slipped past the
readers' own bounds must not hang or exhaust the check or the server. So files are read in
worker processes with a wall-clock limit per file (Limits.max_seconds, watched by the
parent, which kills the worker) and a memory limit (Limits.max_memory_bytes of address space
on top of what the worker holds when it starts, RLIMIT_AS). Past a limit, or on any exception,
the file is a result like any other: an Extracted whose `problem` says "te groot of te traag
om te lezen", so the scan reports it as a finding (DossierDocument.problem) and goes on.

Two ways in:
- `read_bytes_guarded(name, data)` and `read_path_guarded(path)`: one file, from any thread
  (the app's request handlers, the mailbox scan). Never raises for the file.
- `pool().map(function, tasks)`: many tasks at once (the dossier scan, scan.py's mapper), in
  batches over reused workers; the limit applies to each task. A task that overruns, kills
  its worker or raises is run once more with its reads refused: `read_*_guarded` inside the
  worker then return the problem at once, so the task still builds its usual result (the
  file as an unreadable document) without knowing anything of this module.

A result that failed for a reason outside the file (a timeout, a killed worker) carries
`Extracted.transient`, so no cache stores it as the file's answer.

Platforms: time is bounded everywhere (the parent kills the worker). Memory: RLIMIT_AS where
the OS enforces it (Linux, the BSDs). macOS accepts the limit but does not enforce it, and
Windows has no rlimits: there only the time limit and the readers' own size limits (file
size, unpacked size, pages, text) bound a file. Workers start by fork where the OS has it (as
the scan did before: they share the loaded modules, starting one costs milliseconds), by
spawn on Windows; they stay for the next file and the next scan. The pool is readers/pool.py,
a worker readers/workers.py.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable

from .model import Extracted, Limits, failed, reader_failed, suffix_of, too_much_memory
from .pool import GuardedPool, TaskFailed
from .workers import state, time_left

__all__ = ["GuardedPool", "TaskFailed", "pool", "read_bytes_guarded", "read_path_guarded", "shutdown", "time_left"]


def _kind(name: str) -> str:
    from .sniff import SUFFIX_KINDS   # sniff -> ocr -> guarded: imported when used

    return SUFFIX_KINDS.get(suffix_of(name), "unknown")


def _guard(name: str, read: Callable[[], Extracted], limits: Limits) -> Extracted:
    """Run a read in this process; its verdict, memory exhaustion and exceptions become problems."""
    if state.verdict is not None:
        return failed(name, _kind(name), state.verdict[0], transient=state.verdict[1])
    try:
        return read()
    except MemoryError:
        state.recycle = True
        return failed(name, _kind(name), too_much_memory(limits.max_memory_bytes))
    except Exception as error:  # noqa: BLE001 - any reader error is a finding for this file, never a crash
        return failed(name, _kind(name), reader_failed(error))


def _read_bytes_task(task: tuple[str, bytes, Limits]) -> Extracted:
    from .dispatch import read_bytes

    name, data, limits = task
    return _guard(name, lambda: read_bytes(name, data, limits), limits)


def _read_path_task(task: tuple[str, Limits]) -> Extracted:
    from . import read_path

    path, limits = task
    return _guard(Path(path).name, lambda: read_path(Path(path), limits), limits)


# --- the entry points -------------------------------------------------------------------------

def read_bytes_guarded(name: str, data: bytes, limits: Limits = Limits()) -> Extracted:
    """readers.read_bytes in a worker under the limits; never raises for the file's content."""
    if state.in_worker or not _can_start_workers():
        return _read_bytes_task((name, data, limits))
    return pool().call(_read_bytes_task, (name, data, limits), limits,
                       lambda problem, transient: failed(name, _kind(name), problem, transient))


def read_path_guarded(path: Path, limits: Limits = Limits()) -> Extracted:
    """readers.read_path in a worker under the limits; never raises for the file."""
    name = Path(path).name
    if state.in_worker or not _can_start_workers():
        return _read_path_task((os.fspath(path), limits))
    return pool().call(_read_path_task, (os.fspath(path), limits), limits,
                       lambda problem, transient: failed(name, _kind(name), problem, transient))


def _can_start_workers() -> bool:
    """A daemonic process (a worker of someone else's pool) may not start processes: read in place."""
    import multiprocessing   # loaded with the first file read, not with the module

    return not multiprocessing.current_process().daemon


# --- the shared pool --------------------------------------------------------------------------

_SHARED: dict[str, GuardedPool] = {}
_SHARED_LOCK = threading.Lock()


def pool() -> GuardedPool:
    """This process's pool, one worker per core, started on first use."""
    with _SHARED_LOCK:
        if "pool" not in _SHARED:
            _SHARED["pool"] = GuardedPool()
        return _SHARED["pool"]


def shutdown() -> None:
    """Stop this process's idle workers; the next read starts new ones (tests: after a monkeypatch)."""
    with _SHARED_LOCK:
        shared = _SHARED.pop("pool", None)
    if shared is not None:
        shared.shutdown()
