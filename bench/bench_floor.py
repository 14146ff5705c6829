"""Generation per core against the best docxtpl loop one can write (issue 19: target >= 0.6x).

    python bench/bench_floor.py [--cases 150] [--repeat 3] [--profile] [--json FILE]

Both sides run in this one process, one core, on the same synthetic workbook (`synthetic.py`)
and the same planned jobs, best of `--repeat` runs each, alternating so the machine's load
hits both alike:
- **ours**: `generate.run_case` per case (calendar, context, render, the AVG guard on every
  part, whole-or-nothing files that never overwrite, synced to disk).
- **the floor**: the fastest plain loop we could write in 30 lines with docxtpl's own pieces:
  each template's XML cleaned by `DocxTemplate.patch_xml` and compiled by Jinja once, the
  unchanging parts compressed once and copied, per document the context built, the parts
  rendered and appended, the file written with open('xb') and fsync. No guard, no checks.
The ratio is our documents per second over the floor's. Exit code 1 when a run fails to
write every document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_workbook  # noqa: E402

TODAY = dt.date(2026, 6, 1)
DOCS = ["probleemanalyse", "plan-van-aanpak", "trajectplan", "evaluatie", "eindrapportage"]


def _plan(workbook: Path, out: Path):
    from plugin.documents.generate import plan_jobs
    from plugin.workbook.load import load_workbook

    book = load_workbook(workbook)
    plan = plan_jobs(book, out, docs=DOCS, today=TODAY)
    by_case: dict[str, list] = {}
    for job in plan.jobs:
        by_case.setdefault(job.case_id, []).append(job)
    return book, by_case


def ours(book, by_case: dict, folder: Path) -> tuple[float, int]:
    from plugin.documents.generate import Renderer, run_case
    from plugin.resources import templates_dir

    renderer = Renderer(templates_dir())
    for jobs in by_case.values():   # templates compiled before the clock, as the floor's are
        for job in jobs:
            renderer.template(job.lang, job.doc)
    written = 0
    start = time.perf_counter()
    for case_id, jobs in by_case.items():
        for outcome in run_case(templates_dir(), book.cases[case_id], _moved(jobs, folder), False, TODAY, renderer):
            written += outcome.status == "written"
    return time.perf_counter() - start, written


def floor(book, by_case: dict, folder: Path) -> tuple[float, int]:
    """The best plain loop: compiled once, static parts copied, fsync per file."""
    from docxtpl import DocxTemplate

    from plugin.documents.context import build_context
    from plugin.documents.generate import find_template
    from plugin.documents.render import environment
    from plugin.resources import templates_dir
    from plugin.workbook.facts import calendar_for

    compiled: dict = {}

    def compile_template(path: Path, lang: str):
        with zipfile.ZipFile(path) as archive:
            members = [(info, archive.read(info)) for info in archive.infolist()]
        parts = {info.filename: environment(lang).from_string(DocxTemplate.patch_xml(None, data.decode()))
                 for info, data in members if re.match(r"word/(document|header\d*|footer\d*)\.xml$", info.filename)
                 and b"{" in data}
        prefix = io.BytesIO()
        with zipfile.ZipFile(prefix, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in members:
                if info.filename not in parts:
                    archive.writestr(info.filename, data)
        return prefix.getvalue(), parts

    for jobs in by_case.values():
        for job in jobs:
            path = find_template(templates_dir(), job.lang, job.doc)
            compiled.setdefault(path, compile_template(path, job.lang))
    written = 0
    start = time.perf_counter()
    for case_id, jobs in by_case.items():
        case = book.cases[case_id]
        calendar = calendar_for(case)
        for job in _moved(jobs, folder):
            path = find_template(templates_dir(), job.lang, job.doc)
            prefix, parts = compiled[path]
            context = build_context(case, calendar, job.doc, job.lang, job.date, path.name, job.evaluation_index,
                                    TODAY, job.period)
            buffer = io.BytesIO(prefix)
            buffer.seek(0, io.SEEK_END)
            with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
                for name, template in parts.items():
                    archive.writestr(name, template.render(context))
            job.path.parent.mkdir(parents=True, exist_ok=True)
            with open(job.path, "xb") as handle:
                handle.write(buffer.getvalue())
                handle.flush()
                os.fsync(handle.fileno())
            written += 1
    return time.perf_counter() - start, written


def _moved(jobs: list, folder: Path) -> list:
    from dataclasses import replace

    return [replace(job, path=folder / job.path.parent.name / job.path.name) for job in jobs]


def run(cases: int, repeat: int, report=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="poortwachter-floor-") as tmp:
        tmp = Path(tmp)
        workbook = write_workbook(tmp / "cases.xlsx", cases)
        book, by_case = _plan(workbook, tmp / "plan")
        docs = sum(len(jobs) for jobs in by_case.values())
        best = {"ours": float("inf"), "floor": float("inf")}
        counts = {}
        for round_ in range(repeat):
            for side, function in (("floor", floor), ("ours", ours)):
                out = tmp / f"{side}-{round_}"
                seconds, written = function(book, by_case, out)
                counts[side] = written
                best[side] = min(best[side], seconds)
                shutil.rmtree(out, ignore_errors=True)
        rates = {side: docs / best[side] for side in best}
        result = {"cases": cases, "docs": docs, "seconds": best, "docs_per_second": rates, "written": counts,
                  "ratio": rates["ours"] / rates["floor"], "ok": counts["ours"] == counts["floor"] == docs}
    report(f"generation, 1 core, {docs} documents of {cases} cases (best of {repeat}):")
    report(f"  floor (best docxtpl loop): {best['floor']:.2f} s = {rates['floor']:.0f} docs/s")
    report(f"  ours (run_case):           {best['ours']:.2f} s = {rates['ours']:.0f} docs/s")
    report(f"  ratio ours/floor: {result['ratio']:.2f}x (target >= 0.6x)")
    return result


def profile(cases: int) -> None:
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory(prefix="poortwachter-floor-") as tmp:
        tmp = Path(tmp)
        book, by_case = _plan(write_workbook(tmp / "cases.xlsx", cases), tmp / "plan")
        ours(book, by_case, tmp / "warm")
        profiler = cProfile.Profile()
        profiler.enable()
        ours(book, by_case, tmp / "out")
        profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="only a cProfile of our side")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.cases)
        return 0
    result = run(args.cases, args.repeat)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
