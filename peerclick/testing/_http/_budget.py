"""Per-account request budgets: sliding windows, as PeerClick documents them (3/s, reports 1/s)."""

from __future__ import annotations

import math
from collections import deque

import attrs

__all__ = ["Budget", "ServerLimits"]


@attrs.frozen
class ServerLimits:
    """How many requests the fake lets an account make per `period` seconds.

    The server's side of what `peerclick.RateLimits` paces the client by (same field names, a
    different name so the two never pass for each other). Every request draws on `general`;
    paths under `/report` also draw on `report`. Pass `rate_limits=None` to the fake to switch
    budgets off.
    """

    general: int = 3
    report: int = 1
    period: float = 1.0


class Budget:
    """Sliding-window logs for one account. Rejected requests cost nothing."""

    def __init__(self, limits: ServerLimits) -> None:
        self.limits = limits
        self._general: deque[float] = deque()
        self._report: deque[float] = deque()

    def try_acquire(self, now: float, *, report: bool) -> int | None:
        """Take permits and return None, or return the whole seconds to wait (>= 1)."""
        logs = [(self._general, self.limits.general)]
        if report:
            logs.append((self._report, self.limits.report))
        waits = [self._wait(log, limit, now) for log, limit in logs]
        longest = max((w for w in waits if w is not None), default=None)
        if longest is not None:
            return max(1, math.ceil(longest))
        for log, _ in logs:
            log.append(now)
        return None

    def _wait(self, log: deque[float], limit: int, now: float) -> float | None:
        while log and log[0] <= now - self.limits.period:
            log.popleft()
        if len(log) < limit:
            return None
        return log[-limit] + self.limits.period - now
