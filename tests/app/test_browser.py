"""A walk through the app in Debian's Chromium, driven by Playwright, against the real server.

Cases page -> case page with its timeline -> generate a document -> a check run -> the
mail-out preview and send (to the outbox). Screenshots of each page go to tests/app/artifacts/.
"""

from __future__ import annotations

import os
import re

import pytest

from .app_helpers import AS_OF, TOKEN

try:
    import playwright  # noqa: F401 - pytest-playwright drives it; part of the [test] extra
except ImportError:
    if os.environ.get("CI"):   # in CI the browser tests must run, never skip quietly
        raise
    pytest.skip("playwright is not installed: pip install -e '.[test]'", allow_module_level=True)
VIEWPORT = {"width": 1360, "height": 900}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": VIEWPORT, "accept_downloads": True, "locale": "nl-NL"}


@pytest.fixture
def app(page, live_server):
    """A page logged in with the token (the link `serve` opens), with every request to elsewhere refused."""
    outside = []

    def fence(route):
        if route.request.url.startswith(live_server.url):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    page.route("**/*", fence)
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}/?token={TOKEN}")
    yield page
    assert outside == [], f"the app loaded something from elsewhere: {outside}"
    # No script error and no Content-Security-Policy violation (the 409 of "bestaat al" is expected).
    assert [p for p in problems if "409" not in p] == []


def test_walk_cases_case_generate(app, live_server, example_copy, artifacts):
    page = app
    assert page.url == f"{live_server.url}/"                       # the token left the address bar
    rows = page.locator("#cases tbody tr")
    assert rows.count() == 8      # seven workbook cases and the folder '2026-007 Jansen' no row describes
    late = page.locator("#cases tbody tr[data-status=late]")
    assert late.count() >= 1
    page.screenshot(path=str(artifacts / "cases.png"), full_page=True)
    page.screenshot(path=str(artifacts / "cases-top.png"), clip={"x": 0, "y": 0, "width": 1360, "height": 430})

    page.select_option("#f-status", "late")
    assert page.locator("#cases tbody tr:not([hidden])").count() == late.count()
    page.select_option("#f-status", "")
    page.fill("#q", "de vries")
    assert page.locator("#cases tbody tr:not([hidden])").count() == 1
    page.click("#cases th:nth-child(6)")                            # sort by week
    page.fill("#q", "")

    page.click("text=2025-002")
    page.wait_for_url(re.compile(r"/cases/2025-002$"))
    assert page.locator(".timeline-box svg").is_visible()
    assert page.locator(".timeline-box svg .mark").count() >= 10
    assert page.locator("svg .mark-overdue").count() >= 1          # De Vries has a late milestone
    assert page.locator("#calendar tbody tr").count() == 11
    assert page.locator("#findings table tbody tr").count() >= 1
    page.screenshot(path=str(artifacts / "case.png"), full_page=True)

    # An evaluation: De Vries's one-off documents are in the dossier and are not made again.
    page.select_option("#doc-type", "evaluatie")
    page.fill("#generate-form input[name=date]", "2025-09-12")
    with page.expect_download() as download_info:
        page.click("#generate-form button")
    download = download_info.value
    assert download.suggested_filename == "2025-09-12 Evaluatie.docx"
    target = example_copy["out"] / "2025-002 Pieter de Vries" / "2025-09-12 Evaluatie.docx"
    page.wait_for_selector("#generate-result.ok")
    assert str(target) in page.inner_text("#generate-result")
    assert target.read_bytes() == open(download.path(), "rb").read()
    assert page.locator("#generated a", has_text="2025-09-12 Evaluatie.docx").count() == 1
    page.click("#generate-form button")                            # again: not overwritten
    page.wait_for_selector("#generate-result.bad")
    assert "bestaat al" in page.inner_text("#generate-result")
    page.screenshot(path=str(artifacts / "case-generated.png"))


def test_case_page_names_the_plan_in_the_dossier_and_the_notes_of_one_made_anyway(app, live_server):
    page = app
    page.goto(f"{live_server.url}/cases/2026-005")
    page.select_option("#doc-type", "plan-van-aanpak")
    page.click("#generate-form button")
    page.wait_for_selector("#generate-result.bad")
    assert "staat al in het dossier: 2026-005 Visser/Scan_0001.pdf (12-11-2026)" in page.inner_text("#generate-result")
    page.check("#generate-form input[name=force]")
    with page.expect_download():
        page.click("#generate-form button")
    page.wait_for_selector("#generate-result.warn")
    said = page.inner_text("#generate-result")
    assert f"gedateerd op vandaag ({AS_OF:%d-%m-%Y}): kolom 'Datum plan van aanpak' is leeg" in said
    assert "komt na de uiterlijke datum 16-11-2026" in said


def _verdicts(page, selector: str) -> dict[str, tuple]:
    return {row.get_attribute("data-case"): (row.get_attribute("data-status"), row.get_attribute("data-errors"),
                                             row.get_attribute("data-warnings"))
            for row in page.locator(selector).all()}


def test_list_case_page_and_check_agree_on_every_case(app, live_server, artifacts):
    """One verdict: the cases list, each case page and the check page show the same status and counts."""
    page = app
    listed = _verdicts(page, "#cases tbody tr")
    assert len(listed) == 8 and listed["2026-007"][0] == "late"
    assert listed["2026-006"][0] == "closed" and listed["2026-006"][1] == "2"   # closed, yet its errors are counted
    for case_id, expected in listed.items():
        page.goto(f"{live_server.url}/cases/{case_id}")
        assert _verdicts(page, "#verdict") == {case_id: expected}
        if case_id == "2025-003":
            page.screenshot(path=str(artifacts / "case-verdict.png"), full_page=False)
    page.goto(f"{live_server.url}/check")
    page.click("#start-check")
    page.wait_for_selector("#check-result", timeout=240_000)
    assert _verdicts(page, "#check-result tr[data-case]") == listed
    page.screenshot(path=str(artifacts / "check-verdicts.png"), full_page=True)


def test_walk_check(app, live_server, example_copy, artifacts):
    from plugin.check.run import check_dossiers
    from plugin.workbook.load import load_workbook

    expected = len(check_dossiers(example_copy["dossiers"], load_workbook(example_copy["workbook"]), AS_OF).cases)
    page = app
    page.click("nav >> text=Dossiercheck")
    page.click("#start-check")
    page.wait_for_selector("#check-progress:not([hidden])")
    page.wait_for_selector("#check-result", timeout=240_000)
    assert page.locator("#check-result table").first.locator("tbody tr").count() == expected
    assert page.locator("#check-result .badge.sev-error").count() >= 1
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / "check.png"), full_page=True)
    with page.expect_download() as download_info:
        page.click("text=Downloaden docx")
    assert download_info.value.suggested_filename.endswith(".docx")


def test_walk_mailout_preview_and_send(app, live_server, example_copy, artifacts):
    page = app
    page.click("nav >> text=Mail-out")
    page.fill("input[name=month]", "2026-03")
    page.click("#preview-button")
    page.wait_for_selector("#preview table")
    planned = page.locator("#preview tr.mail-would_send").count()
    assert planned >= 1
    assert not (example_copy["outbox"] / "2026-03").exists()       # a preview sends and writes nothing
    page.screenshot(path=str(artifacts / "mailout-preview.png"), full_page=True)

    page.click("#send-button")
    assert page.locator("#confirm").is_visible()                   # an explicit confirmation first
    page.click("#cancel-send")
    assert not (example_copy["outbox"] / "2026-03").exists()
    assert page.locator("#send-button").is_visible() and not page.locator("#confirm").is_visible()
    page.click("#send-button")
    assert not page.locator("#send-button").is_visible()           # hidden while the confirmation shows
    page.click("#confirm-send")
    page.wait_for_selector("#sent-note")
    assert str(planned) in page.inner_text("#sent-note")
    assert len(list((example_copy["outbox"] / "2026-03").glob("*.eml"))) == planned
    # No reload needed: the preview no longer says "zou gaan" and the history shows what was sent.
    assert page.locator("#preview tr.mail-would_send").count() == 0
    assert page.locator("#history tbody tr").count() >= planned
    assert "Nog niets verzonden" not in page.inner_text("#history")
    page.screenshot(path=str(artifacts / "mailout-sent.png"), full_page=True)


def test_english(app, live_server, artifacts):
    page = app
    page.goto(f"{live_server.url}/?lang=en")
    assert page.locator("nav").inner_text().startswith("Cases")
    page.goto(f"{live_server.url}/cases/2025-003")
    assert "Timeline" in page.inner_text("main")
    page.screenshot(path=str(artifacts / "case-en.png"), full_page=True)
