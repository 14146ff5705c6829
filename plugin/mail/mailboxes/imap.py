"""Any IMAP server, through imapclient. Read-only: folders are selected with EXAMINE and
bodies fetched with BODY.PEEK[], so a scan never marks a message as read.

Transport security: TLS from the first byte on port 993 (or imaps://, or security = "tls"),
else STARTTLS. A server without STARTTLS is refused unless it is on this machine (loopback),
where plain IMAP cannot be overheard. Set security = "none" in a profile to say so explicitly
(again loopback only; the rule is shared with SMTP in plugin/mail/security.py).

Search: SEARCH TEXT on the server (default), or with search = "local" in the profile the
first 16 KB of every message is fetched and matched here. Pick "local" for a server without a
full-text index (Dovecot without fts): its SEARCH reads every message once per term.

Authentication: the password (POORTWACHTER_<PROFIEL>_PASSWORD / POORTWACHTER_IMAP_PASSWORD or
the keyring) or, with auth = "oauth2" in the profile, an OAuth2 access token (key
'oauth2_token') sent with XOAUTH2. Secrets never come from a file and never reach a log line
or an error message.
"""

from __future__ import annotations

import imaplib
import logging
import socket
import ssl
from typing import Iterable, Iterator, Sequence

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from plugin.errors import MailError
from plugin.mail import security as transport_security

from .base import MessageRef, TermMatcher, ref_from_header_bytes, scrub
from .profiles import is_loopback
from .profiles import Profile, secret

log = logging.getLogger(__name__)

HEADER_BATCH = 500          # UIDs per FETCH of headers
SEARCH_BATCH = 100          # terms per SEARCH (one OR tree): each SEARCH reads the folder once
SKIP_FLAGS = {b"\\Noselect", b"\\NonExistent", b"\\Junk", b"\\Trash"}
HEADER_ITEM = b"BODY[HEADER.FIELDS (SUBJECT FROM DATE MESSAGE-ID)]"
LOCAL_SEARCH_BYTES = 16_384  # search = "local": the part of each message that is read
IMAP_ERRORS = (IMAPClientError, imaplib.IMAP4.error, OSError, socket.timeout)


class ImapMailbox:
    def __init__(self, profile: Profile, timeout: float = 60.0, ssl_context: ssl.SSLContext | None = None):
        self.host = profile.get("host")
        if not self.host:
            raise MailError(f"profiel '{profile.name}': 'host' ontbreekt")
        self.username = profile.get("username") or ""
        self.default_folder = profile.get("folder") or "INBOX"
        self.search_mode = profile.get("search") or "server"
        if self.search_mode not in ("server", "local"):
            raise MailError(f"profiel '{profile.name}', veld 'search': kies uit server, local")
        security, port = transport_security.choose(transport_security.IMAP, profile)
        context = ssl_context or ssl.create_default_context()
        auth = profile.get("auth") or "password"
        key = "oauth2_token" if auth == "oauth2" else "password"
        credential = secret(profile, key)
        where = f"IMAP-server {self.host}:{port}"
        try:
            self.client = IMAPClient(self.host, port=port, ssl=security == "tls", ssl_context=context, timeout=timeout)
        except (OSError, IMAPClientError) as exc:
            raise MailError(f"{where} niet bereikbaar: {exc}") from None
        self._selected: str | None = None
        try:
            if security == "starttls":
                if b"STARTTLS" in self.client.capabilities():
                    self.client.starttls(context)
                elif not is_loopback(self.host):
                    raise MailError(f"{where} biedt geen STARTTLS; gebruik poort 993 (imaps://)")
            if auth == "oauth2":
                self.client.oauth2_login(self.username, credential)
            else:
                self.client.login(self.username, credential)
        except LoginError as exc:
            self._drop()
            raise MailError(f"{where}: inloggen als '{self.username}' geweigerd "
                            f"({scrub(_text(exc), credential)})") from None
        except IMAP_ERRORS as exc:
            self._drop()
            raise MailError(f"{where}: {scrub(_text(exc), credential)}") from None
        except MailError:
            self._drop()
            raise
        log.debug("ingelogd op %s als %s (%s, %s)", where, self.username, security, auth)

    def folders(self) -> list[str]:
        listing = self._call(self.client.list_folders, "mappen opvragen")
        return [name for flags, _, name in listing if not SKIP_FLAGS & set(flags)]

    def headers(self, folder: str | None = None, ids: Iterable[str] | None = None) -> Iterator[MessageRef]:
        folder = folder or self.default_folder
        self._select(folder)
        uids = sorted(int(i) for i in ids) if ids is not None else sorted(self._call(
            lambda: self.client.search("ALL"), f"map '{folder}' doorzoeken"))
        for start in range(0, len(uids), HEADER_BATCH):
            batch = uids[start:start + HEADER_BATCH]
            fetched = self._call(lambda: self.client.fetch(batch, ["RFC822.SIZE", "BODY.PEEK[HEADER.FIELDS "
                                                                   "(SUBJECT FROM DATE MESSAGE-ID)]"]),
                                 f"kopregels ophalen uit '{folder}'")
            for uid in batch:
                data = fetched.get(uid)
                if data is not None:
                    yield ref_from_header_bytes(folder, str(uid), data.get(HEADER_ITEM, b""), data.get(b"RFC822.SIZE"))

    def inventory(self, folder: str | None = None) -> tuple[str, dict[str, str]]:
        """(UIDVALIDITY, every UID): UIDs never change within one UIDVALIDITY, so a scan only
        needs the new ones; a new UIDVALIDITY (the server renumbered) means a full scan."""
        folder = folder or self.default_folder
        info = self._call(lambda: self.client.select_folder(folder, readonly=True), f"map '{folder}' openen")
        self._selected = folder
        uids = self._call(lambda: self.client.search("ALL"), f"map '{folder}' doorzoeken")
        return str(info.get(b"UIDVALIDITY", "")), {str(uid): "" for uid in uids}

    def search(self, terms: list[str], folder: str | None = None, within: set[str] | None = None,
               subject_terms: Sequence[str] = ()) -> set[str]:
        folder = folder or self.default_folder
        self._select(folder)
        terms = [t for t in dict.fromkeys(" ".join(t.split()) for t in terms) if t]
        subject_terms = [t for t in dict.fromkeys(" ".join(t.split()) for t in subject_terms) if t]
        if within is not None and not within:
            return set()
        if self.search_mode == "local":
            return self._search_local(terms + subject_terms, folder, within)  # a superset: confirmed later
        found: set[str] = set()
        scope = ["UID", uid_set(within)] if within is not None else []
        queries = [("TEXT", terms[i:i + SEARCH_BATCH]) for i in range(0, len(terms), SEARCH_BATCH)]
        queries += [("SUBJECT", subject_terms[i:i + SEARCH_BATCH]) for i in range(0, len(subject_terms), SEARCH_BATCH)]
        for key, batch in queries:
            criteria: list[str] = list(scope)
            for index, term in enumerate(batch):
                criteria += (["OR"] if index < len(batch) - 1 else []) + [key, term]
            charset = None if all(t.isascii() for t in batch) else "UTF-8"
            uids = self._call(lambda: self.client.search(criteria, charset=charset), f"zoeken in '{folder}'")
            found.update(str(uid) for uid in uids)
        return found

    def _search_local(self, terms: list[str], folder: str, within: set[str] | None = None) -> set[str]:
        """Fetch the first LOCAL_SEARCH_BYTES of each message (headers and, in practice, the text
        that precedes any attachment) and match here: for servers whose SEARCH is slow."""
        matcher = TermMatcher(terms)
        if within is not None:
            uids = sorted(int(uid) for uid in within)
        else:
            uids = sorted(self._call(lambda: self.client.search("ALL"), f"map '{folder}' doorzoeken"))
        item = f"BODY.PEEK[]<0.{LOCAL_SEARCH_BYTES}>"
        found: set[str] = set()
        for start in range(0, len(uids), HEADER_BATCH):
            batch = uids[start:start + HEADER_BATCH]
            fetched = self._call(lambda: self.client.fetch(batch, [item]), f"zoeken in '{folder}'")
            for uid, data in fetched.items():
                if matcher.matches(data.get(b"BODY[]<0>", b"")):
                    found.add(str(uid))
        return found

    def fetch(self, ref: MessageRef) -> bytes:
        self._select(ref.folder)
        uid = int(ref.id)
        data = self._call(lambda: self.client.fetch([uid], ["BODY.PEEK[]"]), f"bericht ophalen uit '{ref.folder}'")
        if uid not in data or b"BODY[]" not in data[uid]:
            raise MailError(f"IMAP-server {self.host}: bericht {uid} in '{ref.folder}' bestaat niet meer")
        return data[uid][b"BODY[]"]

    def close(self) -> None:
        try:
            self.client.logout()
        except IMAP_ERRORS:
            self._drop()

    def _select(self, folder: str) -> None:
        if self._selected != folder:
            self._call(lambda: self.client.select_folder(folder, readonly=True), f"map '{folder}' openen")
            self._selected = folder

    def _call(self, call, what: str):
        try:
            return call()
        except IMAP_ERRORS as exc:
            raise MailError(f"IMAP-server {self.host}: {what} mislukt ({_text(exc)})") from None

    def _drop(self) -> None:
        try:
            self.client.shutdown()
        except (OSError, IMAPClientError):
            pass


def uid_set(uids) -> str:
    """'3:5,9,12:13' for the UIDs {3, 4, 5, 9, 12, 13}: one short SEARCH argument."""
    numbers = sorted(int(uid) for uid in uids)
    parts: list[str] = []
    start = previous = None
    for number in numbers + [None]:
        if start is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}:{previous}")
        start = previous = number
    return ",".join(parts)


def _text(exc: BaseException) -> str:
    value = exc.args[0] if exc.args else str(exc)
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
