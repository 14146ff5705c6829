"""Request bodies against their schemas (plugin/app/schemas.py): strict types, bounded sizes, a 400
that names the field, never a 500 and never a silent reading of the wrong type."""

from __future__ import annotations

import httpx
import pytest

from plugin.app import schemas

from .app_helpers import TOKEN, LiveServer, copy_examples, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
DOCS = "/api/cases/2025-002/documents"
DOSSIER = "/api/cases/2025-002/dossier"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = LiveServer(make_settings(copy_examples(tmp_path_factory.mktemp("schemas")))).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


# (route, body, the field the 400 names): every route, every kind of wrong type.
WRONG = [
    (DOCS, {"type": ["probleemanalyse"]}, "type"),
    (DOCS, {"type": "probleemanalyse", "force": "false"}, "force"),
    (DOCS, {"type": "probleemanalyse", "force": 0}, "force"),
    (DOCS, {"type": "probleemanalyse", "lang": "de"}, "lang"),
    (DOCS, {"type": "maandrapportage", "month": {}}, "month"),
    (DOCS, {"type": "probleemanalyse", "date": 20250101}, "date"),
    (DOCS, {"type": "probleemanalyse", "forse": True}, "forse"),
    (DOSSIER, {"name": ["x.txt"], "content_base64": "eA=="}, "name"),
    (DOSSIER, {"name": "x.txt", "content_base64": None}, "content_base64"),
    ("/api/inspect", {"text": ["a"]}, "text"),
    ("/api/inspect", {"text": 1e300}, "text"),
    ("/api/inspect", {"text": "x", "case": 5}, "case"),
    ("/api/mail", {"subject": ["a"]}, "subject"),
    ("/api/mail", {"from": {"name": "x"}}, "from"),
    ("/api/mail", {"attachments": "x.pdf"}, "attachments"),
    ("/api/mail", {"attachments": [{"name": ["x"], "content_base64": ""}]}, "attachments[0].name"),
    ("/api/mail", {"attachments": [["x", ""]]}, "attachments[0]"),
    ("/api/mail", {"attachments": [{"name": "a", "content_base64": ""}] * 21}, "attachments"),
    ("/api/mailout/preview", {"month": "2026-03", "cases": "2025-001"}, "cases"),
    ("/api/mailout/preview", {"month": "2026-03", "cases": [[1]]}, "cases[0]"),
    ("/api/mailout/send", {"month": "2026-03", "confirm": "true"}, "confirm"),
    ("/api/check", {"all": True}, "all"),
]


@pytest.mark.parametrize("path,body,field", WRONG)
def test_a_wrong_type_is_a_400_naming_the_field(client, path, body, field):
    response = client.post(path, json=body, headers=AUTH)
    assert response.status_code == 400, response.text
    assert response.json()["field"] == field and response.json()["error"].startswith(f"{field}: ")


RAW = [
    b"[" * 2**20,                                         # 1 MB of '['
    b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"text": 1e999}', b'{"text": NaN}', b'{"text": -Infinity}', b'{"text": 1' + b"0" * 5000 + b"}",
    b'{"text": "a", "text": "b"}',                        # a key twice: which one counts?
    b'{"text": "a\\ud800b"}',                             # a lone surrogate
    b'{"text": "x"', b"", b"\xff\xfe{", b"null", b'"text"', b"[]",
]


@pytest.mark.parametrize("body", RAW, ids=lambda b: repr(b[:24]))
def test_broken_json_is_a_400(client, body):
    response = client.post("/api/inspect", content=body, headers=AUTH)
    assert response.status_code == 400, response.text


def test_a_duplicate_key_names_it(client):
    response = client.post(DOCS, content=b'{"type": "probleemanalyse", "force": false, "force": true}', headers=AUTH)
    assert response.status_code == 400 and response.json()["field"] == "force"


def test_force_as_a_string_never_overwrites(client, server):
    body = {"type": "probleemanalyse", "date": "2025-07-03"}
    first = client.post(DOCS, json={**body, "force": True}, headers=AUTH)   # the dossier holds one: made anyway
    assert first.status_code == 200, first.text
    written = server.settings.out / "2025-002 Pieter de Vries" / "2025-07-03 Probleemanalyse.docx"
    written.write_bytes(b"met de hand bijgewerkt")
    for force in ("false", "true", 1, "0", [], None):
        response = client.post(DOCS, json={**body, "force": force}, headers=AUTH)
        assert response.status_code == 400 and response.json()["field"] == "force", force
    assert client.post(DOCS, json={**body, "force": False}, headers=AUTH).status_code == 409
    assert written.read_bytes() == b"met de hand bijgewerkt"
    assert client.post(DOCS, json={**body, "force": True}, headers=AUTH).status_code == 200


def test_a_lone_surrogate_in_a_mail_or_a_name_is_a_400(client):
    for path, body in (("/api/mail", b'{"subject": "a\\udc80"}'),
                       (DOSSIER, b'{"name": "a\\ud800.txt", "content_base64": "eA=="}')):
        response = client.post(path, content=body, headers=AUTH)
        assert response.status_code == 400, response.text


def test_schemas_are_strict_and_bounded():
    """Every schema strict and closed; every string field refuses one character past its limit."""
    too_long = "x" * (schemas.TEXT + 1)
    valid = {schemas.DocumentRequest: {"type": "x"}, schemas.DossierUpload: {"name": "x", "content_base64": ""},
             schemas.InspectRequest: {"text": ""}, schemas.MailRequest: {}, schemas.MailoutRequest: {"month": "x"},
             schemas.Attachment: {"name": "x", "content_base64": ""}, schemas.Empty: {}}
    for model, base in valid.items():
        assert model.model_config["strict"] and model.model_config["extra"] == "forbid"
        schemas.validate(model, base)
        for name, field in model.model_fields.items():
            if "str" in repr(field.annotation) and "list" not in repr(field.annotation):
                key = field.alias or name
                with pytest.raises(schemas.BadRequest) as refused:
                    schemas.validate(model, {**base, key: too_long})
                assert refused.value.field == key and "te lang" in refused.value.message, (model, key)
    with pytest.raises(schemas.BadRequest) as wrong:
        schemas.validate(schemas.MailRequest, {"subject": "x" * (schemas.SUBJECT + 1)})
    assert wrong.value.field == "subject" and "te lang" in wrong.value.message


@pytest.mark.parametrize("mail", [
    {"attachments": [{"name": "a\r\nContent-Type: text/html\r\n\r\n.pdf", "content_base64": "eA=="}]},
    {"attachments": [{"name": "a\x00b.pdf", "content_base64": "eA=="}]},
    {"attachments": [{"name": '"; filename="x.exe', "content_base64": "eA=="}]},
    {"attachments": [{"name": "", "content_base64": ""}]},
    {"attachments": [{"name": "é" * 1000, "content_base64": "eA=="}]},
    {"subject": "x\x00y\x1b[31m\u202e", "from": "a\x00b@x.nl\r\nBcc: c@d.nl"},
    {"date": "9999-12-31T23:59:59-14:00"}, {"date": "0001-01-01T00:00:00+14:00"},
], ids=repr)
def test_hostile_mail_fields_are_read_or_refused_never_a_500(client, mail):
    response = client.post("/api/mail", json=mail, headers=AUTH)
    assert response.status_code in (200, 400), response.text


def test_the_signals_send_body_is_strict_too(client, server):
    """The signals page's send (outside /api/) goes through the same reader and schema."""
    origin = {**AUTH, "Origin": server.url}
    for body, field in ((b"[" * 2**20, None), (b'{"weeks": [1], "confirm": true}', "weeks"),
                        (b'{"weeks": "3", "confirm": true}', "weeks"), (b'{"weeks": 0, "confirm": true}', "weeks"),
                        (b'{"weeks": 3, "confirm": "true"}', "confirm")):
        response = client.post("/signals/send", content=body, headers=origin)
        assert response.status_code == 400, response.text
        assert response.json().get("field") == field
    plain = client.post("/signals/send", content=b'{"weeks": 3, "confirm": true}',
                        headers={**origin, "Content-Type": "text/plain"})
    assert plain.status_code == 415
