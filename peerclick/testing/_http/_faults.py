"""Fault injection: make the next N matching requests fail the way real gateways fail."""

from __future__ import annotations

import threading
from http import HTTPStatus
from typing import Literal

import attrs

from peerclick.testing._http._recording import path_matches

__all__ = ["Fault", "Faults", "html_error_page"]

FaultKind = Literal["status", "html", "rate_limit", "delay", "drop", "timeout"]
DropError = Literal["read", "protocol"]


@attrs.define
class Fault:
    """One armed fault. `remaining` None means it fires on every matching request until cleared."""

    kind: FaultKind
    remaining: int | None
    path: str | None = None
    method: str | None = None
    status: int = 503
    retry_after: int | None = None
    seconds: float = 0.0
    error: DropError = "read"
    fired: int = 0
    until: float | None = None  # clock time when it stops firing (a storm), None: no end

    def expired(self, now: float | None) -> bool:
        return self.until is not None and now is not None and now >= self.until

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.path is None or path_matches(path, self.path)


def html_error_page(status: int) -> bytes:
    """The page nginx serves for gateway errors."""
    title = f"{status} {HTTPStatus(status).phrase}"
    return (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    ).encode()


class Faults:
    """The fault queue of one fake (`fake.faults`). The first armed, matching fault fires.

    `path` is an API path without the version prefix and matches sub-paths too (`/report` also
    matches `/report/conversions`); `method` is an HTTP method. Both default to "any".
    """

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def _arm(self, fault: Fault) -> Fault:
        if fault.remaining is not None and fault.remaining < 1:
            raise ValueError(f"times must be >= 1 or None, got {fault.remaining!r}")
        with self._lock:
            self._faults.append(fault)
        return fault

    def fail(
        self,
        status: int = 503,
        *,
        times: int | None = 1,
        path: str | None = None,
        method: str | None = None,
        retry_after: int | None = None,
    ) -> Fault:
        """Answer `status` (500, 502, 503…) with a JSON `Error` body, maybe with Retry-After."""
        return self._arm(
            Fault("status", times, path, method, status=status, retry_after=retry_after)
        )

    def html_error(
        self,
        status: int = 502,
        *,
        times: int | None = 1,
        path: str | None = None,
        method: str | None = None,
    ) -> Fault:
        """Answer with nginx's HTML error page (`text/html`), as a gateway in front would."""
        return self._arm(Fault("html", times, path, method, status=status))

    def rate_limit(
        self,
        *,
        retry_after: int = 1,
        times: int | None = 1,
        path: str | None = None,
        method: str | None = None,
    ) -> Fault:
        """A 429 storm: answer 429 with `Retry-After: <retry_after>` regardless of the budget."""
        return self._arm(
            Fault("rate_limit", times, path, method, status=429, retry_after=retry_after)
        )

    def storm(
        self,
        *,
        until: float,
        retry_after: int | None = None,
        path: str | None = None,
        method: str | None = None,
    ) -> Fault:
        """A 429 storm until clock time ``until``, as if another client used up the budget.

        Every matching request gets 429 (with ``Retry-After`` if given) until then, whatever the
        budget says. ``FakePeerClick.storm(seconds)`` arms one relative to the fake's clock.
        """
        return self._arm(
            Fault(
                "rate_limit", None, path, method, status=429, retry_after=retry_after, until=until
            )
        )

    def delay(
        self,
        seconds: float,
        *,
        times: int | None = 1,
        path: str | None = None,
        method: str | None = None,
    ) -> Fault:
        """Answer normally, but only after `seconds` (through the fake's sleep in process)."""
        return self._arm(Fault("delay", times, path, method, seconds=seconds))

    def drop(
        self,
        *,
        error: DropError = "read",
        times: int | None = 1,
        path: str | None = None,
        method: str | None = None,
    ) -> Fault:
        """Drop the connection without an answer.

        In process this raises `httpx.ReadError` ("read") or `httpx.RemoteProtocolError`
        ("protocol"); over HTTP the server closes the socket.
        """
        return self._arm(Fault("drop", times, path, method, error=error))

    def timeout(
        self,
        *,
        seconds: float = 30.0,
        times: int | None = 1,
        path: str | None = None,
        method: str | None = None,
    ) -> Fault:
        """Never answer: `httpx.ReadTimeout` in process; over HTTP, wait `seconds`, then close."""
        return self._arm(Fault("timeout", times, path, method, seconds=seconds))

    def clear(self) -> None:
        """Disarm every fault."""
        with self._lock:
            self._faults.clear()

    @property
    def armed(self) -> list[Fault]:
        """Faults that can still fire."""
        with self._lock:
            return list(self._faults)

    def take(self, method: str, path: str, now: float | None = None) -> Fault | None:
        """Consume and return the first armed fault matching the request (at clock ``now``)."""
        with self._lock:
            self._faults = [f for f in self._faults if not f.expired(now)]
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.fired += 1
                    if fault.remaining is not None:
                        fault.remaining -= 1
                        if fault.remaining == 0:
                            self._faults.remove(fault)
                    return fault
        return None
