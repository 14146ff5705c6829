"""The IMAP backend against a real Dovecot on 127.0.0.1 (tests/imap_server.py)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from imap_server import dovecot  # noqa: F401 - the session fixture

from plugin.errors import MailError
from plugin.mail.mailboxes import imap as imap_module
from plugin.mail.mailboxes.imap import ImapMailbox
from plugin.mail.mailboxes.open import open_mailbox
from plugin.mail.mailboxes.profiles import Profile
from plugin.mail.mailboxes.scan import scan_mailbox
from test_mailboxes_folder import make
from test_mailboxes_scan import EXPECTED

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "mailbox"


@pytest.fixture
def server(dovecot, monkeypatch):  # noqa: F811
    dovecot.reset()
    monkeypatch.setenv("POORTWACHTER_IMAP_PASSWORD", dovecot.password)
    return dovecot


def uri(server, folder: str = "INBOX") -> str:
    return f"imap://{server.user}@{server.host}:{server.port}/{folder}"


def load_example(server) -> None:
    """The example Maildir, delivered with IMAP APPEND (Maildir++ '.Sent' becomes 'Sent')."""
    for folder, sub in (("INBOX", ""), ("Sent", ".Sent"), ("Thompson 2025-003", ".Thompson 2025-003")):
        files = sorted(p for box in ("cur", "new") for p in (EXAMPLE / sub / box).iterdir()
                       if not p.name.startswith("."))
        server.append(folder, [p.read_bytes() for p in files])


def test_headers_search_fetch(server):
    load_example(server)
    box = open_mailbox(uri(server))
    try:
        assert isinstance(box, ImapMailbox)
        assert sorted(box.folders()) == ["INBOX", "Sent", "Thompson 2025-003"]
        refs = {r.subject: r for r in box.headers()}
        assert len(refs) == 9
        uwv = refs["Bevestiging ziekmelding langdurig verzuim (42e week)"]
        assert (uwv.folder, uwv.sender, uwv.date) == ("INBOX", "UWV <noreply@uwv.example>", dt.date(2026, 6, 30))
        assert uwv.size and uwv.size > 500
        found = {refs_id for refs_id in box.search(["Sarah Thompson", "2025-002"])}
        by_id = {r.id: r.subject for r in refs.values()}
        assert {by_id[i] for i in found} == {"Bevestiging ziekmelding langdurig verzuim (42e week)",
                                             "Verslag evaluatiegesprek 2025-002 P. de Vries"}
        raw = box.fetch(uwv)
        assert raw.startswith(b"From: UWV") and b"Content-Transfer-Encoding: base64" in raw
        assert [r.subject for r in box.headers("Thompson 2025-003")] == ["Notes of our review meeting"]
    finally:
        box.close()


def test_fetch_does_not_mark_as_read(server):
    server.append("INBOX", [make("Ongelezen", "Tekst")])
    client = server.client()
    client.select_folder("INBOX")
    uid = client.search("ALL")[0]
    client.remove_flags([uid], [b"\\Seen"])
    box = open_mailbox(uri(server))
    box.fetch(next(box.headers()))
    box.close()
    assert b"\\Seen" not in client.get_flags([uid])[uid]
    client.logout()


def test_scan_over_imap_matches_the_folder_scan(server):
    load_example(server)
    from plugin.workbook.load import load_workbook

    cases = load_workbook(REPO / "examples" / "casussen.xlsx").usable_cases()
    box = open_mailbox(uri(server))
    try:
        found = scan_mailbox(box, cases)
    finally:
        box.close()
    got = {(e.case_id, e.doc_type, e.date, e.evidence, e.tied_by, e.folder, e.subject)
           for items in found.values() for e in items}
    assert got == EXPECTED
    assert all(e.message_id.isdigit() for items in found.values() for e in items)  # UIDs


def test_headers_are_paged(server, monkeypatch):
    server.append("Casussen/2025-001 El Amrani", [make(f"Bericht {i}", f"Tekst {i}", day=1 + i % 28)
                                                  for i in range(23)])
    calls = []
    box = open_mailbox(uri(server))
    original = box.client.fetch
    monkeypatch.setattr(imap_module, "HEADER_BATCH", 5)
    monkeypatch.setattr(box.client, "fetch", lambda uids, items: calls.append(len(uids)) or original(uids, items))
    refs = list(box.headers("Casussen/2025-001 El Amrani"))
    box.close()
    assert calls == [5, 5, 5, 5, 3]
    assert [r.subject for r in refs] == [f"Bericht {i}" for i in range(23)]


def test_search_batches_many_terms(server, monkeypatch):
    server.append("INBOX", [make("Een", "over Jan Jansen"), make("Twee", "over casus C-17"), make("Drie", "niets")])
    monkeypatch.setattr(imap_module, "SEARCH_BATCH", 2)
    box = open_mailbox(uri(server))
    by_id = {r.id: r.subject for r in box.headers()}
    hits = box.search(["Piet Puk", "Jan Jansen", "Klaas Vaak", "C-17", "Zoë Ünal"])
    box.close()
    assert {by_id[i] for i in hits} == {"Een", "Twee"}


def test_password_never_in_logs_or_errors(server, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    box = open_mailbox(uri(server))
    list(box.headers())
    box.close()
    monkeypatch.setenv("POORTWACHTER_IMAP_PASSWORD", "fout-" + server.password)
    with pytest.raises(MailError) as info:
        open_mailbox(uri(server))
    message = str(info.value)
    assert "inloggen als 'casemanager' geweigerd" in message
    assert server.password not in message and server.password not in repr(info.value.__context__)
    assert caplog.records and server.password not in caplog.text
    assert "fout-" not in caplog.text and "fout-" not in message


def test_oauth2_token_is_sent_and_never_shown(server, monkeypatch):
    monkeypatch.setenv("POORTWACHTER_IMAP_OAUTH2_TOKEN", "ya29.geheim-token")
    profile = Profile("kantoor", "imap", {"host": server.host, "port": server.port, "username": server.user,
                                          "auth": "oauth2"})
    with pytest.raises(MailError) as info:  # this Dovecot offers no XOAUTH2
        ImapMailbox(profile)
    assert "ya29.geheim-token" not in str(info.value)


def test_missing_password_names_the_variable(server, monkeypatch):
    monkeypatch.delenv("POORTWACHTER_IMAP_PASSWORD")
    monkeypatch.setattr("keyring.get_password", lambda *a: None)
    with pytest.raises(MailError, match="POORTWACHTER_127_0_0_1_PASSWORD"):
        open_mailbox(uri(server))


def test_plain_imap_only_on_loopback(monkeypatch):
    monkeypatch.setenv("POORTWACHTER_IMAP_PASSWORD", "x")
    with pytest.raises(MailError, match="alleen op deze computer"):
        ImapMailbox(Profile("p", "imap", {"host": "mail.example.nl", "username": "u", "security": "plain"}))


def test_starttls_required_off_loopback(server, monkeypatch):
    """A server without STARTTLS is refused unless it is local; simulate a remote host name."""
    monkeypatch.setattr(imap_module, "is_loopback", lambda host: False)
    with pytest.raises(MailError, match="biedt geen STARTTLS"):
        open_mailbox(uri(server))


def test_local_search_mode_finds_the_same(server):
    load_example(server)
    profile = Profile("kantoor", "imap", {"host": server.host, "port": server.port, "username": server.user,
                                          "search": "local"})
    box = ImapMailbox(profile)
    try:
        by_id = {r.id: r.subject for r in box.headers()}
        hits = box.search(["Sarah Thompson", "pieter de vries", "2025-001"])
    finally:
        box.close()
    assert {by_id[i] for i in hits} == {"Bevestiging ziekmelding langdurig verzuim (42e week)",
                                        "Verslag eerstejaarsevaluatie Pieter de Vries"}
