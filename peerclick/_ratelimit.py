"""Client-side rate limiting: each request books its send time in the account's budgets, fairly.

PeerClick allows 3 requests a second per account, and 1 a second for reports. Every request (the
login too) needs a slot in the "general" budget; requests under ``<base path>/report`` also need
one in the "report" budget, booked together with the general one. Both are sliding windows.

How it works (reservation, as Go's ``rate.Limiter.Reserve`` and GCRA's virtual scheduling):

1. A request queues in its lane (``high``, the default, or ``low`` for bulk work).
   :class:`peerclick._lanes.Lanes` decides who may book next; it keeps only a few bookings ahead,
   so an interactive call overtakes queued bulk work and report requests get their budget under
   saturated general load (the rules are in that module).
2. The chosen request books the earliest send time that fits every budget it needs, atomically, in
   a :class:`peerclick._budget_store.BudgetStore` (memory, SQLite or Redis), then sleeps until it.
   The booked wait is known before sleeping, so a wait beyond ``max_wait`` is refused at once with
   ``RateLimitError`` and nothing is sent.
3. The safety margin is part of the window (3 per ``period + margin`` = 1.02 s by default), so
   even a request that finds room at once keeps the margin; the server counts on arrival, and
   network jitter of up to ``margin`` cannot put 4 requests in one of its windows.
4. A 429 for a request the budget allowed shrinks the local rate (:mod:`peerclick._adaptive`,
   AIMD after botocore's adaptive mode); a ``Retry-After`` pauses the whole budget
   (``store.pause``), and requests already booked inside the pause book again.

Why the scheduling is ours and pyrate-limiter stays only below it (in the stores): its buckets
answer "is there room now" and stamp items with the caller's clock; they cannot book a future slot,
nor two budgets in one step, and its blocking wait lets waiters race for each freed permit (that
race starved report requests: 0.21/s instead of 1/s with 16 general waiters). Reservation in an
order we choose is what makes the queue fair; the stores keep the bookings.

Sync and async share every decision (:meth:`RateLimiter._enter`, ``_bookings``, ``_leave``);
only waiting differs (``threading.Event``/``sleep`` against ``asyncio.Event``/``asleep``). The
clock and both sleeps are injectable, so pacing tests run on a fake clock. Nothing runs in the
background; no lock is held while sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Self

import httpx

from peerclick._adaptive import Adaptive
from peerclick._lanes import LANES, Lane, Lanes, Ticket, check_lane
from peerclick._limits import GENERAL, REPORT, BudgetState, LimiterState, RateLimits
from peerclick.errors import PeerClickError, RateLimitError, RateLimiterUnavailableError

if TYPE_CHECKING:
    from peerclick._budget_store import BudgetStore

__all__ = ["BudgetState", "LimiterState", "RateLimiter", "RateLimits"]

logger = logging.getLogger("peerclick")

_WAIT_MAX = threading.TIMEOUT_MAX


def _default_store(clock: Callable[[], float]) -> BudgetStore:
    from peerclick._budget_store import MemoryBudgetStore

    return MemoryBudgetStore(clock=clock)


class RateLimiter:
    """Both budgets of one PeerClick account, shared by every client of the account.

    One instance may serve several sync and async clients at once (threads, event loops).

    Args:
        limits: the budgets; defaults to ``RateLimits()``.
        store: where bookings live: a BudgetStore, a URL (``memory://``, ``sqlite:///path``,
            ``redis://host:port/db``) or None for this process's memory. A store made here from
            a URL or None is closed by :meth:`close`; one passed in is the caller's.
        namespace: the account's key in the store, e.g. ``"peerclick:<access id hash>"``. Never
            put a secret in it.
        clock: monotonic seconds (``time.monotonic``); an in-memory store uses it too.
        sleep, asleep: how the sync and async twins wait for a booked time.
        adaptive: shrink the rate on unexpected 429s (see :mod:`peerclick._adaptive`).
    """

    def __init__(
        self,
        limits: RateLimits | None = None,
        *,
        store: BudgetStore | str | None = None,
        namespace: str = "peerclick",
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        asleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        adaptive: Adaptive | bool = True,
    ) -> None:
        if limits is None:
            limits = RateLimits()
        if not isinstance(limits, RateLimits):
            raise TypeError(f"limits must be a RateLimits, got {type(limits).__name__}")
        if not isinstance(namespace, str) or not namespace:
            raise ValueError(f"namespace must be a non-empty str, got {namespace!r}")
        for name, fn in (("clock", clock), ("sleep", sleep), ("asleep", asleep)):
            if not callable(fn):
                raise TypeError(f"{name} must be callable, got {type(fn).__name__}")
        self.limits = limits
        self.namespace = namespace
        self._clock = clock
        self._sleep = sleep
        self._asleep = asleep
        if isinstance(store, str):
            from peerclick._budget_store import open_budget_store

            store, self._owns_store = open_budget_store(store), True
        elif store is None:
            store, self._owns_store = _default_store(clock), True
        else:
            self._owns_store = False
        self._store: BudgetStore = store
        self._adaptive = adaptive if isinstance(adaptive, Adaptive) else Adaptive()
        self._adapting = adaptive is not False
        self._lock = threading.Lock()
        self._lanes = Lanes(general=limits.general, report=limits.report)
        self._booked: dict[str, deque[float]] = {GENERAL: deque(), REPORT: deque()}
        self._pause_generation = 0
        self._pauses = 0
        self._paused_until = -math.inf
        self._closed = False

    # -- the shared, I/O-free decisions ---------------------------------------------------

    def _enter(
        self, request: httpx.Request, report: bool, lane: Lane, wake: Callable[[], None]
    ) -> tuple[Ticket, list[Ticket]]:
        """Queue a ticket (or refuse at once); returns it and the tickets to wake."""
        with self._lock:
            if self._closed:
                raise RuntimeError("this RateLimiter is closed")
            estimate = self._estimate(lane, report)
            if estimate > self.limits.max_wait:
                raise self._too_long(request, report, estimate, queued=True)
            ticket = Ticket(lane, report, wake=wake)
            self._lanes.arrive(ticket)
            return ticket, self._lanes.grant()

    def _estimate(self, lane: Lane, report: bool) -> float:
        """A lower bound of the wait from the queue alone (the store may add to it)."""
        general_ahead, reports_ahead = self._lanes.ahead_of(lane, report)
        window = self._window()
        waits = [max(0, general_ahead + 1 - self.limits.general) * window / self.limits.general]
        if report:
            waits.append(
                max(0, reports_ahead + 1 - self.limits.report) * window / self.limits.report
            )
        return max(waits)

    def _bookings(self, request: httpx.Request, ticket: Ticket, deadline: float) -> Iterator[float]:
        """Book the ticket's send time, yielding each sleep; books again after a pause."""
        while True:
            generation = self._pause_generation
            now = self._clock()
            wait = self._reserve(request, ticket.report, max(0.0, deadline - now))
            if wait is None:
                raise self._too_long(request, ticket.report, None, queued=False)
            with self._lock:
                send_at = now + wait
                for name in (GENERAL, REPORT) if ticket.report else (GENERAL,):
                    self._booked[name].append(send_at)
            if wait > 0:
                yield wait
            if self._pause_generation == generation:
                return

    def _reserve(self, request: httpx.Request, report: bool, max_wait: float) -> float | None:
        window = self._window()
        claims = [(GENERAL, self.limits.general, window)]
        if report:
            claims.append((REPORT, self.limits.report, window))
        try:
            return self._store.reserve(self.namespace, claims, max_wait=max_wait)
        except PeerClickError:
            raise
        except Exception as exc:
            raise RateLimiterUnavailableError(
                f"the rate-limit store failed ({type(exc).__name__}: {exc}); "
                f"{request.method} {request.url.path} was not sent"
            ) from exc

    def _leave(self, ticket: Ticket) -> None:
        with self._lock:
            self._lanes.finish(ticket)
            woken = self._lanes.grant()
        _wake(woken)

    def _window(self) -> float:
        factor = self._adaptive.factor if self._adapting else 1.0
        return self.limits.window / factor

    def _too_long(
        self, request: httpx.Request, report: bool, wait: float | None, *, queued: bool
    ) -> RateLimitError:
        names = f"{GENERAL} and {REPORT}" if report else GENERAL
        need = (
            f"about {wait:.2f}s needed for the requests queued ahead"
            if queued and wait is not None
            else "no slot within it"
        )
        message = (
            f"local rate-limit budget {names!r} (general {self.limits.general}, report "
            f"{self.limits.report} per {self.limits.period:g}s) could not be had within "
            f"max_wait={self.limits.max_wait:g}s for {request.method} {request.url.path} "
            f"({need}); the request was not sent"
        )
        return RateLimitError(message, retry_after=wait, status_code=429, request=request)

    def _waited(self, request: httpx.Request, started: float, ticket: Ticket) -> float:
        waited = max(0.0, self._clock() - started)
        if waited >= 0.001:
            # Method and path only: query strings and headers can carry the token or filters.
            logger.debug(
                "rate limit: %s %s waited %.3fs in the %s lane for the %s budget",
                request.method,
                request.url.path,
                waited,
                ticket.lane,
                f"{GENERAL} and {REPORT}" if ticket.report else GENERAL,
            )
        return waited

    # -- the two twins --------------------------------------------------------------------

    def acquire(self, request: httpx.Request, *, report: bool = False, lane: str = "high") -> float:
        """Block until ``request``'s booked send time; returns the seconds waited.

        Raises:
            RateLimitError: no slot within ``max_wait`` (nothing is sent).
            RateLimiterUnavailableError: the store failed (nothing is sent).
            RuntimeError: the limiter is closed.
        """
        checked = check_lane(lane)
        started = self._clock()
        deadline = started + self.limits.max_wait
        granted = threading.Event()
        ticket, woken = self._enter(request, report, checked, granted.set)
        try:
            _wake([t for t in woken if t is not ticket])
            while not ticket.granted:
                left = deadline - self._clock()
                timed_out = left <= 0 or not granted.wait(min(left, _WAIT_MAX))
                if timed_out and not ticket.granted and deadline - self._clock() <= 0:
                    raise self._too_long(request, report, None, queued=False)
            for pause in self._bookings(request, ticket, deadline):
                self._sleep(pause)
        finally:
            self._leave(ticket)
        return self._waited(request, started, ticket)

    async def aacquire(
        self, request: httpx.Request, *, report: bool = False, lane: str = "high"
    ) -> float:
        """Wait, without blocking the event loop, for the booked send time; see :meth:`acquire`."""
        checked = check_lane(lane)
        started = self._clock()
        deadline = started + self.limits.max_wait
        loop = asyncio.get_running_loop()
        granted = asyncio.Event()

        def wake() -> None:
            with contextlib.suppress(RuntimeError):  # a closed loop: its waiter is gone anyway
                loop.call_soon_threadsafe(granted.set)

        ticket, woken = self._enter(request, report, checked, wake)
        try:
            _wake([t for t in woken if t is not ticket])
            while not ticket.granted:
                left = deadline - self._clock()
                try:
                    async with asyncio.timeout(max(0.0, min(left, _WAIT_MAX))):
                        await granted.wait()
                except TimeoutError:
                    if not ticket.granted and deadline - self._clock() <= 0:
                        raise self._too_long(request, report, None, queued=False) from None
                granted.clear()
            for pause in self._bookings(request, ticket, deadline):
                await self._asleep(pause)
        finally:
            self._leave(ticket)
        return self._waited(request, started, ticket)

    # -- feedback from the wire -----------------------------------------------------------

    def observe(self, request: httpx.Request, status: int, retry_after: float | None) -> None:
        """The answer to a request this limiter let through: adapt, and pause on Retry-After."""
        now = self._clock()
        if status != 429:
            if self._adapting:
                with self._lock:
                    self._adaptive.on_success(now)
            return
        if retry_after is not None and retry_after > self.limits.max_pause:
            return  # not the per-second budget (e.g. the manual cost limit's hour)
        with self._lock:
            shrank = self._adapting and self._adaptive.on_throttle(now)
            factor = self._adaptive.factor
            if retry_after is not None and retry_after > 0:
                self._pause_generation += 1
                self._pauses += 1
                self._paused_until = max(self._paused_until, now + retry_after)
        logger.debug(
            "rate limit: 429 for %s %s although the budget allowed it%s%s",
            request.method,
            request.url.path,
            f"; rate now {factor:.0%} of the budget" if shrank else "",
            f"; everyone waits {retry_after:g}s (Retry-After)" if retry_after else "",
        )
        if retry_after is not None and retry_after > 0:
            try:
                self._store.pause(self.namespace, retry_after)
            except Exception as exc:
                raise RateLimiterUnavailableError(
                    f"the rate-limit store failed to record a pause ({type(exc).__name__}: {exc})"
                ) from exc

    # -- views and lifetime ---------------------------------------------------------------

    def state(self) -> LimiterState:
        """A snapshot of the budgets, the queues and the adaptation (see :class:`LimiterState`)."""
        with self._lock:
            now = self._clock()
            window = self._window()
            budgets = []
            for name, limit in ((GENERAL, self.limits.general), (REPORT, self.limits.report)):
                booked = self._booked[name]
                while booked and booked[0] <= now - window:
                    booked.popleft()
                budgets.append(
                    BudgetState(
                        name=name,
                        limit=limit,
                        window=self.limits.window,
                        rate=limit / window,
                        free=max(0, limit - sum(1 for t in booked if t > now - window)),
                    )
                )
            waiting = self._lanes.waiting()
            return LimiterState(
                budgets=tuple(budgets),
                waiting={lane: waiting[lane] for lane in LANES},
                booked=self._lanes.outstanding(),
                rate_factor=self._adaptive.factor if self._adapting else 1.0,
                throttled=self._adaptive.throttles,
                pauses=self._pauses,
                paused_for=max(0.0, self._paused_until - now),
            )

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close the store if this limiter made it; later acquires raise. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        if self._owns_store:
            self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        limits = self.limits
        return (
            f"<RateLimiter {self.namespace!r} general={limits.general}/{limits.period:g}s "
            f"report={limits.report}/{limits.period:g}s>"
        )


def _wake(tickets: list[Ticket]) -> None:
    for ticket in tickets:
        if ticket.wake is not None:
            ticket.wake()
