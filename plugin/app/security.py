"""The guard in front of every route: Host, Origin, token, body size, and a log without content.

The app serves medical and personnel data on this computer only:
- it binds to 127.0.0.1; a Host header that is not a loopback name for our port is refused
  (403), which stops DNS rebinding (a web page whose domain suddenly points at 127.0.0.1);
- a random token per start (`Settings.token`, or POORTWACHTER_TOKEN). The browser opens
  /?token=TOKEN once and trades it for an HttpOnly, SameSite=Strict session cookie (the
  token leaves the address bar at once); scripts and the Office add-ins send
  `Authorization: Bearer TOKEN`. Without either, every route except /login answers 401;
- a state-changing request (POST, PUT, PATCH, DELETE) whose Origin is not this server is
  refused (403): another web site cannot make the browser act for the user (CSRF);
- bodies over the limit are refused (413) before and while they are read;
- the log holds method, path (never the query string or a body) and status.
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import time
from http.cookies import SimpleCookie
from typing import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit

log = logging.getLogger("poortwachter.app")

LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LOGIN_PATH = "/login"
# For the app's own pages: nothing from elsewhere, no framing by another site (clickjacking), no
# referrer (a first URL can hold the token). The add-in pages (public_prefixes) set their own:
# Office frames them and they load office.js from Microsoft.
PAGE_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                                 b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    (b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
]
LOGIN_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Poortwachter</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;background:#f4f6f8;color:#1d2733;display:flex;justify-content:center;
padding-top:12vh}}form{{background:#fff;padding:2rem 2.5rem;border-radius:8px;box-shadow:0 1px 4px #0002;max-width:30rem}}
h1{{font-size:1.4rem;margin-top:0}}input{{width:100%;padding:.5rem;font-size:1rem;margin:.5rem 0 1rem;box-sizing:border-box}}
button{{background:#1f5c99;color:#fff;border:0;padding:.6rem 1.2rem;border-radius:4px;font-size:1rem;cursor:pointer}}
.err{{color:#b3261e}}</style></head><body><form method="post" action="/login">
<h1>Poortwachter</h1><p>{intro}</p>{error}
<label for="token">{label}</label><input id="token" name="token" type="password" autocomplete="off" autofocus>
<button type="submit">{button}</button></form></body></html>"""
LOGIN_TEXT = {
    "nl": {"intro": "Open de app met de link die <code>poortwachter serve</code> in het venster toont "
                    "(met <code>?token=</code>), of plak hier het token uit die link.",
           "label": "Token", "button": "Openen", "error": "Dit token klopt niet. Start de app opnieuw of kopieer de link."},
    "en": {"intro": "Open the app with the link <code>poortwachter serve</code> shows in its window "
                    "(with <code>?token=</code>), or paste the token from that link here.",
           "label": "Token", "button": "Open", "error": "This token is not right. Restart the app or copy the link."},
}


class BodyTooLarge(Exception):
    pass


def host_allowed(host_header: str, port: int) -> bool:
    """Only loopback names, and only with our own port (or none, for the default port)."""
    if not host_header:
        return False
    parsed = urlsplit(f"//{host_header}")
    try:
        given_port = parsed.port
    except ValueError:
        return False
    name = (parsed.hostname or "").lower()
    return name in LOOPBACK_NAMES and given_port in (port, None)


def origin_allowed(origin: str, port: int) -> bool:
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or parts.path not in ("", "/"):
        return False
    try:
        given_port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return False
    return (parts.hostname or "").lower() in LOOPBACK_NAMES and given_port == port


class Sessions:
    """Session ids handed out for the token; they die with the server."""

    def __init__(self, token: str):
        self.token = token
        self._ids: set[str] = set()

    @staticmethod
    def cookie_name(port: int) -> str:
        """Per port: cookies ignore the port, and two apps on one computer must not log each other out."""
        return f"poortwachter_{port}"

    def token_ok(self, candidate: str | None) -> bool:
        return bool(candidate) and hmac.compare_digest(candidate.encode(), self.token.encode())

    def new(self) -> str:
        session = secrets.token_urlsafe(32)
        self._ids.add(session)
        return session

    def valid(self, session: str | None) -> bool:
        return bool(session) and any(hmac.compare_digest(session.encode(), known.encode()) for known in self._ids)


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookie(headers: dict[str, str], name: str) -> str | None:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # noqa: BLE001 - a malformed cookie header is just no session
        return None
    return jar[name].value if name in jar else None


async def _send(send, status: int, body: bytes, content_type: str, extra: Iterable[tuple[bytes, bytes]] = ()) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store"), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _error_body(status: int, message: str) -> bytes:
    return json.dumps({"error": message, "status": status}, ensure_ascii=False).encode()


MESSAGES = {
    401: "Geen toegang: open de app met de link uit 'poortwachter serve' of stuur 'Authorization: Bearer TOKEN'.",
    403: "Geweigerd: dit verzoek komt niet van deze computer of niet van de app zelf.",
    413: "Te groot: het verzoek is groter dan de app aanneemt.",
}


class Guard:
    """Pure ASGI middleware: every check happens before the app sees the request."""

    def __init__(self, app, sessions: Sessions, max_body: int, lang: str = "nl", secure_cookie: bool = False,
                 public_prefixes: tuple[str, ...] = ()):
        self.app = app
        self.sessions = sessions
        self.max_body = max_body
        self.lang = lang
        self.secure_cookie = secure_cookie
        self.public_prefixes = public_prefixes

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
            log.info("%s %s %s %.0fms", scope.get("method"), scope.get("path"), status_seen["status"],
                     (time.perf_counter() - started) * 1000)

    async def _guarded(self, scope, receive, send):
        headers = _headers(scope)
        port = (scope.get("server") or ("", 0))[1]
        method = scope.get("method", "GET")
        path = scope.get("path", "/")
        wants_json = path.startswith("/api/") or "application/json" in headers.get("accept", "")
        if not host_allowed(headers.get("host", ""), port):
            return await _send(send, 403, _error_body(403, "Geweigerd: onbekende Host (alleen 127.0.0.1/localhost)."),
                               "application/json; charset=utf-8")
        if method not in SAFE_METHODS and not self._same_origin(headers, port):
            return await _send(send, 403, _error_body(403, MESSAGES[403]), "application/json; charset=utf-8")
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _send(send, 413, _error_body(413, MESSAGES[413]), "application/json; charset=utf-8")
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if path == LOGIN_PATH:
            return await self._login(scope, receive, send, method, query, port)
        if method == "GET" and "token" in query:
            return await self._trade_token(send, path, query, port)
        if not self._authorised(headers, port) and not path.startswith(self.public_prefixes or ("\0",)):
            if wants_json or method != "GET":
                return await _send(send, 401, _error_body(401, MESSAGES[401]), "application/json; charset=utf-8",
                                   [(b"www-authenticate", b'Bearer realm="poortwachter"')])
            return await _send(send, 401, self._login_page(query.get("lang")), "text/html; charset=utf-8")
        await self._call_limited(scope, receive, send)

    def _same_origin(self, headers: dict[str, str], port: int) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin_allowed(origin, port)
        # No Origin (curl, scripts, old browsers): a browser still says where it came from here.
        return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")

    def _authorised(self, headers: dict[str, str], port: int) -> bool:
        auth = headers.get("authorization", "")
        if auth[:7].lower() == "bearer " and self.sessions.token_ok(auth[7:].strip()):
            return True
        return self.sessions.valid(_cookie(headers, self.sessions.cookie_name(port)))

    def _login_page(self, lang: str | None, error: bool = False) -> bytes:
        lang = lang if lang in LOGIN_TEXT else self.lang
        text = LOGIN_TEXT[lang]
        return LOGIN_PAGE.format(lang=lang, intro=text["intro"], label=text["label"], button=text["button"],
                                 error=f'<p class="err">{text["error"]}</p>' if error else "").encode()

    def _session_cookie(self, port: int) -> bytes:
        secure = "; Secure" if self.secure_cookie else ""
        return (f"{self.sessions.cookie_name(port)}={self.sessions.new()}; HttpOnly; SameSite=Strict; Path=/{secure}"
                ).encode()

    async def _trade_token(self, send, path: str, query: dict[str, str], port: int):
        if not self.sessions.token_ok(query.get("token")):
            return await _send(send, 401, self._login_page(query.get("lang"), error=True), "text/html; charset=utf-8")
        rest = {k: v for k, v in query.items() if k != "token"}
        location = path + (f"?{urlencode(rest)}" if rest else "")
        await _send(send, 303, b"", "text/plain", [(b"location", location.encode()),
                                                    (b"set-cookie", self._session_cookie(port))])

    async def _login(self, scope, receive, send, method: str, query: dict[str, str], port: int):
        if method != "POST":
            return await _send(send, 200, self._login_page(query.get("lang")), "text/html; charset=utf-8")
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > 4096:
                return await _send(send, 413, _error_body(413, MESSAGES[413]), "application/json; charset=utf-8")
            if not message.get("more_body"):
                break
        token = dict(parse_qsl(body.decode("utf-8", "replace"))).get("token", "").strip()
        if not self.sessions.token_ok(token):
            return await _send(send, 401, self._login_page(query.get("lang"), error=True), "text/html; charset=utf-8")
        await _send(send, 303, b"", "text/plain", [(b"location", b"/"), (b"set-cookie", self._session_cookie(port))])

    async def _call_limited(self, scope, receive, send):
        received = 0
        started = False

        async def limited_receive():
            nonlocal received
            message = await receive()
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
        except BodyTooLarge:
            if not started:
                await _send(send, 413, _error_body(413, MESSAGES[413]), "application/json; charset=utf-8")
        except Exception as exc:  # noqa: BLE001 - answered already (500); the server must not log its text
            # An exception's message can quote dossier or workbook content, so only its class is logged,
            # and it stops here instead of reaching uvicorn's error log with a traceback.
            log.error("onverwachte fout: %s", type(exc).__name__)
            if not started:
                await _send(send, 500, _error_body(500, f"onverwachte fout ({type(exc).__name__})"),
                            "application/json; charset=utf-8")
