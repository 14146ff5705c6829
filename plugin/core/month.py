"""A calendar month as users type it (`2026-04`), for monthly reports and the mail-out."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from plugin.errors import UsageError


class MonthError(UsageError):
    """--month is not a month like 2026-04."""


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
            raise MonthError(f"--month {text!r}: gebruik jjjj-mm, bijvoorbeeld 2026-04")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
