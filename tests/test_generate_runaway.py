"""A user template that never ends (a loop in a loop) must not hold the server: in the server's
way of generating (guarded), the document is refused with a reason after the time limit, and
the next document is made as usual."""

from __future__ import annotations

import datetime as dt
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from plugin.documents import generate
from plugin.errors import PoortwachterError
from plugin.readers.model import Limits
from plugin.services import generation
from plugin.workbook.load import load_workbook

REPO = Path(__file__).resolve().parents[1]
RUNAWAY = "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}"
TODAY = dt.date(2026, 12, 1)


def _with_runaway_loop(source: Path, target: Path) -> None:
    """The template with the endless loop as the text of its first run."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index("<w:t", text.index("<w:body"))
                start = text.index(">", start) + 1
                data = (text[:start] + RUNAWAY + text[start:]).encode("utf-8")
            new.writestr(item, data)


@pytest.mark.slow
def test_a_template_that_never_ends_is_stopped_and_the_next_document_is_made(tmp_path, monkeypatch):
    templates = tmp_path / "sjablonen"
    shutil.copytree(REPO / "templates", templates)
    _with_runaway_loop(REPO / "templates" / "nl" / "trajectplan.docx", templates / "nl" / "trajectplan.docx")
    monkeypatch.setattr(generate, "GENERATION_LIMITS", Limits(max_seconds=3.0))
    workbook = load_workbook(REPO / "examples" / "casussen.xlsx")
    out = tmp_path / "uit"

    started = time.monotonic()
    with pytest.raises(PoortwachterError) as refused:
        generation.generate_one(workbook, "2025-001", "trajectplan", out, templates, today=TODAY, guarded=True)
    assert time.monotonic() - started < 60
    assert "niet (helemaal) gemaakt" in str(refused.value)
    assert not list(out.rglob("*Trajectplan*.docx"))            # nothing half-made

    made = generation.generate_one(workbook, "2025-001", "probleemanalyse", out, templates, today=TODAY,
                                   guarded=True)
    assert made.path.is_file() and zipfile.is_zipfile(made.path)
