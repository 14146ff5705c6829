"""When a scheduled run starts: weekly ("ma 08:00", the signals) or monthly ("1 08:00", the mail-out).

A monthly day is 1 to 28, so every month has it (a task on the 31st would skip months on
some systems and fire on the 1st on others).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from plugin.errors import UsageError

DAYS = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6,
        "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
        "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6,
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
ENGLISH = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DUTCH = ("ma", "di", "wo", "do", "vr", "za", "zo")
DEFAULTS = {"signals": "ma 08:00", "mailout": "1 08:00"}


@dataclass(frozen=True)
class At:
    weekday: int | None      # 0 Monday .. 6 Sunday (weekly)
    day: int | None          # 1..28 (monthly)
    hour: int
    minute: int

    @property
    def weekly(self) -> bool:
        return self.weekday is not None

    @property
    def text(self) -> str:
        """As the user types it, e.g. 'ma 08:00' or '1 08:00' (also what --scheduled carries)."""
        first = DUTCH[self.weekday] if self.weekly else str(self.day)
        return f"{first} {self.hour:02d}:{self.minute:02d}"

    def latest(self, now: dt.datetime) -> dt.datetime:
        """The last moment at or before now that this schedule fell (now is local, naive)."""
        moment = now.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        if self.weekly:
            moment -= dt.timedelta(days=(now.weekday() - self.weekday) % 7)
            return moment if moment <= now else moment - dt.timedelta(days=7)
        moment = moment.replace(day=self.day)
        if moment <= now:
            return moment
        previous = (now.replace(day=1) - dt.timedelta(days=1))
        return moment.replace(year=previous.year, month=previous.month)


def parse_at(text: str | None, kind: str) -> At:
    """'ma 08:00', 'monday 8:00' (weekly, the signals) or '1 08:00' (monthly, the mail-out)."""
    text = (text or DEFAULTS[kind]).strip().lower()
    match = re.fullmatch(r"(\w+)\s+(\d{1,2})[:.](\d{2})", text)
    if not match or int(match.group(2)) > 23 or int(match.group(3)) > 59:
        raise UsageError(f"--at {text!r}: gebruik bijvoorbeeld 'ma 08:00' (elke week) of '1 08:00' (elke maand op de 1e)")
    first, hour, minute = match.group(1), int(match.group(2)), int(match.group(3))
    if first.isdigit():
        if not 1 <= int(first) <= 28:
            raise UsageError(f"--at {text!r}: kies een dag van 1 tot en met 28 (die heeft elke maand)")
        if kind == "signals":
            raise UsageError("--at: de signalen gaan elke week; geef een weekdag, bijvoorbeeld 'ma 08:00'")
        return At(None, int(first), hour, minute)
    if first not in DAYS:
        raise UsageError(f"--at {text!r}: onbekende dag {first!r}; gebruik ma, di, wo, do, vr, za of zo")
    if kind == "mailout":
        raise UsageError("--at: de mail-out gaat elke maand; geef een dag van de maand, bijvoorbeeld '1 08:00'")
    return At(DAYS[first], None, hour, minute)
