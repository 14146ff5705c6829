"""Microsoft 365 mailboxes through Microsoft Graph (msal client credentials + httpx).

The successor of EWS for Exchange Online: Microsoft began switching EWS off there on
2026-10-01 and ends it on 2027-04-01. An Entra ID app registration with the application
permission Mail.Read (limited to the casemanagers' mailboxes with an application access
policy) signs in with its client secret.

Profile keys: those of the Graph session (plugin/mail/graph_client.py) and folder (default the
Inbox).

Headers are read with $select and $top, following @odata.nextLink; search uses $search per
term (Graph returns at most 1000 hits per search); bodies come from /messages/{id}/$value
only for candidates. HTTP 429/503/504 are retried after Retry-After (retry.py).

Incremental (`changes`, with a MailState): a delta query per folder
(/mailFolders/{id}/messages/delta with $select of the envelope and changeKey, pages followed
through @odata.nextLink) lists the whole folder the first time and ends with an
@odata.deltaLink, stored as the folder's cursor. The next scan calls that link and gets only
new, changed (a new changeKey) and removed ('@removed') messages. A link the server no longer
knows (HTTP 410 Gone, or an error code naming the sync state or a resync) is dropped and the
folder is listed in full again. Only new or changed messages are searched ($search, intersected
with them) and fetched. Caveat: $search uses the server's search index; a message that is not
indexed yet when it first shows up in a delta is not found, like in a full scan.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Iterable, Iterator
from urllib.parse import quote

import httpx

from plugin.errors import MailError
from plugin.mail.graph_client import GraphSession, error_text

from .base import MessageRef, local_date
from .profiles import Profile
from .state import Changes, SyncReset, resume_or_relist, tag_cursor
from .retry import RetryPolicy, Throttled, retry_after

log = logging.getLogger(__name__)

PAGE_SIZE = 250
ENVELOPE = "id,subject,from,receivedDateTime"
RETRY_STATUS = (429, 503, 504)
DELTA_FIELDS = "subject,from,receivedDateTime,changeKey"
DELTA_PAGE_SIZE = 200   # asked with Prefer: odata.maxpagesize (delta pages hold 10 messages otherwise)
# Error codes with which Graph says a delta link is no longer valid: start a full listing again.
RESET_CODES = ("syncstatenotfound", "syncstateinvalid", "resyncrequired", "invalidsyncstate", "syncstateexpired")


class GraphMailbox:
    def __init__(self, profile: Profile, http: httpx.Client | None = None, retry: RetryPolicy = RetryPolicy()):
        self.session = GraphSession(profile, http)
        self.retry = retry
        self.http = self.session.http
        self.base = self.session.base
        self.default_folder = profile.get("folder")
        self._folder_ids: dict[str, str] | None = None
        self._delta_refs: dict[str, dict[str, MessageRef]] = {}   # folder -> envelopes seen in a delta

    def folders(self) -> list[str]:
        return list(self._folders())

    def headers(self, folder: str | None = None, ids: Iterable[str] | None = None) -> Iterator[MessageRef]:
        name, folder_id = self._folder(folder)
        if ids is not None:
            seen = self._delta_refs.get(name, {})
            for msg_id in ids:
                if msg_id in seen:  # the delta query brought the envelope already
                    yield seen[msg_id]
                    continue
                yield _ref(name, self._get(f"{self.base}/messages/{quote(msg_id, safe='')}",
                                           {"$select": ENVELOPE}).json())
            return
        url = f"{self.base}/mailFolders/{quote(folder_id, safe='')}/messages"
        for item in self._pages(url, {"$select": ENVELOPE, "$top": str(PAGE_SIZE)}):
            yield _ref(name, item)

    def search(self, terms: list[str], folder: str | None = None, within=None,
               subject_terms: Iterable[str] = ()) -> set[str]:
        """`within` (the new or changed ids of an incremental scan) limits the result; nothing to
        look for when it is empty. Subject terms use KQL subject:."""
        if within is not None and not within:
            return set()
        _, folder_id = self._folder(folder)
        url = f"{self.base}/mailFolders/{quote(folder_id, safe='')}/messages"
        found: set[str] = set()
        queries = [f'"{t}"' for t in dict.fromkeys(" ".join(t.split()).replace('"', "") for t in terms) if t]
        queries += [f'"subject:{t}"' for t in dict.fromkeys(" ".join(t.split()).replace('"', "")
                                                             for t in subject_terms) if t]
        for query in queries:
            found.update(item["id"] for item in self._pages(url, {"$search": query, "$select": "id",
                                                                  "$top": str(PAGE_SIZE)}))
        return found & set(within) if within is not None else found

    def changes(self, folder: str | None, cursor: str | None) -> Changes:
        """What changed in a folder since the delta link `cursor`; the whole folder without one."""
        name, folder_id = self._folder(folder)
        owner = f"{self.base}/mailFolders/{folder_id}"
        url = f"{self.base}/mailFolders/{quote(folder_id, safe='')}/messages/delta"
        return resume_or_relist(
            "Microsoft Graph", name, owner, cursor,
            lambda link: self._delta_round(name, owner, link, None, complete=False),
            lambda: self._delta_round(name, owner, url, {"$select": DELTA_FIELDS}, complete=True))

    def _delta_round(self, name: str, owner: str, url: str, params: dict | None, complete: bool) -> Changes:
        """One delta round: every page up to the @odata.deltaLink. The same message may come twice
        (the last state counts); a removed one comes as {'id', '@removed'}."""
        changed: dict[str, str] = {}
        removed: set[str] = set()
        refs: dict[str, MessageRef] = {}
        while True:
            body = self._get(url, params, delta=True).json()
            for item in body.get("value", []):
                msg_id = item["id"]
                if "@removed" in item:
                    removed.add(msg_id)
                    changed.pop(msg_id, None)
                    refs.pop(msg_id, None)
                else:
                    removed.discard(msg_id)
                    changed[msg_id] = item.get("changeKey") or ""
                    refs[msg_id] = _ref(name, item)
            if body.get("@odata.nextLink"):
                url, params = body["@odata.nextLink"], None
            elif body.get("@odata.deltaLink"):
                self._delta_refs.setdefault(name, {}).update(refs)
                return Changes(changed, frozenset(removed), tag_cursor(owner, body["@odata.deltaLink"]), complete)
            else:
                raise MailError(f"Microsoft Graph: map '{name}': antwoord zonder vervolg- of deltakoppeling")

    def fetch(self, ref: MessageRef) -> bytes:
        return self._get(f"{self.base}/messages/{quote(ref.id, safe='')}/$value").content

    def close(self) -> None:
        self.http.close()

    def _folders(self) -> dict[str, str]:
        if self._folder_ids is None:
            found: dict[str, str] = {}
            pending = [("", f"{self.base}/mailFolders")]
            while pending:
                prefix, url = pending.pop(0)
                for item in self._pages(url, {"$select": "id,displayName,childFolderCount", "$top": "100"}):
                    name = f"{prefix}{item['displayName']}"
                    found[name] = item["id"]
                    if item.get("childFolderCount"):
                        pending.append((f"{name}/", f"{self.base}/mailFolders/{quote(item['id'], safe='')}/childFolders"))
            self._folder_ids = found
        return self._folder_ids

    def _folder(self, name: str | None) -> tuple[str, str]:
        name = name or self.default_folder
        if name is None:
            return "Inbox", "inbox"
        folders = self._folders()
        if name not in folders:
            raise MailError(f"Microsoft Graph: map '{name}' bestaat niet (wel: {', '.join(folders)})")
        return name, folders[name]

    def _pages(self, url: str, params: dict | None) -> Iterator[dict]:
        while url:
            body = self._get(url, params).json()
            yield from body.get("value", [])
            url, params = body.get("@odata.nextLink"), None  # the next link carries the query itself

    def _get(self, url: str, params: dict | None = None, delta: bool = False) -> httpx.Response:
        def attempt() -> httpx.Response:
            headers = self.session.auth()
            if delta:
                headers["Prefer"] = f"odata.maxpagesize={DELTA_PAGE_SIZE}"
            try:
                response = self.http.get(url, params=params, headers=headers)
            except httpx.TransportError as exc:
                raise MailError(f"Microsoft Graph niet bereikbaar: {exc}") from None
            if response.status_code in RETRY_STATUS:
                raise Throttled(f"HTTP {response.status_code}", retry_after(response.headers.get("Retry-After")))
            return response
        response = self.retry.run(attempt, "Microsoft Graph")
        if delta and _is_reset(response):
            raise SyncReset(f"HTTP {response.status_code}: {error_text(response)}")
        if response.status_code >= 400:
            raise MailError(f"Microsoft Graph weigert ({response.status_code}): {error_text(response)}")
        return response


def _is_reset(response: httpx.Response) -> bool:
    """410 Gone, or an error code about the sync state: the delta link must be dropped."""
    if response.status_code == 410:
        return True
    if response.status_code < 400:
        return False
    try:
        code = str(response.json()["error"].get("code", "")).lower()
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
    return any(marker in code for marker in RESET_CODES)


def _ref(folder: str, item: dict) -> MessageRef:
    sender = (item.get("from") or {}).get("emailAddress") or {}
    name, address = sender.get("name", ""), sender.get("address", "")
    received = item.get("receivedDateTime")
    date = local_date(dt.datetime.fromisoformat(received.replace("Z", "+00:00"))) if received else None
    return MessageRef(folder=folder, id=item["id"], subject=" ".join((item.get("subject") or "").split()),
                      sender=f"{name} <{address}>" if name and address else name or address, date=date, size=None)
