"""The reader pool: tasks mapped over reused worker processes, each task under the limits.

A `GuardedPool` keeps one worker per core (readers/workers.py), reused from task to task and
from map to map; `map` sends tasks in batches and times each task (Limits.max_seconds since
the worker's last answer): a worker that overruns is killed (SIGKILL) and replaced, one that
dies is replaced. Such a task, and one that raised, is run once more with a `verdict` set:
the reads it does through guarded.py then return the problem at once instead of reading, so
the task still builds its usual result. Thread-safe: each map takes idle workers and gives
them back, starting more when all are busy (the surplus is stopped on return).
"""

from __future__ import annotations

import collections
import os
import threading
import time
from typing import Callable, Sequence

from .model import Limits, reader_failed, too_much_memory, too_slow, worker_died
from .workers import _Worker

MAX_TASKS_PER_WORKER = 2000   # then a fresh worker: a long-lived server does not keep a reader's leaks
BATCH = 16                    # tasks sent to a worker at once (fewer when there are few)


class TaskFailed(RuntimeError):
    """A task failed even with its reads refused: a programming error outside the readers."""


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
            ready = _wait([w.conn for w in self.flight], timeout=max(0.0, oldest + self.seconds - time.monotonic()))
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


def _wait(connections, timeout: float):
    """multiprocessing.connection.wait, imported when a pool first waits (not with the module)."""
    from multiprocessing.connection import wait

    return wait(connections, timeout=timeout)
