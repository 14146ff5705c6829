"""Cloud mailboxes scanned again fetch only what changed: Microsoft Graph through delta queries
(the @odata.deltaLink stored per folder), Exchange through SyncFolderItems (the sync state stored
per folder). An expired link or an invalid sync state falls back to a full scan with the same
results. At the HTTP level: respx for Graph (test_mailboxes_graph.FakeGraph)."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from plugin.mail.mailboxes import exchange as exchange_module
from plugin.mail.mailboxes import graph as graph_module
from plugin.mail.mailboxes.scan import scan_mailbox
from plugin.mail.mailboxes.state import MailState, own_cursor, tag_cursor
from plugin.workbook.load import load_workbook
from test_mailboxes_exchange import ews  # noqa: F401 - the requests-mock fixture
from test_mailboxes_exchange import mailbox as ews_mailbox
from test_mailboxes_graph import graph, mailbox  # noqa: F401 - the respx fixture

REPO = Path(__file__).resolve().parents[1]
URI = "graph:m365"


@pytest.fixture(scope="module")
def cases():
    return load_workbook(REPO / "examples" / "casussen.xlsx").usable_cases()


def _evidence(found) -> set[tuple]:
    return {(e.case_id, e.doc_type, e.date, e.evidence, e.tied_by, e.folder, e.subject, e.message_id)
            for items in found.values() for e in items}


def _full(cases) -> set[tuple]:
    """The scan without any state: what an incremental scan must equal."""
    return _evidence(scan_mailbox(mailbox(), cases, folders=["Inbox"]))


def _scan(fake, cases, state) -> tuple[set[tuple], list[httpx.Request]]:
    before = len(fake.requests)
    found = scan_mailbox(mailbox(), cases, folders=["Inbox"], state=state, uri=URI)
    return _evidence(found), fake.requests[before:]


def _kinds(requests) -> list[str]:
    """Each Graph request as 'delta', 'delta+token', 'search', 'value', 'envelope' or its path;
    the walk of the folder tree (/mailFolders, /childFolders) left out."""
    kinds = []
    for request in requests:
        path = request.url.path
        if path.endswith(("/mailFolders", "/childFolders")):
            continue
        if path.endswith("/messages/delta"):
            kinds.append("delta+token" if "$deltatoken" in request.url.params else "delta")
        elif path.endswith("/$value"):
            kinds.append("value")
        elif "$search" in request.url.params:
            kinds.append("search")
        elif "/messages/" in path:
            kinds.append("envelope")
        else:
            kinds.append(path.rsplit("/", 1)[1])
    return kinds


def _mail(subject: str, body: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = "Pieter de Vries <p.devries@klant.example>", "e.dewit@kantoor.example"
    message["Subject"], message["Date"] = subject, "Mon, 16 Nov 2026 09:30:00 +0100"
    message["Message-ID"] = f"<{abs(hash(subject))}@klant.example>"
    message.set_content(body)
    return bytes(message)


def test_graph_rescan_of_an_unchanged_folder_is_one_delta_call(graph, cases, tmp_path, monkeypatch):
    monkeypatch.setattr(graph_module, "DELTA_PAGE_SIZE", 4)
    full = _full(cases)
    assert full
    state = MailState(tmp_path / "state.sqlite")
    first, requests = _scan(graph, cases, state)
    assert first == full
    kinds = _kinds(requests)
    assert kinds.count("delta") == 3                          # 9 messages in pages of 4, via @odata.nextLink
    assert all(r.headers["Prefer"] == "odata.maxpagesize=4" for r in requests if r.url.path.endswith("/delta"))
    assert "envelope" not in kinds                            # the delta brought the envelopes
    assert kinds.count("value") > 0
    again, requests = _scan(graph, cases, state)
    assert again == full
    assert _kinds(requests) == ["delta+token"]  # nothing searched or fetched
    state.close()


def test_graph_rescan_fetches_only_new_and_changed_messages(graph, cases, tmp_path):
    state = MailState(tmp_path / "state.sqlite")
    _scan(graph, cases, state)
    new = graph.add(_mail("Plan van aanpak 2025-002 P. de Vries bijgesteld",
                          "Hierbij het bijgestelde plan van aanpak van Pieter de Vries, casus 2025-002.\n"
                          "Datum: 12-11-2026"))
    noise = graph.add(_mail("Lunch vrijdag", "Zin in lunch vrijdag?"))
    touched = next(i for i in list(graph.messages)[:9] if b"2025-002" in graph.messages[i])
    graph.touch(touched)                                   # read or flagged: a new changeKey
    found, requests = _scan(graph, cases, state)
    assert found == _full(cases)
    assert any(e[-1] == new for e in found)
    fetched = [r.url.path.split("/")[-2] for r in requests if r.url.path.endswith("/$value")]
    assert sorted(fetched) == sorted([new, touched])       # not the unchanged ones, not the non-candidate
    assert noise not in fetched
    assert "delta" not in _kinds(requests)                 # no full listing
    state.close()


def test_graph_removed_message_disappears(graph, cases, tmp_path):
    state = MailState(tmp_path / "state.sqlite")
    first, _ = _scan(graph, cases, state)
    gone = next(e[-1] for e in sorted(first))
    graph.remove(gone)
    found, requests = _scan(graph, cases, state)
    assert gone not in {e[-1] for e in found}
    assert found == _full(cases) and found < first
    assert _kinds(requests) == ["delta+token"]
    state.close()


@pytest.mark.parametrize("reset", [
    httpx.Response(410, json={"error": {"code": "SyncStateNotFound", "message": "The sync state is not found."}}),
    httpx.Response(400, json={"error": {"code": "resyncRequired", "message": "Resync required."}}),
], ids=["410-gone", "resync-required"])
def test_graph_expired_delta_link_falls_back_to_a_full_scan(graph, cases, tmp_path, reset):
    state = MailState(tmp_path / "state.sqlite")
    first, first_requests = _scan(graph, cases, state)
    graph.reset = reset
    graph.expire_links()                                   # the stored link is no longer known
    again, requests = _scan(graph, cases, state)
    kinds = _kinds(requests)
    assert again == first == _full(cases)
    assert kinds[:2] == ["delta+token", "delta"]   # refused, then listed in full
    assert kinds.count("value") == _kinds(first_requests).count("value")  # a real full scan: nothing trusted
    third, requests = _scan(graph, cases, state)             # the new link is stored
    assert third == first and _kinds(requests) == ["delta+token"]
    state.close()


def test_graph_other_errors_are_not_taken_for_a_reset(graph, cases, tmp_path):
    from plugin.errors import MailError

    state = MailState(tmp_path / "state.sqlite")
    _scan(graph, cases, state)
    graph.reset = httpx.Response(403, json={"error": {"code": "ErrorAccessDenied", "message": "Access is denied."}})
    graph.expire_links()
    with pytest.raises(MailError, match="403.*Access is denied"):
        _scan(graph, cases, state)
    state.close()


def test_graph_changed_case_list_is_a_full_scan(graph, cases, tmp_path):
    state = MailState(tmp_path / "state.sqlite")
    _scan(graph, cases, state)
    fewer = [case for case in cases if case.id != "2025-001"]
    found, requests = _scan(graph, fewer, state)
    assert found == _full(fewer)
    assert "delta" in _kinds(requests) and "delta+token" not in _kinds(requests)
    state.close()


# --- Exchange (EWS) through SyncFolderItems ----------------------------------------------------

def _ews_full(cases) -> set[tuple]:
    return _evidence(scan_mailbox(ews_mailbox(), cases, folders=["Inbox"]))


def _ews_scan(fake, cases, state) -> tuple[set[tuple], list[str], list[str]]:
    """(evidence, the EWS operations called, the ids downloaded whole)."""
    calls, downloaded = len(fake.calls), len(fake.downloaded)
    found = scan_mailbox(ews_mailbox(), cases, folders=["Inbox"], state=state, uri="exchange:kantoor")
    return _evidence(found), fake.calls[calls:], fake.downloaded[downloaded:]


def test_ews_rescan_of_an_unchanged_folder_is_one_sync_call(ews, cases, tmp_path, monkeypatch):
    monkeypatch.setattr(exchange_module, "SYNC_PAGE", 4)
    full = _ews_full(cases)
    assert full
    state = MailState(tmp_path / "state.sqlite")
    first, calls, downloaded = _ews_scan(ews, cases, state)
    assert first == full and downloaded
    assert calls.count("SyncFolderItems") == 3 and "FindItem" in calls   # 9 items in pages of 4, then search
    again, calls, downloaded = _ews_scan(ews, cases, state)
    assert again == full
    assert [c for c in calls if c != "GetFolder"] == ["SyncFolderItems"] and downloaded == []
    state.close()


def test_ews_rescan_fetches_only_new_and_updated_items(ews, cases, tmp_path):
    state = MailState(tmp_path / "state.sqlite")
    first, _, _ = _ews_scan(ews, cases, state)
    new = ews.add(_mail("Plan van aanpak 2025-002 P. de Vries bijgesteld",
                        "Hierbij het bijgestelde plan van aanpak van Pieter de Vries, casus 2025-002.\n"
                        "Datum: 12-11-2026"))
    noise = ews.add(_mail("Lunch vrijdag", "Zin in lunch vrijdag?"))
    updated = next(e[-1] for e in sorted(first) if e[0] == "2025-003")
    ews.update(updated)
    ews.mark_read(next(e[-1] for e in sorted(first) if e[0] == "2025-004"))  # read: nothing to fetch
    found, calls, downloaded = _ews_scan(ews, cases, state)
    assert found == _ews_full(cases)
    assert any(e[-1] == new for e in found)
    assert sorted(downloaded) == sorted([new, updated]) and noise not in downloaded
    assert calls.count("SyncFolderItems") == 1
    state.close()


def test_ews_deleted_item_disappears(ews, cases, tmp_path):
    state = MailState(tmp_path / "state.sqlite")
    first, _, _ = _ews_scan(ews, cases, state)
    gone = next(e[-1] for e in sorted(first))
    ews.remove(gone)
    found, calls, downloaded = _ews_scan(ews, cases, state)
    assert gone not in {e[-1] for e in found}
    assert found == _ews_full(cases) and found < first
    assert [c for c in calls if c != "GetFolder"] == ["SyncFolderItems"] and downloaded == []
    state.close()


@pytest.mark.parametrize("extra", ["", "<m:SyncState/><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange>"],
                         ids=["bare-error", "error-with-empty-state"])
def test_ews_invalid_sync_state_falls_back_to_a_full_scan(ews, cases, tmp_path, extra):
    state = MailState(tmp_path / "state.sqlite")
    first, _, first_downloaded = _ews_scan(ews, cases, state)
    ews.expire_states()
    ews.error_extra = extra
    again, calls, downloaded = _ews_scan(ews, cases, state)
    assert again == first == _ews_full(cases)
    assert calls.count("SyncFolderItems") == 2                 # refused, then listed in full
    assert sorted(downloaded) == sorted(first_downloaded)     # a real full scan: nothing trusted
    third, calls, downloaded = _ews_scan(ews, cases, state)   # the new sync state is stored
    assert third == first and downloaded == [] and calls.count("SyncFolderItems") == 1
    state.close()


def test_graph_cursor_of_another_mailbox_is_not_used(graph, cases, tmp_path):
    """A profile pointed at another mailbox (or a folder made again under the same name) keeps
    its uri and folder name, but the stored cursor names the old mailbox folder: a full scan."""
    state = MailState(tmp_path / "state.sqlite")
    first, _ = _scan(graph, cases, state)
    epoch, cursor = state.cursor(URI, "Inbox")
    link = cursor.partition("\n")[2]
    assert own_cursor(cursor.partition("\n")[0], cursor) == link and link.startswith("https://")
    state.save_cursor(URI, "Inbox", epoch, tag_cursor("https://graph.microsoft.com/v1.0/users/ander@x/mailFolders/y",
                                                      link))
    again, requests = _scan(graph, cases, state)
    assert again == first and "delta+token" not in _kinds(requests) and "delta" in _kinds(requests)
    state.close()
