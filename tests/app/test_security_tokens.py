"""Tokens: a user-set one must be hard to guess; wrong ones are answered slowly, one at a time, while
a right one never waits; the browser is opened as Jupyter does, never with the token in argv."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time

import httpx
import pytest

from plugin.app.login import check_token
from plugin.app.throttle import Throttle
from plugin.errors import UsageError

from .app_helpers import EXAMPLES, REPO, TOKEN, LiveServer, copy_examples, make_settings

GOOD = "Zq3-xT9_bL2.kW7~mN4pR8vY1cF6hJ0dS"


@pytest.mark.parametrize("token,why", [
    ("7", "te kort"), ("geheim", "te kort"), ("a" * 40, "eentonig"), ("abababababababababababababababab", "eentonig"),
    ("een lang token met spaties erin 1234567", "alleen letters"), ("tok\u00e9n" * 8, "alleen letters"),
    ("token/with?query&chars#0123456789abcdef", "alleen letters"), ("", "alleen letters"),
])
def test_weak_tokens_are_refused_with_the_reason(token, why):
    with pytest.raises(UsageError, match=why):
        check_token(token)


def test_strong_tokens_pass():
    assert check_token(GOOD) == GOOD and check_token(TOKEN) == TOKEN
    from plugin.app.settings import new_token

    assert check_token(new_token())


def test_serve_refuses_a_short_poortwachter_token(tmp_path):
    env = {**os.environ, "POORTWACHTER_TOKEN": "7"}
    done = subprocess.run([sys.executable, "-m", "plugin", "serve", str(EXAMPLES / "casussen.xlsx"), "--no-browser",
                           "--port", "0", "--out", str(tmp_path / "out")], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "POORTWACHTER_TOKEN is te kort (1 tekens)" in done.stderr and "minstens 32" in done.stderr


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_delay_grows_with_recent_failures_and_falls_back():
    clock = Clock()
    throttle = Throttle(clock=clock, base=0.25, max_delay=4.0)
    delays = []
    for _ in range(30):
        delays.append(throttle.delay())
        throttle._failures.append(clock())
    assert delays[0] == 0.25 and delays[5] == 0.5 and delays[10] == 1.0 and max(delays) == 4.0
    assert delays == sorted(delays)
    clock.now = 61.0                       # a minute later the user is a first-time typo again
    assert throttle.delay() == 0.25


@pytest.fixture()
def slow_server(tmp_path):
    server = LiveServer(make_settings(copy_examples(tmp_path / "data")))
    server.server.config.app.throttle = Throttle(base=0.2, max_delay=0.2, max_waiting=8)
    server.start()
    yield server
    server.stop()


def test_wrong_tokens_are_answered_one_at_a_time(slow_server):
    started = time.monotonic()
    with httpx.Client(base_url=slow_server.url) as c:
        for attempt in range(5):
            assert c.get("/api/cases", headers={"Authorization": f"Bearer wrong-{attempt}"}).status_code == 401
        assert c.get("/?token=wrong").status_code == 401
        assert c.post("/login", data={"token": "wrong"}, headers={"Origin": slow_server.url}).status_code == 401
    assert time.monotonic() - started >= 7 * 0.2
    statuses = []

    def guess(i):
        with httpx.Client(base_url=slow_server.url, timeout=30) as own:
            statuses.append(own.get("/api/cases", headers={"Authorization": f"Bearer guess-{i}"}).status_code)

    started = time.monotonic()
    threads = [threading.Thread(target=guess, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [401] * 6 and time.monotonic() - started >= 6 * 0.2   # parallel guesses queue up


def test_a_flood_of_wrong_tokens_never_locks_out_the_session_and_is_cut_off(slow_server):
    """While guessers keep the queue full: the browser's session answers at once, new tokens are not
    even compared (429), and a right token works again as soon as the flood stops."""
    with httpx.Client(base_url=slow_server.url) as browser:
        assert browser.get(f"/?token={TOKEN}").status_code == 303
        statuses = []
        stop = threading.Event()

        def flood(i):
            with httpx.Client(base_url=slow_server.url, timeout=30) as own:
                while not stop.is_set():
                    statuses.append(own.get("/api/cases", headers={"Authorization": f"Bearer x{i}"}).status_code)

        threads = [threading.Thread(target=flood, args=(i,)) for i in range(24)]
        for t in threads:
            t.start()
        try:
            time.sleep(1.0)
            for _ in range(3):
                started = time.monotonic()
                assert browser.get("/api/workbook").status_code == 200
                assert time.monotonic() - started < 1.0
            busy = httpx.get(f"{slow_server.url}/api/workbook", headers={"Authorization": f"Bearer {TOKEN}"})
        finally:
            stop.set()
            for t in threads:
                t.join()
        assert 429 in statuses and 401 in statuses
        answered = len([s for s in statuses if s == 401])
        assert answered <= 8 + 1 + 6   # one wrong answer per 0.2 s (plus the queue): not thousands
    assert busy.status_code in (200, 429)
    time.sleep(0.5)
    assert httpx.get(f"{slow_server.url}/api/workbook", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_the_browser_is_opened_from_a_private_file_not_with_the_token(tmp_path):
    """As Jupyter: `serve` writes a 0600 page that redirects with the token and gives the browser its
    file:// address; the token is never in a process's command line."""
    record = tmp_path / "argv.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\nstat -c %a "${{1#file://}}" >> "{record}"\n'
                       f'cat "${{1#file://}}" >> "{record}"\n')
    browser.chmod(0o755)
    env = {**os.environ, "BROWSER": str(browser), "POORTWACHTER_TOKEN": GOOD, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "plugin", "serve", str(EXAMPLES / "casussen.xlsx"), "--port",
                                "0", "--out", str(tmp_path / "out")], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (record.exists() and record.read_text().count("\n") >= 3) and time.monotonic() < deadline:
            time.sleep(0.1)
        argv, mode, *page = record.read_text().splitlines()
        opened = argv[len("file://"):]
        live = stat.S_IMODE(os.stat(opened).st_mode), stat.S_IMODE(os.stat(os.path.dirname(opened)).st_mode)
    finally:
        process.send_signal(2)
        process.wait(20)
    assert argv.startswith("file://") and GOOD not in argv
    assert mode == "600" and live == (0o600, 0o700)
    assert GOOD in "\n".join(page) and "?token=" in "\n".join(page)
    assert not os.path.exists(opened)               # removed when the server stops
