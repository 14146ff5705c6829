"""While a pathological posted file is being read, the server answers everyone else within a second.

The Outlook pane posts every opened mail's attachments; anyone can e-mail the bureau. A reader
whose regular expression goes exponential holds the interpreter lock for as long as it runs,
which would stall every thread of the server, its event loop included. Posted files are read
in the readers' worker processes under their limits (plugin.services.inspect.tie_mail)."""

from __future__ import annotations

import base64
import re
import threading
import time

import httpx
import pytest

from .app_helpers import TOKEN, LiveServer, copy_examples, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
pytestmark = pytest.mark.slow


def _hold_the_lock(seconds: float = 60.0) -> None:
    """Regular-expression calls that backtrack for seconds each without letting go of the GIL."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        re.fullmatch(r"(a+)+b", "a" * 25)


@pytest.fixture()
def server(tmp_path, monkeypatch):
    from plugin.readers import guarded, rtf
    from plugin.readers.model import Limits
    from plugin.services import inspect as inspecting

    real = rtf.read

    def pathological(name, data, *args, **kwargs):
        if b"TRAAG" in data:
            _hold_the_lock()
        return real(name, data, *args, **kwargs)

    monkeypatch.setattr(rtf, "read", pathological)
    monkeypatch.setattr(inspecting, "POSTED_LIMITS", Limits(max_seconds=3.0))
    guarded.shutdown()            # the workers start anew, with the reader above
    running = LiveServer(make_settings(copy_examples(tmp_path / "data"))).start()
    yield running
    running.stop()
    guarded.shutdown()


def test_a_pathological_attachment_never_delays_another_request(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        assert c.get("/api/cases", headers=AUTH).status_code == 200     # the first overview reads the dossiers
    slow = base64.b64encode(b"{\\rtf1\\ansi TRAAG}").decode()
    answer = {}

    def post():
        with httpx.Client(base_url=server.url, timeout=120) as own:
            answer["mail"] = own.post("/api/mail", headers=AUTH, json={
                "subject": "Plan van aanpak 2025-002", "body": "Zie bijlage.",
                "attachments": [{"name": "traag.rtf", "content_base64": slow}]})

    thread = threading.Thread(target=post)
    thread.start()
    time.sleep(0.5)
    took = []
    with httpx.Client(base_url=server.url, timeout=30) as c:
        while thread.is_alive():
            started = time.monotonic()
            assert c.get("/api/workbook", headers=AUTH).status_code == 200
            took.append(time.monotonic() - started)
            time.sleep(0.2)
    thread.join()
    assert len(took) >= 5, f"the server answered only {len(took)} times while the mail was read"
    assert max(took) < 1.0, took
    data = answer["mail"].json()
    assert answer["mail"].status_code == 200 and data["case"] == "2025-002"         # the rest is still read
    assert data["unreadable"] == [{"attachment": "traag.rtf", "problem": data["unreadable"][0]["problem"]}]
    assert "te traag" in data["unreadable"][0]["problem"]

