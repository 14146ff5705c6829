"""The token: the rules it must meet, the sessions it is traded for, and the login page (served without it)."""

from __future__ import annotations

import hmac
import re
import secrets

from plugin.errors import UsageError

MIN_TOKEN_CHARS = 32
MIN_DISTINCT_CHARS = 10
_TOKEN_CHARS = re.compile(r"[A-Za-z0-9._~-]+")
SUGGEST = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Poortwachter</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;background:#f4f6f8;color:#1d2733;display:flex;justify-content:center;
padding-top:12vh}}form{{background:#fff;padding:2rem 2.5rem;border-radius:8px;box-shadow:0 1px 4px #0002;max-width:30rem}}
h1{{font-size:1.4rem;margin-top:0}}input{{width:100%;padding:.5rem;font-size:1rem;margin:.5rem 0 1rem;box-sizing:border-box}}
button{{background:#1f5c99;color:#fff;border:0;padding:.6rem 1.2rem;border-radius:4px;font-size:1rem;cursor:pointer}}
.err{{color:#b3261e}}</style></head><body><form method="post" action="/login">
<h1>Poortwachter</h1><p>{intro}</p>{error}
<label for="token">{label}</label><input id="token" name="token" type="password" autocomplete="off" autofocus>
<button type="submit">{button}</button></form></body></html>"""
TEXT = {
    "nl": {"intro": "Open de app met de link die <code>poortwachter serve</code> in het venster toont "
                    "(met <code>?token=</code>), of plak hier het token uit die link.",
           "label": "Token", "button": "Openen", "error": "Dit token klopt niet. Start de app opnieuw of kopieer de link."},
    "en": {"intro": "Open the app with the link <code>poortwachter serve</code> shows in its window "
                    "(with <code>?token=</code>), or paste the token from that link here.",
           "label": "Token", "button": "Open", "error": "This token is not right. Restart the app or copy the link."},
}


def login_page(lang: str, error: bool = False) -> bytes:
    text = TEXT[lang if lang in TEXT else "nl"]
    return PAGE.format(lang=lang if lang in TEXT else "nl", intro=text["intro"], label=text["label"],
                       button=text["button"], error=f'<p class="err">{text["error"]}</p>' if error else "").encode()


def check_token(token: str, source: str = "POORTWACHTER_TOKEN") -> str:
    """The token when it is hard enough to guess; UsageError saying why otherwise.

    Our own tokens are 43 random URL-safe characters (secrets.token_urlsafe(32)). A token set
    by the user must be as long as a password manager's: at least 32 characters, of at least
    10 different ones (no 'aaaa…'), and only characters a link carries unchanged (letters,
    digits, - . _ ~), because it travels in the printed link and in an HTTP header."""
    hint = f"maak er een met: {SUGGEST}"
    if not _TOKEN_CHARS.fullmatch(token or ""):
        raise UsageError(f"{source} mag alleen letters, cijfers en - . _ ~ bevatten (geen spaties); {hint}")
    if len(token) < MIN_TOKEN_CHARS:
        raise UsageError(f"{source} is te kort ({len(token)} tekens): gebruik er minstens {MIN_TOKEN_CHARS}; {hint}")
    if len(set(token)) < MIN_DISTINCT_CHARS:
        raise UsageError(f"{source} is te eentonig ({len(set(token))} verschillende tekens): gebruik er minstens "
                         f"{MIN_DISTINCT_CHARS}; {hint}")
    return token


class Sessions:
    """Session ids handed out for the token; they die with the server."""

    def __init__(self, token: str):
        self.token = check_token(token, "het token")
        self._ids: set[str] = set()

    @staticmethod
    def cookie_name(port: int) -> str:
        """Per port: cookies ignore the port, and two apps on one computer must not log each other out."""
        return f"poortwachter_{port}"

    def token_ok(self, candidate: str | None) -> bool:
        return bool(candidate) and hmac.compare_digest(candidate.encode("utf-8", "replace"), self.token.encode())

    def new(self) -> str:
        session = secrets.token_urlsafe(32)
        self._ids.add(session)
        return session

    def valid(self, session: str | None) -> bool:
        return bool(session) and any(hmac.compare_digest(session.encode("utf-8", "replace"), known.encode())
                                     for known in self._ids)
