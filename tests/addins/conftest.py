"""The add-in tests: the real app (plugin.app.server) over https on loopback, Debian's Chromium
through Playwright, Microsoft's own office.js, and the host's side of Office (office_stub.js).

Nothing leaves the machine: office.js from Microsoft's CDN, and the files it loads from beside
itself, are answered from the npm package @microsoft/office-js (installed by tests/run.sh into
tests/addins/node/node_modules); any other request that is not to our server is aborted and
recorded, and every test asserts that there were none, and that the page's Content-Security-
Policy refused nothing.
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
OFFICE_FOLDER = OFFICE_JS.rsplit("/", 1)[0] + "/"
NODE = Path(__file__).resolve().parent / "node"
OFFICE_DIST = NODE / "node_modules" / "@microsoft" / "office-js" / "dist"
# office.js opens a frame to Microsoft's telemetry service; the panes' policy refuses it on purpose
# (nothing leaves the computer but the request for office.js itself).
# (the browser reports the blocked address whole or as its origin only).
EXPECTED_REFUSAL = "frame-src https://telemetryservice.firstpartyapps.oaspapps.com"
CSP_WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.effectiveDirective + " " + e.blockedURI);
});"""
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


def need_node_package(path: Path, what: str) -> None:
    """The npm packages the add-in tests use; in CI their absence is a failure, not a skip."""
    if path.exists():
        return
    message = (f"{what} is not installed ({path}); tests/run.sh installs it "
               f"(cd tests/addins/node && npm ci)")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def office_dist() -> Path:
    need_node_package(OFFICE_DIST / "office.js", "Microsoft's office.js (npm @microsoft/office-js)")
    return OFFICE_DIST


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
    from plugin.addins.web import EXTENSION

    uvicorn_server = make_server(settings, certs=ensure_certificate(tmp_path / "certs"), extensions=(EXTENSION,))
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
    errors: list = field(default_factory=list)

    def calls(self) -> dict:
        return self.page.evaluate("() => JSON.parse(JSON.stringify(window.__calls))")

    def csp_violations(self) -> list:
        return self.page.evaluate("() => window.__csp || []")

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def open_pane(server, page, office_dist):  # server first: the browser closes before the server stops
    """open_pane('word.html', config) -> Pane: the network fence, office.js, the host (unless config
    is None: a plain browser), then the page. answer(path, handler) lets a test change one API answer."""
    panes: list[Pane] = []

    def opener(name: str, config: dict | None, token: str | None = TOKEN, address: str | None = None) -> Pane:
        pane = Pane(page)
        panes.append(pane)

        def route(request_route):
            url = request_route.request.url
            if url.startswith(OFFICE_FOLDER):
                # office.js, and what it loads from beside itself, from Microsoft's npm package.
                pane.office_js.append(url)
                target = (office_dist / url[len(OFFICE_FOLDER):].split("?")[0]).resolve()
                if office_dist.resolve() in target.parents and target.is_file():
                    return request_route.fulfill(status=200, content_type="text/javascript", body=target.read_bytes())
                pane.external.append(url)   # a file the package does not have: office.js wanted more than we know
                return request_route.fulfill(status=404, body="")
            if url.startswith(server.url + "/"):
                return request_route.fallback()
            pane.external.append(url)
            return request_route.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda error: pane.errors.append(str(error)))
        page.add_init_script(script=CSP_WATCH)
        page.add_init_script(script=f"window.__officeConfig = {json.dumps(config)};")
        page.add_init_script(script=STUB)
        suffix = f"#token={token}" if token else ""
        page.goto(address or f"{server.url}/addin/{name}{suffix}")
        return pane

    yield opener
    for pane in panes:
        assert pane.external == [], f"external requests were made: {pane.external}"
        assert pane.office_js and pane.office_js[0] == OFFICE_JS, "the pane did not ask for Microsoft's office.js"
        assert pane.errors == [], f"the page threw: {pane.errors}"
        refused = [v for v in pane.csp_violations() if not v.startswith(EXPECTED_REFUSAL)]
        assert refused == [], f"the page's Content-Security-Policy refused: {refused}"


def answer_with(page, server, path: str, change) -> None:
    """Let the real server answer GET path, then change its JSON with change(data) -> data (a test's API stub).
    Routes added later win over the network fence, which they fall back to for everything else."""
    def route(request_route):
        if request_route.request.url.split("?")[0] != f"{server.url}{path}":
            return request_route.fallback()
        response = request_route.fetch()
        data = change(response.json())
        return request_route.fulfill(response=response, json=data)

    page.route(f"{server.url}{path}*", route)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
