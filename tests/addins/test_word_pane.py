"""The Word task pane in Debian's Chromium, served by the real app, with a stub Word."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import expect

from addins.conftest import b64

pytestmark = pytest.mark.slow

EMPTY = {"host": "Word", "displayLanguage": "nl-NL", "bodyText": ""}


def test_pane_connects_and_lists_the_cases(open_pane):
    pane = open_pane("word.html", EMPTY)
    page = pane.page
    expect(page.locator("#pw-status")).to_have_text("Verbonden")
    options = page.locator("#case option")
    expect(options).to_have_count(7)
    expect(page.locator("#doctype option[value='plan-van-aanpak']")).to_have_text("Plan van aanpak")
