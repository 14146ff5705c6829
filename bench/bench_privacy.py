"""Benchmark: the AVG guard against the cheapest thing that reads a text at all.

    python bench/bench_privacy.py              # 100 pages, best of 5
    python bench/bench_privacy.py --pages 20

Baseline, measured in the same run on the same text: one pass of `re.findall(r"\\w+")` over
the lower-cased text (splitting into words is the least any word guard does). Ours:
`plugin.core.privacy.find_terms` (compound-aware vocabulary of ~1,900 terms, exceptions,
work context). The ratio is ours / baseline time; the target is at most 20x, i.e. the guard
costs no more than reading the text word by word twenty times (general wording is ~3-5x;
text where every line names a care job is the worst case, ~7-15x). Two texts: general functional
wording, and half health-care jobs and employers (many words the guard must look at twice).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data" / "privacy"))

from measure import hundred_pages  # noqa: E402

from plugin.core.privacy import find_terms, vocabulary  # noqa: E402

TARGET = 20.0
_WORDS = re.compile(r"\w+")


def _best(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def run_benchmark(pages: int = 100, repeat: int = 5, report=print) -> dict:
    started = time.perf_counter()
    vocabulary()
    compile_seconds = time.perf_counter() - started
    result = {"pages": pages, "compile_s": compile_seconds, "texts": {}}
    report(f"AVG guard benchmark: {pages} pages, best of {repeat}; vocabulary compiled in {compile_seconds:.2f} s")
    report(f"  {'text':34} {'chars':>9} {'baseline ms':>12} {'guard ms':>9} {'ratio':>7} {'hits':>5}")
    for care_words, label in ((False, "general wording"), (True, "half from health care")):
        full = hundred_pages(care_words)
        body, _, diagnosis = full.rpartition("\n")
        text = body[: len(body) * pages // 100].rpartition("\n")[0] + "\n" + diagnosis
        baseline = _best(lambda: _WORDS.findall(text.lower()), repeat)
        ours = _best(lambda: find_terms(text), repeat)
        hits = len(find_terms(text))
        ratio = ours / baseline if baseline else float("inf")
        result["texts"][label] = {"chars": len(text), "baseline_s": baseline, "guard_s": ours, "ratio": ratio,
                                  "hits": hits}
        report(f"  {label:34} {len(text):9,} {baseline * 1000:12.1f} {ours * 1000:9.1f} {ratio:6.1f}x {hits:5}")
    worst = max(t["ratio"] for t in result["texts"].values())
    result["ok"] = worst <= TARGET
    report(f"  worst ratio {worst:.1f}x (target <= {TARGET:.0f}x): {'OK' if result['ok'] else 'SLOWER THAN TARGET'}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    run_benchmark(args.pages, args.repeat)
    return 0      # like the other benchmarks: the ratio is reported, it does not fail the run


if __name__ == "__main__":
    sys.exit(main())
