"""bench/bench_mailbox.py runs end to end on a small mailbox (no timing assertions)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_bench_runs_on_a_small_mailbox(capsys):
    sys.path.insert(0, str(REPO / "bench"))
    import bench_mailbox

    from imap_server import dovecot_available

    args = ["--count", "200", "--imap-count", "100"] + ([] if dovecot_available() else ["--no-imap"])
    rows = bench_mailbox.main(args)
    backends = [row["backend"] for row in rows]
    assert backends[0] == "maildir" and rows[0]["messages"] == 200 and rows[0]["evidence"] > 0
    if dovecot_available():
        assert backends[1:] == ["imap/server", "imap/local"]
    assert all(row["ratio"] > 0 for row in rows)  # both runs found the same evidence (asserted inside)
    assert all(row["rescan_s"] > 0 and row["first_s"] > 0 for row in rows)  # same evidence again (asserted)
    assert "speed-up" in capsys.readouterr().out
