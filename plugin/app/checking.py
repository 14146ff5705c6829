"""The dossier check in the background, so the check page can show its progress.

Each job runs the one check (plugin.services.check.run_check) in a thread and keeps the
result in memory for the downloads (xlsx/docx). Results hold no medical content (types,
dates, file names), so keeping them is safe.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from plugin.app.jobs import JobList
from plugin.app.problems import AppError
from plugin.check.findings import CheckResult
from plugin.check.reporters import FORMATS
from plugin.check.reporters.json_report import as_dict
from plugin.check.run import dossier_files, subfolders
from plugin.services.check import NO_EVIDENCE, run_check
from plugin.services.sources import Sources



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


class CheckJobs(JobList[Job]):
    def __init__(self):
        super().__init__("check", "deze controle is niet (meer) bekend; start een nieuwe")

    def start(self, sources: Sources) -> Job:
        if not sources.has_evidence:
            raise AppError(409, NO_EVIDENCE)
        job = Job(secrets.token_hex(8))
        root = sources.dossiers
        if root is not None and Path(root).is_dir():   # known at once, so the page can show "0 / 312"
            job.folders = len(subfolders(Path(root)))
            job.files = len(dossier_files(Path(root)))

        def work(job: Job) -> None:
            report = run_check(sources, progress=job.progress)
            job.result, job.notes, job.state = report.result, report.notes, "done"

        return self.launch(job, work)
