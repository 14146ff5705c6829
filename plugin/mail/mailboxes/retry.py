"""Bounded retries for servers that ask us to slow down.

Exchange answers a busy server with ErrorServerBusy and a BackOffMilliseconds hint; Microsoft
Graph with HTTP 429 or 503 and a Retry-After header (seconds or an HTTP date). We wait what
the server asks, at least `min_wait`, and give up with a MailError once `max_attempts` calls
failed or waiting again would push the total wait past `max_total_wait` seconds: a scan of
thousands of messages must not hang for an hour on one throttled mailbox.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import time
from dataclasses import dataclass
from typing import Callable, TypeVar

from plugin.errors import MailError

log = logging.getLogger(__name__)
LONG_WAIT = 10.0  # seconds; a wait this long is shown without -v
T = TypeVar("T")


class Throttled(Exception):
    """Raised by a backend call to say: retry after `delay` seconds (None: use our back-off)."""

    def __init__(self, what: str, delay: float | None = None):
        super().__init__(what)
        self.what = what
        self.delay = delay


class GaveUp(MailError):
    """The server kept refusing within our limits."""


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6
    max_total_wait: float = 120.0   # seconds, summed over all waits of one call
    min_wait: float = 1.0           # when the server gives no hint: 1, 2, 4, ... seconds
    max_wait: float = 60.0          # a single wait is never longer than this
    sleep: Callable[[float], None] = time.sleep

    def run(self, call: Callable[[], T], what: str) -> T:
        waited, backoff = 0.0, self.min_wait
        for attempt in range(1, self.max_attempts + 1):
            try:
                return call()
            except Throttled as busy:
                delay = busy.delay if busy.delay is not None else backoff
                delay = min(max(delay, 0.0), self.max_wait)
                backoff = min(backoff * 2, self.max_wait)
                if attempt == self.max_attempts or waited + delay > self.max_total_wait:
                    raise GaveUp(f"{what}: de server blijft 'te druk' melden ({busy.what}); "
                                 f"gestopt na {attempt} pogingen en {waited:.0f} s wachten. Probeer het later opnieuw.") from None
                # a long wait is said without -v too, so a run never seems to hang silently
                level = logging.WARNING if delay >= LONG_WAIT else logging.INFO
                log.log(level, "%s: server te druk (%s), opnieuw over %.1f s (poging %d)", what, busy.what, delay, attempt)
                self.sleep(delay)
                waited += delay
        raise AssertionError("unreachable")


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: '120' or 'Wed, 21 Oct 2026 07:28:00 GMT'."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())
