"""Wrong tokens are answered slowly, one at a time; a right token or session never waits.

Why not per client address: the app listens on loopback only, so every client, the user's
browser as much as a guessing process of another local user, is 127.0.0.1 (and any local
process may bind any 127.x.y.z). The one thing that tells the real user from a guesser is a
right credential. So:

- a valid session cookie (a request without an Authorization header) is never throttled: the
  app in the browser keeps working whatever happens;
- a presented token (Bearer header, ?token= link, the login form) is compared at once; when
  it is right the request goes on at once;
- a wrong token is answered (401) only after a delay, and the delays are served one after
  the other, for all clients together: wrong answers come out at most one per delay. The
  delay grows with the wrong tokens of the last minute (0.25 s, doubling per 5, at most
  4 s) and falls back as they age: a mistyped token costs the user a quarter second;
- a guesser that does not wait for its answers but keeps opening connections would get
  each guess checked on arrival; so while MAX_WAITING wrong answers are queued, a new token
  is not even compared: 429 at once. That bounds guessing at one token per delay (about 15
  a minute under attack, instead of thousands a second) and keeps the waiting connections
  few. Only then does a right Bearer token (the add-ins, scripts) have to try again; the
  browser's session is never refused, and all is normal once the guessing stops.
"""

from __future__ import annotations

import asyncio
import collections
import time
import weakref

WINDOW = 60.0        # seconds a wrong token counts towards the delay
BASE_DELAY = 0.25    # seconds for the first wrong tokens
STEP = 5             # wrong tokens per doubling of the delay
MAX_DELAY = 4.0
MAX_WAITING = 16     # wrong answers queued before new tokens are refused unchecked


class Throttle:
    def __init__(self, clock=time.monotonic, base: float = BASE_DELAY, max_delay: float = MAX_DELAY,
                 max_waiting: int = MAX_WAITING):
        self.clock = clock
        self.base, self.max_delay, self.max_waiting = base, max_delay, max_waiting
        self._failures: collections.deque[float] = collections.deque()
        self._locks: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]" = weakref.WeakKeyDictionary()
        self.waiting = 0

    def busy(self) -> bool:
        """So many wrong answers are queued that a new token is not compared at all."""
        return self.waiting >= self.max_waiting

    def delay(self) -> float:
        now = self.clock()
        while self._failures and now - self._failures[0] > WINDOW:
            self._failures.popleft()
        return min(self.max_delay, self.base * 2 ** (len(self._failures) // STEP))

    async def failed(self) -> None:
        """Count a wrong token and return when its answer may go out (after the ones before it)."""
        delay = self.delay()
        self._failures.append(self.clock())
        self.waiting += 1
        try:
            async with self._lock():
                await asyncio.sleep(delay)
        finally:
            self.waiting -= 1

    def _lock(self) -> asyncio.Lock:
        # One lock per event loop: the test client runs each app in a loop of its own.
        loop = asyncio.get_running_loop()
        if loop not in self._locks:
            self._locks[loop] = asyncio.Lock()
        return self._locks[loop]
