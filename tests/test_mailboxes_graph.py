"""The Microsoft Graph backend at the HTTP level with respx: msal's token endpoint, message
lists paged with @odata.nextLink, $search, $value, and 429 with Retry-After then success."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import respx

from plugin.errors import MailError
from plugin.mail.mailboxes import graph as graph_module
from plugin.mail.mailboxes.graph import GraphMailbox
from plugin.mail.mailboxes.profiles import Profile
from plugin.mail.mailboxes.retry import RetryPolicy
from plugin.mail.mailboxes.scan import scan_mailbox

TENANT, CLIENT, SECRET = "contoso-tenant", "app-1234", "Client-Secret-Zeer-Geheim-9"
USER = "e.dewit@kantoor.example"
BASE = f"https://graph.microsoft.com/v1.0/users/{USER}"
LOGIN = f"https://login.microsoftonline.com/{TENANT}"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "mailbox"
DELTA_SELECT = "subject,from,receivedDateTime,changeKey"


class FakeGraph:
    """Graph's mail API over a list of messages, with delta queries on the Inbox: a change log
    numbers every add, change and removal; a delta link carries the log position it was given at."""

    def __init__(self, messages: list[bytes]):
        self.messages = {f"AAMkAG-{i:03d}=": raw for i, raw in enumerate(messages)}
        self.change_keys = {msg_id: "CQAAAA-1" for msg_id in self.messages}
        self.log: list[str] = []                   # ids added, changed or removed, in order
        self.expired: set[str] = set()             # delta tokens answered with `reset`
        self.links = 0                             # delta links given out
        self.reset = httpx.Response(410, json={"error": {"code": "SyncStateNotFound",
                                                         "message": "The sync state is not found."}})
        self.throttle: list[httpx.Response] = []   # answered before the next Graph call
        self.requests: list[httpx.Request] = []
        self.tokens = 0

    def add(self, raw: bytes) -> str:
        msg_id = f"AAMkAG-{len(self.change_keys):03d}="
        self.messages[msg_id], self.change_keys[msg_id] = raw, "CQAAAA-1"
        self.log.append(msg_id)
        return msg_id

    def touch(self, msg_id: str) -> None:
        """A change that gives the message a new changeKey (read, flagged, categorised)."""
        self.change_keys[msg_id] = f"CQAAAA-{int(self.change_keys[msg_id].rsplit('-', 1)[1]) + 1}"
        self.log.append(msg_id)

    def remove(self, msg_id: str) -> None:
        del self.messages[msg_id]
        self.log.append(msg_id)

    def _delta(self, path: str, query: dict, request) -> httpx.Response:
        ids = list(self.messages) if path.startswith("/mailFolders/inbox-id/") else []
        if "$deltatoken" in query:
            token = query["$deltatoken"]
            if token in self.expired:
                return self.reset
            changed = list(dict.fromkeys(reversed(self.log[int(token.split("-")[0]):])))[::-1]
            items = [self._envelope(i, DELTA_SELECT) if i in self.messages else
                     {"@odata.type": "#microsoft.graph.message", "id": i, "@removed": {"reason": "deleted"}}
                     for i in changed if path.startswith("/mailFolders/inbox-id/")]
            return httpx.Response(200, json={"value": items, "@odata.deltaLink": self.delta_link(path)})
        if "$skiptoken" not in query:
            assert set(query["$select"].split(",")) >= {"subject", "from", "receivedDateTime", "changeKey"}
        size = int(request.headers.get("Prefer", "odata.maxpagesize=10").split("=")[1])
        skip = int(query.get("$skiptoken", 0))
        body = {"value": [self._envelope(i, DELTA_SELECT) for i in ids[skip:skip + size]]}
        if skip + size < len(ids):
            body["@odata.nextLink"] = f"{BASE}{path}?$skiptoken={skip + size}"
        else:
            body["@odata.deltaLink"] = self.delta_link(path)
        return httpx.Response(200, json=body)

    def delta_link(self, path: str) -> str:
        """A new token each time: '<log position>-<serial>'."""
        self.links += 1
        return f"{BASE}{path}?$deltatoken={len(self.log)}-{self.links}"

    def expire_links(self) -> None:
        """Every delta link given out so far is no longer known (the server reset its sync state)."""
        self.expired.update(f"{position}-{serial}" for position in range(len(self.log) + 1)
                            for serial in range(1, self.links + 1))

    def token(self, request):
        assert b"client_secret=" + SECRET.encode() in request.content.replace(b"%2D", b"-")
        self.tokens += 1
        return httpx.Response(200, json={"token_type": "Bearer", "expires_in": 3599, "access_token": "eyJ.token"})

    def graph(self, request):
        self.requests.append(request)
        assert request.headers["Authorization"] == "Bearer eyJ.token"
        if self.throttle:
            return self.throttle.pop(0)
        path = request.url.path.removeprefix(f"/v1.0/users/{USER}")
        query = {k: v[0] for k, v in parse_qs(urlsplit(str(request.url)).query).items()}
        if path == "/mailFolders":
            return httpx.Response(200, json={"value": [
                {"id": "inbox-id", "displayName": "Inbox", "childFolderCount": 1},
                {"id": "sent-id", "displayName": "Sent Items", "childFolderCount": 0}]})
        if path == "/mailFolders/inbox-id/childFolders":
            return httpx.Response(200, json={"value": [
                {"id": "case-id", "displayName": "2025-003 Thompson", "childFolderCount": 0}]})
        if path.endswith("/messages/delta"):
            return self._delta(path, query, request)
        if path.endswith("/$value"):
            return httpx.Response(200, content=self.messages[path.split("/")[2]])
        if path.startswith("/messages/"):
            return httpx.Response(200, json=self._envelope(path.split("/")[2]))
        assert path in ("/mailFolders/inbox/messages", "/mailFolders/inbox-id/messages"), path
        ids = list(self.messages) if path.endswith("inbox/messages") or path.endswith("inbox-id/messages") else []
        if "$search" in query:
            term = query["$search"].strip('"').lower()
            ids = [i for i in ids if term in _server_text(self.messages[i])]
        top, skip = int(query.get("$top", 10)), int(query.get("$skip", 0))
        page = ids[skip:skip + top]
        body = {"value": [self._envelope(i, query.get("$select")) for i in page]}
        if skip + top < len(ids):
            next_query = "&".join(f"{k}={v}" for k, v in {**query, "$skip": skip + top}.items())
            body["@odata.nextLink"] = f"{BASE}{path}?{next_query}"
        return httpx.Response(200, json=body)

    def _envelope(self, msg_id, select=None):
        head = email.message_from_bytes(self.messages[msg_id], policy=email.policy.default)
        name, address = email.utils.parseaddr(str(head["From"]))
        item = {"id": msg_id, "changeKey": self.change_keys[msg_id], "subject": str(head["Subject"]),
                "from": {"emailAddress": {"name": name, "address": address}},
                "receivedDateTime": parsedate_to_datetime(head["Date"]).astimezone(dt.timezone.utc)
                .strftime("%Y-%m-%dT%H:%M:%SZ")}
        return {k: v for k, v in item.items() if select is None or k == "id" or k in select.split(",")}


def _server_text(raw: bytes) -> str:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = [p.get_content() for p in message.walk() if p.get_content_maintype() == "text"]
    return "\n".join([str(message["Subject"]), *parts]).lower()


@pytest.fixture
def graph(monkeypatch):
    monkeypatch.setenv("POORTWACHTER_M365_CLIENT_SECRET", SECRET)
    inbox = sorted(p for box in ("cur", "new") for p in (EXAMPLE / box).iterdir() if not p.name.startswith("."))
    fake = FakeGraph([p.read_bytes() for p in inbox])
    with respx.mock(assert_all_called=False) as router:
        router.get(f"{LOGIN}/v2.0/.well-known/openid-configuration").respond(200, json={
            "token_endpoint": f"{LOGIN}/oauth2/v2.0/token", "authorization_endpoint": f"{LOGIN}/oauth2/v2.0/authorize",
            "issuer": f"https://login.microsoftonline.com/{TENANT}/v2.0"})
        router.post(f"{LOGIN}/oauth2/v2.0/token").mock(side_effect=fake.token)
        router.route(host="graph.microsoft.com").mock(side_effect=fake.graph)
        yield fake


def mailbox(sleeps: list | None = None) -> GraphMailbox:
    profile = Profile("m365", "graph", {"tenant_id": TENANT, "client_id": CLIENT, "mailbox": USER})
    return GraphMailbox(profile, retry=RetryPolicy(sleep=(sleeps if sleeps is not None else []).append))


def test_headers_follow_next_link(graph, monkeypatch):
    monkeypatch.setattr(graph_module, "PAGE_SIZE", 4)
    refs = list(mailbox().headers())
    assert len(refs) == 9
    assert len(graph.requests) == 3
    assert graph.requests[0].url.params["$select"] == "id,subject,from,receivedDateTime"
    uwv = next(r for r in refs if r.subject.startswith("Bevestiging"))
    assert (uwv.folder, uwv.sender, uwv.date) == ("Inbox", "UWV <noreply@uwv.example>", dt.date(2026, 6, 30))
    assert graph.tokens == 1  # msal caches the app token


def test_folders_include_child_folders(graph):
    assert mailbox().folders() == ["Inbox", "Sent Items", "Inbox/2025-003 Thompson"]


def test_search_and_value(graph):
    box = mailbox()
    subjects = {r.id: r.subject for r in box.headers()}
    hits = box.search(["Sarah Thompson", "2025-002"])
    assert {subjects[i] for i in hits} == {"Bevestiging ziekmelding langdurig verzuim (42e week)",
                                           "Verslag evaluatiegesprek 2025-002 P. de Vries"}
    assert any(r.url.params.get("$search") == '"Sarah Thompson"' for r in graph.requests)
    ref = next(r for r in box.headers() if r.subject == "Getekend plan van aanpak")
    assert box.fetch(ref) == graph.messages[ref.id]


def test_throttled_then_success(graph):
    graph.throttle = [httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(503, headers={"Retry-After": "1"})]
    sleeps: list[float] = []
    assert len(list(mailbox(sleeps).headers())) == 9
    assert sleeps == [2.0, 1.0]


def test_throttled_too_long_gives_up(graph):
    graph.throttle = [httpx.Response(429, headers={"Retry-After": "50"}) for _ in range(5)]
    box = mailbox()
    box.retry = RetryPolicy(max_total_wait=120, sleep=lambda s: None)
    with pytest.raises(MailError, match="te druk"):
        list(box.headers())
    assert len(graph.requests) == 3  # two waits of 50 s fit in 120 s, a third does not


def test_scan_fetches_only_candidates(graph):
    found = scan_mailbox(mailbox(), [("2025-002", "Pieter de Vries", "")], folders=["Inbox"])
    assert [(e.doc_type, e.date) for e in found["2025-002"]] == [
        ("evaluatie", dt.date(2025, 10, 24)), ("eerstejaarsevaluatie", dt.date(2026, 5, 18))]
    downloaded = [r for r in graph.requests if r.url.path.endswith("/$value")]
    assert len(downloaded) == 2


def test_refused_and_secret_not_shown(graph):
    graph.throttle = [httpx.Response(403, json={"error": {"code": "ErrorAccessDenied",
                                                          "message": "Access is denied."}})]
    with pytest.raises(MailError, match="403.*Access is denied") as info:
        list(mailbox().headers())
    assert SECRET not in str(info.value)


def test_token_error_hides_secret(monkeypatch):
    monkeypatch.setenv("POORTWACHTER_M365_CLIENT_SECRET", SECRET)
    with respx.mock() as router:
        router.get(f"{LOGIN}/v2.0/.well-known/openid-configuration").respond(200, json={
            "token_endpoint": f"{LOGIN}/oauth2/v2.0/token", "authorization_endpoint": f"{LOGIN}/oauth2/v2.0/authorize",
            "issuer": f"https://login.microsoftonline.com/{TENANT}/v2.0"})
        router.get("https://login.microsoftonline.com/common/discovery/instance").respond(200, json={
            "tenant_discovery_endpoint": f"{LOGIN}/v2.0/.well-known/openid-configuration", "metadata": []})
        router.post(f"{LOGIN}/oauth2/v2.0/token").respond(401, json={
            "error": "invalid_client", "error_description": f"AADSTS7000215: Invalid client secret {SECRET}"})
        with pytest.raises(MailError, match="AADSTS7000215") as info:
            list(mailbox().headers())
    assert SECRET not in str(info.value)


def test_profile_fields_are_named():
    with pytest.raises(MailError, match="tenant_id, client_id"):
        GraphMailbox(Profile("m365", "graph", {"mailbox": USER}))
