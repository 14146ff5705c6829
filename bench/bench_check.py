"""Scanning throughput of the dossier check: `plugin.check.scan.scan_files` against a plain baseline.

    python bench/bench_check.py [--files 5000] [--keep DIR] [--json]

Generates a tree of dossier folders (about 50% docx, 35% pdf, 10% eml, the rest txt and xlsx;
one to a few pages each; a third of the mails carry a docx or pdf attachment) in a temporary
directory; generation is not timed. Then each side runs in a fresh process on the same files:

- ours: `scan_files(files, root)`: read and classify every file and attachment, one process
  per core;
- baseline: one process reading every file the plain way: python-docx (paragraphs and table
  cells), pypdf (extract_text per page), the stdlib email package (body, and attachments read
  with the same libraries), a plain read for txt and openpyxl for xlsx. No classification.

With `--recheck` (needs nothing else) two more sides run the whole check (`check_dossiers`,
no workbook: every folder an unknown case, all rules) with the scan cache:

- check-cold: an empty cache (every file read, parsed, classified and stored);
- check-warm: the same tree again, unchanged: every file must come from the cache (none opened),
  and the findings must be identical to the cold run's (compared as the JSON report).

With `--scans N` (Tesseract installed), N image-only scanned pages are OCR'd on their own and
reported per page; scans are never part of the tree above, so OCR never skews the ratios.

Reported per side: files/second, CPU busy (CPU time of the process and its children over the
wall time, in cores), peak memory of the process tree (RSS and PSS summed over the process and
its descendants, sampled every 100 ms from /proc), and ru_maxrss of RUSAGE_SELF and
RUSAGE_CHILDREN (the largest single child). Imports are not timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import json
import os
import random
import resource
import struct
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import zipfile
import zlib
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "examples"))
from _writers import HELVETICA, HELVETICA_BOLD, pdf_escape, pdf_file  # noqa: E402

MIX = (("docx", 0.50), ("pdf", 0.35), ("eml", 0.10), ("txt", 0.025), ("xlsx", 0.025))
FILES_PER_FOLDER = 25
ZIP_TIME = (2026, 1, 1, 9, 0, 0)

# ----------------------------------------------------------------------------------------------
# Generation
# ----------------------------------------------------------------------------------------------

# (heading, file-name patterns); {d} a date, {n} the employee, {m} a month. The last ones are
# documents no checker knows (letters, notes, scans with odd names).
KINDS = [
    ("Probleemanalyse", ["Probleemanalyse {n} {d}", "PA {n}", "probleemanalyse BA {d}"]),
    ("Plan van aanpak", ["Plan van aanpak {n}", "PvA {n} def", "PvA {d}"]),
    ("Verslag evaluatiegesprek", ["Evaluatie {d}", "verslag evaluatie {m}", "Evaluatie {n} {d}"]),
    ("Verslag evaluatiegesprek", ["Evaluatie {d}", "Evaluatiegesprek {m}", "verslag 6-wekelijkse evaluatie"]),
    ("Voortgangsrapportage 2e spoor", ["Voortgangsrapportage {d}", "VGR {d}", "Rapportage {m} {n}"]),
    ("Eerstejaarsevaluatie", ["EJE {n}", "Eerstejaarsevaluatie {d}"]),
    ("Arbeidsdeskundig rapport", ["AD rapport", "Arbeidsdeskundig onderzoek {n}"]),
    ("Trajectplan re-integratie tweede spoor", ["Trajectplan {n}", "Re-integratieplan 2e spoor"]),
    ("Actueel oordeel bedrijfsarts", ["Actueel oordeel BA", "AO bedrijfsarts {d}"]),
    ("Eindevaluatie", ["Eindevaluatie {n}"]),
    ("Eindrapportage tweede spoor", ["Eindrapportage {n}"]),
    ("Ziekmelding bij UWV na 42 weken", ["42e weeksmelding {n}", "Bevestiging ziekmelding UWV"]),
    ("Brief aan werknemer", ["brief {d}", "document ({k})", "scan{k:03d}"]),
    ("Telefoonnotitie", ["notitie {d}", "aantekeningen {n}"]),
]
LIMITS = ["Kan maximaal {h} uur per dag werken, verdeeld over de dag.",
          "Niet tillen boven {kg} kg; geen werk op hoogte.",
          "Niet langer dan {m} minuten achtereen staan; daarna zittend werk.", "Geen nachtdiensten.",
          "Beperkt in werken onder hoge tijdsdruk.", "Beeldschermwerk in blokken van een uur met pauzes.",
          "Kan lopen en fietsen binnen de wijk.", "Kan administratieve en coördinerende taken doen."]
SENTENCES = [
    "De opbouw naar {h} uur per dag in aangepast werk verloopt volgens plan.",
    "Werknemer houdt zich aan de afgesproken pauzes en de werkplek is aangepast.",
    "Werkgever heeft de vacatures bij werkvoorbereiding en inkoop bekeken; er is geen passend werk gevonden.",
    "De casemanager maakt van elk gesprek een verslag dat beide partijen ontvangen.",
    "In deze periode zijn {k} sollicitaties verstuurd en is er één gesprek geweest.",
    "De werkervaringsplek loopt goed; de uren worden in overleg uitgebreid naar {h} per dag.",
    "Werknemer en werkgever zijn het eens over de koers voor de komende zes weken.",
    "De bedrijfsarts ziet op dit moment geen ruimte voor verdere opbouw in het eigen werk.",
    "Het eigen werk is gedeeltelijk passend: de kantoortaken wel, het werk op locatie nog niet.",
    "Afgesproken is dat werknemer het meldt wanneer de opbouw niet haalbaar blijkt.",
    "Het re-integratiebureau rapporteert iedere zes weken aan werkgever en casemanager.",
    "De arbeidsdeskundige adviseert administratieve en planningsfuncties van twintig tot achtentwintig uur.",
]
NAMES = ["Jansen", "de Vries", "el Amrani", "Bakker", "Visser", "Yilmaz", "Smit", "Meijer", "de Boer", "Mulder",
         "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Kaya", "Dekker", "Brouwer", "Thompson"]
SECTIONS = ["Voortgang", "Afspraken", "Belastbaarheid", "Activiteiten", "Vervolg"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def _body(rnd: random.Random, heading: str, name: str, day: dt.date, pages: int) -> list[tuple[str, str]]:
    """Blocks of one document: a heading, a details table, then sections of prose (~450 words a page)."""
    h, kg, m, k = rnd.randint(2, 6), rnd.choice([5, 10, 15]), rnd.choice([20, 30, 45]), rnd.randint(1, 4)
    blocks = [("title", heading), ("row", f"Datum\t{day:%d-%m-%Y}"), ("row", f"Werknemer\t{name}"),
              ("row", "Werkgever\tBouwbedrijf Jansen & Zn B.V."), ("row", "Casemanager\tEllen de Wit")]
    words = 0
    section = 0
    while words < pages * 450:
        section += 1
        blocks.append(("h", f"{section}. {rnd.choice(SECTIONS)}"))
        if section % 3 == 2:
            items = rnd.sample(LIMITS, 4)
            blocks += [("item", s.format(h=h, kg=kg, m=m)) for s in items]
            words += 40
        for _ in range(rnd.randint(2, 4)):
            text = " ".join(rnd.choice(SENTENCES).format(h=h, k=k) for _ in range(rnd.randint(3, 6)))
            blocks.append(("p", text))
            words += len(text.split())
    return blocks


def _docx_template() -> dict[str, bytes]:
    """The members of an empty python-docx document (styles, theme, ...), read once."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@functools.lru_cache(maxsize=4096)
def _paragraph_xml(kind: str, text: str) -> str:
    if kind == "row":
        label, value = text.split("\t")
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tr>'
                f'<w:tc><w:p><w:r><w:t>{_xml(label)}</w:t></w:r></w:p></w:tc>'
                f'<w:tc><w:p><w:r><w:t>{_xml(value)}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    style = {"title": "Heading1", "h": "Heading2", "item": "ListBullet"}.get(kind)
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{_xml(text)}</w:t></w:r></w:p>'


_DOS_TIME = (ZIP_TIME[3] << 11) | (ZIP_TIME[4] << 5)
_DOS_DATE = ((ZIP_TIME[0] - 1980) << 9) | (ZIP_TIME[1] << 5) | ZIP_TIME[2]


def _deflated(name: str, data: bytes) -> tuple[bytes, int, bytes, int]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return name.encode(), zlib.crc32(data), compressor.compress(data) + compressor.flush(), len(data)


@functools.lru_cache(maxsize=1)
def _docx_static() -> tuple[list[tuple[bytes, int, bytes, int]], str, str]:
    """The template's other members compressed once, and the document.xml around the body."""
    template = _docx_template()
    document = template["word/document.xml"].decode("utf-8")
    start, end = document.index("<w:body>") + len("<w:body>"), document.index("<w:sectPr")
    static = [_deflated(name, data) for name, data in template.items() if name != "word/document.xml"]
    return static, document[:start], document[end:]


def _zip(members: list[tuple[bytes, int, bytes, int]]) -> bytes:
    """A zip of already deflated members (a minimal writer: generation must be fast)."""
    out, central = bytearray(), bytearray()
    for name, crc, data, size in members:
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, _DOS_TIME, _DOS_DATE, crc, len(data), size,
                               len(name), 0, 0, 0, 0, 0, len(out)) + name
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, _DOS_TIME, _DOS_DATE, crc, len(data), size,
                           len(name), 0) + name + data
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def docx_bytes(blocks: list[tuple[str, str]]) -> bytes:
    """A Word file written straight from XML (python-docx would make generation slow)."""
    static, head, tail = _docx_static()
    document = head + "".join(_paragraph_xml(kind, text) for kind, text in blocks) + tail
    return _zip([*static[:3], _deflated("word/document.xml", document.encode("utf-8")), *static[3:]])


@functools.lru_cache(maxsize=4096)
def _pdf_lines(kind: str, text: str) -> tuple[bytes, ...]:
    font = b"/F2 13 Tf" if kind in ("title", "h") else b"/F1 10 Tf"
    prefix = "- " if kind == "item" else ""
    parts = textwrap.wrap(text.replace("\t", "   "), 95) or [""]
    return tuple(b"%s (%s) Tj T*" % (font, pdf_escape(prefix + part)) for part in parts)


def pdf_bytes(blocks: list[tuple[str, str]]) -> bytes:
    """A text PDF (Helvetica, A4), wrapped lines, 56 lines a page."""
    lines = [line for kind, text in blocks for line in _pdf_lines(kind, text)]
    pages = [b"BT 14 TL 64 780 Td " + b" ".join(lines[start:start + 56]) + b" ET"
             for start in range(0, len(lines), 56)]
    return pdf_file(pages, b"<< /Font << /F1 3 0 R /F2 4 0 R >> >>", [HELVETICA, HELVETICA_BOLD])


def plain_text(blocks: list[tuple[str, str]]) -> str:
    return "\n".join(("- " if kind == "item" else "") + text.replace("\t", ": ") for kind, text in blocks) + "\n"


def eml_bytes(subject: str, blocks: list[tuple[str, str]], day: dt.date, attachment: tuple[str, bytes] | None,
              key: int) -> bytes:
    message = EmailMessage()
    message["From"] = "Linda Bos <l.bos@werksame.example>"
    message["To"] = "Ellen de Wit <e.dewit@casemanagement.example>"
    message["Subject"] = subject
    message["Date"] = format_datetime(dt.datetime(day.year, day.month, day.day, 15, 30, tzinfo=dt.timezone.utc))
    message["Message-ID"] = f"<bench.{key}@werksame.example>"
    message.set_content(plain_text(blocks))
    if attachment:
        name, data = attachment
        subtype = "pdf" if name.endswith(".pdf") else "vnd.openxmlformats-officedocument.wordprocessingml.document"
        message.add_attachment(data, maintype="application", subtype=subtype, filename=name)
        message.set_boundary(f"----=_bench_{key}")
    return message.as_bytes(policy=policy.SMTP)


def xlsx_bytes(name: str, day: dt.date, rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sollicitaties")
    sheet.append([f"Sollicitatie-overzicht {name}"])
    sheet.append(["Datum overzicht", day])
    sheet.append(["Datum", "Werkgever", "Functie", "Resultaat"])
    for i in range(rows):
        sheet.append([day - dt.timedelta(days=7 * (rows - i)), f"Werkgever {i}", "Planner", "afgewezen"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def generate(root: Path, count: int, seed: int = 2026) -> dict[str, int]:
    """Write `count` files under root in folders of about 25; returns the count per kind."""
    rnd = random.Random(seed)
    plan = []
    for kind, share in MIX:
        plan += [kind] * round(count * share)
    plan = (plan + ["docx"] * count)[:count]
    rnd.shuffle(plan)
    # A few dozen distinct bodies per kind, reused with other names and dates (the readers do
    # the same work for a variant; generation stays fast).
    bodies = {}
    for i in range(48):
        kind_rnd = random.Random(seed * 7919 + i)
        heading, _ = KINDS[i % len(KINDS)]
        bodies[i] = (heading, _body(kind_rnd, heading, "Fatima el Amrani", dt.date(2025, 1, 1), 1 + i % 4))
    counts: dict[str, int] = {}
    written = 0
    folder = None
    for index, kind in enumerate(plan):
        if index % FILES_PER_FOLDER == 0:
            folder = root / f"B{index // FILES_PER_FOLDER + 1:05d} {rnd.choice(NAMES)}"
            folder.mkdir(parents=True)
        variant = rnd.randrange(len(bodies))
        heading, blocks = bodies[variant]
        day = dt.date(2025, 1, 6) + dt.timedelta(days=rnd.randrange(600))
        person = rnd.choice(NAMES)
        blocks = [(k, f"Datum\t{day:%d-%m-%Y}" if t.startswith("Datum\t") else
                   f"Werknemer\t{person}" if t.startswith("Werknemer\t") else t) for k, t in blocks]
        patterns = KINDS[variant % len(KINDS)][1]
        stem = rnd.choice(patterns).format(d=f"{day:%d-%m-%Y}", n=person, m=MONTHS[day.month - 1], k=index)
        if kind == "docx":
            data = docx_bytes(blocks)
        elif kind == "pdf":
            data = pdf_bytes(blocks)
        elif kind == "txt":
            data = plain_text(blocks).encode("utf-8")
        elif kind == "xlsx":
            stem = f"sollicitaties {person}"
            data = xlsx_bytes(person, day, 8 + index % 20)
        else:
            attachment = None
            if index % 3 == 0:
                small = blocks[:12]
                attachment = ((f"{stem}.pdf", pdf_bytes(small)) if index % 2 else
                              (f"{stem}.docx", docx_bytes(small)))
            data = eml_bytes(f"{heading} {person}", blocks[:20], day, attachment, index)
        path = folder / f"{stem}.{kind}"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"{stem} ({n}).{kind}"
        path.write_bytes(data)
        counts[kind] = counts.get(kind, 0) + 1
        written += len(data)
    counts["bytes"] = written
    return counts


# ----------------------------------------------------------------------------------------------
# The two sides (each run in its own process by `--side`)
# ----------------------------------------------------------------------------------------------

def baseline_read(name: str, data: bytes) -> int:
    """Characters of text read the plain way; raises on a file it cannot read."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return sum(map(len, parts))
    if suffix == ".pdf":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        return sum(len(page.extract_text() or "") for page in reader.pages)
    if suffix == ".eml":
        import email

        message = email.message_from_bytes(data, policy=policy.default)
        body = message.get_body(preferencelist=("plain", "html"))
        size = len(body.get_content()) if body is not None else 0
        for part in message.iter_attachments():
            size += baseline_read(part.get_filename() or "bijlage", part.get_payload(decode=True) or b"")
        return size
    if suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return sum(len(str(v)) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                       for v in row if v is not None)
        finally:
            book.close()
    return len(data.decode("utf-8", errors="replace"))


AS_OF = dt.date(2026, 12, 1)


def run_check_side(side: str, root: Path, cache_file: Path) -> dict:
    """The whole check with the scan cache: cold (empty cache) or warm (the cache of a cold run)."""
    import hashlib
    import warnings

    from plugin.check.cache import ScanCache
    from plugin.check.reporters.json_report import as_dict
    from plugin.check.run import check_dossiers

    warnings.simplefilter("ignore")
    opened = _count_opens(root)
    cpu0 = os.times()
    start = time.perf_counter()
    with ScanCache(cache_file) as cache:
        result = check_dossiers(root, None, AS_OF, cache=cache)
        stats = dict(cache.stats)
    seconds = time.perf_counter() - start
    _reap_workers()
    cpu1 = os.times()
    report = json.dumps(as_dict(result), sort_keys=True, ensure_ascii=False)
    cpu = (cpu1.user + cpu1.system + cpu1.children_user + cpu1.children_system
           - cpu0.user - cpu0.system - cpu0.children_user - cpu0.children_system)
    files = stats["cached"] + stats["same_content"] + stats["read"]
    return {"side": side, "files": files, "read": files, "seconds": seconds, "cpu_seconds": cpu, "stats": stats,
            "opened": opened[0], "findings": sum(len(c.findings) for c in result.cases),
            "cases": len(result.cases), "digest": hashlib.sha256(report.encode()).hexdigest(),
            "maxrss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "maxrss_children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "problems": []}


class _Opens:
    """os.open calls on files under a root, in this process and the reader workers it forks
    (they start after the patch and count into shared memory)."""

    def __init__(self, root: Path):
        import multiprocessing

        self.count = multiprocessing.Value("q", 0)
        real_open, prefix = os.open, str(root)

        def counting(path, *args, **kwargs):
            if isinstance(path, (str, Path)) and os.fspath(path).startswith(prefix):
                with self.count.get_lock():
                    self.count.value += 1
            return real_open(path, *args, **kwargs)
        os.open = counting

    def __getitem__(self, _index: int) -> int:
        return self.count.value


def _reap_workers() -> None:
    """Stop the reader workers (they stay for the next scan): os.times counts a child's CPU time
    only once it is reaped. Not timed."""
    from plugin.readers import guarded

    guarded.shutdown()


def _count_opens(root: Path) -> _Opens:
    """Count os.open calls on files under root (the readers and the cache open files with
    os.open), in every process of the check: a warm run must show 0."""
    return _Opens(root)


def run_ocr_side(pages: int) -> dict:
    """OCR time per scanned page (a text PDF rendered to an image-only PDF, one page per file)."""
    from plugin.readers import ocr, read_bytes

    sys.path.insert(0, str(ROOT / "examples"))
    from _writers import image_pdf, read_pgm  # noqa: E402

    import pypdfium2 as pdfium

    if not ocr.available():
        return {"side": "ocr", "pages": 0, "seconds": 0.0, "recognised": 0, "note": "Tesseract ontbreekt"}
    rnd = random.Random(5)
    scans = []
    for index in range(pages):
        heading, _ = KINDS[index % 12]
        text_pdf = pdf_bytes(_body(rnd, heading, "Fatima el Amrani", dt.date(2025, 3, 3), 1)[:40])
        document = pdfium.PdfDocument(text_pdf)
        pgm = ocr._render_pgm(document, 0)
        document.close()
        scans.append(image_pdf([read_pgm(pgm)], dpi=ocr.OCR_DPI))
    start = time.perf_counter()
    items = [read_bytes(f"Scan_{i:04d}.pdf", data) for i, data in enumerate(scans)]
    seconds = time.perf_counter() - start
    from plugin.recognize.classify import classify

    recognised = sum(1 for item in items if item.problem is None and classify(item).type)
    done = sum(item.ocr_pages for item in items)
    return {"side": "ocr", "pages": done, "seconds": seconds, "recognised": recognised}


def run_side(side: str, root: Path) -> dict:
    """Time one side on every file under root; imports and listing are not timed."""
    import warnings

    import docx  # noqa: F401  - imports outside the timing, for both sides
    import openpyxl  # noqa: F401
    import pypdf  # noqa: F401

    from plugin.check.scan import list_files, scan_files
    # ours' own modules too (the readers and the classifier, which the reader workers inherit
    # when they start), as the baseline's libraries above: imports are not timed on either side
    import plugin.readers.dispatch  # noqa: F401
    import plugin.recognize.classify  # noqa: F401
    import plugin.recognize.statements  # noqa: F401

    warnings.simplefilter("ignore")
    files = list_files(root)
    cpu0 = os.times()
    start = time.perf_counter()
    result: dict = {"side": side, "files": len(files)}
    if side == "ours":
        documents = scan_files(files, root)
        seconds = time.perf_counter() - start
        top = {path.relative_to(root).as_posix() for path in files}
        tops = [d for d in documents if d.path in top]
        inner = [d for d in documents if d.path not in top]
        result.update(read=sum(d.problem is None for d in tops), recognised=sum(d.recognised for d in tops),
                      attachments=len(inner), attachments_recognised=sum(d.recognised for d in inner),
                      problems=[f"{d.path}: {d.problem}" for d in tops if d.problem][:5])
    else:
        read, problems, chars = 0, [], 0
        for path in files:
            try:
                chars += baseline_read(path.name, path.read_bytes())
                read += 1
            except Exception as error:  # noqa: BLE001 - count it and go on, like a plain script would
                problems.append(f"{path.relative_to(root)}: {type(error).__name__}: {error}")
        seconds = time.perf_counter() - start
        result.update(read=read, chars=chars, problems=problems[:5])
    _reap_workers()
    cpu1 = os.times()
    cpu = (cpu1.user + cpu1.system + cpu1.children_user + cpu1.children_system
           - cpu0.user - cpu0.system - cpu0.children_user - cpu0.children_system)
    result.update(seconds=seconds, cpu_seconds=cpu,
                  maxrss_self_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  maxrss_children_kb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return result


# ----------------------------------------------------------------------------------------------
# Memory of a process tree, sampled from /proc
# ----------------------------------------------------------------------------------------------

PAGE = os.sysconf("SC_PAGE_SIZE")
# Every 100 ms: reading smaps_rollup walks a process's page tables under its memory lock, so at 20 ms
# the sampler took about 15% of a core and slowed most the side with most processes (ours).
SAMPLE_SECONDS = 0.1


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(p) for p in handle.read().split()]
        except OSError:
            continue
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes, summed over pid and its descendants."""
    rss = pss = 0
    for process in _descendants(pid):
        try:
            with open(f"/proc/{process}/statm") as handle:
                rss += int(handle.read().split()[1]) * PAGE
            with open(f"/proc/{process}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError, IndexError):
            continue
    return rss, pss


def measure(side: str, root: Path, *extra: str) -> dict:
    """Run one side in a fresh process while sampling its tree's memory."""
    process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--side", side, "--root", str(root),
                                *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = _memory(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(SAMPLE_SECONDS)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{side} failed ({process.returncode}):\n{err}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(peak_rss_tree=peak[0], peak_pss_tree=peak[1])
    return result


# ----------------------------------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------------------------------

def _mb(size: float) -> str:
    return f"{size / 2**20:,.0f} MB"


def report(counts: dict[str, int], generation: float, root: Path, sides: dict[str, dict]) -> str:
    kinds = ", ".join(f"{k} {counts[k]}" for k, _ in MIX if counts.get(k))
    lines = [f"Scan benchmark: {sum(counts.get(k, 0) for k, _ in MIX)} files ({kinds}; {_mb(counts['bytes'])}) "
             f"in {root}",
             f"Generated in {generation:.1f} s (not timed). Machine: {os.cpu_count()} cores, Python "
             f"{sys.version.split()[0]}. Load average (1 min) before/after the runs: "
             f"{counts['load'][0]:.1f} / {counts['load'][1]:.1f}.", ""]
    if "baseline" in sides:
        lines += _ratio_table(sides)
    return "\n".join(lines + _other_sides(sides))


def _ratio_table(sides: dict[str, dict]) -> list[str]:
    lines = []
    header = (f"{'':28}{'files':>7}{'read':>7}{'seconds':>9}{'files/s':>9}{'CPU busy':>10}{'CPU ms/file':>12}"
              f"{'peak RSS':>11}{'peak PSS':>11}{'maxrss self':>13}{'maxrss child':>14}")
    lines += [header, "-" * len(header)]
    labels = {"baseline": "baseline (1 process, plain)", "ours": "ours (scan_files)"}
    for side in ("baseline", "ours"):
        r = sides[side]
        rate = r["files"] / r["seconds"] if r["seconds"] else float("inf")
        busy = r["cpu_seconds"] / r["seconds"] if r["seconds"] else 0.0
        child = _mb(r["maxrss_children_kb"] * 1024) if r["maxrss_children_kb"] else "-"
        lines.append(f"{labels[side]:<28}{r['files']:>7}{r['read']:>7}{r['seconds']:>9.2f}{rate:>9.1f}"
                     f"{busy:>7.2f} c.{1000 * r['cpu_seconds'] / max(1, r['files']):>12.1f}"
                     f"{_mb(r['peak_rss_tree']):>11}{_mb(r['peak_pss_tree']):>11}"
                     f"{_mb(r['maxrss_self_kb'] * 1024):>13}{child:>14}")
    base, ours = sides["baseline"], sides["ours"]
    ratio = base["seconds"] / ours["seconds"] if ours["seconds"] else float("inf")
    cpu_ratio = (base["cpu_seconds"] / base["files"]) / max(1e-9, ours["cpu_seconds"] / ours["files"])
    lines += ["", f"Ours is {ratio:.1f}x the baseline's throughput (and also classifies every file and reads "
                  "headers, footers and custom properties).",
              f"CPU time per file: ours {cpu_ratio:.1f}x less than the baseline; with all {os.cpu_count()} cores free "
              f"that is {cpu_ratio * (os.cpu_count() or 1):.1f}x the baseline's throughput (wall-clock ratios "
              "depend on what else the machine runs).",
              f"Recognised by ours: {ours['recognised']} of {ours['files']} files "
              f"({100 * ours['recognised'] / max(1, ours['files']):.0f}%; the generated tree holds about 14% "
              f"letters and notes no checker knows); attachments {ours['attachments_recognised']} of "
              f"{ours['attachments']}.",
              "CPU busy = CPU time of the process and its children / wall time, in cores (below the core count: "
              "other processes competed for the CPU; CPU ms/file does not depend on that). Peak RSS/PSS: summed "
              "over the process tree, sampled every 100 ms (RSS counts pages shared by forked workers once per "
              "process; PSS shares them out)."]
    for side in ("baseline", "ours"):
        for problem in sides[side]["problems"]:
            lines.append(f"  {side} could not read {problem}")
    return lines


def _other_sides(sides: dict[str, dict]) -> list[str]:
    lines: list[str] = []
    if "check-cold" in sides:
        cold, warm = sides["check-cold"], sides["check-warm"]
        speedup = cold["seconds"] / warm["seconds"] if warm["seconds"] else float("inf")
        same = "identical" if cold["digest"] == warm["digest"] else "DIFFERENT"
        lines += ["", f"Re-check with the scan cache ({cold['files']} files, {cold['cases']} cases, "
                      f"{cold['findings']} findings):",
                  f"  check-cold (empty cache)   {cold['seconds']:8.2f} s   read {cold['stats']['read']}",
                  f"  check-warm (unchanged)     {warm['seconds']:8.2f} s   from the cache {warm['stats']['cached']}, "
                  f"files opened {warm['opened']} (all processes)",
                  f"  re-check is {speedup:.1f}x faster than the cold check; findings {same}."]
    if "ocr" in sides:
        o = sides["ocr"]
        if o["pages"]:
            lines += ["", f"OCR (not in the ratios above): {o['pages']} scanned pages in {o['seconds']:.1f} s = "
                          f"{o['seconds'] / o['pages']:.2f} s per page; recognised {o['recognised']} of {o['pages']}."]
        else:
            lines += ["", f"OCR: not measured ({o.get('note', 'no pages')})."]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=5000, help="number of files to generate (default 5000)")
    parser.add_argument("--keep", type=Path, help="generate into this (new) folder and keep it")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--recheck", action="store_true",
                        help="also time the whole check cold and warm with the scan cache (identical findings)")
    parser.add_argument("--scans", type=int, default=0, help="OCR this many scanned pages, reported per page")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the baseline and the plain scan (for a big --recheck run)")
    parser.add_argument("--side", choices=("ours", "baseline", "check-cold", "check-warm", "ocr"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.side in ("check-cold", "check-warm"):
        print(json.dumps(run_check_side(args.side, args.root, args.cache_file)))
        return 0
    if args.side == "ocr":
        print(json.dumps(run_ocr_side(args.scans)))
        return 0
    if args.side:
        print(json.dumps(run_side(args.side, args.root)))
        return 0
    with tempfile.TemporaryDirectory(prefix="pw-bench-") as tmp:
        root = args.keep or Path(tmp) / "dossiers"
        start = time.perf_counter()
        counts = generate(root, args.files)
        generation = time.perf_counter() - start
        load_before = os.getloadavg()[0]
        sides = {} if args.no_baseline else {side: measure(side, root) for side in ("baseline", "ours")}
        if args.recheck:
            cache_file = Path(tmp) / "scancache.sqlite"
            for side in ("check-cold", "check-warm"):
                sides[side] = measure(side, root, "--cache-file", str(cache_file))
        if args.scans:
            sides["ocr"] = measure("ocr", root, "--scans", str(args.scans))
        counts["load"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        if args.json:
            print(json.dumps({"counts": counts, "generation_seconds": generation, "sides": sides}, indent=2))
        else:
            print(report(counts, generation, root, sides))
    return 0


if __name__ == "__main__":
    sys.exit(main())
