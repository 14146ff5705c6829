"""`poortwachter serve` as a user starts it: a real process, the printed link, http and https."""

from __future__ import annotations

import os
import ssl
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .app_helpers import EXAMPLES, REPO


def start(args: list[str], env_token: str | None = None, printed: list[str] | None = None,
          port: int = 0) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if env_token:
        env["POORTWACHTER_TOKEN"] = env_token
    process = subprocess.Popen([sys.executable, "-m", "plugin", "serve", *args, "--no-browser", "--port", str(port)],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    output = ""
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        output += line
        match = re.search(r"(https?://127\.0\.0\.1:\d+)/\?token=(\S+)", line)
        if match:
            if printed is not None:
                printed.append(output)
            return process, match.group(0)
    process.kill()
    raise AssertionError(f"serve printed no link:\n{output}")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def test_serve_prints_a_link_that_opens_the_app(tmp_path):
    process, link = start([str(EXAMPLES / "casussen.xlsx"), "--dossiers", str(EXAMPLES / "dossiers"),
                           "--out", str(tmp_path / "out")], env_token="script-token-0123456789abcdefghijkl")
    try:
        base, token = link.split("/?token=")
        assert token == "script-token-0123456789abcdefghijkl"           # POORTWACHTER_TOKEN sets it for scripts
        assert httpx.get(f"{base}/api/cases").status_code == 401
        rows = httpx.get(f"{base}/api/cases", headers={"Authorization": f"Bearer {token}"}, timeout=120).json()
        assert len(rows) == 8   # the folder without a workbook row is a case too
        with httpx.Client(timeout=120) as browser:
            assert browser.get(link, follow_redirects=True).status_code == 200   # the redirect sets the cookie
    finally:
        stop(process)
    assert process.returncode == 0   # Ctrl+C is the normal way to stop


def test_serve_makes_a_new_token_each_start(tmp_path):
    links = []
    for _ in range(2):
        process, link = start([str(EXAMPLES / "casussen.xlsx"), "--out", str(tmp_path / "out")])
        stop(process)
        links.append(link.split("token=")[1])
    assert links[0] != links[1] and min(len(t) for t in links) >= 40


def test_serve_over_https_with_the_addins_certificate(tmp_path):
    pytest.importorskip("cryptography")
    process, link = start([str(EXAMPLES / "casussen.xlsx"), "--out", str(tmp_path / "out"), "--https",
                           "--certs", str(tmp_path / "certs")])
    try:
        assert link.startswith("https://127.0.0.1:")
        base, token = link.split("/?token=")
        cert = next((tmp_path / "certs").glob("*.crt"))
        response = httpx.get(f"{base}/api/cases", headers={"Authorization": f"Bearer {token}"}, verify=ssl.create_default_context(cafile=str(cert)), timeout=120)
        assert response.status_code == 200
        with httpx.Client(verify=ssl.create_default_context(cafile=str(cert))) as browser:
            first = browser.get(link, follow_redirects=False)
            assert "Secure" in first.headers["set-cookie"]
    finally:
        stop(process)


def test_serve_with_a_missing_workbook_says_so(tmp_path):
    done = subprocess.run([sys.executable, "-m", "plugin", "serve", str(tmp_path / "nope.xlsx"), "--no-browser"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "werkmap niet gevonden" in done.stderr


def test_serve_https_on_a_busy_port_says_how_to_point_the_addins_at_the_new_one(tmp_path):
    pytest.importorskip("cryptography")
    import socket

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    taken = busy.getsockname()[1]
    printed: list[str] = []
    try:
        process, link = start([str(EXAMPLES / "casussen.xlsx"), "--out", str(tmp_path / "out"), "--https",
                               "--certs", str(tmp_path / "certs")], printed=printed, port=taken)
        stop(process)
    finally:
        busy.close()
    port = int(re.search(r":(\d+)/", link).group(1))
    assert port != taken
    assert f"Poort {taken} is bezet" in printed[0]
    assert f"addin manifest --word --url https://localhost:{port}" in printed[0]


def test_serve_on_port_0_does_not_call_it_busy(tmp_path):
    printed: list[str] = []
    process, _ = start([str(EXAMPLES / "casussen.xlsx"), "--out", str(tmp_path / "out")], printed=printed)
    stop(process)
    assert "bezet" not in printed[0]
