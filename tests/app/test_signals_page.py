"""The signals page against the real server: this week's signal per casemanager as a preview (a dry
run that writes nothing), sending only after an explicit confirmation, the .ics per casemanager,
and the last scheduled run; and the same walk in Debian's Chromium, with a screenshot."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import httpx
import icalendar
import pytest

from plugin.schedule.runlog import RunRecord, append, log_path

from .app_helpers import TOKEN, LiveServer, copy_examples, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
AS_OF = dt.date(2026, 5, 18)


def _without_casemanager_addresses(workbook) -> None:
    """The example workbook holds every casemanager's address; here they come from the profiles file
    (Ellen de Wit), and James O'Neill has none, so the page must list him."""
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    sheet = book["Casussen"]
    column = next(cell.column for cell in sheet[1] if cell.value == "E-mail casemanager")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=column).value = None   # cell(value=None) would leave it as it is
    book.save(workbook)


def start_server(folder):
    paths = copy_examples(folder)
    _without_casemanager_addresses(paths["workbook"])
    profiles = paths["workbook"].parent / "profielen.toml"
    profiles.write_text('[casemanagers."Ellen de Wit"]\nemail = "ellen@bureau.example"\n', encoding="utf-8")
    append(log_path(paths["workbook"]), RunRecord("signals", "2026-W20", "2026-05-11T08:00:00", "2026-05-11T08:00:09",
                                                  1, {"sent": 5, "skipped": 1}, {"geen adres": 1}))
    server = LiveServer(replace(make_settings(paths), profiles=profiles, as_of=AS_OF)).start()
    server.paths = paths
    return server


@pytest.fixture(scope="module")
def signals_server(tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("signals"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client(signals_server):
    with httpx.Client(base_url=signals_server.url, timeout=120) as c:
        yield c


def test_the_page_needs_the_token(client):
    assert client.get("/signals").status_code == 401
    assert client.get("/signals/calendar.ics").status_code == 401
    assert client.post("/signals/send", json={"confirm": True}).status_code in (401, 403)


def test_preview_shows_each_casemanagers_signal_and_writes_nothing(client, signals_server):
    response = client.get("/signals", headers=AUTH)
    assert response.status_code == 200
    page = response.text
    assert "Ellen de Wit" in page and "ellen@bureau.example" in page and "WVP-termijnen week 21" in page
    assert "James O&#39;Neill" in page and 'id="no-address"' in page      # no address: listed, not dropped
    assert "laatste run: 11-05 08:00, 5 verzonden, 1 overgeslagen: geen adres" in page
    assert not (signals_server.paths["outbox"] / "2026-W21").exists()
    assert not signals_server.paths["workbook"].with_name("casussen.signals.sqlite").exists()


def test_sending_needs_a_confirmation_and_goes_once(client, signals_server):
    origin = {**AUTH, "Origin": signals_server.url}
    assert client.post("/signals/send", json={"weeks": 3}, headers=origin).status_code == 400
    foreign = {**origin, "Origin": "https://elders.example"}
    assert client.post("/signals/send", json={"weeks": 3, "confirm": True}, headers=foreign).status_code == 403
    assert client.post("/signals/send", json={"weeks": 99, "confirm": True}, headers=origin).status_code == 400
    response = client.post("/signals/send", json={"weeks": 3, "confirm": True}, headers=origin)
    assert response.status_code == 200 and response.json()["counts"] == {"sent": 1, "skipped": 1}
    files = list((signals_server.paths["outbox"] / "2026-W21").glob("*.eml"))
    assert [f.name for f in files] == ["2026-W21 ellen@bureau.example.eml"]
    again = client.post("/signals/send", json={"weeks": 3, "confirm": True}, headers=origin).json()
    assert any("deze week al verzonden" in r["reason"] for r in again["results"])
    assert len(list((signals_server.paths["outbox"] / "2026-W21").glob("*.eml"))) == 1


def test_the_calendar_per_casemanager_downloads(client):
    response = client.get("/signals/calendar.ics", params={"casemanager": "Ellen de Wit"}, headers=AUTH)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    assert "attachment" in response.headers["content-disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    cases = {str(e["SUMMARY"]).split(" · ")[1].split()[0] for e in calendar.walk("VEVENT")}
    assert cases and "2025-003" not in cases                 # James O'Neill's case is not Ellen's
    everything = icalendar.Calendar.from_ical(client.get("/signals/calendar.ics", headers=AUTH).content)
    assert len(everything.walk("VEVENT")) > len(calendar.walk("VEVENT"))
    assert client.get("/signals/calendar.ics", params={"casemanager": "Niemand"}, headers=AUTH).status_code == 404


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1360, "height": 900}, "locale": "nl-NL"}


def test_walk_the_signals_page_in_chromium(page, tmp_path, artifacts):
    """Preview, confirm, send, in Debian's Chromium (pytest-playwright's page, tests/app/conftest.py)."""
    server = start_server(tmp_path / "walk")
    try:
        outside, problems = [], []

        def fence(route):
            if route.request.url.startswith(server.url):
                return route.continue_()
            outside.append(route.request.url)
            return route.abort()

        page.route("**/*", fence)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{server.url}/?token={TOKEN}")
        page.click("nav >> text=Termijnsignalen")
        page.wait_for_selector("#signals")
        assert page.locator("#signals tr.mail-would_send").count() == 1
        assert page.locator("#no-address li").count() == 1                    # James O'Neill: no address
        assert page.locator("#runs li").count() == 1 and page.locator("#calendars a[download]").count() == 3
        assert "Beste Ellen de Wit" in page.locator("#signals details .signal-body").first.inner_text()
        page.screenshot(path=str(artifacts / "signals-preview.png"), full_page=True)
        outbox = server.paths["outbox"] / "2026-W21"
        assert not outbox.exists()                                          # a preview writes nothing
        page.click("#signals-send-button")                                  # the confirmation is not ticked
        assert not outbox.exists()
        page.check("input[name=confirm]")
        page.click("#signals-send-button")
        page.wait_for_selector("#signals-sent")
        assert [f.name for f in outbox.glob("*.eml")] == ["2026-W21 ellen@bureau.example.eml"]
        assert page.locator("#history tbody tr").count() == 1
        page.screenshot(path=str(artifacts / "signals-sent.png"), full_page=True)
        assert outside == [] and problems == []
    finally:
        server.stop()


def test_the_cases_page_offers_each_casemanagers_calendar(client):
    """The .ics per casemanager is a download on the cases page too (issue 20)."""
    page = client.get("/", headers=AUTH).text
    assert 'href="/signals/calendar.ics?casemanager=Ellen%20de%20Wit"' in page
    assert 'href="/signals/calendar.ics?casemanager=James%20O%27Neill"' in page
    feed = client.get("/signals/calendar.ics?casemanager=James O'Neill", headers=AUTH)
    assert feed.status_code == 200
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert events and all("2025-003" in str(e.get("SUMMARY")) for e in events)
