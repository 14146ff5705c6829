"""The deadline signals through a real SMTP server on 127.0.0.1 (tests/smtp_server.py): the right
cases to the right casemanager, once per ISO week, in their language, without medical words."""

from __future__ import annotations

import shutil

import pytest
from signals_fixtures import ANNA, AS_OF, BERT, DIRK, SENDER, WEEK, signals_workbook
from smtp_server import SmtpServer

from plugin.cli import main
from plugin.core.privacy import medical_terms
from plugin.mail.mailout.ledger import Ledger
from plugin.resources import mailbox_dir


@pytest.fixture
def workbook(tmp_path):
    return signals_workbook(tmp_path)


def signals(workbook, via, *extra, as_of=AS_OF):
    return main(["signals", str(workbook), "--via", via, "--from", SENDER, "--as-of", as_of.isoformat(),
                 "--profiles", str(workbook.parent / "profielen.toml"), *extra])


def bodies(received):
    message = received.message
    return message, message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def test_each_casemanager_gets_their_own_cases_once(workbook, capsys):
    with SmtpServer() as server:
        code = signals(workbook, server.uri)
    out = capsys.readouterr().out
    assert code == 1, out                           # Chris has something late and no address
    assert server.per_recipient() == {ANNA: 1, BERT: 1}    # Dirk has nothing due: no mail
    by = {m.rcpt_tos[0]: m for m in server.messages}

    anna, text, html = bodies(by[ANNA])
    assert anna["To"] == ANNA and anna["X-Poortwachter-Week"] == WEEK and anna["Content-Language"] == "nl"
    assert anna["Subject"].startswith("WVP-termijnen week 10")
    assert "S-01 Ans Vandaag" in text and "S-02 Piet Telaat" in text and "S-04" not in text
    # due today, and past its deadline: both named, with the WVP week and the basis
    assert "VANDAAG: Probleemanalyse, uiterlijk 02-03-2026 (week 6) — Regeling procesgang art. 2" in text
    assert "TE LAAT: Plan van aanpak, uiterlijk 19-01-2026 (week 8) — Regeling procesgang art. 4" in text
    assert text.index("Piet Telaat") < text.index("Ans Vandaag")      # the case with the earliest date first
    assert "Alleen op basis van de werkmap" in text
    assert "<td>Probleemanalyse</td>" in html and "Werkgever S-01 BV" in html

    bert, text, html = bodies(by[BERT])
    assert bert["Content-Language"] == "en" and bert["Subject"].startswith("WVP deadlines week 10")
    assert "S-04 Wim Weekmelding" in text
    assert "Week-42 notification to UWV, due 12-03-2026 (week 43) — Ziektewet art. 38 lid 1" in text
    assert "S-03" not in text and "Rik Hersteld" not in text    # recovered: its milestones lapsed

    for received in server.messages:
        message, text, html = bodies(received)
        assert not medical_terms(message["Subject"] + text), text   # 'Operatieassistent' is S-01's job
        assert received.mail_from == "signalen@werksame.example"
        assert message.get_content_type() == "multipart/alternative"
    assert "Chris Zonderadres (S-05): geen adres" in out
    assert "overgeslagen Dirk Rustig: niets te melden deze week" in out


def test_a_rerun_sends_nothing_again_and_again_sends_once_more(workbook, capsys):
    with SmtpServer() as server:
        signals(workbook, server.uri)
        signals(workbook, server.uri)
        second = capsys.readouterr().out
        assert server.per_recipient() == {ANNA: 1, BERT: 1}
        assert "deze week al verzonden op" in second and "0 verzonden" in second
        signals(workbook, server.uri, "--again")
        assert server.per_recipient() == {ANNA: 2, BERT: 2}
        ids = [m.message["Message-ID"] for m in server.messages]
        assert len(set(ids)) == 4                                   # a new Message-ID for the deliberate resend
        signals(workbook, server.uri, as_of=AS_OF.replace(day=9))   # next week: a new signal
        assert server.per_recipient()[ANNA] == 3
    ledger = Ledger(workbook.with_name("casussen.signals.sqlite"), readonly=True)
    assert [(e.month, e.state) for e in ledger.entries() if e.case_id == ANNA] == [("2026-W10", "sent"),
                                                                                 ("2026-W11", "sent")]
    assert ("planned", "opnieuw verzonden op verzoek (--again)") in \
        [(state, detail) for _, state, detail in ledger.events(ANNA, "2026-W10")]
    ledger.close()


def test_nothing_due_sends_nothing_unless_always(workbook, capsys):
    with SmtpServer() as server:
        signals(workbook, server.uri, "--always")
    _, text, _ = bodies(next(m for m in server.messages if m.rcpt_tos == (DIRK,)))
    assert "geen termijn en is er niets te laat" in text


def test_a_dry_run_shows_the_text_and_writes_nothing(workbook, capsys):
    with SmtpServer() as server:
        assert signals(workbook, server.uri, "--dry-run") == 1
    out = capsys.readouterr().out
    assert not server.messages and not workbook.with_name("casussen.signals.sqlite").exists()
    assert "zou gaan     Anna Bakker -> anna@bureau.example" in out and "| Beste Anna Bakker," in out


def test_a_medical_word_in_the_text_refuses_that_signal(workbook, tmp_path, capsys):
    own = tmp_path / "mailteksten"
    shutil.copytree(mailbox_dir(), own)
    text = (own / "nl" / "signaal.txt").read_text(encoding="utf-8")
    (own / "nl" / "signaal.txt").write_text(text.replace("Beste {{ casemanager }},", "Beste {{ casemanager }}, "
                                                         "let op de knieoperatie."), encoding="utf-8")
    with SmtpServer() as server:
        assert signals(workbook, server.uri, "--mail-templates", str(own)) == 1
    out = capsys.readouterr().out
    assert server.per_recipient() == {BERT: 1}                  # English text untouched; Dutch refused
    assert "GEWEIGERD" in out and "knieoperatie" in out


def test_the_outbox_is_the_default_and_again_writes_a_second_file(workbook, capsys):
    assert main(["signals", str(workbook), "--as-of", AS_OF.isoformat(), "--profiles",
                 str(workbook.parent / "profielen.toml")]) == 1
    folder = workbook.parent / "outbox" / WEEK
    assert sorted(p.name for p in folder.iterdir()) == [f"{WEEK} {ANNA}.eml", f"{WEEK} {BERT}.eml"]
    main(["signals", str(workbook), "--as-of", AS_OF.isoformat(), "--profiles",
          str(workbook.parent / "profielen.toml"), "--again"])
    assert sorted(p.name for p in folder.iterdir()) == [f"{WEEK} {ANNA} (2).eml", f"{WEEK} {ANNA}.eml",
                                                          f"{WEEK} {BERT} (2).eml", f"{WEEK} {BERT}.eml"]
    assert "in outbox" in capsys.readouterr().out
