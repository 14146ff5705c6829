"""Server-rendered pages (Jinja): cases, case, check and mail-out. They call the same services as the API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from plugin.app import cases as cases_service
from plugin.app import checking, documents, mailout
from plugin.core import timeline
from plugin.app.i18n import words
from plugin.app.problems import AppError
from plugin.check.reporters.json_report import as_dict
from plugin.core.dates import format_date
from plugin.workbook.facts import calendar_for

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["date"] = lambda v, lang="nl": format_date(dt.date.fromisoformat(v), lang, "short") \
    if isinstance(v, str) and v else (format_date(v, lang, "short") if isinstance(v, dt.date) else "—")


def _render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    state = request.app.state
    lang = state.lang_of(request)
    settings = state.settings
    base = {"t": words(lang), "lang": lang, "settings": settings, "as_of": settings.today(),
            "workbook_name": settings.workbook.name, "page": name.split(".")[0]}
    response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
    if request.query_params.get("lang") in ("nl", "en"):
        response.set_cookie("poortwachter_lang", request.query_params["lang"], httponly=True, samesite="strict")
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", {"status": status, "message": message}, status)


def _loaded(request: Request):
    loaded = request.app.state.workbooks.get()
    return loaded


async def cases_page(request: Request) -> HTMLResponse:
    state = request.app.state
    lang = state.lang_of(request)
    loaded = await run_in_threadpool(_loaded, request)
    if loaded.workbook is None:
        return _render(request, "cases.html", {"rows": [], "problems": [], "load_error": loaded.error}, 422)
    rows = await run_in_threadpool(state.case_rows, lang)
    problems = [cases_service.problem_json(p) for p in loaded.workbook.problems]
    options = {key: sorted({r[key] for r in rows if r[key]}) for key in ("casemanager", "employer")}
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("late", "soon", "ok", "closed", None)}
    return _render(request, "cases.html", {"rows": rows, "problems": problems, "load_error": None,
                                           "options": options, "counts": counts})


def _case_context(app_state, case_id: str, lang: str) -> dict:
    from plugin.app.api import case_detail

    detail = case_detail(app_state, case_id, lang)
    workbook = app_state.workbooks.get().workbook
    case = workbook.cases[case_id]
    picture = None
    if detail["calendar"] is not None:
        picture = timeline.svg(timeline.from_calendar(calendar_for(case), app_state.settings.today(), lang))
    return {"case": detail, "timeline": picture, "doc_choices": documents.choices(app_state.settings.templates),
            "has_dossiers": app_state.settings.dossier_root() is not None}


async def case_page(request: Request) -> HTMLResponse:
    state = request.app.state
    context = await run_in_threadpool(_case_context, state, request.path_params["case"], state.lang_of(request))
    return _render(request, "case.html", context)


async def check_page(request: Request) -> HTMLResponse:
    state = request.app.state
    job_id = request.query_params.get("job")
    result = None
    if job_id:
        job = state.jobs.get(job_id)
        if job.result is not None:
            result = as_dict(job.result)
            for case, original in zip(result["cases"], job.result.cases):
                case["counts"] = original.counts()
                case["worst"] = original.worst().message if original.worst() else None
                case["fixes"] = [f.fix for f in original.findings]
            result["loose_files"] = job.result.loose_files
    return _render(request, "check.html", {"job": job_id, "result": result,
                                           "dossiers": state.settings.dossier_root()})


async def mailout_page(request: Request) -> HTMLResponse:
    state = request.app.state
    settings = state.settings
    month = request.query_params.get("month")
    preview, error = None, None
    if month:
        try:
            loaded = await run_in_threadpool(_loaded, request)
            if loaded.workbook is None:
                raise AppError(422, f"de werkmap is niet te lezen: {loaded.error}")
            preview = await run_in_threadpool(mailout.run, settings, loaded.workbook, month, True)
        except AppError as exc:
            error = exc.message
    history = await run_in_threadpool(mailout.history, settings)
    default_month = settings.today().strftime("%Y-%m")
    return _render(request, "mailout.html", {"month": month or default_month, "preview": preview, "error": error,
                                             "history": history, "route": settings.mail_route()})


async def favicon(request: Request):
    return RedirectResponse("/static/favicon.svg")


routes = [
    Route("/", cases_page),
    Route("/cases/{case:path}", case_page),
    Route("/check", check_page),
    Route("/mailout", mailout_page),
    Route("/favicon.ico", favicon),
]
