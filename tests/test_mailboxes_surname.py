"""Mail that names only the surname: a candidate, tied by the full name or case number in the
message or any attachment; a surname two cases share is never guessed."""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest

from plugin.services.mail_evidence import as_document, unassigned_documents
from plugin.mail.mailboxes.folder import FolderMailbox
from plugin.mail.mailboxes.scan import CaseKey, core_surname, scan_mailbox, surname_of

CASES = [CaseKey("2025-001", "Fatima el Amrani"), CaseKey("2025-002", "Pieter de Vries"),
         CaseKey("2026-009", "Anna de Vries"), CaseKey("2026-010", "Kees Jansen")]


def _docx(*lines: str) -> bytes:
    document = docx.Document()
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _mail(subject: str, body: str, attachment: tuple[str, bytes] | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "Marco Jansen <m.jansen@jansen-zn.example>"
    message["To"] = "Ellen de Wit <e.dewit@casemanagement.example>"
    message["Subject"] = subject
    message["Date"] = "Tue, 04 Mar 2025 10:00:00 +0100"
    message.set_content(body)
    if attachment:
        message.add_attachment(attachment[1], maintype="application",
                               subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                               filename=attachment[0])
    return message.as_bytes()


PVA = _docx("Plan van aanpak", "Datum: 03-03-2025", "Werknemer: Fatima el Amrani", "Handtekening: getekend")


@pytest.fixture()
def mailbox(tmp_path: Path) -> FolderMailbox:
    box = tmp_path / "Postvak"
    box.mkdir()
    (box / "1.eml").write_bytes(_mail("Plan van aanpak El Amrani getekend", "Hoi Ellen,\n\nZie bijlage.\n\nMarco",
                                      ("PvA getekend.docx", PVA)))
    (box / "2.eml").write_bytes(_mail("Evaluatie De Vries", "Verslag evaluatiegesprek\nDatum gesprek: 12-09-2025\n"))
    (box / "3.eml").write_bytes(_mail("Evaluatie De Vries", "Zie bijlage.",
                                      ("verslag.docx", _docx("Verslag evaluatiegesprek", "Datum gesprek: 19-09-2025",
                                                             "Werknemer: Anna de Vries"))))
    (box / "4.eml").write_bytes(_mail("Plan van aanpak Jansen", "Volgt nog.\nPlan van aanpak\nDatum: 01-04-2026"))
    (box / "5.eml").write_bytes(_mail("Lunch vrijdag", "Wie gaat er mee naar Amrani's lunchroom?"))
    return FolderMailbox(box)


@pytest.mark.parametrize(("name", "surname", "core"), (
    ("Fatima el Amrani", "el Amrani", "Amrani"), ("Pieter de Vries", "de Vries", "Vries"),
    ("Jan van der Berg", "van der Berg", "Berg"), ("Sarah Thompson", "Thompson", "Thompson"),
    ("F. el Amrani", "el Amrani", "Amrani"), ("Anna Jansen-de Boer", "Jansen-de Boer", "Jansen-de Boer"),
    ("Cher", "", ""),
))
def test_surnames(name, surname, core):
    assert (surname_of(name), core_surname(name)) == (surname, core)


def test_surname_in_the_subject_full_name_in_the_attachment_ties_the_mail(mailbox):
    found = scan_mailbox(mailbox, CASES)
    [pva] = [e for e in found["2025-001"] if e.doc_type == "plan-van-aanpak" and e.evidence != "mail"]
    assert (pva.tied_by, pva.evidence, pva.subject) == ("bijlage: naam", "mail/PvA getekend.docx",
                                                        "Plan van aanpak El Amrani getekend")


def test_a_surname_two_cases_share_is_never_guessed(mailbox):
    found = scan_mailbox(mailbox, CASES)
    assert all(e.message_id != "2.eml" for items in found.values() for e in items)
    [shared] = [u for u in found.unassigned if u.message_id == "2.eml"]
    assert (shared.surname, shared.case_ids) == ("Vries", ("2025-002", "2026-009"))


def test_the_full_name_in_an_attachment_decides_between_shared_surnames(mailbox):
    found = scan_mailbox(mailbox, CASES)
    anna = [e for e in found["2026-009"] if e.message_id == "3.eml"]
    assert anna and all(e.tied_by == "bijlage: naam" for e in anna)
    assert not [e for e in found["2025-002"] if e.message_id == "3.eml"]
    assert "3.eml" not in [u.message_id for u in found.unassigned]


def test_a_surname_alone_is_only_a_candidate(mailbox):
    found = scan_mailbox(mailbox, CASES)
    assert found["2026-010"] == []   # "Plan van aanpak Jansen": nothing confirms Kees Jansen
    assert "4.eml" not in [u.message_id for u in found.unassigned]
    assert "5.eml" not in [u.message_id for u in found.unassigned]  # "Amrani's" is not a tie


def test_shared_surname_becomes_an_info_finding_for_both_cases(mailbox):
    from plugin.check.dossier_rules import bestanden
    from plugin.check.rules import load_rules

    found = scan_mailbox(mailbox, CASES)
    documents = unassigned_documents("folder:Postvak", found.unassigned)
    assert set(documents) == {"2025-002", "2026-009"}
    [doc] = documents["2025-002"]
    assert doc.type is None and "2025-002" in doc.note and "2026-009" in doc.note
    rule = next(r for r in load_rules() if r.kind == "bestanden")
    from plugin.check.case_view import CaseView
    from plugin.core.case_facts import CaseFacts
    import datetime as dt

    view = CaseView(CaseFacts("2025-002", dt.date(2025, 6, 2)), None, (doc,), dt.date(2025, 12, 1), "map")
    [finding] = bestanden(rule, view)
    assert finding.severity == "info" and "2026-009" in finding.message and "Vries" in finding.message
    assert as_document  # the tied evidence still goes through as_document
