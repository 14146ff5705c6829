"""The monthly mail-out: preview (a dry run), send, and the ledger's history.

The one place that opens the transport, takes the ledger's lock, opens the ledger and runs the
month (plugin.mail.mailout.run): the CLI's `mailout` and the app's mail-out page both call it,
so the crash safety and the statuses are the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from plugin.core.month import Month
from plugin.core.words import MAIL_STATUS
from plugin.errors import NotFound, UsageError
from plugin.mail.mailout.ledger import Entry, default_path
from plugin.mail.mailout.run import PROBLEMS, MailResult, Options, run_mailout
from plugin.services.sending import ledger_for, ledger_rows, route_or_outbox, transport_for
from plugin.workbook.load import Workbook



@dataclass(frozen=True)
class MailoutRequest:
    workbook_path: Path                  # the outbox and the ledger lie next to it by default
    month: str
    out: Path
    templates: Path
    mail_templates: Path
    via: str | None = None               # outbox:DIR, smtp://..., exchange:PROFILE, graph:PROFILE
    profiles: Path | None = None
    sender: str | None = None
    cases: tuple[str, ...] | None = None
    ledger: Path | None = None
    dry_run: bool = False
    resend_unknown: bool = False
    pdf: bool = True
    today: dt.date | None = None

    @property
    def route(self) -> str:
        return route_or_outbox(self.via, self.workbook_path)

    @property
    def ledger_path(self) -> Path:
        return self.ledger or default_path(self.workbook_path)


@dataclass
class MailoutReport:
    month: Month
    dry_run: bool
    via: str                             # the transport's description
    lane: str
    ledger: Path
    results: list[MailResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for r in self.results:
            found[str(r.status)] = found.get(str(r.status), 0) + 1
        return found

    @property
    def problems(self) -> list[MailResult]:
        return [r for r in self.results if r.status in PROBLEMS]

    def to_json(self, lang: str = "nl") -> dict:
        return {"month": self.month.key, "dry_run": self.dry_run, "via": self.via, "lane": self.lane,
                "results": [result_json(r, lang) for r in self.results], "counts": self.counts(),
                "notes": list(self.notes), "ledger": str(self.ledger)}


def result_json(result: MailResult, lang: str = "nl") -> dict:
    status = str(result.status)
    return {"case": result.case_id, "status": status, "status_text": MAIL_STATUS[lang][status],
            "reason": result.reason, "recipient": result.recipient, "subject": result.subject,
            "attachments": list(result.attachments)}


def mailout(workbook: Workbook, request: MailoutRequest,
            on_result: Callable[[MailResult], None] | None = None,
            on_start: Callable[[MailoutReport], None] | None = None) -> MailoutReport:
    """Each active case's report of the month to its employer, exactly once (a dry run sends nothing).

    on_start(report) once the transport is open (its description is known); on_result(result)
    after each case."""
    month = Month.parse(request.month)
    for label, folder in (("sjablonen", request.templates), ("mailteksten", request.mail_templates)):
        if not folder.is_dir():
            raise UsageError(f"map met {label} niet gevonden: {folder}")
    unknown = [c for c in request.cases or () if c not in workbook.cases]
    if unknown:
        raise NotFound(f"casus niet gevonden: {', '.join(unknown)}")
    with transport_for(request.route, request.profiles, request.sender) as transport:
        options = Options(request.out, request.templates, request.mail_templates,
                          list(request.cases) if request.cases else None, request.dry_run, request.resend_unknown,
                          request.pdf, request.today)
        report = MailoutReport(month, request.dry_run, transport.description, transport.lane, request.ledger_path)
        if on_start is not None:
            on_start(report)
        with ledger_for(request.ledger_path, request.dry_run) as ledger:
            run = run_mailout(workbook, month, transport, ledger, options)
            for result in run:
                report.results.append(result)
                if on_result is not None:
                    on_result(result)
            report.notes = list(run.notes)
    return report


def history(ledger_path: Path, month: str | None = None) -> list[Entry]:
    """The ledger's rows, newest month first; [] before the first mail-out."""
    return ledger_rows(ledger_path, Month.parse(month).key if month else None)


def entry_json(entry: Entry, lang: str = "nl") -> dict:
    return {"case": entry.case_id, "month": entry.month, "lane": entry.lane, "state": entry.state,
            "state_text": MAIL_STATUS[lang].get(entry.state, entry.state), "recipient": entry.recipient,
            "subject": entry.subject, "attachments": entry.attachments, "via": entry.transport,
            "attempts": entry.attempts, "detail": entry.detail, "sent_at": entry.sent_at}
