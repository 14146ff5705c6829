"""The re-integratieverslag in the app: the API (job with progress, downloads, never overwriting) against
the real server, and the case page's button and the cases list's filter in Debian's Chromium."""

from __future__ import annotations

import json
import os
import time

import httpx
import pytest
from pypdf import PdfReader

from .app_helpers import TOKEN

pytestmark = pytest.mark.office
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(live_server):
    with httpx.Client(base_url=live_server.url, timeout=120, headers=AUTH) as c:
        yield c


def build(client, case: str, force: bool = False) -> dict:
    started = client.post(f"/api/cases/{case}/riv", json={"force": force})
    assert started.status_code == 202, started.text
    job = started.json()
    seen = [job["percent"]]
    deadline = time.monotonic() + 180
    while job["state"] == "running" and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get(f"/api/riv/jobs/{job['job']}").json()
        seen.append(job["percent"])
    assert seen == sorted(seen)            # the bar only moves forward
    return job


def test_riv_job_builds_and_offers_the_files(client, example_copy):
    job = build(client, "2025-008")
    assert job["state"] == "done", job["error"]
    assert job["percent"] == 100 and job["text"] == "RIV: compleet"
    assert job["riv"]["complete"] is True and job["files"] == ["RIV 2025-008.pdf", "Inhoud.docx", "riv.json",
                                                              "Hiaten.txt"]
    pdf = client.get("/api/cases/2025-008/riv/RIV 2025-008.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    folder = example_copy["out"] / "2025-008 Sanne Verbeek RIV"
    assert pdf.content == (folder / "RIV 2025-008.pdf").read_bytes()
    assert len(PdfReader(folder / "RIV 2025-008.pdf").pages) > 20
    docx = client.get("/api/cases/2025-008/riv/Inhoud.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    existing = client.get("/api/cases/2025-008/riv").json()
    assert existing["riv"] == json.loads((folder / "riv.json").read_text(encoding="utf-8"))
    assert existing["text"] == "RIV: compleet"


def test_riv_job_never_overwrites_without_force(client, example_copy):
    build(client, "2026-005")
    again = build(client, "2026-005")
    assert again["state"] == "error" and "bestaat al" in again["error"]
    forced = build(client, "2026-005", force=True)
    assert forced["state"] == "done" and forced["riv"]["complete"] is False


@pytest.mark.parametrize("name", ["..%2F..%2Fcasussen.xlsx", "%2Fetc%2Fpasswd", "CON", ".hidden", "other.pdf"])
def test_riv_downloads_are_the_bundles_own_files_only(client, name):
    response = client.get(f"/api/cases/2025-008/riv/{name}")
    assert response.status_code in (400, 404)


def test_unknown_case_and_unknown_job(client):
    assert client.get("/api/cases/9999-999/riv").json() == {"riv": None, "files": [], "text": ""}
    assert client.get("/api/riv/jobs/nothing").status_code == 404
    job = build(client, "9999-999")
    assert job["state"] == "error" and "niet gevonden" in job["error"]


def test_cases_list_says_each_rivs_state(client):
    rows = {r["case"]: r for r in client.get("/api/cases").json()}
    assert rows["2025-008"]["riv"] == {"complete": True, "gaps": 0, "due": "2026-11-29"}
    assert rows["2025-001"]["riv"]["gaps"] > 0 and rows["2025-001"]["riv"]["due"] == "2026-10-11"
    assert rows["2026-006"]["riv"] is None       # recovered: no RIV to make


# --- in the browser ------------------------------------------------------------------------------

try:
    import playwright  # noqa: F401
    HAVE_PLAYWRIGHT = True
except ImportError:
    HAVE_PLAYWRIGHT = False
    if os.environ.get("CI"):
        raise


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1360, "height": 900}, "locale": "nl-NL"}


@pytest.fixture
def app(page, live_server):
    if not HAVE_PLAYWRIGHT:
        pytest.skip("playwright is not installed")
    problems = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url)
               else route.abort())
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}/?token={TOKEN}")
    yield page
    assert problems == []


def test_case_page_builds_the_riv_with_progress(app, live_server, artifacts):
    page = app
    page.goto(f"{live_server.url}/cases/2025-001")
    page.click("#riv-build")
    page.wait_for_selector("#riv-progress:not([hidden])")
    page.wait_for_selector("#riv-result:not([hidden])", timeout=180_000)
    assert page.inner_text("#riv-state").startswith("RIV: ") and "hiaten" in page.inner_text("#riv-state")
    assert page.locator("#riv-files a", has_text="RIV 2025-001.pdf").count() == 1
    assert page.locator("#riv-files a", has_text="Inhoud.docx").count() == 1
    gaps = page.locator("#riv-gaps li")
    assert gaps.count() >= 5 and "Actueel oordeel van de bedrijfsarts: " in page.inner_text("#riv-gaps")
    page.locator("#riv").screenshot(path=str(artifacts / "case-riv.png"))
    page.reload()                                   # the built RIV is offered again after a reload
    page.wait_for_selector("#riv-result:not([hidden])")
    assert page.locator("#riv-files a").count() == 4


def test_cases_filter_week_91_near_and_gaps(app, artifacts):
    page = app
    page.select_option("#f-riv", "8")
    shown = {row.get_attribute("data-case") for row in page.locator("#cases tbody tr:not([hidden])").all()}
    # 2025-001 and 2025-004 passed week 91 with gaps; 2025-008 is due in days but complete.
    assert shown == {"2025-001", "2025-004"}
    page.screenshot(path=str(artifacts / "cases-riv-filter.png"), full_page=True)
    page.select_option("#f-riv", "")
    assert page.locator("#cases tbody tr:not([hidden])").count() == 8
