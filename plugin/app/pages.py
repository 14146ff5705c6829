"""Server-rendered pages (Jinja): cases, case, check and mail-out. They call the same services as the API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from plugin.app.i18n import words
from plugin.core.words import word
from plugin.app import timeline_svg
from plugin.app.problems import AppError
from plugin.check.reporters.json_report import as_dict
from plugin.core import timeline
from plugin.core.dates import format_date
from plugin.errors import PoortwachterError
from plugin.services import cases as cases_service
from plugin.services import generation, json_forms, mailout

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["word"] = word
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
    return request.app.state.workbooks.get()


STATUS_ORDER = ("late", "soon", "ok", "closed", "unknown", "workbook_error")


async def cases_page(request: Request) -> HTMLResponse:
    state = request.app.state
    lang = state.lang_of(request)
    loaded = await run_in_threadpool(_loaded, request)
    if loaded.workbook is None:
        return _render(request, "cases.html", {"rows": [], "problems": [], "load_error": loaded.error}, 422)
    overview = await run_in_threadpool(state.overview, lang)
    data = json_forms.overview_json(overview, lang)
    rows = data["cases"]
    options = {key: sorted({r[key] for r in rows if r[key]}) for key in ("casemanager", "employer")}
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUS_ORDER}
    return _render(request, "cases.html", {"rows": rows, "problems": data["problems"], "load_error": None,
                                           "options": options, "counts": counts, "statuses": STATUS_ORDER,
                                           "basis": overview.basis, "notes": overview.notes})


class _Checked:
    """What timeline.from_check reads of a case (its documents and findings)."""

    def __init__(self, detail):
        self.first_sick_day = detail.calendar.first_sick_day if detail.calendar else None
        self.documents, self.findings = detail.documents, detail.findings


def _case_context(app_state, case_id: str, lang: str) -> dict:
    from plugin.app.api import workbook_of_state

    settings = app_state.settings
    workbook = workbook_of_state(app_state)
    sources = settings.sources(workbook, lang)
    detail = cases_service.case_detail(sources, case_id)
    data = json_forms.case_json(detail, sources.as_of, lang)
    data["generated"] = generation.generated(settings.out, workbook, case_id)
    picture = None
    if detail.verdict.basis == "dossier":
        drawn = timeline.from_check(_Checked(detail), sources.as_of, lang)
    else:
        drawn = timeline.from_calendar(detail.calendar, sources.as_of, lang) if detail.calendar else None
    if drawn is not None:
        picture = timeline_svg.svg(drawn)
    return {"case": data, "timeline": picture, "doc_choices": generation.choices(settings.templates),
            "has_dossiers": settings.dossier_root() is not None, "in_workbook": case_id in workbook.cases}


async def case_page(request: Request) -> HTMLResponse:
    state = request.app.state
    context = await run_in_threadpool(_case_context, state, request.path_params["case"], state.lang_of(request))
    return _render(request, "case.html", context)


async def check_page(request: Request) -> HTMLResponse:
    state = request.app.state
    job_id = request.query_params.get("job")
    result = None
    lang = state.lang_of(request)
    if job_id:
        job = state.jobs.get(job_id)
        if job.result is not None:
            result = as_dict(job.result)
            for case, original in zip(result["cases"], job.result.cases):
                case["counts"] = original.counts()
                case["worst"] = original.worst().message if original.worst() else None
                case["fixes"] = [f.fix for f in original.findings]
                case["verdict"] = original.verdict.to_json(lang) if original.verdict else None
            result["loose_files"] = job.result.loose_files
            result["notes"] = job.notes
    return _render(request, "check.html", {"job": job_id, "result": result,
                                           "dossiers": state.settings.dossier_root()})


async def mailout_page(request: Request) -> HTMLResponse:
    state = request.app.state
    settings = state.settings
    lang = state.lang_of(request)
    month = request.query_params.get("month")
    preview, error = None, None
    if month:
        try:
            loaded = await run_in_threadpool(_loaded, request)
            if loaded.workbook is None:
                raise AppError(422, f"de werkmap is niet te lezen: {loaded.error}")
            report = await run_in_threadpool(mailout.mailout, loaded.workbook,
                                             settings.mailout_request(month, True))
            preview = report.to_json(lang)
        except AppError as exc:
            error = exc.message
        except PoortwachterError as exc:
            error = str(exc)
    rows = await run_in_threadpool(mailout.history, settings.ledger_path())
    history = [mailout.entry_json(e, lang) for e in rows]
    default_month = settings.today().strftime("%Y-%m")
    sent = request.query_params.get("sent")
    return _render(request, "mailout.html", {"month": month or default_month, "preview": preview, "error": error,
                                             "history": history, "route": settings.mail_route(),
                                             "sent": int(sent) if sent and sent.isdigit() else None})


async def favicon(request: Request):
    return RedirectResponse("/static/favicon.svg")


routes = [
    Route("/", cases_page),
    Route("/cases/{case:path}", case_page),
    Route("/check", check_page),
    Route("/mailout", mailout_page),
    Route("/favicon.ico", favicon),
]
