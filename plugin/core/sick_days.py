"""Counting sick days and WVP weeks across periods that add up (samentelling).

Week 1 starts on the first sick day; "in week N" means by the end of sick day 7*N.
Sick periods separated by less than 4 weeks add up and the gap does not count
(WIA art. 23 lid 2 and UWV practice; see WVP.md "Counting").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

GAP_THAT_BREAKS_THE_CHAIN = dt.timedelta(weeks=4)
DAY = dt.timedelta(days=1)


FULL_RECOVERY = 100.0


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date | None  # None: still sick
    # Recovery reached on `end`, in percent. Only full recovery for the own job ends the
    # waiting time; working partly or in other work does not (WVP.md "Counting"). None: full.
    recovered_percent: float | None = None

    def days(self) -> int | None:
        return None if self.end is None else (self.end - self.start).days + 1

    @property
    def partial(self) -> bool:
        """Ends in partial recovery: the employee is still unfit for the own job."""
        return self.end is not None and self.recovered_percent is not None and self.recovered_percent < FULL_RECOVERY


def as_the_law_sees(periods: list[Period]) -> list[Period]:
    """The periods of unfitness for the own job, in order: a period that ends in partial
    recovery runs on until the next period starts (or is still running)."""
    ordered = sorted(periods, key=lambda p: p.start)
    result = []
    for i, period in enumerate(ordered):
        if period.partial:
            following = ordered[i + 1].start - DAY if i + 1 < len(ordered) else None
            period = Period(period.start, following, period.recovered_percent)
        result.append(period)
    return result


def chains(periods: list[Period]) -> list[list[Period]]:
    """The periods grouped into waiting times: a gap of 4 weeks or more starts a new one."""
    groups: list[list[Period]] = []
    for period in sorted(periods, key=lambda p: p.start):
        if groups and groups[-1][-1].end is not None \
                and period.start - groups[-1][-1].end - DAY < GAP_THAT_BREAKS_THE_CHAIN:
            groups[-1].append(period)
        else:
            groups.append([period])
    return groups


def current_chain(periods: list[Period]) -> list[Period]:
    """The periods that add up with the latest one (gaps shorter than 4 weeks)."""
    return chains(periods)[-1] if periods else []


@dataclass(frozen=True)
class SickClock:
    """Maps sick-day numbers to calendar dates and back, for one chain of periods."""

    periods: tuple[Period, ...]

    @property
    def first_day(self) -> dt.date:
        return self.periods[0].start

    @property
    def recovered_on(self) -> dt.date | None:
        """The last sick day if the chain has ended, else None."""
        return self.periods[-1].end

    def date_of_day(self, n: int) -> dt.date | None:
        """Calendar date of sick day n (1-based); None if the chain ended before it."""
        counted = 0
        for period in self.periods:
            length = period.days()
            if length is None or n <= counted + length:
                return period.start + dt.timedelta(days=n - counted - 1)
            counted += length
        return None

    def end_of_week(self, week: int) -> dt.date | None:
        return self.date_of_day(7 * week)

    def after(self, date: dt.date, span: dt.timedelta) -> dt.date | None:
        """The date on which `span` of sick time has passed since `date`: the healthy days of
        a gap between periods do not count (the clock pauses while the employee is fit).
        None if the chain ended before that."""
        return self.date_of_day(self.sick_days_until(date) + span.days)

    def sick_days_until(self, date: dt.date) -> int:
        """Number of sick days from the first one up to and including date."""
        counted = 0
        for period in self.periods:
            if date < period.start:
                break
            last = date if period.end is None else min(date, period.end)
            counted += (last - period.start).days + 1
        return counted

    def week_at(self, date: dt.date) -> int:
        """The WVP week a date falls in (0 before the first sick day)."""
        days = self.sick_days_until(date)
        return 0 if days <= 0 else (days + 6) // 7


def dutch_public_holidays(year: int) -> set[dt.date]:
    """Days that move 'the first working day' (Algemene termijnenwet art. 3).

    Listed in art. 3: Nieuwjaarsdag, tweede Paas- en Pinksterdag, Hemelvaartsdag, both
    Christmas days, Koningsdag and 5 mei. UNCLEAR: whether Goede Vrijdag is equated to
    these by decree; we leave it out, which gives the earlier (stricter) deadline.
    """
    easter = _easter(year)
    koningsdag = dt.date(year, 4, 27)
    if koningsdag.weekday() == 6:
        koningsdag -= DAY
    days = {
        dt.date(year, 1, 1), easter + DAY, koningsdag, easter + dt.timedelta(days=39),
        easter + dt.timedelta(days=50), dt.date(year, 12, 25), dt.date(year, 12, 26), dt.date(year, 5, 5),
    }
    return days


def next_working_day(date: dt.date) -> dt.date:
    day = date
    while day.weekday() >= 5 or day in dutch_public_holidays(day.year):
        day += DAY
    return day


def _easter(year: int) -> dt.date:
    """Anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
