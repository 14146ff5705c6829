"""The RIV benchmark (bench/bench_riv.py) runs on a small dossier and its checks pass.

It asserts what the bench asserts (one conversion on the rebuild, the bundle's pages and
bookmarks), never a speed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_riv.py"
pytestmark = pytest.mark.office


def test_riv_benchmark_smoke(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_riv", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    lines: list[str] = []
    result = bench.run_benchmark(documents=26, baseline=0, workdir=tmp_path, report=lines.append)
    assert result["ok"], "\n".join(lines)
    assert result["documents"] == 26 and result["cold"]["processes"] == 1
    assert (result["warm"]["converted"], result["warm"]["cached"]) == (1, result["cold"]["converted"])
    assert result["cold"]["office_seconds"] > 0 and "RESULT: OK" in lines[-1]
