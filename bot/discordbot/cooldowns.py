"""Per-user rate limits on questions, shared by /ask, the context menu and plain messages.

One user asking through three doors still gets one allowance.  A sliding window (the times of the
last `rate` questions) is exact and needs no timer; refused questions do not count.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

MAX_TRACKED_USERS = 10_000


class UserCooldowns:
    def __init__(self, rate: int, per: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.per = per
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}

    def retry_after(self, user_id: int) -> float:
        """0.0 and the question counted if the user may ask now; else the seconds left to wait."""
        now = self._clock()
        asked = self._asked.get(user_id)
        if asked is None:
            self._prune(now)
            asked = self._asked[user_id] = deque(maxlen=self.rate)
        if len(asked) == self.rate and now - asked[0] < self.per:
            return self.per - (now - asked[0])
        asked.append(now)
        return 0.0

    def warn_once(self, user_id: int) -> bool:
        """True the first time a user is refused within a window: plain messages are told only once."""
        now = self._clock()
        if now - self._warned.get(user_id, float("-inf")) < self.per:
            return False
        self._warned[user_id] = now
        return True

    def _prune(self, now: float) -> None:
        if len(self._asked) < MAX_TRACKED_USERS:
            return
        stale = [user for user, asked in self._asked.items() if not asked or now - asked[-1] >= self.per]
        for user in stale:
            del self._asked[user]
            self._warned.pop(user, None)
