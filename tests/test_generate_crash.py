"""Generation near the floor keeps every guarantee: a killed run leaves only whole documents (each
file appears complete or not at all, also through O_TMPFILE + linkat), never overwrites, and
the AVG guard still reads every line of a part, also across breaks and tabs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from plugin.errors import OutputExists
from plugin.output import atomic_file, write_atomic

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))


@pytest.mark.slow
def test_a_killed_generation_leaves_only_whole_documents(tmp_path):
    from synthetic import write_workbook

    workbook = write_workbook(tmp_path / "casussen.xlsx", 120)
    out = tmp_path / "uit"
    run = subprocess.Popen([sys.executable, "-m", "plugin", "generate", str(workbook), "--out", str(out)], cwd=REPO,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.rglob("*.docx"))) < 40:
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait()
    time.sleep(0.5)   # the pool's workers die with their parent's pipe
    written = list(out.rglob("*.docx"))
    assert 40 <= len(written) < 850, len(written)   # killed halfway
    for path in written:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None and b"<w:body" in archive.read("word/document.xml"), path
    assert not [p for p in out.rglob("*") if p.is_file() and p.suffix != ".docx"]   # nothing half-made left
    again = subprocess.run([sys.executable, "-m", "plugin", "generate", str(workbook), "--out", str(out)], cwd=REPO,
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    import re

    kept = re.search(r"(\d+) bestonden al(?:, (\d+) eenmalig en al aanwezig)?", again.stdout)
    assert kept and int(kept.group(1)) + int(kept.group(2) or 0) == len(written)   # kept, never overwritten


def test_a_report_written_as_a_stream_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "rapport.json"
    with pytest.raises(RuntimeError):
        with atomic_file(target) as handle:
            handle.write(b'{"half": ')
            raise RuntimeError("the check stopped")
    assert not target.exists() and not list(tmp_path.iterdir())
    with atomic_file(target) as handle:
        handle.write(b"{}")
    assert target.read_bytes() == b"{}" and os.stat(target).st_mode & 0o777 == 0o600
    with pytest.raises(OutputExists):
        write_atomic(target, b"[]")
    assert target.read_bytes() == b"{}"
    write_atomic(target, b"[]", force=True)
    assert target.read_bytes() == b"[]" and sorted(p.name for p in tmp_path.iterdir()) == ["rapport.json"]


def test_a_file_system_without_unnamed_files_gets_named_temporary_files(tmp_path, monkeypatch):
    from plugin import output

    monkeypatch.setattr(output, "_linkat", lambda fd, path: (_ for _ in ()).throw(OSError(18, "EXDEV")))
    monkeypatch.setattr(output, "_NO_TMPFILE", set())
    write_atomic(tmp_path / "a.docx", b"eerste")
    write_atomic(tmp_path / "b.docx", b"tweede")   # the device is known now: named from the start
    assert (tmp_path / "a.docx").read_bytes() == b"eerste" and (tmp_path / "b.docx").read_bytes() == b"tweede"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.docx"]


@pytest.mark.parametrize("value", ["Afspraken gemaakt.\ndiabetes", "werkhervatting\tdiabetes"])
def test_the_guard_reads_words_on_either_side_of_a_break_or_tab(tmp_path, value):
    """The one-parse text of a part keeps breaks and tabs as word boundaries: a diagnosis right
    after a line break in a value is still a word of its own, and still found."""
    import docx

    from plugin.core.privacy import find_in_parts
    from plugin.documents.render import CompiledTemplate

    document = docx.Document()
    paragraph = document.add_paragraph("Samenvatting: {{ tekst }}")
    paragraph.add_run().add_tab()
    paragraph.add_run("einde")
    path = tmp_path / "sjabloon.docx"
    document.save(path)
    rendered = CompiledTemplate(path).render({"tekst": value}, {"Casusnummer": "C-1"})
    hits = find_in_parts(rendered.parts_to_check(False))
    assert [hit.term.lower() for hit in hits] == ["diabetes"], rendered.parts
    body = dict(rendered.parts)["hoofdtekst"]
    assert "diabetes" in body.split() and body.rstrip().endswith("einde")


def test_one_sync_per_case_writes_each_file_or_says_why(tmp_path):
    from plugin.output import write_many

    (tmp_path / "zaak").mkdir()
    (tmp_path / "zaak" / "bestaat.docx").write_bytes(b"met de hand bewerkt")
    results = write_many([(tmp_path / "zaak" / "nieuw.docx", b"nieuw"),
                          (tmp_path / "zaak" / "bestaat.docx", b"overschreven?"),
                          (tmp_path / "andere" / "ook.docx", b"ook")])
    assert results[0] is None and isinstance(results[1], OutputExists) and results[2] is None
    assert (tmp_path / "zaak" / "bestaat.docx").read_bytes() == b"met de hand bewerkt"
    assert (tmp_path / "zaak" / "nieuw.docx").read_bytes() == b"nieuw"
    assert (tmp_path / "andere" / "ook.docx").read_bytes() == b"ook"
    assert write_many([(tmp_path / "zaak" / "bestaat.docx", b"nu wel")], force=True) == [None]
    assert (tmp_path / "zaak" / "bestaat.docx").read_bytes() == b"nu wel"
    assert sorted(p.name for p in (tmp_path / "zaak").iterdir()) == ["bestaat.docx", "nieuw.docx"]


def test_a_generation_stopped_early_writes_nothing_more(tmp_path):
    """run_plan's pool lives on between runs, but a caller that stops reading stops the work."""
    from synthetic import write_workbook

    from plugin.documents.generate import plan_jobs, run_plan
    from plugin.workbook.load import load_workbook

    book = load_workbook(write_workbook(tmp_path / "casussen.xlsx", 60))
    plan = plan_jobs(book, tmp_path / "uit")
    outcomes = run_plan(book, plan, workers=2)
    next(outcomes)
    outcomes.close()
    time.sleep(1.0)
    count = len(list((tmp_path / "uit").rglob("*.docx")))
    time.sleep(1.0)
    assert len(list((tmp_path / "uit").rglob("*.docx"))) == count < len(plan.jobs)
    again = [o for batch in run_plan(book, plan_jobs(book, tmp_path / "opnieuw"), workers=2) for o in batch]
    assert all(o.status == "written" for o in again)   # the next run gets a new pool
