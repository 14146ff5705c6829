"""Making a document in the app says what `generate` says: a one-off document is made once (the
output folder and the dossier root count), what to do when an evaluation has no row, and the
notes on a document made (dated today, after its deadline) in the X-Poortwachter-Notes header."""

from __future__ import annotations

import json
from urllib.parse import unquote

import httpx
import pytest

from .app_helpers import AS_OF, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(live_server):
    with httpx.Client(base_url=live_server.url, timeout=120) as c:
        yield c


def notes_of(response) -> list[str]:
    return json.loads(unquote(response.headers["X-Poortwachter-Notes"]))


def test_a_plan_in_the_dossier_is_not_made_again_unless_asked_and_then_the_notes_say_why(client, example_copy):
    # 2026-005: the dossier holds a signed plan van aanpak of 12-11-2026; the workbook has no date for it.
    refused = client.post("/api/cases/2026-005/documents", json={"type": "plan-van-aanpak"}, headers=AUTH)
    assert refused.status_code == 409
    assert "staat al in het dossier: 2026-005 Visser/Scan_0001.pdf (12-11-2026)" in refused.json()["error"]
    assert not list(example_copy["out"].rglob("2026-005*/*Plan van aanpak.docx"))
    forced = client.post("/api/cases/2026-005/documents", json={"type": "plan-van-aanpak", "force": True},
                         headers=AUTH)
    assert forced.status_code == 200, forced.text
    notes = notes_of(forced)
    assert f"gedateerd op vandaag ({AS_OF:%d-%m-%Y}): kolom 'Datum plan van aanpak' is leeg in de werkmap" in notes[0]
    assert "komt na de uiterlijke datum 16-11-2026" in notes[1]
    assert "leg de reden vast in kolom 'Reden afwijking plan van aanpak'" in notes[1]


def test_a_one_off_document_in_the_output_folder_is_not_made_again_on_another_day(client, example_copy):
    # 2025-004 has no dossier folder: the output folder alone counts.
    first = client.post("/api/cases/2025-004/documents", json={"type": "probleemanalyse"}, headers=AUTH)
    assert first.status_code == 200 and notes_of(first) == []
    later = client.post("/api/cases/2025-004/documents", json={"type": "probleemanalyse", "date": "2025-04-01"},
                        headers=AUTH)
    assert later.status_code == 409
    assert "staat al in de uitvoermap: 2025-03-10 Probleemanalyse.docx (10-03-2025)" in later.json()["error"]
    assert [p.name for p in (example_copy["out"] / "2025-004 Johan Bakker").glob("*Probleemanalyse*")] \
        == ["2025-03-10 Probleemanalyse.docx"]


def test_an_evaluation_without_a_row_that_day_says_what_to_add_and_which_days_have_one(client):
    response = client.post("/api/cases/2025-002/documents", json={"type": "evaluatie", "date": "2026-12-04"},
                           headers=AUTH)
    assert response.status_code == 422
    assert response.json()["error"] == (
        "geen rij op blad Evaluaties voor 04-12-2026; voeg er een toe op blad Evaluaties (Casusnummer 2025-002, "
        "Datum, Soort, Deelnemers, …) of kies een van: 12-09-2025, 24-10-2025, 20-02-2026, 03-04-2026")
    none = client.post("/api/cases/2026-005/documents", json={"type": "evaluatie"}, headers=AUTH)
    assert none.status_code == 422
    assert "geen rij op blad Evaluaties voor casus 2026-005; voeg er een toe op blad Evaluaties" in none.json()["error"]
