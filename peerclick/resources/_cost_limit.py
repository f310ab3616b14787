"""PeerClick's manual-cost allowance: at most 3 cost-update tasks per campaign per rolling hour.

`CostTaskHistory` remembers when tasks were sent, per campaign, on an injectable clock, so a 4th
within the hour is refused before sending with `CostUpdateLimitError` (carrying the campaign and
the moment it becomes possible). A task PeerClick refused (a 4xx) gives its slot back; one whose
fate is unknown (a timeout, a 5xx) keeps it, since it may have been queued. A 429 from PeerClick
(another process used the allowance) blocks the campaign until its `Retry-After` (else an hour).

Clients that share a budget (`RateLimiter`) share one history, as they share one account.
No library tracks a per-key rolling count with a retry time *and* gives slots back on refusal;
pyrate-limiter's buckets answer only "is there room now", so these few lines are ours.
"""

from __future__ import annotations

import math
import threading
import time
import weakref
from collections.abc import Callable
from datetime import UTC, datetime

from peerclick.errors import CostUpdateLimitError

__all__ = ["COST_TASKS_PER_HOUR", "COST_WINDOW", "CostTaskHistory", "history_for"]

COST_TASKS_PER_HOUR = 3
COST_WINDOW = 3600.0


class CostTaskHistory:
    """When manual-cost tasks were sent, per campaign (thread-safe).

    Args:
        clock: epoch seconds now (injectable; the client's `clock` by default).
        limit: tasks per campaign within `window` seconds.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        limit: int = COST_TASKS_PER_HOUR,
        window: float = COST_WINDOW,
    ) -> None:
        if not callable(clock):
            raise TypeError(f"clock must be callable, got {type(clock).__name__}")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"limit must be an int >= 1, got {limit!r}")
        self._clock = clock
        self._limit = limit
        self._window = float(window)
        self._sent: dict[int, list[float]] = {}
        self._blocked: dict[int, float] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"<CostTaskHistory campaigns={len(self._sent)} limit={self._limit}/{self._window:g}s>"
        )

    def reserve(self, campaign_id: int) -> float:
        """Book a task for `campaign_id` now: its stamp, or CostUpdateLimitError (none booked)."""
        with self._lock:
            now = self._clock()
            recent = [t for t in self._sent.get(campaign_id, []) if t > now - self._window]
            blocked = self._blocked.get(campaign_id, -math.inf)
            if len(recent) >= self._limit or blocked > now:
                free = recent[-self._limit] + self._window if len(recent) >= self._limit else now
                when = max(free, blocked)
                raise _refusal(campaign_id, when, when - now, len(recent), self._limit)
            recent.append(now)
            self._sent[campaign_id] = recent
            return now

    def release(self, campaign_id: int, stamp: float) -> None:
        """Give a booked slot back: PeerClick refused the task, so it does not count."""
        with self._lock:
            stamps = self._sent.get(campaign_id, [])
            if stamp in stamps:
                stamps.remove(stamp)

    def block(self, campaign_id: int, seconds: float | None) -> None:
        """PeerClick answered 429: no task for this campaign before `seconds` from now."""
        with self._lock:
            wait = self._window if seconds is None or not math.isfinite(seconds) else seconds
            until = self._clock() + max(0.0, wait)
            self._blocked[campaign_id] = max(until, self._blocked.get(campaign_id, -math.inf))

    def sent(self, campaign_id: int) -> int:
        """Tasks counted for `campaign_id` within the window now."""
        with self._lock:
            now = self._clock()
            return sum(1 for t in self._sent.get(campaign_id, []) if t > now - self._window)


def _refusal(
    campaign_id: int, when: float, wait: float, used: int, limit: int
) -> CostUpdateLimitError:
    retry_at = datetime.fromtimestamp(when, UTC)
    reason = (
        f"{used} manual-cost tasks were sent for campaign {campaign_id} within the last hour; "
        f"PeerClick allows {limit}"
        if used >= limit
        else f"PeerClick refused more manual-cost tasks for campaign {campaign_id} (429)"
    )
    return CostUpdateLimitError(
        f"{reason}: the next is possible at {retry_at.isoformat(timespec='seconds')} "
        f"(in {math.ceil(max(0.0, wait))} s); nothing was sent",
        campaign_id=campaign_id,
        retry_at=retry_at,
        retry_after=max(0.0, wait),
    )


_SHARED: weakref.WeakKeyDictionary[object, CostTaskHistory] = weakref.WeakKeyDictionary()
_SHARED_LOCK = threading.Lock()


def history_for(client: object) -> CostTaskHistory:
    """The history of the client's budget (shared by the clients sharing its RateLimiter)."""
    setup = getattr(client, "_setup", None)
    limiter = getattr(setup, "limiter", None)
    clock = getattr(getattr(setup, "auth", None), "_clock", None) or time.time
    if limiter is None:
        return CostTaskHistory(clock=clock)
    with _SHARED_LOCK:
        history = _SHARED.get(limiter)
        if history is None:
            history = _SHARED[limiter] = CostTaskHistory(clock=clock)
        return history
