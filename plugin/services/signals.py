"""The weekly deadline signals: plan (who gets what), preview (a dry run), send, and the ledger.

One signal per casemanager per ISO week, built from the case verdicts of the cases overview
(plugin.services.cases), so the signal says what the app, `status` and the check say: with
dossiers or mailboxes it follows the documents, otherwise the workbook alone (and says so).
The CLI's `signals`, the app's signals page and a scheduled run all come here; the sending
itself is plugin.signals.run on the mail-out's ledger and transports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from plugin.core.words import MAIL_STATUS
from plugin.errors import UsageError
from plugin.mail.mailout.ledger import Entry
from plugin.mail.mailout.run import MailStatus
from plugin.services.cases import overview
from plugin.services.check import rules_of
from plugin.services.sending import ledger_for, ledger_rows, route_or_outbox, transport_for
from plugin.services.sources import Sources
from plugin.signals.periods import Week, resolve_week
from plugin.signals.plan import Bases, Signal, plan_signals
from plugin.signals.recipients import load_contacts, recipients_for
from plugin.signals.run import SignalOptions, SignalResult, send_signals
from plugin.workbook.facts import calendar_for

PROBLEMS = (MailStatus.FAILED, MailStatus.REFUSED, MailStatus.UNKNOWN)


def default_ledger(workbook: Path) -> Path:
    """<workbook stem>.signals.sqlite next to the workbook (the mail-out's is .mailout.sqlite)."""
    return workbook.with_name(f"{workbook.stem}.signals.sqlite")


@dataclass(frozen=True)
class SignalsRequest:
    workbook_path: Path
    mail_templates: Path
    weeks: int = 3                       # what falls due in the next N weeks
    week: str | None = None              # current (default) | previous | 2026-W48
    via: str | None = None               # outbox:DIR (default: outbox next to the workbook), smtp://, exchange:, graph:
    profiles: Path | None = None         # transport profiles and [casemanagers]
    sender: str | None = None
    ledger: Path | None = None
    dry_run: bool = False
    again: bool = False                  # send this week's signal once more, on purpose
    always: bool = False                 # also a signal saying there is nothing

    @property
    def route(self) -> str:
        return route_or_outbox(self.via, self.workbook_path)

    @property
    def ledger_path(self) -> Path:
        return self.ledger or default_ledger(self.workbook_path)


@dataclass
class Plan:
    week: Week
    sources: Sources                     # as of the day the signal is made (in that week)
    signals: list[Signal]
    basis: str
    notes: list[str] = field(default_factory=list)


@dataclass
class SignalsReport:
    week: Week
    dry_run: bool
    via: str
    lane: str
    ledger: Path
    basis: str = "workbook"
    results: list[SignalResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for r in self.results:
            found[str(r.status)] = found.get(str(r.status), 0) + 1
        return found

    @property
    def problems(self) -> list[SignalResult]:
        """What the user must look at: not sent for a fault, or a signal with news and no address."""
        return [r for r in self.results if r.status in PROBLEMS or (r.no_address and r.cases)]

    def to_json(self, lang: str = "nl") -> dict:
        return {"week": self.week.key, "dry_run": self.dry_run, "via": self.via, "lane": self.lane,
                "basis": self.basis, "results": [result_json(r, lang) for r in self.results],
                "counts": self.counts(), "notes": list(self.notes), "ledger": str(self.ledger)}


def result_json(result: SignalResult, lang: str = "nl") -> dict:
    status = str(result.status)
    return {"casemanager": result.name, "key": result.key, "status": status,
            "status_text": MAIL_STATUS[lang][status], "reason": result.reason, "recipient": result.recipient,
            "subject": result.subject, "cases": list(result.cases), "late": result.late, "due": result.due,
            "no_address": result.no_address, "text": result.text}


def plan(sources: Sources, request: SignalsRequest) -> Plan:
    """Per casemanager what is late and what falls due in the next request.weeks weeks."""
    workbook = sources.workbook
    if workbook is None:
        raise UsageError("geen werkmap")
    if not 1 <= request.weeks <= 26:
        raise UsageError(f"--weeks {request.weeks}: kies 1 tot en met 26 weken")
    week = resolve_week(request.week, sources.as_of)
    if sources.as_of not in week:      # a named other week: as on its Monday
        sources = dataclasses.replace(sources, as_of=week.monday)
    contacts = load_contacts(request.profiles)
    recipients = recipients_for(workbook.cases.values(), contacts)
    verdicts, notes, basis = {}, [], "workbook"
    for lang in sorted({r.lang for r in recipients.values()} or {"nl"}):
        found = overview(dataclasses.replace(sources, lang=lang))
        verdicts[lang], basis = found.verdicts, found.basis
        notes += [n for n in found.notes if n not in notes]
    blocked = workbook.blocked_ids()
    calendars = {c.id: None if c.id in blocked else calendar_for(c) for c in workbook.cases.values()}
    dossiers = {}
    if sources.dossiers is not None:
        root = sources.dossiers.resolve()
        for judged in next(iter(verdicts.values()), []):
            if judged.folder:
                dossiers[judged.case_id] = str(root / judged.folder)
    signals = plan_signals(verdicts, recipients, calendars, Bases.from_rules(rules_of(sources)), week, sources.as_of,
                           request.weeks, basis, dossiers)
    return Plan(week, sources, signals, basis, notes)


def signals(sources: Sources, request: SignalsRequest, on_result: Callable[[SignalResult], None] | None = None,
            on_start: Callable[[SignalsReport], None] | None = None) -> SignalsReport:
    """This week's signals: previewed (dry run) or sent, each casemanager at most once per ISO week."""
    if not request.mail_templates.is_dir():
        raise UsageError(f"map met mailteksten niet gevonden: {request.mail_templates}")
    planned = plan(sources, request)
    with transport_for(request.route, request.profiles, request.sender) as transport:
        report = SignalsReport(planned.week, request.dry_run, transport.description, transport.lane,
                               request.ledger_path, planned.basis, notes=list(planned.notes))
        if on_start is not None:
            on_start(report)
        options = SignalOptions(request.mail_templates, request.dry_run, request.again, request.always)
        with ledger_for(request.ledger_path, request.dry_run) as ledger:
            for result in send_signals(planned.signals, transport, ledger, options, sources.workbook.cases):
                report.results.append(result)
                if on_result is not None:
                    on_result(result)
    return report


def history(ledger_path: Path, week: str | None = None) -> list[Entry]:
    """The signals ledger's rows, newest week first; [] before the first signal."""
    return ledger_rows(ledger_path, Week.parse(week).key if week else None)
