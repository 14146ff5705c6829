"""The /addin/ routes inside the real app: public pages without data, the API behind the token."""

from __future__ import annotations

import datetime as dt
import json
import re
import pytest

from addins.conftest import REPO

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")


@pytest.fixture
def client(tmp_path):
    from starlette.testclient import TestClient

    from plugin.app.server import create_app
    from plugin.app.settings import Settings

    settings = Settings(workbook=REPO / "examples" / "casussen.xlsx", dossiers=REPO / "examples" / "dossiers",
                        out=tmp_path / "out", token="web-token-0123456789abcdefghijklmnop", port=80, as_of=dt.date(2026, 3, 16))
    from plugin.addins.web import EXTENSION

    return TestClient(create_app(settings, (EXTENSION,)), base_url="http://127.0.0.1")


@pytest.mark.parametrize("page", ["word.html", "outlook.html"])
def test_pane_pages_load_without_token_and_carry_the_library_config(client, page):
    response = client.get(f"/addin/{page}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    html = response.text
    assert '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>' in html
    # Nothing else external: every other src/href is our own.
    externals = [u for u in re.findall(r'(?:src|href)="([^"]+)"', html) if not u.startswith(("/addin/", "#"))]
    assert externals == ["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]
    config = json.loads(re.search(r'<script id="pw-config" type="application/json">(.*?)</script>', html, re.S)[1])
    assert {"type": "plan-van-aanpak", "title": "Plan van aanpak", "title_en": "Plan of action"} in config["choices"]
    assert config["milestones"]["42e-weekmelding"] == "42e_weekmelding"
    assert config["labels"]["trajectplan"] == ["Trajectplan", "Second-track plan"]


def test_static_files_and_pages_are_public_but_the_api_is_not(client):
    for path in ("/addin/static/common.js", "/addin/static/pane.css", "/addin/static/icon-80.png",
                 "/addin/commands.html", "/addin/help"):
        assert client.get(path).status_code == 200, path
    assert client.get("/api/cases").status_code == 401
    assert client.get("/api/cases", headers={"Authorization": "Bearer web-token-0123456789abcdefghijklmnop"}).status_code == 200
    assert client.get("/addin/static/%2e%2e/%2e%2e/app/settings.py").status_code in (401, 404)


def test_no_script_in_the_pages_is_inline_except_the_config(client):
    for page in ("word.html", "outlook.html", "commands.html"):
        html = client.get(f"/addin/{page}").text
        inline = [s for s in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)]
        assert all('type="application/json"' in attrs for attrs in inline), (page, inline)


def _policy(header: str) -> dict[str, str]:
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("page", ["word.html", "outlook.html", "commands.html", "help"])
def test_pages_carry_the_apps_csp_with_only_what_office_needs(client, page):
    from plugin.app.security import PAGE_HEADERS

    app = _policy(dict(PAGE_HEADERS)[b"content-security-policy"].decode())
    response = client.get(f"/addin/{page}")
    pane = _policy(response.headers["content-security-policy"])
    changed = {"script-src", "frame-src", "frame-ancestors"}
    assert {k: v for k, v in pane.items() if k not in changed} == {k: v for k, v in app.items() if k not in changed}
    assert pane["script-src"] == "'self' https://appsforoffice.microsoft.com"
    assert pane["frame-src"] == "https://appsforoffice.microsoft.com"
    assert pane["frame-ancestors"] == "'self' https:"   # Office on the web frames the pane; never http
    assert "x-frame-options" not in response.headers   # DENY would keep the pane out of Office on the web
    # The app's own pages keep theirs.
    assert _policy(client.get("/", headers={"Authorization": "Bearer web-token-0123456789abcdefghijklmnop"}).headers["content-security-policy"]) == app


def test_config_cannot_end_its_script_block(client, monkeypatch):
    """The pages are rendered with autoescape; the JSON block is escaped for <script> (tojson)."""
    from plugin.addins import web

    monkeypatch.setattr(web, "pane_config", lambda *_: {"x": "</script><script>alert(1)</script> & 'q'"})
    html = client.get("/addin/word.html").text
    block = re.search(r'<script id="pw-config" type="application/json">(.*?)</script>', html, re.S)[1]
    assert json.loads(block) == {"x": "</script><script>alert(1)</script> & 'q'"}
    assert "alert(1)</script>" not in html
