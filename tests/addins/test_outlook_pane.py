"""The Outlook task pane (read mode) in Debian's Chromium, served by the real app, with a stub mailbox."""

from __future__ import annotations

import email
import email.policy
import re

import pytest
from playwright.sync_api import expect

from addins.conftest import REPO, b64

pytestmark = pytest.mark.slow

DOSSIER = REPO / "examples" / "dossiers" / "2025-001 El Amrani"
PDF = (DOSSIER / "Ontvangstbevestiging 42e weeksmelding UWV.pdf").read_bytes()
UWV = {"displayName": "UWV Werkgeversservice", "emailAddress": "noreply@uwv.example"}
ME = [{"displayName": "Casemanager", "emailAddress": "cm@bureau.example"}]


def mail(subject: str, body: str, attachments=(), **extra) -> dict:
    item = {"subject": subject, "from": UWV, "to": ME, "date": "2025-11-04T09:15:00Z",
            "messageId": "<test-1@uwv.example>", "body": body, "attachments": list(attachments)}
    item.update(extra)
    return item


def config(item: dict, language: str = "nl-NL", version: str = "1.8") -> dict:
    return {"host": "Outlook", "displayLanguage": language, "mailboxVersion": version, "item": item}


def new_files(folder, before: set) -> list:
    return sorted(p for p in folder.iterdir() if p.name not in before)


def test_tied_by_case_number_evidence_deadlines_and_save(open_pane, server):
    pdf = {"name": "Ontvangstbevestiging 42e weeksmelding UWV.pdf", "contentType": "application/pdf", "base64": b64(PDF)}
    item = mail("Casus 2025-001: ontvangstbevestiging ziekmelding", "Geachte heer, mevrouw,\n\nIn de bijlage de "
                "bevestiging.\n\nMet vriendelijke groet,\nUWV", [pdf])
    pane = open_pane("outlook.html", config(item))
    page = pane.page
    expect(page.locator("#case-line")).to_contain_text("2025-001")
    expect(page.locator("#case-line")).to_contain_text("Fatima el Amrani")
    expect(page.locator("#case-why")).to_have_text("Gekoppeld op het casusnummer in het onderwerp of de tekst.")
    evidence = page.locator("#evidence")
    expect(evidence).to_contain_text("42e-weekmelding")
    expect(evidence).to_contain_text("42e-weekmelding aan UWV: bevestigd op")
    expect(page.locator("#deadlines li").first).to_be_visible()
    expect(page.locator("#deadlines")).to_contain_text("Einde wachttijd")  # all else done in the example
    expect(page.locator("#save-att-0")).to_be_checked()   # an attachment that is evidence is chosen
    pane.screenshot("outlook-case.png")
    assert pane.calls()["attachments"] == ["att0"]

    folder = server.dossiers / "2025-001 El Amrani"
    before = {p.name for p in folder.iterdir()}
    page.click("#save")
    expect(page.locator("#save-results li.pw-ok-line")).to_have_count(2)
    saved = sorted(new_files(folder, before), key=lambda p: p.suffix)
    assert [p.suffix for p in saved] == [".eml", ".pdf"]
    eml, pdf_file = saved
    # UWV's sign-off plus the subject it confirms: the message itself is the 42e-weekmelding (issue 21)
    assert re.fullmatch(r"2025-11-04 42e-weekmelding - Casus 2025-001_ ontvangstbevestiging ziekmelding\.eml", eml.name)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} 42e-weekmelding\.pdf", pdf_file.name)
    assert pdf_file.read_bytes() == PDF
    # No getAsFileAsync before Mailbox 1.14: the message is rebuilt from the item, byte-exact where it matters.
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == item["subject"]
    assert "noreply@uwv.example" in message["From"] and "cm@bureau.example" in message["To"]
    assert message["Message-ID"] == "<test-1@uwv.example>"
    assert message["Date"].datetime.isoformat() == "2025-11-04T09:15:00+00:00"
    assert "In de bijlage de bevestiging." in message.get_body(("plain",)).get_content()
    parts = list(message.iter_attachments())
    assert [p.get_filename() for p in parts] == [pdf["name"]]
    assert parts[0].get_content() == PDF
    assert pane.calls()["getAsFile"] == 0

    # Again: nothing is overwritten, and the pane shows the server's refusal for each file.
    page.click("#save")
    expect(page.locator("#save-results li")).to_have_count(2)
    expect(page.locator("#save-results")).to_contain_text("bestaat al in het dossier")
    expect(page.locator("#save-results li.pw-ok-line")).to_have_count(0)
    assert sorted(new_files(folder, before), key=lambda p: p.suffix) == saved and pdf_file.read_bytes() == PDF


def test_tied_by_name_and_saved_as_the_original_file(open_pane, server):
    original = (b"From: UWV <noreply@uwv.example>\r\nTo: cm@bureau.example\r\nSubject: Gesprek Pieter de Vries\r\n"
                b"Date: Tue, 04 Nov 2025 09:15:00 +0000\r\n\r\nVerslag van het gesprek met Pieter de Vries.\r\n")
    item = mail("Gesprek Pieter de Vries", "Verslag van het gesprek met Pieter de Vries.", emlBase64=b64(original))
    pane = open_pane("outlook.html", config(item, version="1.14"))
    page = pane.page
    expect(page.locator("#case-line")).to_contain_text("2025-002")
    expect(page.locator("#case-why")).to_have_text("Gekoppeld op de naam van de werknemer in het onderwerp of de tekst.")
    folder = server.dossiers / "2025-002 De Vries"
    before = {p.name for p in folder.iterdir()}
    page.click("#save")
    expect(page.locator("#save-results li.pw-ok-line")).to_have_count(1)
    (saved,) = new_files(folder, before)
    assert saved.read_bytes() == original   # item.getAsFileAsync (Mailbox 1.14): the message as Outlook has it
    assert pane.calls()["getAsFile"] == 1


def test_tied_by_nothing_lets_the_user_choose_the_case(open_pane, server):
    item = mail("Nieuwsbrief november", "Het laatste nieuws over verzuim in het algemeen.")
    pane = open_pane("outlook.html", config(item))
    page = pane.page
    expect(page.locator("#case-why")).to_have_text("Niet gekoppeld: geen casusnummer of naam uit de werkmap gevonden.")
    expect(page.locator("#case-pick")).to_be_visible()
    expect(page.locator("#evidence")).to_contain_text("Geen WVP-document herkend")
    expect(page.locator("#deadlines")).to_contain_text("Kies eerst de casus.")
    page.click("#save")
    expect(page.locator("#save-msg")).to_have_text("Kies eerst de casus.")
    page.select_option("#case", "2025-003")
    expect(page.locator("#deadlines li").first).not_to_contain_text("Kies eerst")
    folder = server.dossiers / "Thompson 2025-003"
    before = {p.name for p in folder.iterdir()}
    page.click("#save")
    expect(page.locator("#save-results li.pw-ok-line")).to_have_count(1)
    (saved,) = new_files(folder, before)
    assert saved.name == "2025-11-04 E-mail - Nieuwsbrief november.eml"


def test_english_and_no_diagnosis_in_file_names(open_pane, server):
    item = mail("Case 2025-003: update on the depression", "Sarah will work four hours a day.")
    pane = open_pane("outlook.html", config(item, language="en-US"))
    page = pane.page
    expect(page.locator("#case-why")).to_have_text("Tied by the case number in the subject or text.")
    expect(page.locator("#pw-app h2").first).to_have_text("Case")
    expect(page.locator("#deadlines")).to_contain_text("Evaluation")
    expect(page.locator("#deadlines")).to_contain_text("Week-42 notification to UWV")
    expect(page.locator("#deadlines")).not_to_contain_text("Choose the case first.")
    expect(page.locator("#name-message")).to_have_text("2025-11-04 E-mail.eml")  # the subject names a diagnosis
    pane.screenshot("outlook-en.png")


def test_rebuilt_message_keeps_non_ascii_names_and_bytes(open_pane):
    """The .eml the pane builds when Outlook cannot give the original: accents, long lines, binary."""
    item = mail("Gesprek", "x")
    pane = open_pane("outlook.html", config(item))
    page = pane.page
    expect(page.locator("#save-message")).to_be_visible()
    blob = bytes(range(256)) * 40
    eml = page.evaluate("""([data]) => PW.buildEml({
        from: {displayName: "Zoë de Wit-Ağaoğlu", emailAddress: "zoe@example.nl"},
        to: [{displayName: "Casemanager", emailAddress: "cm@example.nl"}], cc: [],
        subject: "Verslag café \u2014 afspraken (1/2)", date: new Date("2026-01-05T08:00:00Z"),
        messageId: "<abc@example.nl>", body: "Eerste regel\\nTweede regel met ë en \u20ac"},
        [{name: "Bevestiging ë (def).pdf", contentType: "application/pdf", base64: data}])""", [b64(blob)])
    message = email.message_from_bytes(eml.encode("ascii"), policy=email.policy.default)
    assert message["Subject"] == "Verslag café \u2014 afspraken (1/2)"
    assert message["From"].addresses[0].display_name == "Zoë de Wit-Ağaoğlu"
    assert message["Date"].datetime.isoformat() == "2026-01-05T08:00:00+00:00"
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == "Eerste regel\nTweede regel met ë en \u20ac"
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "Bevestiging ë (def).pdf"
    assert attachment.get_content() == blob
    assert max(len(line) for line in eml.split("\r\n")) <= 998   # RFC 5322 line limit


def test_attachment_names_with_a_diagnosis_stay_out_and_same_names_get_a_number(open_pane, server):
    note = {"name": "Notities burn-out.txt", "contentType": "text/plain", "base64": b64(b"Gesprek gehad.")}
    copies = [{"name": f"UWV bevestiging {n}.pdf", "contentType": "application/pdf", "base64": b64(PDF)} for n in (1, 2)]
    item = mail("Casus 2025-001 stukken", "Zie bijlagen.", [note, *copies])
    pane = open_pane("outlook.html", config(item))
    page = pane.page
    expect(page.locator("#save-items")).to_contain_text("\u2192 2025-11-04 Bijlage 1.txt")
    expect(page.locator("#save-att-1")).to_be_checked()
    expect(page.locator("#save-att-2")).to_be_checked()
    page.check("#save-att-0")
    page.uncheck("#save-message")
    folder = server.dossiers / "2025-001 El Amrani"
    before = {p.name for p in folder.iterdir()}
    page.click("#save")
    expect(page.locator("#save-results li.pw-ok-line")).to_have_count(3)
    names = sorted(p.name for p in new_files(folder, before))
    assert names == ["2025-11-03 42e-weekmelding (2).pdf", "2025-11-03 42e-weekmelding.pdf", "2025-11-04 Bijlage 1.txt"]
    assert not any("burn" in n for n in names)


def _case_mail() -> dict:
    return mail("Casus 2025-001: verslag", "Verslag van het gesprek.")


def test_deadlines_come_from_the_case_verdict(open_pane, server, page):
    from addins.conftest import answer_with
    from addins.verdicts import BASIS_TEXT, ORDER, with_verdict

    answer_with(page, server, "/api/cases/2025-001", with_verdict("workbook"))
    pane = open_pane("outlook.html", config(_case_mail()))
    summary = page.locator("#verdict")
    expect(summary.locator(".pw-badge").first).to_have_text("te laat")
    expect(summary).to_contain_text("3 fouten \u00b7 1 waarschuwing")
    expect(summary.locator(".pw-late-count")).to_have_text("2 te laat")
    expect(summary.locator(".pw-basis")).to_have_text(BASIS_TEXT)   # the verdict rests on the workbook alone
    rows = page.locator("#deadlines li")
    expect(rows).to_have_count(len(ORDER))   # every open or late item, not only the next five
    assert [t.split(" WVP")[0] for t in rows.locator(".pw-grow").all_inner_texts()] == ORDER
    expect(rows.nth(0)).to_contain_text("WVP003")
    expect(rows.nth(0).locator(".pw-badge")).to_have_text("te laat")
    expect(rows.nth(2).locator(".pw-badge")).to_have_text("binnenkort")
    expect(rows.nth(3).locator(".pw-badge")).to_have_text("open")
    expect(rows.nth(0)).to_contain_text("01-12-2025")
    pane.screenshot("outlook-verdict.png")


def test_verdict_on_the_dossier_does_not_show_a_basis_line(open_pane, server, page):
    from addins.conftest import answer_with
    from addins.verdicts import with_verdict

    answer_with(page, server, "/api/cases/2025-001", with_verdict("dossier"))
    open_pane("outlook.html", config(_case_mail()))
    expect(page.locator("#verdict .pw-late-count")).to_have_text("2 te laat")
    expect(page.locator("#verdict .pw-basis")).to_have_count(0)


def test_without_a_verdict_the_calendar_gives_the_deadlines(open_pane, server, page):
    from addins.conftest import answer_with
    from addins.verdicts import without_verdict

    answer_with(page, server, "/api/cases/2025-003", without_verdict)
    open_pane("outlook.html", config(mail("Case 2025-003: update", "Sarah will work four hours a day."), "en-US"))
    expect(page.locator("#deadlines")).to_contain_text("Week-42 notification to UWV")
    expect(page.locator("#deadlines")).to_contain_text("Evaluation")
    expect(page.locator("#verdict")).to_be_empty()
    assert page.locator("#deadlines li").count() <= 5
