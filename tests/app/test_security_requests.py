"""The guard against hostile requests (plugin/app/security.py, hosts.py), at the level of each cause:
names that are not loopback, changes that do not say where they come from, bodies that are not
JSON, too many headers, requests that stop arriving, and log lines a terminal would obey."""

from __future__ import annotations

import logging
import socket
import time

import httpx
import pytest

from plugin.app.hosts import host_allowed, origin_allowed

from .app_helpers import TOKEN, LiveServer, copy_examples, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PORT = 8765


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = LiveServer(make_settings(copy_examples(tmp_path_factory.mktemp("guard")))).start()
    yield running
    running.stop()


@pytest.mark.parametrize("host,allowed", [
    (f"127.0.0.1:{PORT}", True), (f"localhost:{PORT}", True), (f"LocalHost:{PORT}", True), ("localhost", True),
    (f"[::1]:{PORT}", True), (f"[0:0:0:0:0:0:0:1]:{PORT}", True), (f"[::ffff:127.0.0.1]:{PORT}", True),
    (f"127.0.0.2:{PORT}", True),                       # all of 127/8 is this computer
    (f"localhost.:{PORT}", False), ("localhost.", False),   # another name to cookies: not ours
    (f"127.1:{PORT}", False), (f"2130706433:{PORT}", False), (f"0x7f.0.0.1:{PORT}", False),
    (f"127.000.000.001:{PORT}", False), (f"x@127.0.0.1:{PORT}", False), (f"[::1:{PORT}", False),
    (f"[::2]:{PORT}", False), (f"[::ffff:10.0.0.1]:{PORT}", False), (f"127.0.0.1:{PORT}/x", False),
    (f"127.0.0.1:{PORT} ", False), (f"127.0.0.1:0{PORT}0", False), ("127.0.0.1:99999", False),
    (f"evil.example:{PORT}", False), (f"localhost.evil.example:{PORT}", False), ("", False),
    (f"127.0.0.1:{PORT + 1}", False),
])
def test_only_loopback_names_with_our_port_are_our_host(host, allowed):
    assert host_allowed(host, PORT) is allowed


@pytest.mark.parametrize("origin,allowed", [
    (f"http://127.0.0.1:{PORT}", True), (f"https://localhost:{PORT}", True), (f"http://[::1]:{PORT}", True),
    (f"http://localhost:{PORT}/", True), ("null", False), ("", False), (f"http://127.0.0.1:{PORT}/x", False),
    (f"http://u@127.0.0.1:{PORT}", False), (f"file://127.0.0.1:{PORT}", False), ("http://127.0.0.1", False),
    (f"http://localhost.:{PORT}", False), (f"http://evil.example:{PORT}", False),
])
def test_only_our_own_origin_may_change_anything(origin, allowed):
    assert origin_allowed(origin, PORT) is allowed


def test_odd_host_headers_get_403_not_500(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        for host in (f"[::1:{server.port}", f"x@127.0.0.1:{server.port}", f"localhost.:{server.port}", "\u0131ocalhost"):
            assert c.get("/api/cases", headers={**AUTH, "Host": host.encode("utf-8")}).status_code == 403
        assert c.get("/api/cases", headers={**AUTH, "Host": f"[::1]:{server.port}"}).status_code == 200


def _session(browser: httpx.Client) -> httpx.Client:
    assert browser.get(f"/?token={TOKEN}").status_code == 303   # the cookie, as a browser gets it
    return browser


def test_a_cookie_borne_change_must_say_where_it_comes_from(server, tmp_path):
    """An old browser or embedded web view posting text/plain with the cookie and neither Origin nor
    Sec-Fetch-Site: refused, and nothing is written into the dossier."""
    folder = server.settings.dossiers / "2025-002 De Vries"
    before = sorted(p.name for p in folder.iterdir())
    body = b'{"name": "csrf.txt", "content_base64": "eA=="}'
    with httpx.Client(base_url=server.url, timeout=60) as browser:
        _session(browser)
        plain = browser.post("/api/cases/2025-002/dossier", content=body, headers={"Content-Type": "text/plain"})
        assert plain.status_code == 403
        as_json = browser.post("/api/cases/2025-002/dossier", content=body,
                               headers={"Content-Type": "application/json"})
        assert as_json.status_code == 403                      # JSON, but from nowhere it says
        same_site_plain = browser.post("/api/cases/2025-002/dossier", content=body,
                                       headers={"Content-Type": "text/plain", "Sec-Fetch-Site": "same-origin"})
        assert same_site_plain.status_code == 415              # from the app, but not JSON
        other_site = browser.post("/api/inspect", json={"text": "x"}, headers={"Sec-Fetch-Site": "same-site"})
        assert other_site.status_code == 403
        assert sorted(p.name for p in folder.iterdir()) == before
        ok = browser.post("/api/inspect", json={"text": "x"}, headers={"Sec-Fetch-Site": "same-origin"})
        assert ok.status_code == 200
        ok = browser.post("/api/inspect", json={"text": "x"}, headers={"Origin": server.url})
        assert ok.status_code == 200


def test_api_changes_take_json_only(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                     "application/jsonx", ""):
            response = c.post("/api/inspect", content=b'{"text": "x"}', headers={**AUTH, "Content-Type": kind})
            assert response.status_code == 415, kind
        fine = c.post("/api/inspect", content=b'{"text": "x"}',
                      headers={**AUTH, "Content-Type": "Application/JSON; charset=utf-8"})
        assert fine.status_code == 200


def test_the_token_link_only_opens_as_a_page(server):
    """Another site cannot try tokens through an <img> or a script (Sec-Fetch-Mode no-cors)."""
    with httpx.Client(base_url=server.url, timeout=60) as c:
        assert c.get(f"/?token={TOKEN}", headers={"Sec-Fetch-Mode": "no-cors"}).status_code == 403
        assert c.get(f"/?token={TOKEN}", headers={"Sec-Fetch-Mode": "navigate"}).status_code == 303


def _raw(server, data: bytes, wait: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait) as raw:
        raw.sendall(data)
        try:
            return raw.recv(4096)
        except TimeoutError:
            return b"(no answer)"


def test_too_many_headers_is_a_431(server):
    extra = "".join(f"X-{i}: a\r\n" for i in range(500)).encode()
    answer = _raw(server, b"GET /api/cases HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\n%s\r\n"
                  % (server.port, TOKEN.encode(), extra))
    assert answer.startswith(b"HTTP/1.1 431")
    huge = b"X-Big: " + b"a" * 100_000 + b"\r\n"
    answer = _raw(server, b"GET /api/cases HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%s\r\n" % (server.port, huge))
    assert answer.startswith(b"HTTP/1.1 4") or answer == b""   # refused by the HTTP parser, never served


def test_a_body_that_stops_arriving_is_answered_408(server, monkeypatch):
    from plugin.app import security

    monkeypatch.setattr(security, "BODY_IDLE_SECONDS", 0.5)
    started = time.monotonic()
    answer = _raw(server, b"POST /api/inspect HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\n"
                          b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"te" % (server.port, TOKEN.encode()))
    assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 4


def test_headers_that_stop_arriving_close_the_connection(server, monkeypatch):
    from plugin.app import server as server_module

    monkeypatch.setattr(server_module, "HEADER_SECONDS", 0.5)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
        raw.sendall(b"GET /api/cases HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % server.port)
        time.sleep(0.2)
        raw.sendall(b"X-Slow: 1\r\n")        # a byte now and then does not keep it open
        assert raw.recv(100) == b""          # closed by the server
    assert time.monotonic() - started < 4
    with httpx.Client(base_url=server.url, timeout=60) as c:      # and the server still answers everyone else
        assert c.get("/api/cases", headers=AUTH).status_code == 200


def _logged(caplog, marker: str) -> str:
    """The log line holding marker (the server logs after the answer is sent: wait a moment for it)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        found = [r.getMessage() for r in caplog.records if r.name == "poortwachter.app" and marker in r.getMessage()]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no log line with {marker!r}")


def test_log_lines_escape_control_characters(server, caplog):
    caplog.set_level(logging.INFO, logger="poortwachter.app")
    with httpx.Client(base_url=server.url, timeout=60) as c:
        c.get("/%1b%5b31mROOD%1b%5b0m%0d%0aGET%20/nep%e2%80%ae", headers=AUTH)
    line = _logged(caplog, "ROOD")
    assert "\x1b" not in line and "\r" not in line and "\n" not in line and "\u202e" not in line
    assert "\\x1b[31mROOD" in line and "\\u202e" in line
    with httpx.Client(base_url=server.url, timeout=60) as c:
        c.get("/" + "x" * 40_000, headers=AUTH)
    assert len(_logged(caplog, "xxxx")) < 400


def test_a_client_that_leaves_mid_body_is_no_crash(server, caplog):
    caplog.set_level(logging.INFO, logger="poortwachter.app")
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
        raw.sendall(b"POST /api/inspect HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\n"
                    b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"te" % (server.port, TOKEN.encode()))
        time.sleep(0.3)
    time.sleep(0.5)
    assert not [r for r in caplog.records if "onverwachte fout" in r.getMessage()]


@pytest.mark.parametrize("path,status", [
    ("/api/cases/%00", 404), ("/api/cases/2025%E2%80%90002", 404),          # NUL; U+2010, a hyphen look-alike
    ("/api/cases/%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95-002", 404),             # full-width digits
    ("/api/cases/..%2f..%2fetc%2fpasswd", 404), ("/cases/%1b%5b31m", 404),
    ("/api/cases/2025-002/output/a%00b.docx", 400),
    ("/api/cases/2025-002/output/%C0%AE%C0%AE%C0%AFcasussen.xlsx", 404),    # overlong UTF-8 for '../'
    ("/api/cases/2025-002/output/%E2%80%AEx.docx", 400),                    # right-to-left override
])
def test_odd_paths_are_a_plain_404_or_400(server, path, status):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        assert c.get(path, headers=AUTH).status_code == status
