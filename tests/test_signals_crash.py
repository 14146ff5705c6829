"""Kill a real `python -m plugin signals` half-way (SIGKILL), run it again, and start it as a
scheduled run that catches up: every casemanager gets exactly one signal this week."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from signals_fixtures import ANNA, AS_OF, BERT, SENDER, WEEK, signals_workbook
from smtp_server import SmtpServer, free_port

from plugin.cli import main
from plugin.mail.mailout.ledger import Ledger
from plugin.schedule.runlog import last, log_path, records

REPO = Path(__file__).resolve().parents[1]


def run_cli(workbook: Path, uri: str, *extra: str, wait: bool = True):
    command = [sys.executable, "-m", "plugin", "signals", str(workbook), "--via", uri, "--from", SENDER,
               "--as-of", AS_OF.isoformat(), "--profiles", str(workbook.parent / "profielen.toml"), *extra]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if not wait:
        return subprocess.Popen(command, cwd=workbook.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(command, cwd=workbook.parent, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_killed_run_resumes_and_every_casemanager_gets_exactly_one_signal(tmp_path):
    workbook = signals_workbook(tmp_path)
    with SmtpServer(hold_after=2, hold_seconds=300) as server:
        process = run_cli(workbook, server.uri, wait=False)
        try:
            assert server.holding.wait(90), process.communicate(timeout=5)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        ledger = Ledger(workbook.with_name("casussen.signals.sqlite"), readonly=True)
        assert sorted((e.case_id, e.state) for e in ledger.entries(WEEK)) == [(ANNA, "sent"), (BERT, "sending")]
        ledger.close()

        second = run_cli(workbook, server.uri)
        assert second.returncode == 1, second.stderr
        assert "Bert Smit (onbekend)" in second.stdout and "--again" in second.stdout
        third = run_cli(workbook, server.uri)
        assert "0 verzonden" in third.stdout
    assert server.per_recipient() == {ANNA: 1, BERT: 1}


def test_a_caught_up_scheduled_run_sends_nothing_twice(tmp_path, capsys):
    workbook = signals_workbook(tmp_path)
    args = ["signals", str(workbook), "--from", SENDER, "--as-of", AS_OF.isoformat(),
            "--profiles", str(workbook.parent / "profielen.toml"), "--scheduled", "ma 08:00"]
    down = f"smtp://127.0.0.1:{free_port()}"          # the first start: the mail server cannot be reached
    assert main([*args[:2], "--via", down, *args[2:]]) == 1
    assert last(log_path(workbook), "signals").counts == {"failed": 2, "skipped": 2}
    with SmtpServer() as server:
        assert main([*args[:2], "--via", server.uri, *args[2:]]) == 1    # caught up: a failed run is tried again
        assert server.per_recipient() == {ANNA: 1, BERT: 1}
        capsys.readouterr()
        assert main([*args[:2], "--via", server.uri, *args[2:]]) == 0    # and then never again for this moment
        assert "Al gedraaid op" in capsys.readouterr().out
        assert main(args[:2] + ["--via", server.uri] + args[2:-2]) == 1      # by hand: the ledger still says no
        assert server.per_recipient() == {ANNA: 1, BERT: 1}
    runs = records(log_path(workbook))
    assert [r.period for r in runs] == [WEEK, WEEK]                   # the skipped start writes no line
    summary = runs[-1].summary()
    assert summary.startswith("laatste run: ") and ", 2 verzonden, 2 overgeslagen: " in summary
    assert summary.endswith(("geen adres, niets te melden deze week", "niets te melden deze week, geen adres"))
