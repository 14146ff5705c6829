"""One tie rule for a mail, wherever it comes from: the mailbox scan and the Outlook pane's /api/mail
(plugin.mail.mailboxes.scan.tie_cases). A mail that names two cases is evidence for both in the scan;
the pane, which must pick one case, picks neither and lists both."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from plugin.mail.mailboxes.open import open_mailbox
from plugin.mail.mailboxes.scan import scan_mailbox
from plugin.services import inspect as inspecting
from plugin.workbook.load import load_workbook

from .app_helpers import EXAMPLES

BODY = "Plan van aanpak\nDatum: 1 augustus 2025\nBijgaand het plan, getekend door beide partijen."


@pytest.fixture(scope="module")
def workbook():
    return load_workbook(EXAMPLES / "casussen.xlsx")


def _both_ways(workbook, tmp_path, subject: str, body: str = BODY) -> tuple[set[str], dict]:
    message = EmailMessage()
    message["Subject"], message["From"], message["Date"] = subject, "hr@anker.example", "Fri, 1 Aug 2025 12:00:00 +0200"
    message.set_content(body)
    folder = tmp_path / "post"
    folder.mkdir()
    (folder / "bericht.eml").write_bytes(message.as_bytes())
    mailbox = open_mailbox(f"folder:{folder}")
    try:
        scanned = scan_mailbox(mailbox, workbook.cases.values())
    finally:
        mailbox.close()
    pane = inspecting.tie_mail(workbook, {"subject": subject, "from": "hr@anker.example", "date": "2025-08-01",
                                          "body": body, "attachments": []})
    return {case for case, found in scanned.items() if found}, pane


def test_a_mail_naming_two_cases_is_tied_to_neither_by_the_pane_and_to_both_by_the_scan(workbook, tmp_path):
    scanned, pane = _both_ways(workbook, tmp_path, "Plan van aanpak 2025-001 en 2025-002")
    assert scanned == {"2025-001", "2025-002"}
    assert pane["case"] is None and pane["tied_by"] is None
    assert sorted(pane["candidates"]) == ["2025-001", "2025-002"]


def test_a_number_and_another_case_s_name_are_two_cases_too(workbook, tmp_path):
    scanned, pane = _both_ways(workbook, tmp_path, "Plan van aanpak 2025-003", BODY + "\nCc: Pieter de Vries")
    assert scanned == {"2025-003", "2025-002"}
    assert pane["case"] is None and sorted(pane["candidates"]) == ["2025-002", "2025-003"]


def test_a_mail_naming_one_case_is_tied_the_same_way_by_both(workbook, tmp_path):
    scanned, pane = _both_ways(workbook, tmp_path, "Plan van aanpak Pieter de Vries")
    assert scanned == {"2025-002"} and pane["case"] == "2025-002" and pane["tied_by"] == "naam"


def test_the_pane_and_the_scan_share_the_function(workbook, monkeypatch):
    """Not two copies that can drift: the pane's tie goes through the scan's rule."""
    from plugin.mail.mailboxes import scan

    calls = []
    original = scan.tie_cases

    def spy(*args, **kwargs):
        calls.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(scan, "tie_cases", spy)
    inspecting.tie_mail(workbook, {"subject": "Evaluatie 2025-001", "body": ""})
    assert calls and "2025-001" in calls[0]
