"""The JSON API. The pages, the Word and Outlook add-ins and scripts all use these routes.

Each route validates its input, calls one service (plugin.app.*) in a worker thread and
returns that record as JSON. Errors: {"error": "...", "status": N} with the same status.
"""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from plugin.app import cases as cases_service
from plugin.app import checking, documents, dossier, inspect, mailout
from plugin.app.problems import AppError
from plugin.app.security import BodyTooLarge
from plugin.app.settings import MAX_JSON_BODY
from plugin.check.reporters import default_file_name
from plugin.core.dates import DateError, parse_date
from plugin.workbook.facts import calendar_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def read_json(request: Request, limit: int | None = None) -> dict:
    """The request body as a JSON object; 413 past the limit, 400 when it is not JSON."""
    limit = limit or request.app.state.settings.max_body
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise AppError(413, f"te groot: hoogstens {limit // 2**20} MB")
    except BodyTooLarge:
        raise AppError(413, "te groot: het verzoek is groter dan de app aanneemt") from None
    try:
        data = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise AppError(400, "de inhoud is geen geldige JSON") from None
    if not isinstance(data, dict):
        raise AppError(400, "stuur een JSON-object")
    return data


def workbook_of(request: Request):
    loaded = request.app.state.workbooks.get()
    if loaded.workbook is None:
        raise AppError(422, f"de werkmap is niet te lezen: {loaded.error}")
    return loaded.workbook


def _lang(request: Request) -> str:
    return request.app.state.lang_of(request)


def _date(value, field: str):
    if value in (None, ""):
        return None
    try:
        return parse_date(str(value))
    except DateError as exc:
        raise AppError(400, f"{field}: {value!r} {exc}") from None


async def workbook_info(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    loaded = await run_in_threadpool(request.app.state.workbooks.get)
    problems = [cases_service.problem_json(p) for p in (loaded.workbook.problems if loaded.workbook else [])]
    return JSONResponse({"path": str(settings.workbook), "error": loaded.error, "problems": problems,
                         "cases": len(loaded.workbook.cases) if loaded.workbook else 0,
                         "dossiers": str(settings.dossier_root()) if settings.dossier_root() else None,
                         "out": str(settings.out), "as_of": settings.today().isoformat()})


async def list_cases(request: Request) -> JSONResponse:
    rows = await run_in_threadpool(request.app.state.case_rows, _lang(request))
    return JSONResponse(rows)


def case_detail(app_state, case_id: str, lang: str) -> dict:
    settings = app_state.settings
    workbook = app_state.workbooks.get().workbook
    if workbook is None:
        raise AppError(422, f"de werkmap is niet te lezen: {app_state.workbooks.get().error}")
    case = workbook.cases.get(case_id)
    if case is None:
        raise AppError(404, f"casus niet gevonden: {case_id}")
    as_of = settings.today()
    blocked = case_id in workbook.blocked_ids()
    calendar = None if blocked else calendar_for(case)
    problems = [p for p in workbook.problems if p.case_id == case_id or p.blocks_all]
    data = cases_service.summary(case, calendar, as_of, lang, problems)
    data["calendar"] = cases_service.calendar_json(calendar, as_of, lang) if calendar else None
    checked = checking.case_check(settings.dossier_root(), workbook, case_id, as_of, lang, settings.cache,
                                  settings.no_cache)
    folder = checking.case_folder(settings.dossier_root(), workbook, case_id)
    data["dossier_folder"] = str(folder) if folder else None
    from plugin.recognize.classify import explain

    data["documents"] = [{"path": d.path, "type": d.type, "date": d.date.isoformat() if d.date else None,
                          "evidence": d.evidence, "why": explain(getattr(d, "why", "") or "", lang),
                          "language": d.language, "problem": d.problem}
                         for d in (checked.documents if checked else [])]
    data["findings"] = [{**f.to_json(), "title": f.title, "fix": f.fix, "basis": f.basis}
                        for f in (checked.findings if checked else [])]
    data["generated"] = documents.generated(settings.out, workbook, case_id)
    return data


async def get_case(request: Request) -> JSONResponse:
    data = await run_in_threadpool(case_detail, request.app.state, request.path_params["case"], _lang(request))
    return JSONResponse(data)


async def make_document(request: Request) -> Response:
    data = await read_json(request, MAX_JSON_BODY)
    settings = request.app.state.settings
    workbook = await run_in_threadpool(workbook_of, request)
    path, content = await run_in_threadpool(
        documents.generate, workbook, request.path_params["case"], data.get("type"), settings.out, settings.templates,
        _date(data.get("date"), "date"), data.get("lang"), bool(data.get("force")), data.get("month"), settings.as_of)
    quoted = path.name.encode("ascii", "replace").decode().replace('"', "'")
    from urllib.parse import quote

    return Response(content, media_type=DOCX, headers={
        "Content-Disposition": f"attachment; filename=\"{quoted}\"; filename*=UTF-8''{quote(path.name)}",
        "X-Poortwachter-Path": quote(str(path))})


async def download_output(request: Request) -> Response:
    from starlette.responses import FileResponse

    workbook = await run_in_threadpool(workbook_of, request)
    path = await run_in_threadpool(documents.output_file, request.app.state.settings.out, workbook,
                                   request.path_params["case"], request.path_params["name"])
    media = DOCX if path.suffix.lower() == ".docx" else "application/pdf"
    return FileResponse(path, media_type=media, filename=path.name)


async def document_types(request: Request) -> JSONResponse:
    return JSONResponse(documents.choices(request.app.state.settings.templates))


async def check(request: Request) -> JSONResponse:
    await read_json(request, MAX_JSON_BODY)
    settings = request.app.state.settings
    workbook = await run_in_threadpool(workbook_of, request)
    result = await run_in_threadpool(checking.run_check, settings.dossier_root(), workbook, settings.today(),
                                     _lang(request), settings.cache, settings.no_cache)
    from plugin.check.reporters.json_report import as_dict

    return JSONResponse(as_dict(result))


async def start_check(request: Request) -> JSONResponse:
    await read_json(request, MAX_JSON_BODY)
    settings = request.app.state.settings
    workbook = await run_in_threadpool(workbook_of, request)
    job = await run_in_threadpool(request.app.state.jobs.start, settings.dossier_root(), workbook, settings.today(),
                                  _lang(request), settings.cache, settings.no_cache)
    return JSONResponse(job.to_json(), status_code=202)


async def check_job(request: Request) -> JSONResponse:
    return JSONResponse(request.app.state.jobs.get(request.path_params["job"]).to_json())


async def check_report(request: Request) -> Response:
    job = request.app.state.jobs.get(request.path_params["job"])
    fmt = request.path_params["fmt"]
    if fmt not in ("xlsx", "docx") or job.result is None:
        raise AppError(404, "geen rapport: de controle is nog bezig of mislukt")
    content = await run_in_threadpool(checking.report_bytes, job.result, fmt)
    name = default_file_name(job.result.as_of, fmt)
    return Response(content, media_type=XLSX if fmt == "xlsx" else DOCX,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


async def inspect_text(request: Request) -> JSONResponse:
    data = await read_json(request, MAX_JSON_BODY)
    case = None
    if data.get("case") is not None:   # optional: the case the text is for (its employer is no diagnosis)
        workbook = await run_in_threadpool(workbook_of, request)
        case = workbook.cases.get(str(data["case"]))
        if case is None:
            raise AppError(404, f"casus niet gevonden: {data['case']}")
    return JSONResponse(await run_in_threadpool(inspect.inspect_text, data.get("text"), data.get("type"), case))


async def tie_mail(request: Request) -> JSONResponse:
    data = await read_json(request)
    workbook = await run_in_threadpool(workbook_of, request)
    return JSONResponse(await run_in_threadpool(inspect.tie_mail, workbook, data, _lang(request)))


async def save_dossier(request: Request) -> JSONResponse:
    data = await read_json(request)
    workbook = await run_in_threadpool(workbook_of, request)
    path = await run_in_threadpool(dossier.save, request.app.state.settings.dossier_root(), workbook,
                                   request.path_params["case"], data.get("name"), data.get("content_base64"))
    return JSONResponse({"path": str(path)}, status_code=201)


async def mailout_preview(request: Request) -> JSONResponse:
    data = await read_json(request, MAX_JSON_BODY)
    workbook = await run_in_threadpool(workbook_of, request)
    result = await run_in_threadpool(mailout.run, request.app.state.settings, workbook, data.get("month"), True,
                                     data.get("cases"))
    return JSONResponse(result)


async def mailout_send(request: Request) -> JSONResponse:
    data = await read_json(request, MAX_JSON_BODY)
    if data.get("confirm") is not True:
        raise AppError(400, "versturen vraagt een uitdrukkelijke bevestiging: stuur \"confirm\": true")
    workbook = await run_in_threadpool(workbook_of, request)
    result = await run_in_threadpool(mailout.run, request.app.state.settings, workbook, data.get("month"), False,
                                     data.get("cases"))
    return JSONResponse(result)


async def mailout_history(request: Request) -> JSONResponse:
    rows = await run_in_threadpool(mailout.history, request.app.state.settings, request.query_params.get("month"))
    return JSONResponse(rows)


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
