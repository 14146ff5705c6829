"""poortwachter mailout through the default outbox: review files, dry run, reruns, refusals."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import shutil
import sqlite3

import pytest
from test_mailout_plan import MONTH, employer, synthetic_workbook

from plugin.cli import main
from plugin.documents.docprops import read_docx_properties
from plugin.mail.mailout.ledger import Ledger
from plugin.mail.mailout.report import docx_text
from plugin.core.privacy import medical_terms


@pytest.fixture
def setup(tmp_path):
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx")
    return workbook, tmp_path / "output"


def mailout(workbook, out, *extra):
    return main(["mailout", str(workbook), "--month", MONTH, "--out", str(out), "--no-pdf", *extra])


def emls(folder):
    return sorted((folder / "outbox" / MONTH).glob("*.eml"))


def parse(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_outbox_is_the_default_and_writes_one_reviewable_eml_per_case(setup, capsys):
    workbook, out = setup
    assert mailout(workbook, out) == 0
    text = capsys.readouterr().out
    files = emls(workbook.parent)
    assert len(files) == 10
    for path in files:
        message = parse(path)
        case_id = message["X-Poortwachter-Casus"]
        assert message["To"] == employer(int(case_id[2:]))
        assert message["X-Unsent"] == "1"            # Outlook opens it as a draft to send
        (docx,) = [p for p in message.iter_attachments() if p.get_filename().endswith(".docx")]
        assert read_docx_properties(io.BytesIO(docx.get_payload(decode=True)))["Casusnummer"] == case_id
    assert "10 in de outbox gezet" in text and "3 overgeslagen" in text
    assert "C-91" in text and "geen e-mailadres" in text
    assert "geen PDF: uitgezet met --no-pdf" in text
    ledger = Ledger(workbook.with_name("casussen.mailout.sqlite"))
    assert {e.state for e in ledger.entries(MONTH)} == {"sent"}
    assert [s for _, s, _ in ledger.events("C-01", MONTH)] == ["planned", "sending", "sent"]


def test_dry_run_writes_nothing(setup, capsys):
    workbook, out = setup
    before = sorted(p.name for p in workbook.parent.iterdir())
    assert mailout(workbook, out, "--dry-run") == 0
    text = capsys.readouterr().out
    assert sorted(p.name for p in workbook.parent.iterdir()) == before     # no ledger, outbox or output
    assert "proefrun" in text and f"-> {employer(1)}: evaluatie 28-01-2026" in text
    assert text.count("zou gaan") == 10


def test_second_run_sends_nothing(setup, capsys):
    workbook, out = setup
    assert mailout(workbook, out) == 0
    first = {p.name: p.read_bytes() for p in emls(workbook.parent)}
    capsys.readouterr()
    assert mailout(workbook, out) == 0
    text = capsys.readouterr().out
    assert "0 in de outbox gezet" in text and text.count("al verzonden") == 10
    assert {p.name: p.read_bytes() for p in emls(workbook.parent)} == first


def test_attachment_of_another_case_is_refused_then_retried(setup, capsys):
    workbook, out = setup
    assert mailout(workbook, out, "--case", "C-02") == 0
    wrong = out / "C-04 Werknemer 04" / "2026-01-31 Monthly report.docx"
    wrong.parent.mkdir(parents=True)
    shutil.copy(out / "C-02 Werknemer 02" / "2026-01-31 Monthly report.docx", wrong)   # a copy in the wrong folder
    capsys.readouterr()
    assert mailout(workbook, out, "--case", "C-04") == 1
    text = capsys.readouterr().out
    assert "GEWEIGERD" in text and "hoort bij casus C-02, niet bij casus C-04" in text
    assert [p.name for p in emls(workbook.parent)] == [f"{MONTH} C-02.eml"]
    wrong.unlink()
    assert mailout(workbook, out, "--case", "C-04") == 0                          # refused is tried again
    assert len(emls(workbook.parent)) == 2


def test_diagnosis_in_the_workbook_is_refused(tmp_path, capsys):
    workbook = synthetic_workbook(tmp_path / "w.xlsx")
    from openpyxl import load_workbook as open_xlsx

    book = open_xlsx(workbook)
    book["Evaluaties"]["D3"] = "Herstel na de operatie verloopt goed."     # C-01's evaluation of 28-01
    book.save(workbook)
    assert mailout(workbook, tmp_path / "out", "--case", "C-01", "--case", "C-03") == 1
    text = capsys.readouterr().out
    assert "casus C-01 (geweigerd)" in text and "'operatie'" in text and "Evaluaties" in text
    assert [p.name for p in emls(tmp_path)] == [f"{MONTH} C-03.eml"]


def test_diagnosis_typed_into_the_completed_document_is_refused(setup, capsys):
    """A report already in OUT is mailed as the bureau completed it, so it is checked again."""
    workbook, out = setup
    from docx import Document

    from plugin.documents.generate import Job, Renderer, render_job
    from plugin.resources import templates_dir
    from plugin.workbook.load import load_workbook

    path = out / "C-03 Werknemer 03" / "2026-01-31 Maandrapportage.docx"
    job = Job("C-03", "maandrapportage", "nl", dt.date(2026, 1, 31), path, None,
              (dt.date(2026, 1, 1), dt.date(2026, 1, 31)))
    path.parent.mkdir(parents=True)
    path.write_bytes(render_job(Renderer(templates_dir()), load_workbook(workbook).cases["C-03"], job).data)
    document = Document(str(path))
    document.add_paragraph("Toelichting: de werknemer heeft een hernia.")
    document.save(str(path))
    assert mailout(workbook, out, "--case", "C-03") == 1
    text = capsys.readouterr().out
    assert "in bijlage 2026-01-31 Maandrapportage.docx: 'hernia'" in text
    assert emls(workbook.parent) == []


def test_diagnosis_in_the_mail_text_is_refused_but_the_bureaus_own_words_are_not(setup, tmp_path, capsys):
    workbook, out = setup
    from openpyxl import load_workbook as open_xlsx

    book = open_xlsx(workbook)
    sheet = book["Casussen"]
    column = [c.value for c in sheet[1]].index("Belastbaarheid") + 1
    sheet.cell(row=4, column=column, value="Na een hernia: niet tillen.")     # C-03
    book.save(workbook)
    mail = tmp_path / "mail"
    from plugin.resources import mailbox_dir

    shutil.copytree(mailbox_dir(), mail, ignore=shutil.ignore_patterns("*.toml"))
    source = (mail / "nl" / "maandrapportage.txt").read_text(encoding="utf-8")
    (mail / "nl" / "maandrapportage.txt").write_text(
        source + "\nDeze mail bevat geen diagnose.\nBelastbaarheid: {{ casus.belastbaarheid }}\n", encoding="utf-8")
    assert mailout(workbook, out, "--case", "C-01", "--case", "C-03", "--mail-templates", str(mail)) == 1
    text = capsys.readouterr().out
    assert "casus C-03 (geweigerd)" in text and "in onderwerp of tekst van de mail: 'hernia'" in text
    (sent,) = emls(workbook.parent)
    body = parse(sent).get_body(("plain",)).get_content()
    assert "Deze mail bevat geen diagnose." in body        # the template's own words are allowed


def test_generated_mail_has_no_medical_terms_and_the_case_language(setup):
    workbook, out = setup
    assert mailout(workbook, out) == 0
    for path in emls(workbook.parent):
        message = parse(path)
        body = message.get_body(("plain",)).get_content()
        english = int(message["X-Poortwachter-Casus"][2:]) % 2 == 0
        assert message["Content-Language"] == ("en" if english else "nl")
        assert body.startswith("Dear Contact" if english else "Beste Contact")
        assert ("Kind regards" if english else "Met vriendelijke groet") in body
        assert not medical_terms(message["Subject"] + body)
        docx = next(p for p in message.iter_attachments())
        text = docx_text(docx.get_payload(decode=True))
        assert ("Monthly re-integration report" if english else "Maandrapportage re-integratie") in text \
            or "Evaluatie" in text


def test_crash_during_outbox_write_resumes_without_duplicates(setup, capsys):
    workbook, out = setup
    assert mailout(workbook, out) == 0
    ledger_path = workbook.with_name("casussen.mailout.sqlite")
    lost, kept = emls(workbook.parent)[0], emls(workbook.parent)[1]
    with sqlite3.connect(ledger_path) as db:      # as if killed during the write of two files
        db.execute("UPDATE messages SET state='sending' WHERE case_id IN ('C-01', 'C-02')")
    kept_bytes = kept.read_bytes()
    lost_id = parse(lost)["Message-ID"]
    lost.unlink()
    capsys.readouterr()
    assert mailout(workbook, out) == 0
    text = capsys.readouterr().out
    assert "teruggevonden" in text and "1 in de outbox gezet" in text
    assert parse(lost)["Message-ID"] == lost_id        # the same message, with the Message-ID kept in the ledger
    assert kept.read_bytes() == kept_bytes
    assert {e.state for e in Ledger(ledger_path).entries(MONTH)} == {"sent"}


@pytest.mark.slow
def test_pdf_copy_is_attached_when_libreoffice_is_there(setup):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) niet geïnstalleerd")
    workbook, out = setup
    assert main(["mailout", str(workbook), "--month", MONTH, "--out", str(out), "--case", "C-02"]) == 0
    (path,) = emls(workbook.parent)
    names = [p.get_filename() for p in parse(path).iter_attachments()]
    assert names == ["2026-01-31 Monthly report.docx", "2026-01-31 Monthly report.pdf"]
    assert (out / "C-02 Werknemer 02" / "2026-01-31 Monthly report.pdf").read_bytes()[:4] == b"%PDF"
