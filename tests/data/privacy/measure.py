"""Measure the AVG guard on the corpus: recall on medical phrases, false blocks on functional ones.

    python tests/data/privacy/measure.py [--misses] [--checks DIR]

Prints recall and false-block rate on the corpus (the test asserts 100% / 0%) and on the
control set (written after the vocabulary, never tuned phrase by phrase), and the time to
scan a 100-page text; with --misses also every medical phrase let through and every
functional phrase blocked.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from plugin.core.privacy import find_terms, vocabulary  # noqa: E402


SETS = {"corpus": ("medisch.txt", "functioneel.txt"),
        "control set": ("controle-medisch.txt", "controle-functioneel.txt")}


def phrases(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def hundred_pages(care_words: bool = True) -> str:
    """About 100 pages (300 words, ~2,000 characters each) of functional dossier text, one
    phrase a line, with one diagnosis at the end. care_words: use the phrases from health care
    too (dense with words the guard must look at twice), else only the general ones."""
    lines = phrases("functioneel.txt")
    if not care_words:
        lines = lines[len(lines) // 2:]
    text: list[str] = []
    size = 0
    while size < 100 * 2_000:
        for line in lines:
            text.append(line)
            size += len(line) + 1
    return "\n".join(text) + "\nDe werknemer heeft een knieoperatie gehad."


def timed(text: str, folder: Path | None) -> tuple[float, int]:
    best, hits = float("inf"), 0
    for _ in range(3):
        started = time.perf_counter()
        hits = len(find_terms(text, folder=folder))
        best = min(best, time.perf_counter() - started)
    return best, hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--checks", type=Path, default=None)
    args = parser.parse_args(argv)
    voc = vocabulary(args.checks)
    print(f"vocabulary: {len(voc.entries)} terms in {len(voc.groups)} groups")
    for label, (medical_file, functional_file) in SETS.items():
        medical, functional = phrases(medical_file), phrases(functional_file)
        missed = [p for p in medical if not find_terms(p, folder=args.checks)]
        blocked = [(p, find_terms(p, folder=args.checks)) for p in functional]
        blocked = [(p, hits) for p, hits in blocked if hits]
        print(f"{label}: recall {len(medical) - len(missed)}/{len(medical)} medical phrases blocked "
              f"({100 * (len(medical) - len(missed)) / len(medical):.1f}%), false blocks "
              f"{len(blocked)}/{len(functional)} functional phrases ({100 * len(blocked) / len(functional):.1f}%)")
        if args.misses:
            for phrase in missed:
                print(f"  MISSED   {phrase}")
            for phrase, found in blocked:
                print(f"  BLOCKED  {phrase}  <- {', '.join(h.term + ' ' + h.entry for h in found)}")
    for care_words, label in ((False, "general wording"), (True, "half from health care")):
        text = hundred_pages(care_words)
        elapsed, hits = timed(text, args.checks)
        print(f"100 pages, {label} ({len(text):,} characters): {elapsed * 1000:.0f} ms, {hits} hit(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
