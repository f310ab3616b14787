"""Where an account's budgets live: the seam between the scheduler and its backends.

The scheduler (``peerclick._ratelimit``) asks a :class:`BudgetStore` one question per request:
"book me the earliest send time that fits every budget this request needs". A store answers it
atomically, so several threads, processes or machines drawing on one store never overbook.

Backends:

* :class:`MemoryBudgetStore`: one process (the default), any injectable clock.
* ``peerclick._stores.sqlite.SQLiteBudgetStore``: several processes on one machine.
* ``peerclick._stores.redis.RedisBudgetStore``: several machines, time from Redis ``TIME``.

:func:`open_budget_store` picks one from a URL (``memory://``, ``sqlite:///path``,
``redis://host:port/db``); the SQLite and Redis modules are imported only when asked for, so
``import peerclick`` stays fast.

Why the reservation is ours and not a pyrate-limiter bucket's: a bucket answers "is there room
*now*" and, when there is, stamps the item with the caller's clock. A fair scheduler needs "the
earliest *future* moment with room", booked at once so the next caller sees it, and for a report
request that moment must hold in two budgets together. pyrate-limiter cannot book a future slot,
nor two buckets in one step. The arithmetic is small and lives here once, in
:func:`earliest_slot`; the SQLite store runs it inside one transaction and the Redis script is a
line-by-line port.

The wait a store returns counts from the moment ``reserve`` was *called*, not from when it got
its lock or its answer: a caller adds it to the time it read before calling, and time spent
queueing for a file lock or on the network must make the request later, never earlier than
its slot (a loaded machine once sent requests 100 ms early that way).

The windows are sliding and half-open, like the server's ``(t - period, t]``: bookings exactly
``period`` apart never share a window. Bookings may lie in the future (earlier reservations), so
a new time is checked against every window that could contain it, not just the one ending at it.
"""

from __future__ import annotations

import bisect
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from peerclick.errors import ConfigurationError

__all__ = [
    "BudgetStore",
    "Claim",
    "MemoryBudgetStore",
    "check_claims",
    "earliest_slot",
    "open_budget_store",
]

#: One budget a request needs: (budget name, limit, period in seconds).
Claim = tuple[str, int, float]

Clock = Callable[[], float]
_Plan = tuple[list[int], int, int]  # a budget's bookings (sorted micros), limit, period micros


@runtime_checkable
class BudgetStore(Protocol):
    """Bookings of send times, per account key and budget name; see the module docstring."""

    def reserve(self, key: str, claims: Sequence[Claim], *, max_wait: float | None) -> float | None:
        """Atomically book the earliest send time for ONE request that needs every claim.

        Each claim is (budget name, limit, period seconds). The earliest t >= now such that no
        window of ``period`` holds more than ``limit`` bookings of that budget is booked in all of
        them; the wait (t - now, seconds, in the store's own clock: Redis TIME for Redis) is
        returned. Returns None and books nothing when the wait would exceed ``max_wait``
        (None: no bound). Honors a pause set by :meth:`pause`.
        """
        ...

    def pause(self, key: str, seconds: float) -> None:
        """Retry-After: nobody of this key is given a send time before now + ``seconds``."""
        ...

    # Optional (the limiter looks for it; the three stores here have it):
    # ``occupy(key, claims)`` counts one more request of those budgets at the store's now,
    # whether or not it fits: a request that reached the server later than its booked slot
    # (a new connection, a slow hop) is then counted where it really landed as well.

    def close(self) -> None:
        """Release connections; later calls raise. Safe to call twice."""
        ...


def check_key(key: object) -> str:
    if not isinstance(key, str) or not key:
        raise ValueError(f"key must be a non-empty str, got {key!r}")
    return key


def check_claims(claims: object) -> list[Claim]:
    """The claims as a list, or ValueError/TypeError naming what is wrong."""
    if isinstance(claims, str | bytes) or not isinstance(claims, Sequence):
        raise TypeError(f"claims must be a sequence of (name, limit, period), got {claims!r}")
    if not claims:
        raise ValueError("claims must name at least one budget")
    checked: list[Claim] = []
    seen: set[str] = set()
    for claim in claims:
        if not isinstance(claim, tuple) or len(claim) != 3:
            raise TypeError(f"each claim must be a tuple (name, limit, period), got {claim!r}")
        name, limit, period = claim
        if not isinstance(name, str) or not name:
            raise ValueError(f"claim name must be a non-empty str, got {name!r}")
        if name in seen:
            raise ValueError(f"claim {name!r} is named twice")
        seen.add(name)
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"claim {name!r}: limit must be an int >= 1, got {limit!r}")
        if (
            isinstance(period, bool)
            or not isinstance(period, int | float)
            or not math.isfinite(period)
            or period <= 0
        ):
            raise ValueError(f"claim {name!r}: period must be seconds > 0, got {period!r}")
        checked.append((name, limit, float(period)))
    return checked


def check_max_wait(max_wait: object) -> float | None:
    if max_wait is None:
        return None
    if (
        isinstance(max_wait, bool)
        or not isinstance(max_wait, int | float)
        or math.isnan(max_wait)
        or max_wait < 0
    ):
        raise ValueError(f"max_wait must be None or seconds >= 0, got {max_wait!r}")
    return None if math.isinf(max_wait) else float(max_wait)


def check_seconds(seconds: object) -> float:
    if (
        isinstance(seconds, bool)
        or not isinstance(seconds, int | float)
        or not math.isfinite(seconds)
        or seconds < 0
    ):
        raise ValueError(f"seconds must be a finite number >= 0, got {seconds!r}")
    return float(seconds)


def to_micros(seconds: float) -> int:
    """Whole microseconds: bookings are integers so ``b + period - b == period`` holds exactly."""
    return math.floor(seconds * 1_000_000)


def pause_micros(seconds: float) -> int:
    return math.ceil(seconds * 1_000_000)


def period_micros(period: float) -> int:
    return max(1, round(period * 1_000_000))


def micros_claims(claims: Sequence[Claim]) -> list[tuple[str, int, int]]:
    return [(name, limit, period_micros(period)) for name, limit, period in claims]


def micros_bound(max_wait: float | None) -> int | None:
    return None if max_wait is None else math.floor(max_wait * 1_000_000)


def fits(booked: Sequence[int], t: int, limit: int, period: int) -> bool:
    """Whether one more booking at ``t`` keeps every window of ``period`` at <= ``limit``.

    ``booked`` is sorted. ``limit + 1`` bookings share a half-open window exactly when the first
    and last are less than ``period`` apart, so it is enough to look at each run of ``limit + 1``
    consecutive bookings that would contain ``t``.
    """
    at = bisect.bisect_right(booked, t)
    merged_len = len(booked) + 1

    def item(i: int) -> int:
        return booked[i] if i < at else t if i == at else booked[i - 1]

    for first in range(max(0, at - limit), at + 1):
        last = first + limit
        if last >= merged_len:
            break
        if item(last) - item(first) < period:
            return False
    return True


def earliest_slot(
    now: int,
    not_before: int,
    claims: Sequence[tuple[str, int, int]],
    booked: Mapping[str, Sequence[int]],
    max_wait: int | None,
) -> int | None:
    """The earliest t >= max(now, not_before) that fits every claim, or None beyond max_wait.

    All times are integer microseconds; ``claims`` are (name, limit, period micros) and
    ``booked[name]`` is that budget's bookings, sorted. Pure: it books nothing. The answer is
    ``max(now, not_before)`` or the moment some booking leaves its window (``b + period``), since
    the times that do not fit form open intervals ending at such moments.
    """
    start = max(now, not_before)
    if max_wait is not None and start - now > max_wait:
        return None
    if all(fits(booked.get(name, ()), start, limit, period) for name, limit, period in claims):
        return start  # the common case, without looking at every booking
    candidates = {start}
    for name, _limit, period in claims:
        for b in booked.get(name, ()):
            if b + period > start:
                candidates.add(b + period)
    for t in sorted(candidates):
        if max_wait is not None and t - now > max_wait:
            return None
        if all(fits(booked.get(name, ()), t, limit, period) for name, limit, period in claims):
            return t
    raise AssertionError("unreachable: the last booking plus its period always fits")


def _drop_stale(entries: list[int], cutoff: int) -> None:
    """Drop bookings at or before ``cutoff`` (now - period) once they are half the list.

    They are in no window that can hold a t >= now, and harmless in the checks (a run holding
    one spans a whole period), so they may stay a while: deleting one from the front on every
    call moves the whole list, which at a high limit costs more than the booking.
    """
    stale = bisect.bisect_right(entries, cutoff)
    if stale > len(entries) >> 1:
        del entries[:stale]


class MemoryBudgetStore:
    """Bookings in this process's memory, under one lock (thread-safe; any clock).

    Args:
        clock: seconds, monotonic; ``time.monotonic`` by default. Tests pass a fake clock.
    """

    def __init__(self, *, clock: Clock = time.monotonic) -> None:
        if not callable(clock):
            raise TypeError(f"clock must be a callable returning seconds, got {clock!r}")
        self._clock = clock
        self._lock = threading.Lock()
        self._booked: dict[tuple[str, str], list[int]] = {}
        self._paused: dict[str, int] = {}
        self._checked_claims: dict[tuple[Claim, ...], list[tuple[str, int, int]]] = {}
        # (key, claims) -> (bookings list, limit, period) per claim, for book_now
        self._plans: dict[tuple[str, tuple[Claim, ...]], tuple[_Plan, ...]] = {}
        self._closed = False

    def book_now(self, key: str, claims: tuple[Claim, ...]) -> bool:
        """``reserve(key, claims, max_wait=0)`` when the answer is now: True when booked.

        The limiter's fast path (nobody queued, a slot free): it books exactly what ``reserve``
        would, in a few lines, because a small call's budget is counted in microseconds. A free
        slot is certain when a budget holds fewer bookings than its limit; otherwise the stale
        ones go and :func:`fits` decides. False (nothing booked) sends the caller the slow way.
        """
        plan = self._plans.get((key, claims))
        if plan is None:
            plan = self._plan(key, claims)
        with self._lock:
            if self._closed:
                raise RuntimeError("this MemoryBudgetStore is closed")
            now = to_micros(self._clock())
            if key in self._paused and self._paused[key] > now:
                return False
            for entries, limit, period in plan:
                if len(entries) >= limit:  # fewer bookings than the limit: room for sure
                    _drop_stale(entries, now - period)
                    if len(entries) >= limit and not fits(entries, now, limit, period):
                        return False
            for entries, _limit, _period in plan:
                if entries and entries[-1] > now:
                    bisect.insort(entries, now)
                else:
                    entries.append(now)
            return True

    def _plan(self, key: str, claims: tuple[Claim, ...]) -> tuple[_Plan, ...]:
        check_key(key)
        micro_claims = self._checked(claims)
        with self._lock:
            self._check_open()
            plan = tuple(
                (self._booked.setdefault((key, name), []), limit, period)
                for name, limit, period in micro_claims
            )
            if len(self._plans) > 64:  # the adaptive window moves: keep the cache small
                self._plans.clear()
            self._plans[key, claims] = plan
        return plan

    def reserve(self, key: str, claims: Sequence[Claim], *, max_wait: float | None) -> float | None:
        check_key(key)
        micro_claims = self._checked(claims)
        bound = check_max_wait(max_wait)
        asked = to_micros(self._clock())  # the wait counts from here: see the module docstring
        with self._lock:
            self._check_open()
            now = to_micros(self._clock())
            booked: dict[str, list[int]] = {}
            for name, _limit, period in micro_claims:
                entries = self._booked.setdefault((key, name), [])
                _drop_stale(entries, now - period)
                booked[name] = entries
            not_before = self._paused.get(key, now)
            t = earliest_slot(now, not_before, micro_claims, booked, micros_bound(bound))
            if t is None:
                return None
            for entries in booked.values():
                bisect.insort(entries, t)
            return (t - asked) / 1_000_000

    def _checked(self, claims: Sequence[Claim]) -> list[tuple[str, int, int]]:
        """The claims checked and in micros; a tuple of tuples (what the limiter passes, and
        immutable) is checked once, since its check is most of a free reservation's cost."""
        if not isinstance(claims, tuple):
            return micros_claims(check_claims(claims))
        try:
            return self._checked_claims[claims]
        except (KeyError, TypeError):  # TypeError: unhashable parts, which the check refuses
            micro = micros_claims(check_claims(claims))
            if len(self._checked_claims) > 64:
                self._checked_claims.clear()
            self._checked_claims[claims] = micro
            return micro

    def occupy(self, key: str, claims: Sequence[Claim]) -> None:
        """One more booking of every claim at now, fitting or not (see the protocol)."""
        check_key(key)
        micro_claims = self._checked(claims)
        with self._lock:
            self._check_open()
            now = to_micros(self._clock())
            for name, _limit, _period in micro_claims:
                bisect.insort(self._booked.setdefault((key, name), []), now)

    def pause(self, key: str, seconds: float) -> None:
        check_key(key)
        pause = check_seconds(seconds)
        with self._lock:
            self._check_open()
            until = to_micros(self._clock()) + pause_micros(pause)
            self._paused[key] = max(self._paused.get(key, until), until)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._plans.clear()
            self._booked.clear()
            self._paused.clear()

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("this MemoryBudgetStore is closed")

    def __repr__(self) -> str:
        return f"<MemoryBudgetStore budgets={len(self._booked)}>"


def open_budget_store(url: str) -> BudgetStore:
    """The store a limiter URL names.

    ``memory://`` (this process), ``sqlite:///relative/path`` or ``sqlite:////absolute/path``
    (the processes of one machine), ``redis://[user:password@]host[:port][/db]`` or
    ``rediss://`` (every machine). The SQLite and Redis modules are imported only here.

    Raises:
        ConfigurationError: any other URL, naming the ``limiter`` setting and
            ``PEERCLICK_LIMITER_URL``; the message never repeats a password.
    """
    from peerclick._stores import urls

    parts = urls.split(url)
    if parts.scheme == "memory":
        if parts.netloc or parts.path or parts.query or parts.fragment:
            raise ConfigurationError(
                f"{urls.LIMITER_SETTING}: memory:// takes nothing after it, got {urls.redact(url)}"
            )
        return MemoryBudgetStore()
    if parts.scheme == "sqlite":
        from peerclick._stores.sqlite import SQLiteBudgetStore

        return SQLiteBudgetStore(urls.sqlite_path(parts))
    if parts.scheme in ("redis", "rediss"):
        from peerclick._stores.redis import RedisBudgetStore

        return RedisBudgetStore(url)
    raise ConfigurationError(
        f"{urls.LIMITER_SETTING} must be {urls.KINDS} (rediss:// for TLS), got {urls.redact(url)}"
    )
