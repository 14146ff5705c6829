"""The dossier check in the background, so the check page can show its progress.

Each job runs the one check (plugin.services.check.run_check) in a thread and keeps the
result in memory for the downloads (xlsx/docx). Results hold no medical content (types,
dates, file names), so keeping them is safe.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from plugin.app.problems import AppError, as_app_error
from plugin.check.findings import CheckResult
from plugin.check.reporters import FORMATS
from plugin.check.reporters.json_report import as_dict
from plugin.check.run import dossier_files, subfolders
from plugin.errors import PoortwachterError
from plugin.services.check import NO_EVIDENCE, run_check
from plugin.services.sources import Sources

KEEP_JOBS = 20
RUNNING = threading.BoundedSemaphore(2)   # checks at once; the rest wait their turn (plugin.app.work)


def report_bytes(result: CheckResult, fmt: str) -> bytes:
    output = FORMATS[fmt].render(result)
    return output if isinstance(output, bytes) else output.encode("utf-8")


@dataclass
class Job:
    id: str
    state: str = "running"            # running | done | error
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    files: int = 0
    folders: int = 0
    done: int = 0                     # files read so far
    result: CheckResult | None = None
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    def progress(self, done: int, total: int) -> None:
        self.done, self.files = done, total

    def to_json(self) -> dict:
        end = self.finished or time.monotonic()
        data = {"job": self.id, "state": self.state, "seconds": round(end - self.started, 1), "files": self.files,
                "done": self.files if self.state == "done" else self.done, "folders": self.folders,
                "error": self.error, "notes": list(self.notes)}
        if self.result is not None:
            data["result"] = as_dict(self.result)
        return data


class CheckJobs:
    def __init__(self):
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, sources: Sources) -> Job:
        if not sources.has_evidence:
            raise AppError(409, NO_EVIDENCE)
        job = Job(secrets.token_hex(8))
        root = sources.dossiers
        if root is not None and Path(root).is_dir():   # known at once, so the page can show "0 / 312"
            job.folders = len(subfolders(Path(root)))
            job.files = len(dossier_files(Path(root)))
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-KEEP_JOBS]:
                del self._jobs[old]

        def work():
            try:
                with RUNNING:   # a burst of jobs queues here instead of running all at once
                    report = run_check(sources, progress=job.progress)
                job.result, job.notes, job.state = report.result, report.notes, "done"
            except PoortwachterError as exc:
                job.error, job.state = as_app_error(exc).message, "error"
            except Exception as exc:  # noqa: BLE001 - shown on the page; the class only, no content
                job.error, job.state = f"onverwachte fout ({type(exc).__name__})", "error"
            finally:
                job.finished = time.monotonic()

        threading.Thread(target=work, name=f"check-{job.id}", daemon=True).start()
        return job

    def get(self, job_id: str) -> Job:
        job = self._jobs.get(job_id)
        if job is None:
            raise AppError(404, "deze controle is niet (meer) bekend; start een nieuwe")
        return job
