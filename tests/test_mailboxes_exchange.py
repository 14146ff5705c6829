"""The EWS backend at the HTTP level: recorded-style SOAP responses served through requests-mock,
the way exchangelib's own tests work without a server. Includes ErrorServerBusy then success."""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import re
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import requests_mock

from plugin.errors import MailError
from plugin.mail.mailboxes import exchange as exchange_module
from plugin.mail.mailboxes.base import header_text
from plugin.mail.mailboxes.exchange import ExchangeMailbox
from plugin.mail.mailboxes.profiles import Profile
from plugin.mail.mailboxes.retry import RetryPolicy
from plugin.mail.mailboxes.scan import scan_mailbox

EWS_URL = "https://mail.example.nl/EWS/Exchange.asmx"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "mailbox"
PASSWORD = "Ews-wachtwoord-Geheim-7"
NS = ('xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" '
      'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"')
ENVELOPE = ('<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">'
            '<s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" '
            'MinorBuildNumber="6" Version="V2017_07_11" '
            'xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header><s:Body>{}</s:Body></s:Envelope>')
BUSY = ('<s:Fault><faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorServerBusy'
        '</faultcode><faultstring xml:lang="en-US">The server cannot service this request right now. Try again later.'
        '</faultstring><detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">'
        'ErrorServerBusy</e:ResponseCode><e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">'
        'The server cannot service this request right now. Try again later.</e:Message>'
        '<t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">'
        '<t:Value Name="BackOffMilliseconds">{ms}</t:Value></t:MessageXml></detail></s:Fault>')


class FakeEws:
    """Just enough of an Exchange server: GetFolder, FindItem (paged, QueryString), GetItem, and
    SyncFolderItems over a change log (a sync state names the log position it was given at)."""

    def __init__(self, messages: list[bytes]):
        self.messages = {f"AAMkAD{i:04d}==": raw for i, raw in enumerate(messages)}
        self.change_keys = {msg_id: "CQAAAB1" for msg_id in self.messages}
        self.log: list[tuple[str, str]] = []   # (id, 'Create' | 'Update' | 'Delete' | 'ReadFlagChange')
        self.states = 0                        # sync states given out
        self.expired: set[str] = set()         # sync states answered with ErrorInvalidSyncStateData
        self.error_extra = ""                  # what else that error answer carries (the schema allows none)
        self.busy: list[int] = []   # BackOffMilliseconds for the next FindItem calls
        self.calls: list[str] = []
        self.downloaded: list[str] = []  # ids whose MIME content was asked for

    def __call__(self, request, context):
        body = request.body.decode() if isinstance(request.body, bytes) else request.body
        operation = re.search(r"<s:Body><m:(\w+)", body).group(1)
        self.calls.append(operation)
        if operation == "FindItem" and self.busy:
            context.status_code = 500
            return ENVELOPE.format(BUSY.format(ms=self.busy.pop(0)))
        return ENVELOPE.format(getattr(self, operation)(body))

    def add(self, raw: bytes) -> str:
        msg_id = f"AAMkAD{len(self.change_keys):04d}=="
        self.messages[msg_id], self.change_keys[msg_id] = raw, "CQAAAB1"
        self.log.append((msg_id, "Create"))
        return msg_id

    def update(self, msg_id: str) -> None:
        self.change_keys[msg_id] = f"CQAAAB{int(self.change_keys[msg_id][6:]) + 1}"
        self.log.append((msg_id, "Update"))

    def mark_read(self, msg_id: str) -> None:
        self.log.append((msg_id, "ReadFlagChange"))

    def remove(self, msg_id: str) -> None:
        del self.messages[msg_id]
        self.log.append((msg_id, "Delete"))

    def expire_states(self) -> None:
        self.expired.update(f"S{position}-{serial}" for position in range(len(self.log) + 1)
                            for serial in range(self.states + 1))

    def _state(self, position: int, offset: int | None = None) -> str:
        self.states += 1
        return f"S{position}-{self.states}" + (f"-at{offset}" if offset is not None else "")

    def SyncFolderItems(self, body):
        assert "<t:BaseShape>IdOnly</t:BaseShape>" in body and "item:Subject" in body and "item:MimeContent" not in body
        limit = int(re.search(r"<m:MaxChangesReturned>(\d+)<", body).group(1))
        state = re.search(r"<m:SyncState>([^<]*)<", body)
        state = state.group(1) if state else None
        if state in self.expired:
            return (f'<m:SyncFolderItemsResponse {NS}><m:ResponseMessages><m:SyncFolderItemsResponseMessage '
                    f'ResponseClass="Error"><m:MessageText>Synchronization state data is corrupt or otherwise invalid.'
                    f'</m:MessageText><m:ResponseCode>ErrorInvalidSyncStateData</m:ResponseCode>'
                    f'<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>{self.error_extra}</m:SyncFolderItemsResponseMessage>'
                    f'</m:ResponseMessages></m:SyncFolderItemsResponse>')
        if state is None or "-at" in state:   # the first listing, in pages
            offset = int(state.rsplit("-at", 1)[1]) if state else 0
            page = list(self.messages)[offset:offset + limit]
            changes = "".join(f"<t:Create>{self._envelope(i)}</t:Create>" for i in page)
            done = offset + limit >= len(self.messages)
            new_state = self._state(len(self.log), None if done else offset + limit)
        else:
            last: dict[str, str] = {}
            for msg_id, kind in self.log[int(state[1:].split("-")[0]):]:
                earlier = last.pop(msg_id, None)
                last[msg_id] = "Create" if earlier == "Create" and kind != "Delete" else kind
            changes = "".join(
                f'<t:Delete><t:ItemId Id="{i}" ChangeKey="x"/></t:Delete>' if kind == "Delete" else
                f'<t:ReadFlagChange><t:ItemId Id="{i}" ChangeKey="x"/><t:IsRead>true</t:IsRead></t:ReadFlagChange>'
                if kind == "ReadFlagChange" else f"<t:{kind}>{self._envelope(i)}</t:{kind}>"
                for i, kind in last.items())
            done, new_state = True, self._state(len(self.log))
        return (f'<m:SyncFolderItemsResponse {NS}><m:ResponseMessages><m:SyncFolderItemsResponseMessage '
                f'ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:SyncState>{new_state}</m:SyncState>'
                f'<m:IncludesLastItemInRange>{str(done).lower()}</m:IncludesLastItemInRange>'
                f'<m:Changes>{changes}</m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages>'
                f'</m:SyncFolderItemsResponse>')

    def GetFolder(self, body):
        folders = "".join(
            f'<m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Folders>'
            f'<t:Folder><t:FolderId Id="{name}-id" ChangeKey="ck"/><t:FolderClass>IPF.Note</t:FolderClass>'
            f'<t:DisplayName>{name.capitalize()}</t:DisplayName><t:TotalCount>{len(self.messages)}</t:TotalCount>'
            f'<t:ChildFolderCount>0</t:ChildFolderCount><t:UnreadCount>0</t:UnreadCount></t:Folder></m:Folders>'
            f'</m:GetFolderResponseMessage>' for name in re.findall(r'DistinguishedFolderId Id="(\w+)"', body))
        return f"<m:GetFolderResponse {NS}><m:ResponseMessages>{folders}</m:ResponseMessages></m:GetFolderResponse>"

    def FindItem(self, body):
        view = re.search(r'MaxEntriesReturned="(\d+)" Offset="(\d+)"', body)
        limit, offset = int(view.group(1)), int(view.group(2))
        ids = list(self.messages)
        query = re.search(r"<m:QueryString[^>]*>(.*?)</m:QueryString>", body)
        if query:
            term = query.group(1).replace("&quot;", "").strip('"').lower()
            ids = [i for i in ids if term in _server_text(self.messages[i])]
        page = ids[offset:offset + limit]
        items = "".join(self._envelope(i) for i in page)
        last = "true" if offset + len(page) >= len(ids) else "false"
        return (f'<m:FindItemResponse {NS}><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success">'
                f'<m:ResponseCode>NoError</m:ResponseCode><m:RootFolder IndexedPagingOffset="{offset + len(page)}" '
                f'TotalItemsInView="{len(ids)}" IncludesLastItemInRange="{last}"><t:Items>{items}</t:Items>'
                f'</m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>')

    def GetItem(self, body):
        parts = []
        for item_id in re.findall(r'<t:ItemId Id="([^"]+)"', body):
            if "item:MimeContent" in body:
                self.downloaded.append(item_id)
            if "item:MimeContent" in body:
                mime = base64.b64encode(self.messages[item_id]).decode()
                item = (f'<t:Message><t:MimeContent CharacterSet="UTF-8">{mime}</t:MimeContent>'
                        f'<t:ItemId Id="{item_id}" ChangeKey="ck"/></t:Message>')
            else:
                item = self._envelope(item_id).replace("</t:Message>", '<t:Sender><t:Mailbox><t:Name>UWV</t:Name>'
                                                       '<t:EmailAddress>noreply@uwv.example</t:EmailAddress>'
                                                       '</t:Mailbox></t:Sender></t:Message>')
            parts.append(f'<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
                         f'<m:Items>{item}</m:Items></m:GetItemResponseMessage>')
        return f"<m:GetItemResponse {NS}><m:ResponseMessages>{''.join(parts)}</m:ResponseMessages></m:GetItemResponse>"

    def _envelope(self, item_id):
        from email.parser import BytesHeaderParser

        head = BytesHeaderParser().parsebytes(self.messages[item_id])
        received = parsedate_to_datetime(head["Date"]).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return (f'<t:Message><t:ItemId Id="{item_id}" ChangeKey="{self.change_keys[item_id]}"/>'
                f'<t:Subject>{escape(header_text(head, "Subject"))}</t:Subject>'
                f'<t:DateTimeReceived>{received}</t:DateTimeReceived>'
                f'<t:Size>{len(self.messages[item_id])}</t:Size></t:Message>')


def _server_text(raw: bytes) -> str:
    """What Exchange's content index holds: subject and decoded text parts, lower case."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = [p.get_content() for p in message.walk() if p.get_content_maintype() == "text"]
    return "\n".join([str(message["Subject"]), *parts]).lower()


@pytest.fixture
def ews(monkeypatch):
    monkeypatch.setenv("POORTWACHTER_KANTOOR_PASSWORD", PASSWORD)
    inbox = sorted(p for box in ("cur", "new") for p in (EXAMPLE / box).iterdir() if not p.name.startswith("."))
    fake = FakeEws([p.read_bytes() for p in inbox])
    with requests_mock.Mocker() as mock:
        mock.post(EWS_URL, text=fake)
        yield fake


def mailbox(sleeps=None) -> ExchangeMailbox:
    profile = Profile("kantoor", "exchange", {"ews_url": EWS_URL, "username": "KANTOOR\\ewit",
                                              "email": "e.dewit@kantoor.example", "version": "15.1.2507.6"})
    return ExchangeMailbox(profile, retry=RetryPolicy(sleep=(sleeps if sleeps is not None else []).append))


def test_headers_are_paged(ews, monkeypatch):
    monkeypatch.setattr(exchange_module, "PAGE_SIZE", 4)
    refs = list(mailbox().headers())
    assert len(refs) == 9 and ews.calls.count("FindItem") == 3
    uwv = next(r for r in refs if r.subject.startswith("Bevestiging ziekmelding"))
    assert (uwv.folder, uwv.date, uwv.sender) == ("Inbox", dt.date(2026, 6, 30), "")
    assert type(uwv.date) is dt.date


def test_search_and_fetch(ews):
    box = mailbox()
    subjects = {r.id: r.subject for r in box.headers()}
    hits = box.search(["Sarah Thompson", "2025-002"])
    assert {subjects[i] for i in hits} == {"Bevestiging ziekmelding langdurig verzuim (42e week)",
                                           "Verslag evaluatiegesprek 2025-002 P. de Vries"}
    ref = next(r for r in box.headers() if r.subject == "Getekend plan van aanpak")
    assert box.fetch(ref) == ews.messages[ref.id]


def test_headers_by_id_carry_the_sender(ews):
    box = mailbox()
    first = next(box.headers())
    (ref,) = box.headers("Inbox", [first.id])
    assert ref.sender == "UWV <noreply@uwv.example>" and ref.subject == first.subject and ref.date == first.date


def test_server_busy_is_retried_after_backoff(ews):
    ews.busy = [1500, 250]
    sleeps: list[float] = []
    refs = list(mailbox(sleeps).headers())
    assert len(refs) == 9
    assert sleeps == [1.5, 0.25]


def test_server_busy_gives_up_within_the_limit(ews):
    ews.busy = [90_000, 90_000]
    box = mailbox()
    box.retry = RetryPolicy(max_total_wait=100, sleep=lambda s: None)
    with pytest.raises(MailError, match="te druk"):
        list(box.headers())


def test_scan_through_ews(ews):
    found = scan_mailbox(mailbox(), [("2025-003", "Sarah Thompson", ""), ("2025-004", "Johan Bakker", "")],
                         folders=["Inbox"])
    assert [(e.doc_type, e.date, e.folder, e.message_date) for e in found["2025-003"]] == [
        ("42e-weekmelding", dt.date(2026, 6, 29), "Inbox", dt.date(2026, 6, 30))]
    assert [e.evidence for e in found["2025-004"]] == ["mail", "mail/Plan van aanpak J. Bakker.pdf"]
    assert len(ews.downloaded) == 2  # only the two candidates were downloaded whole


def test_password_not_in_errors(monkeypatch):
    monkeypatch.setenv("POORTWACHTER_KANTOOR_PASSWORD", PASSWORD)
    with requests_mock.Mocker() as mock:
        mock.post(EWS_URL, status_code=401, text=f"denied for {PASSWORD}")
        with pytest.raises(MailError) as info:
            list(mailbox().headers())
    assert PASSWORD not in str(info.value)


def test_profile_needs_server():
    with pytest.raises(MailError, match="'username' en 'server'"):
        ExchangeMailbox(Profile("kantoor", "exchange", {"username": "x"}))
