"""The benchmark (bench/bench_generate.py) runs and its text-equality check passes.

Five cases only, so this is fast; it asserts correctness and positive numbers, never a speed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_generate.py"


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_smoke(tmp_path):
    bench = _bench_module()
    lines: list[str] = []
    result = bench.run_benchmark(cases=5, memory_cases=(3, 5), sample=12, workdir=tmp_path, report=lines.append)
    report = "\n".join(lines)
    assert result["ok"], report
    assert result["text_equal"] and result["plain"]["mismatches"] == [], report
    assert result["plain"]["compared"] == result["plain"]["docs"] == 12
    # all four document types are made and sampled
    assert set(result["ours"]["by_doc"]) == {"probleemanalyse", "trajectplan", "evaluatie", "eindrapportage"}
    assert set(result["plain"]["by_doc"]) == set(result["ours"]["by_doc"])
    assert result["ours"]["written"] == result["ours"]["jobs"] >= 5 * 4
    assert result["ours_docs_per_s"] > 0 and result["plain_docs_per_s"] > 0 and result["ratio"] > 0
    for run in result["memory"].values():
        assert run["maxrss_self_kb"] > 0 and run["written"] > 0
    assert "Text equality: OK" in report and "RESULT: OK" in report


def test_text_comparison_sees_a_difference(tmp_path):
    """The equality check is not vacuous: two different documents compare unequal."""
    bench = _bench_module()
    from doctext import doc_text, first_difference  # bench/ is on sys.path once bench_generate is loaded

    templates = Path(__file__).resolve().parents[1] / "templates" / "nl"
    a, b = doc_text(templates / "evaluatie.docx"), doc_text(templates / "trajectplan.docx")
    assert a and "word/document.xml" in a and a["word/document.xml"].strip()
    assert first_difference(a, a) == ""
    assert first_difference(a, b) != ""
    assert bench.pick_sample([], 10) == []
