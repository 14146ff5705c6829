"""The app's cases list against the CLI: `GET /api/cases` and the cases page for a synthetic workbook.

    python bench/bench_app.py [--cases 1000] [--repeat 20] [--json]

The workbook comes from bench/synthetic.py (N cases, seeded). Measured in one run:

- CLI: what `poortwachter calendar WORKBOOK` does, in this process (import time excluded):
  read the workbook, build every case's WVP calendar, render the text (stdout to a buffer).
- app, first request: the real server (uvicorn on a free 127.0.0.1 port) answers
  `GET /api/cases` the first time; this includes reading the workbook.
- app, warm: `GET /api/cases` and `GET /` (the cases page, server-rendered HTML) repeated;
  the workbook is unchanged, so it is not read again. Reported is the median of the server's
  own time (the Server-Timing header the app sends) and of the time the client waited.
- app, after a save: the workbook's modification time changes, the next `GET /` reads it again.

Ratios are CLI time / app time (higher is better). The target is a cases page under 300 ms
of server time for 1,000 cases; the exit code is 1 when it is missed or a count is wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

TARGET_PAGE_MS = 300.0
BENCH_TOKEN = "bench-token-0123456789abcdefghijkl"   # the app refuses tokens under 32 characters


def cli_calendar(workbook: Path) -> tuple[float, int]:
    """Seconds for `poortwachter calendar WORKBOOK` in this process, and the number of cases printed."""
    from plugin.cli import main

    buffer = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
        main(["calendar", str(workbook), "--as-of", "2026-11-24"])
    seconds = time.perf_counter() - started
    return seconds, len(re.findall(r"^\S+ {2}.+ {2}\(", buffer.getvalue(), re.MULTILINE))


class Server:
    def __init__(self, workbook: Path):
        import datetime as dt

        from plugin.app.server import make_server
        from plugin.app.settings import Settings

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        port = self.sock.getsockname()[1]
        settings = Settings(workbook=workbook, token=BENCH_TOKEN, as_of=dt.date(2026, 11, 24), port=port)
        self.server = make_server(replace(settings))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self):
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def timed(client, path: str) -> tuple[float, float, object]:
    """(server ms from Server-Timing, client ms, response)."""
    started = time.perf_counter()
    response = client.get(path, headers={"Authorization": f"Bearer {BENCH_TOKEN}"})
    waited = (time.perf_counter() - started) * 1000
    match = re.search(r"dur=([\d.]+)", response.headers.get("server-timing", ""))
    return float(match.group(1)) if match else waited, waited, response


def run_benchmark(cases: int = 1000, repeat: int = 20, workdir: Path | None = None, report=print) -> dict:
    import httpx

    workdir = Path(workdir or tempfile.mkdtemp(prefix="bench-app-"))
    workbook = synthetic.write_workbook(workdir / "casussen.xlsx", cases)
    cli_seconds, cli_cases = cli_calendar(workbook)
    result = {"cases": cases, "repeat": repeat, "cli_ms": cli_seconds * 1000, "cli_cases": cli_cases}
    with Server(workbook) as server, httpx.Client(base_url=server.url, timeout=300) as client:
        first_server, first_client, response = timed(client, "/api/cases")
        rows = response.json()
        result["first_api_ms"] = first_server
        result["rows"] = len(rows)
        samples = {"api": [], "page": []}
        for _ in range(repeat):
            samples["api"].append(timed(client, "/api/cases")[:2])
            server_ms, client_ms, page = timed(client, "/")
            samples["page"].append((server_ms, client_ms))
        result["page_rows"] = page.text.count('<tr data-status=')
        for key, values in samples.items():
            result[f"{key}_server_ms"] = statistics.median(v[0] for v in values)
            result[f"{key}_client_ms"] = statistics.median(v[1] for v in values)
        os.utime(workbook, ns=(time.time_ns(), time.time_ns() + 10**9))
        result["after_save_page_ms"] = timed(client, "/")[0]
        result["workbook_reads"] = server.server.config.app.starlette.state.workbooks.reads
    for key in ("api", "page"):
        result[f"ratio_{key}"] = result["cli_ms"] / result[f"{key}_server_ms"]
    result["ratio_first"] = result["cli_ms"] / result["first_api_ms"]
    result["ok"] = (result["rows"] == cases == result["page_rows"] == result["cli_cases"]
                    and result["workbook_reads"] == 2
                    and (cases < 1000 or result["page_server_ms"] < TARGET_PAGE_MS))
    report(f"Workbook: {cases} synthetic cases; {repeat} warm requests each (median).")
    report(f"{'':34} {'server ms':>10} {'client ms':>10} {'CLI/app':>8}")
    report(f"{'CLI: poortwachter calendar':34} {result['cli_ms']:10.1f} {'':>10} {1:8.1f}x")
    report(f"{'app: first GET /api/cases (reads)':34} {result['first_api_ms']:10.1f} {'':>10} {result['ratio_first']:8.1f}x")
    report(f"{'app: GET /api/cases (warm)':34} {result['api_server_ms']:10.1f} {result['api_client_ms']:10.1f} "
           f"{result['ratio_api']:8.1f}x")
    report(f"{'app: GET / cases page (warm)':34} {result['page_server_ms']:10.1f} {result['page_client_ms']:10.1f} "
           f"{result['ratio_page']:8.1f}x")
    report(f"{'app: GET / after a save (reads)':34} {result['after_save_page_ms']:10.1f}")
    report(f"Rows: API {result['rows']}, page {result['page_rows']}, CLI {result['cli_cases']}; workbook read "
           f"{result['workbook_reads']} times.")
    report(f"Target: cases page < {TARGET_PAGE_MS:.0f} ms server time at 1,000 cases: "
           + ("met" if result["page_server_ms"] < TARGET_PAGE_MS else "MISSED"))
    report("RESULT: " + ("OK" if result["ok"] else "FAILED"))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON (nothing else)")
    args = parser.parse_args()
    result = run_benchmark(args.cases, args.repeat, report=(lambda *_: None) if args.json else print)
    if args.json:
        print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
