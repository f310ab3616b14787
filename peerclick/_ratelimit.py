"""Client-side rate limiting: each request books its send time in the account's budgets, fairly.

PeerClick allows 3 requests a second per account, and 1 a second for reports. Every request (the
login too) needs a slot in the "general" budget; requests under ``<base path>/report`` also need
one in the "report" budget, booked together with the general one. Both are sliding windows.

How it works (reservation, as Go's ``rate.Limiter.Reserve`` and GCRA's virtual scheduling):

1. A request queues in its lane (``high``, the default, or ``low`` for bulk work) and class
   (report or general). :class:`peerclick._lanes.Lanes` orders the heads of those queues.
2. Under one lock, in that order, each head asks the
   :class:`peerclick._budget_store.BudgetStore` (memory, SQLite or Redis) to book, atomically, the
   earliest send time that fits every budget it needs, if that time is within a short horizon
   (three quarters of a slot's spacing; nearly a window for report requests, so that their
   general slot is held for the moment their report slot opens). Booked requests sleep until
   their time; the others look again after a random half to whole of half a slot's spacing (or
   are woken when a decision is made for them). Booking only imminent slots is what lets an
   interactive call overtake queued bulk work and a report request get its slot under saturated
   general load: nobody holds a slot far in the future. Processes sharing a store are fair to
   each other for the same reason, with two details: the horizon stops short of the slot that
   frees one spacing after a send (else the sender, deciding again at once, would always take
   it), and the random naps keep any one process from always looking first.
3. ``max_wait``: a request whose queue ahead (or a known pause) already implies a longer wait is
   refused at once with ``RateLimitError``; one that gets no slot by its deadline is refused then.
   Either way nothing is sent.
4. The safety margin is part of the window (3 per ``period + margin`` = 1.02 s by default), so
   even a request that finds room at once keeps it; the server counts on arrival, and a send up
   to ``margin`` late cannot put 4 requests in one of its windows. (pyrate-limiter's
   ``buffer_ms`` is added to sleeps only, so a request finding room took no margin at all.)
5. A 429 for a request the budget allowed shrinks the local rate (:mod:`peerclick._adaptive`,
   AIMD after botocore's adaptive mode); a ``Retry-After`` pauses the whole budget
   (``store.pause``), and requests already booked inside the pause queue again at the front, as
   does a request whose waiter woke more than ``margin / 2`` after its slot (once per request).

Why the scheduling is ours and pyrate-limiter stays only below it (in the stores, see
:mod:`peerclick._budget_store`): its buckets answer "is there room now" and stamp items with the
caller's clock; they cannot book a future slot, nor two budgets in one step, and its blocking wait
lets waiters race for each freed permit (that race starved report requests: 0.21/s instead of 1/s
with 16 general waiters). Booking in an order we choose is what makes the queue fair.

Sync and async share every decision (``_enter``, ``_poll``, ``_decide``, ``_requeue_if_void``,
``_leave``: the order is pure, the store calls are short and synchronous); only waiting differs
(``threading.Event``/``sleep`` against ``asyncio.Event``/``asleep``). The clock and both sleeps
are injectable: with a fake clock, waiting for a turn also goes through the injected sleep, so
pacing tests run in virtual time. Nothing runs in the background; no lock is held while sleeping.
"""

from __future__ import annotations

import contextlib
import logging
import math
import random
import sys
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Generator
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
_HORIZON = 0.75  # how far ahead (in slot spacings) a general request may book; waiters poll at 0.5
_NOTED = 256  # bookings remembered for state() before the old ones are dropped

#: What a twin does for one step of :meth:`RateLimiter._pacing`.
NAP, SLEEP = "nap", "sleep"
Step = tuple[str, float]


def _loaded_asyncio_sleep() -> object:
    """``asyncio.sleep`` if asyncio is loaded (a caller passed it): not imported for that."""
    asyncio = sys.modules.get("asyncio")
    return getattr(asyncio, "sleep", None) if asyncio is not None else None


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
        rng: floats in [0, 1) for the waiters' random naps; by default ``random.random``, or a
            generator seeded with 0 when a sleep is injected, so runs on a fake clock repeat.
    """

    def __init__(
        self,
        limits: RateLimits | None = None,
        *,
        store: BudgetStore | str | None = None,
        namespace: str = "peerclick",
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        asleep: Callable[[float], Awaitable[None]] | None = None,
        adaptive: Adaptive | bool = True,
        rng: Callable[[], float] | None = None,
    ) -> None:
        if limits is None:
            limits = RateLimits()
        if not isinstance(limits, RateLimits):
            raise TypeError(f"limits must be a RateLimits, got {type(limits).__name__}")
        if not isinstance(namespace, str) or not namespace:
            raise ValueError(f"namespace must be a non-empty str, got {namespace!r}")
        for name, fn in (
            ("clock", clock),
            ("sleep", sleep),
            ("asleep", asleep or callable),
            ("rng", rng or callable),
        ):
            if not callable(fn):
                raise TypeError(f"{name} must be callable, got {type(fn).__name__}")
        self._limits = limits
        self._base_window = limits.window  # RateLimits is frozen: computed once
        self.namespace = namespace
        self._clock = clock
        self._sleep = sleep
        self._asleep = asleep
        if isinstance(store, str) and store.strip() == "memory://":
            store = None  # on this limiter's clock
        if isinstance(store, str):
            from peerclick._budget_store import open_budget_store

            store, self._owns_store = open_budget_store(store), True
        elif store is None:
            store, self._owns_store = _default_store(clock), True
        else:
            self._owns_store = False
        self._store: BudgetStore = store
        # The memory store books a free slot in a few lines (its book_now); the others are asked
        # with reserve(max_wait=0), which answers the same question.
        from peerclick._budget_store import MemoryBudgetStore

        self._book_now = store.book_now if isinstance(store, MemoryBudgetStore) else None
        self._adaptive = adaptive if isinstance(adaptive, Adaptive) else Adaptive()
        self._adapting = adaptive is not False
        self._lock = threading.Lock()
        self._lanes = Lanes()
        self._last_decided = -math.inf
        # Waiting for a turn uses real events when the sleep is the real one (the clock may be
        # shifted, as long as it runs at real speed); an injected sleep (a fake clock's) is used
        # for the naps too, so virtual time moves.
        self._real_sleep = sleep is time.sleep
        self._real_asleep = asleep is None or asleep is _loaded_asyncio_sleep()
        if rng is None:
            real = self._real_sleep and self._real_asleep
            rng = random.random if real else random.Random(0).random
        self._rng = rng
        self._booked: dict[str, deque[float]] = {GENERAL: deque(), REPORT: deque()}
        self._claims_cache: dict[tuple[bool, float], tuple[tuple[str, int, float], ...]] = {}
        self._pause_generation = 0
        self._pauses = 0
        self._late = 0  # slots given up because the waiter woke too late to use them
        self._recounted = 0  # requests counted again where they landed (see count_again)
        self._paused_until = -math.inf
        self._closed = False

    # -- the decisions both twins share -----------------------------------------------------
    #
    # Every step runs under ``self._lock`` and returns the tickets whose owners must be woken;
    # the twins wake them (outside the lock) and do the waiting. The store's calls are short and
    # synchronous, so the async twin makes them directly, as it did with pyrate-limiter's buckets.

    def _at_once(self, report: bool, lane: Lane) -> bool:
        """The common case, without a ticket: nobody queued, no pause, a slot free right now.

        It books exactly what :meth:`_decide` would book for a lone ticket whose slot is now, so
        the queue's rules still hold; anything else (a wait, a store failure) goes the slow way.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("this RateLimiter is closed")
            now = self._clock()
            if self._paused_until > now or not self._lanes.may_pass(lane, self._limits.general):
                return False
            claims = self._claims(report)
            try:
                if self._book_now is not None:
                    wait: float | None = 0.0 if self._book_now(self.namespace, claims) else None
                else:
                    wait = self._store.reserve(self.namespace, claims, max_wait=0.0)
            except Exception:  # the slow path asks again and reports it to the caller
                return False
            if wait is None:
                return False
            self._lanes.count(lane, report)
            self._note(report, now + wait, now)
            return True

    def _note(self, report: bool, send_at: float, now: float) -> None:
        """Remember a booking for :meth:`state` (the last windows only)."""
        general = self._booked[GENERAL]
        general.append(send_at)
        if report:
            self._booked[REPORT].append(send_at)
        if len(general) > _NOTED:  # pruned in batches: most calls only append
            for booked in self._booked.values():
                while booked and booked[0] <= now - self._base_window * 10:
                    booked.popleft()

    def _enter(
        self, request: httpx.Request, report: bool, lane: Lane, wake: Callable[[], None]
    ) -> tuple[Ticket, list[Ticket]]:
        """Queue a ticket, or refuse at once when the queue ahead already exceeds max_wait."""
        with self._lock:
            if self._closed:
                raise RuntimeError("this RateLimiter is closed")
            now = self._clock()
            estimate = self._estimate(lane, report, now)
            if estimate > self.limits.max_wait:
                raise self._too_long(request, report, estimate)
            ticket = Ticket(lane, report, deadline=now + self.limits.max_wait, wake=wake)
            self._lanes.arrive(ticket)
            return ticket, self._decide(now)

    def _estimate(self, lane: Lane, report: bool, now: float) -> float:
        """The wait the queue ahead and a known pause imply (``general`` requests per window)."""
        if not self._lanes.busy(self.limits.general) and self._paused_until <= now:
            return 0.0  # the common case: nobody queued, few booked
        ahead, reports_ahead = self._lanes.ahead_of(lane)
        window = self._window()
        # Requests sent in the last window (the fast path's among them) still hold its slots.
        ahead += self._sent_within(GENERAL, now, window)
        waits = [ahead // self.limits.general * window, self._paused_until - now]
        if report:
            reports_ahead += self._sent_within(REPORT, now, window)
            waits.append(reports_ahead // self.limits.report * window)
        return max(waits)

    def _sent_within(self, name: str, now: float, window: float) -> int:
        """Bookings of budget ``name`` whose time lies in ``(now - window, now]``."""
        count = 0
        for booked in reversed(self._booked[name]):
            if booked <= now - window:
                break
            count += booked <= now
        return count

    def _poll(self, ticket: Ticket) -> list[Ticket]:
        """A waiter looked again: expire it past its deadline, else decide if nobody did lately."""
        with self._lock:
            now = self._clock()
            if not ticket.decided and now > ticket.deadline:
                self._lanes.fail(ticket, _NoSlot())
            if ticket.decided or now - self._last_decided < self._nap() / 2:
                return []
            return self._decide(now)

    def _decide(self, now: float) -> list[Ticket]:
        """Book every head whose slot lies within the horizon, in the lanes' order."""
        self._last_decided = now
        window = self._window()
        spacing = window / self.limits.general
        decided: list[Ticket] = []
        skip: set[tuple[Lane, bool]] = set()
        while (ticket := self._lanes.next(skip)) is not None:
            left = ticket.deadline - now
            # A report request may book up to a window ahead: its general slot is then held at
            # the moment its report slot opens, instead of being taken by general requests that
            # book imminent slots. There are at most ``report`` such bookings per window.
            # Both horizons stop short of the slot that frees one spacing (a window, for
            # reports) after a send: the sender decides again at once, and could otherwise always
            # book that next slot before other processes sharing the store look (measured: 3
            # processes over SQLite, one got a quarter of the others' calls, waits of 26 s).
            # Short of it, the slot goes to whoever polls first in its last HORIZON of spacing.
            horizon = (
                (window - spacing + spacing * _HORIZON) if ticket.report else spacing * _HORIZON
            )
            # During a known pause nobody can send anyway: book right after it, in this order.
            horizon = max(horizon, self._paused_until - now + spacing)
            try:
                wait = self._store.reserve(
                    self.namespace,
                    self._claims(ticket.report),
                    max_wait=max(0.0, min(horizon, left)),
                )
            except Exception as exc:  # reported to its owner as RateLimiterUnavailableError
                self._lanes.fail(ticket, exc)
                decided.append(ticket)
                continue
            if wait is None:
                if left <= horizon:  # no slot before its deadline
                    self._lanes.fail(ticket, _NoSlot())
                    decided.append(ticket)
                elif ticket.report:  # no report slot near: general requests may still go
                    skip.update((lane, True) for lane in LANES)
                else:
                    break  # no general slot near: nobody goes this round
                continue
            self._lanes.book(ticket, now + wait)
            ticket.generation = self._pause_generation
            self._note(ticket.report, now + wait, now)
            decided.append(ticket)
        return decided

    def _requeue_if_void(self, ticket: Ticket) -> tuple[bool, list[Ticket]]:
        """At its send time, is the slot still good? If not, queue again at the front.

        Void when a Retry-After came since booking, or when the waiter woke later than half the
        margin after its slot (a busy machine: GIL, scheduler): later bookings were placed after
        the booked time, not the real one, so sending now could crowd the server's window. A
        request is re-booked for lateness once; a second late wake sends anyway.
        """
        with self._lock:
            now = self._clock()
            assert ticket.send_at is not None
            late = (
                not ticket.late
                and self.limits.margin > 0
                and now - ticket.send_at > self.limits.margin / 2
            )
            if ticket.generation == self._pause_generation and not late:
                return False, []
            ticket.late = ticket.late or late
            self._late += late
            self._lanes.requeue(ticket)
            return True, self._decide(now)

    def _leave(self, ticket: Ticket) -> list[Ticket]:
        with self._lock:
            self._lanes.finish(ticket)
            if self._closed or not self._lanes.has_queued():
                return []
            return self._decide(self._clock())

    def _claims(self, report: bool) -> tuple[tuple[str, int, float], ...]:
        """What a request claims; a tuple, so stores may cache its check (see MemoryBudgetStore)."""
        window = self._window()
        key = (report, window)
        claims = self._claims_cache.get(key)
        if claims is None:
            claims = ((GENERAL, self.limits.general, window),)
            if report:
                claims += ((REPORT, self.limits.report, window),)
            if len(self._claims_cache) > 64:  # the adaptive window moves: keep the cache small
                self._claims_cache.clear()
            self._claims_cache[key] = claims
        return claims

    def _window(self) -> float:
        return self._base_window / self._adaptive.factor if self._adapting else self._base_window

    def _waiter_nap(self) -> float:
        """A random share (half to all) of :meth:`_nap`: polls at a fixed period keep a fixed
        phase against the slots, so of several processes sharing a store the same one would
        look first every time; random naps give each an equal chance at every slot."""
        return self._nap() * (0.5 + self._rng() / 2)

    def _nap(self) -> float:
        """How long a waiter sleeps at most before looking again: half a slot's spacing, so
        every waiting process looks at least once while a slot is within the booking horizon
        (three quarters of the spacing)."""
        return self._window() / self.limits.general / 2

    def _failure(self, request: httpx.Request, ticket: Ticket) -> BaseException | None:
        error = ticket.error
        if error is None:
            return None
        if isinstance(error, _NoSlot):
            return self._too_long(request, ticket.report, None)
        if isinstance(error, PeerClickError):
            return error
        return RateLimiterUnavailableError(
            f"the rate-limit store failed ({type(error).__name__}: {error}); "
            f"{request.method} {request.url.path} was not sent"
        )

    def _too_long(self, request: httpx.Request, report: bool, wait: float | None) -> RateLimitError:
        names = f"{GENERAL} and {REPORT}" if report else GENERAL
        need = f"about {wait:.2f}s needed" if wait is not None else "no slot within it"
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

    # -- the two twins: only the waiting differs ------------------------------------------

    def _pacing(
        self, request: httpx.Request, ticket: Ticket, woken: list[Ticket]
    ) -> Generator[Step, None, None]:
        """The wait for a booked send time, without I/O: both twins drive it.

        Yields ``(NAP, seconds)``: wait at most that long for a wake-up, then look again; or
        ``(SLEEP, seconds)``: sleep until the booked time. Raises the ticket's failure; returns
        when the request may go. The ticket must have been queued by :meth:`_enter`; it always
        leaves the queue, whatever happens to the driver (drivers close it in ``finally``).
        """
        try:
            _wake(woken, ticket)  # those :meth:`_enter` decided for
            while True:
                while not ticket.decided:
                    yield NAP, self._waiter_nap()
                    _wake(self._poll(ticket), ticket)
                if (error := self._failure(request, ticket)) is not None:
                    raise error
                assert ticket.send_at is not None
                if (pause := ticket.send_at - self._clock()) > 0:
                    yield SLEEP, pause
                again, woken = self._requeue_if_void(ticket)
                _wake(woken, ticket)
                if not again:
                    return
        finally:
            _wake(self._leave(ticket))

    def acquire(self, request: httpx.Request, *, report: bool = False, lane: str = "high") -> float:
        """Block until ``request``'s booked send time; returns the seconds waited.

        Raises:
            RateLimitError: no slot within ``max_wait`` (nothing is sent).
            RateLimiterUnavailableError: the store failed (nothing is sent).
            RuntimeError: the limiter is closed.
        """
        checked = check_lane(lane)
        if self._at_once(report, checked):
            return 0.0
        started = self._clock()
        gate = threading.Lock()  # a binary semaphore: cheaper than an Event on every request
        gate.acquire()

        def wake() -> None:
            with contextlib.suppress(RuntimeError):  # woken twice: once is enough
                gate.release()

        ticket, woken = self._enter(request, report, checked, wake)
        pacing = self._pacing(request, ticket, woken)
        try:
            for step, seconds in pacing:
                if step is SLEEP:
                    self._sleep(seconds)
                elif self._real_sleep:
                    gate.acquire(timeout=seconds)
                else:  # an injected sleep; yield too, in case it returns at once
                    self._sleep(seconds)
                    time.sleep(0)
        finally:  # an interrupted wait (KeyboardInterrupt in a sleep) leaves the queue at once
            pacing.close()
        return self._waited(request, started, ticket)

    async def aacquire(
        self, request: httpx.Request, *, report: bool = False, lane: str = "high"
    ) -> float:
        """Wait, without blocking the event loop, for the booked send time; see :meth:`acquire`."""
        checked = check_lane(lane)
        if self._at_once(report, checked):
            return 0.0
        import asyncio  # here, not at import: sync users never load it

        asleep = self._asleep or asyncio.sleep
        started = self._clock()
        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        owner = threading.get_ident()

        def wake() -> None:
            if threading.get_ident() == owner:  # woken from its own loop: no self-pipe write
                event.set()
                return
            with contextlib.suppress(RuntimeError):  # a closed loop: its waiter is gone anyway
                loop.call_soon_threadsafe(event.set)

        ticket, woken = self._enter(request, report, checked, wake)
        pacing = self._pacing(request, ticket, woken)
        try:
            for step, seconds in pacing:
                if step is SLEEP:
                    await asleep(seconds)
                    continue
                if self._real_asleep:
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(seconds):
                            await event.wait()
                else:  # an injected sleep; yield too, in case it returns at once
                    await asleep(seconds)
                    await asyncio.sleep(0)
                event.clear()
        finally:  # a cancelled task leaves the queue at once, not when the generator is collected
            pacing.close()
        return self._waited(request, started, ticket)

    # -- feedback from the wire -----------------------------------------------------------

    def observe(self, request: httpx.Request, status: int, retry_after: float | None) -> None:
        """The answer to a request this limiter let through: adapt, and pause on Retry-After."""
        if status != 429:
            if self._adapting and self._adaptive.factor < 1.0:  # else there is nothing to regrow
                with self._lock:
                    self._adaptive.on_success(self._clock())
            return
        now = self._clock()
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

    def count_again(self, request: httpx.Request, *, report: bool, why: str) -> None:
        """``request`` reached the server later than its slot: count it again at now.

        The transport calls this, once per attempt, when a request's first byte left later than
        half the margin after its slot (a new connection's TCP and TLS set-up, a busy machine),
        or when the answer to a request on a new connection came. The budget then
        holds the moment the server really saw, and the next requests are booked a window
        after it, not after the slot. A store without ``occupy`` is left as it is (a custom
        store may lack it).
        """
        occupy = getattr(self._store, "occupy", None)
        if occupy is None or self._closed:
            return
        try:
            occupy(self.namespace, self._claims(report))
        except Exception as exc:
            raise RateLimiterUnavailableError(
                f"the rate-limit store failed to count a late request ({type(exc).__name__}: {exc})"
            ) from exc
        with self._lock:
            self._recounted += 1
        logger.debug("rate limit: %s %s counted again (%s)", request.method, request.url.path, why)

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
                rebooked=self._late,
                recounted=self._recounted,
            )

    @property
    def limits(self) -> RateLimits:
        """The budgets this limiter keeps (fixed for its lifetime)."""
        return self._limits

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


class _NoSlot(Exception):
    """Marks a ticket for which the store had no slot within its max_wait."""


def _wake(tickets: list[Ticket], own: Ticket | None = None) -> None:
    """Wake the owners of ``tickets``; a twin's own ticket needs no wake (it checks its state)."""
    for ticket in tickets:
        if ticket is not own and ticket.wake is not None:
            ticket.wake()
