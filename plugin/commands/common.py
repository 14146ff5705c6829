"""Small helpers the subcommands share: date arguments and printing workbook problems."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from plugin.core.dates import DateError, parse_user_date
from plugin.core.month import Month, MonthError
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # the workbook loader (openpyxl) is imported by the commands that read one
    from plugin.workbook.load import Workbook


def date_arg(text: str) -> dt.date:
    try:
        return parse_user_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: {exc}") from None


def month_arg(text: str) -> tuple[dt.date, dt.date]:
    """'2026-03' -> (1 March 2026, 31 March 2026)."""
    try:
        month = Month.parse(text)
    except MonthError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return month.first, month.last


def print_problems(workbook: Workbook, stream=None) -> None:
    """The workbook's warnings (e.g. open in Excel right now) and every problem, on stderr."""
    stream = stream or sys.stderr
    for warning in workbook.warnings:
        print(f"Let op: {warning}", file=stream)
    if not workbook.problems:
        return
    print(f"{workbook.path.name}: {len(workbook.problems)} probleem/problemen gevonden:", file=stream)
    for problem in workbook.problems:
        case = f"[casus {problem.case_id}] " if problem.case_id else ""
        print(f"  - {case}{problem}", file=stream)


def sender_arg(text: str) -> str:
    """--from: exactly one address, optionally with a name (plugin.mail.mailout.message.parse_sender)."""
    from plugin.errors import MailError
    from plugin.mail.mailout.message import parse_sender

    try:
        return parse_sender(text)
    except MailError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_scheduled_arg(parser) -> None:
    """--scheduled WHEN, which `poortwachter schedule` puts in the task it writes."""
    parser.add_argument("--scheduled", metavar="WANNEER", help="door `poortwachter schedule` gezet: een geplande run "
                        "(schrijft het runlogboek; doet niets als hij na WANNEER al gedraaid heeft)")
