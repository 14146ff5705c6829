"""Sending the signals: each casemanager at most one per ISO week, crash-safe.

The mail-out's ledger and transports, unchanged in kind (plugin.mail.mailout): a row per
casemanager (its address) and ISO week, committed as 'planned' before the message is built,
'sending' before the network call and its outcome right after; a row left in 'sending' by a
killed run is settled first (the outbox file or Sent Items tells; over SMTP it becomes
'unknown' and is only sent again with --again). `--again` sends this week's signal once more
on purpose, under a new Message-ID. Nothing to report means no mail, unless --always.

Before each send: the To is the one address this casemanager's row was planned for, with no
Cc or Bcc, and the AVG guard (plugin.core.privacy) finds no medical word in the subject, the
text or the HTML. Names of employers, jobs and people from the cases' rows are not read as
health statements, as in generate and the mail-out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

from plugin.core.privacy import describe, find_in_parts
from plugin.documents.privacy_guard import RULE, exempt_values, work_values
from plugin.errors import PoortwachterError
from plugin.mail.mailout.ledger import Entry, Ledger
from plugin.mail.mailout.message import sender_domain
from plugin.mail.mailout.run import MailStatus, resolve_existing
from plugin.mail.mailout.transports import Ambiguous, NotSent, Transport
from plugin.signals.message import build_signal_message, html_text, render_signal
from plugin.signals.plan import Signal

AGAIN = "opnieuw verzonden op verzoek (--again)"


@dataclass(frozen=True)
class SignalResult:
    """What happened to one casemanager's signal this week."""

    key: str
    name: str
    status: MailStatus
    reason: str = ""
    recipient: str = ""
    subject: str = ""
    cases: tuple[str, ...] = ()
    late: int = 0
    due: int = 0
    text: str = ""          # the plain text (previews)
    html: str = ""

    @property
    def no_address(self) -> bool:
        return self.status == MailStatus.SKIPPED and not self.recipient


@dataclass
class SignalOptions:
    mail_templates: Path
    dry_run: bool = False
    again: bool = False
    always: bool = False

    @property
    def resend_unknown(self) -> bool:     # what resolve_existing asks: an unknown row only with --again
        return self.again


class Refused(Exception):
    """This signal must not be sent; str() says why."""


def check_message(signal: Signal, entry: Entry, message: EmailMessage, rows: dict) -> None:
    """Right recipient only, and no medical word anywhere in what the casemanager reads."""
    expected = (signal.recipient.address or "").lower()
    to = [address.lower() for _, address in getaddresses(message.get_all("To", []))]
    if entry.case_id != signal.recipient.key or entry.recipient.lower() != expected:
        raise Refused(f"logboekregel hoort bij {entry.recipient}, niet bij {signal.recipient.address}")
    if to != [expected] or any(message.get_all(h) for h in ("Cc", "Bcc")):
        raise Refused(f"het bericht gaat naar {', '.join(to) or 'niemand'}; alleen {expected} is toegestaan")
    exempt, work = [], []
    for case_id in signal.case_ids:
        row = rows.get(case_id)
        if row is not None:
            exempt += exempt_values(row)
            work += work_values(row)
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    hits = find_in_parts([("onderwerp", message["Subject"]), ("tekst", text), ("HTML", html_text(html))], exempt, work)
    if hits:
        raise Refused(f"medische term(en) in het signaal ({RULE}): {describe(hits)}")


def send_signals(signals: list[Signal], transport: Transport, ledger: Ledger, options: SignalOptions,
                 rows: dict) -> Iterator[SignalResult]:
    """One SignalResult per casemanager, as each is done. rows: case id -> workbook Case."""
    for signal in signals:
        yield _one(signal, transport, ledger, options, rows)


def _result(signal: Signal, status: MailStatus, reason: str = "", subject: str = "", text: str = "",
            html: str = "") -> SignalResult:
    return SignalResult(signal.recipient.key, signal.recipient.name, status, reason, signal.recipient.address or "",
                        subject, signal.case_ids, signal.late, signal.due, text, html)


def _one(signal: Signal, transport: Transport, ledger: Ledger, options: SignalOptions, rows: dict) -> SignalResult:
    recipient = signal.recipient
    if not recipient.reachable:
        return _result(signal, MailStatus.SKIPPED, recipient.problem)
    if signal.empty and not options.always:
        return _result(signal, MailStatus.SKIPPED, "niets te melden deze week")
    domain = sender_domain(transport.sender)
    week = signal.week.key
    entry = ledger.get(recipient.key, week, transport.lane)
    again = False
    if entry is not None:
        if entry.state == "sending" or not (options.again and entry.state in ("sent", "unknown")):
            early = resolve_existing(entry, transport, ledger, options, resend_flag="--again")
            if early is not None:
                reason = early.reason.replace("al verzonden op", "deze week al verzonden op")
                return _result(signal, early.status, reason, early.subject)
            entry = ledger.get(recipient.key, week, transport.lane)
        if options.again and entry is not None and entry.state in ("sent", "unknown"):
            again = True
            if not options.dry_run:
                entry = ledger.reopen(entry, domain, AGAIN)
    try:
        mail, html = render_signal(options.mail_templates, signal)
    except PoortwachterError as exc:
        return _settle(ledger, signal, transport, options, MailStatus.FAILED, str(exc))
    if options.dry_run:
        entry = entry or Entry(recipient.key, week, transport.lane, "planned", "<nieuw>", recipient.address, "", "",
                               "", 0, "", None)
    else:
        entry = ledger.plan(recipient.key, week, transport.lane, recipient.address, domain)
    message = build_signal_message(transport.sender, signal, mail, html, entry.message_id, again)
    texts = dict(subject=mail.subject, text=mail.body, html=html)
    try:
        check_message(signal, entry, message, rows)
    except Refused as exc:
        if not options.dry_run:
            ledger.mark(entry, "refused", str(exc))
        return _result(signal, MailStatus.REFUSED, str(exc), **texts)
    what = _what(signal) + (" (opnieuw)" if again else "")
    if options.dry_run:
        return _result(signal, MailStatus.WOULD_SEND, what, **texts)
    if not ledger.claim(entry, mail.subject, "", transport.description, allow_unknown=options.again):
        return _result(signal, MailStatus.SKIPPED, "al opgepakt door een andere run", mail.subject)
    claimed = ledger.get(recipient.key, week, transport.lane)
    if claimed is None or claimed.state != "sending" or claimed.message_id != message["Message-ID"]:
        ledger.mark(entry, "refused", "logboekregel veranderde tijdens het verzenden")
        return _result(signal, MailStatus.REFUSED, "logboekregel veranderde tijdens het verzenden", mail.subject)
    try:
        detail = transport.send(message, claimed.recipient)
    except NotSent as exc:
        ledger.mark(entry, "failed", str(exc))
        return _result(signal, MailStatus.FAILED, str(exc), **texts)
    except Ambiguous as exc:
        ledger.mark(entry, "unknown", str(exc))
        return _result(signal, MailStatus.UNKNOWN, f"{exc}; controleer of het aankwam, dan eventueel --again", **texts)
    except BaseException as exc:
        ledger.mark(entry, "unknown", f"onverwachte fout tijdens het verzenden: {exc!r}")
        raise
    ledger.mark(entry, "sent", detail)
    return _result(signal, MailStatus.SENT, what, **texts)


def _settle(ledger: Ledger, signal: Signal, transport: Transport, options: SignalOptions, status: MailStatus,
            reason: str) -> SignalResult:
    if not options.dry_run:
        entry = ledger.plan(signal.recipient.key, signal.week.key, transport.lane, signal.recipient.address,
                            sender_domain(transport.sender))
        ledger.mark(entry, str(status), reason)
    return _result(signal, status, reason)


def _what(signal: Signal) -> str:
    return f"{len(signal.cases)} casus(sen): {signal.late} te laat, {signal.due} komend"
