"""The month's mail-out from the app: preview (a dry run), send after confirmation, and the ledger.

This is `poortwachter mailout` without the printing: the same run_mailout, the same ledger
and lock, the same transport (default the outbox folder next to the workbook).
"""

from __future__ import annotations

import threading
from pathlib import Path

from plugin.app.problems import AppError
from plugin.app.settings import Settings
from plugin.errors import PoortwachterError
from plugin.mail.mailout.ledger import Ledger
from plugin.mail.mailout.lock import LedgerBusy, ledger_lock
from plugin.mail.mailout.plan import Month
from plugin.mail.mailout.run import Options, run_mailout
from plugin.mail.mailout.transports import open_transport
from plugin.workbook.load import Workbook

PROBLEM_STATES = ("failed", "refused", "unknown")
_SEND_LOCK = threading.Lock()   # one send at a time from this app (the ledger lock guards other processes)


def _month(text: object) -> Month:
    try:
        return Month.parse(str(text or ""))
    except PoortwachterError as exc:
        raise AppError(400, str(exc)) from None


def _result_json(result) -> dict:
    status = str(getattr(result.status, "value", result.status))
    return {"case": result.case_id, "status": status, "reason": result.reason, "recipient": result.recipient,
            "subject": result.subject, "attachments": list(result.attachments)}


def run(settings: Settings, workbook: Workbook, month_text: object, dry_run: bool,
        cases: list[str] | None = None) -> dict:
    month = _month(month_text)
    unknown = [c for c in cases or () if c not in workbook.cases]
    if unknown:
        raise AppError(404, f"casus niet gevonden: {', '.join(unknown)}")
    try:
        transport = open_transport(settings.mail_route(), settings.profiles)
    except PoortwachterError as exc:
        raise AppError(409, str(exc)) from None
    ledger_path = settings.ledger_path()
    options = Options(settings.out, settings.templates, settings.mail_templates, cases or None, dry_run, False,
                      settings.pdf, settings.as_of)
    results, notes = [], []
    try:
        with _SEND_LOCK if not dry_run else _NoLock(), ledger_lock(ledger_path, enabled=not dry_run):
            ledger = Ledger(ledger_path, readonly=dry_run)
            try:
                mail_run = run_mailout(workbook, month, transport, ledger, options)
                results = [_result_json(r) for r in mail_run]
                notes = list(getattr(mail_run, "notes", []))
            finally:
                ledger.close()
    except LedgerBusy as exc:
        raise AppError(409, str(exc)) from None
    except PoortwachterError as exc:
        raise AppError(422, str(exc)) from None
    finally:
        transport.close()
    counts: dict[str, int] = {}
    for r in results:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    return {"month": month.key, "dry_run": dry_run, "via": transport.description, "lane": transport.lane,
            "results": results, "counts": counts, "notes": notes, "ledger": str(ledger_path)}


def history(settings: Settings, month_text: object = None) -> list[dict]:
    """The ledger's rows (newest month first); [] before the first mail-out."""
    path: Path = settings.ledger_path()
    if not path.exists():
        return []
    key = _month(month_text).key if month_text else None
    ledger = Ledger(path, readonly=True)
    try:
        rows = ledger.entries(key)
    finally:
        ledger.close()
    rows.sort(key=lambda e: (e.month, e.case_id), reverse=True)
    return [{"case": e.case_id, "month": e.month, "lane": e.lane, "state": e.state, "recipient": e.recipient,
             "subject": e.subject, "attachments": e.attachments, "via": e.transport, "attempts": e.attempts,
             "detail": e.detail, "sent_at": e.sent_at} for e in rows]


class _NoLock:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
