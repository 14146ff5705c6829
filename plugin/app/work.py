"""Where a route's work runs: never on the event loop, and heavy work never in the way of light work.

- Light work (the workbook, the cases list, a case page) runs in Starlette's thread pool
  (`run_in_threadpool`, 40 threads).
- Heavy work (a check, generating a document, what a posted text or mail is, saving into a
  dossier, the mail-out, a report) runs in threads of its own, at most HEAVY_AT_ONCE at a time:
  a burst of heavy requests queues among itself and never takes the threads the light ones need.
- Reading posted files (the Outlook pane's attachments) happens in the readers' worker
  processes, under their time and memory limits (plugin.services.inspect): a reader whose
  regular expression holds the interpreter lock for minutes would stall every thread of this
  process, the event loop included, so threads alone are not enough there.
"""

from __future__ import annotations

import asyncio
import functools
import os
import weakref
from typing import Callable, TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")
HEAVY_AT_ONCE = max(2, os.cpu_count() or 2)

_limiters: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter]" = weakref.WeakKeyDictionary()


def _limiter() -> anyio.CapacityLimiter:
    # One per event loop: the test client runs each app in a loop of its own.
    loop = asyncio.get_running_loop()
    if loop not in _limiters:
        _limiters[loop] = anyio.CapacityLimiter(HEAVY_AT_ONCE)
    return _limiters[loop]


async def heavy(function: Callable[..., T], *args, **kwargs) -> T:
    """function(*args, **kwargs) in a thread of the heavy limiter."""
    return await anyio.to_thread.run_sync(functools.partial(function, *args, **kwargs), limiter=_limiter())
