"""Issue 17: every reader runs under a time and a memory limit, in a worker that is killed past them.

At the level of the cause: a reader injected here sleeps, loops, raises, allocates or kills its
own process, for any file whose name says so. Whatever a reader does, the file becomes a result
(a finding in the check), the worker is replaced, the other files are read, and a result that
failed for a reason outside the file is marked transient so no cache keeps it.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from plugin.check import scan
from plugin.check.cache import ScanCache
from plugin.check.scan import list_files, scan_files
from plugin.readers import Limits, guarded, text
from plugin.readers.guarded import GuardedPool, read_bytes_guarded, read_path_guarded
from plugin.readers.model import TOO_HARD, reader_failed, too_much_memory, too_slow

SHORT = Limits(max_seconds=5)   # far above what a good file needs, even on a loaded machine
PLAN = "Plan van aanpak\nDatum: 03-03-2025\nWerknemer: Jan Jansen\n"


@pytest.fixture
def hostile_reader(monkeypatch):
    """The text reader misbehaves for a file whose name holds one of these words."""
    real = text.read

    def read(name, data, limits):
        if "slaapt" in name:
            time.sleep(3600)
        if "lus" in name:
            while True:
                pass
        if "fout" in name:
            raise ValueError("de lezer struikelt")
        if "geheugen" in name:
            hog = bytearray(8 * 2**30)
            return real(name, bytes(hog[:10]), limits)
        if "sterft" in name:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(name, data, limits)
    monkeypatch.setattr(text, "read", read)   # the workers fork after this (conftest: fresh_reader_workers)


def test_a_reader_past_its_time_limit_is_a_transient_problem_and_the_next_read_works(hostile_reader):
    started = time.monotonic()
    item = read_bytes_guarded("slaapt.txt", b"x", SHORT)
    assert time.monotonic() - started < 30
    assert (item.name, item.kind, item.problem, item.transient) == ("slaapt.txt", "txt", too_slow(5), True)
    again = read_bytes_guarded("gewoon.txt", PLAN.encode(), SHORT)   # the killed worker was replaced
    assert again.problem is None and again.text.startswith("Plan van aanpak")


def test_a_busy_loop_in_a_reader_is_stopped_too(hostile_reader):
    item = read_bytes_guarded("lus.txt", b"x", SHORT)
    assert item.problem == too_slow(5) and item.transient


def test_a_reader_exception_is_a_problem_of_that_file_not_transient(hostile_reader):
    item = read_bytes_guarded("fout.txt", b"x", SHORT)
    assert (item.problem, item.transient) == (reader_failed("ValueError"), False)
    assert item.problem.startswith(TOO_HARD)


def test_a_worker_that_dies_is_replaced_and_the_file_reported(hostile_reader, tmp_path):
    path = tmp_path / "sterft.txt"
    path.write_text("x")
    item = read_path_guarded(path, SHORT)
    assert item.problem.startswith(f"{TOO_HARD} (het leesproces stopte onverwacht") and item.transient
    assert read_bytes_guarded("daarna.txt", b"Plan van aanpak", SHORT).problem is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux only")
def test_a_reader_past_its_memory_limit_is_a_problem(hostile_reader):
    limits = Limits(max_seconds=30, max_memory_bytes=256 * 2**20)
    own = GuardedPool(size=1, limits=limits)
    try:
        item = own.call(guarded._read_bytes_task, ("geheugen.txt", b"x", limits), limits,
                        lambda problem, transient: pytest.fail(problem))
        assert (item.problem, item.transient) == (too_much_memory(limits.max_memory_bytes), False)
        fine = own.call(guarded._read_bytes_task, ("gewoon.txt", b"Plan van aanpak", limits), limits,
                        lambda problem, transient: pytest.fail(problem))
        assert fine.problem is None
    finally:
        own.shutdown()


def _tree(root: Path) -> list[Path]:
    folder = root / "2025-001 Jansen"
    folder.mkdir(parents=True)
    for index in range(12):
        (folder / f"Plan van aanpak {index:02d}.txt").write_text(PLAN)
    for bad in ("slaapt", "lus", "fout", "sterft"):
        (folder / f"{bad}.txt").write_text("x")
    return list_files(root)


def test_a_scan_with_every_kind_of_misbehaving_reader_finishes_and_reads_the_rest(hostile_reader, tmp_path):
    files = _tree(tmp_path)
    documents = scan_files(files, tmp_path, limits=SHORT)
    by_path = {doc.path.rsplit("/", 1)[-1]: doc for doc in documents}
    assert [doc.path for doc in documents] == [f.relative_to(tmp_path).as_posix() for f in files]   # order kept
    for index in range(12):
        assert by_path[f"Plan van aanpak {index:02d}.txt"].type == "plan-van-aanpak"
    assert by_path["slaapt.txt"].problem == too_slow(5) and by_path["slaapt.txt"].transient
    assert by_path["lus.txt"].problem == too_slow(5)
    assert by_path["fout.txt"].problem == reader_failed("ValueError") and not by_path["fout.txt"].transient
    assert by_path["sterft.txt"].problem.startswith(TOO_HARD) and by_path["sterft.txt"].transient


def test_the_scan_cache_never_keeps_a_transient_result(hostile_reader, tmp_path):
    files = _tree(tmp_path)
    with ScanCache(tmp_path / "cache.sqlite") as cache:
        first = scan_files(files, tmp_path, cache=cache, limits=SHORT)
    with ScanCache(tmp_path / "cache.sqlite") as cache:
        second = scan_files(files, tmp_path, cache=cache, limits=SHORT)
        stats = dict(cache.stats)
    assert first == second
    assert stats["read"] == 3   # slaapt, lus and sterft again; fout.txt's exception is its answer
    assert stats["cached"] == 13


def test_a_check_with_a_hanging_reader_finishes_with_the_file_as_a_finding(hostile_reader, tmp_path, monkeypatch):
    from plugin.check.rules import load_rules
    from plugin.check.run import check_dossiers

    _tree(tmp_path)
    monkeypatch.setattr(scan, "READ_LIMITS", SHORT)
    result = check_dossiers(tmp_path, None, dt.date(2026, 1, 5), load_rules(), "nl")
    texts = [(finding.paths, finding.message) for case in result.cases for finding in case.findings]
    assert any(evidence == ("2025-001 Jansen/slaapt.txt",) and TOO_HARD in message for evidence, message in texts)
    assert any(evidence == ("2025-001 Jansen/fout.txt",) and TOO_HARD in message for evidence, message in texts)


def test_a_task_that_fails_outside_the_reader_is_run_again_without_reading(tmp_path):
    """The cache's own task (not the reader) raising: the worker runs it again with its reads
    refused, so it still returns its usual result with the file as a problem."""
    pool = guarded.pool()
    results = pool.map(_task_that_trips_once, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], limits=SHORT)
    assert results[0].problem == reader_failed("KeyError") and not results[0].transient
    assert results[1].problem is None


def _task_that_trips_once(path: str):
    item = read_bytes_guarded(Path(path).name, b"Plan van aanpak", SHORT)
    if path.endswith("a.txt") and item.problem is None:
        raise KeyError("buiten de lezer")
    return item


def _sleep_task(_task):
    time.sleep(3600)


def test_the_spawn_workers_of_windows_are_bounded_the_same_way():
    """Windows has no fork: its workers are spawned. Same pool, same limits (tried here on Linux)."""
    own = GuardedPool(size=1, start_method="spawn")
    try:
        [item] = own.map(guarded._read_bytes_task, [("pva.txt", PLAN.encode(), SHORT)], limits=SHORT)
        assert item.problem is None and item.text.startswith("Plan van aanpak")
        late = own.call(_sleep_task, None, SHORT, lambda problem, transient: (problem, transient))
        assert late == (too_slow(5), True)
    finally:
        own.shutdown()
