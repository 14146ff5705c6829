"""One worker process of the reader pool (readers/pool.py), and what runs inside it.

A worker receives batches of tasks on its pipe and answers each task as it finishes, so the
parent can time every task on its own. It sets its own RLIMIT_AS (what it holds at start plus
Limits.max_memory_bytes); a MemoryError ends it after its answer (`state.recycle`). While a
task runs, `state` says what guarded.py needs to know: that this is a worker, the task's
`verdict` (its reads are refused: it overran or failed once already) and its deadline.

Workers are started by os.fork where the OS has it (`_Forked`: the child closes every
descriptor it inherited but its pipe, so no pipe or socket of the parent's is held open by a
worker), by multiprocessing's spawn elsewhere (Windows). A worker leaves when its pipe closes
or its parent is gone (checked every second), so none outlives the program.
"""

from __future__ import annotations

import gc
import os
import signal
import time

SOFT_MARGIN = 0.8             # OCR and LibreOffice stop at this share of the time limit (time_left)


class _State:
    """What a worker knows about the task it runs (read by guarded.py)."""

    in_worker = False
    verdict: tuple[str, bool] | None = None   # (problem, transient): this task's reads are refused
    deadline = float("inf")                   # monotonic: when this task's soft time is up
    recycle = False                           # leave after this task (memory ran out)


state = _State()


def time_left() -> float:
    """Seconds an outside program (Tesseract, LibreOffice) may still take for the current file.

    Inside a worker: until the soft deadline of the file being read, so OCR and conversions
    stop on their own before the worker is killed (what was read is kept). Elsewhere: no bound.
    """
    return max(0.0, state.deadline - time.monotonic()) if state.in_worker else float("inf")


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, method: str, memory: int):
        import multiprocessing   # here, not at the top: a re-check from the cache starts no worker

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


def _worker_main(conn, memory: int) -> None:
    state.in_worker = True
    for name in ("SIGTERM", "SIGCHLD", "SIGHUP"):   # a server's handlers are the server's, not ours
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's: it stops us
    try:
        signal.set_wakeup_fd(-1)
    except (ValueError, OSError):
        pass
    _limit_memory(memory)
    # What the worker got from its parent (modules, tables, the parent's objects) is never garbage
    # the worker makes: out of the collector's sight, a full collection no longer walks (and so
    # copies, page by page, from the parent's memory) all of it again. About 6% of a cold scan's CPU.
    gc.freeze()
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
            state.verdict, state.deadline = verdict, time.monotonic() + seconds * SOFT_MARGIN
            try:
                reply = (index, "ok", function(task))
            except MemoryError:
                state.recycle = True
                reply = (index, "memory", None)
            except Exception as error:  # noqa: BLE001 - reported to the parent, which retries without reading
                reply = (index, "error", type(error).__name__)
            finally:
                state.verdict, state.deadline = None, float("inf")
            try:
                conn.send((*reply, state.recycle))
            except Exception as error:  # noqa: BLE001 - a result that cannot be pickled, or no memory to do it
                state.recycle = state.recycle or isinstance(error, MemoryError)
                conn.send((index, "memory" if isinstance(error, MemoryError) else "error", type(error).__name__,
                           state.recycle))
            if state.recycle:
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
