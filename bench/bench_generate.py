"""Benchmark: Poortwachter's generate pipeline against the plain docxtpl loop a user would write.

    python bench/bench_generate.py                  # 1,000 cases; memory at 250, 500, 1,000 cases
    python bench/bench_generate.py --cases 200 --memory 50,100,200 --sample 100
    python bench/bench_generate.py --profile 100    # cProfile of our pipeline (1 process, 100 cases)

What it does (see bench/README.md):

1. Writes a synthetic workbook per case count (bench/synthetic.py; untimed).
2. "This tool": load_workbook -> plan_jobs -> consume run_plan (a process pool on all cores
   for big runs), writing every document to a temporary folder. Timed from before the
   workbook is opened until the last document is written. Each case count runs in a fresh
   Python process so its peak memory is its own.
3. "Plain docxtpl": for a sample of the same jobs (spread evenly over the four document
   types), the same contexts (plugin.documents.context.build_context + build_calendar, built before the
   clock starts) rendered one process, one `DocxTemplate(path); render(ctx,
   jinja_env=plugin.documents.render.environment("nl"), autoescape=True); save(out)` per document.
4. Compares the visible text (bench/doctext.py) of every sampled document with our output for
   the same job; any difference is listed and the exit code is 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from doctext import doc_text, first_difference  # noqa: E402
from synthetic import write_workbook  # noqa: E402

TODAY = dt.date(2026, 6, 1)   # fixed "vandaag" and fallback document date: identical output on every run
DOC_ORDER = ("probleemanalyse", "trajectplan", "evaluatie", "eindrapportage")  # the four the issue names


# --------------------------------------------------------------------------- memory

def _tree_pids(root: int) -> list[int]:
    """root and all its descendants (scans /proc; /proc/*/task/*/children is not always there)."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, ()))
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; PSS shares copy-on-write pages fairly between forks."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeMemorySampler:
    """Samples the summed RSS and PSS of this process and its children (the pool workers)."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak_rss_kb = self.peak_pss_kb = 0
        self.available = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        rss = pss = 0
        for pid in _tree_pids(os.getpid()):
            r, p = _memory_kb(pid)
            rss, pss = rss + r, pss + p
        self.peak_rss_kb, self.peak_pss_kb = max(self.peak_rss_kb, rss), max(self.peak_pss_kb, pss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self):
        if self.available:
            self._sample()
            self._thread.start()
        return self

    def __exit__(self, *exc):
        if self.available:
            self._stop.set()
            self._thread.join()


# --------------------------------------------------------------------------- our pipeline

def pipeline_in_process(workbook: Path, out_dir: Path, today: dt.date = TODAY, workers: int | None = None) -> dict:
    """The real pipeline, timed: load_workbook -> plan_jobs -> consume run_plan."""
    from plugin.documents.generate import plan_jobs, run_plan
    from plugin.workbook.load import load_workbook

    statuses: Counter = Counter()
    errors: list[str] = []
    with TreeMemorySampler() as sampler:
        start = time.perf_counter()
        book = load_workbook(workbook)
        plan = plan_jobs(book, out_dir, docs=list(DOC_ORDER), today=today)
        for outcomes in run_plan(book, plan, workers=workers, today=today):
            for outcome in outcomes:
                statuses[outcome.status] += 1
                if outcome.status != "written" and len(errors) < 10:
                    errors.append(f"{outcome.case_id} {outcome.doc}: {outcome.status} {outcome.message}")
        seconds = time.perf_counter() - start
    errors += [f"workbook: {p.message}" for p in book.problems[:5]]
    errors += [f"{o.case_id} {o.doc}: {o.status} {o.message}" for o in plan.skipped[:5]]
    return {
        "cases": len(book.cases), "jobs": len(plan.jobs), "written": statuses["written"], "seconds": seconds,
        "by_doc": dict(Counter(j.doc for j in plan.jobs)), "errors": errors,
        "maxrss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "maxrss_children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "peak_tree_rss_kb": sampler.peak_rss_kb, "peak_tree_pss_kb": sampler.peak_pss_kb,
    }


def pipeline_fresh_process(workbook: Path, out_dir: Path, today: dt.date = TODAY, workers: int | None = None) -> dict:
    """pipeline_in_process in a new Python process, so peak memory belongs to this run alone."""
    args = {"workbook": str(workbook), "out": str(out_dir), "today": today.isoformat(), "workers": workers}
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(args)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"pipeline process failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(raw: str) -> None:
    args = json.loads(raw)
    result = pipeline_in_process(Path(args["workbook"]), Path(args["out"]), dt.date.fromisoformat(args["today"]),
                                 args["workers"])
    print(json.dumps(result))


# --------------------------------------------------------------------------- plain docxtpl loop

def pick_sample(jobs: list, size: int) -> list:
    """About size jobs, the same number per document type, evenly spread over the cases."""
    by_doc: dict[str, list] = {}
    for job in jobs:
        by_doc.setdefault(job.doc, []).append(job)
    if size >= len(jobs):
        return list(jobs)
    per_doc = max(1, size // max(1, len(by_doc)))
    sample = []
    for doc in sorted(by_doc, key=lambda d: DOC_ORDER.index(d) if d in DOC_ORDER else len(DOC_ORDER)):
        group = by_doc[doc]
        count = min(per_doc, len(group))
        sample += [group[int((k + 0.5) * len(group) / count)] for k in range(count)]
    return sample


def plain_docxtpl(workbook: Path, our_out: Path, plain_out: Path, sample: int, today: dt.date = TODAY) -> dict:
    """Render a sample of the same jobs with a new DocxTemplate per document; compare the text."""
    from docxtpl import DocxTemplate

    from plugin.documents.context import build_context
    from plugin.documents.generate import find_template, plan_jobs
    from plugin.documents.render import environment
    from plugin.resources import templates_dir
    from plugin.workbook.load import load_workbook

    # Untimed: the same jobs (same output paths) as our run, and the same contexts. force: our run
    # has written the one-off documents, which a new plan would otherwise not make again.
    book = load_workbook(workbook)
    plan = plan_jobs(book, our_out, docs=list(DOC_ORDER), today=today, force=True)
    jobs = pick_sample(plan.jobs, sample)
    from plugin.workbook.facts import calendar_for

    folder = templates_dir()
    calendars: dict[str, object] = {}
    work = []
    for n, job in enumerate(jobs):
        case = book.cases[job.case_id]
        if job.case_id not in calendars:
            calendars[job.case_id] = calendar_for(case)
        template = find_template(folder, job.lang, job.doc)
        extra = {"period": job.period} if getattr(job, "period", None) is not None else {}
        context = build_context(case, calendars[job.case_id], job.doc, job.lang, job.date, template.name,
                                job.evaluation_index, today, **extra)
        work.append((job, template, environment(job.lang), context, plain_out / f"{n:05d} {job.doc}.docx"))
    plain_out.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    for job, template, env, context, out in work:
        tpl = DocxTemplate(template)
        tpl.render(context, jinja_env=env, autoescape=True)
        tpl.save(out)
    seconds = time.perf_counter() - start

    mismatches = []
    for job, _, _, _, out in work:
        label = f"{job.case_id} {job.doc} {job.date}"
        if not job.path.exists():
            mismatches.append(f"{label}: our document is missing ({job.path})")
            continue
        difference = first_difference(doc_text(job.path), doc_text(out))
        if difference:
            mismatches.append(f"{label}: {difference}")
    return {"docs": len(work), "seconds": seconds, "by_doc": dict(Counter(j.doc for j, *_ in work)),
            "compared": len(work), "mismatches": mismatches}


# --------------------------------------------------------------------------- the benchmark

def run_benchmark(cases: int = 1000, memory_cases: tuple[int, ...] = (250, 500, 1000), sample: int = 200,
                  workers: int | None = None, seed: int = 2025, workdir: Path | None = None,
                  report=print, progress=None) -> dict:
    """Run everything and report; returns the numbers (ok is False on a text mismatch or error)."""
    counts = sorted(set(memory_cases) | {cases})
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="poortwachter-bench-", dir=workdir) as tmp:
        root = Path(tmp)
        runs: dict[int, dict] = {}
        for n in counts:
            workbook = write_workbook(root / f"cases-{n}.xlsx", n, seed)
            if progress:
                progress(f"our pipeline, {n} cases ...")
            runs[n] = pipeline_fresh_process(workbook, root / f"ours-{n}", workers=workers)
        if progress:
            progress(f"plain docxtpl loop, {sample} documents ...")
        plain = plain_docxtpl(root / f"cases-{cases}.xlsx", root / f"ours-{cases}", root / "plain", sample)

    ours = runs[cases]
    ours_dps = ours["written"] / ours["seconds"] if ours["seconds"] else 0.0
    plain_dps = plain["docs"] / plain["seconds"] if plain["seconds"] else 0.0
    ratio = ours_dps / plain_dps if plain_dps else 0.0
    ok = not plain["mismatches"] and not ours["errors"] and ours["written"] == ours["jobs"] > 0
    result = {"cases": cases, "cpus": os.cpu_count(), "ours": ours, "plain": plain, "ours_docs_per_s": ours_dps,
              "plain_docs_per_s": plain_dps, "ratio": ratio, "memory": {n: runs[n] for n in counts},
              "text_equal": not plain["mismatches"], "ok": ok,
              "load_average": (load_before, os.getloadavg()[0])}
    for line in format_report(result):
        report(line)
    return result


def _mb(kb: int) -> str:
    return f"{kb / 1024:7.1f}"


def format_report(r: dict) -> list[str]:
    ours, plain = r["ours"], r["plain"]
    lines = [
        "",
        f"Poortwachter generate benchmark: {r['cases']} synthetic cases, {r['cpus']} CPUs, Python {sys.version.split()[0]}",
        f"  1-min load average before/after: {r['load_average'][0]:.2f} / {r['load_average'][1]:.2f} "
        f"(above ~0.5 other work shares the CPUs; our run uses all {r['cpus']}, the plain loop one)",
        f"  documents per type (ours): {ours['by_doc']}",
        f"  plain-loop sample per type: {plain['by_doc']}",
        "",
        f"  {'':<34}{'docs':>7}{'seconds':>10}{'docs/s':>10}",
        f"  {'Poortwachter (load+plan+run_plan)':<34}{ours['written']:>7}{ours['seconds']:>10.2f}{r['ours_docs_per_s']:>10.1f}",
        f"  {'plain docxtpl loop (1 process)':<34}{plain['docs']:>7}{plain['seconds']:>10.2f}{r['plain_docs_per_s']:>10.1f}",
        f"  {'ratio':<34}{'':>7}{'':>10}{r['ratio']:>9.1f}x   (target >= 8x)",
        "",
        "  Memory (each run in a fresh process; MiB):",
        f"  {'cases':>7}{'docs':>7}{'seconds':>9}{'docs/s':>8}{'main RSS':>10}{'worker RSS':>11}{'tree RSS':>10}{'tree PSS':>10}",
    ]
    for n, m in sorted(r["memory"].items()):
        dps = m["written"] / m["seconds"] if m["seconds"] else 0.0
        lines.append(f"  {n:>7}{m['written']:>7}{m['seconds']:>9.2f}{dps:>8.1f}{_mb(m['maxrss_self_kb']):>10}"
                     f"{_mb(m['maxrss_children_kb']):>11}{_mb(m['peak_tree_rss_kb']):>10}{_mb(m['peak_tree_pss_kb']):>10}")
    memory = sorted(r["memory"].items())
    if len(memory) > 1:
        (n0, m0), (n1, m1) = memory[0], memory[-1]
        key = "peak_tree_pss_kb" if m0["peak_tree_pss_kb"] else "maxrss_self_kb"
        growth = (m1[key] - m0[key]) / 1024
        lines.append(f"  {n0} -> {n1} cases ({n1 / n0:.0f}x): tree PSS {growth:+.1f} MiB "
                     f"({m1[key] / max(m0[key], 1):.2f}x)  => {'flat' if m1[key] < 1.25 * m0[key] else 'GROWS'}")
    lines.append("  (main/worker RSS: getrusage peak of this process / largest pool worker; tree RSS/PSS: sampled "
                 "peak sum over the process and its workers)")
    lines.append("")
    if plain["mismatches"]:
        lines.append(f"  Text equality: FAILED for {len(plain['mismatches'])} of {plain['compared']} documents:")
        lines += [f"    {m}" for m in plain["mismatches"][:20]]
    else:
        lines.append(f"  Text equality: OK ({plain['compared']} documents: same visible text in ours and plain docxtpl)")
    if ours["errors"] or ours["written"] != ours["jobs"]:
        lines.append(f"  Our run: {ours['written']} of {ours['jobs']} written; problems:")
        lines += [f"    {e}" for e in ours["errors"]]
    lines.append("  RESULT: " + ("OK" if r["ok"] else "FAILED"))
    return lines


# --------------------------------------------------------------------------- profiling

def profile(cases: int, top: int = 30) -> None:
    """cProfile of our pipeline in one process (workers=1), so every call is visible."""
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory(prefix="poortwachter-profile-") as tmp:
        workbook = write_workbook(Path(tmp) / "cases.xlsx", cases)
        __import__("plugin.documents.generate")  # import outside the profile

        profiler = cProfile.Profile()
        profiler.enable()
        result = pipeline_in_process(workbook, Path(tmp) / "out", workers=1)
        profiler.disable()
    print(f"{result['written']} documents in {result['seconds']:.2f} s (1 process, profiled)")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases for the speed comparison (default 1000)")
    parser.add_argument("--memory", default="250,500,1000",
                        help="case counts for the memory table, comma-separated (default 250,500,1000)")
    parser.add_argument("--sample", type=int, default=200, help="documents rendered by the plain loop (default 200)")
    parser.add_argument("--workers", type=int, default=None, help="pool size for our run (default: run_plan's)")
    parser.add_argument("--profile", type=int, metavar="CASES", help="only profile our pipeline on CASES cases")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    if args.profile:
        profile(args.profile)
        return 0
    memory = tuple(int(n) for n in args.memory.split(",") if n.strip())
    result = run_benchmark(args.cases, memory, args.sample, args.workers,
                           progress=lambda text: print(f"  {text}", file=sys.stderr, flush=True))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
