"""What the app's tests share: the example data copied aside, settings, and the real server in a thread.

A module of its own (not conftest.py), so test files can import it by a name no other
conftest.py in the suite shadows.
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

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AS_OF = dt.date(2026, 11, 24)
TOKEN = "test-token-0123456789abcdefghijklmnop"
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
                        via=f"outbox:{paths['outbox']}", token=TOKEN, as_of=AS_OF, pdf=False,
                        cache=paths["workbook"].parent / "scancache.sqlite")
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



def find_chromium() -> str | None:
    for candidate in ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium"):
        if os.access(candidate, os.X_OK):
            return candidate
    for name in ("chromium-headless-shell", "chromium"):
        found = shutil.which(name)
        if found:
            return found
    return None
