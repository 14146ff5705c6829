"""A task pane opened outside Word and Outlook, with Microsoft's real office.js (its onReady then
answers host null): the pane says where it belongs, offers no connect form, and takes the token
out of the address bar, as it also does inside Office (where office.js sets history.replaceState to null)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from addins.conftest import OFFICE_JS

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", ["word.html", "outlook.html"])
def test_outside_office_the_pane_says_so_and_offers_nothing(open_pane, server, name):
    pane = open_pane(name, None)
    page = pane.page
    expect(page.locator("#pw-outside")).to_be_visible()
    expect(page.locator("#pw-outside")).to_contain_text("werkt hier alleen als taakvenster in Word of Outlook")
    expect(page.locator("#pw-connect")).to_be_hidden()
    expect(page.locator("#pw-connect-button")).to_be_disabled()
    expect(page.locator("#pw-app")).to_be_hidden()
    assert page.evaluate("() => Office.onReady().then(i => i.host)") is None   # office.js itself, no host
    # The token left the address bar and was not kept: outside Office there is nothing to connect.
    assert "token" not in page.url
    assert page.evaluate("() => localStorage.getItem('poortwachter.token')") is None
    assert page.evaluate("() => history.replaceState") is None   # office.js's doing, which the pane works around
    pane.screenshot(f"outside-{name.split('.')[0]}.png")


def test_without_office_js_the_pane_says_that_instead(page, server, open_pane):
    def no_office(route):
        return route.fulfill(status=404, body="")

    pane = open_pane("word.html", None, token=None, address="about:blank")
    page.route(OFFICE_JS, no_office)   # added last: wins over the fence for office.js only
    pane.office_js.append(OFFICE_JS)
    page.goto(f"{server.url}/addin/word.html")
    expect(page.locator("#pw-outside")).to_contain_text("office.js kon niet worden geladen")
    expect(page.locator("#pw-connect-button")).to_be_disabled()
    pane.errors.clear()   # the browser reports the missing script as an error of the page


def test_inside_office_the_token_leaves_the_address_and_connects(open_pane, server):
    pane = open_pane("word.html", {"host": "Word", "displayLanguage": "nl-NL", "bodyText": ""},
                     address=f"{server.url}/addin/word.html?et=abc#token={server.token}&keep=1")
    page = pane.page
    expect(page.locator("#pw-status")).to_have_text("Verbonden")
    assert "token" not in page.url
    assert page.url.endswith("/addin/word.html?et=abc#keep=1")   # the rest stays
    assert page.evaluate("() => localStorage.getItem('poortwachter.token')") == server.token
