"""A slow request never delays another: heavy work runs off the event loop, and a burst of it
queues among itself (plugin/app/work.py) instead of taking the threads the light routes need."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from .app_helpers import TOKEN, LiveServer, copy_examples, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
pytestmark = pytest.mark.slow


@pytest.fixture()
def server(tmp_path):
    running = LiveServer(make_settings(copy_examples(tmp_path / "data"))).start()
    yield running
    running.stop()


def test_many_slow_heavy_requests_leave_the_light_ones_answering(server, monkeypatch):
    from plugin.app import work
    from plugin.services import inspect as inspecting

    def slow(*args, **kwargs):
        time.sleep(3)      # a service that takes long (releasing the interpreter lock, as I/O does)
        return {"slow": True}

    with httpx.Client(base_url=server.url, timeout=120) as c:   # the first overview reads the dossiers
        for path in ("/api/workbook", "/api/cases", "/api/document-types"):
            assert c.get(path, headers=AUTH).status_code == 200
    monkeypatch.setattr(inspecting, "inspect_text", slow)
    monkeypatch.setattr(work, "HEAVY_AT_ONCE", 8)    # the test's own: 8 at a time, to finish sooner
    statuses = []

    def post():
        with httpx.Client(base_url=server.url, timeout=120) as own:
            statuses.append(own.post("/api/inspect", json={"text": "x"}, headers=AUTH).status_code)

    threads = [threading.Thread(target=post) for _ in range(44)]   # more than Starlette's 40 threads
    for t in threads:
        t.start()
    try:
        time.sleep(0.5)    # all 44 are in
        with httpx.Client(base_url=server.url, timeout=30) as c:
            for path in ("/api/workbook", "/api/cases", "/api/document-types"):
                started = time.monotonic()
                assert c.get(path, headers=AUTH).status_code == 200
                assert time.monotonic() - started < 1.0, path
    finally:
        for t in threads:
            t.join()
    assert statuses == [200] * 44


def test_a_burst_of_check_jobs_runs_two_at_a_time(monkeypatch, tmp_path):
    from plugin.app import checking
    from plugin.services.sources import Sources
    from plugin.workbook.load import load_workbook

    from .app_helpers import EXAMPLES

    running, most = [], []
    lock = threading.Lock()

    def fake_check(sources, progress=None):
        with lock:
            running.append(1)
            most.append(len(running))
        time.sleep(0.3)
        with lock:
            running.pop()
        raise checking.PoortwachterError("klaar")

    monkeypatch.setattr(checking, "run_check", fake_check)
    jobs = checking.CheckJobs()
    sources = Sources(load_workbook(EXAMPLES / "casussen.xlsx"), EXAMPLES / "dossiers", no_cache=True)
    started = [jobs.start(sources) for _ in range(6)]
    deadline = time.monotonic() + 30
    while any(job.state == "running" for job in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [job.state for job in started] == ["error"] * 6 and max(most) == 2
