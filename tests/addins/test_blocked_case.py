"""A case the workbook blocks (an error on its row): the panes say where the error is."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from conftest import cases_sheet, minimal_case, write_workbook

pytestmark = pytest.mark.slow


@pytest.fixture
def workbook_source(tmp_path):
    good = minimal_case(Casusnummer="C-1", **{"Naam werknemer": "Jan Jansen"})
    bad = minimal_case(Casusnummer="C-2", **{"Naam werknemer": "Els Bos", "Eerste ziektedag": "gisteren ofzo"})
    return write_workbook(tmp_path / "blocked.xlsx", {"Casussen": cases_sheet(good, bad)})


def test_word_pane_names_the_workbook_error_of_a_blocked_case(open_pane):
    pane = open_pane("word.html", {"host": "Word", "displayLanguage": "nl-NL", "bodyText": ""})
    page = pane.page
    expect(page.locator("#case option")).to_have_count(3)
    page.select_option("#case", "C-2")
    expect(page.locator("#case-info .pw-error-line").first).to_contain_text("Eerste ziektedag")


def test_outlook_pane_names_the_workbook_error_instead_of_deadlines(open_pane):
    item = {"subject": "Verslag C-2", "from": {"displayName": "A", "emailAddress": "a@example.nl"}, "to": [],
            "date": dt.datetime(2026, 3, 2, 9).isoformat() + "Z", "messageId": "<x@y>", "body": "Verslag.",
            "attachments": []}
    pane = open_pane("outlook.html", {"host": "Outlook", "displayLanguage": "nl-NL", "item": item})
    page = pane.page
    expect(page.locator("#case-line")).to_contain_text("C-2")
    expect(page.locator("#deadlines .pw-error-line").first).to_contain_text("Eerste ziektedag")
