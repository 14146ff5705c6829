"""Issue 8, the mail-out: bad senders are usage errors, bad addresses never pass silently."""

from __future__ import annotations

import email
import email.policy
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_mailout_plan import MONTH, synthetic_workbook

from plugin.cli import main
from plugin.errors import MailError
from plugin.mail.mailout.message import parse_sender
from plugin.mail.mailout.plan import Month, plan_month
from plugin.mail.mailout.run import MailStatus, Options, run_mailout
from plugin.workbook.load import load_workbook


def _mailout(workbook: Path, tmp_path: Path, *extra: str) -> int:
    return main(["mailout", str(workbook), "--month", MONTH, "--via", f"outbox:{tmp_path / 'outbox'}",
                 "--out", str(tmp_path / "out"), "--no-pdf", "--ledger", str(tmp_path / "ledger.sqlite"), *extra])


@pytest.mark.parametrize("sender", ["bureau@x.nl\r\nBcc: evil@y.com", "bureau@x.nl\nX: y", "a@x.nl, b@y.nl",
                                    "a@x.nl b@y.nl", "jürgen@bücher.de", ""])
def test_bad_from_is_a_usage_error_not_a_crash(tmp_path, sender, capsys):
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx", active=1)
    with pytest.raises(SystemExit) as stop:
        _mailout(workbook, tmp_path, "--from", sender)
    assert stop.value.code == 2
    assert "--from" in capsys.readouterr().err
    assert not (tmp_path / "outbox").exists()


def test_good_from_with_a_name_and_idn_domain():
    assert parse_sender("Bureau Müller <info@bücher.de>") == "Bureau Müller <info@xn--bcher-kva.de>"
    with pytest.raises(MailError):
        parse_sender("Bureau <info@x.nl>\r\nBcc: a@b.nl")


def test_idn_domain_is_delivered_in_ascii_and_accented_local_part_is_refused(tmp_path, capsys):
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx", active=2,
                                  extra_rows={1: {"E-mail werkgever": "hr@bücher.de"},
                                              2: {"E-mail werkgever": "jürgen@bücher.de"}})
    assert _mailout(workbook, tmp_path) == 1   # the workbook problem of C-02 makes the exit 1
    err = capsys.readouterr().err
    assert "accenten" in err and "C-02" in err
    files = list((tmp_path / "outbox").rglob("*.eml"))
    assert len(files) == 1
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert message["To"] == "hr@xn--bcher-kva.de"
    assert message["X-Poortwachter-Casus"] == "C-01"


def test_two_addresses_are_refused_by_the_workbook_and_the_exit_is_1(tmp_path):
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx", active=1,
                                  extra_rows={1: {"E-mail werkgever": "hr@x.nl, evil@y.com"}})
    assert _mailout(workbook, tmp_path) == 1
    assert not list((tmp_path / "outbox").rglob("*.eml")) if (tmp_path / "outbox").exists() else True


def test_a_case_skipped_for_a_bad_address_is_refused_and_makes_the_exit_1(tmp_path):
    book = load_workbook(synthetic_workbook(tmp_path / "casussen.xlsx", active=1))
    book.cases["C-01"].data["email_werkgever"] = "hr@x.nl, evil@y.com"   # as if it slipped past the loader
    month = Month.parse(MONTH)
    reports, skips = plan_month(book, month)
    assert [s.case_id for s in skips if s.problem] == ["C-01"]
    from plugin.mail.mailout.ledger import Ledger
    from plugin.mail.mailout.transports.outbox import Outbox
    from plugin.resources import mailbox_dir, templates_dir

    ledger = Ledger(tmp_path / "l.sqlite")
    try:
        results = list(run_mailout(book, month, Outbox(tmp_path / "outbox"), ledger,
                                   Options(tmp_path / "out", templates_dir(), mailbox_dir(), ["C-01"], pdf=False)))
    finally:
        ledger.close()
    assert [(r.case_id, r.status) for r in results] == [("C-01", MailStatus.REFUSED)]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="process ids and modes are POSIX here")
def test_pdf_work_folders_of_killed_runs_are_removed(tmp_path, monkeypatch):
    from plugin.mail.mailout import pdf

    monkeypatch.setattr(pdf.tempfile, "gettempdir", lambda: str(tmp_path))
    base = pdf.private_temp()
    assert base == tmp_path / f"poortwachter-{os.getuid()}" and stat.S_IMODE(base.stat().st_mode) == 0o700
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = base / f"pdf-{int(dead.stdout)}-x1"
    (gone / "job-1").mkdir(parents=True)
    (gone / "job-1" / "Rapportage Jan Jansen.docx").write_bytes(b"copy")
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        running = base / f"pdf-{alive.pid}-x2"
        running.mkdir()
        legacy = tmp_path / "poortwachter-pdf-abc"
        legacy.mkdir()
        os.utime(legacy, (time.time() - 3 * 86400,) * 2)
        removed = pdf.remove_stale(base)
    finally:
        alive.kill()
        alive.wait()
    assert set(removed) == {gone, legacy}
    assert running.exists() and not gone.exists() and not legacy.exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="links and modes are POSIX here")
def test_planted_link_as_private_temp_is_not_used(tmp_path, monkeypatch):
    from plugin.mail.mailout import pdf

    monkeypatch.setattr(pdf.tempfile, "gettempdir", lambda: str(tmp_path))
    elsewhere = tmp_path / "aanvaller"
    elsewhere.mkdir()
    (tmp_path / f"poortwachter-{os.getuid()}").symlink_to(elsewhere)
    base = pdf.private_temp()
    assert base.resolve() != elsewhere.resolve() and not base.is_symlink()
    assert stat.S_IMODE(base.stat().st_mode) == 0o700
