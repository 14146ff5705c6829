"""exchange:PROFILE at the HTTP level: EWS CreateItem with SendAndSaveCopy (requests-mock)."""

from __future__ import annotations

import base64
import io
import re
from html import escape

import pytest
import requests_mock
from test_mailout_plan import MONTH, employer, synthetic_workbook

from plugin.cli import main
from plugin.documents.docprops import read_docx_properties
from plugin.mail.mailout.ledger import Ledger

EWS = "https://mail.bureau.example/EWS/Exchange.asmx"
ENVELOPE = ('<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">'
            '<s:Header><h:ServerVersionInfo xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types" '
            'MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11"/>'
            '</s:Header><s:Body>{}</s:Body></s:Envelope>')
M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"'
T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"'
CREATED = ENVELOPE.format(f'<m:CreateItemResponse {M} {T}><m:ResponseMessages><m:CreateItemResponseMessage '
                          'ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items/>'
                          '</m:CreateItemResponseMessage></m:ResponseMessages></m:CreateItemResponse>')
SENT_FOLDER = ENVELOPE.format(
    f'<m:GetFolderResponse {M} {T}><m:ResponseMessages><m:GetFolderResponseMessage ResponseClass="Success">'
    '<m:ResponseCode>NoError</m:ResponseCode><m:Folders><t:Folder><t:FolderId Id="AAMkSENT" ChangeKey="AQAAAA=="/>'
    '<t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>Sent Items</t:DisplayName><t:TotalCount>0</t:TotalCount>'
    '<t:ChildFolderCount>0</t:ChildFolderCount><t:UnreadCount>0</t:UnreadCount></t:Folder></m:Folders>'
    '</m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse>')
REFUSED = ENVELOPE.format(f'<m:CreateItemResponse {M} {T}><m:ResponseMessages><m:CreateItemResponseMessage '
                          'ResponseClass="Error"><m:MessageText>Access is denied.</m:MessageText>'
                          '<m:ResponseCode>ErrorAccessDenied</m:ResponseCode>'
                          '<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>'
                          '<m:Items/></m:CreateItemResponseMessage></m:ResponseMessages></m:CreateItemResponse>')


def ews(create_response: str):
    """An EWS endpoint: GetFolder (Sent Items, asked once) and CreateItem."""
    def respond(request, context):
        context.headers["Content-Type"] = "text/xml; charset=utf-8"
        return SENT_FOLDER if "<m:GetFolder" in request.text else create_response
    return respond


@pytest.fixture
def setup(tmp_path, monkeypatch):
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx", active=2)
    profiles = tmp_path / "profielen.toml"
    profiles.write_text('[kantoor]\nkind = "exchange"\nserver = "mail.bureau.example"\n'
                        'username = "BUREAU\\\\dossiers"\n'
                        'primary_smtp_address = "dossiers@bureau.example"\nauth_type = "basic"\n', encoding="utf-8")
    monkeypatch.setenv("POORTWACHTER_KANTOOR_PASSWORD", "geheim")
    return workbook, profiles


def mailout(workbook, profiles, *extra):
    return main(["mailout", str(workbook), "--month", MONTH, "--via", "exchange:kantoor", "--profiles", str(profiles),
                 "--out", str(workbook.parent / "output"), "--no-pdf", *extra])


def test_exchange_sends_and_saves_a_copy(setup, capsys):
    workbook, profiles = setup
    with requests_mock.Mocker() as http:
        http.post(EWS, text=ews(CREATED))
        assert mailout(workbook, profiles) == 0
        bodies = [r.text for r in http.request_history if "<m:CreateItem" in r.text]
    assert len(bodies) == 2       # one CreateItem per message; GetFolder (Sent Items) is exchangelib's own
    ledger = Ledger(workbook.with_name("casussen.mailout.sqlite"))
    for body, case_id in zip(bodies, ("C-01", "C-02")):
        assert 'MessageDisposition="SendAndSaveCopy"' in body
        assert "<t:EmailAddress>" + employer(int(case_id[2:])) in body
        assert "SavedItemFolderId" in body and 'Id="sentitems"' in body
        message_id = escape(ledger.get(case_id, MONTH, "mail").message_id)
        assert f"<t:InternetMessageId>{message_id}</t:InternetMessageId>" in body    # ours: found again after a crash
        content = re.search(r"<t:Content>([^<]+)</t:Content>", body).group(1)
        assert read_docx_properties(io.BytesIO(base64.b64decode(content)))["Casusnummer"] == case_id
    assert http.request_history[0].headers["Authorization"].startswith("Basic ")
    assert "2 verzonden" in capsys.readouterr().out


def test_exchange_refusal_is_a_failure_that_is_retried(setup, capsys):
    workbook, profiles = setup
    with requests_mock.Mocker() as http:
        http.post(EWS, text=ews(REFUSED))
        assert mailout(workbook, profiles) == 1
    assert "Exchange weigerde het bericht" in capsys.readouterr().out
    with requests_mock.Mocker() as http:
        http.post(EWS, text=ews(CREATED))
        assert mailout(workbook, profiles) == 0
        assert sum("<m:CreateItem " in r.text for r in http.request_history) == 2


def test_missing_password_stops_before_anything_is_planned(setup, monkeypatch, capsys):
    workbook, profiles = setup
    monkeypatch.delenv("POORTWACHTER_KANTOOR_PASSWORD")
    monkeypatch.setattr("keyring.get_password", lambda *a: None)
    assert mailout(workbook, profiles) == 2
    assert "POORTWACHTER_KANTOOR_PASSWORD" in capsys.readouterr().err


def found(count: int) -> str:
    items = '<t:Message><t:ItemId Id="AAMkITEM" ChangeKey="CQAAAA=="/></t:Message>' * count
    return ENVELOPE.format(
        f'<m:FindItemResponse {M} {T}><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success">'
        f'<m:ResponseCode>NoError</m:ResponseCode><m:RootFolder TotalItemsInView="{count}" '
        f'IncludesLastItemInRange="true"><t:Items>{items}</t:Items></m:RootFolder></m:FindItemResponseMessage>'
        '</m:ResponseMessages></m:FindItemResponse>')


@pytest.mark.parametrize(("in_sent_items", "state", "code"), ((1, "sent", 0), (0, "unknown", 1)))
def test_after_a_crash_sent_items_decides(setup, capsys, in_sent_items, state, code):
    workbook, profiles = setup
    import sqlite3

    with requests_mock.Mocker() as http:
        http.post(EWS, text=ews(CREATED))
        assert mailout(workbook, profiles, "--case", "C-01") == 0
    with sqlite3.connect(workbook.with_name("casussen.mailout.sqlite")) as db:
        db.execute("UPDATE messages SET state='sending'")
    with requests_mock.Mocker() as http:
        http.post(EWS, text=lambda request, context: SENT_FOLDER if "<m:GetFolder" in request.text
                  else found(in_sent_items) if "<m:FindItem" in request.text else CREATED)
        assert mailout(workbook, profiles, "--case", "C-01") == code
        assert not any("<m:CreateItem " in r.text for r in http.request_history)      # never blindly resent
        (lookup,) = [r.text for r in http.request_history if "<m:FindItem" in r.text]
    assert 'FieldURI="message:InternetMessageId"' in lookup
    assert Ledger(workbook.with_name("casussen.mailout.sqlite")).get("C-01", MONTH, "mail").state == state
