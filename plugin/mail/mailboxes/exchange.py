"""On-premises Exchange through Exchange Web Services (EWS), with exchangelib.

For Exchange on-premises (2013 and later). Microsoft began switching EWS off in Exchange
Online on 2026-10-01 and ends it there on 2027-04-01: use the `graph` backend for
Microsoft 365 mailboxes.

Profile keys: server (or ews_url), username, email (the mailbox's SMTP address; default the
username), auth_type (NTLM by default), folder (default the Inbox). The password comes from
the environment or keyring (key 'password'), never from the profile file.

Headers come in pages of PAGE_SIZE items with only the envelope fields (`.only()`); a text
search is an AQS QueryString per term; a message body is fetched as its MIME content only for
candidates. ErrorServerBusy is retried after the server's BackOffMilliseconds (retry.py).

Incremental (`changes`, with a MailState): SyncFolderItems per folder (exchangelib's
`folder.sync_items`, the envelope fields only, SYNC_PAGE changes per call) lists the whole
folder the first time; its sync state is stored as the folder's cursor. The next scan passes it
and gets only created, updated (a new ChangeKey) and deleted items; a read-flag change alone is
no new content. A sync state the server refuses (ErrorInvalidSyncStateData) is dropped and the
folder is listed in full again. Only new or changed items are searched and fetched.
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator

from exchangelib import DELEGATE, Account, Configuration, Credentials, FailFast
from exchangelib.errors import (EWSError, ErrorInvalidSyncStateData, ErrorServerBusy, TransportError,
                                UnauthorizedError)
from exchangelib.items import ID_ONLY
from exchangelib.services import SyncFolderItems
from exchangelib.services.sync_folder_hierarchy import SyncFolder
from exchangelib.util import MNS
from exchangelib.version import Build, Version

from plugin.errors import MailError

from .base import MessageRef, local_date, scrub
from .profiles import Profile, secret
from .retry import RetryPolicy, Throttled
from .state import Changes, SyncReset, resume_or_relist, tag_cursor

log = logging.getLogger(__name__)

PAGE_SIZE = 500
# Plain fields only: FindItem returns them itself. A complex field such as 'sender' would make
# exchangelib add a GetItem call per page, so the sender is left empty in listings.
ENVELOPE = ("id", "changekey", "subject", "datetime_received", "size")
SYNC_FIELDS = ["subject", "datetime_received", "size"]   # ItemId and ChangeKey always come
SYNC_PAGE = 512   # changes per SyncFolderItems call (EWS allows 1-512)


class _SyncItems(SyncFolderItems):
    """SyncFolderItems that reads an error answer as an error: exchangelib 5.6 reads the answer's
    SyncState first and fails with AttributeError when an error answer (such as
    ErrorInvalidSyncStateData) carries none, which the schema allows."""

    def _get_element_container(self, message, name=None):
        if message.find(f"{{{MNS}}}SyncState") is None or message.find(self.last_in_range_name) is None:
            return super(SyncFolder, self)._get_element_container(message=message, name=name)
        return super()._get_element_container(message=message, name=name)


class ExchangeMailbox:
    def __init__(self, profile: Profile, retry: RetryPolicy = RetryPolicy(), account: Account | None = None):
        self.retry = retry
        self._folder_map: dict | None = None
        self._password = None
        if account is None:
            account = self._connect(profile)
        self.account = account
        self.default_folder = profile.get("folder")

    def _connect(self, profile: Profile) -> Account:
        username = profile.get("username")
        server, endpoint = profile.get("server"), profile.get("ews_url")
        if not username or not (server or endpoint):
            raise MailError(f"profiel '{profile.name}': vul 'username' en 'server' (of 'ews_url') in")
        self._password = secret(profile, "password")
        version = profile.get("version")
        try:
            config = Configuration(
                credentials=Credentials(username, self._password), server=None if endpoint else server,
                service_endpoint=endpoint, auth_type=profile.get("auth_type", "NTLM"), retry_policy=FailFast(),
                version=Version(build=Build(*map(int, str(version).split(".")))) if version else None)
            return Account(primary_smtp_address=profile.get("email", username), config=config,
                           autodiscover=False, access_type=DELEGATE)
        except (EWSError, TransportError, UnauthorizedError, ValueError) as exc:
            raise MailError(f"Exchange-server {server or endpoint}: {scrub(str(exc), self._password)}") from None

    def folders(self) -> list[str]:
        return list(self._folders())

    def headers(self, folder: str | None = None, ids: Iterable[str] | None = None) -> Iterator[MessageRef]:
        name, target = self._folder(folder)
        if ids is not None:
            items = self._call(lambda: list(self.account.fetch(ids=[(i, None) for i in ids], folder=target,
                                                               only_fields=[*ENVELOPE[2:], "sender"])),
                               "kopregels ophalen")
            yield from (_ref(name, item) for item in items if not isinstance(item, Exception))
            return
        query = target.all().only(*ENVELOPE).order_by("datetime_received")
        query.page_size = PAGE_SIZE
        offset = 0
        while True:
            page = self._call(lambda: list(query[offset:offset + PAGE_SIZE]), f"kopregels uit '{name}'")
            yield from (_ref(name, item) for item in page if not isinstance(item, Exception))
            if len(page) < PAGE_SIZE:
                return
            offset += PAGE_SIZE

    def search(self, terms: list[str], folder: str | None = None, within=None,
               subject_terms: Iterable[str] = ()) -> set[str]:
        """`within` (the new or changed ids of an incremental scan) limits the result; nothing to
        look for when it is empty. Subject terms use AQS subject:."""
        if within is not None and not within:
            return set()
        name, target = self._folder(folder)
        found: set[str] = set()
        queries = [f'"{t}"' for t in dict.fromkeys(" ".join(t.split()).replace('"', "") for t in terms) if t]
        queries += [f'subject:"{t}"' for t in dict.fromkeys(" ".join(t.split()).replace('"', "")
                                                             for t in subject_terms) if t]
        for text in queries:
            if text:
                query = target.filter(text).only("id", "changekey")
                query.page_size = PAGE_SIZE
                found.update(item.id for item in self._call(lambda: list(query), f"zoeken in '{name}'")
                             if not isinstance(item, Exception))
        return found & set(within) if within is not None else found

    def changes(self, folder: str | None, cursor: str | None) -> Changes:
        """What changed in a folder since the sync state `cursor`; the whole folder without one."""
        name, target = self._folder(folder)
        owner = f"{self.account.primary_smtp_address}/{target.id}"
        return resume_or_relist("Exchange", name, owner, cursor,
                                lambda state: self._sync(name, owner, target, state),
                                lambda: self._sync(name, owner, target, None))

    def _sync(self, name: str, owner: str, target, cursor: str | None) -> Changes:
        """One SyncFolderItems round; a retry after ErrorServerBusy starts it again from `cursor`."""
        fields = {f for f in target.normalize_fields(fields=SYNC_FIELDS) if not f.field.is_attribute}

        def run() -> Changes:
            # The loop of exchangelib's Folder.sync_items, with the service above.
            changed: dict[str, str] = {}
            removed: set[str] = set()
            service, state = _SyncItems(account=self.account), cursor
            try:
                while True:
                    for change, item in service.call(folder=target, shape=ID_ONLY, additional_fields=fields,
                                                     sync_state=state, ignore=None,
                                                     max_changes_returned=SYNC_PAGE, sync_scope=None):
                        if isinstance(item, Exception):
                            raise item
                        if change in ("create", "update"):
                            removed.discard(item.id)
                            changed[item.id] = item.changekey or ""
                        elif change == "delete":
                            removed.add(item.id)
                            changed.pop(item.id, None)
                        # 'read_flag_change': read or unread, the content is the same
                    if service.sync_state == state or service.includes_last_item_in_range:
                        break
                    state = service.sync_state
            except ErrorInvalidSyncStateData as invalid:
                raise SyncReset(str(invalid)) from None
            if not service.sync_state:
                raise MailError(f"Exchange: map '{name}': geen synchronisatiestatus ontvangen")
            return Changes(changed, frozenset(removed), tag_cursor(owner, service.sync_state), cursor is None)
        return self._call(run, f"wijzigingen in '{name}' opvragen")

    def fetch(self, ref: MessageRef) -> bytes:
        _, target = self._folder(ref.folder)
        items = self._call(lambda: list(self.account.fetch(ids=[(ref.id, None)], folder=target,
                                                           only_fields=["mime_content"])), "bericht ophalen")
        if not items or isinstance(items[0], Exception) or not items[0].mime_content:
            raise MailError(f"Exchange: bericht in '{ref.folder}' bestaat niet meer ({ref.subject!r})")
        content = items[0].mime_content
        return content if isinstance(content, bytes) else content.encode("utf-8")

    def close(self) -> None:
        protocol = getattr(self.account, "protocol", None)
        if protocol is not None:
            protocol.close()

    def _folders(self) -> dict:
        if self._folder_map is None:
            root = self._call(lambda: self.account.msg_folder_root, "mappen opvragen")
            walked = self._call(lambda: list(root.walk()), "mappen opvragen")
            prefix = root.absolute.rstrip("/") + "/"
            self._folder_map = {f.absolute.removeprefix(prefix): f for f in walked
                                if getattr(f, "folder_class", None) in (None, "IPF.Note")}
        return self._folder_map

    def _folder(self, name: str | None):
        name = name or self.default_folder
        if name is None or self._folder_map is None:  # the Inbox needs no walk of the whole tree
            inbox = self._call(lambda: self.account.inbox, "Postvak IN openen")
            if name in (None, inbox.name):
                return inbox.name, inbox
        folders = self._folders()
        if name not in folders:
            raise MailError(f"Exchange: map '{name}' bestaat niet (wel: {', '.join(folders)})")
        return name, folders[name]

    def _call(self, call, what: str):
        def attempt():
            try:
                return call()
            except ErrorServerBusy as busy:
                raise Throttled("ErrorServerBusy", busy.back_off) from None
        try:
            return self.retry.run(attempt, f"Exchange: {what}")
        except (EWSError, TransportError, UnauthorizedError) as exc:
            raise MailError(f"Exchange: {what} mislukt ({scrub(str(exc), self._password)})") from None


def _ref(folder: str, item) -> MessageRef:
    sender = getattr(item, "sender", None)
    address = "" if sender is None else (f"{sender.name} <{sender.email_address}>" if sender.name else
                                         sender.email_address or "")
    received = item.datetime_received
    return MessageRef(folder=folder, id=item.id, subject=" ".join((item.subject or "").split()), sender=address,
                      date=local_date(received), size=item.size)
