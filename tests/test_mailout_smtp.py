"""Mail-out through a real SMTP server on 127.0.0.1 (tests/smtp_server.py)."""

from __future__ import annotations

import io
import socket
import sqlite3

import pytest
from smtp_server import SmtpServer
from test_mailout_plan import MONTH, employer, synthetic_workbook

from plugin.cli import main
from plugin.documents.docprops import read_docx_properties
from plugin.mail.mailout.ledger import Ledger
from plugin.mail.mailout.report import docx_text
from plugin.core.privacy import medical_terms

SENDER = "Bureau WerkSame <rapportages@werksame.example>"


@pytest.fixture
def workbook(tmp_path):
    return synthetic_workbook(tmp_path / "casussen.xlsx")


def mailout(workbook, via, *extra):
    return main(["mailout", str(workbook), "--month", MONTH, "--via", via, "--from", SENDER,
                 "--out", str(workbook.parent / "output"), "--no-pdf", *extra])


def test_each_employer_gets_its_own_report_once(workbook, capsys):
    with SmtpServer() as server:
        assert mailout(workbook, server.uri) == 0
    assert server.per_recipient() == {employer(i): 1 for i in range(1, 11)}
    for received in server.messages:
        message = received.message
        case_id = message["X-Poortwachter-Casus"]
        number = int(case_id[2:])
        assert received.rcpt_tos == (employer(number),) and message["To"] == employer(number)
        assert received.mail_from == "rapportages@werksame.example"
        assert f"Werknemer {number:02d}" in message["Subject"] and case_id in message["Subject"]
        english = number % 2 == 0
        body = message.get_body(("plain",)).get_content()
        assert body.startswith("Dear" if english else "Beste")
        assert message["Content-Language"] == ("en" if english else "nl")
        (attachment,) = list(message.iter_attachments())
        expected = "2026-01-28 Evaluatie.docx" if case_id == "C-01" else \
            ("2026-01-31 Monthly report.docx" if english else "2026-01-31 Maandrapportage.docx")
        assert attachment.get_filename() == expected
        data = attachment.get_payload(decode=True)
        assert read_docx_properties(io.BytesIO(data))["Casusnummer"] == case_id
        assert not medical_terms(message["Subject"] + body)
        text = docx_text(data)
        assert f"Werknemer {number:02d}" in text
    assert "10 verzonden" in capsys.readouterr().out


def test_a_rejected_message_fails_and_is_sent_on_the_next_run(workbook, capsys):
    with SmtpServer(reject={employer(5)}) as server:
        assert mailout(workbook, server.uri) == 1
    assert employer(5) not in server.per_recipient() and len(server.messages) == 9
    text = capsys.readouterr().out
    assert "casus C-05 (mislukt)" in text and "550" in text
    with SmtpServer() as again:
        assert mailout(workbook, again.uri) == 0
    assert again.per_recipient() == {employer(5): 1}
    states = [s for _, s, _ in Ledger(workbook.with_name("casussen.mailout.sqlite")).events("C-05", MONTH)]
    assert states == ["planned", "sending", "failed", "sending", "sent"]


def test_unreachable_server_fails_every_message_and_sends_later(workbook, capsys):
    with SmtpServer() as server:
        port = server.port
    assert mailout(workbook, f"smtp://127.0.0.1:{port}") == 1
    assert "geen verbinding met 127.0.0.1" in capsys.readouterr().out
    with SmtpServer() as server:
        assert mailout(workbook, server.uri) == 0
    assert len(server.messages) == 10


@pytest.mark.parametrize("via", ("smtp://mail.example.com:25?security=none", "smtp://192.0.2.7:2525?security=none",
                                 "profile:relay"))
def test_plain_smtp_to_another_host_is_refused_without_connecting(workbook, tmp_path, monkeypatch, capsys, via):
    profiles = tmp_path / "profielen.toml"
    profiles.write_text('[relay]\nkind = "smtp"\nhost = "relay.example.com"\nport = 25\nsecurity = "none"\n')

    def no_network(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert mailout(workbook, via, "--profiles", str(profiles)) == 2
    err = capsys.readouterr().err
    assert "SMTP zonder versleuteling naar" in err and "geweigerd" in err
    assert not workbook.with_name("casussen.mailout.sqlite").exists()


def test_message_in_doubt_after_a_crash_is_not_resent_without_permission(workbook, capsys):
    with SmtpServer() as server:
        assert mailout(workbook, server.uri, "--case", "C-01", "--case", "C-02") == 0
    with sqlite3.connect(workbook.with_name("casussen.mailout.sqlite")) as db:   # killed while C-02 was on the wire
        db.execute("UPDATE messages SET state='sending' WHERE case_id='C-02'")
    capsys.readouterr()
    with SmtpServer() as server:
        assert mailout(workbook, server.uri, "--case", "C-01", "--case", "C-02") == 1
        assert server.messages == []
    text = capsys.readouterr().out
    assert "ONBEKEND" in text and "--resend-unknown" in text and "casus C-02 (onbekend)" in text
    with SmtpServer() as server:                                   # still nothing without the flag
        assert mailout(workbook, server.uri, "--case", "C-02") == 1
        assert server.messages == []
        assert mailout(workbook, server.uri, "--case", "C-02", "--resend-unknown") == 0
    assert server.per_recipient() == {employer(2): 1}


def test_password_comes_from_the_environment(workbook, monkeypatch, capsys):
    """A username in the URI makes Poortwachter log in; without a secret it stops before planning."""
    monkeypatch.delenv("POORTWACHTER_SMTP_PASSWORD", raising=False)
    monkeypatch.setattr("keyring.get_password", lambda *a: None)
    assert mailout(workbook, "smtp://user%40x.example@127.0.0.1:2525") == 2
    assert "POORTWACHTER_127_0_0_1_PASSWORD" in capsys.readouterr().err
    assert not workbook.with_name("casussen.mailout.sqlite").exists()
