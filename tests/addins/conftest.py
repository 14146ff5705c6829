"""The add-in tests: the real app (plugin.app.server) over https on loopback, Debian's Chromium
through Playwright, and a stub Office injected before each task pane loads.

Nothing leaves the machine: office.js from Microsoft's CDN is answered with an empty script,
any other request that is not to our server is aborted and recorded, and every test asserts
that there were none.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
STUB = (Path(__file__).resolve().parent / "office_stub.js").read_text(encoding="utf-8")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium",
            "/usr/lib/chromium/chromium-headless-shell")
AS_OF = dt.date(2026, 3, 16)
TOKEN = "addin-test-token-0123456789abcdef"


def chromium_path() -> str | None:
    return next((p for p in CHROMIUM if os.access(p, os.X_OK)), None)


@pytest.fixture(autouse=True)
def patient_expectations():
    """The real server reads dossiers (PDF, mail, sometimes OCR) on a machine shared by many jobs:
    give each expectation time here (they return as soon as the page shows what is expected),
    and put Playwright's default back for the other tests."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (tests/setup_system.sh installs it); CI must run the add-in tests")
        pytest.skip("Chromium from Debian's packages is not installed (run tests/setup_system.sh)")
    return {**browser_type_launch_args, "executable_path": path, "headless": True,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]}


@pytest.fixture
def browser_context_args(browser_context_args):
    # The server's certificate is self-signed (the user trusts it once); the test browser does not ask.
    return {**browser_context_args, "ignore_https_errors": True, "viewport": {"width": 380, "height": 1000},
            "service_workers": "block"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Running:
    url: str
    token: str
    work: Path
    dossiers: Path
    out: Path
    settings: object


@pytest.fixture
def workbook_source() -> Path:
    """The workbook the server gets a copy of; a test module may override this fixture."""
    return REPO / "examples" / "casussen.xlsx"


@pytest.fixture
def server(tmp_path, workbook_source):
    """The real app on https://localhost:PORT with a copy of the workbook and the example dossiers."""
    from plugin.addins.certs import ensure_certificate
    from plugin.app.server import make_server
    from plugin.app.settings import Settings

    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(workbook_source, work / "casussen.xlsx")
    shutil.copytree(REPO / "examples" / "dossiers", work / "dossiers")
    port = free_port()
    settings = Settings(workbook=work / "casussen.xlsx", dossiers=work / "dossiers", out=work / "output",
                        token=TOKEN, port=port, as_of=AS_OF, https=True)
    uvicorn_server = make_server(settings, certs=ensure_certificate(tmp_path / "certs"))
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("de testserver startte niet")
        time.sleep(0.05)
    try:
        yield Running(f"https://localhost:{port}", TOKEN, work, work / "dossiers", work / "output", settings)
    finally:
        uvicorn_server.should_exit = True
        thread.join(10)


@dataclass
class Pane:
    page: object
    external: list = field(default_factory=list)
    office_js: list = field(default_factory=list)

    def calls(self) -> dict:
        return self.page.evaluate("() => JSON.parse(JSON.stringify(window.__calls))")

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def open_pane(server, page):  # server first: the browser closes before the server stops
    """open_pane('word.html', config) -> Pane: the stub Office, the network fence, then the page."""
    panes: list[Pane] = []

    def opener(name: str, config: dict, token: str | None = TOKEN) -> Pane:
        pane = Pane(page)
        panes.append(pane)

        def route(request_route):
            url = request_route.request.url
            if url == OFFICE_JS:
                pane.office_js.append(url)
                return request_route.fulfill(status=200, content_type="text/javascript", body="/* office.js stub */")
            if url.startswith(server.url + "/"):
                return request_route.continue_()
            pane.external.append(url)
            return request_route.abort()

        page.route("**/*", route)
        page.add_init_script(script=f"window.__officeConfig = {json.dumps(config)};")
        page.add_init_script(script=STUB)
        suffix = f"#token={token}" if token else ""
        page.goto(f"{server.url}/addin/{name}{suffix}")
        return pane

    yield opener
    for pane in panes:
        assert pane.external == [], f"external requests were made: {pane.external}"
        assert pane.office_js, "the pane did not ask for Microsoft's office.js"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
