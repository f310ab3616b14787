"""The one retry layer: a transport wrapper that resends a request when that is safe.

Policy (``max_retries`` bounds every row together, and no resend starts, nor a wait that would
end, later than ``give_up_after`` seconds after the first attempt; when either runs out, the last
response is returned, or the last httpx exception re-raised, and the layer above maps it to a
typed error):

=================================  ===========================  ==============================
What happened                      Methods resent               Delay before resending
=================================  ===========================  ==============================
429 Too Many Requests              every method: the server     ``retry-after-ms`` or
                                   refused, nothing was done    ``Retry-After`` (seconds or
                                                                HTTP date); above
                                                                ``max_retry_after``: no retry,
                                                                the 429 is returned. Without
                                                                one: backoff
500, 502, 503, 504                 GET HEAD OPTIONS PUT DELETE  as for 429
                                   and the login
ConnectError (no byte of the       every method                 backoff
request was sent)
ReadError, WriteError,             GET HEAD OPTIONS PUT DELETE  backoff
RemoteProtocolError, other         and the login (a POST may
network errors, also while the     have reached the server:
body is read (reset, closed        never resent)
before Content-Length)
any timeout (connect, pool, read,  none: the attempt used the   -
write, the attempt's deadline)     caller's whole ``timeout``;
                                   resending would multiply it
anything else (4xx, ...)           none                         -
=================================  ===========================  ==============================

The login (``POST /auth/access/session``, ``POST /auth/session``; marked by SessionAuth) creates
nothing on the server, so it is resent like an idempotent method.

Bodies are read below this layer (``_body.BodyTransport``), so an error while a body is read is a
transport error here and follows the table, and every response returned is fully read.

Backoff for retry ``n`` (0-based): ``min(backoff_base * 2**n, backoff_max)``, less a random share
of up to ``jitter`` of it, so clients that failed together do not come back together.

A ``Retry-After`` above the cap is not clipped: resending earlier than the server asked would
only earn another 429, so the caller gets the 429 (as ``RateLimitError`` with ``retry_after``).

Why not ``httpx-retries`` (0.6.0, read for this module): its ``RetryTransport.handle_request``
applies the method filter to the whole request before the first attempt, so a POST is either never
retried (not on a 429, not on a ConnectError) or retried on everything, including a 5xx or a
ReadTimeout after the server may have acted on it; our rule depends on the cause. It clips a long
``Retry-After`` to ``max_backoff_wait`` and retries early, where we must give up. Its sleeps are
hard-wired (``time.sleep``/``asyncio.sleep`` inside ``Retry.sleep``/``asleep``) and its date maths
read ``datetime.now()``, so tests could not inject a clock or a sleep; and its loop catches
``Exception``. Subclassing ``Retry`` would replace nearly all of it, so the policy is written here
as one pure function, :func:`retry_delay`, walked by one I/O-free generator
(:func:`retry_flow`, the pattern of httpx's ``Auth.auth_flow``); the two transports only send and
sleep.
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable, Generator
from datetime import UTC
from typing import Any

import attrs
import httpx

from peerclick._redact import is_login

__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRY_STATUSES",
    "AsyncRetryTransport",
    "RetryPolicy",
    "RetryTransport",
    "parse_retry_after",
    "retry_after_from_headers",
    "retry_delay",
    "retry_flow",
]

logger = logging.getLogger("peerclick")

#: Methods whose repetition does no harm, so they may be resent after the server may have seen them.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
#: Server errors worth another try (idempotent methods only).
RETRY_STATUSES = frozenset({500, 502, 503, 504})
TOO_MANY_REQUESTS = 429

# Raised before any byte of the request left: resending cannot repeat an action.
_NOT_SENT: tuple[type[httpx.TransportError], ...] = (httpx.ConnectError,)
# Raised once the request may have been (partly) sent: only idempotent methods are resent.
_MAYBE_SENT: tuple[type[httpx.TransportError], ...] = (
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)
_MAX_EXPONENT = 64  # 2**64 * any sane base is far above any cap; avoids float overflow


def _number(value: Any, *, minimum: float, name: str, what: str) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < minimum
    ):
        raise ValueError(f"RetryPolicy.{name} must be {what}, got {value!r}")


def _check_max_retries(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"RetryPolicy.{attribute.name} must be an int >= 0, got {value!r}")


def _check_seconds(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _number(value, minimum=0, name=attribute.name, what="a number of seconds >= 0")


def _check_jitter(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _number(value, minimum=0, name=attribute.name, what="a fraction between 0 and 1")
    if value > 1:
        raise ValueError(
            f"RetryPolicy.{attribute.name} must be a fraction between 0 and 1, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How often and how long to retry; see the module docstring for which failures qualify.

    Args:
        max_retries: resends per request, across every cause (0 turns retrying off).
        backoff_base: seconds before the first resend when the server named no delay.
        backoff_max: cap on one backoff delay.
        max_retry_after: the longest ``Retry-After`` honoured; a longer one ends the retries.
        jitter: the share (0..1) of each backoff delay that is randomly taken off.
        give_up_after: seconds after the first attempt beyond which no resend starts.
    """

    max_retries: int = attrs.field(default=3, validator=_check_max_retries)
    backoff_base: float = attrs.field(default=0.5, validator=_check_seconds)
    backoff_max: float = attrs.field(default=8.0, validator=_check_seconds)
    max_retry_after: float = attrs.field(default=120.0, validator=_check_seconds)
    jitter: float = attrs.field(default=0.25, validator=_check_jitter)
    give_up_after: float = attrs.field(default=300.0, validator=_check_seconds)


def parse_retry_after(value: str, now: float) -> float | None:
    """Seconds a ``Retry-After`` value asks for: delta-seconds or an HTTP date; None if unreadable.

    ``now`` is the current Unix time, used for dates; a date in the past means 0.
    """
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; a zoneless one is read the same way
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


def retry_after_from_headers(headers: httpx.Headers, now: float) -> float | None:
    """The delay a response asks for: ``retry-after-ms`` if readable, else ``Retry-After``."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            value = float(millis)
        except ValueError:
            value = math.nan
        if math.isfinite(value) and value >= 0:
            return value / 1000
    seconds = headers.get("retry-after")
    return parse_retry_after(seconds, now) if seconds is not None else None


def _backoff(attempt: int, policy: RetryPolicy, rng: Callable[[], float]) -> float:
    delay = min(policy.backoff_base * 2.0 ** min(attempt, _MAX_EXPONENT), policy.backoff_max)
    return delay * (1 - policy.jitter * rng())


def retry_delay(
    method: str,
    attempt: int,
    *,
    response: httpx.Response | None = None,
    exc: httpx.TransportError | None = None,
    policy: RetryPolicy,
    now: float,
    rng: Callable[[], float],
    replayable: bool = False,
    elapsed: float = 0.0,
) -> float | None:
    """Seconds to wait before resending, or None to stop: the whole policy in one pure function.

    Args:
        method: the request's HTTP method.
        attempt: how many retries were already made for this request (0 after the first try).
        response: the answer, when there was one.
        exc: the transport error, when there was no answer.
        policy: the limits.
        now: the current Unix time (for ``Retry-After`` dates).
        rng: returns a float in [0, 1) for the jitter.
        replayable: resend it like an idempotent method whatever its method (the login).
        elapsed: seconds since the first attempt began (for ``give_up_after``).
    """
    delay = _delay(method, attempt, response, exc, policy, now, rng, replayable)
    if delay is None or elapsed + delay > policy.give_up_after:
        return None
    return delay


def _delay(
    method: str,
    attempt: int,
    response: httpx.Response | None,
    exc: httpx.TransportError | None,
    policy: RetryPolicy,
    now: float,
    rng: Callable[[], float],
    replayable: bool,
) -> float | None:
    if attempt >= policy.max_retries:
        return None
    idempotent = replayable or method.upper() in IDEMPOTENT_METHODS
    if response is not None:
        status = response.status_code
        if status != TOO_MANY_REQUESTS and not (status in RETRY_STATUSES and idempotent):
            return None
        asked = retry_after_from_headers(response.headers, now)
        if asked is None:
            return _backoff(attempt, policy, rng)
        return asked if asked <= policy.max_retry_after else None
    if isinstance(exc, httpx.TimeoutException):
        return None
    if isinstance(exc, _NOT_SENT) or (isinstance(exc, _MAYBE_SENT) and idempotent):
        return _backoff(attempt, policy, rng)
    return None


def _log_retry(
    request: httpx.Request, attempt: int, policy: RetryPolicy, reason: str, delay: float
) -> None:
    # Method and path only: query strings and headers can carry the token or filters.
    logger.debug(
        "retrying %s %s after %s: retry %d of %d in %.2fs",
        request.method,
        request.url.path,
        reason,
        attempt + 1,
        policy.max_retries,
        delay,
    )


#: What one attempt gave: the answer, or the transport error raised instead.
Outcome = httpx.Response | httpx.TransportError


@attrs.frozen
class _Clocks:
    now: Callable[[], float]
    rng: Callable[[], float]
    monotonic: Callable[[], float]


def retry_flow(
    request: httpx.Request,
    policy: RetryPolicy,
    *,
    now: Callable[[], float] = time.time,
    rng: Callable[[], float] = random.random,
    monotonic: Callable[[], float] = time.monotonic,
) -> Generator[float, Outcome, httpx.Response]:
    """The retry loop without I/O: yields the seconds to wait before each attempt (0 first).

    Send it each attempt's outcome; it returns the response to hand up (StopIteration's value),
    raises the transport error when it gives up, and closes each answer it discards. Both
    transports drive it; the tests drive it by hand.
    """
    started = monotonic()
    outcome = yield 0.0
    if isinstance(outcome, httpx.Response) and outcome.status_code < 400:
        return outcome  # the common case, before any policy maths
    clocks = _Clocks(now, rng, monotonic)
    replayable = is_login(request)
    attempt = 0
    while True:
        if isinstance(outcome, httpx.Response):
            if outcome.status_code < 400:
                return outcome  # the common case, before any policy maths
            delay = _next(request, attempt, policy, clocks, replayable, started, outcome, None)
            if delay is None:
                return outcome
            _log_retry(request, attempt, policy, str(outcome.status_code), delay)
            outcome.close()  # frees the connection of the answer we discard (it is read)
        else:
            delay = _next(request, attempt, policy, clocks, replayable, started, None, outcome)
            if delay is None:
                raise outcome
            _log_retry(request, attempt, policy, type(outcome).__name__, delay)
        attempt += 1
        outcome = yield delay


def _next(
    request: httpx.Request,
    attempt: int,
    policy: RetryPolicy,
    clocks: _Clocks,
    replayable: bool,
    started: float,
    response: httpx.Response | None,
    exc: httpx.TransportError | None,
) -> float | None:
    return retry_delay(
        request.method,
        attempt,
        response=response,
        exc=exc,
        policy=policy,
        now=clocks.now(),
        rng=clocks.rng,
        replayable=replayable,
        elapsed=clocks.monotonic() - started,
    )


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport and resends per :class:`RetryPolicy` (sync twin).

    Args:
        inner: the transport that sends (in peerclick, the rate-limit layer, so every resend
            takes fresh permits).
        policy: the limits; defaults to ``RetryPolicy()``.
        sleep, now, rng, monotonic: injectable for tests: the pause, the Unix clock (for
            ``Retry-After`` dates), the jitter source and the clock of ``give_up_after``.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner
        self.policy = policy if policy is not None else RetryPolicy()
        self._sleep = sleep
        self._clocks = {"now": now, "rng": rng, "monotonic": monotonic}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # a body held in memory replays byte for byte on every attempt
        flow = retry_flow(request, self.policy, **self._clocks)
        delay = next(flow)
        while True:
            if delay:
                self._sleep(delay)
            outcome: Outcome
            try:
                outcome = self._inner.handle_request(request)
            except httpx.TransportError as exc:
                outcome = exc
            try:
                delay = flow.send(outcome)
            except StopIteration as done:
                response: httpx.Response = done.value
                return response

    def close(self) -> None:
        self._inner.close()


def _asyncio_sleep() -> Callable[[float], Awaitable[None]]:
    import asyncio

    return asyncio.sleep


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an async transport and resends per :class:`RetryPolicy` (async twin).

    Same arguments as :class:`RetryTransport`; ``sleep`` is awaited (None: ``asyncio.sleep``,
    imported when first needed, so sync users never load asyncio).
    """

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        now: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner
        self.policy = policy if policy is not None else RetryPolicy()
        self._sleep = sleep
        self._clocks = {"now": now, "rng": rng, "monotonic": monotonic}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()  # a body held in memory replays byte for byte on every attempt
        flow = retry_flow(request, self.policy, **self._clocks)
        delay = next(flow)
        while True:
            if delay:
                await (self._sleep or _asyncio_sleep())(delay)
            outcome: Outcome
            try:
                outcome = await self._inner.handle_async_request(request)
            except httpx.TransportError as exc:
                outcome = exc
            try:
                delay = flow.send(outcome)
            except StopIteration as done:
                response: httpx.Response = done.value
                return response

    async def aclose(self) -> None:
        await self._inner.aclose()
