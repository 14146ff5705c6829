"""Bounded retries for throttled servers (retry.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from plugin.errors import MailError
from plugin.mail.mailboxes.retry import GaveUp, RetryPolicy, Throttled, retry_after


def flaky(delays: list[float | None], result: str = "ok"):
    """A call that is throttled once per entry in `delays`, then succeeds."""
    pending = list(delays)

    def call():
        if pending:
            raise Throttled("te druk", pending.pop(0))
        return result
    return call


def policy(**overrides):
    waits: list[float] = []
    return RetryPolicy(sleep=waits.append, **overrides), waits


@pytest.mark.parametrize(("delays", "expected_waits"), [
    ([], []),
    ([2.5], [2.5]),                        # the server's hint
    ([None, None, None], [1.0, 2.0, 4.0]),  # our own exponential back-off
    ([500.0], [60.0]),                     # one wait is capped at max_wait
    ([0.0, None], [0.0, 2.0]),
])
def test_waits(delays, expected_waits):
    retry, waits = policy()
    assert retry.run(flaky(delays), "test") == "ok"
    assert waits == expected_waits


def test_gives_up_after_max_attempts():
    retry, waits = policy(max_attempts=3)
    with pytest.raises(GaveUp, match="gestopt na 3 pogingen") as info:
        retry.run(flaky([1, 1, 1, 1]), "Microsoft Graph")
    assert isinstance(info.value, MailError)
    assert waits == [1, 1]


def test_gives_up_before_exceeding_total_wait():
    retry, waits = policy(max_total_wait=10)
    with pytest.raises(GaveUp, match="Exchange"):
        retry.run(flaky([4, 4, 4, 4]), "Exchange")
    assert waits == [4, 4]  # a third wait would bring the total to 12 s


def test_other_errors_are_not_retried():
    retry, waits = policy()

    def broken():
        raise ValueError("kapot")
    with pytest.raises(ValueError):
        retry.run(broken, "test")
    assert waits == []


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0), (" 3 ", 3.0), ("0.5", 0.5), ("-4", 0.0), ("", None), (None, None), ("soon", None),
    ("Wed, 21 Oct 2026 07:28:30 GMT", 30.0), ("Wed, 21 Oct 2026 07:27:00 GMT", 0.0),
])
def test_retry_after(header, seconds):
    now = dt.datetime(2026, 10, 21, 7, 28, 0, tzinfo=dt.timezone.utc)
    assert retry_after(header, now) == seconds
