"""The transport layer that puts every request through the account's :class:`RateLimiter`.

It wraps the transport that sends, so it sees every attempt, the retries' too: it books the slot
before sending and tells the limiter each answer's status afterwards, which is how a 429 reaches
the adaptation without the retry layer knowing about budgets. The lane comes from the request's
``extensions[PRIORITY_EXTENSION]`` (``"high"``/``"low"``), else from the client's priority.
"""

from __future__ import annotations

import logging
import time
from collections.abc import MutableMapping
from typing import Any

import httpx

from peerclick._lanes import check_lane
from peerclick._limits import PRIORITY_EXTENSION
from peerclick._ratelimit import RateLimiter
from peerclick.errors import RateLimiterUnavailableError

__all__ = ["AsyncRateLimitTransport", "RateLimitTransport", "is_report_path"]

logger = logging.getLogger("peerclick")


def _normalise_base_path(base_path: str) -> str:
    base = base_path.strip().rstrip("/")
    return base if not base or base.startswith("/") else "/" + base


def is_report_path(path: str, base_path: str) -> bool:
    """Whether ``path`` takes a report permit: after the base path, it starts with ``/report``.

    >>> is_report_path("/v1_1/report/conversions", "/v1_1"), is_report_path("/report", "")
    (True, True)
    """
    return _under_report(path, _normalise_base_path(base_path))


def _under_report(path: str, base: str) -> bool:
    """:func:`is_report_path` with ``base`` normalised (the transports do that once): a path
    under ``base + "/report"``, or, outside the base path, under ``/report``."""
    if path.startswith(base + "/report"):
        return True
    return (
        bool(base)
        and not path.startswith(base + "/")
        and path != base
        and path.startswith("/report")
    )


# httpcore's trace events (the last two after "http11." or "http2.")
_NEW_CONNECTION = "connection.connect_tcp.started"
_HEADERS_LEAVE = "send_request_headers.started"
_ANSWERED = "receive_response_headers.complete"


class _Departure:
    """httpcore's ``trace`` hook for one attempt: when the request's first byte leaves.

    A request booked at its slot may reach the server much later: a new connection's TCP and
    TLS set-up (100 ms and more to a distant API), a busy machine, a server slow to take a new
    connection. The server counts it when it arrives, so the next requests, booked a window
    after the slot, would crowd the server's window. So a request is counted again
    (:meth:`RateLimiter.count_again`, once): when its first byte leaves later than half the
    margin after its slot, or, on a new connection, when its answer's headers come (by then
    the server has surely counted it; a few requests pay this, as connections are reused).
    Any ``trace`` the caller set is still called.
    """

    def __init__(
        self, limited: _Limited, request: httpx.Request, report: bool, theirs: object
    ) -> None:
        self.limited = limited
        self.request = request
        self.report = report
        self.theirs = theirs
        self.leave_by = time.monotonic() + limited._late_after
        self.fresh = False  # it opened a new connection
        self.counted = False

    def seen(self, name: str) -> None:
        if name == _NEW_CONNECTION:
            self.fresh = True
        elif name.endswith(_HEADERS_LEAVE):
            if time.monotonic() > self.leave_by:
                self.count("left late")
        elif self.fresh and name.endswith(_ANSWERED):
            self.count("a new connection")

    def count(self, why: str) -> None:
        if self.counted:
            return
        self.counted = True  # once per attempt
        try:
            self.limited._limiter.count_again(self.request, report=self.report, why=why)
        except RateLimiterUnavailableError as exc:  # the request is under way: the next fails
            logger.warning("%s", exc)

    def __call__(self, name: str, info: dict[str, Any]) -> None:
        self.seen(name)
        if callable(self.theirs):
            self.theirs(name, info)


class _AsyncDeparture(_Departure):
    """:class:`_Departure` for async transports (httpcore awaits the hook)."""

    async def __call__(self, name: str, info: dict[str, Any]) -> None:  # type: ignore[override]
        self.seen(name)
        if callable(self.theirs):
            await self.theirs(name, info)


class _Limited:
    """What both transport twins share: which budget and lane a request uses, and the feedback."""

    def __init__(
        self, limiter: RateLimiter, base_path: str, priority: str, traced: bool = False
    ) -> None:
        if not isinstance(limiter, RateLimiter):
            raise TypeError(
                f"limiter must be a peerclick.RateLimiter, got {type(limiter).__name__}"
            )
        self._limiter = limiter
        self._base_path = _normalise_base_path(base_path)
        self._priority = check_lane(priority)
        # httpcore transports call a `trace` hook; with no margin, lateness is not watched.
        limits = limiter.limits
        self._late_after = (limits.window - limits.period) / 2  # margin (+ buffer_ms), halved
        self._traced = traced and self._late_after > 0

    def _route(self, request: httpx.Request) -> tuple[bool, str]:
        lane = request.extensions.get(PRIORITY_EXTENSION)
        if lane is None:
            lane = self._priority  # checked once, at construction
        else:
            lane = check_lane(lane, name=f"request.extensions[{PRIORITY_EXTENSION!r}]")
        return _under_report(request.url.path, self._base_path), lane

    def _observe(
        self, request: httpx.Request, response: httpx.Response, waited: float, started: float
    ) -> None:
        retry_after = None
        if response.status_code == 429:
            from peerclick._retry import retry_after_from_headers

            retry_after = retry_after_from_headers(response.headers, time.time())
        self._limiter.observe(request, response.status_code, retry_after)
        if not logger.isEnabledFor(logging.DEBUG):
            return
        logger.debug(
            "%s %s answered %d in %.3fs (after %.3fs waiting for the rate limit)",
            request.method,
            request.url.path,
            response.status_code,
            time.perf_counter() - started,
            waited,
        )


class RateLimitTransport(_Limited, httpx.BaseTransport):
    """Books a request's send time in ``limiter``, waits for it, then sends through ``inner``.

    It also reports every answer's status back to the limiter (429s adapt the rate). The limiter
    is borrowed, not owned: ``close()`` closes ``inner`` only.

    Args:
        inner: the transport that sends.
        limiter: the account's budgets, possibly shared with other clients.
        base_path: the client's base URL path (``"/v1_1"``, or ``""``); report paths are
            recognised relative to it.
        priority: the lane of requests that do not name one in ``request.extensions``.
        traced: ``inner`` ends in httpcore (httpx's own transport), which calls the ``trace``
            hook: a request that leaves late is then counted again where it left.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport,
        limiter: RateLimiter,
        *,
        base_path: str,
        priority: str = "high",
        traced: bool = False,
    ) -> None:
        super().__init__(limiter, base_path, priority, traced)
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        report, lane = self._route(request)
        waited = self._limiter.acquire(request, report=report, lane=lane)
        started = time.perf_counter()
        if not self._traced:
            response = self._inner.handle_request(request)
        else:
            extensions = request.extensions
            theirs = extensions.get("trace")
            extensions["trace"] = _Departure(self, request, report, theirs)
            try:
                response = self._inner.handle_request(request)
            finally:
                _restore(extensions, theirs)
        self._observe(request, response, waited, started)
        return response

    def close(self) -> None:
        self._inner.close()


class AsyncRateLimitTransport(_Limited, httpx.AsyncBaseTransport):
    """Async twin of :class:`RateLimitTransport`; it may share one limiter with sync clients."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        limiter: RateLimiter,
        *,
        base_path: str,
        priority: str = "high",
        traced: bool = False,
    ) -> None:
        super().__init__(limiter, base_path, priority, traced)
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        report, lane = self._route(request)
        waited = await self._limiter.aacquire(request, report=report, lane=lane)
        started = time.perf_counter()
        if not self._traced:
            response = await self._inner.handle_async_request(request)
        else:
            extensions = request.extensions
            theirs = extensions.get("trace")
            extensions["trace"] = _AsyncDeparture(self, request, report, theirs)
            try:
                response = await self._inner.handle_async_request(request)
            finally:
                _restore(extensions, theirs)
        self._observe(request, response, waited, started)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def _restore(extensions: MutableMapping[str, Any], theirs: object) -> None:
    """The caller's own ``trace`` back (or none), for the next attempt and for them."""
    if theirs is None:
        extensions.pop("trace", None)
    else:
        extensions["trace"] = theirs
