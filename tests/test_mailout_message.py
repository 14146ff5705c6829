"""The pieces under the mail-out: the maandrapportage template, the mail texts and the ledger."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from test_mailout_plan import MONTH, synthetic_workbook

from plugin.errors import MailError, TemplateProblem
from plugin.documents.generate import Renderer
from plugin.mail.mailout.ledger import Ledger
from plugin.mail.mailout.message import render_mail
from plugin.mail.mailout.plan import Month, plan_month
from plugin.mail.mailout.report import docx_text, prepare
from plugin.resources import mailbox_dir, templates_dir
from plugin.workbook.load import load_workbook


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    return load_workbook(synthetic_workbook(tmp_path_factory.mktemp("wb") / "casussen.xlsx"))


@pytest.mark.parametrize(("case_id", "expected", "absent"), (
    ("C-03", ("Maandrapportage re-integratie", "1 januari 2026 tot en met 31 januari 2026", "Werkplekonderzoek",
              "Aangepaste werkplek", "Openstaande WVP-termijnen", "Plan van aanpak"), ("Coaching", "[Aanvullen")),
    ("C-02", ("Monthly re-integration report", "1 January 2026 to 31 January 2026",
              "No meetings recorded in this period.", "No activities recorded in this period."), ("Progressing",)),
))
def test_maandrapportage_shows_the_month_only(workbook, tmp_path, case_id, expected, absent):
    month = Month.parse(MONTH)
    (report,), _ = plan_month(workbook, month, [case_id])
    attachment = prepare(Renderer(templates_dir()), workbook.cases[case_id], report, month, tmp_path)
    text = docx_text(attachment.data)
    for phrase in expected:
        assert phrase in text, phrase
    for phrase in absent + ("{{", "{%"):
        assert phrase not in text, phrase
    assert attachment.path.is_file() and not attachment.existing


def context(name="Jan Jansen", **casus):
    return {"casus": {"naam_werknemer": name, "casusnummer": "C-1", "contactpersoon_werkgever": None,
                      "functie": "Planner", "casemanager": "Ellen", "re_integratiebureau": None, **casus},
            "maand": "januari 2026", "periode": {"van": dt.date(2026, 1, 1), "tot": dt.date(2026, 1, 31)},
            "document": {"type": "maandrapportage", "titel": "Maandrapportage", "datum": dt.date(2026, 1, 31),
                         "bestandsnaam": "x.docx"},
            "evaluatie": None, "bijlagen": ["x.docx"], "pdf": False, "vandaag": dt.date(2026, 2, 1),
            "komende_termijnen": [{"naam": "Eerstejaarsevaluatie", "uiterlijk": dt.date(2026, 8, 30), "week": 52}]}


def test_default_mail_text_in_both_languages():
    nl = render_mail(mailbox_dir(), "nl", context())
    assert nl.subject == "Maandrapportage januari 2026: Jan Jansen (dossier C-1)"
    assert nl.body.startswith("Beste relatie,\n\nBijgaand ontvangt u de maandrapportage over januari 2026")
    assert "- Eerstejaarsevaluatie: uiterlijk 30 augustus 2026 (week 52)" in nl.body
    assert nl.body.endswith("-- \nMet vriendelijke groet,\n\nEllen\n")
    en = render_mail(mailbox_dir(), "en", context())
    assert en.subject.startswith("Maandrapportage januari 2026") and en.body.startswith("Dear Sir or Madam,")


def test_subject_stays_one_line():
    mail = render_mail(mailbox_dir(), "nl", context(name="Jan\r\nBcc: iedereen@example.com"))
    assert "\n" not in mail.subject and "\r" not in mail.subject


@pytest.mark.parametrize(("text", "message"), (
    ("Beste {{ casus.naam }}\n", "'Onderwerp: ...'"),
    ("Onderwerp: {{ casus.naam_werknemr }}\n\nTekst\n", "naam_werknemr"),
    ("Onderwerp: x {{ casus.__class__ }}\n\nTekst\n", "fout in mailtekst"),
))
def test_broken_mail_text_names_the_file(tmp_path, text, message):
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "maandrapportage.txt").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateProblem, match="maandrapportage.txt") as error:
        render_mail(tmp_path, "nl", context())
    assert message in str(error.value)


def test_ledger_keeps_one_message_id_and_claims_once(tmp_path):
    ledger = Ledger(tmp_path / "l.sqlite")
    first = ledger.plan("C-1", MONTH, "mail", "a@x.example", "bureau.example")
    again = ledger.plan("C-1", MONTH, "mail", "b@x.example", "bureau.example")   # corrected address, same id
    assert first.message_id == again.message_id and first.message_id.endswith("@bureau.example>")
    assert again.recipient == "b@x.example"
    assert ledger.claim(again, "s", "a.docx", "smtp") is True
    assert ledger.claim(again, "s", "a.docx", "smtp") is False               # already 'sending'
    ledger.mark(again, "unknown", "verbinding weg")
    assert ledger.claim(again, "s", "a.docx", "smtp") is False
    assert ledger.claim(again, "s", "a.docx", "smtp", allow_unknown=True) is True
    ledger.mark(again, "sent")
    assert ledger.plan("C-1", MONTH, "mail", "c@x.example", "bureau.example").recipient == "b@x.example"
    assert ledger.plan("C-1", MONTH, "outbox", "b@x.example", "x").message_id != first.message_id
    with sqlite3.connect(tmp_path / "l.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_dry_run_ledger_is_read_only(tmp_path):
    ledger = Ledger(tmp_path / "none.sqlite", readonly=True)
    assert ledger.get("C-1", MONTH, "mail") is None
    with pytest.raises(MailError):
        ledger.plan("C-1", MONTH, "mail", "a@x.example", "x")
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.parametrize(("place", "where"), (
    ("title", "documenteigenschap Titel"), ("comment", "opmerking van Casemanager"),
    ("deletion", "bijgehouden wijziging (verwijderd) in hoofdtekst"), ("header", "koptekst"),
    ("textbox", "tekstvak in hoofdtekst"), ("footnote", "voetnoot"), ("custom", "aangepaste eigenschap Toelichting"),
))
def test_a_report_edited_in_word_with_a_diagnosis_in_a_hidden_part_is_refused(tmp_path, capsys, place, where):
    """The bureau completed the report in Word: the diagnosis is only in a comment, a deleted
    sentence, the title, ... The mail-out reads every part and refuses, naming word and part."""
    import sys
    from pathlib import Path

    from test_mailout_outbox import emls, mailout

    from plugin.documents.generate import Job, render_job

    sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "privacy"))
    from leaky_docx import hide

    workbook = synthetic_workbook(tmp_path / "casussen.xlsx")
    out = tmp_path / "output"
    path = out / "C-03 Werknemer 03" / "2026-01-31 Maandrapportage.docx"
    job = Job("C-03", "maandrapportage", "nl", dt.date(2026, 1, 31), path, None,
              (dt.date(2026, 1, 1), dt.date(2026, 1, 31)))
    path.parent.mkdir(parents=True)
    clean = render_job(Renderer(templates_dir()), load_workbook(workbook).cases["C-03"], job).data
    path.write_bytes(hide(clean, place, "Toelichting: herstel na de knieoperatie gaat langzaam."))
    assert mailout(workbook, out, "--case", "C-03") == 1
    text = capsys.readouterr().out
    assert f"in bijlage 2026-01-31 Maandrapportage.docx: 'knieoperatie' (letsel of breuk, in {where})" in text
    assert emls(workbook.parent) == []
    path.write_bytes(clean)
    assert mailout(workbook, out, "--case", "C-03") == 0          # the clean report goes out
    assert len(emls(workbook.parent)) == 1


def test_case_numbers_that_sanitise_alike_get_their_own_outbox_file_and_report_folder(tmp_path):
    from plugin.mail.mailout.transports.outbox import Outbox

    outbox = Outbox(tmp_path)
    assert outbox.path_for("2025/001", MONTH) != outbox.path_for("2025_001", MONTH)
    assert outbox.path_for("2025_001", MONTH).name == f"{MONTH} 2025_001.eml"
