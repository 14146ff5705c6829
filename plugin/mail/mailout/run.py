"""One mail-out run: plan the month, then per case prepare, check, record, send, record.

Crash safety (see ledger.py for the states). Before the network call the row is
committed as 'sending'; right after it, as 'sent', 'failed' or 'unknown'. A row still in
'sending' at the start of a run means an earlier run died during that send:
  * outbox: the .eml is written atomically, so it exists (-> sent) or not (-> write it);
  * Exchange/Graph: Sent Items is searched for our Message-ID (found -> sent);
  * otherwise (SMTP, or not found, or cannot search): 'unknown', reported and only sent
    again with --resend-unknown after a person checked the Sent folder or the employer.
So no message is ever sent twice by Poortwachter on its own, at the price of asking a
person about at most one message per crashed run.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from plugin.core.dates import format_date
from plugin.core.doctypes import DOC_TYPES
from plugin.core.verdict import verdict
from plugin.core.wvp_calendar import DEFS
from plugin.errors import PoortwachterError, PrivacyViolation
from plugin.documents.generate import Renderer
from plugin.mail.mailout import safety
from plugin.mail.mailout.ledger import Entry, Ledger
from plugin.mail.mailout.message import build_message, month_name, render_mail, sender_domain
from plugin.mail.mailout.pdf import PdfConverter
from plugin.mail.mailout.plan import Month, Report, plan_month
from plugin.mail.mailout.report import DOCX_TYPE, Attachment, prepare
from plugin.mail.mailout.transports import Ambiguous, NotSent, Transport
from plugin.output import write_atomic
from plugin.workbook.load import Case, Workbook
from plugin.workbook.facts import calendar_for


class MailStatus(StrEnum):
    SENT = "sent"
    WOULD_SEND = "would_send"   # dry run
    SKIPPED = "skipped"
    FAILED = "failed"
    REFUSED = "refused"         # a safety check stopped it
    UNKNOWN = "unknown"         # may or may not have arrived


PROBLEMS = (MailStatus.FAILED, MailStatus.REFUSED, MailStatus.UNKNOWN)


@dataclass(frozen=True)
class MailResult:
    """What happened to one case's monthly mail."""
    case_id: str
    status: MailStatus
    reason: str = ""
    recipient: str = ""
    subject: str = ""
    attachments: tuple[str, ...] = ()


@dataclass
class Options:
    out_dir: Path
    templates: Path
    mail_templates: Path
    case_ids: list[str] | None = None
    dry_run: bool = False
    resend_unknown: bool = False
    pdf: bool = True
    today: dt.date | None = None


class MailRun:
    """One month's mail-out: iterate it for one MailResult per case, as each is done (so a
    caller can show progress); afterwards `notes` holds what the summary should say once."""

    def __init__(self, workbook: Workbook, month: Month, transport: Transport, ledger: Ledger, options: Options):
        self.workbook, self.month, self.transport, self.ledger, self.options = workbook, month, transport, ledger, options
        self.notes: list[str] = []

    def _note(self, text: str) -> None:
        if text and text not in self.notes:
            self.notes.append(text)

    def __iter__(self) -> Iterator[MailResult]:
        options = self.options
        reports, skips = plan_month(self.workbook, self.month, options.case_ids, options.today)
        for skip in skips:   # a skip the user must fix (a bad address) is refused: the exit code is then 1
            yield MailResult(skip.case_id, MailStatus.REFUSED if skip.problem else MailStatus.SKIPPED, skip.reason)
        renderer = Renderer(options.templates)
        pdf = PdfConverter(enabled=options.pdf and not options.dry_run)
        if not options.dry_run:
            self._note(pdf.note)
        try:
            for report in reports:
                yield _mail_one(self.workbook.cases[report.case_id], report, self.month, self.transport, self.ledger,
                                renderer, pdf, options, self._note)
        finally:
            pdf.close()


def run_mailout(workbook: Workbook, month: Month, transport: Transport, ledger: Ledger, options: Options) -> MailRun:
    return MailRun(workbook, month, transport, ledger, options)


def _mail_one(case: Case, report: Report, month: Month, transport: Transport, ledger: Ledger, renderer: Renderer,
              pdf: PdfConverter, options: Options, note) -> MailResult:
    entry = ledger.get(case.id, month.key, transport.lane)
    if entry is not None:
        early = _resolve_existing(entry, transport, ledger, options)
        if early is not None:
            return early
    try:
        attachment = prepare(renderer, case, report, month, options.out_dir, write=not options.dry_run)
    except PrivacyViolation as exc:
        return _refuse(ledger, case, report, month, transport, str(exc), options)
    except (PoortwachterError, OSError) as exc:
        return _fail(ledger, case, report, month, transport, f"rapport niet gemaakt: {exc}", options)
    files = [(attachment.name, attachment.data, DOCX_TYPE)]
    if not options.dry_run:
        data, why = pdf.convert(attachment.data, attachment.path.stem)
        if data is not None:
            pdf_path = attachment.path.with_suffix(".pdf")
            write_atomic(pdf_path, data, force=True)
            files.append((pdf_path.name, data, "application/pdf"))
        else:
            note(why)
    try:
        mail = render_mail(options.mail_templates, report.lang, mail_context(case, report, month, attachment, files,
                                                                             options.today))
    except PoortwachterError as exc:
        return _fail(ledger, case, report, month, transport, str(exc), options)
    if options.dry_run:
        entry = entry or Entry(case.id, month.key, transport.lane, "planned", "<nieuw>", report.recipient, "", "", "",
                               0, "", None)
    else:
        entry = ledger.plan(case.id, month.key, transport.lane, report.recipient, sender_domain(transport.sender))
    message = build_message(transport.sender, report.recipient, mail, entry.message_id, report.lang, files, case.id,
                            month.key)
    names = tuple(name for name, _, _ in files)
    try:
        safety.check_all(case, entry, message, attachment, mail)
    except safety.Refused as exc:
        if not options.dry_run:
            ledger.mark(entry, "refused", str(exc))
        return MailResult(case.id, MailStatus.REFUSED, str(exc), report.recipient, mail.subject, names)
    if options.dry_run:
        return MailResult(case.id, MailStatus.WOULD_SEND, _what(report, attachment), report.recipient, mail.subject, names)
    if not ledger.claim(entry, mail.subject, ", ".join(names), transport.description, options.resend_unknown):
        return MailResult(case.id, MailStatus.SKIPPED, "al opgepakt door een andere run", report.recipient)
    # At send time: the row we claimed is the one this message was built for.
    claimed = ledger.get(case.id, month.key, transport.lane)
    try:
        if claimed is None or claimed.state != "sending" or claimed.message_id != message["Message-ID"]:
            raise safety.Refused("logboekregel veranderde tijdens het verzenden")
        safety.check_recipient(case, claimed, message)
    except safety.Refused as exc:
        ledger.mark(entry, "refused", str(exc))
        return MailResult(case.id, MailStatus.REFUSED, str(exc), report.recipient, mail.subject, names)
    try:
        detail = transport.send(message, claimed.recipient)
    except NotSent as exc:
        ledger.mark(entry, "failed", str(exc))
        return MailResult(case.id, MailStatus.FAILED, str(exc), report.recipient, mail.subject, names)
    except Ambiguous as exc:
        ledger.mark(entry, "unknown", str(exc))
        return MailResult(case.id, MailStatus.UNKNOWN, f"{exc}; controleer of het aankwam, dan eventueel --resend-unknown",
                       report.recipient, mail.subject, names)
    except BaseException as exc:
        ledger.mark(entry, "unknown", f"onverwachte fout tijdens het verzenden: {exc!r}")
        raise
    ledger.mark(entry, "sent", detail)
    return MailResult(case.id, MailStatus.SENT, _what(report, attachment), report.recipient, mail.subject, names)


def _resolve_existing(entry: Entry, transport: Transport, ledger: Ledger, options: Options,
                      resend_flag: str = "--resend-unknown") -> MailResult | None:
    """An MailResult when the ledger already settles this message; None to (re)send it.

    The deadline signals settle their rows the same way (options: anything with dry_run and
    resend_unknown; resend_flag: the option that sends an unknown message again)."""
    if entry.state == "sent":
        return MailResult(entry.case_id, MailStatus.SKIPPED, f"al verzonden op {(entry.sent_at or '')[:16]} via {entry.transport}",
                       entry.recipient, entry.subject)
    if entry.state == "sending":
        if options.dry_run:
            return MailResult(entry.case_id, MailStatus.UNKNOWN, "een eerdere run brak af tijdens het verzenden; de echte run "
                                                     "zoekt uit of het aankwam", entry.recipient, entry.subject)
        found = transport.was_sent(entry)
        if found:
            ledger.mark(entry, "sent", "teruggevonden na een afgebroken run")
            return MailResult(entry.case_id, MailStatus.SKIPPED, "al verzonden (teruggevonden na een afgebroken run)",
                           entry.recipient, entry.subject)
        if found is False and transport.kind == "outbox":
            ledger.mark(entry, "failed", "afgebroken run: .eml niet geschreven; opnieuw")
            return None
        where = "niet gevonden in Verzonden items" if found is False else "niet na te gaan bij " + transport.kind
        ledger.mark(entry, "unknown", f"afgebroken run tijdens het verzenden; {where}")
        entry = ledger.get(entry.case_id, entry.month, entry.lane)
    if entry.state == "unknown" and not options.resend_unknown:
        advice = ("kijk in de verzonden mail of vraag het de ontvanger, en verstuur zo nodig opnieuw met "
                  f"{resend_flag}")
        return MailResult(entry.case_id, MailStatus.UNKNOWN, f"status onbekend ({entry.detail}); {advice}", entry.recipient,
                       entry.subject)
    return None


resolve_existing = _resolve_existing


def _refuse(ledger, case, report, month, transport, reason, options) -> MailResult:
    return _record(ledger, case, report, month, transport, "refused", reason, options)


def _fail(ledger, case, report, month, transport, reason, options) -> MailResult:
    return _record(ledger, case, report, month, transport, "failed", reason, options)


def _record(ledger, case, report, month, transport, state, reason, options) -> MailResult:
    if not options.dry_run:
        entry = ledger.plan(case.id, month.key, transport.lane, report.recipient, sender_domain(transport.sender))
        ledger.mark(entry, state, reason)
    return MailResult(case.id, MailStatus(state), reason, report.recipient)


def _what(report: Report, attachment: Attachment) -> str:
    kind = "evaluatie" if report.doc == "evaluatie" else "maandrapportage"
    return f"{kind} {format_date(report.date, style='short')}" + (" (bestaand document uit de uitvoermap)" if attachment.existing else "")


def mail_context(case: Case, report: Report, month: Month, attachment: Attachment, files: list,
                 today: dt.date | None = None) -> dict:
    """What the mail text may use (documented in mailbox/<taal>/maandrapportage.txt)."""
    calendar = calendar_for(case)
    casus = dict(case.data)
    casus["eerste_ziektedag"] = calendar.first_sick_day
    # The case's verdict (the same record the app and `status` show), on the workbook's dates:
    # the report goes to the employer, who sees the deadlines from this month on.
    judged = verdict(case.id, case.name, calendar, today or dt.date.today(), lang=report.lang)
    upcoming = [i for i in judged.items if i.due and i.due >= month.first and i.code in DEFS][:3]
    evaluation = case.evaluations[report.evaluation_index] if report.evaluation_index is not None else None
    return {
        "casus": casus,
        "maand": month_name(month.year, month.month, report.lang),
        "periode": {"van": month.first, "tot": month.last},
        "document": {"type": report.doc, "datum": report.date, "bestandsnaam": attachment.name,
                     "titel": DOC_TYPES[report.doc].title(report.lang)},
        "evaluatie": {k: evaluation.get(k) for k in ("datum", "soort", "volgende_evaluatie")} if evaluation else None,
        "bijlagen": [name for name, _, _ in files],
        "pdf": any(name.endswith(".pdf") for name, _, _ in files),
        "komende_termijnen": [{"naam": i.title, "uiterlijk": i.due, "week": calendar.week_at(i.due)} for i in upcoming],
        "vandaag": today or dt.date.today(),
    }

