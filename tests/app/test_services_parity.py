"""One function answers each product question: the CLI and the API give the same answer.

Each test asks one service through the real command line (plugin.cli.main) and through the
real server (uvicorn on loopback), with the same inputs, and compares the records.
"""

from __future__ import annotations

import io
import json
import zipfile

import httpx
import pytest

from plugin.cli import main

from .app_helpers import AS_OF, TOKEN, LiveServer, copy_examples, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return copy_examples(tmp_path_factory.mktemp("parity"))


@pytest.fixture(scope="module")
def server(data):
    live = LiveServer(make_settings(data)).start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def workbook_only(tmp_path_factory):
    """The same workbook served without dossiers: the verdict follows the workbook alone."""
    import shutil

    paths = copy_examples(tmp_path_factory.mktemp("parity-workbook"))
    shutil.rmtree(paths["dossiers"])   # else serve takes the folder 'dossiers' next to the workbook
    live = LiveServer(make_settings(paths, dossiers=None)).start()
    yield paths, live
    live.stop()


def cli_json(capsys, *argv) -> tuple[int, dict]:
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_cases_overview_with_dossiers(server, data, capsys):
    code, cli = cli_json(capsys, "status", str(data["workbook"]), "--dossiers", str(data["dossiers"]),
                         "--as-of", AS_OF.isoformat(), "--cache", str(data["workbook"].parent / "scancache.sqlite"),
                         "--format", "json")
    api = httpx.get(f"{server.url}/api/cases", headers=AUTH).json()
    assert cli["basis"] == "dossier" and cli["cases"] == api
    assert code == 1   # cases are late
    statuses = {row["case"]: row["status"] for row in api}
    assert statuses["2026-007"] == "late" and statuses["2026-005"] == "ok" and statuses["2026-006"] == "closed"
    assert all(row["basis"] == "dossier" for row in api)


def test_cases_overview_on_the_workbook_alone(workbook_only, capsys):
    paths, live = workbook_only
    _, cli = cli_json(capsys, "status", str(paths["workbook"]), "--as-of", AS_OF.isoformat(), "--format", "json")
    api = httpx.get(f"{live.url}/api/cases", headers=AUTH).json()
    assert cli["basis"] == "workbook" and cli["cases"] == api
    assert all(row["basis"] == "workbook" and "werkmap" in row["basis_text"] for row in api)
    assert len(api) == 7   # no folders: only the workbook's rows


@pytest.mark.parametrize("case_id", ["2025-001", "2025-003", "2026-005", "2026-007"])
def test_one_case(server, data, capsys, case_id):
    _, cli = cli_json(capsys, "status", str(data["workbook"]), "--dossiers", str(data["dossiers"]), "--case", case_id,
                      "--as-of", AS_OF.isoformat(), "--cache", str(data["workbook"].parent / "scancache.sqlite"),
                      "--format", "json")
    api = httpx.get(f"{server.url}/api/cases/{case_id}", headers=AUTH).json()
    api.pop("generated")
    assert cli == api
    overview = {row["case"]: row for row in httpx.get(f"{server.url}/api/cases", headers=AUTH).json()}
    assert api["verdict"] == {k: v for k, v in overview[case_id].items() if k not in ("problems", "riv")}


def test_the_check(server, data, capsys):
    _, cli = cli_json(capsys, "check", str(data["dossiers"]), "--workbook", str(data["workbook"]), "--as-of",
                      AS_OF.isoformat(), "--format", "json")
    api = httpx.post(f"{server.url}/api/check", json={}, headers=AUTH).json()
    assert cli == api
    listed = {row["case"]: (row["status"], row["counts"]) for row in httpx.get(f"{server.url}/api/cases",
                                                                               headers=AUTH).json()}
    assert {c["case"]: (c["verdict"]["status"], c["verdict"]["counts"]) for c in cli["cases"]} == listed


def _text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_generation(server, data, tmp_path, capsys):
    out = tmp_path / "cli-out"
    assert main(["generate", str(data["workbook"]), "--out", str(out), "--case", "2025-002", "--doc",
                 "evaluatie", "--date", "2025-09-12"]) == 0
    capsys.readouterr()
    made = next((out / "2025-002 Pieter de Vries").glob("*.docx"))
    response = httpx.post(f"{server.url}/api/cases/2025-002/documents",
                          json={"type": "evaluatie", "date": "2025-09-12"}, headers=AUTH)
    assert response.status_code == 200
    assert made.name == response.headers["content-disposition"].split('filename="')[1].split('"')[0]
    assert _text(made.read_bytes()) == _text(response.content)


def test_a_one_off_document_in_the_dossier_is_not_made_again_by_either(server, data, tmp_path, capsys):
    """The app reads its dossier root as `generate --dossiers` does: the same document is named."""
    assert main(["generate", str(data["workbook"]), "--out", str(tmp_path / "cli-out"), "--case", "2025-002",
                 "--doc", "probleemanalyse", "--dossiers", str(data["dossiers"])]) == 0
    said = capsys.readouterr().out
    where = "staat al in het dossier: 2025-002 De Vries/Probleemanalyse P. de Vries.pdf (21-07-2025)"
    assert where in said and "0 document(en) gemaakt" in said and "1 eenmalig en al aanwezig" in said
    response = httpx.post(f"{server.url}/api/cases/2025-002/documents", json={"type": "probleemanalyse"},
                          headers=AUTH)
    assert response.status_code == 409 and where in response.json()["error"]


def test_mailout_preview(server, data, capsys):
    main(["mailout", str(data["workbook"]), "--month", "2026-03", "--dry-run", "--out", str(data["out"]),
          "--via", f"outbox:{data['outbox']}", "--no-pdf"])
    lines = capsys.readouterr().out.splitlines()
    api = httpx.post(f"{server.url}/api/mailout/preview", json={"month": "2026-03"}, headers=AUTH).json()
    from plugin.core.words import MAIL_STATUS

    labels = {status: text.upper() if status in ("failed", "refused", "unknown") else text
              for status, text in MAIL_STATUS["nl"].items()}
    for result in api["results"]:
        label = labels[result["status"]]
        assert any(line.split() and line.strip().startswith(label) and f" {result['case']} " in f"{line} "
                   for line in lines), (result, lines)
    assert len(api["results"]) == sum(1 for line in lines if line.startswith("  ") and not line.startswith("  -"))


def test_inspect(server, tmp_path, capsys):
    text = ("Plan van aanpak\nDatum: 12-03-2025\nWerknemer en werkgever spreken af: opbouw van uren. "
            "Na de knieoperatie volgt fysiotherapie.\n")
    file = tmp_path / "tekst.txt"
    file.write_text(text, encoding="utf-8")
    _, cli = cli_json(capsys, "inspect", str(file), "--format", "json")
    api = httpx.post(f"{server.url}/api/inspect", json={"text": file.read_text(encoding="utf-8")}, headers=AUTH).json()
    assert cli == api
    assert cli["type"] == "plan-van-aanpak" and {t["term"] for t in cli["medical_terms"]} >= {"knieoperatie"}
