"""Small hostile HTTP servers on 127.0.0.1 for the wire tests.

One :class:`HostileServer` listens on a free loopback port and answers each request with the
behaviour scripted for its ``(METHOD, path)``: a list of behaviours is consumed in order (the last
one repeats). It logs every request it read (method, path, headers, body), serves each connection
in its own daemon thread, bounds every socket operation (``IO_BOUND`` seconds) and stops itself
on ``stop()`` / leaving the ``with`` block: behaviours that stall wait on the stop event, so a
test never leaves a thread hanging.

Behaviours are plain functions ``(conn, request) -> None`` writing raw bytes, built by the helpers
below (``json``, ``raw``, ``never_answer``, ``trickle``, ``cut_body``, ``reset_body``, ...).
"""

from __future__ import annotations

import contextlib
import gzip
import json as jsonlib
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

IO_BOUND = 10.0  # seconds any socket operation of the server may block
ACCESS_ID = "wire-access-id"
ACCESS_KEY = "wire-access-key-SECRET-41"
EMAIL = "wire@peerclick.test"
PASSWORD = "wire-password-SECRET-42"
TOKEN = "wire-token-SECRET-43"
FRESH_TOKEN = "wire-token-SECRET-44"
LOGIN_PATHS = ("/v1_1/auth/access/session", "/v1_1/auth/session")


@dataclass
class Seen:
    """One request as the server read it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Behaviour = Callable[[socket.socket, Seen], None]


@dataclass
class _Route:
    steps: list[Behaviour]
    served: int = 0

    def next(self) -> Behaviour:
        step = self.steps[min(self.served, len(self.steps) - 1)]
        self.served += 1
        return step


@dataclass
class HostileServer:
    """A scripted HTTP/1.1 server; see the module docstring."""

    routes: dict[tuple[str, str], Behaviour | list[Behaviour]] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._routes = {
            k: _Route(list(v) if isinstance(v, list) else [v]) for k, v in self.routes.items()
        }
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def route(self, method: str, path: str, *steps: Behaviour) -> None:
        with self._lock:
            self._routes[(method, path)] = _Route(list(steps))

    def start(self) -> HostileServer:
        self._accept.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._accept.join(IO_BOUND)
        for thread in self._threads:
            thread.join(IO_BOUND)
        self._sock.close()

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def seen(self, method: str | None = None, path: str | None = None) -> list[Seen]:
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method) and (path is None or r.path == path)
            ]

    def logins(self) -> list[Seen]:
        return [r for r in self.seen("POST") if r.path in LOGIN_PATHS]

    # ------------------------------------------------------------------ internals
    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._connection, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _connection(self, conn: socket.socket) -> None:
        conn.settimeout(IO_BOUND)
        reader = conn.makefile("rb")
        try:
            while not self.stopping.is_set():
                seen = _read_request(reader)
                if seen is None:
                    return
                with self._lock:
                    self.requests.append(seen)
                    route = self._routes.get((seen.method, seen.path))
                    step = route.next() if route is not None else None
                (step or json(404, {"description": f"no route {seen.path}"}))(conn, seen)
                if getattr(step, "closes", False):
                    return
        except OSError:
            return
        finally:
            reader.close()
            with contextlib.suppress(OSError):
                conn.close()


def _read_request(reader: Any) -> Seen | None:
    line = reader.readline(65536)
    if not line.strip():
        return None
    method, target, _ = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        header = reader.readline(65536)
        if header in (b"\r\n", b"\n", b""):
            break
        name, _, value = header.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    body = reader.read(length) if length else b""
    return Seen(method, target.split("?", 1)[0], headers, body)


def _head(status: int, headers: Iterable[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
    lines += [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


_REASONS = {
    200: "OK",
    204: "No Content",
    302: "Found",
    400: "Bad Request",
    401: "Unauthorized",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def raw(status: int, body: bytes, headers: Iterable[tuple[str, str]] = ()) -> Behaviour:
    """Answer `status` with `body` as given (Content-Length added)."""

    def behave(conn: socket.socket, _: Seen) -> None:
        extra = [*headers, ("Content-Length", str(len(body)))]
        conn.sendall(_head(status, extra) + body)

    return behave


def json(status: int, payload: Any, headers: Iterable[tuple[str, str]] = ()) -> Behaviour:
    body = jsonlib.dumps(payload).encode()
    return raw(status, body, [("Content-Type", "application/json"), *headers])


def login_ok(token: str = TOKEN, **extra: Any) -> Behaviour:
    return json(200, {"token": token, **extra})


def _closing(behave: Behaviour) -> Behaviour:
    behave.closes = True  # type: ignore[attr-defined]
    return behave


def never_answer(server: HostileServer) -> Behaviour:
    """Read the request, then say nothing until the server stops."""

    def behave(_conn: socket.socket, _: Seen) -> None:
        server.stopping.wait(IO_BOUND)

    return _closing(behave)


def trickle(server: HostileServer, body: bytes, interval: float = 0.3) -> Behaviour:
    """Send the headers at once, then the body one byte every `interval` seconds."""

    def behave(conn: socket.socket, _: Seen) -> None:
        head = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        conn.sendall(_head(200, head))
        for i in range(len(body)):
            if server.stopping.wait(interval):
                return
            conn.sendall(body[i : i + 1])

    return _closing(behave)


def trickle_head(server: HostileServer, body: bytes, interval: float = 0.3) -> Behaviour:
    """Send the status line and headers one byte every `interval` seconds, then the body.

    ``behave.sent`` counts the head bytes sent before the client hung up; ``behave.head_size``
    is the whole head's.
    """
    head = _head(200, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])

    def behave(conn: socket.socket, _: Seen) -> None:
        for byte in head:
            if server.stopping.wait(interval):
                return
            try:
                conn.sendall(bytes([byte]))
            except OSError:  # the client gave up and closed the connection
                return
            behave.sent += 1  # type: ignore[attr-defined]
        conn.sendall(body)

    behave.sent = 0  # type: ignore[attr-defined]
    behave.head_size = len(head)  # type: ignore[attr-defined]
    return _closing(behave)


def stall_then_answer(server: HostileServer, body: bytes, stall: float) -> Behaviour:
    """Send the headers and half the body, go silent for `stall` seconds, then the rest."""

    def behave(conn: socket.socket, _: Seen) -> None:
        head = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        half = len(body) // 2
        conn.sendall(_head(200, head) + body[:half])
        if not server.stopping.wait(stall):
            conn.sendall(body[half:])

    return _closing(behave)


def cut_body(body: bytes, sent: int) -> Behaviour:
    """Announce the whole body's Content-Length, send `sent` bytes of it, close (FIN)."""

    def behave(conn: socket.socket, _: Seen) -> None:
        head = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        conn.sendall(_head(200, head) + body[:sent])
        conn.shutdown(socket.SHUT_WR)

    return _closing(behave)


def reset_body(body: bytes, sent: int) -> Behaviour:
    """Like cut_body, but the connection is reset (RST) instead of closed."""

    def behave(conn: socket.socket, _: Seen) -> None:
        head = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        conn.sendall(_head(200, head) + body[:sent])
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()

    return _closing(behave)


def redirect(location: str, status: int = 302) -> Behaviour:
    return raw(status, b"", [("Location", location)])


_BOMBS: dict[int, bytes] = {}


def gzip_bomb(inflated: int) -> bytes:
    """`inflated` zero bytes, gzipped (about 1 KiB per MiB); cached per size."""
    if inflated not in _BOMBS:
        comp = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        chunk = bytes(1 << 20)
        parts = [comp.compress(chunk) for _ in range(inflated >> 20)]
        parts.append(comp.compress(bytes(inflated & ((1 << 20) - 1))))
        parts.append(comp.flush())
        _BOMBS[inflated] = b"".join(parts)
    return _BOMBS[inflated]


def gzipped(payload: Any) -> bytes:
    return gzip.compress(jsonlib.dumps(payload).encode())
