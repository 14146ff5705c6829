"""The app benchmark (bench/bench_app.py) runs end to end on a small workbook: same rows as the CLI.

It asserts correctness and positive numbers, never a speed (speed targets live in bench/).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_app.py"


def test_bench_app_smoke(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_app", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    lines: list[str] = []
    result = bench.run_benchmark(cases=12, repeat=2, workdir=tmp_path, report=lines.append)
    assert result["ok"], "\n".join(lines)
    assert result["rows"] == result["page_rows"] == result["cli_cases"] == 12
    assert result["workbook_reads"] == 2      # read once, and again after the save
    for key in ("cli_ms", "first_api_ms", "api_server_ms", "page_server_ms", "ratio_api", "ratio_page"):
        assert result[key] > 0, key
    assert "RESULT: OK" in lines[-1]
