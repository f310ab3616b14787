"""Serving a fake over real HTTP, on loopback only (stdlib `ThreadingHTTPServer`)."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import httpx

from peerclick.testing._http._fake import FakePeerClick
from peerclick.testing._wire import ApiError, error_body

__all__ = ["FakeServer", "serve_in_thread"]

logger = logging.getLogger("peerclick.testing")


def _loopback_address(host: str) -> str:
    """Resolve `host` and insist every address is loopback (the fake's auth protects nothing)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise ValueError(f"cannot resolve host {host!r}: {exc}") from exc
    addresses = [str(info[4][0]) for info in infos]
    if not addresses or not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise ValueError(f"the fake binds to loopback only; {host!r} resolves to {addresses}")
    return addresses[0]


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        host, port = self.server.server_address[:2]
        url = f"http://{_netloc(str(host), int(port))}{self.path}"
        request = httpx.Request(self.command, url, headers=list(self.headers.items()), content=body)
        try:
            outcome = self.server.fake.handle(request)
        except Exception:
            logger.exception("fake failed on %s %s", self.command, request.url.path)
            error = ApiError(500, "Internal error in the fake")
            self._send(500, httpx.Response(500, json=error_body(error, request_id="fake", time="")))
            return
        if outcome.delay > 0 and self.server.stopping.wait(outcome.delay):
            outcome = outcome.__class__(None, drop="read")
        if outcome.drop is not None or outcome.reply is None:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        reply = outcome.reply
        self._send(
            reply.status,
            httpx.Response(reply.status, headers=dict(reply.headers), content=reply.body),
        )

    def _send(self, status: int, response: httpx.Response) -> None:
        self.send_response(status)
        for name, value in response.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.content)))
        self.end_headers()
        self.wfile.write(response.content)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s " + format, self.address_string(), *args)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], fake: FakePeerClick) -> None:
        self.fake = fake
        self.stopping = threading.Event()
        super().__init__(address, _Handler)


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class FakeServer:
    """A `FakePeerClick` behind a loopback HTTP server, run in a background thread.

    Args:
        fake: The fake to serve (a fresh one by default).
        host: A loopback host: 127.0.0.1 (default), ::1 or localhost. Anything else is a ValueError.
        port: The port; 0 picks a free one (read `base_url` afterwards).
    """

    def __init__(
        self, fake: FakePeerClick | None = None, *, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.fake = fake or FakePeerClick()
        address = _loopback_address(host)
        cls = _HTTPServer6 if ":" in address else _HTTPServer
        self._server = cls((address, port), self.fake)
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:<port>`, without a version prefix."""
        host, port = self._server.server_address[:2]
        return f"http://{_netloc(str(host), int(port))}"

    def start(self) -> FakeServer:
        """Serve in a daemon thread; returns self."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="peerclick-fake", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake delayed handlers and close the socket."""
        self._server.stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@contextmanager
def serve_in_thread(
    fake: FakePeerClick | None = None, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[str]:
    """Serve `fake` over HTTP for the duration of a `with` block; yields the base URL."""
    with FakeServer(fake, host=host, port=port) as server:
        yield server.base_url
