"""The JSON API. The pages, the Word and Outlook add-ins and scripts all use these routes.

Each route reads its input (a strict schema, plugin.app.schemas), calls one service
(plugin.services) off the event loop (plugin.app.work: heavy services in threads of their own)
and returns that record's JSON form (plugin.services.json_forms), the same the CLI prints with --format
json. Errors: {"error": "...", "status": N}; the project's errors get their status from
plugin.app.problems.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from plugin.app.checking import report_bytes
from plugin.app.problems import AppError
from plugin.app import schemas
from plugin.app.security import BodyTooLarge, BodyTooSlow
from plugin.app.settings import MAX_JSON_BODY
from plugin.app.work import heavy
from plugin.check.reporters import default_file_name
from plugin.core.dates import DateError, parse_user_date
from plugin.services import cases, dossier, generation, inspect as inspecting, json_forms, mailout

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def read_body(request: Request, model: type[schemas.Strict], limit: int | None = None):
    """The request body as the route's schema (plugin.app.schemas): 413 past the limit, 408 when it stops
    arriving, 400 naming the field when it is not what the route accepts."""
    limit = limit or request.app.state.settings.max_body
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise AppError(413, f"te groot: hoogstens {limit // 2**20} MB")
    except BodyTooLarge:
        raise AppError(413, "te groot: het verzoek is groter dan de app aanneemt") from None
    except BodyTooSlow:
        raise AppError(408, "te traag: de inhoud van het verzoek kwam niet (helemaal) aan") from None
    except ClientDisconnect:
        raise AppError(400, "de verbinding werd verbroken voor de inhoud binnen was") from None
    try:   # parsing 25 MB takes a moment: not on the event loop
        return await run_in_threadpool(lambda: schemas.validate(model, schemas.parse_json(bytes(body))))
    except schemas.BadRequest as exc:
        raise AppError(400, exc.message, **({"field": exc.field} if exc.field else {})) from None


def workbook_of(request: Request):
    return workbook_of_state(request.app.state)


def workbook_of_state(state):
    loaded = state.workbooks.get()
    if loaded.workbook is None:
        raise AppError(422, f"de werkmap is niet te lezen: {loaded.error}")
    return loaded.workbook


def lang_of(request: Request) -> str:
    return request.app.state.lang_of(request)


def sources_of(request: Request):
    return request.app.state.settings.sources(workbook_of(request), lang_of(request))


def _date(value, field: str):
    if value in (None, ""):
        return None
    try:
        return parse_user_date(str(value))
    except DateError as exc:
        raise AppError(400, f"{field}: {value!r} {exc}") from None


async def workbook_info(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    loaded = await run_in_threadpool(request.app.state.workbooks.get)
    problems = [json_forms.problem_json(p) for p in (loaded.workbook.problems if loaded.workbook else [])]
    return JSONResponse({"path": str(settings.workbook), "error": loaded.error, "problems": problems,
                         "cases": len(loaded.workbook.cases) if loaded.workbook else 0,
                         "dossiers": str(settings.dossier_root()) if settings.dossier_root() else None,
                         "mailboxes": list(settings.mailboxes), "out": str(settings.out),
                         "as_of": settings.today().isoformat()})


async def list_cases(request: Request) -> JSONResponse:
    """Every case's verdict (a list, as before; the basis is in each row)."""
    overview = await run_in_threadpool(request.app.state.overview, lang_of(request))
    return JSONResponse(json_forms.overview_json(overview, lang_of(request))["cases"])


def case_json(app_state, workbook, case_id: str, lang: str) -> dict:
    """GET /api/cases/{case}: the case service's record, plus what is in its output folder."""
    settings = app_state.settings
    sources = settings.sources(workbook, lang)
    detail = cases.case_detail(sources, case_id)
    data = json_forms.case_json(detail, sources.as_of, lang)
    data["generated"] = generation.generated(settings.out, workbook, case_id)
    return data


async def get_case(request: Request) -> JSONResponse:
    workbook = await run_in_threadpool(workbook_of, request)
    data = await run_in_threadpool(case_json, request.app.state, workbook, request.path_params["case"],
                                   lang_of(request))
    return JSONResponse(data)


async def make_document(request: Request) -> Response:
    data = await read_body(request, schemas.DocumentRequest, MAX_JSON_BODY)
    settings = request.app.state.settings
    workbook = await run_in_threadpool(workbook_of, request)
    result = await heavy(lambda: generation.generate_one(
        workbook, request.path_params["case"], data.type, settings.out, settings.templates,
        date=_date(data.date, "date"), lang=data.lang, force=data.force, month=data.month, today=settings.as_of,
        evidence=settings.sources(workbook), guarded=True))
    path = result.path
    quoted = path.name.encode("ascii", "replace").decode().replace('"', "'")
    # What the user should know about it (dated today, made after its deadline): a JSON list, URL-quoted.
    return Response(path.read_bytes(), media_type=DOCX, headers={
        "Content-Disposition": f"attachment; filename=\"{quoted}\"; filename*=UTF-8''{quote(path.name)}",
        "X-Poortwachter-Path": quote(str(path)), "X-Poortwachter-Notes": quote(json.dumps(list(result.notes)))})


async def download_output(request: Request) -> Response:
    from starlette.responses import FileResponse

    workbook = await run_in_threadpool(workbook_of, request)
    name = dossier.check_name(request.path_params["name"])
    path = await run_in_threadpool(generation.output_file, request.app.state.settings.out, workbook,
                                   request.path_params["case"], name)
    media = DOCX if path.suffix.lower() == ".docx" else "application/pdf"
    return FileResponse(path, media_type=media, filename=path.name)


async def document_types(request: Request) -> JSONResponse:
    return JSONResponse(generation.choices(request.app.state.settings.templates))


async def check(request: Request) -> JSONResponse:
    await read_body(request, schemas.Empty, MAX_JSON_BODY)
    sources = await run_in_threadpool(sources_of, request)
    from plugin.check.reporters.json_report import as_dict
    from plugin.services.check import run_check

    report = await heavy(run_check, sources)
    return JSONResponse(as_dict(report.result))


async def start_check(request: Request) -> JSONResponse:
    await read_body(request, schemas.Empty, MAX_JSON_BODY)
    sources = await run_in_threadpool(sources_of, request)
    job = await run_in_threadpool(request.app.state.jobs.start, sources)
    return JSONResponse(job.to_json(), status_code=202)


async def check_job(request: Request) -> JSONResponse:
    return JSONResponse(request.app.state.jobs.get(request.path_params["job"]).to_json())


async def check_report(request: Request) -> Response:
    job = request.app.state.jobs.get(request.path_params["job"])
    fmt = request.path_params["fmt"]
    if fmt not in ("xlsx", "docx") or job.result is None:
        raise AppError(404, "geen rapport: de controle is nog bezig of mislukt")
    content = await heavy(report_bytes, job.result, fmt)
    name = default_file_name(job.result.as_of, fmt)
    return Response(content, media_type=XLSX if fmt == "xlsx" else DOCX,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


async def inspect_text(request: Request) -> JSONResponse:
    data = await read_body(request, schemas.InspectRequest, MAX_JSON_BODY)
    case = None
    if data.case is not None:   # optional: the case the text is for (its employer is no diagnosis)
        workbook = await run_in_threadpool(workbook_of, request)
        case = workbook.cases.get(data.case)
        if case is None:
            raise AppError(404, f"casus niet gevonden: {data.case}")
    return JSONResponse(await heavy(inspecting.inspect_text, data.text, data.type, case))


async def tie_mail(request: Request) -> JSONResponse:
    data = await read_body(request, schemas.MailRequest)
    workbook = await run_in_threadpool(workbook_of, request)
    return JSONResponse(await heavy(inspecting.tie_mail, workbook, data.as_dict(), lang_of(request)))


async def save_dossier(request: Request) -> JSONResponse:
    data = await read_body(request, schemas.DossierUpload)
    workbook = await run_in_threadpool(workbook_of, request)
    path = await heavy(dossier.save, request.app.state.settings.dossier_root(), workbook,
                      request.path_params["case"], data.name, data.content_base64)
    return JSONResponse({"path": str(path)}, status_code=201)


def _mailout(request: Request, data: schemas.MailoutRequest, dry_run: bool) -> dict:
    settings = request.app.state.settings
    workbook = workbook_of(request)
    report = mailout.mailout(workbook, settings.mailout_request(data.month, dry_run, data.cases))
    return report.to_json(lang_of(request))


async def mailout_preview(request: Request) -> JSONResponse:
    data = await read_body(request, schemas.MailoutRequest, MAX_JSON_BODY)
    return JSONResponse(await heavy(_mailout, request, data, True))


async def mailout_send(request: Request) -> JSONResponse:
    data = await read_body(request, schemas.MailoutRequest, MAX_JSON_BODY)
    if data.confirm is not True:
        raise AppError(400, "versturen vraagt een uitdrukkelijke bevestiging: stuur \"confirm\": true")
    return JSONResponse(await heavy(_mailout, request, data, False))


async def mailout_history(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    rows = await run_in_threadpool(mailout.history, settings.ledger_path(), request.query_params.get("month"))
    return JSONResponse([mailout.entry_json(e, lang_of(request)) for e in rows])


routes = [
    Route("/api/workbook", workbook_info),
    Route("/api/cases", list_cases),
    # {case:path}: a case number may hold a '/' (2025/001); the longer routes come first.
    Route("/api/cases/{case:path}/documents", make_document, methods=["POST"]),
    Route("/api/cases/{case:path}/dossier", save_dossier, methods=["POST"]),
    Route("/api/cases/{case:path}/output/{name}", download_output),
    Route("/api/cases/{case:path}", get_case),
    Route("/api/document-types", document_types),
    Route("/api/check", check, methods=["POST"]),
    Route("/api/check/jobs", start_check, methods=["POST"]),
    Route("/api/check/jobs/{job}", check_job),
    Route("/api/check/jobs/{job}/report.{fmt}", check_report),
    Route("/api/inspect", inspect_text, methods=["POST"]),
    Route("/api/mail", tie_mail, methods=["POST"]),
    Route("/api/mailout/preview", mailout_preview, methods=["POST"]),
    Route("/api/mailout/send", mailout_send, methods=["POST"]),
    Route("/api/mailout/history", mailout_history),
]
