"""The numbers the client paces by (:class:`RateLimits`) and the public view of a limiter's state.

Kept apart from the scheduler so the config and the snapshot types load without it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = ["GENERAL", "PRIORITY_EXTENSION", "REPORT", "BudgetState", "LimiterState", "RateLimits"]

GENERAL = "general"
REPORT = "report"
#: ``request.extensions[PRIORITY_EXTENSION] = "low"`` sends one request in the low lane.
PRIORITY_EXTENSION = "peerclick.priority"


def _check_count(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"RateLimits.{attribute.name} must be an int >= 1, got {value!r}")


def _check_seconds(minimum: float, *, above: bool = False) -> Callable[[Any, Any, Any], None]:
    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < minimum
            or (above and value == minimum)
        ):
            sign = ">" if above else ">="
            raise ValueError(
                f"RateLimits.{attribute.name} must be a number of seconds {sign} {minimum:g}, "
                f"got {value!r}"
            )

    return check


def _check_buffer(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(
            f"RateLimits.{attribute.name} must be an int of milliseconds >= 0, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class RateLimits:
    """The budgets of one PeerClick account, as the client enforces them.

    Args:
        general: requests per ``period`` for everything (PeerClick: 3 a second).
        report: requests per ``period`` under ``/report`` (PeerClick: 1 a second).
        period: the server's sliding window, in seconds.
        margin: seconds added to the window the client books in (3 per 1.02 s by default): the
            safety margin against network jitter, kept by every request, also one that finds room.
        max_wait: the longest a request may wait for its slot; when the booked wait would be
            longer, ``RateLimitError`` is raised at once and nothing is sent. 0: never wait.
        buffer_ms: older spelling of extra margin, in milliseconds; added to ``margin``.
        max_pause: the longest ``Retry-After`` taken as "the budget is used up"; a longer one is
            about something else (the manual cost limit's hour) and pauses nobody else.
    """

    general: int = attrs.field(default=3, validator=_check_count)
    report: int = attrs.field(default=1, validator=_check_count)
    period: float = attrs.field(default=1.0, validator=_check_seconds(0.001))
    margin: float = attrs.field(default=0.02, validator=_check_seconds(0))
    max_wait: float = attrs.field(default=60.0, validator=_check_seconds(0))
    buffer_ms: int = attrs.field(default=0, validator=_check_buffer)
    max_pause: float = attrs.field(default=30.0, validator=_check_seconds(0))

    @property
    def window(self) -> float:
        """The window bookings are made in: ``period + margin + buffer_ms``."""
        return self.period + self.margin + self.buffer_ms / 1000


@attrs.frozen
class BudgetState:
    """One budget as this limiter sees it.

    Attributes:
        name: ``"general"`` or ``"report"``.
        limit: requests per window.
        window: the booking window in seconds (period + margin), before adaptation.
        rate: requests per second allowed now (the adaptive factor applied).
        free: slots not booked by this process in the current window (other processes' bookings
            are not seen here; the store counts them).
    """

    name: str
    limit: int
    window: float
    rate: float
    free: int


@attrs.frozen
class LimiterState:
    """``pc.limiter.state()``: a snapshot of the budgets, the queues and the adaptation.

    Attributes:
        budgets: the general and report budgets.
        waiting: requests queued per lane (``{"high": 0, "low": 3}``), not yet booked.
        booked: requests holding a booked send time that has not come yet.
        rate_factor: the adaptive share of the budget in use (1.0: all of it).
        throttled: 429 answers seen for requests the budget allowed.
        pauses: ``Retry-After`` pauses applied to the whole budget.
        paused_for: seconds left of the current pause (0.0: none).
        rebooked: slots given up because their waiter woke too late to use them safely.
        recounted: requests counted a second time, where they really reached the server: on
            a new connection, or leaving later than their slot allowed.
    """

    budgets: tuple[BudgetState, ...]
    waiting: Mapping[str, int]
    booked: int
    rate_factor: float
    throttled: int
    pauses: int
    paused_for: float
    rebooked: int = 0
    recounted: int = 0
