"""Issue 8, memory: the PDF stream bomb and the attachment bomb stay under 300 MB peak.

Each bomb is made here (never stored) and read by a fresh Python process from its standard
input; that process reports its own peak resident size (VmHWM; ru_maxrss where there is
no /proc), so nothing else the test run did can blur the number.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

resource = pytest.importorskip("resource")   # POSIX

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "hostile"))
from hostile_fixtures import attachment_bomb, pdf_bomb  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PEAK_LIMIT_MB = 300
READ = """
import json, resource, sys, time
from plugin.readers import read_bytes
data = sys.stdin.buffer.read()
start = time.perf_counter()
item = read_bytes(sys.argv[1], data)
def count(node):
    return 1 + sum(count(a) for a in node.attachments)
try:   # VmHWM: this program's own peak; ru_maxrss on Linux keeps the parent's peak across fork+exec
    peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except OSError:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform == "darwin" else 1)
print(json.dumps({"peak_mb": peak_kb / 1024,
                  "seconds": time.perf_counter() - start, "problem": item.problem, "limited": item.limited,
                  "items": count(item), "input_mb": len(data) / 2**20}))
"""


def _read_in_child(name: str, data: bytes) -> dict:
    done = subprocess.run([sys.executable, "-c", READ, name], input=data, capture_output=True, cwd=REPO,
                          timeout=180)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return json.loads(done.stdout)


def test_pdf_that_inflates_to_1_gib_stays_under_300_mb():
    data = pdf_bomb(2**30)
    assert len(data) < 4 * 2**20
    report = _read_in_child("bom.pdf", data)
    assert report["problem"] and "PDF-bom" in report["problem"]
    assert report["peak_mb"] < PEAK_LIMIT_MB, report


def test_message_with_870000_attachments_stays_under_300_mb():
    data = attachment_bomb(870_000)
    report = _read_in_child("bijlagen.eml", data)
    assert report["problem"] is None and "870.00" in report["limited"]
    assert report["items"] <= 250
    assert report["peak_mb"] < PEAK_LIMIT_MB, report


def test_largest_pdf_stream_the_limit_lets_through_stays_under_300_mb():
    from plugin.readers import Limits

    report = _read_in_child("dicht.pdf", pdf_bomb(Limits().max_pdf_stream_bytes - 2**20))
    assert report["problem"] is None
    assert report["peak_mb"] < PEAK_LIMIT_MB, report


# --- Issue 17: sizes bounded before joining or rendering ------------------------------------------

from round_two import doc_repeated_piece, odt_space_count, pdf_huge_page  # noqa: E402


def test_odt_asking_for_billions_of_spaces_stays_under_300_mb():
    report = _read_in_child("ruimte.odt", odt_space_count("2300000000"))
    assert report["problem"] is None
    assert report["peak_mb"] < PEAK_LIMIT_MB, report


def test_doc_with_one_piece_named_20000_times_stays_under_300_mb():
    report = _read_in_child("stukken.doc", doc_repeated_piece(20_000))
    assert report["problem"] is None
    assert report["peak_mb"] < PEAK_LIMIT_MB, report


def test_7200_point_page_rendered_for_ocr_stays_under_300_mb():
    report = _read_in_child("pagina.pdf", pdf_huge_page(7200))
    assert report["peak_mb"] < PEAK_LIMIT_MB, report
