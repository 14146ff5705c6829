"""The guard in front of every route: Host, Origin, token, body size and time, and a log without content.

The app serves medical and personnel data on this computer only:
- it binds to 127.0.0.1; a Host header that is not a loopback name for our port is refused
  (403), which stops DNS rebinding (a web page whose domain suddenly points at 127.0.0.1);
- a random token per start (`Settings.token`, or POORTWACHTER_TOKEN, which must be long: see
  login.check_token). The browser opens /?token=TOKEN once and trades it for an HttpOnly,
  SameSite=Strict session cookie (the token leaves the address bar at once); scripts and the
  Office add-ins send `Authorization: Bearer TOKEN`. Without either, every route except
  /login answers 401. Wrong tokens are answered slowly (throttle.py);
- a state-changing request (POST, PUT, PATCH, DELETE) whose Origin is not this server is
  refused (403): another web site cannot make the browser act for the user (CSRF). One that
  rides on the session cookie must also say where it comes from (a same-origin Origin or
  Sec-Fetch-Site): an old browser or an embedded web view that sends neither is refused;
- a request that changes something must be `Content-Type: application/json` (415; only the
  login form is a form): a cross-site form can only send text/plain or form data;
- bodies over the limit are refused (413) before and while they are read; a body that stops
  arriving is answered 408 (slowloris); a request with too many headers 431;
- the log holds method, path (never the query string or a body) and status, with control
  characters escaped (a path can carry terminal escape sequences).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import unicodedata
from http.cookies import SimpleCookie
from typing import Iterable
from urllib.parse import parse_qsl, urlencode

from plugin.app.hosts import host_allowed, origin_allowed
from plugin.app.login import Sessions, login_page
from plugin.app.throttle import Throttle

log = logging.getLogger("poortwachter.app")

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LOGIN_PATH = "/login"
MAX_HEADERS = 100             # a browser sends about 20
MAX_LOGGED_PATH = 300         # characters of a path in the log (a 60 KB path is no log line)
BODY_IDLE_SECONDS = 15.0      # between two pieces of a body
BODY_TOTAL_SECONDS = 120.0    # for a whole body (25 MB over loopback takes well under a second)
# For the app's own pages: nothing from elsewhere, no framing by another site (clickjacking), no
# referrer (a first URL can hold the token). The add-in pages (public_prefixes) set their own:
# Office frames them and they load office.js from Microsoft.
PAGE_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                                 b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    (b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
]
MESSAGES = {
    401: "Geen toegang: open de app met de link uit 'poortwachter serve' of stuur 'Authorization: Bearer TOKEN'.",
    403: "Geweigerd: dit verzoek komt niet van deze computer of niet van de app zelf.",
    408: "Te traag: de inhoud van het verzoek kwam niet (helemaal) aan.",
    413: "Te groot: het verzoek is groter dan de app aanneemt.",
    415: "Stuur JSON: dit verzoek vraagt 'Content-Type: application/json'.",
    429: "Te veel verkeerde tokens op dit moment: probeer het over een minuut opnieuw.",
    431: "Te veel kopregels (headers) in het verzoek.",
}


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


def printable(text: str) -> str:
    """Text for a log line: control and format characters (ESC, CR, bidi overrides) as \\x1b, \\u202e."""
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") or char == "\\":
            code = ord(char)
            out.append("\\\\" if char == "\\" else f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookie(headers: dict[str, str], name: str) -> str | None:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # noqa: BLE001 - a malformed cookie header is just no session
        return None
    return jar[name].value if name in jar else None


def _is_json(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "application/json"


async def _send(send, status: int, body: bytes, content_type: str, extra: Iterable[tuple[bytes, bytes]] = ()) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store"), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _refuse(send, status: int, message: str | None = None, extra: Iterable[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"error": message or MESSAGES[status], "status": status}, ensure_ascii=False).encode()
    await _send(send, status, body, "application/json; charset=utf-8", extra)


class Guard:
    """Pure ASGI middleware: every check happens before the app sees the request."""

    def __init__(self, app, sessions: Sessions, max_body: int, lang: str = "nl", secure_cookie: bool = False,
                 public_prefixes: tuple[str, ...] = (), throttle: Throttle | None = None):
        self.app = app
        self.sessions = sessions
        self.max_body = max_body
        self.lang = lang
        self.secure_cookie = secure_cookie
        self.public_prefixes = public_prefixes
        self.throttle = throttle or Throttle()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status_seen = {"status": 0}
        own_headers = bool(self.public_prefixes) and scope.get("path", "").startswith(self.public_prefixes)

        async def logged_send(message):
            if message["type"] == "http.response.start":
                status_seen["status"] = message["status"]
                # How long the server worked on it (the benchmark reads this; browsers show it).
                took = f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode()
                extra = [] if own_headers else PAGE_HEADERS
                message = {**message, "headers": [*message.get("headers", []), (b"server-timing", took), *extra]}
            await send(message)

        try:
            await self._guarded(scope, receive, logged_send)
        finally:
            # Method and path only: the query may hold the token, bodies hold dossier content.
            path = str(scope.get("path"))
            log.info("%s %s %s %.0fms", printable(str(scope.get("method"))), printable(path[:MAX_LOGGED_PATH])
                     + ("…" if len(path) > MAX_LOGGED_PATH else ""), status_seen["status"],
                     (time.perf_counter() - started) * 1000)

    async def _guarded(self, scope, receive, send):
        if len(scope.get("headers", ())) > MAX_HEADERS:
            return await _refuse(send, 431)
        headers = _headers(scope)
        port = (scope.get("server") or ("", 0))[1]
        method = scope.get("method", "GET")
        path = scope.get("path", "/")
        wants_json = path.startswith("/api/") or "application/json" in headers.get("accept", "")
        changes = method not in SAFE_METHODS
        if not host_allowed(headers.get("host", ""), port):
            return await _refuse(send, 403, "Geweigerd: onbekende Host (alleen 127.0.0.1/localhost).")
        if changes and not self._same_origin(headers, port):
            return await _refuse(send, 403)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _refuse(send, 413)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if path == LOGIN_PATH:
            return await self._login(receive, send, method, query, port)
        if method == "GET" and "token" in query:
            return await self._trade_token(send, headers, path, query, port)
        how = await self._authorised(headers, port)
        if how == "busy":
            return await _refuse(send, 429, extra=[(b"retry-after", b"60")])
        if how is None and not path.startswith(self.public_prefixes or ("\0",)):
            if wants_json or changes:
                return await _refuse(send, 401, extra=[(b"www-authenticate", b'Bearer realm="poortwachter"')])
            return await _send(send, 401, login_page(self._lang(query)), "text/html; charset=utf-8")
        if changes and how == "cookie" and not self._says_where_from(headers, port):
            return await _refuse(send, 403)
        if changes and not _is_json(headers.get("content-type", "")):   # /login (a form) was answered above
            return await _refuse(send, 415)
        await self._call_limited(scope, receive, send)

    def _same_origin(self, headers: dict[str, str], port: int) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin_allowed(origin, port)
        # No Origin (curl, scripts, old browsers): a browser still says where it came from here.
        return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")

    @staticmethod
    def _says_where_from(headers: dict[str, str], port: int) -> bool:
        """A cookie-borne change must name its origin: CSRF from a browser that sends neither header."""
        if "origin" in headers:
            return origin_allowed(headers["origin"], port)
        return headers.get("sec-fetch-site") == "same-origin"

    async def _authorised(self, headers: dict[str, str], port: int) -> str | None:
        """'cookie' or 'bearer' when the request may pass, 'busy' while guessing is held off, else None.

        A Bearer token decides when it is sent (a request that carries it cannot be forged by another
        site, so it needs no Origin); else the session cookie."""
        auth = headers.get("authorization", "")
        if auth[:7].lower() != "bearer ":
            return "cookie" if self.sessions.valid(_cookie(headers, self.sessions.cookie_name(port))) else None
        if not await self._token_right(auth[7:].strip()):
            return "busy" if self.throttle.busy() else None
        return "bearer"

    async def _token_right(self, candidate: str) -> bool:
        """Compare a presented token; a wrong one is answered only after the throttle's delay."""
        if self.throttle.busy():
            return False
        if self.sessions.token_ok(candidate):
            return True
        await self.throttle.failed()
        return False

    def _lang(self, query: dict[str, str]) -> str:
        return query.get("lang") if query.get("lang") in ("nl", "en") else self.lang

    def _session_cookie(self, port: int) -> bytes:
        secure = "; Secure" if self.secure_cookie else ""
        return (f"{self.sessions.cookie_name(port)}={self.sessions.new()}; HttpOnly; SameSite=Strict; Path=/{secure}"
                ).encode()

    async def _trade_token(self, send, headers: dict[str, str], path: str, query: dict[str, str], port: int):
        # Only a page opened by the user (a navigation), never an <img> or a script of another site.
        if headers.get("sec-fetch-mode", "navigate") != "navigate":
            return await _refuse(send, 403)
        if self.throttle.busy():
            return await _refuse(send, 429, extra=[(b"retry-after", b"60")])
        if not await self._token_right(query.get("token", "")):
            return await _send(send, 401, login_page(self._lang(query), error=True), "text/html; charset=utf-8")
        rest = {k: v for k, v in query.items() if k != "token"}
        location = path + (f"?{urlencode(rest)}" if rest else "")
        await _send(send, 303, b"", "text/plain", [(b"location", location.encode("utf-8", "replace")),
                                                    (b"set-cookie", self._session_cookie(port))])

    async def _login(self, receive, send, method: str, query: dict[str, str], port: int):
        if method != "POST":
            return await _send(send, 200, login_page(self._lang(query)), "text/html; charset=utf-8")
        body = b""
        while True:
            try:
                message = await asyncio.wait_for(receive(), BODY_IDLE_SECONDS)
            except asyncio.TimeoutError:
                return await _refuse(send, 408)
            body += message.get("body", b"")
            if len(body) > 4096:
                return await _refuse(send, 413)
            if not message.get("more_body"):
                break
        if self.throttle.busy():
            return await _refuse(send, 429, extra=[(b"retry-after", b"60")])
        token = dict(parse_qsl(body.decode("utf-8", "replace"))).get("token", "").strip()
        if not await self._token_right(token):
            return await _send(send, 401, login_page(self._lang(query), error=True), "text/html; charset=utf-8")
        await _send(send, 303, b"", "text/plain", [(b"location", b"/"), (b"set-cookie", self._session_cookie(port))])

    async def _call_limited(self, scope, receive, send):
        received = 0
        started = False
        deadline = time.monotonic() + BODY_TOTAL_SECONDS

        async def limited_receive():
            nonlocal received
            wait = min(BODY_IDLE_SECONDS, deadline - time.monotonic())
            try:
                message = await asyncio.wait_for(receive(), max(0.0, wait))
            except asyncio.TimeoutError:
                raise BodyTooSlow() from None
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise BodyTooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except (BodyTooLarge, BodyTooSlow) as exc:
            if not started:
                await _refuse(send, 413 if isinstance(exc, BodyTooLarge) else 408)
        except Exception as exc:  # noqa: BLE001 - answered already (500); the server must not log its text
            if type(exc).__name__ == "ClientDisconnect":   # the client went away: nobody to answer
                return
            # An exception's message can quote dossier or workbook content, so only its class is logged,
            # and it stops here instead of reaching uvicorn's error log with a traceback.
            log.error("onverwachte fout: %s", type(exc).__name__)
            if not started:
                await _refuse(send, 500, f"onverwachte fout ({type(exc).__name__})")
