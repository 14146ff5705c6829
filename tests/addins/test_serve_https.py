"""End to end: `poortwachter serve --https` with our certificate, verified as Office would once it is trusted."""

from __future__ import annotations

import json
import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from addins.conftest import REPO

pytestmark = pytest.mark.slow


def test_serve_https_presents_the_trusted_localhost_certificate(tmp_path):
    port = _free_port()
    certs = tmp_path / "certs"
    env = {**os.environ, "POORTWACHTER_TOKEN": "https-test-token-0123456789abcdefghij"}
    process = subprocess.Popen([sys.executable, "-m", "plugin", "serve", str(REPO / "examples" / "casussen.xlsx"),
                                "--dossiers", str(REPO / "examples" / "dossiers"), "--out", str(tmp_path / "out"),
                                "--https", "--certs", str(certs), "--port", str(port), "--no-browser"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # The client trusts exactly our certificate, and checks the host name, as Word does after `addin certs`.
        context = ssl.create_default_context(cafile=_wait_for(certs / "poortwachter-localhost.crt"))
        page = _get(f"https://localhost:{port}/addin/word.html", context)
        assert "office.js" in page
        cases = json.loads(_get(f"https://localhost:{port}/api/cases", context, token="https-test-token-0123456789abcdefghij"))
        assert {row["case"] for row in cases} >= {"2025-001", "2025-003"}
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(f"https://localhost:{port}/api/cases", context)
        assert refused.value.code == 401
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    output = process.stdout.read()
    assert f"https://127.0.0.1:{port}/" in output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(path, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} was not written")
        time.sleep(0.1)
    return str(path)


def _get(url: str, context, token: str | None = None, seconds: float = 60) -> str:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(request, context=context, timeout=30) as response:
                return response.read().decode("utf-8")
        except urllib.error.URLError as exc:
            if isinstance(exc, urllib.error.HTTPError) or time.monotonic() > deadline:
                raise
            time.sleep(0.2)   # not listening yet
