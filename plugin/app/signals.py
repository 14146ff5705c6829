"""The signals page: this week's deadline signal per casemanager before sending (a dry run), sending
after an explicit confirmation, the .ics per casemanager, and what the scheduled runs did.

Routes (their own list, registered in plugin.app.server.create_app):
  GET  /signals                         preview of this week's signals, ledger, last scheduled runs
  POST /signals/send                    send ({"weeks", "confirm": true} -> the report as JSON), as `signals`
  GET  /signals/calendar.ics            every case's milestones (?casemanager=NAME for one casemanager)
They call plugin.services.signals and plugin.services.calendar_feed, as the CLI does.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from plugin.app.pages import _loaded, _render
from plugin.app.problems import AppError
from plugin.errors import PoortwachterError
from plugin.schedule import runlog
from plugin.services import calendar_feed
from plugin.services import signals as service
from plugin.services.mailout import entry_json

MAX_WEEKS = 26


def _workbook(request: Request):
    loaded = _loaded(request)
    if loaded.workbook is None:
        raise AppError(422, f"de werkmap is niet te lezen: {loaded.error}")
    return loaded.workbook


def _request(settings, weeks: int, dry_run: bool) -> service.SignalsRequest:
    return service.SignalsRequest(settings.workbook, settings.mail_templates, weeks, None, settings.via,
                                  settings.profiles, None, None, dry_run)


def _weeks(value: object) -> int:
    try:
        weeks = int(str(value or 3))
    except ValueError:
        raise AppError(400, "weken: geef een getal van 1 tot en met 26") from None
    if not 1 <= weeks <= MAX_WEEKS:
        raise AppError(400, "weken: geef een getal van 1 tot en met 26")
    return weeks


def _context(request: Request, weeks: int, report, error: str | None) -> dict:
    state = request.app.state
    settings = state.settings
    lang = state.lang_of(request)
    log = runlog.log_path(settings.workbook)
    runs = [(word_kind, found.summary(lang)) for word_kind, found in
            ((kind, runlog.last(log, kind)) for kind in runlog.KINDS) if found is not None]
    history = [entry_json(e, lang) for e in service.history(service.default_ledger(settings.workbook))][:50]
    groups = []
    workbook = _loaded(request).workbook
    if workbook is not None:
        sources = settings.sources(workbook, lang)
        groups = [(name, len(ids)) for name, _, ids in
                  calendar_feed.casemanager_groups(sources, _contacts(settings)).values()]
    preview = report.to_json(lang) if report is not None else None
    return {"weeks": weeks, "preview": preview, "error": error, "runs": runs, "history": history,
            "calendars": groups, "route": settings.mail_route(), "quote": quote}


def _contacts(settings):
    from plugin.signals.recipients import load_contacts

    try:
        return load_contacts(settings.profiles)
    except PoortwachterError:
        return {}


async def signals_page(request: Request) -> HTMLResponse:
    state = request.app.state
    weeks = _weeks(request.query_params.get("weeks"))
    report, error = None, None
    try:
        workbook = await run_in_threadpool(_workbook, request)
        sources = state.settings.sources(workbook, state.lang_of(request))
        report = await run_in_threadpool(service.signals, sources, _request(state.settings, weeks, True))
    except AppError as exc:
        error = exc.message
    except PoortwachterError as exc:
        error = str(exc)
    context = await run_in_threadpool(_context, request, weeks, report, error)
    return _render(request, "signals.html", {**context, "sent": request.query_params.get("sent")})


async def send(request: Request) -> Response:
    """{"weeks": N, "confirm": true} -> the report as JSON (the page's script posts it)."""
    from plugin.app.api import read_body
    from plugin.app.schemas import SignalsSend
    from plugin.app.settings import MAX_JSON_BODY

    state = request.app.state
    body = await read_body(request, SignalsSend, MAX_JSON_BODY)   # strict: 1 MB of '[' or "weeks": [1] is a 400
    if body.confirm is not True:
        raise AppError(400, "bevestig het versturen (\"confirm\": true)")
    weeks = body.weeks
    workbook = await run_in_threadpool(_workbook, request)
    lang = state.lang_of(request)
    report = await run_in_threadpool(service.signals, state.settings.sources(workbook, lang),
                                     _request(state.settings, weeks, False))
    return JSONResponse(report.to_json(lang))


async def calendar_file(request: Request) -> Response:
    state = request.app.state
    workbook = await run_in_threadpool(_workbook, request)
    sources = state.settings.sources(workbook, state.lang_of(request))
    wanted = request.query_params.get("casemanager")
    if wanted is None:
        found = await run_in_threadpool(calendar_feed.feed, sources, None, "WVP")
        name = "WVP"
    else:
        feeds = await run_in_threadpool(calendar_feed.feeds_per_casemanager, sources, state.settings.profiles, None,
                                        wanted)
        if not feeds:
            raise AppError(404, f"geen casussen van casemanager {wanted!r}")
        (key, found), = feeds.items()
        name = f"WVP {key}"
    filename = quote(f"{name}.ics")
    return Response(found.text.encode("utf-8"), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename=\"{Path(filename).name}\"; "
                                                    f"filename*=UTF-8''{filename}"})


routes = [
    Route("/signals", signals_page),
    Route("/signals/send", send, methods=["POST"]),
    Route("/signals/calendar.ics", calendar_file),
]
