"""The short log of scheduled runs, which the app shows ("laatste run: 01-12 08:00, 5 verzonden, 1
overgeslagen: geen adres"), and the rule that catches up a missed run exactly once.

One JSON line per run in <workbook stem>.runs.jsonl next to the workbook: kind (mailout,
signals), period (2026-03, 2026-W48), started and finished (local time), the exit code, the
count per status, the skipped ones by reason, and the error when the run could not run (it
may name a file). Readable by the user only; lines are appended whole (one write per line).

A run started with `--scheduled AT` first looks here: when a run of its kind ran to the end
without a failed send at or after the last moment AT fell, it does nothing. So a start at login
(launchd), a catch-up after the computer was off (Task Scheduler, systemd) or a second
trigger never runs twice, while a run that failed is tried again at the next start. The
ledgers prevent a second send in any case.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from plugin.core.words import MAIL_STATUS, word
from plugin.schedule.at import At

KINDS = ("mailout", "signals")


def log_path(workbook: Path) -> Path:
    return workbook.with_name(f"{workbook.stem}.runs.jsonl")


def short_reason(reason: str) -> str:
    """The reason without its details: 'geen adres: vul ...' -> 'geen adres'."""
    return re.split(r"[:(;]", reason or "", maxsplit=1)[0].strip() or "?"


@dataclass(frozen=True)
class RunRecord:
    kind: str
    period: str
    started: str
    finished: str
    exit: int
    counts: dict
    skipped: dict
    error: str = ""

    @classmethod
    def from_json(cls, data: dict) -> "RunRecord":
        return cls(str(data.get("kind", "")), str(data.get("period", "")), str(data.get("started", "")),
                   str(data.get("finished", "")), int(data.get("exit", 3)), dict(data.get("counts") or {}),
                   dict(data.get("skipped") or {}), str(data.get("error", "")))

    def summary(self, lang: str = "nl") -> str:
        """'laatste run: 01-12 08:00, 5 verzonden, 1 overgeslagen: geen adres'."""
        when = _short(self.started)
        if self.error:
            what = word("run_failed", lang, error=self.error)
        else:
            names = MAIL_STATUS["en" if lang == "en" else "nl"]
            parts = [f"{n} {names.get(status, status)}" for status, n in self.counts.items()
                     if n and status != "skipped"]
            if self.skipped:
                reasons = ", ".join(f"{n} {reason}" if n > 1 else reason for reason, n in self.skipped.items())
                parts.append(f"{sum(self.skipped.values())} {names['skipped']}: {reasons}")
            what = ", ".join(parts) or "0"
        return word("last_run", lang, when=when, what=what)


def _short(stamp: str) -> str:
    try:
        return dt.datetime.fromisoformat(stamp).strftime("%d-%m %H:%M")
    except ValueError:
        return stamp


def append(path: Path, record: RunRecord) -> None:
    line = (json.dumps(record.__dict__, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def records(path: Path) -> list[RunRecord]:
    """Every readable line, oldest first (a damaged line is passed over)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        try:
            found.append(RunRecord.from_json(json.loads(line)))
        except (ValueError, TypeError, AttributeError):
            continue
    return found


def last(path: Path, kind: str) -> RunRecord | None:
    return next((r for r in reversed(records(path)) if r.kind == kind), None)


def settled(record: RunRecord) -> bool:
    """A run that needs no retry: it ran to the end (exit 0, or 1 for something a person must look
    at: an address, a refusal, an unknown send) and no send failed (a failed one is tried again)."""
    return record.exit in (0, 1) and not record.error and not record.counts.get("failed")


def already_ran(path: Path, kind: str, at: At, now: dt.datetime) -> RunRecord | None:
    """The settled run of this kind at or after the last moment `at` fell, if any."""
    since = at.latest(now)
    for record in reversed(records(path)):
        if record.kind != kind or not settled(record):
            continue
        try:
            if dt.datetime.fromisoformat(record.started) >= since:
                return record
        except ValueError:
            continue
    return None


def tally(results: Iterable) -> tuple[dict, dict]:
    """(count per status, skipped count per short reason) of a run's results."""
    counts = Counter(str(r.status) for r in results)
    skipped = Counter(short_reason(r.reason) for r in results if str(r.status) == "skipped")
    return dict(counts), dict(skipped)


def scheduled_run(kind: str, workbook: Path, at: At, period: str, body: Callable[[], tuple[int, list]],
                  now: Callable[[], dt.datetime] = dt.datetime.now, say: Callable[[str], None] = print) -> int:
    """Run body() (exit code, results) as a scheduled run: skipped when it already ran, always logged."""
    path = log_path(workbook)
    started = now()
    done = already_ran(path, kind, at, started)
    if done is not None:
        say(f"Al gedraaid op {_short(done.started)} (na {at.latest(started):%d-%m %H:%M}); niets te doen.")
        return 0
    code, error, results = 3, "", []
    try:
        code, results = body()
        return code
    except Exception as exc:  # logged, then handled by the CLI as always
        error = str(exc) or type(exc).__name__
        raise
    finally:
        counts, skipped = tally(results)
        append(path, RunRecord(kind, period, started.isoformat(timespec="seconds"),
                               now().isoformat(timespec="seconds"), code if not error else 2, counts, skipped,
                               error[:300]))
