"""The re-integratieverslag in the app: build it in the background with progress, then download it.

    POST /api/cases/{case}/riv          {"force"?: bool} -> 202 the job (as GET /api/riv/jobs/{job})
    GET  /api/riv/jobs/{job}            {"job", "case", "state": running|done|error, "step", "percent",
                                         "seconds", "error", and when done "riv" (riv.json), "files", "text"}
    GET  /api/cases/{case}/riv          the case's bundle as built: {"riv": riv.json, "files", "text"}; "riv" null when none
    GET  /api/cases/{case}/riv/{name}   a file of that bundle: a PDF part, Inhoud.docx, Hiaten.txt, riv.json

The job runs the one RIV service (plugin.services.riv.build_rivs) in a thread; the bundle is
written to the output folder like `poortwachter riv --out`, so a download survives a restart.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Route

from plugin.app.jobs import JobList
from plugin.app.problems import AppError
from plugin.services import riv as riv_service

# How far each step brings the bar: the check, the conversions (by file), the assembly, the writing.
STEPS = {"check": (0, 10), "convert": (10, 80), "assemble": (80, 95), "write": (95, 100)}
MEDIA = {".pdf": "application/pdf", ".json": "application/json", ".txt": "text/plain; charset=utf-8",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@dataclass
class RivJob:
    id: str
    case: str
    state: str = "running"
    step: str = "check"
    percent: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    error: str | None = None
    data: dict | None = None
    files: list[str] = field(default_factory=list)
    text: str = ""

    def progress(self, step: str, done: int, total: int) -> None:
        low, high = STEPS.get(step, (0, 100))
        self.step = step
        self.percent = max(self.percent, int(low + (high - low) * (done / total if total else 1)))

    def to_json(self) -> dict:
        end = self.finished or time.monotonic()
        data = {"job": self.id, "case": self.case, "state": self.state, "step": self.step, "percent": self.percent,
                "seconds": round(end - self.started, 1), "error": self.error}
        if self.data is not None:
            data["riv"] = self.data
            data["files"] = self.files
            data["text"] = self.text
        return data


class RivJobs(JobList[RivJob]):
    def __init__(self):
        super().__init__("riv", "dit re-integratieverslag wordt niet (meer) gemaakt; start opnieuw")

    def start(self, sources, out, case_id: str, force: bool) -> RivJob:
        def work(job: RivJob) -> None:
            run = riv_service.build_rivs(sources, out, cases=[case_id], force=force, progress=job.progress)
            if run.failed:
                job.error, job.state = run.failed[0][1], "error"
                return
            bundle = run.bundles[0]
            job.data, job.files = bundle.data, files_of(bundle.data)
            job.text = state_line(bundle.data, sources.lang)
            job.percent, job.state = 100, "done"

        return self.launch(RivJob(secrets.token_hex(8), case_id), work)


def state_line(data: dict, lang: str) -> str:
    """'RIV: compleet' or 'RIV: 3 hiaten', as the check's reports say it."""
    from plugin.riv.plan import RivState

    return RivState(len(data.get("gaps") or []), None).text(lang)


def files_of(data: dict) -> list[str]:
    return [*data.get("parts", []), *riv_service.BUNDLE_FILES]


_MADE = threading.Lock()


def _jobs(request: Request) -> RivJobs:
    """The app's RIV jobs, made with the first request (the app factory needs no line for them)."""
    state = request.app.state
    with _MADE:
        if not hasattr(state, "riv_jobs"):
            state.riv_jobs = RivJobs()
    return state.riv_jobs


async def start_riv(request: Request) -> JSONResponse:
    from plugin.app.api import read_body, sources_of
    from plugin.app.schemas import RivRequest
    from plugin.app.settings import MAX_JSON_BODY

    data = await read_body(request, RivRequest, MAX_JSON_BODY)
    sources = await run_in_threadpool(sources_of, request)
    if not sources.has_evidence:
        raise AppError(409, "geen dossiermap: start de app met --dossiers MAP")
    job = _jobs(request).start(sources, request.app.state.settings.out, request.path_params["case"],
                               data.force)
    return JSONResponse(job.to_json(), status_code=202)


async def riv_job(request: Request) -> JSONResponse:
    return JSONResponse(_jobs(request).get(request.path_params["job"]).to_json())


async def existing_riv(request: Request) -> JSONResponse:
    found = await run_in_threadpool(riv_service.find_bundle, request.app.state.settings.out,
                                    request.path_params["case"])
    if found is None:   # not an error: the page asks on every visit, before anything was built
        return JSONResponse({"riv": None, "files": [], "text": ""})
    from plugin.app.api import lang_of

    _, data = found
    return JSONResponse({"riv": data, "files": files_of(data), "text": state_line(data, lang_of(request))})


async def riv_file(request: Request) -> FileResponse:
    from plugin.services.dossier import check_name

    name = check_name(request.path_params["name"])
    path = await run_in_threadpool(riv_service.bundle_file, request.app.state.settings.out,
                                   request.path_params["case"], name)
    return FileResponse(path, media_type=MEDIA.get(path.suffix.lower(), "application/octet-stream"),
                        filename=path.name)


# Before the app's own /api/cases/{case:path}, which would take '.../riv' as part of a case number.
routes = [
    Route("/api/cases/{case:path}/riv/{name}", riv_file),
    Route("/api/cases/{case:path}/riv", start_riv, methods=["POST"]),
    Route("/api/cases/{case:path}/riv", existing_riv),
    Route("/api/riv/jobs/{job}", riv_job),
]
