"""Small helpers the subcommands share: date arguments and printing workbook problems."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from plugin.core.dates import DateError, parse_date
from plugin.workbook.load import Workbook


def date_arg(text: str) -> dt.date:
    try:
        value = parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} {exc}") from None
    if value is None:
        raise argparse.ArgumentTypeError("lege datum")
    return value


def month_arg(text: str) -> tuple[dt.date, dt.date]:
    """'2026-03' -> (1 March 2026, 31 March 2026)."""
    import calendar
    import re

    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise argparse.ArgumentTypeError(f"{text!r} is geen maand; schrijf JJJJ-MM, bv. 2026-03")
    year, month = int(match[1]), int(match[2])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def print_problems(workbook: Workbook, stream=None) -> None:
    stream = stream or sys.stderr
    if not workbook.problems:
        return
    print(f"{workbook.path.name}: {len(workbook.problems)} probleem/problemen gevonden:", file=stream)
    for problem in workbook.problems:
        case = f"[casus {problem.case_id}] " if problem.case_id else ""
        print(f"  - {case}{problem}", file=stream)
