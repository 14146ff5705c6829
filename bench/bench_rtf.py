"""Is the RTF and HTML reading linear? Time per size, for n and 4n, on the hostile shapes of issue 17.

    python bench/bench_rtf.py [--json]

For each shape, the time of our reader (`plugin.readers.rtf.to_text`, `plugin.readers.text.html_to_text`)
at n and 4n and the ratio t(4n)/t(n): about 4 for linear work. The baseline, in the same run, is
what the readers used before: striprtf's `rtf_to_text` and the regular expressions of the old
html_to_text (kept below as they were), at smaller sizes because they are superlinear (the
ratio shows it: 16 for quadratic, 64 for cubic). Best of 3 per size. Exit code 1 when one of
our ratios exceeds 8 (linear work with noise; quadratic is 16), so a regression in linearity is loud.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data" / "hostile"))
from round_two import rtf_deep_groups, rtf_unclosed_font_table, rtf_unclosed_hyperlinks  # noqa: E402

from plugin.readers import rtf, text  # noqa: E402

_DROP = re.compile(r"<(script|style|head|title)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<\s*(br|/p|/div|/tr|/li|/h[1-6]|/table|/blockquote)\b[^>]*>", re.IGNORECASE)
_CELL = re.compile(r"<\s*/t[dh]\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def old_html_to_text(markup: str) -> str:
    """html_to_text before issue 17 (its blank-line cleanup left out: it is not the slow part)."""
    text_ = _DROP.sub(" ", markup)
    text_ = _BREAK.sub("\n", text_)
    text_ = _CELL.sub("\t", text_)
    return html.unescape(_TAG.sub("", text_))


def striprtf(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    return rtf_to_text(data.decode("latin-1"), errors="replace")


def ours_rtf(data: bytes) -> str:
    return rtf.to_text(data, 10**9)   # no early stop at the text limit: the whole input is read


SHAPES = [
    # name, builder(size) -> input, ours, baseline, (n ours, n baseline)
    ("RTF: unclosed HYPERLINK fields", rtf_unclosed_hyperlinks, ours_rtf, striprtf, (1_000_000, 4_000)),
    ("RTF: unclosed font table", rtf_unclosed_font_table, ours_rtf, striprtf, (1_000_000, 10_000)),
    ("RTF: groups nested n/2 deep", lambda n: rtf_deep_groups(n // 2), ours_rtf, striprtf, (1_000_000, 100_000)),
    ("HTML: unclosed <title tags", lambda n: "<title" * (n // 6), text.html_to_text, old_html_to_text,
     (1_000_000, 20_000)),
    ("HTML: <br without '>'", lambda n: "<br" * (n // 3), text.html_to_text, old_html_to_text, (1_000_000, 20_000)),
]


def best(function, data, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(data)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for name, build, ours, baseline, (n_ours, n_base) in SHAPES:
        row = {"shape": name}
        for side, function, n in (("ours", ours, n_ours), ("baseline", baseline, n_base)):
            small, large = best(function, build(n)), best(function, build(4 * n))
            row[side] = {"n": n, "seconds_n": small, "seconds_4n": large, "ratio": large / max(small, 1e-9)}
        rows.append(row)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print("| shape | ours n | ours t(n) s | ours t(4n)/t(n) | baseline n | baseline t(n) s | baseline t(4n)/t(n) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for row in rows:
            o, b = row["ours"], row["baseline"]
            print(f"| {row['shape']} | {o['n']:,} | {o['seconds_n']:.3f} | {o['ratio']:.1f} | {b['n']:,} | "
                  f"{b['seconds_n']:.3f} | {b['ratio']:.1f} |")
    return 1 if any(row["ours"]["ratio"] > 8 for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
