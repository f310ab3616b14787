"""Every socket operation of a sync attempt bounded by the attempt's deadline (exact, not per read).

httpcore reads the ``timeout`` extension once per phase: a server trickling its headers, or a
stall just before the deadline, is bounded per read only. httpcore takes a network backend,
though, and each stream operation gets its timeout as an argument: this backend wraps the
default one and gives every ``connect``/``read``/``write`` at most the time left before the
deadline that :class:`~peerclick._body.BodyTransport` set for the attempt in progress, raising
httpcore's own timeout once it has passed. (The async twin runs under ``anyio.fail_after``,
which is exact already.)

The deadline travels in a context variable because httpcore calls the stream from the same
thread and offers no other handle; it holds a number and a clock, never a response.

Installing it needs two private attributes (httpx's ``HTTPTransport._pool`` and httpcore's
``ConnectionPool._network_backend``; httpx is pinned below 1.0, httpcore 1.x). When they are
missing, :func:`install` says so and the per-read bound remains.
"""

from __future__ import annotations

import contextlib
import contextvars
import ssl
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:  # httpcore itself loads with httpx's transport, not with peerclick
    import httpcore

__all__ = ["DeadlineBackend", "deadline", "enter", "install", "leave"]

_DEADLINE: contextvars.ContextVar[tuple[float, Callable[[], float]] | None] = (
    contextvars.ContextVar("peerclick_attempt_deadline", default=None)
)

# httpcore's socket option tuples, passed through untouched
SocketOption = tuple[Any, ...]


def enter(at: float, clock: Callable[[], float]) -> contextvars.Token[Any]:
    """Bound every socket operation from here by ``at`` (seconds on ``clock``) until :func:`leave`.

    A pair of calls rather than a context manager: this runs on every request, and a
    generator-based ``with`` costs more than the rest of it.
    """
    return _DEADLINE.set((at, clock))


def leave(token: contextvars.Token[Any]) -> None:
    _DEADLINE.reset(token)


@contextlib.contextmanager
def deadline(at: float | None, clock: Callable[[], float]) -> Iterator[None]:
    """:func:`enter` and :func:`leave` around a block (no bound when ``at`` is None)."""
    if at is None:
        yield
        return
    token = enter(at, clock)
    try:
        yield
    finally:
        leave(token)


#: httpcore's timeout exceptions by operation, filled by :func:`install` (httpcore loads only
#: when httpx's transport is built, so peerclick's import does not pay for it).
_TIMEOUTS: dict[str, type[Exception]] = {}


def _bounded(timeout: float | None, operation: str) -> float | None:
    """``timeout`` cut to what is left of the deadline; httpcore's timeout error once it passed."""
    current = _DEADLINE.get()
    if current is None:
        return timeout
    at, clock = current
    left = at - clock()
    if left <= 0:
        raise _TIMEOUTS[operation]("the request took longer than the timeout")
    return left if timeout is None else min(timeout, left)


class _Stream:
    """An httpcore network stream whose every operation gets at most the time left."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, "read"))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, "write"))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> _Stream:
        bounded = _bounded(timeout, "connect")
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend:
    """httpcore's sync backend, with every operation bounded by the current attempt's deadline.

    Duck-typed like httpcore's own backends (httpcore never checks their class), so that
    httpcore need not load with peerclick.
    """

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> _Stream:
        bounded = _bounded(timeout, "connect")
        return _Stream(self._inner.connect_tcp(host, port, bounded, local_address, socket_options))

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> _Stream:
        bounded = _bounded(timeout, "connect")
        return _Stream(self._inner.connect_unix_socket(path, bounded, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def install(transport: httpx.BaseTransport) -> bool:
    """Put the deadline backend under ``transport`` if it is httpx's own; whether it could."""
    if not isinstance(transport, httpx.HTTPTransport):
        return False
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is None:
        return False
    if not _TIMEOUTS:
        import httpcore

        _TIMEOUTS.update(
            read=httpcore.ReadTimeout, write=httpcore.WriteTimeout, connect=httpcore.ConnectTimeout
        )
    if not isinstance(backend, DeadlineBackend):
        pool._network_backend = DeadlineBackend(backend)  # type: ignore[union-attr]
    return True
