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
spawn on Windows; they stay for the next file and the next scan.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import signal
import threading
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Sequence

from .model import (Extracted, Limits, failed, reader_failed, suffix_of, too_much_memory, too_slow,
                    worker_died)

MAX_TASKS_PER_WORKER = 2000   # then a fresh worker: a long-lived server does not keep a reader's leaks
BATCH = 16                    # tasks sent to a worker at once (fewer when there are few)
SOFT_MARGIN = 0.8             # OCR and LibreOffice stop at this share of the time limit (time_left)

# --- inside a worker ------------------------------------------------------------------------

_in_worker = False
_verdict: tuple[str, bool] | None = None   # (problem, transient): this task's reads are refused
_deadline = float("inf")                   # monotonic: when this task's soft time is up
_recycle = False                           # leave after this task (memory ran out)


def time_left() -> float:
    """Seconds an outside program (Tesseract, LibreOffice) may still take for the current file.

    Inside a worker: until the soft deadline of the file being read, so OCR and conversions
    stop on their own before the worker is killed (what was read is kept). Elsewhere: no bound.
    """
    return max(0.0, _deadline - time.monotonic()) if _in_worker else float("inf")


def _kind(name: str) -> str:
    from .sniff import SUFFIX_KINDS   # sniff -> ocr -> guarded: imported when used

    return SUFFIX_KINDS.get(suffix_of(name), "unknown")


def _guard(name: str, read: Callable[[], Extracted], limits: Limits) -> Extracted:
    """Run a read in this process; its verdict, memory exhaustion and exceptions become problems."""
    global _recycle
    if _verdict is not None:
        return failed(name, _kind(name), _verdict[0], transient=_verdict[1])
    try:
        return read()
    except MemoryError:
        _recycle = True
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
    if _in_worker or not _can_start_workers():
        return _read_bytes_task((name, data, limits))
    return pool().call(_read_bytes_task, (name, data, limits), limits,
                       lambda problem, transient: failed(name, _kind(name), problem, transient))


def read_path_guarded(path: Path, limits: Limits = Limits()) -> Extracted:
    """readers.read_path in a worker under the limits; never raises for the file."""
    name = Path(path).name
    if _in_worker or not _can_start_workers():
        return _read_path_task((os.fspath(path), limits))
    return pool().call(_read_path_task, (os.fspath(path), limits), limits,
                       lambda problem, transient: failed(name, _kind(name), problem, transient))


def _can_start_workers() -> bool:
    """A daemonic process (a worker of someone else's pool) may not start processes: read in place."""
    return not multiprocessing.current_process().daemon


# --- the pool ---------------------------------------------------------------------------------

class TaskFailed(RuntimeError):
    """A task failed even with its reads refused: a programming error outside the readers."""


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, method: str, memory: int):
        parent_end, child_end = multiprocessing.Pipe()
        if method == "fork":
            self.process: _Forked | multiprocessing.Process = _Forked(child_end, parent_end, memory)
        else:
            self.process = multiprocessing.get_context(method).Process(
                target=_worker_main, args=(child_end, memory), name="poortwachter-lezer", daemon=True)
            self.process.start()
        child_end.close()
        self.conn = parent_end
        self.done = 0

    def send(self, message) -> bool:
        try:
            self.conn.send(message)
            return True
        except (OSError, ValueError):
            return False

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            self.send(None)
        self.conn.close()
        self.process.join(timeout=None if kill else 2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class _Forked:
    """A worker started by os.fork, holding no file of the parent's but its own pipe.

    multiprocessing's fork keeps every inherited descriptor open in the child: a pipe of the
    parent's (a browser driver's stdin, a server's socket) would then never see its end, and a
    process waiting for that end would wait for ever. So the child closes all of them first."""

    def __init__(self, child_end, parent_end, memory: int):
        self.exitcode: int | None = None
        self.pid = os.fork()
        if self.pid == 0:   # the worker: never returns
            code = 1
            try:
                keep = child_end.fileno()
                os.closerange(3, keep)
                os.closerange(keep + 1, _max_fd())
                _worker_main(child_end, memory)
                code = 0
            finally:
                os._exit(code)

    def is_alive(self) -> bool:
        if self.exitcode is None:
            self._reap(os.WNOHANG)
        return self.exitcode is None

    def kill(self) -> None:
        if self.exitcode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def join(self, timeout: float | None = None) -> None:
        ends = None if timeout is None else time.monotonic() + timeout
        while self.exitcode is None:
            if ends is None:
                self._reap(0)
            elif not self._reap(os.WNOHANG) and time.monotonic() < ends:
                time.sleep(0.01)
            else:
                return

    def _reap(self, flags: int) -> bool:
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:
            self.exitcode = -1
            return True
        if pid == 0:
            return False
        self.exitcode = os.waitstatus_to_exitcode(status)
        return True


def _max_fd() -> int:
    try:
        return min(os.sysconf("SC_OPEN_MAX"), 1 << 20)
    except (ValueError, OSError):
        return 4096


class GuardedPool:
    """Reusable reader workers; thread-safe: each call or map takes idle workers and gives them back."""

    def __init__(self, size: int | None = None, limits: Limits = Limits(), start_method: str | None = None):
        self.size = max(1, size or os.cpu_count() or 1)
        self.memory = limits.max_memory_bytes
        self.method = start_method or ("fork" if hasattr(os, "fork") else "spawn")
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    # workers ------------------------------------------------------------------------------
    def _take(self, count: int) -> list[_Worker]:
        with self._lock:
            taken, self._idle = self._idle[:count], self._idle[count:]
        return taken + [_Worker(self.method, self.memory) for _ in range(count - len(taken))]

    def _give(self, workers: Sequence[_Worker]) -> None:
        keep = []
        for worker in workers:
            if worker.process.is_alive() and worker.done < MAX_TASKS_PER_WORKER:
                keep.append(worker)
            else:
                worker.stop(kill=not worker.process.is_alive())
        with self._lock:
            self._idle.extend(keep)
            surplus, self._idle = self._idle[self.size:], self._idle[:self.size]
        for worker in surplus:
            worker.stop()

    def shutdown(self) -> None:
        """Stop the idle workers (busy ones stop when their call ends)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()

    # work ---------------------------------------------------------------------------------
    def call(self, function: Callable, task, limits: Limits,
             fallback: Callable[[str, bool], object]) -> object:
        """function(task) in a worker; past the limits `fallback(problem, transient)` instead."""
        return self.map(function, [task], limits=limits, fallback=fallback)[0]

    def map(self, function: Callable, tasks: Sequence, initializer: Callable[[], None] | None = None,
            limits: Limits = Limits(), workers: int | None = None,
            fallback: Callable[[str, bool], object] | None = None) -> list:
        """[function(task) for task in tasks], in batches over the workers, each task timed.

        A task that overruns, kills its worker or raises is run again with its reads refused
        (see the module docstring); with `fallback` it gets `fallback(problem, transient)` instead.
        """
        if not tasks:
            return []
        run = _Run(self, function, tasks, initializer, limits, fallback)
        try:
            return run.drive(self._take(min(workers or self.size, len(tasks))))
        finally:
            self._give(run.idle_workers())


class _Run:
    """One map: the queue, the workers' batches in flight, and what became of each task."""

    def __init__(self, pool: GuardedPool, function, tasks, initializer, limits: Limits, fallback):
        self.pool, self.function, self.tasks, self.initializer = pool, function, tasks, initializer
        self.seconds, self.fallback, self.limits = limits.max_seconds, fallback, limits
        self.results: list = [None] * len(tasks)
        self.queue: collections.deque = collections.deque((i, None) for i in range(len(tasks)))
        self.retried: set[int] = set()        # tasks already run again with their reads refused
        self.workers: list[_Worker] = []
        self.flight: dict[_Worker, list] = {}   # worker -> [batch of (index, verdict), done, last progress]

    def drive(self, workers: list[_Worker]) -> list:
        self.workers = list(workers)
        for worker in list(self.workers):
            if not self._prepare(worker):
                self._swap(worker)
        while self.queue or self.flight:
            for worker in list(self.workers):
                if worker not in self.flight and self.queue:
                    self._send_batch(worker)
            if not self.flight:
                continue
            oldest = min(state[2] for state in self.flight.values())
            ready = wait([w.conn for w in self.flight], timeout=max(0.0, oldest + self.seconds - time.monotonic()))
            for conn in ready:
                worker = next((w for w in self.flight if w.conn is conn), None)
                if worker is not None:
                    self._receive(worker)
            now = time.monotonic()
            for worker, state in list(self.flight.items()):
                if now - state[2] > self.seconds:
                    self._lost(worker, too_slow(self.seconds))
        return self.results

    def idle_workers(self) -> list[_Worker]:
        """The workers to give back; one still busy (an error ended the map mid-batch) is killed."""
        for worker in list(self.flight):
            worker.stop(kill=True)
        return [w for w in self.workers if w not in self.flight]

    def _prepare(self, worker: _Worker) -> bool:
        return self.initializer is None or worker.send(("init", self.initializer))

    def _send_batch(self, worker: _Worker) -> None:
        size = max(1, min(BATCH, len(self.queue) // (len(self.workers) * 4)))
        batch = [self.queue.popleft() for _ in range(min(size, len(self.queue)))]
        self.flight[worker] = [batch, 0, time.monotonic()]
        if not worker.send(("run", self.function, [(i, self.tasks[i], v) for i, v in batch], self.seconds)):
            self._lost(worker, worker_died(worker.process.exitcode))

    def _receive(self, worker: _Worker) -> None:
        try:
            index, outcome, value, leaving = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=1)
            self._lost(worker, worker_died(worker.process.exitcode))
            return
        state = self.flight[worker]
        state[1] += 1
        state[2] = time.monotonic()
        worker.done += 1
        if outcome == "ok":
            self.results[index] = value
        else:
            memory = outcome == "memory"
            self._again(index, too_much_memory(self.limits.max_memory_bytes) if memory else reader_failed(value),
                        transient=False)
        if leaving:   # it ran out of memory and left: the rest of its batch goes to the others
            self.queue.extendleft(reversed(state[0][state[1]:]))
            del self.flight[worker]
            worker.stop(kill=True)
            self._swap(worker)
        elif state[1] == len(state[0]):
            del self.flight[worker]

    def _lost(self, worker: _Worker, problem: str) -> None:
        """The worker overran or died: its current task again with reads refused, the rest as they were."""
        batch, done, _ = self.flight.pop(worker)
        self.queue.extendleft(reversed(batch[done + 1:]))
        worker.stop(kill=True)
        self._swap(worker)
        if done < len(batch):
            self._again(batch[done][0], problem, transient=True)

    def _again(self, index: int, problem: str, transient: bool) -> None:
        if self.fallback is not None:
            self.results[index] = self.fallback(problem, transient)
        elif index in self.retried:
            raise TaskFailed(f"{self.function.__name__}: taak {index} faalde ook zonder te lezen ({problem})")
        else:
            self.retried.add(index)
            self.queue.appendleft((index, (problem, transient)))

    def _swap(self, worker: _Worker) -> None:
        fresh = _Worker(self.pool.method, self.pool.memory)
        self.workers[self.workers.index(worker)] = fresh
        if not self._prepare(fresh):
            raise TaskFailed("een leesproces kon niet starten")


def _worker_main(conn, memory: int) -> None:
    global _in_worker, _verdict, _deadline, _recycle
    _in_worker = True
    for name in ("SIGTERM", "SIGCHLD", "SIGHUP"):   # a server's handlers are the server's, not ours
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's: it stops us
    try:
        signal.set_wakeup_fd(-1)
    except (ValueError, OSError):
        pass
    _limit_memory(memory)
    parent = os.getppid()
    while True:
        if not conn.poll(1.0):
            if os.getppid() != parent:   # the parent is gone (killed): so are we
                return
            continue
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        if message[0] == "init":
            message[1]()
            continue
        _, function, batch, seconds = message
        for index, task, verdict in batch:
            _verdict, _deadline = verdict, time.monotonic() + seconds * SOFT_MARGIN
            try:
                reply = (index, "ok", function(task))
            except MemoryError:
                _recycle = True
                reply = (index, "memory", None)
            except Exception as error:  # noqa: BLE001 - reported to the parent, which retries without reading
                reply = (index, "error", type(error).__name__)
            finally:
                _verdict, _deadline = None, float("inf")
            try:
                conn.send((*reply, _recycle))
            except Exception as error:  # noqa: BLE001 - a result that cannot be pickled, or no memory to do it
                _recycle = _recycle or isinstance(error, MemoryError)
                conn.send((index, "memory" if isinstance(error, MemoryError) else "error", type(error).__name__,
                           _recycle))
            if _recycle:
                return


def _limit_memory(extra: int) -> None:
    """RLIMIT_AS at what the worker holds now plus `extra` (Linux enforces it; see the module doc)."""
    try:
        import resource
    except ImportError:   # Windows
        return
    try:
        with open("/proc/self/statm") as handle:
            current = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        current = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = current + extra
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        pass


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
