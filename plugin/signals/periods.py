"""ISO weeks, and the period a scheduled run picks for itself.

A deadline signal belongs to an ISO week (Monday to Sunday, week 1 holds the year's first
Thursday: ISO 8601, the week Dutch calendars print): `2026-W48`. A scheduled run names no
date: `--week current` is the week of the day it runs, `--month previous` the month before
the day it runs (on 1 January: December of the year before).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from plugin.core.month import Month
from plugin.errors import UsageError

CURRENT = ("current", "huidige", "deze")
PREVIOUS = ("previous", "vorige")


@dataclass(frozen=True, order=True)
class Week:
    year: int      # the ISO year (29 December 2025 is in 2026-W01)
    week: int

    @classmethod
    def of(cls, day: dt.date) -> "Week":
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def parse(cls, text: str) -> "Week":
        match = re.fullmatch(r"\s*(\d{4})-?[Ww]?(\d{1,2})\s*", text or "")
        if match:
            year, week = int(match.group(1)), int(match.group(2))
            try:
                dt.date.fromisocalendar(year, week, 1)
                return cls(year, week)
            except ValueError:
                pass
        raise UsageError(f"--week {text!r}: gebruik current (deze week) of jjjj-Www, bijvoorbeeld 2026-W48")

    @property
    def key(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 7)

    def __contains__(self, day: dt.date) -> bool:
        return self.monday <= day <= self.sunday


def resolve_week(text: str | None, today: dt.date) -> Week:
    """None or 'current': the week of today; 'previous': the week before; else 2026-W48."""
    wanted = (text or "current").strip().lower()
    if wanted in CURRENT:
        return Week.of(today)
    if wanted in PREVIOUS:
        return Week.of(today - dt.timedelta(days=7))
    return Week.parse(text)


def resolve_month(text: str, today: dt.date) -> Month:
    """'previous': the month before today's (a run on 1 January mails December); 'current':
    today's; else 2026-04."""
    wanted = (text or "").strip().lower()
    if wanted in PREVIOUS:
        last = today.replace(day=1) - dt.timedelta(days=1)
        return Month(last.year, last.month)
    if wanted in CURRENT:
        return Month(today.year, today.month)
    return Month.parse(text)
