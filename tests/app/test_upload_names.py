"""Upload names (plugin/services/dossier.py check_name): limited in bytes, no controls, no bidi tricks."""

from __future__ import annotations

import base64

import pytest
from starlette.testclient import TestClient

from plugin.errors import UsageError
from plugin.services.dossier import MAX_NAME_BYTES, check_name

from .app_helpers import TOKEN, copy_examples, make_settings

REFUSED = [
    "é" * 128 + ".txt",                  # 132 characters, 260 bytes
    "a" * 252 + ".txt",                  # 256 bytes
    "\U0001F600" * 64 + ".txt",          # emoji: 4 bytes each
    "rapport\x85.pdf", "rapport\x9b31m.pdf", "rapport\x7f.pdf", "rapport\x1b[31m.pdf", "a\tb.txt", "a\nb.txt",
    "verslag\u202egpj.exe", "verslag\u202d.pdf", "verslag\u202a.pdf", "\u2066x\u2069.pdf", "x\u2067.pdf",
    "a\u200e.pdf", "a\u200f.pdf", "a\u061c.pdf",
    "a\ud800.pdf",                       # a lone surrogate: no file system can hold it
]
ACCEPTED = ["a" * 251 + ".txt", "é" * 125 + ".txt", "Verslag Zoë – plan (2).pdf", "報告.pdf", "شهادة.pdf"]


@pytest.mark.parametrize("name", REFUSED, ids=lambda n: repr(n[:20]))
def test_names_past_the_byte_limit_or_with_controls_are_refused(name):
    with pytest.raises(UsageError):
        check_name(name)


@pytest.mark.parametrize("name", ACCEPTED, ids=lambda n: repr(n[:20]))
def test_ordinary_names_up_to_255_bytes_are_kept(name):
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert check_name(name) == name


def test_over_255_bytes_is_a_400_and_a_255_byte_name_is_saved(tmp_path):
    from plugin.app.server import create_app

    paths = copy_examples(tmp_path / "data")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    content = base64.b64encode(b"notitie").decode()
    with TestClient(create_app(make_settings(paths)), base_url="http://127.0.0.1:8000") as c:
        long_name = "é" * 128 + ".txt"
        response = c.post("/api/cases/2025-002/dossier", json={"name": long_name, "content_base64": content},
                          headers=auth)
        assert response.status_code == 400 and "bytes" in response.json()["error"]
        fits = "é" * 125 + ".txt"
        saved = c.post("/api/cases/2025-002/dossier", json={"name": fits, "content_base64": content}, headers=auth)
        assert saved.status_code == 201, saved.text
    assert (paths["dossiers"] / "2025-002 De Vries" / fits).read_bytes() == b"notitie"


def test_a_path_past_the_file_system_limit_is_a_400(tmp_path, monkeypatch):
    from plugin.services import dossier

    monkeypatch.setattr(dossier, "MAX_PATH_BYTES", 60)
    with pytest.raises(UsageError, match="pad wordt te lang"):
        dossier.check_path(tmp_path / ("x" * 70))
