"""graph:PROFILE at the HTTP level (respx): msal client-credentials token, sendMail 202, 429 retries."""

from __future__ import annotations

import base64
import io
import json
import sqlite3

import httpx
import pytest
import respx
from test_mailout_plan import MONTH, employer, synthetic_workbook

from plugin.cli import main
from plugin.documents.docprops import read_docx_properties
from plugin.mail.mailout.ledger import Ledger
from plugin.mail.mailout.transports import graph

TENANT = "11111111-2222-3333-4444-555555555555"
LOGIN = f"https://login.microsoftonline.com/{TENANT}"
SEND = "https://graph.microsoft.com/v1.0/users/dossiers%40bureau.example/sendMail"
SENT_ITEMS = "https://graph.microsoft.com/v1.0/users/dossiers%40bureau.example/mailFolders/SentItems/messages"


@pytest.fixture
def setup(tmp_path, monkeypatch):
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx", active=2)
    profiles = tmp_path / "profielen.toml"
    profiles.write_text(f'[m365]\nkind = "graph"\ntenant_id = "{TENANT}"\nclient_id = "app-id"\n'
                        'mailbox = "dossiers@bureau.example"\n', encoding="utf-8")
    monkeypatch.setenv("POORTWACHTER_M365_CLIENT_SECRET", "s3cret")
    return workbook, profiles


@pytest.fixture
def entra():
    with respx.mock(assert_all_called=False) as mock:
        mock.get(f"{LOGIN}/v2.0/.well-known/openid-configuration").respond(200, json={
            "token_endpoint": f"{LOGIN}/oauth2/v2.0/token", "authorization_endpoint": f"{LOGIN}/oauth2/v2.0/authorize",
            "issuer": f"{LOGIN}/v2.0"})
        mock.token = mock.post(f"{LOGIN}/oauth2/v2.0/token").respond(
            200, json={"access_token": "token-123", "token_type": "Bearer", "expires_in": 3600})
        yield mock


def mailout(workbook, profiles, *extra):
    return main(["mailout", str(workbook), "--month", MONTH, "--via", "graph:m365", "--profiles", str(profiles),
                 "--out", str(workbook.parent / "output"), "--no-pdf", *extra])


def test_graph_sends_with_a_copy_in_sent_items(setup, entra, capsys):
    workbook, profiles = setup
    send = entra.post(SEND).respond(202)
    assert mailout(workbook, profiles) == 0
    assert send.call_count == 2 and entra.token.call_count == 1          # msal caches the app token
    assert b"client_secret=s3cret" in entra.token.calls[0].request.content
    ledger = Ledger(workbook.with_name("casussen.mailout.sqlite"))
    for call, case_id in zip(send.calls, ("C-01", "C-02")):
        assert call.request.headers["Authorization"] == "Bearer token-123"
        payload = json.loads(call.request.content)
        assert payload["saveToSentItems"] is True
        message = payload["message"]
        assert message["toRecipients"] == [{"emailAddress": {"address": employer(int(case_id[2:]))}}]
        assert message["singleValueExtendedProperties"][0]["value"] == ledger.get(case_id, MONTH, "mail").message_id
        (attachment,) = message["attachments"]
        data = base64.b64decode(attachment["contentBytes"])
        assert read_docx_properties(io.BytesIO(data))["Casusnummer"] == case_id
    assert "2 verzonden" in capsys.readouterr().out


def test_graph_waits_for_retry_after_on_429(setup, entra, monkeypatch):
    workbook, profiles = setup
    waits = []
    monkeypatch.setattr(graph.time, "sleep", waits.append)
    send = entra.post(SEND).mock(side_effect=[httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(202),
                                              httpx.Response(202)])
    assert mailout(workbook, profiles) == 0
    assert send.call_count == 3 and waits == [7.0]


def test_graph_gives_up_after_bounded_retries_and_the_next_run_sends(setup, entra, monkeypatch, capsys):
    workbook, profiles = setup
    monkeypatch.setattr(graph.time, "sleep", lambda seconds: None)
    busy = entra.post(SEND).respond(429, headers={"Retry-After": "1"})
    assert mailout(workbook, profiles, "--case", "C-01") == 1
    assert busy.call_count == graph.MAX_RETRIES + 1
    assert "casus C-01 (mislukt)" in capsys.readouterr().out
    entra.post(SEND).respond(202)
    assert mailout(workbook, profiles, "--case", "C-01") == 0


def test_graph_refusal_is_a_failure(setup, entra, capsys):
    workbook, profiles = setup
    entra.post(SEND).respond(403, json={"error": {"code": "ErrorAccessDenied", "message": "Access is denied."}})
    assert mailout(workbook, profiles, "--case", "C-01") == 1
    assert "Microsoft Graph weigerde het bericht (403): ErrorAccessDenied" in capsys.readouterr().out


@pytest.mark.parametrize(("value", "state", "code"), (([{"id": "AAMk"}], "sent", 0), ([], "unknown", 1)))
def test_after_a_crash_sent_items_decides(setup, entra, value, state, code):
    workbook, profiles = setup
    send = entra.post(SEND).respond(202)
    assert mailout(workbook, profiles, "--case", "C-01") == 0
    with sqlite3.connect(workbook.with_name("casussen.mailout.sqlite")) as db:
        db.execute("UPDATE messages SET state='sending'")
    lookup = entra.get(SENT_ITEMS).respond(200, json={"value": value})
    assert mailout(workbook, profiles, "--case", "C-01") == code
    assert send.call_count == 1                                        # never blindly resent
    assert "PoortwachterMessageId" in lookup.calls[0].request.url.params["$filter"]
    assert Ledger(workbook.with_name("casussen.mailout.sqlite")).get("C-01", MONTH, "mail").state == state


def test_graph_send_uses_the_configured_national_cloud(tmp_path, monkeypatch):
    """The sender honours authority_host and graph_url like the mailbox reader does (one session)."""
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx", active=2)
    profiles = tmp_path / "profielen.toml"
    profiles.write_text(f'[gov]\nkind = "graph"\ntenant_id = "{TENANT}"\nclient_id = "app-id"\n'
                        'mailbox = "dossiers@bureau.example"\nauthority_host = "https://login.microsoftonline.us"\n'
                        'graph_url = "https://graph.microsoft.us/v1.0"\n', encoding="utf-8")
    monkeypatch.setenv("POORTWACHTER_GOV_CLIENT_SECRET", "s3cret")
    login = f"https://login.microsoftonline.us/{TENANT}"
    with respx.mock(assert_all_called=False) as mock:
        mock.get(f"{login}/v2.0/.well-known/openid-configuration").respond(200, json={
            "token_endpoint": f"{login}/oauth2/v2.0/token", "authorization_endpoint": f"{login}/oauth2/v2.0/authorize",
            "issuer": f"{login}/v2.0"})
        token = mock.post(f"{login}/oauth2/v2.0/token").respond(
            200, json={"access_token": "token-gov", "token_type": "Bearer", "expires_in": 3600})
        send = mock.post(url__regex=r"^https://graph\.microsoft\.us/v1\.0/users/dossiers(@|%40)bureau\.example/sendMail$"
                         ).respond(202)
        code = main(["mailout", str(workbook), "--month", MONTH, "--via", "graph:gov", "--profiles", str(profiles),
                     "--out", str(tmp_path / "output"), "--no-pdf"])
    assert code == 0
    assert token.call_count == 1 and send.call_count == 2
    assert b"scope=https%3A%2F%2Fgraph.microsoft.us%2F.default" in token.calls[0].request.content
