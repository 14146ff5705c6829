"""The re-integratieverslag of a 60-document dossier: the whole build, LibreOffice's share, and a rebuild.

    python bench/bench_riv.py [--documents 60] [--baseline 4] [--keep DIR] [--json FILE]

The dossier is the example case 2025-008 (Verbeek, examples/casussen.xlsx) grown to N documents
the way a two-year dossier looks: the example's own 20 (Word, PDF, a mail) plus more Word
evaluations and progress reports, PDFs from the arbodienst, mails with a Word attachment, a sheet
and a photo. Generation is not timed. Then, each in this process:

- cold: `build_rivs` with an empty conversion cache: the check, every conversion (one LibreOffice
  for the batch), the guard, the assembly and the writing. LibreOffice's time is shown apart.
- warm: one new Word document added, built again (--force): only that document may be converted
  (the rest comes from the cache by content hash); the exit code is 1 if more are.
- baseline: what one LibreOffice per file costs (the usual `soffice --convert-to pdf FILE` loop),
  measured on --baseline of the same Word files and scaled to all of them; the ratio is the batch's
  gain. Target: the cold build under 30 s on 2 cores.
The bundle is checked: the parts' page count is the last page riv.json names, and every document
has a bookmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples"))

D = dt.date
CASE = "2025-008"
FOLDER = "2025-008 Verbeek"


def grow_dossier(root: Path, documents: int) -> list[Path]:
    """The example's dossier of 2025-008 plus generated documents up to `documents` files."""
    import _build_dossiers as build

    files, _ = build.build()
    folder = root / FOLDER
    folder.mkdir(parents=True)
    for name, data in files.items():
        if name.startswith(FOLDER + "/"):
            (root / name).write_bytes(data)
    c = build.VERBEEK
    day, n = D(2025, 4, 20), 0
    kinds = ("docx", "docx", "pdf", "docx", "eml", "docx", "pdf", "docx", "xlsx", "jpg")
    while len(list(folder.iterdir())) < documents:
        kind = kinds[n % len(kinds)]
        day += dt.timedelta(days=17)
        blocks = build.evaluatie(c, day, "S. Verbeek, H. de Linde", "Werkt volgens rooster; stabiel.", "Nagekomen.",
                                 ["Doorgaan met het rooster.", "Volgende afspraak over zes weken."], None,
                                 heading="Voortgangsverslag", kind="tussentijds gesprek")
        stem = f"Voortgangsverslag {build.nl(day)} nr {n}"
        when = build.at(day, 14)
        if kind == "docx":
            (folder / f"{stem}.docx").write_bytes(build.make_docx(blocks * 2, author="Ellen de Wit", when=when))
        elif kind == "pdf":
            (folder / f"{stem}.pdf").write_bytes(build.make_pdf(blocks, title=stem, author="Arbodienst", when=when))
        elif kind == "eml":
            attachment = build.make_docx(blocks, author="Ellen de Wit", when=when)
            (folder / f"{stem}.eml").write_bytes(build.make_eml(
                subject=stem, sender="Ellen de Wit <e.dewit@casemanagement.example>",
                to=["Henk de Linde <henk@delinde.example>"], when=when, body=build.text_of(blocks[:3]),
                attachments=[(f"{stem}.docx", attachment)], key=f"b{n}"))
        elif kind == "xlsx":
            rows = [[day - dt.timedelta(days=i), "Tuincentrum De Linde", "rooster", 24, "gewerkt", "-"] for i in range(30)]
            (folder / f"Urenoverzicht {build.nl(day)}.xlsx").write_bytes(build.make_xlsx(
                "Urenoverzicht", day, ["Datum", "Werkgever", "Soort", "Uren", "Resultaat", "Bewijs"], rows,
                author="Henk de Linde", when=when))
        else:
            from _writers import make_jpeg

            (folder / f"Foto werkplek {n}.jpg").write_bytes(make_jpeg(640, 480, lambda x, y: (x * 3 + y * 5) % 256))
        n += 1
    return sorted(folder.iterdir())


def per_file_baseline(files: list[Path], sample: int) -> tuple[float, int]:
    """Seconds for `sample` Word files converted the usual way, one LibreOffice per file."""
    from plugin.readers.convert import soffice

    chosen = [f for f in files if f.suffix == ".docx"][:sample]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-riv-lo-") as tmp:
        for path in chosen:
            subprocess.run([soffice(), f"-env:UserInstallation={(Path(tmp) / 'profiel').as_uri()}", "--headless",
                            "--norestore", "--convert-to", "pdf", "--outdir", tmp, str(path)],
                           capture_output=True, timeout=300, check=False)
    return time.perf_counter() - started, len(chosen)


def check_bundle(bundle) -> list[str]:
    from pypdf import PdfReader

    problems = []
    pages = sum(len(PdfReader(p).pages) for p in bundle.parts)
    last = max((d["pages"][1] for s in bundle.data["sections"] for d in s["documents"]), default=0)
    if pages != last:
        problems.append(f"{pages} pagina's in de delen, riv.json noemt als laatste {last}")
    marks = sum(len(list(_titles(PdfReader(p).outline))) for p in bundle.parts)
    documents = sum(len(s["documents"]) for s in bundle.data["sections"])
    if marks < documents:
        problems.append(f"{marks} bladwijzers voor {documents} documenten")
    return problems


def _titles(items):
    for item in items:
        if isinstance(item, list):
            yield from _titles(item)
        else:
            yield item.title


def run_benchmark(documents: int = 60, baseline: int = 4, workdir: Path | None = None, report=print) -> dict:
    from plugin.services.riv import build_rivs
    from plugin.services.sources import Sources
    from plugin.workbook.load import load_workbook

    own = workdir is None
    work = Path(tempfile.mkdtemp(prefix="bench-riv-")) if own else Path(workdir)
    try:
        files = grow_dossier(work / "dossiers", documents)
        sources = Sources(load_workbook(ROOT / "examples" / "casussen.xlsx"), work / "dossiers",
                          cache=work / "scancache.sqlite", as_of=D(2026, 11, 24))
        cache = work / "riv-cache"
        started = time.perf_counter()
        cold = build_rivs(sources, work / "out", cases=[CASE], cache_dir=cache)
        cold_s = time.perf_counter() - started
        problems = [f"{c}: {why}" for c, why in cold.failed] or check_bundle(cold.bundles[0])   # before it is replaced
        new = work / "dossiers" / FOLDER / "Evaluatie 10-11-2026 aanvulling.docx"
        shutil.copy(next(f for f in files if f.suffix == ".docx"), new)
        import docx

        document = docx.Document(new)
        document.add_paragraph("Aanvulling na het gesprek van 10 november 2026.")
        document.save(new)
        started = time.perf_counter()
        warm = build_rivs(sources, work / "out", cases=[CASE], cache_dir=cache, force=True)
        warm_s = time.perf_counter() - started
        base_s, base_n = per_file_baseline(files, baseline) if baseline else (0.0, 0)
        per_file = base_s / base_n if base_n else 0.0
        scaled = per_file * cold.stats.office_converted
        problems += [f"{c}: {why}" for c, why in warm.failed] or check_bundle(warm.bundles[0])
        if warm.stats.office_converted != 1:
            problems.append(f"tweede keer {warm.stats.office_converted} omgezet, verwacht 1")
        bundle = warm.bundles[0] if warm.bundles else None
        result = {
            "documents": len(files), "office_documents": cold.stats.office_converted,
            "cold": {"seconds": round(cold_s, 2), "office_seconds": round(cold.stats.office_seconds, 2),
                     "other_seconds": round(cold_s - cold.stats.office_seconds, 2),
                     "converted": cold.stats.office_converted, "cached": cold.stats.office_cached,
                     "processes": cold.stats.office_processes},
            "warm": {"seconds": round(warm_s, 2), "office_seconds": round(warm.stats.office_seconds, 2),
                     "converted": warm.stats.office_converted, "cached": warm.stats.office_cached},
            "baseline": {"files": base_n, "seconds": round(base_s, 2), "per_file": round(per_file, 2),
                         "scaled_seconds": round(scaled, 2)},
            "batch_gain": round(scaled / cold.stats.office_seconds, 1) if cold.stats.office_seconds and scaled else None,
            "pages": max((d["pages"][1] for s in bundle.data["sections"] for d in s["documents"]), default=0)
            if bundle else 0,
            "parts": len(bundle.parts) if bundle else 0, "target_seconds": 30, "problems": problems,
        }
        result["ok"] = not problems
        _report(result, report)
        return result
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)


def _report(r: dict, report) -> None:
    report(f"RIV of a {r['documents']}-document dossier ({r['office_documents']} through LibreOffice), "
           f"{r['pages']} pages in {r['parts']} part(s)")
    report("")
    report("| build | seconds | LibreOffice s | other s | converted | from cache |")
    report("|---|---:|---:|---:|---:|---:|")
    c, w = r["cold"], r["warm"]
    report(f"| cold (empty cache) | {c['seconds']} | {c['office_seconds']} | {c['other_seconds']} | {c['converted']} | "
           f"{c['cached']} |")
    report(f"| warm (one new document) | {w['seconds']} | {w['office_seconds']} | "
           f"{round(w['seconds'] - w['office_seconds'], 2)} | {w['converted']} | {w['cached']} |")
    b = r["baseline"]
    if b["files"]:
        report("")
        report(f"Baseline, one LibreOffice per file: {b['per_file']} s per file ({b['files']} measured), "
               f"{b['scaled_seconds']} s for {c['converted']} files; one LibreOffice for the batch: "
               f"{c['office_seconds']} s: **{r['batch_gain']}x**.")
    report(f"Target: the cold build under {r['target_seconds']} s on 2 cores: "
           f"{'met' if c['seconds'] < r['target_seconds'] else 'NOT met'} ({c['seconds']} s).")
    for problem in r["problems"]:
        report(f"PROBLEM: {problem}")
    report(f"RESULT: {'OK' if r['ok'] else 'FAILED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--baseline", type=int, default=4, help="Word files converted one process each (0: skip)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--json", type=Path, help="write the numbers to this file too")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    result = run_benchmark(args.documents, args.baseline, args.keep)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
