"""The JSON API against the real server (uvicorn on a free loopback port): every route, with and
without the token, foreign Host and Origin, path traversal, oversized bodies, concurrency."""

from __future__ import annotations

import base64
import io
import json
import logging
import threading
from pathlib import Path

import httpx
import pytest

from .app_helpers import AS_OF, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
CASE = "2025-002"
ROUTES = [
    ("GET", "/api/workbook"), ("GET", "/api/cases"), ("GET", f"/api/cases/{CASE}"),
    ("POST", f"/api/cases/{CASE}/documents"), ("POST", f"/api/cases/{CASE}/dossier"), ("GET", "/api/document-types"),
    ("GET", f"/api/cases/{CASE}/output/x.docx"),
    ("POST", "/api/check"), ("POST", "/api/check/jobs"), ("GET", "/api/check/jobs/abc"),
    ("GET", "/api/check/jobs/abc/report.xlsx"), ("POST", "/api/inspect"), ("POST", "/api/mail"),
    ("POST", "/api/mailout/preview"), ("POST", "/api/mailout/send"), ("GET", "/api/mailout/history"),
    ("GET", "/"), ("GET", f"/cases/{CASE}"), ("GET", "/check"), ("GET", "/mailout"), ("GET", "/static/app.css"),
]


@pytest.fixture(scope="module")
def client(live_server):
    with httpx.Client(base_url=live_server.url, timeout=120) as c:
        yield c


def docx_bytes(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("method,path", ROUTES)
def test_every_route_needs_the_token(client, method, path):
    response = client.request(method, path, json={} if method == "POST" else None)
    assert response.status_code == 401
    assert "poortwachter serve" in response.text or "token" in response.text.lower()


@pytest.mark.parametrize("method,path", ROUTES)
def test_every_route_answers_with_the_token(client, method, path):
    body = {"month": "2026-03"} if "mailout" in path else {"text": "Plan van aanpak"} if "inspect" in path else {}
    response = client.request(method, path, json=body if method == "POST" else None, headers=AUTH)
    assert response.status_code not in (401, 403, 500), response.text
    if path == "/api/cases/2025-002/documents":   # no type given
        assert response.status_code == 400 and response.json()["error"] == "type: ontbreekt"
        assert response.json()["field"] == "type"
    if path == "/api/mailout/send":              # no confirmation
        assert response.status_code == 400 and "bevestiging" in response.json()["error"]


def test_login_page_is_open_and_a_wrong_token_is_refused(client):
    assert client.get("/login").status_code == 200
    assert client.get("/?token=wrong").status_code == 401
    assert client.get("/api/cases", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_token_traded_for_an_httponly_session_cookie(live_server):
    with httpx.Client(base_url=live_server.url) as browser:
        response = browser.get(f"/?token={TOKEN}&lang=en")
        assert response.status_code == 303
        assert response.headers["location"] == "/?lang=en"          # the token leaves the address bar
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
        assert browser.get("/api/cases").status_code == 200
        page = browser.get("/?lang=en")
        assert page.status_code == 200 and "Cases" in page.text
    with httpx.Client(base_url=live_server.url) as stranger:
        assert stranger.get("/api/cases").status_code == 401


def test_login_form_takes_the_token(live_server):
    with httpx.Client(base_url=live_server.url) as browser:
        response = browser.post("/login", data={"token": TOKEN}, headers={"Origin": live_server.url})
        assert response.status_code == 303
        assert browser.get("/api/cases").status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.nip.io", "localhost:1", "10.0.0.1", ""])
def test_foreign_host_is_refused_even_with_the_token(client, live_server, host):
    response = client.get("/api/cases", headers={**AUTH, "Host": host})
    assert response.status_code == 403


def test_loopback_names_are_accepted(client, live_server):
    for host in (f"127.0.0.1:{live_server.port}", f"localhost:{live_server.port}"):
        assert client.get("/api/cases", headers={**AUTH, "Host": host}).status_code == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1", "https://localhost.evil.example"])
def test_foreign_origin_cannot_change_anything(client, origin):
    response = client.post("/api/inspect", json={"text": "x"}, headers={**AUTH, "Origin": origin})
    assert response.status_code == 403
    response = client.post("/api/check/jobs", json={}, headers={**AUTH, "Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403


def test_own_origin_is_fine(client, live_server):
    response = client.post("/api/inspect", json={"text": "x"}, headers={**AUTH, "Origin": live_server.url})
    assert response.status_code == 200


def test_cases_shape(client):
    rows = client.get("/api/cases", headers=AUTH).json()
    assert [r["case"] for r in rows][:2] == ["2025-001", "2025-002"]
    for row in rows:
        assert set(row) >= {"case", "employee", "employer", "casemanager", "week", "status", "next"}
        assert row["status"] in ("late", "soon", "ok", "closed")
        assert row["next"] is None or set(row["next"]) >= {"title", "due", "state", "severity"}
    de_vries = next(r for r in rows if r["case"] == CASE)
    assert de_vries["status"] == "late" and de_vries["week"] == 78


def test_case_detail_has_calendar_documents_and_findings(client):
    data = client.get(f"/api/cases/{CASE}", headers=AUTH).json()
    codes = [m["code"] for m in data["calendar"]["milestones"]]
    assert codes[0] == "probleemanalyse" and "wia_aanvraag" in codes
    assert all({"due", "done", "status"} <= set(m) for m in data["calendar"]["milestones"])
    assert any(d["type"] == "plan-van-aanpak" for d in data["documents"])
    assert data["findings"] and all(f["severity"] in ("error", "warning", "info") for f in data["findings"])
    assert client.get("/api/cases/nope", headers=AUTH).status_code == 404


def test_generate_writes_like_generate_and_never_overwrites(client, example_copy):
    # An evaluation: the one-off documents of 2025-002 are in its dossier and are not made again
    # (tests/app/test_generate_api.py).
    body = {"type": "evaluatie", "date": "2025-09-12"}
    response = client.post(f"/api/cases/{CASE}/documents", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.content[:2] == b"PK"
    written = example_copy["out"] / "2025-002 Pieter de Vries" / "2025-09-12 Evaluatie.docx"
    assert written.read_bytes() == response.content
    again = client.post(f"/api/cases/{CASE}/documents", json=body, headers=AUTH)
    assert again.status_code == 409 and "bestaat al" in again.json()["error"]
    forced = client.post(f"/api/cases/{CASE}/documents", json={**body, "force": True}, headers=AUTH)
    assert forced.status_code == 200
    bad = client.post(f"/api/cases/{CASE}/documents", json={"type": "probleemanalyse", "date": "31-02-2025"},
                      headers=AUTH)
    assert bad.status_code == 400


def test_concurrent_generation_writes_one_file_once(client, example_copy):
    body = {"type": "evaluatie", "date": "2025-10-24"}
    statuses = []

    def make():
        with httpx.Client(base_url=str(client.base_url), timeout=120) as own:
            statuses.append(own.post(f"/api/cases/{CASE}/documents", json=body, headers=AUTH).status_code)

    threads = [threading.Thread(target=make) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200] + [409] * 5


def test_concurrent_reads_agree(client):
    results = []

    def read():
        with httpx.Client(base_url=str(client.base_url), timeout=120) as own:
            results.append(own.get("/api/cases", headers=AUTH).json())

    threads = [threading.Thread(target=read) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 12 and all(r == results[0] for r in results)


def test_check_is_the_same_json_as_the_cli(client, example_copy, capsys):
    from plugin.cli import main

    response = client.post("/api/check", json={}, headers=AUTH)
    assert response.status_code == 200
    main(["check", str(example_copy["dossiers"]), "--workbook", str(example_copy["workbook"]), "--as-of",
          AS_OF.isoformat(), "--format", "json"])
    cli = json.loads(capsys.readouterr().out)
    assert response.json() == cli


def test_check_job_and_reports(client):
    import time

    job = client.post("/api/check/jobs", json={}, headers=AUTH)
    assert job.status_code == 202
    job_id = job.json()["job"]
    assert job.json()["files"] > 30 and job.json()["folders"] == 7
    for _ in range(240):
        state = client.get(f"/api/check/jobs/{job_id}", headers=AUTH).json()
        if state["state"] != "running":
            break
        time.sleep(0.5)
    assert state["state"] == "done" and state["result"]["as_of"] == AS_OF.isoformat()
    assert state["done"] == state["files"]
    for fmt in ("xlsx", "docx"):
        report = client.get(f"/api/check/jobs/{job_id}/report.{fmt}", headers=AUTH)
        assert report.status_code == 200 and report.content[:2] == b"PK"


def test_inspect_names_type_missing_parts_and_term_positions(client):
    text = ("Plan van aanpak\nDatum: 3 maart 2025\nDoel: terugkeer in eigen werk binnen 3 maanden.\n"
            "Activiteiten: werkplekaanpassing. Evaluatie elke 6 weken.\nDe werknemer heeft een hernia en depressie.")
    data = client.post("/api/inspect", json={"text": text}, headers=AUTH).json()
    assert data["type"] == "plan-van-aanpak" and data["date"] == "2025-03-03" and data["language"] == "nl"
    assert [m["part"] for m in data["missing"]] == ["casemanager"]
    terms = {t["term"].lower() for t in data["medical_terms"]}
    assert {"hernia", "depressie"} <= terms
    for hit in data["medical_terms"]:
        assert text[hit["start"]:hit["end"]] == hit["term"] and hit["group"]
    clean = client.post("/api/inspect", json={"text": "Belastbaarheid: kan 4 uur per dag werken.", "type": "probleemanalyse"},
                        headers=AUTH).json()
    assert clean["type"] == "probleemanalyse" and clean["medical_terms"] == []
    assert {m["part"] for m in clean["missing"]} == {"werk", "prognose", "advies"}
    assert client.post("/api/inspect", json={"text": 5}, headers=AUTH).status_code == 400
    assert client.post("/api/inspect", json={"text": "x", "type": "roman"}, headers=AUTH).status_code == 400


def test_mail_is_tied_to_its_case_and_classified(client):
    attachment = docx_bytes(["Plan van aanpak", "Datum: 01-08-2025"])
    body = {"subject": f"Getekend plan casus {CASE}", "from": "hr@anker.example", "date": "2025-08-02",
            "body": "Bijgaand het getekende plan.",
            "attachments": [{"name": "PvA getekend.docx", "content_base64": base64.b64encode(attachment).decode()}]}
    data = client.post("/api/mail", json=body, headers=AUTH).json()
    assert data["case"] == CASE and data["tied_by"] == "casusnummer"
    assert {"type": "plan-van-aanpak", "date": "2025-08-01"}.items() <= data["documents"][0].items()
    assert "bijlage" in data["documents"][0]["why"]
    by_name = client.post("/api/mail", json={"subject": "Evaluatie Pieter de Vries", "body": ""}, headers=AUTH).json()
    assert by_name["case"] == CASE and by_name["tied_by"] == "naam"
    nobody = client.post("/api/mail", json={"subject": "Lunch vrijdag", "body": "Wie doet er mee?"}, headers=AUTH).json()
    assert nobody["case"] is None and nobody["documents"] == []
    inside = docx_bytes(["Plan van aanpak", f"Casusnummer: {CASE}", "Datum: 01-08-2025"])
    by_attachment = client.post("/api/mail", json={"subject": "Getekend plan De Vries", "body": "Zie bijlage.",
                                                   "attachments": [{"name": "scan.docx", "content_base64":
                                                                    base64.b64encode(inside).decode()}]},
                                headers=AUTH).json()
    assert by_attachment["case"] == CASE and by_attachment["tied_by"] == "bijlage: casusnummer"
    surname_only = client.post("/api/mail", json={"subject": "Plan De Vries getekend", "body": ""}, headers=AUTH)
    assert surname_only.json()["case"] is None and surname_only.json()["candidates"] == [CASE]


def test_dossier_upload_lands_in_the_case_folder_once(client, example_copy):
    content = base64.b64encode(b"Gespreksverslag 1 december 2026\n").decode()
    response = client.post(f"/api/cases/{CASE}/dossier", json={"name": "notitie app.txt", "content_base64": content},
                           headers=AUTH)
    assert response.status_code == 201, response.text
    path = Path(response.json()["path"])
    assert path.parent == example_copy["dossiers"] / "2025-002 De Vries" and path.read_bytes().startswith(b"Gespreks")
    again = client.post(f"/api/cases/{CASE}/dossier", json={"name": "notitie app.txt", "content_base64": content},
                        headers=AUTH)
    assert again.status_code == 409


@pytest.mark.parametrize("name", ["../uit.txt", "..", "..\\uit.txt", "/etc/passwd", "C:uit.txt", "sub/uit.txt",
                                  "CON", "nul.txt", "COM1.docx", ".verborgen", "~$lock.docx", "uit.txt ", "uit.",
                                  "a\x00b.txt", "", "x" * 256])
def test_dossier_upload_refuses_paths(client, example_copy, name):
    before = {p for p in example_copy["dossiers"].parent.rglob("*")}
    response = client.post(f"/api/cases/{CASE}/dossier", json={"name": name, "content_base64": "eA=="}, headers=AUTH)
    assert response.status_code == 400
    assert {p for p in example_copy["dossiers"].parent.rglob("*")} == before


def test_dossier_folder_symlinked_out_is_refused(tmp_path):
    from .app_helpers import LiveServer, copy_examples, make_settings

    paths = copy_examples(tmp_path / "data")
    outside = tmp_path / "elders"
    outside.mkdir()
    folder = paths["dossiers"] / "2026-005 Visser"
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()
    folder.symlink_to(outside, target_is_directory=True)
    server = LiveServer(make_settings(paths)).start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            response = c.post("/api/cases/2026-005/dossier", json={"name": "x.txt", "content_base64": "eA=="},
                              headers=AUTH)
    finally:
        server.stop()
    assert response.status_code == 403
    assert list(outside.iterdir()) == []


def test_oversized_bodies_are_refused(client, live_server):
    big = b'{"text": "' + b"a" * (live_server.settings.max_body + 10) + b'"}'
    response = client.post("/api/inspect", content=big, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 413

    def chunks():   # no Content-Length: refused while it streams in
        yield b'{"text": "'
        for _ in range(live_server.settings.max_body // 2**20 + 2):
            yield b"a" * 2**20
        yield b'"}'

    response = client.post("/api/mail", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 413
    small_limit = client.post("/api/inspect", json={"text": "a" * (3 * 2**20)}, headers=AUTH)
    assert small_limit.status_code == 413


def test_bad_json_is_a_400(client):
    response = client.post("/api/inspect", content=b"{nope", headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400 and "JSON" in response.json()["error"]


def test_mailout_preview_send_and_history(client, example_copy):
    preview = client.post("/api/mailout/preview", json={"month": "2026-03"}, headers=AUTH).json()
    planned = [r for r in preview["results"] if r["status"] == "would_send"]
    assert planned and preview["dry_run"] is True and not example_copy["outbox"].exists()
    refused = client.post("/api/mailout/send", json={"month": "2026-03", "confirm": "yes"}, headers=AUTH)
    assert refused.status_code == 400
    sent = client.post("/api/mailout/send", json={"month": "2026-03", "confirm": True}, headers=AUTH).json()
    assert sorted(r["case"] for r in sent["results"] if r["status"] == "sent") == sorted(r["case"] for r in planned)
    assert len(list((example_copy["outbox"] / "2026-03").glob("*.eml"))) == len(planned)
    second = client.post("/api/mailout/send", json={"month": "2026-03", "confirm": True}, headers=AUTH).json()
    assert not [r for r in second["results"] if r["status"] == "sent"]
    history = client.get("/api/mailout/history", headers=AUTH).json()
    assert {e["case"] for e in history if e["state"] == "sent"} == {r["case"] for r in planned}
    assert client.post("/api/mailout/preview", json={"month": "maart"}, headers=AUTH).status_code == 400


def test_workbook_is_read_again_when_it_changes(tmp_path):
    from openpyxl import load_workbook

    from .app_helpers import LiveServer, copy_examples, make_settings

    paths = copy_examples(tmp_path / "data")
    server = LiveServer(make_settings(paths)).start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            first = c.get("/api/cases", headers=AUTH).json()
            book = load_workbook(paths["workbook"])
            sheet = book["Casussen"]
            header = {cell.value: cell.column for cell in sheet[1]}
            sheet.cell(row=2, column=header["Naam werknemer"], value="Fatima Nieuw-Amrani")
            sheet.cell(row=3, column=header["Eerste ziektedag"], value="31-02-2025")
            book.save(paths["workbook"])
            second = c.get("/api/cases", headers=AUTH).json()
            info = c.get("/api/workbook", headers=AUTH).json()
            page = c.get("/", headers=AUTH).text
    finally:
        server.stop()
    assert first[0]["employee"] == "Fatima el Amrani" and second[0]["employee"] == "Fatima Nieuw-Amrani"
    blocked = next(r for r in second if r["case"] == "2025-002")
    assert blocked["status"] == "workbook_error" and blocked["problems"]
    problem = next(p for p in info["problems"] if p["case"] == "2025-002")
    assert problem["sheet"] == "Casussen" and problem["row"] == 3 and problem["column"] == "Eerste ziektedag"
    assert "blad &#39;Casussen&#39;, rij 3, kolom &#39;Eerste ziektedag&#39;" in page


def test_log_has_method_path_status_only(client, caplog):
    caplog.set_level(logging.INFO, logger="poortwachter.app")
    secret_text = "Werknemer heeft een hernia"
    client.post("/api/inspect", json={"text": secret_text}, headers=AUTH)
    client.get(f"/?token={TOKEN}")
    lines = [r.getMessage() for r in caplog.records if r.name == "poortwachter.app"]
    assert any(line.startswith("POST /api/inspect 200") for line in lines)
    assert not any("hernia" in line or TOKEN in line or "token=" in line for line in lines)


def test_case_page_findings_are_the_full_checks_findings(client):
    full = client.post("/api/check", json={}, headers=AUTH).json()
    for case_id in ("2025-001", CASE, "2025-003"):
        detail = client.get(f"/api/cases/{case_id}", headers=AUTH).json()
        checked = next(c for c in full["cases"] if c["case"] == case_id)
        assert [{k: f[k] for k in checked["findings"][0]} for f in detail["findings"]] == checked["findings"]
        assert [d["path"] for d in detail["documents"]] == [d["path"] for d in checked["documents"]]


def test_a_crash_is_a_500_and_its_text_stays_out_of_every_log(client, monkeypatch, caplog):
    from plugin.services import inspect as inspect_service

    def crash(*args, **kwargs):
        raise RuntimeError("werknemer met een hernia")

    monkeypatch.setattr(inspect_service, "inspect_text", crash)
    caplog.set_level(logging.DEBUG)
    response = client.post("/api/inspect", json={"text": "x"}, headers=AUTH)
    assert response.status_code == 500 and "RuntimeError" in response.json()["error"]
    assert "hernia" not in response.text
    assert all("hernia" not in record.getMessage() and not record.exc_info for record in caplog.records)


def test_an_unreadable_workbook_is_said_plainly_and_the_app_keeps_running(tmp_path):
    from starlette.testclient import TestClient

    from plugin.app.server import create_app

    from .app_helpers import copy_examples, make_settings

    paths = copy_examples(tmp_path / "data")
    app = create_app(make_settings(paths))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/cases", headers=AUTH).status_code == 200
        paths["workbook"].write_bytes(b"dit is geen excel")      # saved half-way, or the wrong file
        response = c.get("/api/cases", headers=AUTH)
        assert response.status_code == 422 and "geen leesbare Excel-werkmap" in response.json()["error"]
        page = c.get("/", headers=AUTH)
        assert page.status_code == 422 and "De werkmap is niet te lezen" in page.text
        assert c.post("/api/inspect", json={"text": "Plan van aanpak"}, headers=AUTH).status_code == 200


def test_a_case_number_with_a_slash_works_everywhere(tmp_path):
    import datetime as dt
    from urllib.parse import quote

    from openpyxl import Workbook
    from starlette.testclient import TestClient

    from plugin.app.server import create_app

    from .app_helpers import make_settings

    book = Workbook()
    sheet = book.active
    sheet.title = "Casussen"
    sheet.append(["Casusnummer", "Naam werknemer", "Werkgever", "Eerste ziektedag", "Datum probleemanalyse"])
    sheet.append(["2025/001", "Jan Jansen", "Jansen BV", dt.date(2026, 6, 1), dt.date(2026, 7, 1)])
    (tmp_path / "dossiers").mkdir()
    book.save(tmp_path / "casussen.xlsx")
    paths = {"workbook": tmp_path / "casussen.xlsx", "dossiers": tmp_path / "dossiers", "out": tmp_path / "out",
             "outbox": tmp_path / "outbox"}
    with TestClient(create_app(make_settings(paths)), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/cases", headers=AUTH).json()[0]["case"] == "2025/001"
        for url in ("/api/cases/2025/001", f"/api/cases/{quote('2025/001', safe='')}"):
            assert c.get(url, headers=AUTH).json()["employee"] == "Jan Jansen"
        page = c.get("/", headers=AUTH).text
        assert 'href="/cases/2025/001"' in page
        assert "Jan Jansen" in c.get("/cases/2025/001", headers=AUTH).text
        made = c.post("/api/cases/2025/001/documents", json={"type": "probleemanalyse"}, headers=AUTH)
        assert made.status_code == 200, made.text
        saved = c.post("/api/cases/2025/001/dossier", json={"name": "notitie.txt", "content_base64": "eA=="},
                       headers=AUTH)
        assert saved.status_code == 201 and (tmp_path / "dossiers").resolve() in Path(saved.json()["path"]).parents


def test_inspect_for_a_case_does_not_flag_its_people(tmp_path):
    """With "case", the case's own names (coach, employer, ...) are not read as health words."""
    import datetime as dt

    from openpyxl import Workbook
    from starlette.testclient import TestClient

    from plugin.app.server import create_app

    from .app_helpers import make_settings

    book = Workbook()
    sheet = book.active
    sheet.title = "Casussen"
    sheet.append(["Casusnummer", "Naam werknemer", "Werkgever", "Eerste ziektedag", "Coach"])
    sheet.append(["C-1", "Jan Jansen", "Jansen BV", dt.date(2026, 6, 1), "Piet Griep"])
    book.save(tmp_path / "casussen.xlsx")
    paths = {"workbook": tmp_path / "casussen.xlsx", "dossiers": tmp_path, "out": tmp_path / "out",
             "outbox": tmp_path / "outbox"}
    text = "Coach Piet Griep sprak met de werknemer. De werknemer heeft een knieoperatie gehad."
    with TestClient(create_app(make_settings(paths)), base_url="http://127.0.0.1:8000") as c:
        plain = c.post("/api/inspect", json={"text": text}, headers=AUTH).json()["medical_terms"]
        for_case = c.post("/api/inspect", json={"text": text, "case": "C-1"}, headers=AUTH).json()["medical_terms"]
        assert c.post("/api/inspect", json={"text": text, "case": "nope"}, headers=AUTH).status_code == 404
    assert {t["term"] for t in plain} == {"Griep", "knieoperatie"}
    assert [t["term"] for t in for_case] == ["knieoperatie"]


def test_pages_cannot_be_framed_or_load_from_elsewhere(client):
    page = client.get("/", headers=AUTH)
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["x-frame-options"] == "DENY" and page.headers["referrer-policy"] == "no-referrer"


def test_check_progress_reads_in_batches_and_changes_nothing(tmp_path):
    from plugin.check.reporters.json_report import as_dict
    from plugin.check.run import dossier_files
    from plugin.services.check import run_check
    from plugin.services.sources import Sources
    from plugin.workbook.load import load_workbook

    from .app_helpers import copy_examples

    paths = copy_examples(tmp_path / "data")
    workbook = load_workbook(paths["workbook"])
    calls = []
    sources = Sources(workbook, paths["dossiers"], cache=tmp_path / "cache.sqlite", as_of=AS_OF)
    with_progress = run_check(sources, progress=lambda done, total: calls.append((done, total))).result
    total = len(dossier_files(paths["dossiers"]))
    assert len(calls) >= 2 and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    plain = run_check(Sources(workbook, paths["dossiers"], no_cache=True, as_of=AS_OF)).result
    assert as_dict(with_progress) == as_dict(plain)


def test_generated_documents_are_listed_and_downloadable_only_from_their_folder(client, example_copy):
    made = client.post("/api/cases/2025-003/documents", json={"type": "evaluatie", "date": "2025-12-05"},
                       headers=AUTH)
    assert made.status_code == 200, made.text
    detail = client.get("/api/cases/2025-003", headers=AUTH).json()
    names = [g["name"] for g in detail["generated"]]
    name = next(n for n in names if n.endswith(".docx"))
    download = client.get(f"/api/cases/2025-003/output/{name}", headers=AUTH)
    assert download.status_code == 200 and download.content == made.content
    assert client.get("/api/cases/2025-003/output/nope.docx", headers=AUTH).status_code == 404
    for bad in ("..%2F..%2Fcasussen.xlsx", "%2Fetc%2Fpasswd", "..%5C..%5Ccasussen.xlsx", "CON", ".hidden"):
        assert client.get(f"/api/cases/2025-003/output/{bad}", headers=AUTH).status_code in (400, 404)
    with httpx.Client(base_url=str(client.base_url)) as stranger:   # no token, no session cookie
        assert stranger.get(f"/api/cases/2025-003/output/{name}").status_code == 401


def test_concurrent_checks_and_case_pages_agree(client):
    results, errors = [], []

    def run(kind):
        with httpx.Client(base_url=str(client.base_url), timeout=300) as own:
            response = (own.post("/api/check", json={}, headers=AUTH) if kind == "check"
                        else own.get(f"/api/cases/{CASE}", headers=AUTH))
            (results if response.status_code == 200 else errors).append((kind, response.status_code, response.text))

    threads = [threading.Thread(target=run, args=(kind,)) for kind in ("check", "case", "check", "case", "check")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    checks = [json.loads(text) for kind, _, text in results if kind == "check"]
    assert len(checks) == 3 and checks[0] == checks[1] == checks[2]
