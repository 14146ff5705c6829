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


# --- Issue 17: links, sizes, freshness, the mbox with the scan state --------------------------------

def _cases():
    return [("2025-002", "Jan de Vries", "")]


def test_mbox_with_the_scan_state_scans_twice_and_sees_a_change(tmp_path):
    """`--mailbox folder:post.mbox` crashed on every run with the default cache (no inventory)."""
    from plugin.mail.mailboxes.scan import scan_mailbox
    from plugin.mail.mailboxes.state import MailState

    path = tmp_path / "post.mbox"
    archive = mailbox.mbox(path)
    archive.add(make("Verslag evaluatiegesprek 2025-002", "Casus 2025-002, datum gesprek 24-10-2025."))
    archive.flush()
    archive.close()
    state = MailState(tmp_path / "state.sqlite")
    uri = f"folder:{path}"
    first = scan_mailbox(open_mailbox(uri), _cases(), state=state, uri=uri)
    again = scan_mailbox(open_mailbox(uri), _cases(), state=state, uri=uri)
    assert [e.doc_type for e in first["2025-002"]] == ["evaluatie"] and again == first
    archive = mailbox.mbox(path)
    archive.add(make("Plan van aanpak 2025-002", "Plan van aanpak voor Jan de Vries.", day=3))
    archive.flush()
    archive.close()
    changed = scan_mailbox(open_mailbox(uri), _cases(), state=state, uri=uri)
    assert sorted(e.doc_type for e in changed["2025-002"]) == ["evaluatie", "plan-van-aanpak"]


def test_a_link_to_a_file_outside_the_mail_folder_is_never_read(tmp_path):
    outside = tmp_path / "elders" / "geheim.eml"
    outside.parent.mkdir()
    outside.write_bytes(make("Eerste ziektedag 2025-002", "Jan de Vries ziek sinds 01-01-2020."))
    root = tmp_path / "mail"
    root.mkdir()
    (root / "gewoon.eml").write_bytes(make("Nieuwsbrief 2025-002", "Niets."))
    (root / "link.eml").symlink_to(outside)
    (root / "intern.eml").symlink_to(root / "gewoon.eml")   # a link inside the tree is fine
    (root / "map").symlink_to(outside.parent, target_is_directory=True)
    box = FolderMailbox(root)
    assert box.folders() == ["mail"]
    assert {ref.id for ref in box.headers()} == {"gewoon.eml", "intern.eml"}
    assert box.search(["2025-002"]) == {"gewoon.eml", "intern.eml"}
    assert set(box.inventory()[1]) == {"gewoon.eml", "intern.eml"}


def test_a_maildir_whose_cur_links_outside_is_not_read(tmp_path):
    outside = tmp_path / "elders"
    outside.mkdir()
    (outside / "1.M1P1.x").write_bytes(make("Eerste ziektedag 2025-002", "Jan de Vries."))
    root = tmp_path / "Maildir"
    (root / "new").mkdir(parents=True)
    (root / "tmp").mkdir()
    (root / "cur").symlink_to(outside, target_is_directory=True)
    box = FolderMailbox(root)
    assert list(box.headers()) == [] and box.search(["2025-002"]) == set()


def test_a_same_size_edit_with_the_old_mtime_is_a_new_version(tmp_path):
    import os

    path = tmp_path / "bericht.eml"
    path.write_bytes(make("Verslag 2025-002", "Datum gesprek 24-10-2025."))
    box = FolderMailbox(tmp_path)
    before = box.inventory()[1]["bericht.eml"]
    info = path.stat()
    path.write_bytes(make("Verslag 2025-002", "Datum gesprek 25-10-2025."))   # same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))                    # the old mtime put back
    after = box.inventory()[1]["bericht.eml"]
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns
    assert after != before


def test_a_message_over_the_size_limit_is_read_by_its_header_only(tmp_path, monkeypatch):
    from plugin.mail.mailboxes import folder

    monkeypatch.setattr(folder, "MAX_MESSAGE", 4096)
    big = make("Plan van aanpak 2025-002", "Jan de Vries " + "x" * 10_000)
    (tmp_path / "groot.eml").write_bytes(big)
    (tmp_path / "klein.eml").write_bytes(make("Nieuwsbrief", "Jan de Vries"))
    opened = []
    real = folder._open_regular
    monkeypatch.setattr(folder, "_open_regular", lambda path: opened.append(path) or real(path))
    box = FolderMailbox(tmp_path)
    assert box.search(["Jan de Vries"]) == {"klein.eml"}          # the body of the big one is not read
    assert box.search(["2025-002"]) == {"groot.eml"}              # its subject is
    [ref] = [r for r in box.headers() if r.id == "groot.eml"]
    assert ref.subject == "Plan van aanpak 2025-002" and ref.size == len(big)
    fetched = box.fetch(ref)
    assert fetched.startswith(b"From:") and b"xxxx" not in fetched and len(fetched) < 4096
    assert opened


def test_a_big_message_in_an_mbox_is_read_by_its_header_only(tmp_path, monkeypatch):
    from plugin.mail.mailboxes import folder

    monkeypatch.setattr(folder, "MAX_MESSAGE", 4096)
    path = tmp_path / "post.mbox"
    archive = mailbox.mbox(path)
    archive.add(make("Plan van aanpak 2025-002", "Jan de Vries " + "x" * 10_000))
    archive.flush()
    archive.close()
    box = FolderMailbox(path)
    [ref] = list(box.headers())
    assert ref.subject == "Plan van aanpak 2025-002" and ref.size > 10_000
    assert b"xxxx" not in box.fetch(ref)
    assert box.search(["Jan de Vries"]) == set() and box.search(["2025-002"]) == {"0"}
