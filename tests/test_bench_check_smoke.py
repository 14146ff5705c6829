"""The scan benchmark runs end to end on a small tree: both sides read every file (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "bench_check.py"


def test_bench_check_reads_every_file_on_both_sides():
    done = subprocess.run([sys.executable, str(SCRIPT), "--files", "60", "--json"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    counts, sides = result["counts"], result["sides"]
    total = sum(counts[kind] for kind in ("docx", "pdf", "eml", "txt", "xlsx") if kind in counts)
    assert total == 60
    assert counts["docx"] == 30 and counts["pdf"] == 21 and counts["eml"] == 6
    for side in ("baseline", "ours"):
        assert sides[side]["files"] == 60
        assert sides[side]["read"] == 60, sides[side]["problems"]
        assert sides[side]["seconds"] > 0 and sides[side]["peak_rss_tree"] > 0
    ours = sides["ours"]
    assert ours["attachments"] >= 1
    assert 0.6 * 60 <= ours["recognised"] <= 60


def test_bench_check_prints_a_table(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "--files", "12", "--keep", str(tmp_path / "tree")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "baseline (1 process, plain)" in done.stdout and "ours (scan_files)" in done.stdout
    assert "Recognised by ours:" in done.stdout
    assert len(list((tmp_path / "tree").rglob("*.*"))) == 12


def test_bench_recheck_uses_the_cache_and_gives_identical_findings():
    done = subprocess.run([sys.executable, str(SCRIPT), "--files", "30", "--recheck", "--json"], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    sides = json.loads(done.stdout)["sides"]
    cold, warm = sides["check-cold"], sides["check-warm"]
    assert cold["stats"]["read"] == 30 and cold["findings"] > 0
    assert cold["opened"] >= 30  # the counter sees the reads, in the reader workers too
    assert warm["stats"] == {"cached": 30, "same_content": 0, "read": 0, "pruned": 0}
    assert warm["opened"] == 0
    assert warm["digest"] == cold["digest"]
