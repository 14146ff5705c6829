"""Mailboxes scanned again fetch only what is new (Maildir inventory; IMAP UIDVALIDITY/UIDs),
and fall back to a full scan when the server's state resets or the case list changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from imap_server import dovecot  # noqa: F401 - the session fixture

from plugin.mail.mailboxes.folder import FolderMailbox
from plugin.mail.mailboxes.open import open_mailbox
from plugin.mail.mailboxes.scan import CaseKey, scan_mailbox
from plugin.mail.mailboxes.state import MailState
from plugin.workbook.load import load_workbook
from test_mailboxes_folder import make

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "mailbox"


@pytest.fixture(scope="module")
def cases():
    return load_workbook(REPO / "examples" / "casussen.xlsx").usable_cases()


class Counting:
    """A mailbox that counts fetches (and can forbid them)."""

    def __init__(self, box, forbid: bool = False):
        self.box, self.forbid, self.fetched = box, forbid, []

    def __getattr__(self, name):
        return getattr(self.box, name)

    def fetch(self, ref):
        assert not self.forbid, f"fetched {ref.subject}"
        self.fetched.append(ref.id)
        return self.box.fetch(ref)


def _evidence(found) -> set[tuple]:
    return {(e.case_id, e.doc_type, e.date, e.evidence, e.tied_by, e.folder, e.subject, e.message_id)
            for items in found.values() for e in items}


def _scan(path: Path, cases, state, forbid=False):
    box = Counting(FolderMailbox(path), forbid)
    return scan_mailbox(box, cases, state=state, uri=f"folder:{path}"), box.fetched


def test_a_rescan_of_an_unchanged_maildir_fetches_nothing(tmp_path, cases):
    maildir = shutil.copytree(EXAMPLE, tmp_path / "mail")
    full = scan_mailbox(FolderMailbox(maildir), cases)
    state = MailState(tmp_path / "state.sqlite")
    first, fetched = _scan(maildir, cases, state)
    assert fetched and _evidence(first) == _evidence(full)
    again, fetched = _scan(maildir, cases, state, forbid=True)
    assert fetched == [] and _evidence(again) == _evidence(full)
    assert [u.message_id for u in again.unassigned] == [u.message_id for u in full.unassigned]


def test_only_new_messages_are_fetched_and_gone_ones_are_dropped(tmp_path, cases):
    maildir = shutil.copytree(EXAMPLE, tmp_path / "mail")
    state = MailState(tmp_path / "state.sqlite")
    first, _ = _scan(maildir, cases, state)
    (maildir / "new" / "1800000000.M99P1.test").write_bytes(make("Probleemanalyse Mehmet Yilmaz",
                                                                   "Probleemanalyse\nDatum: 20-04-2026\n"))
    gone = next((maildir / "cur").iterdir())
    gone.unlink()
    again, fetched = _scan(maildir, cases, state)
    assert fetched == ["1800000000.M99P1.test"]
    assert _evidence(again) == _evidence(scan_mailbox(FolderMailbox(maildir), cases))
    assert any(e.subject == "Probleemanalyse Mehmet Yilmaz" for e in again["2026-006"])


def test_a_changed_message_is_read_again(tmp_path, cases):
    maildir = shutil.copytree(EXAMPLE, tmp_path / "mail")
    state = MailState(tmp_path / "state.sqlite")
    _scan(maildir, cases, state)
    target = sorted((maildir / "cur").iterdir())[0]
    target.write_bytes(target.read_bytes().replace(b"\r\n\r\n", b"\r\nX-Extra: 1\r\n\r\n", 1))
    _, fetched = _scan(maildir, cases, state)
    assert fetched in ([], [target.name.split(":")[0].split("!")[0]])  # read again only if it is a candidate
    again, _ = _scan(maildir, cases, state, forbid=True)
    assert _evidence(again) == _evidence(scan_mailbox(FolderMailbox(maildir), cases))


def test_another_case_list_means_a_full_scan(tmp_path, cases):
    maildir = shutil.copytree(EXAMPLE, tmp_path / "mail")
    state = MailState(tmp_path / "state.sqlite")
    _scan(maildir, cases, state)
    fewer = [CaseKey("2025-003", "Sarah Thompson", "Thompson 2025-003")]
    found, fetched = _scan(maildir, fewer, state)
    assert fetched
    assert _evidence(found) == _evidence(scan_mailbox(FolderMailbox(maildir), fewer))


# --- IMAP on a real Dovecot ------------------------------------------------------------------

@pytest.fixture
def server(dovecot, monkeypatch):  # noqa: F811
    dovecot.reset()
    monkeypatch.setenv("POORTWACHTER_IMAP_PASSWORD", dovecot.password)
    return dovecot


FOLDER = "Casussen"


def _imap_scan(server, cases, state, forbid=False):
    uri = f"imap://{server.user}@{server.host}:{server.port}/INBOX"
    box = Counting(open_mailbox(uri), forbid)
    try:
        return scan_mailbox(box, cases, folders=[FOLDER], state=state, uri=uri), box.fetched
    finally:
        box.close()


@pytest.mark.slow
def test_imap_rescan_fetches_only_new_uids_and_rescans_after_a_uidvalidity_change(server, cases, tmp_path):
    messages = [p.read_bytes() for box in ("cur", "new") for p in sorted((EXAMPLE / box).iterdir())]
    server.append(FOLDER, messages)
    state = MailState(tmp_path / "state.sqlite")
    first, first_fetched = _imap_scan(server, cases, state)
    assert first_fetched
    again, fetched = _imap_scan(server, cases, state, forbid=True)
    assert fetched == [] and _evidence(again) == _evidence(first)
    server.append(FOLDER, [make("Verslag evaluatiegesprek Mehmet Yilmaz", "Verslag evaluatiegesprek\n"
                                                                           "Datum gesprek: 12-06-2026\n")])
    third, fetched = _imap_scan(server, cases, state)
    assert len(fetched) == 1
    assert any(e.subject == "Verslag evaluatiegesprek Mehmet Yilmaz" for e in third["2026-006"])
    # The server renumbers the folder (a restore, a migration): a new UIDVALIDITY, so a full scan.
    client = server.client()
    client.delete_folder(FOLDER)
    client.logout()
    server.append(FOLDER, messages)
    fourth, fetched = _imap_scan(server, cases, state)
    assert len(fetched) == len(first_fetched)  # nothing trusted from before the reset
    assert {t[:7] for t in _evidence(fourth)} == {t[:7] for t in _evidence(first)}


def test_the_state_keeps_no_medical_word_and_reads_such_a_message_again(tmp_path, cases):
    """A subject with a diagnosis is never stored (issue 17): the message is kept as 'read again',
    its evidence is the same on every scan, and the state file is private."""
    import os

    maildir = shutil.copytree(EXAMPLE, tmp_path / "mail")
    before = scan_mailbox(FolderMailbox(maildir), cases)
    evidence = sorted(e.message_id for items in before.values() for e in items)[0]
    target = next(p for p in maildir.rglob("*") if p.is_file() and p.name.startswith(evidence))
    data = target.read_bytes()
    start = data.index(b"Subject: ") + len(b"Subject: ")
    target.write_bytes(data[:start] + b"Hernia en burn-out - " + data[start:])
    full = scan_mailbox(FolderMailbox(maildir), cases)
    assert any("Hernia" in e.subject for items in full.values() for e in items)
    state = MailState(tmp_path / "state.sqlite")
    first, _ = _scan(maildir, cases, state)
    again, fetched = _scan(maildir, cases, state)
    assert _evidence(first) == _evidence(again) == _evidence(full)
    assert fetched == [evidence]                # only the message whose text could not be kept
    raw = (tmp_path / "state.sqlite").read_bytes().lower()
    assert b"hernia" not in raw and b"burn-out" not in raw
    assert os.stat(tmp_path / "state.sqlite").st_mode & 0o777 == 0o600
