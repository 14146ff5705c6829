"""Work a page follows with a progress bar (the dossier check, a re-integratieverslag): each job
runs in a thread of its own, a few at a time, and the last KEEP_JOBS stay known for their downloads.

A job is any record with `id`, `state` (running | done | error), `error` and `finished`; the
work fills in the rest. A project error is shown in the user's words; anything else by its
class only, since an exception's text can quote dossier content.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from plugin.app.problems import AppError, as_app_error
from plugin.errors import PoortwachterError

KEEP_JOBS = 20
J = TypeVar("J")


class JobList(Generic[J]):
    def __init__(self, kind: str, gone: str, at_once: int = 2):
        self.kind, self.gone = kind, gone
        self._jobs: dict[str, J] = {}
        self._lock = threading.Lock()
        self._running = threading.BoundedSemaphore(at_once)   # a burst of jobs queues here

    def launch(self, job: J, work: Callable[[J], None]) -> J:
        """Keep job and run work(job) in the background; work sets the job's result and state 'done'."""
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-KEEP_JOBS]:
                del self._jobs[old]

        def run() -> None:
            try:
                with self._running:
                    work(job)
            except PoortwachterError as exc:
                job.error, job.state = as_app_error(exc).message, "error"
            except Exception as exc:  # noqa: BLE001 - shown on the page; the class only, no content
                job.error, job.state = f"onverwachte fout ({type(exc).__name__})", "error"
            finally:
                job.finished = time.monotonic()

        threading.Thread(target=run, name=f"{self.kind}-{job.id}", daemon=True).start()
        return job

    def get(self, job_id: str) -> J:
        job = self._jobs.get(job_id)
        if job is None:
            raise AppError(404, self.gone)
        return job
