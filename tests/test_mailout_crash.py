"""Kill a real `python -m plugin mailout` half-way (SIGKILL) and run it again: every employer
gets exactly one message, counted at a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from smtp_server import SmtpServer
from test_mailout_plan import MONTH, employer, synthetic_workbook

from plugin.mail.mailout.ledger import Ledger

REPO = Path(__file__).resolve().parents[1]
HELD = 4    # the server stores the 4th message, then holds back its "250 OK": the client hangs there


def run_cli(workbook: Path, uri: str, *extra: str, wait: bool = True):
    command = [sys.executable, "-m", "plugin", "mailout", str(workbook), "--month", MONTH, "--via", uri,
               "--from", "rapportages@werksame.example", "--out", str(workbook.parent / "output"), "--no-pdf", *extra]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if not wait:
        return subprocess.Popen(command, cwd=workbook.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(command, cwd=workbook.parent, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_killed_run_resumes_and_every_case_gets_exactly_one_message(tmp_path):
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx")
    with SmtpServer(hold_after=HELD, hold_seconds=300) as server:
        process = run_cli(workbook, server.uri, wait=False)
        try:
            assert server.holding.wait(90), process.communicate(timeout=5)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        ledger = Ledger(workbook.with_name("casussen.mailout.sqlite"), readonly=True)
        states = sorted(e.state for e in ledger.entries(MONTH))
        ledger.close()
        assert states == ["sending"] + ["sent"] * (HELD - 1)     # state was committed before each send
        in_doubt = next(m.message["X-Poortwachter-Casus"] for m in server.messages[HELD - 1:HELD])

        second = run_cli(workbook, server.uri)
        assert second.returncode == 1, second.stderr               # one message needs a person's check
        assert f"casus {in_doubt} (onbekend)" in second.stdout and "--resend-unknown" in second.stdout
        assert f"{10 - HELD} verzonden" in second.stdout

        third = run_cli(workbook, server.uri)                      # and again: nothing new goes out
        assert "0 verzonden" in third.stdout

    assert server.per_recipient() == {employer(i): 1 for i in range(1, 11)}
    ids = [m.message["Message-ID"] for m in server.messages]
    assert len(set(ids)) == 10
