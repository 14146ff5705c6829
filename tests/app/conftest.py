"""The app's test fixtures: a copy of the examples, the real server on a free loopback port, Chromium.

The browser is Debian's chromium-headless-shell (or chromium), installed by
tests/setup_system.sh; Playwright only drives it (`playwright install` is never needed).
In CI (CI=true) a missing browser fails the tests instead of skipping them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AS_OF = dt.date(2026, 11, 24)
TOKEN = "test-token-" + "x" * 20
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def copy_examples(target: Path) -> dict[str, Path]:
    """The example workbook and dossiers in a folder of their own (the tests write next to them)."""
    target.mkdir(parents=True, exist_ok=True)
    workbook = target / "casussen.xlsx"
    shutil.copy2(EXAMPLES / "casussen.xlsx", workbook)
    shutil.copytree(EXAMPLES / "dossiers", target / "dossiers")
    return {"workbook": workbook, "dossiers": target / "dossiers", "out": target / "output",
            "outbox": target / "outbox"}


def make_settings(paths: dict[str, Path], **changes):
    from plugin.app.settings import Settings

    settings = Settings(workbook=paths["workbook"], dossiers=paths["dossiers"], out=paths["out"],
                        via=f"outbox:{paths['outbox']}", token=TOKEN, as_of=AS_OF, pdf=False)
    return replace(settings, **changes)


class LiveServer:
    """uvicorn serving create_app(settings) in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, settings):
        from plugin.app.server import make_server

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.settings = replace(settings, port=self.port)
        self.server = make_server(self.settings)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("de testserver startte niet")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        self.sock.close()


@pytest.fixture(scope="module")
def example_copy(tmp_path_factory) -> dict[str, Path]:
    return copy_examples(tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="module")
def live_server(example_copy):
    server = LiveServer(make_settings(example_copy)).start()
    yield server
    server.stop()


def find_chromium() -> str | None:
    for candidate in ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium"):
        if os.access(candidate, os.X_OK):
            return candidate
    for name in ("chromium-headless-shell", "chromium"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at Debian's Chromium."""
    executable = find_chromium()
    if executable is None:
        message = "Chromium niet gevonden: bash tests/setup_system.sh installeert chromium-headless-shell"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": executable, "args": BROWSER_ARGS}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
