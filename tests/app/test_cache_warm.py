"""The app's case pages and its check job share one scan cache and keep it warm for each other:
a case page reads one case's folders and forgets nothing of the others (issue 19: it used to
prune every row it had not listed, so the next check ran cold), and the check job, which
reports progress batch by batch, never prunes one batch's rows in the next."""

from __future__ import annotations

import time

import pytest

from plugin.app.checking import CheckJobs
from plugin.check import cache as cache_module
from plugin.services.cases import case_detail
from plugin.services.sources import Sources
from plugin.workbook.load import load_workbook

from .app_helpers import AS_OF, copy_examples


@pytest.fixture()
def sources(tmp_path):
    copied = copy_examples(tmp_path / "voorbeeld")
    return Sources(load_workbook(copied["workbook"]), copied["dossiers"], cache=tmp_path / "scancache.sqlite",
                   as_of=AS_OF)


@pytest.fixture()
def stats(monkeypatch):
    """The counts of every scan cache closed, in order (the job runs in a thread of its own)."""
    seen: list[dict] = []
    close = cache_module.ScanCache.close

    def recording_close(self):
        seen.append(dict(self.stats))
        close(self)
    monkeypatch.setattr(cache_module.ScanCache, "close", recording_close)
    return seen


def _job(sources: Sources):
    jobs = CheckJobs()
    job = jobs.start(sources)
    deadline = time.monotonic() + 120
    while job.state == "running" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert job.state == "done", job.error
    return job


def test_case_pages_and_the_check_job_keep_the_cache_warm_for_each_other(sources, stats):
    first = _job(sources)
    files = first.files
    assert stats[-1]["read"] + stats[-1]["same_content"] == files and files > 10

    for case in ("2025-001", "2025-002", "2026-007"):
        case_detail(sources, case)                   # the app's case page
        assert stats[-1]["read"] == stats[-1]["same_content"] == stats[-1]["pruned"] == 0
        assert stats[-1]["cached"] > 0

    again = _job(sources)                            # warm after the case pages: nothing read again
    assert stats[-1] == {"cached": files, "same_content": 0, "read": 0, "pruned": 0}
    assert [c.verdict for c in again.result.cases] == [c.verdict for c in first.result.cases]

    detail = case_detail(sources, "2025-002")        # and the case page after the job
    assert stats[-1]["read"] == 0 and detail.documents


def test_a_deleted_file_is_forgotten_by_the_check_job_and_never_served_by_a_case_page(sources, stats):
    _job(sources)
    folder = next(p for p in sorted(sources.dossiers.iterdir()) if p.name.startswith("2025-002"))
    victim = sorted(p for p in folder.iterdir() if p.is_file())[0]
    victim.unlink()
    detail = case_detail(sources, "2025-002")
    assert all(d.path.rsplit("/", 1)[-1] != victim.name for d in detail.documents)
    assert stats[-1]["pruned"] == 1                  # its own folder was listed whole: its row goes
    _job(sources)
    assert stats[-1]["pruned"] == 0 and stats[-1]["read"] == 0
