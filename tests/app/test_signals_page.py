"""The signals page against the real server: this week's signal per casemanager as a preview (a dry
run that writes nothing), sending only after an explicit confirmation, the .ics per casemanager,
and the last scheduled run; and the same walk in Debian's Chromium, with a screenshot."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace

import httpx
import icalendar
import pytest

from plugin.schedule.runlog import RunRecord, append, log_path

from .app_helpers import TOKEN, LiveServer, copy_examples, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
AS_OF = dt.date(2026, 5, 18)


@pytest.fixture(scope="module")
def signals_server(tmp_path_factory):
    paths = copy_examples(tmp_path_factory.mktemp("signals"))
    profiles = paths["workbook"].parent / "profielen.toml"
    profiles.write_text('[casemanagers."Ellen de Wit"]\nemail = "ellen@bureau.example"\n', encoding="utf-8")
    append(log_path(paths["workbook"]), RunRecord("signals", "2026-W20", "2026-05-11T08:00:00", "2026-05-11T08:00:09",
                                                  1, {"sent": 5, "skipped": 1}, {"geen adres": 1}))
    server = LiveServer(replace(make_settings(paths), profiles=profiles, as_of=AS_OF)).start()
    server.paths = paths
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client(signals_server):
    with httpx.Client(base_url=signals_server.url, timeout=120) as c:
        yield c


def test_the_page_needs_the_token(client):
    assert client.get("/signals").status_code == 401
    assert client.get("/signals/calendar.ics").status_code == 401
    assert client.post("/signals/send", content="confirm=ja").status_code in (401, 403)


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
    origin = {**AUTH, "Origin": signals_server.url, "Content-Type": "application/x-www-form-urlencoded"}
    assert client.post("/signals/send", content="weeks=3", headers=origin).status_code == 400
    foreign = {**origin, "Origin": "https://elders.example"}
    assert client.post("/signals/send", content="weeks=3&confirm=ja", headers=foreign).status_code == 403
    response = client.post("/signals/send", content="weeks=3&confirm=ja", headers=origin)
    assert response.status_code == 200 and "mail-sent" in response.text
    files = list((signals_server.paths["outbox"] / "2026-W21").glob("*.eml"))
    assert [f.name for f in files] == ["2026-W21 ellen@bureau.example.eml"]
    again = client.post("/signals/send", content="weeks=3&confirm=ja", headers=origin)
    assert "deze week al verzonden" in again.text
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


def test_walk_the_signals_page_in_chromium(signals_server, tmp_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright is not installed")
    from .app_helpers import ARTIFACTS, BROWSER_ARGS, find_chromium

    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium niet gevonden: bash tests/setup_system.sh installeert chromium-headless-shell")
        pytest.skip("Chromium niet gevonden")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="nl-NL")
        page.goto(f"{signals_server.url}/?token={TOKEN}")
        page.click("nav >> text=Termijnsignalen")
        page.wait_for_selector("#calendars")
        assert page.locator("#runs li").count() == 1
        assert page.locator("#calendars a[download]").count() >= 3
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "signals.png"), full_page=True)
        browser.close()
