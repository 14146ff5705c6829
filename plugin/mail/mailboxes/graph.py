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
from .retry import RetryPolicy, Throttled, retry_after

log = logging.getLogger(__name__)

PAGE_SIZE = 250
ENVELOPE = "id,subject,from,receivedDateTime"
RETRY_STATUS = (429, 503, 504)


class GraphMailbox:
    def __init__(self, profile: Profile, http: httpx.Client | None = None, retry: RetryPolicy = RetryPolicy()):
        self.session = GraphSession(profile, http)
        self.retry = retry
        self.http = self.session.http
        self.base = self.session.base
        self.default_folder = profile.get("folder")
        self._folder_ids: dict[str, str] | None = None

    def folders(self) -> list[str]:
        return list(self._folders())

    def headers(self, folder: str | None = None, ids: Iterable[str] | None = None) -> Iterator[MessageRef]:
        name, folder_id = self._folder(folder)
        if ids is not None:
            for msg_id in ids:
                yield _ref(name, self._get(f"{self.base}/messages/{quote(msg_id, safe='')}",
                                           {"$select": ENVELOPE}).json())
            return
        url = f"{self.base}/mailFolders/{quote(folder_id, safe='')}/messages"
        for item in self._pages(url, {"$select": ENVELOPE, "$top": str(PAGE_SIZE)}):
            yield _ref(name, item)

    def search(self, terms: list[str], folder: str | None = None, within=None,
               subject_terms: Iterable[str] = ()) -> set[str]:
        """`within` is ignored (no inventory: every scan is a full one); subject terms use KQL subject:."""
        _, folder_id = self._folder(folder)
        url = f"{self.base}/mailFolders/{quote(folder_id, safe='')}/messages"
        found: set[str] = set()
        queries = [f'"{t}"' for t in dict.fromkeys(" ".join(t.split()).replace('"', "") for t in terms) if t]
        queries += [f'"subject:{t}"' for t in dict.fromkeys(" ".join(t.split()).replace('"', "")
                                                             for t in subject_terms) if t]
        for query in queries:
            found.update(item["id"] for item in self._pages(url, {"$search": query, "$select": "id",
                                                                  "$top": str(PAGE_SIZE)}))
        return found

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

    def _get(self, url: str, params: dict | None = None) -> httpx.Response:
        def attempt() -> httpx.Response:
            try:
                response = self.http.get(url, params=params, headers=self.session.auth())
            except httpx.TransportError as exc:
                raise MailError(f"Microsoft Graph niet bereikbaar: {exc}") from None
            if response.status_code in RETRY_STATUS:
                raise Throttled(f"HTTP {response.status_code}", retry_after(response.headers.get("Retry-After")))
            return response
        response = self.retry.run(attempt, "Microsoft Graph")
        if response.status_code >= 400:
            raise MailError(f"Microsoft Graph weigert ({response.status_code}): {error_text(response)}")
        return response


def _ref(folder: str, item: dict) -> MessageRef:
    sender = (item.get("from") or {}).get("emailAddress") or {}
    name, address = sender.get("name", ""), sender.get("address", "")
    received = item.get("receivedDateTime")
    date = local_date(dt.datetime.fromisoformat(received.replace("Z", "+00:00"))) if received else None
    return MessageRef(folder=folder, id=item["id"], subject=" ".join((item.get("subject") or "").split()),
                      sender=f"{name} <{address}>" if name and address else name or address, date=date, size=None)
