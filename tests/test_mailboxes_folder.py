"""The embedded folder backend: Maildir, mbox, and folders of .eml and .msg files."""

from __future__ import annotations

import datetime as dt
import mailbox
import shutil
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from plugin.errors import MailError
from plugin.mail.mailboxes.base import Mailbox, MessageRef
from plugin.mail.mailboxes.folder import FolderMailbox
from plugin.mail.mailboxes.open import open_mailbox

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "mailbox"
MSG_DIR = Path(__file__).parent / "data" / "msg"  # real Outlook samples, MIT (see LICENCE.md there)


def make(subject: str, body: str, cte: str = "8bit", day: int = 1, attachment: bytes | None = None) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Ans Mulder <a.mulder@hetanker.example>"
    msg["To"] = "e.dewit@casemanagement.example"
    msg["Subject"] = subject
    msg["Date"] = f"Mon, {day:02d} Dec 2025 10:00:00 +0100"
    msg.set_content(body, cte=cte)
    if attachment is not None:
        msg.add_attachment(attachment, maintype="application", subtype="octet-stream", filename="bijlage.bin")
    return msg.as_bytes()


def example_refs(box) -> dict[str, MessageRef]:
    return {ref.subject: ref for folder in box.folders() for ref in box.headers(folder)}


def test_example_maildir_folders_and_headers():
    box = open_mailbox(f"folder:{EXAMPLE}")
    assert isinstance(box, Mailbox)
    assert box.folders() == ["INBOX", "Sent", "Thompson 2025-003"]
    refs = example_refs(box)
    assert len(refs) == 11
    uwv = refs["Bevestiging ziekmelding langdurig verzuim (42e week)"]
    assert (uwv.folder, uwv.sender, uwv.date) == ("INBOX", "UWV <noreply@uwv.example>", dt.date(2026, 6, 30))
    assert uwv.size == (EXAMPLE / "cur" / f"{uwv.id}!2,S").stat().st_size
    assert refs["Hersteld: Mehmet Yilmaz"].id == "1788258000.M7P1.poortwachter"  # in new/, no flags
    assert refs["Notes of our review meeting"].folder == "Thompson 2025-003"


@pytest.mark.parametrize(("terms", "subjects"), [
    (["Sarah Thompson"], {"Bevestiging ziekmelding langdurig verzuim (42e week)"}),   # base64 body
    (["pieter DE VRIES"], {"Verslag eerstejaarsevaluatie Pieter de Vries"}),          # HTML, quoted-printable
    (["2025-002"], {"Verslag evaluatiegesprek 2025-002 P. de Vries"}),
    (["2025-001"], set()),                                   # 'Factuur 2025-0012' is not a whole-word match
    (["Fatima el Amrani", "Johan Bakker"], {"Stand van zaken traject Fatima el Amrani", "Getekend plan van aanpak"}),
    (["Lopend Vuurtje"], set()),
])
def test_example_maildir_search(terms, subjects):
    box = FolderMailbox(EXAMPLE)
    refs = {ref.id: ref.subject for ref in box.headers()}
    assert {refs[i] for i in box.search(terms)} == subjects


def test_search_does_not_read_attachment_text():
    box = FolderMailbox(EXAMPLE)
    assert box.search(["2025-004"]) == set()  # only in the PDF attachment, not in subject or body


def test_fetch_returns_whole_message(tmp_path):
    box = FolderMailbox(EXAMPLE)
    ref = next(r for r in box.headers() if r.subject.startswith("Stand van zaken"))
    data = box.fetch(ref)
    assert data == (EXAMPLE / "cur" / f"{ref.id}!2,S").read_bytes()
    assert b"Voortgangsrapportage 2e spoor 2026-03-06.docx" in data


def test_headers_by_ids_and_message_moved_from_new_to_cur(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "box")
    box = FolderMailbox(tmp_path / "box")
    ref = next(box.headers(ids=["1788258000.M7P1.poortwachter"]))
    assert ref.subject == "Hersteld: Mehmet Yilmaz"
    (tmp_path / "box" / "new" / ref.id).rename(tmp_path / "box" / "cur" / f"{ref.id}:2,S")  # a mail client read it
    assert box.fetch(ref).startswith(b"From: Rob Oost")


def test_non_ascii_and_folded_terms(tmp_path):
    (tmp_path / "cur").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "cur" / "1.M1P1.x:2,S").write_bytes(make("Evaluatie", "Gesprek met Zoë Ünal over de opbouw.", cte="8bit"))
    (tmp_path / "cur" / "2.M2P1.x:2,S").write_bytes(
        b"Subject: Verslag gesprek Fatima el\r\n Amrani\r\nDate: Mon, 1 Dec 2025 10:00:00 +0100\r\n\r\nTekst\r\n")
    box = FolderMailbox(tmp_path)
    assert box.search(["ZOË ÜNAL"]) == {"1.M1P1.x"}
    assert box.search(["fatima EL amrani"]) == {"2.M2P1.x"}


def test_mbox(tmp_path):
    path = tmp_path / "2025-002 De Vries.mbox"
    archive = mailbox.mbox(path)
    archive.add(make("Verslag evaluatiegesprek", "Casus 2025-002, datum gesprek 24-10-2025.", cte="quoted-printable"))
    archive.add(make("Nieuwsbrief", "Niets over een casus.", day=2))
    archive.flush()
    archive.close()
    box = open_mailbox(f"folder:{path}")
    assert box.folders() == ["2025-002 De Vries"]
    refs = list(box.headers())
    assert [(r.id, r.subject, r.date) for r in refs] == [("0", "Verslag evaluatiegesprek", dt.date(2025, 12, 1)),
                                                         ("1", "Nieuwsbrief", dt.date(2025, 12, 2))]
    assert box.search(["2025-002"]) == {"0"}
    assert b"Niets over een casus." in box.fetch(refs[1])
    box.close()


def test_folder_of_eml_files_with_case_subfolder(tmp_path):
    root = tmp_path / "Mail export"
    (root / "2025-001 El Amrani").mkdir(parents=True)
    (root / "los.eml").write_bytes(make("Nieuwsbrief", "Niets."))
    (root / "2025-001 El Amrani" / "verslag.EML").write_bytes(make("Verslag", "Gesprek met Fatima el Amrani.",
                                                                   cte="base64", attachment=b"\x00" * 10))
    (root / "notities.txt").write_text("geen mail")
    box = FolderMailbox(root)
    assert box.folders() == ["Mail export", "Mail export/2025-001 El Amrani"]
    assert [r.id for r in box.headers()] == ["los.eml"]
    assert box.search(["Fatima el Amrani"], "Mail export/2025-001 El Amrani") == {"verslag.EML"}
    assert box.search(["Fatima el Amrani"]) == set()


def test_folder_of_msg_files(tmp_path):
    for name in ("test_Blammo.msg", "qwerty_1-orig.msg", "note.msg"):
        shutil.copy(MSG_DIR / name, tmp_path / name)
    box = FolderMailbox(tmp_path)
    refs = {r.id: r for r in box.headers()}
    assert {i: (r.subject, r.date) for i, r in refs.items()} == {
        "note.msg": ("note sample", dt.date(2001, 5, 21)),
        "qwerty_1-orig.msg": ("qwerty", dt.date(2006, 11, 3)),
        "test_Blammo.msg": ("BlammoBlammo", dt.date(2007, 9, 29))}
    assert refs["test_Blammo.msg"].sender == "TripleNickel <TripleNickel@mapi32.net>"
    assert box.search(["blammoblammo"]) == {"test_Blammo.msg"}
    assert box.fetch(refs["note.msg"]) == (MSG_DIR / "note.msg").read_bytes()


@pytest.mark.parametrize(("uri", "message"), [
    ("folder:/does/not/exist", "niet gevonden"),
    ("outbox:/tmp", "geen brievenbus om te lezen"),
])
def test_open_mailbox_errors(uri, message):
    with pytest.raises(MailError, match=message):
        open_mailbox(uri)


def test_unknown_folder_is_named():
    with pytest.raises(MailError, match="map 'Archief' bestaat niet"):
        list(FolderMailbox(EXAMPLE).headers("Archief"))
