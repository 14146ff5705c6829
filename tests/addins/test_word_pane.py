"""The Word task pane in Debian's Chromium, served by the real app, with a stub Word."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from addins.conftest import REPO, b64

pytestmark = pytest.mark.slow

EMPTY = {"host": "Word", "displayLanguage": "nl-NL", "bodyText": ""}
PLAN = ("Plan van aanpak\nDatum: 3 maart 2025\nWerknemer: Fatima el Amrani\n"
        "Doelen: terugkeer in het eigen werk.\nActiviteiten: opbouw van de uren.\n"
        "Termijnen: uiterlijk 1 mei 2025.\nEvaluatie elke zes weken.\n")
WITH_TERM = PLAN + "Zij heeft een depressie; de depressie maakt lange dagen zwaar.\n"
CLEAN = PLAN + "Casemanager: Anna de Boer.\nZij kan vier uur per dag werken, met pauzes.\n"
DOCX = REPO / "examples" / "dossiers" / "2025-001 El Amrani" / "PvA El Amrani def.docx"


def test_pane_connects_and_lists_the_cases(open_pane):
    pane = open_pane("word.html", EMPTY)
    page = pane.page
    expect(page.locator("#pw-status")).to_have_text("Verbonden")
    expect(page.locator("#case option")).to_have_count(8)   # the placeholder and the seven workbook cases
    expect(page.locator("#doctype option[value='plan-van-aanpak']")).to_have_text("Plan van aanpak")


def test_connect_step_asks_for_the_token_and_keeps_it(open_pane, server):
    pane = open_pane("word.html", EMPTY, token=None)
    page = pane.page
    expect(page.locator("#pw-connect")).to_be_visible()
    expect(page.locator("#pw-app")).to_be_hidden()
    page.fill("#pw-token", "wrong-token")
    page.click("#pw-connect-button")
    expect(page.locator("#pw-connect-msg")).to_contain_text("token klopt niet")
    page.fill("#pw-token", f"https://127.0.0.1:8765/?token={server.token}")  # the whole printed link works too
    page.click("#pw-connect-button")
    expect(page.locator("#pw-status")).to_have_text("Verbonden")
    assert page.evaluate("() => localStorage.getItem('poortwachter.token')") == server.token
    page.goto(f"{server.url}/addin/word.html")  # no token in the address: the pane remembers it
    expect(page.locator("#pw-status")).to_have_text("Verbonden")
    assert "token" not in page.url
    page.click("#pw-forget")
    expect(page.locator("#pw-connect")).to_be_visible()
    assert page.evaluate("() => localStorage.getItem('poortwachter.token')") is None


def test_new_document_inserts_exactly_what_the_server_made(open_pane, server):
    pane = open_pane("word.html", EMPTY)
    page = pane.page
    expect(page.locator("#case option")).to_have_count(8)   # the placeholder and the seven workbook cases
    page.select_option("#case", "2025-004")   # no dossier folder: nothing of it exists yet
    page.select_option("#doctype", "plan-van-aanpak")
    expect(page.locator("#location")).to_have_value("Replace")  # an empty document is replaced
    page.click("#generate")
    expect(page.locator("#generate-msg")).to_have_class(re.compile("success"))
    written = list(server.out.glob("2025-004 */* Plan van aanpak.docx"))
    assert len(written) == 1
    first = written[0].read_bytes()
    assert pane.calls()["insert"] == [{"base64": b64(first), "location": "Replace"}]
    assert first[:2] == b"PK"
    expect(page.locator("#generate-msg")).to_contain_text(written[0].name)

    # The plan exists now and is made once: the server refuses, the pane says so and offers to make it again.
    page.select_option("#location", "End")
    page.click("#generate")
    expect(page.locator("#generate-msg")).to_contain_text("staat al in de uitvoermap")
    assert len(pane.calls()["insert"]) == 1
    page.click("#generate-force")
    expect(page.locator("#generate-msg")).to_have_class(re.compile("success"))
    inserts = pane.calls()["insert"]
    assert inserts[1] == {"base64": b64(written[0].read_bytes()), "location": "End"}
    pane.screenshot("word-new.png")


def test_new_document_says_it_is_in_the_dossier_and_what_to_know_when_made_anyway(open_pane, server):
    pane = open_pane("word.html", EMPTY)
    page = pane.page
    page.select_option("#case", "2026-005")
    page.select_option("#doctype", "plan-van-aanpak")
    page.click("#generate")
    expect(page.locator("#generate-msg")).to_contain_text("staat al in het dossier: 2026-005 Visser/Scan_0001.pdf")
    assert not pane.calls().get("insert")
    page.click("#generate-force")
    message = page.locator("#generate-msg")
    expect(message).to_have_class(re.compile("warning"))
    expect(message).to_contain_text("gedateerd op vandaag (16-03-2026): kolom 'Datum plan van aanpak' is leeg in de werkmap")


def test_check_shows_type_missing_parts_and_every_diagnosis_term(open_pane, server):
    pane = open_pane("word.html", {**EMPTY, "bodyText": WITH_TERM})
    page = pane.page
    expect(page.locator("#case option")).to_have_count(8)   # the placeholder and the seven workbook cases
    page.select_option("#case", "2025-001")
    page.click("#tab-check")
    expect(page.locator("#fact-type")).to_have_text("Plan van aanpak")
    expect(page.locator("#fact-date")).to_have_text("03-03-2025")
    terms = page.locator("#terms button.pw-term")
    expect(terms).to_have_count(2)
    expect(terms.nth(0)).to_have_text("depressie")
    expect(page.locator("#missing")).to_contain_text("casemanager")
    expect(page.locator("#check-calendar")).to_contain_text("Plan van aanpak: uiterlijk")
    expect(page.locator("#check-calendar")).to_contain_text("dit document is van 03-03-2025")
    pane.screenshot("word-check.png")

    terms.nth(0).click()
    terms.nth(1).click()
    expect(page.locator("#check-msg")).to_be_empty()
    page.wait_for_function("() => window.__calls.select.length === 2")
    assert pane.calls()["select"] == [{"term": "depressie", "index": 0}, {"term": "depressie", "index": 1}]

    # Live: the user rewrites the text; Word reports a selection change; the pane checks again.
    page.evaluate(f"() => {{ window.__setBodyText({CLEAN!r}); window.__fireSelectionChanged(); }}")
    expect(page.locator("#terms")).to_contain_text("Geen diagnosetermen gevonden.")
    expect(page.locator("#missing")).to_contain_text("Alle verplichte onderdelen lijken aanwezig.")
    expect(terms).to_have_count(0)


def test_save_into_the_dossier_by_our_convention_and_never_overwrite(open_pane, server):
    data = DOCX.read_bytes()
    config = {**EMPTY, "bodyText": CLEAN, "fileBase64": b64(data), "sliceSize": 4096,
              "properties": {"Casusnummer": "2025-001"}}
    pane = open_pane("word.html", config)
    page = pane.page
    expect(page.locator("#case")).to_have_value("2025-001")  # from the document's own Casusnummer
    page.click("#tab-save")
    expect(page.locator("#save-name")).to_have_value("2025-03-03 Plan van aanpak.docx")
    page.click("#save")
    expect(page.locator("#save-msg")).to_have_class(re.compile("success"))
    target = server.dossiers / "2025-001 El Amrani" / "2025-03-03 Plan van aanpak.docx"
    assert target.read_bytes() == data
    expect(page.locator("#save-msg")).to_contain_text(str(target))
    calls = pane.calls()
    assert calls["getFile"][0]["type"] == "compressed"
    assert {(p["key"], p["value"]) for p in calls["properties"]} == {
        ("Casusnummer", "2025-001"), ("Documenttype", "plan-van-aanpak"), ("Documentdatum", "2025-03-03")}
    pane.screenshot("word-save.png")

    page.click("#save")
    expect(page.locator("#save-msg")).to_have_class(re.compile("error"))
    expect(page.locator("#save-msg")).to_contain_text("bestaat al in het dossier")
    assert target.read_bytes() == data


def test_english_when_office_speaks_english(open_pane):
    pane = open_pane("word.html", {**EMPTY, "displayLanguage": "en-GB", "bodyText": CLEAN})
    page = pane.page
    expect(page.locator("#pw-status")).to_have_text("Connected")
    expect(page.locator("#tab-new")).to_have_text("New document")
    page.click("#tab-check")
    expect(page.locator("#terms")).to_contain_text("No diagnosis terms found.")
    expect(page.locator("#missing")).to_contain_text("All required parts seem present.")
    expect(page.locator("#fact-date")).to_have_text("3 Mar 2025")
    assert page.evaluate("() => document.documentElement.lang") == "en"


def test_token_in_the_query_also_connects_and_leaves_the_address(page, server, open_pane):
    # ?token= is traded by the app for a session cookie; the pane then works without storing a token.
    pane = open_pane("word.html", EMPTY, token=None)
    pane.page.goto(f"{server.url}/addin/word.html?token={server.token}")
    expect(pane.page.locator("#pw-status")).to_have_text("Verbonden")
    assert "token" not in pane.page.url


def test_internet_explorer_era_office_gets_a_clear_message(open_pane, page):
    page.add_init_script(script="window.fetch = undefined;")  # as in IE 11 (Office 2016/2019 on Windows)
    pane = open_pane("word.html", EMPTY)
    expect(pane.page.locator("#pw-connect")).to_contain_text("Internet Explorer")
    expect(pane.page.locator("#pw-app")).to_be_hidden()


def test_dates_against_the_calendar_late_plan_and_evaluation_window(open_pane):
    late_plan = PLAN.replace("Datum: 3 maart 2025", "Datum: 10 maart 2025")
    pane = open_pane("word.html", {**EMPTY, "bodyText": late_plan})
    page = pane.page
    expect(page.locator("#case option")).to_have_count(8)   # the placeholder and the seven workbook cases
    page.select_option("#case", "2025-001")
    page.click("#tab-check")
    calendar = page.locator("#check-calendar")
    expect(calendar).to_contain_text("Plan van aanpak: uiterlijk 03-03-2025")
    expect(calendar).to_contain_text("dit document is van 10-03-2025 \u2014 na de uiterste datum")
    expect(calendar).to_have_class(re.compile("warning"))

    evaluation = ("Evaluatie\nDatum: 11 april 2025\nVoortgang: goed. Afspraken nagekomen. Acties: uren uitbreiden.\n"
                  "Gesprek met werknemer en casemanager. Volgende evaluatie: 23 mei 2025.\n")
    page.evaluate(f"() => window.__setBodyText({evaluation!r})")
    page.click("#recheck")
    expect(page.locator("#fact-type")).to_have_text("Evaluatie")
    expect(calendar).to_contain_text("Evaluatie na 03-03-2025: uiterlijk 14-04-2025, gedaan op 11-04-2025")


def test_case_card_shows_the_verdict(open_pane, server, page):
    from addins.conftest import answer_with
    from addins.verdicts import BASIS_TEXT, ORDER, with_verdict

    answer_with(page, server, "/api/cases/2025-001", with_verdict("workbook"))
    pane = open_pane("word.html", EMPTY)
    expect(page.locator("#case option")).to_have_count(8)   # the placeholder and the seven workbook cases
    page.select_option("#case", "2025-001")
    box = page.locator("#case-verdict")
    expect(box.locator(".pw-verdict .pw-badge").first).to_have_text("te laat")
    expect(box).to_contain_text("3 fouten \u00b7 1 waarschuwing")
    expect(box.locator(".pw-late-count")).to_have_text("2 te laat")
    expect(box.locator(".pw-basis")).to_have_text(BASIS_TEXT)
    expect(box.locator("summary")).to_have_text(f"Open termijnen ({len(ORDER)})")
    assert box.locator("details").evaluate("d => d.open")   # something is late: open at once
    assert [t.split(" WVP")[0] for t in box.locator("li .pw-grow").all_inner_texts()] == ORDER
    expect(page.locator("#case-info .pw-badge")).to_have_count(0)   # one status: the verdict's
    pane.screenshot("word-verdict.png")


def test_case_card_without_a_verdict_shows_the_list_status(open_pane, server, page):
    from addins.conftest import answer_with
    from addins.verdicts import without_verdict

    answer_with(page, server, "/api/cases/2025-003", without_verdict)
    open_pane("word.html", EMPTY)
    expect(page.locator("#case option")).to_have_count(8)   # the placeholder and the seven workbook cases
    page.select_option("#case", "2025-003")
    expect(page.locator("#case-info .pw-badge")).to_have_count(1)
    expect(page.locator("#case-info")).to_contain_text("volgende:")
    expect(page.locator("#case-verdict")).to_be_empty()
