"""Client-side rate limiting: every request waits for room in PeerClick's per-account budgets.

PeerClick allows 3 requests a second per account, and 1 a second for reports. Every request (the
login too) takes a permit from the "general" budget; requests under ``<base path>/report`` also
take one from the "report" budget. Both are sliding windows: never more than N in any ``period``.

How it is built, and why:

* One pyrate-limiter ``Limiter`` per budget, each over one bucket: in memory by default. The limit
  is per account, so :attr:`RateLimits.bucket_factory` lets SQLite or Redis buckets share a budget
  between processes or machines (a bucket is asked for by name, ``"<namespace>:general"``).
* Permits are taken with the non-blocking ``Limiter.try_acquire`` and the waiting is ours
  (``time.sleep`` or ``asyncio.sleep``). pyrate-limiter's blocking wait does not fit: its async
  flavour holds one lock for the whole wait, it cannot take two budgets together, and it says "no"
  only after the timeout has passed. Knowing the wait up front, we refuse at once with
  ``RateLimitError`` when it exceeds ``max_wait``. No lock is held while sleeping, so one
  :class:`RateLimiter` can serve sync and async clients together and a waiting report request
  never holds up general ones.
* A report request waits until the report budget has room *without* taking it, then takes a
  general permit, then the report permit. Taking one permit and then waiting for the other would
  date the first too early, and a later request could be sent inside its window. If another
  process took the report permit in between, the general permit is spent and we wait again:
  that costs throughput, never correctness. Report requests of one RateLimiter queue at a gate
  (one per flavour), so they do not race each other for the report slot.
* No "Leaker" thread: pyrate-limiter's Leaker sleeps ``leak_interval`` (10 s) between passes and
  notices ``close()`` only when it wakes, so it outlives the client. Expired entries are instead
  dropped inline, at most once per period, when a permit is taken. Nothing runs in the background.

Buckets must be synchronous (InMemoryBucket, SQLiteBucket, PostgresBucket, RedisBucket over a sync
client); their calls are short, so the async twin makes them directly.
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Iterator
from inspect import isawaitable, iscoroutine
from types import TracebackType
from typing import Any, Self, TypeVar

import attrs
import httpx
from pyrate_limiter import (
    AbstractBucket,
    Duration,
    InMemoryBucket,
    Limiter,
    Rate,
    RateItem,
    SingleBucketFactory,
)

from peerclick.errors import RateLimitError

__all__ = [
    "AsyncRateLimitTransport",
    "BucketFactory",
    "RateLimitTransport",
    "RateLimiter",
    "RateLimits",
    "is_report_path",
]

logger = logging.getLogger("peerclick")

#: Builds one budget's bucket: ``(name, rates) -> bucket``; names read ``"<namespace>:<budget>"``.
BucketFactory = Callable[[str, list[Rate]], AbstractBucket]

GENERAL = "general"
REPORT = "report"
REPORT_PREFIX = "/report"
_MIN_PAUSE = 0.001  # never spin: a lost race still sleeps a little before looking again
_LOCK_MAX = threading.TIMEOUT_MAX

T = TypeVar("T")


def _check_count(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"RateLimits.{attribute.name} must be an int >= 1, got {value!r}")


def _check_seconds(minimum: float) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < minimum
        ):
            raise ValueError(
                f"RateLimits.{attribute.name} must be a number of seconds >= {minimum:g}, "
                f"got {value!r}"
            )

    return check


def _check_buffer(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(
            f"RateLimits.{attribute.name} must be an int of milliseconds >= 0, got {value!r}"
        )


def _check_factory(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not callable(value):
        raise ValueError(
            f"RateLimits.{attribute.name} must be None or a callable (name, rates) -> bucket, "
            f"got {value!r}"
        )


@attrs.frozen(kw_only=True)
class RateLimits:
    """The budgets of one PeerClick account, as the client enforces them.

    Args:
        general: requests per ``period`` for everything (PeerClick: 3 a second).
        report: requests per ``period`` under ``/report`` (PeerClick: 1 a second).
        period: the sliding window, in seconds.
        max_wait: the longest a request may wait for its permits; when the wait would be longer,
            ``RateLimitError`` is raised at once and nothing is sent. 0 means never wait.
        buffer_ms: added to every wait, as margin against clock and network jitter; it costs
            throughput (3 per 1.05 s is about 2.86/s).
        bucket_factory: ``(name, rates) -> bucket`` for a shared backend; None keeps the budgets
            in this process's memory. It must return a synchronous sliding-window bucket
            (``SQLiteBucket``, ``PostgresBucket``, ``RedisBucket`` over a sync client, ...); the
            name (``"<namespace>:general"``) tells the two budgets apart in a shared store.
    """

    general: int = attrs.field(default=3, validator=_check_count)
    report: int = attrs.field(default=1, validator=_check_count)
    period: float = attrs.field(default=1.0, validator=_check_seconds(0.001))
    max_wait: float = attrs.field(default=60.0, validator=_check_seconds(0))
    buffer_ms: int = attrs.field(default=50, validator=_check_buffer)
    bucket_factory: BucketFactory | None = attrs.field(
        default=None, validator=_check_factory, eq=False
    )


def _in_memory(name: str, rates: list[Rate]) -> AbstractBucket:
    return InMemoryBucket(rates)


def _sync(value: T | Awaitable[T]) -> T:
    """The value of a bucket call, which must not be a coroutine (see the module docstring)."""
    if isawaitable(value):
        if iscoroutine(value):
            value.close()
        raise TypeError("peerclick rate limiting needs a synchronous pyrate-limiter bucket")
    return value


class _Budget:
    """One budget: a Limiter over one bucket, plus the wait sums the Limiter keeps to itself."""

    def __init__(self, name: str, key: str, limit: int, limits: RateLimits) -> None:
        self.name = name
        self.key = key
        self.period = limits.period
        self.rate = Rate(limit, round(limits.period * Duration.SECOND.value))
        factory = limits.bucket_factory or _in_memory
        bucket = factory(key, [self.rate])
        if not isinstance(bucket, AbstractBucket):
            raise TypeError(
                f"RateLimits.bucket_factory must return a pyrate_limiter bucket, "
                f"got {type(bucket).__name__}"
            )
        if bucket.is_async:
            bucket.close()
            raise TypeError(
                f"{type(bucket).__name__} is async; peerclick needs a synchronous bucket"
            )
        self.bucket = bucket
        # schedule_leak=False: no Leaker thread (see the module docstring); we leak inline.
        self.limiter = Limiter(
            SingleBucketFactory(bucket, schedule_leak=False), buffer_ms=limits.buffer_ms
        )
        extra_lock = bucket.limiter_lock()
        if extra_lock is not None:  # what Limiter(bucket) does, e.g. SQLite's file lock
            self.limiter.lock = (extra_lock, self.limiter.lock)
        self._clock: Callable[[], int | Awaitable[int]] = bucket.now
        self._leaked_at = -math.inf

    def take(self) -> float:
        """Take a permit: 0.0 when taken, else the seconds until one may be free."""
        if _sync(self.limiter.try_acquire(self.key, blocking=False)):
            self._leak()
            return 0.0
        return max(self.free_in(), _MIN_PAUSE)

    def free_in(self) -> float:
        """Seconds until the window has room for one more (0.0: room now), without taking it."""
        now = _sync(self._clock())
        blocking: RateItem | None = _sync(self.bucket.peek(self.rate.limit - 1))
        if blocking is None:
            return 0.0
        # pyrate-limiter counts entries stamped >= now - interval, so room opens 1 ms later.
        return max(0, blocking.timestamp + self.rate.interval + 1 - now) / 1000

    def _leak(self) -> None:
        moment = time.monotonic()
        if moment - self._leaked_at < self.period:
            return
        self._leaked_at = moment
        _sync(self.bucket.leak(_sync(self._clock())))

    def close(self) -> None:
        self.limiter.close()
        self.bucket.close()  # pyrate-limiter 4.4 leaves it open; the built-in closes are idempotent


class RateLimiter:
    """Both budgets of one PeerClick account, shared by every client that uses the account.

    One instance may serve several sync and async clients at once. It holds no thread; ``close()``
    releases the buckets (and a backend's connection).

    Args:
        limits: the budgets; defaults to ``RateLimits()``.
        namespace: prefix of the bucket names, so one backend can hold several accounts'
            budgets (for example ``"peerclick:<access id>"``). Never put a secret in it.
    """

    def __init__(self, limits: RateLimits | None = None, *, namespace: str = "peerclick") -> None:
        if limits is None:
            limits = RateLimits()
        if not isinstance(limits, RateLimits):
            raise TypeError(f"limits must be a RateLimits, got {type(limits).__name__}")
        if not isinstance(namespace, str) or not namespace:
            raise ValueError(f"namespace must be a non-empty str, got {namespace!r}")
        self.limits = limits
        self.namespace = namespace
        self._general = _Budget(GENERAL, f"{namespace}:{GENERAL}", limits.general, limits)
        try:
            self._report = _Budget(REPORT, f"{namespace}:{REPORT}", limits.report, limits)
        except BaseException:
            self._general.close()
            raise
        self._sync_gate = threading.Lock()
        self._async_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self._gates_guard = threading.Lock()
        self._closed = False

    def acquire(self, request: httpx.Request, *, report: bool = False) -> float:
        """Block until ``request`` holds its permits; returns the seconds waited.

        Raises:
            RateLimitError: the permits cannot be had within ``max_wait`` (nothing is sent).
            RuntimeError: the limiter is closed.
        """
        started, deadline = self._start()
        gate = self._sync_gate if report else None
        if gate is not None and not gate.acquire(timeout=min(deadline - started, _LOCK_MAX)):
            raise self._too_long(request, self._report, None)
        try:
            for pause in self._pauses(request, report=report, deadline=deadline):
                time.sleep(pause)
        finally:
            if gate is not None:
                gate.release()
        return self._waited(request, started, report=report)

    async def aacquire(self, request: httpx.Request, *, report: bool = False) -> float:
        """Wait (without blocking the event loop) until ``request`` holds its permits.

        Same contract as :meth:`acquire`.
        """
        started, deadline = self._start()
        gate = self._async_gate() if report else None
        if gate is not None:
            try:
                async with asyncio.timeout(self.limits.max_wait):
                    await gate.acquire()
            except TimeoutError:
                raise self._too_long(request, self._report, None) from None
        try:
            for pause in self._pauses(request, report=report, deadline=deadline):
                await asyncio.sleep(pause)
        finally:
            if gate is not None:
                gate.release()
        return self._waited(request, started, report=report)

    def _pauses(self, request: httpx.Request, *, report: bool, deadline: float) -> Iterator[float]:
        """Take the permits, yielding each pause the caller must sleep first (both twins use it)."""
        while True:
            if report:
                wait = self._report.free_in()
                if wait > 0:
                    yield self._pause(request, self._report, wait, deadline)
                    continue
            wait = self._general.take()
            if wait > 0:
                yield self._pause(request, self._general, wait, deadline)
                continue
            if report:
                wait = self._report.take()
                if wait > 0:  # someone else took it since we looked: the general permit is spent
                    yield self._pause(request, self._report, wait, deadline)
                    continue
            return

    def _pause(
        self, request: httpx.Request, budget: _Budget, wait: float, deadline: float
    ) -> float:
        pause = wait + self.limits.buffer_ms / 1000
        if time.monotonic() + pause > deadline:
            raise self._too_long(request, budget, pause)
        return pause

    def _start(self) -> tuple[float, float]:
        if self._closed:
            raise RuntimeError("this RateLimiter is closed")
        started = time.monotonic()
        return started, started + self.limits.max_wait

    def _waited(self, request: httpx.Request, started: float, *, report: bool) -> float:
        waited = time.monotonic() - started
        if waited >= _MIN_PAUSE:
            # Method and path only: query strings and headers can carry the token or filters.
            logger.debug(
                "rate limit: %s %s waited %.3fs for the %s budget",
                request.method,
                request.url.path,
                waited,
                f"{GENERAL} and {REPORT}" if report else GENERAL,
            )
        return waited

    def _too_long(
        self, request: httpx.Request, budget: _Budget, pause: float | None
    ) -> RateLimitError:
        need = f"about {pause:.2f}s needed" if pause is not None else "other report requests queued"
        message = (
            f"local rate-limit budget {budget.name!r} ({budget.rate.limit} per "
            f"{self.limits.period:g}s) could not be had within max_wait={self.limits.max_wait:g}s "
            f"for {request.method} {request.url.path} ({need}); the request was not sent"
        )
        return RateLimitError(message, retry_after=pause, status_code=429, request=request)

    def _async_gate(self) -> asyncio.Lock:
        # An asyncio.Lock belongs to one event loop, so each loop gets its own gate.
        loop = asyncio.get_running_loop()
        with self._gates_guard:
            gate = self._async_gates.get(loop)
            if gate is None:
                gate = self._async_gates[loop] = asyncio.Lock()
            return gate

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Release both buckets; later acquires raise RuntimeError. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        try:
            self._general.close()
        finally:
            self._report.close()

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


def _normalise_base_path(base_path: str) -> str:
    base = base_path.strip().rstrip("/")
    return base if not base or base.startswith("/") else "/" + base


def is_report_path(path: str, base_path: str) -> bool:
    """Whether ``path`` takes a report permit: after the base path, it starts with ``/report``.

    >>> is_report_path("/v1_1/report/conversions", "/v1_1"), is_report_path("/report", "")
    (True, True)
    """
    base = _normalise_base_path(base_path)
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :]
    return path.startswith(REPORT_PREFIX)


class RateLimitTransport(httpx.BaseTransport):
    """Takes a request's permits from ``limiter``, then sends it through ``inner`` (sync twin).

    The limiter is borrowed, not owned: ``close()`` closes ``inner`` only.

    Args:
        inner: the transport that sends.
        limiter: the account's budgets, possibly shared with other clients.
        base_path: the client's base URL path (``"/v1_1"``, or ``""``); report paths are
            recognised relative to it.
    """

    def __init__(self, inner: httpx.BaseTransport, limiter: RateLimiter, *, base_path: str) -> None:
        self._inner = inner
        self._limiter = limiter
        self._base_path = _normalise_base_path(base_path)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._limiter.acquire(request, report=is_report_path(request.url.path, self._base_path))
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


class AsyncRateLimitTransport(httpx.AsyncBaseTransport):
    """Async twin of :class:`RateLimitTransport`; it may share one limiter with sync clients."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, limiter: RateLimiter, *, base_path: str
    ) -> None:
        self._inner = inner
        self._limiter = limiter
        self._base_path = _normalise_base_path(base_path)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        report = is_report_path(request.url.path, self._base_path)
        await self._limiter.aacquire(request, report=report)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
