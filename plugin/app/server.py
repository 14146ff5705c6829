"""The app factory and the runner: `create_app(settings)` gives the ASGI app, `serve` runs it on loopback."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from plugin.app import api, pages, riv, signals
from plugin.app.checking import CheckJobs
from plugin.app.problems import AppError, as_app_error
from plugin.app.login import Sessions
from plugin.app.security import Guard
from plugin.app.settings import Settings
from plugin.app.workbook_cache import WorkbookCache
from plugin.services import cases as cases_service
from plugin.errors import PoortwachterError

HERE = Path(__file__).resolve().parent
log = logging.getLogger("poortwachter.app")
LANG_COOKIE = "poortwachter_lang"


class AppState:
    """What every request shares: settings, the workbook cache, check jobs and the cached overview."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.workbooks = WorkbookCache(settings.workbook)
        self.jobs = CheckJobs()
        self._overview: dict[tuple, object] = {}
        self._lock = threading.Lock()

    def lang_of(self, request: Request) -> str:
        wanted = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
        return wanted if wanted in ("nl", "en") else self.settings.lang

    def overview(self, lang: str):
        """Every case's verdict (plugin.services.cases.overview). On the workbook basis it is kept per
        workbook version, day and language; with dossiers it is asked again (the scan cache keeps
        that cheap), since a file may have been added since."""
        loaded = self.workbooks.get()
        if loaded.workbook is None:
            raise AppError(422, f"de werkmap is niet te lezen: {loaded.error}")
        sources = self.settings.sources(loaded.workbook, lang)
        if sources.has_evidence:
            return cases_service.overview(sources)
        key = (loaded.stamp, id(loaded.workbook), sources.as_of, lang)
        found = self._overview.get(key)
        if found is None:
            found = cases_service.overview(sources)
            with self._lock:
                self._overview = {key: found}
        return found


async def _app_error(request: Request, exc: AppError) -> Response:
    if request.url.path.startswith("/api/") or request.method != "GET":   # a POST comes from a script
        return JSONResponse(exc.to_json(), status_code=exc.status)
    return pages.error_page(request, exc.status, exc.message)


async def _input_error(request: Request, exc: PoortwachterError) -> Response:
    return await _app_error(request, as_app_error(exc))


async def _crash(request: Request, exc: Exception) -> Response:
    # The class only: an exception's text can quote dossier or workbook content.
    log.error("onverwachte fout in %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return await _app_error(request, AppError(500, f"onverwachte fout in Poortwachter ({type(exc).__name__})"))


Extension = tuple[list, tuple[str, ...]]   # (routes, path prefixes served without the token)


def create_app(settings: Settings, extensions: tuple[Extension, ...] = ()):
    """The whole app, wrapped in the guard (Host, Origin, token, size limits, log).

    extensions: more routes from the surfaces built on the app (the Office add-ins' pages,
    plugin.addins.web.EXTENSION), each with the prefixes it serves without the token (static
    pages that must load before they have one and hold no data). The app itself knows none of them.
    """
    extra = [route for routes, _ in extensions for route in routes]
    public = tuple(prefix for _, prefixes in extensions for prefix in prefixes)
    routes = [*riv.routes, *api.routes, *pages.routes, *signals.routes, Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
              *extra]
    app = Starlette(routes=routes, exception_handlers={AppError: _app_error, PoortwachterError: _input_error,
                                                       Exception: _crash})
    app.state.settings = settings
    state = AppState(settings)
    app.state.workbooks = state.workbooks
    app.state.jobs = state.jobs
    app.state.lang_of = state.lang_of
    app.state.overview = state.overview
    app.state.app_state = state
    guard = Guard(app, Sessions(settings.token), settings.max_body, settings.lang, secure_cookie=settings.https,
                  public_prefixes=public)
    guard.starlette = app
    return guard


def configure_logging() -> None:
    """Our one-line access log on stderr; uvicorn's own access log stays off."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    logger = logging.getLogger("poortwachter.app")
    if not logger.handlers:
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


HEADER_SECONDS = 10.0             # from a request's first byte to the end of its headers
MAX_HEADER_BYTES = 64 * 1024      # request line and headers together


def header_timeout_protocol():
    """uvicorn's h11 protocol, closing a connection whose request headers do not arrive in time.

    uvicorn times out idle keep-alive connections, but not one that sent half a request line
    and then trickles a byte now and then (slowloris): each would hold a socket for ever, and
    enough of them leave no socket for the user. The body has its own limits (security.Guard)."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        _header_timer = None

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            waiting = self.conn.their_state is h11.IDLE and not self.transport.is_closing()
            if waiting and self._header_timer is None:
                self._header_timer = self.loop.call_later(HEADER_SECONDS, self._headers_too_slow)
            elif not waiting and self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _headers_too_slow(self) -> None:
            self._header_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

        def connection_lost(self, exc) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None
            super().connection_lost(exc)

    return HeaderTimeoutProtocol


def make_server(settings: Settings, host: str = "127.0.0.1", sock=None, certs: tuple[Path, Path] | None = None,
                extensions: tuple[Extension, ...] = ()):
    """A uvicorn.Server for the app, bound to loopback, without uvicorn's access log."""
    import uvicorn

    config = uvicorn.Config(create_app(settings, extensions), host=host, port=settings.port, access_log=False,
                            log_level="warning", server_header=False, date_header=False, lifespan="off",
                            ssl_certfile=str(certs[0]) if certs else None, ssl_keyfile=str(certs[1]) if certs else None,
                            timeout_graceful_shutdown=2, http=header_timeout_protocol(),
                            h11_max_incomplete_event_size=MAX_HEADER_BYTES)
    return uvicorn.Server(config)
