"""The dossier check from the app: the same check as `poortwachter check`, run in the background.

`run_check` is the thin adapter over the checker (today plugin.check.run.check_dossiers; the
pure `evaluate` API can replace it here without touching a route). `CheckJobs` runs one
check per request in a thread so the page can show progress, and keeps the last results
in memory for the downloads (xlsx/docx). Results hold no medical content (types, dates,
file names), so keeping them is safe.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from plugin.app.problems import AppError
from plugin.check.findings import CheckResult
from plugin.check.reporters import FORMATS
from plugin.check.reporters.json_report import as_dict
from plugin.check.run import check_dossiers, match_folders
from plugin.check.scan import list_files
from plugin.workbook.load import Workbook

KEEP_JOBS = 20
PARALLEL_BATCH = 64   # files per progress step: scan_files uses every core from 64 files on


def run_check(root: Path, workbook: Workbook | None, as_of: dt.date, lang: str = "nl",
              cache_path: Path | None = None, no_cache: bool = False, progress=None) -> CheckResult:
    """`poortwachter check ROOT --workbook ... --format json`, as a record; unchanged files come from
    the scan cache (plugin.check.cache), as in the CLI.

    progress(done, total): with a cache, the case folders' files are first read into it in
    batches, calling progress after each; the check itself then finds them all there. The
    check is the CLI's own; only the reading is split up so a page can show how far it is.
    """
    if root is None or not Path(root).is_dir():
        raise AppError(409, "geen dossiermap: start de app met --dossiers MAP (één submap per casus)")
    from plugin.check.rules import load_rules
    from plugin.check.scan import scan_files

    with _scan_cache(cache_path, no_cache) as cache:
        if cache is not None and progress is not None:
            files = dossier_files(Path(root))
            step = max(8, min(PARALLEL_BATCH, len(files) // 20 or 1))
            for start in range(0, len(files), step):
                scan_files(files[start:start + step], Path(root), cache=cache)
                progress(min(start + step, len(files)), len(files))
        return check_dossiers(Path(root), workbook, as_of, load_rules(), lang, cache=cache)


def dossier_files(root: Path) -> list[Path]:
    """The files the check reads: everything in the case folders (not the loose files next to them)."""
    folders = [p for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(".")]
    return [f for folder in folders for f in list_files(folder)]


# One scan at a time in this process: on two cores, parallel scans only compete, and a case
# page waits for a running check (whose results it then reads from the cache). Requests that
# do not scan stay concurrent.
_SCAN_LOCK = threading.Lock()


@contextlib.contextmanager
def _scan_cache(path: Path | None, disabled: bool):
    """The scan cache for one run (a SQLite connection belongs to the thread that opened it)."""
    from plugin.check.cache import open_cache

    with _SCAN_LOCK:
        cache, _warning = open_cache(path, disabled)   # cannot be opened: everything is read, as in the CLI
        try:
            yield cache
        finally:
            if cache is not None:
                cache.close()


def case_folder(root: Path | None, workbook: Workbook, case_id: str, cache=None) -> Path | None:
    """The dossier folder of one case (Dossiermap column, else the case number in the folder name,
    else its surname confirmed by a document: the scan cache, when given, spares reading those)."""
    if root is None or not Path(root).is_dir():
        return None
    matched, _ = match_folders(Path(root), workbook, cache=cache)
    return matched.get(case_id)


def case_check(root: Path | None, workbook: Workbook, case_id: str, as_of: dt.date, lang: str = "nl",
               cache_path: Path | None = None, no_cache: bool = False):
    """The check of one case's own folder (its documents and findings), or None without a folder.

    Reads only that folder, then runs the pure evaluate_case, the function `check` itself uses.
    """
    from plugin.check.evaluate import evaluate_case
    from plugin.check.rules import load_rules
    from plugin.check.scan import scan_files
    from plugin.workbook.facts import facts_from_case

    with _scan_cache(cache_path, no_cache) as cache:
        folder = case_folder(root, workbook, case_id, cache)
        if folder is None:
            return None
        documents = scan_files(list_files(folder), Path(root), cache=cache)
    return evaluate_case(facts_from_case(workbook.cases[case_id]), documents, load_rules(), as_of, folder.name, lang)


def report_bytes(result: CheckResult, fmt: str) -> bytes:
    reporter = FORMATS[fmt]
    output = reporter.render(result)
    return output if isinstance(output, bytes) else output.encode("utf-8")


@dataclass
class Job:
    id: str
    state: str = "running"            # running | done | error
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    files: int = 0
    folders: int = 0
    done: int = 0                     # files read so far (0 until the end when there is no scan cache)
    result: CheckResult | None = None
    error: str | None = None

    def to_json(self) -> dict:
        end = self.finished or time.monotonic()
        data = {"job": self.id, "state": self.state, "seconds": round(end - self.started, 1), "files": self.files,
                "done": self.files if self.state == "done" else self.done, "folders": self.folders,
                "error": self.error}
        if self.result is not None:
            data["result"] = as_dict(self.result)
        return data


class CheckJobs:
    def __init__(self):
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, root: Path | None, workbook: Workbook | None, as_of: dt.date, lang: str,
              cache_path: Path | None = None, no_cache: bool = False) -> Job:
        if root is None or not Path(root).is_dir():
            raise AppError(409, "geen dossiermap: start de app met --dossiers MAP (één submap per casus)")
        job = Job(secrets.token_hex(8))
        job.folders = sum(1 for p in Path(root).iterdir() if p.is_dir() and not p.name.startswith("."))
        job.files = len(dossier_files(Path(root)))
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-KEEP_JOBS]:
                del self._jobs[old]

        def work():
            try:
                job.result = run_check(root, workbook, as_of, lang, cache_path, no_cache,
                                       progress=lambda done, total: setattr(job, "done", done))
                job.state = "done"
            except AppError as exc:
                job.error, job.state = exc.message, "error"
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
