"""scan_mailbox on the example Maildir: exact findings, ties, and no medical content in results."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from plugin.mail.mailboxes.folder import FolderMailbox
from plugin.mail.mailboxes.scan import CaseKey, MailEvidence, case_keys, scan_mailbox
from plugin.workbook.load import load_workbook

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "mailbox"
D = dt.date

# The table in examples/mailbox/README.md: (case, type, date, evidence, tied_by, folder, subject)
EXPECTED = {
    ("2025-001", "voortgangsrapportage", D(2026, 3, 6), "mail/Voortgangsrapportage 2e spoor 2026-03-06.docx", "naam",
     "INBOX", "Stand van zaken traject Fatima el Amrani"),
    ("2025-001", "eerstejaarsevaluatie", D(2025, 12, 15), "mail", "casusnummer", "Sent",
     "Verslag eerstejaarsevaluatie 2025-001"),
    ("2025-002", "evaluatie", D(2025, 10, 24), "mail", "casusnummer", "INBOX",
     "Verslag evaluatiegesprek 2025-002 P. de Vries"),
    ("2025-002", "eerstejaarsevaluatie", D(2026, 5, 18), "mail", "naam", "INBOX",
     "Verslag eerstejaarsevaluatie Pieter de Vries"),
    ("2025-003", "42e-weekmelding", D(2026, 6, 29), "mail", "naam", "INBOX",
     "Bevestiging ziekmelding langdurig verzuim (42e week)"),
    ("2025-003", "evaluatie", D(2026, 1, 16), "mail", "map", "Thompson 2025-003", "Notes of our review meeting"),
    ("2025-004", "plan-van-aanpak", D(2025, 3, 21), "mail", "naam", "INBOX", "Getekend plan van aanpak"),
    ("2025-004", "plan-van-aanpak", D(2025, 3, 20), "mail/Plan van aanpak J. Bakker.pdf", "naam", "INBOX",
     "Getekend plan van aanpak"),
    ("2026-005", "probleemanalyse", D(2026, 11, 2), "mail", "naam", "INBOX", "Probleemanalyse Anouk Visser"),
}


@pytest.fixture(scope="module")
def found():
    cases = load_workbook(REPO / "examples" / "casussen.xlsx").usable_cases()
    return scan_mailbox(FolderMailbox(EXAMPLE), cases)


def test_example_findings_are_exact(found):
    assert set(found) == {"2025-001", "2025-002", "2025-003", "2025-004", "2026-005", "2026-006", "2025-008"}
    got = {(e.case_id, e.doc_type, e.date, e.evidence, e.tied_by, e.folder, e.subject)
           for items in found.values() for e in items}
    assert got == EXPECTED
    assert found["2026-006"] == []  # 'Hersteld: Mehmet Yilmaz' is tied but no dossier document


def test_reference_finds_the_message_again(found):
    box = FolderMailbox(EXAMPLE)
    for evidence in (e for items in found.values() for e in items):
        ref = next(box.headers(evidence.folder, [evidence.message_id]))
        assert ref.subject == evidence.subject and ref.date == evidence.message_date
    uwv = found["2025-003"][0]
    assert (uwv.language, uwv.message_date) == ("nl", D(2026, 6, 30))
    assert found["2025-003"][1].language == "en"


def test_no_medical_or_body_content_in_results(found):
    assert [f.name for f in dataclasses.fields(MailEvidence)] == [
        "case_id", "doc_type", "date", "evidence", "language", "tied_by", "folder", "message_id", "subject",
        "message_date", "why", "issuer", "statements"]
    # statements are the one piece of text kept: one sentence, at most 200 characters, never a medical word
    from plugin.core.privacy import medical_terms

    for statement in (s for items in found.values() for e in items for s in e.statements):
        assert len(statement.quote) <= 200 and not medical_terms(statement.quote)
    dump = repr(found)
    for body_text in ("Belastbaarheid", "staand werken", "schouderhoogte", "Prognose", "herstel binnen",
                      "opbouw naar 10 uur", "sollicitaties verstuurd", "Doel: terugkeer", "fewer calls"):
        assert body_text.lower() not in dump.lower()


def test_cases_as_tuples_and_folder_limit():
    found = scan_mailbox(FolderMailbox(EXAMPLE), [("2025-003", "Sarah Thompson", "Thompson 2025-003"),
                                                  ("X-1", "Ans Mulder", "")], folders=["Thompson 2025-003"])
    assert [(e.doc_type, e.tied_by) for e in found["2025-003"]] == [("evaluatie", "map")]
    assert found["X-1"] == []


def test_case_keys_and_folder_ties():
    cases = load_workbook(REPO / "examples" / "casussen.xlsx").usable_cases()
    keys = {k.id: k for k in case_keys(cases)}
    assert keys["2025-001"] == CaseKey("2025-001", "Fatima el Amrani", "2025-001 El Amrani")
    assert keys["2025-001"].owns_folder("Casussen/2025-001 el amrani")
    assert keys["2025-001"].owns_folder("Dossiers/Fatima  el Amrani")
    assert not keys["2025-001"].owns_folder("Facturen 2025-0012")
    assert not keys["2025-002"].owns_folder("INBOX")
    assert keys["2025-002"].tie("Gesprek met PIETER DE VRIES") == "naam"
    assert keys["2025-002"].tie("Casus 2025-002.") == "casusnummer"
    assert keys["2025-002"].tie("Pieter de Vriesland") is None


class CountingMailbox(FolderMailbox):
    """Records which messages were downloaded whole."""

    def __init__(self, path):
        super().__init__(path)
        self.fetched: list[str] = []

    def fetch(self, ref):
        self.fetched.append(ref.subject)
        return super().fetch(ref)


def test_only_candidates_are_fetched():
    box = CountingMailbox(EXAMPLE)
    scan_mailbox(box, [("2025-002", "Pieter de Vries", "")])
    assert sorted(box.fetched) == ["Verslag eerstejaarsevaluatie Pieter de Vries",
                                   "Verslag evaluatiegesprek 2025-002 P. de Vries"]


def test_same_message_in_two_folders_counts_once(tmp_path):
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "box")
    source = next((tmp_path / "box" / "cur").glob("1761552720.*"))
    shutil.copy(source, tmp_path / "box" / ".Sent" / "cur" / source.name)
    found = scan_mailbox(FolderMailbox(tmp_path / "box"), [("2025-002", "Pieter de Vries", "")])
    assert [e.subject for e in found["2025-002"]].count("Verslag evaluatiegesprek 2025-002 P. de Vries") == 1


def test_a_mail_states_its_reason_and_the_state_keeps_it(tmp_path):
    """What a mail itself says counts like a dossier file (recognize/statements.py), also when the
    next scan takes the message from the mailbox state instead of reading it again."""
    from email.message import EmailMessage

    from plugin.services.mail_evidence import as_document
    from plugin.mail.mailboxes.state import MailState

    mail = EmailMessage()
    mail["Subject"] = "Plan van aanpak 2025-004 J. Bakker"
    mail["From"] = "hr@gemeente.example"
    mail["Date"] = "Fri, 21 Mar 2025 10:00:00 +0100"
    mail.set_content("Plan van aanpak\nDatum: 21-03-2025\n\nHet plan van aanpak is later opgesteld omdat de "
                     "bedrijfsarts pas op 14 maart beschikbaar was; dat is met de werknemer afgesproken.\n")
    box = tmp_path / "box"
    box.mkdir()
    (box / "pva.eml").write_bytes(mail.as_bytes())
    cases = load_workbook(REPO / "examples" / "casussen.xlsx").usable_cases()
    state = MailState(tmp_path / "state.sqlite")
    for _ in range(2):   # the first scan reads the message, the second takes it from the state
        found = scan_mailbox(FolderMailbox(box), cases, state=state)
        [evidence] = found["2025-004"]
        [statement] = evidence.statements
        assert statement.kind == "reden_afwijking" and "bedrijfsarts pas op 14 maart" in statement.quote
        assert as_document("folder:box", evidence).statements == evidence.statements
