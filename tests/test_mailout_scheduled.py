"""The mail-out as a scheduled run: `--month previous` picks its own month, a caught-up start sends
nothing twice, and the run log says what happened."""

from __future__ import annotations

import datetime as dt

from test_mailout_plan import MONTH, synthetic_workbook

from plugin.cli import main
from plugin.mail.mailout.message import month_name
from plugin.schedule.runlog import last, log_path, records
from plugin.signals.periods import resolve_month


def test_month_previous_is_the_month_before_today(tmp_path, capsys):
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx")
    assert main(["mailout", str(workbook), "--month", "previous", "--dry-run", "--no-pdf"]) in (0, 1)
    previous = resolve_month("previous", dt.date.today())
    assert capsys.readouterr().out.startswith(f"Mail-out {month_name(previous.year, previous.month, 'nl')} via")


def test_a_caught_up_scheduled_mailout_sends_nothing_twice(tmp_path, capsys):
    workbook = synthetic_workbook(tmp_path / "casussen.xlsx")
    args = ["mailout", str(workbook), "--month", MONTH, "--no-pdf", "--out", str(tmp_path / "output"),
            "--scheduled", "1 08:00"]
    assert main(args) == 0
    outbox = tmp_path / "outbox" / MONTH
    sent = sorted(p.name for p in outbox.iterdir())
    assert len(sent) == 10
    first = last(log_path(workbook), "mailout")
    assert first.period == MONTH and first.exit == 0 and first.counts == {"sent": 10, "skipped": 3}
    assert first.skipped == {"niet actief": 2, "geen e-mailadres werkgever": 1}
    assert first.summary().endswith("10 verzonden, 3 overgeslagen: 2 niet actief, geen e-mailadres werkgever")
    capsys.readouterr()
    assert main(args) == 0                                    # the start after a missed moment, again: nothing
    assert "Al gedraaid op" in capsys.readouterr().out
    assert main(args[:-2]) == 0                               # and by hand the ledger still sends nothing twice
    assert sorted(p.name for p in outbox.iterdir()) == sent
    assert len(records(log_path(workbook))) == 1
