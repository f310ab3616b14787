"""The innermost layer: send one attempt under a wall-clock deadline and read its body, capped.

Layers, outermost first (see `_client.py`)::

    SessionAuth (httpx.Auth)       token, login, one renewal on 401
    ErrorTransport                 closed check, origin check, typed errors, JSON parsed once
    RetryTransport                 resends what is safe (the body is read below it, so a reset
                                   mid-body is retried for idempotent methods)
    RateLimitTransport             permits
    BodyTransport (this module)    deadline per attempt, body read once, decompressed, capped
    httpx.HTTPTransport            sockets

Why it reads the body itself instead of letting httpx do it:

- A deadline: httpx timeouts bound each socket operation, so a body trickling one byte every
  0.3 s never times out. Here every attempt gets ``deadline = start + timeout``. Under httpx's
  own transport, every connect, write and read (headers included) is given only the time left
  (:mod:`peerclick._deadline_net`), so the deadline is exact; under another transport, the
  ``timeout`` extension is clamped to the time left when the body starts and the clock is
  checked after every chunk. The async twin also runs under ``anyio.fail_after``, which is exact.
- A size cap after decompression: httpx's gzip decoder inflates each network chunk whole, so 64 KiB
  of a gzip bomb become 64 MiB at once. Here zlib's ``max_length`` bounds every step, and a body
  that would exceed ``max_response_bytes`` is refused when the cap is crossed (memory stays within
  the cap plus one chunk).
- Bodies are read inside the retry layer, so a reset while reading is a transport error the retry
  policy can judge, and every response above this layer is fully read (a 401 included: SessionAuth
  never meets ``httpx.ResponseNotRead``).

The response handed up is a new, fully read ``httpx.Response`` without ``Content-Encoding`` (its
content is the decoded bytes). A broken encoding or an oversized body raises :class:`BadBody`,
which ErrorTransport turns into ResponseValidationError with the status and an excerpt.
"""

from __future__ import annotations

import datetime
import math
import time
import zlib
from collections.abc import Callable, Iterable
from typing import Any

import httpx

from peerclick import _deadline_net

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "AsyncBodyTransport",
    "BadBody",
    "BodyTransport",
    "attempt_deadline",
]

DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
_EXCERPT_BYTES = 200
_STEP = 1024 * 1024  # inflate at most this much per zlib call, so no buffer outgrows the cap


class BadBody(Exception):
    """The body could not be read as sent: a broken encoding, or larger than the cap."""

    def __init__(self, message: str, *, status_code: int, head: bytes) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.head = head  # the first bytes seen, for the error's excerpt


def attempt_deadline(request: httpx.Request) -> float | None:
    """Seconds one attempt may take in all: the largest of the request's httpx timeouts.

    None (no deadline) when there is no timeout, or when any part is None: `read=None` asks for
    reads without a bound, and a total deadline would contradict it.
    """
    timeouts = request.extensions.get("timeout")
    if not isinstance(timeouts, dict) or not timeouts:
        return None
    values = timeouts.values()
    try:  # one C call checks them all: None or a non-number raises, inf or nan sums to non-finite
        if not math.isfinite(math.fsum(values)):
            return None
    except TypeError:
        return None
    return float(max(values))


def _clamp_timeouts(request: httpx.Request, left: float | None) -> None:
    """Give every socket operation at most `left` seconds (httpcore reads this dict lazily)."""
    if left is None:
        return
    timeouts = request.extensions.get("timeout")
    if not isinstance(timeouts, dict):
        return
    left = max(left, 0.001)
    request.extensions["timeout"] = {
        k: (left if v is None else min(float(v), left)) for k, v in timeouts.items()
    }


class _Overflow(OverflowError):
    def __init__(self, head: bytes) -> None:
        super().__init__("over the cap")
        self.head = head


class _Decoder:
    """Content-Encoding undone step by step, never producing more than `cap` bytes."""

    def __init__(self, encodings: str, cap: int) -> None:
        self._cap = cap
        self._steps: list[Any] = []
        for raw in reversed([e.strip().lower() for e in encodings.split(",") if e.strip()]):
            if raw in ("gzip", "x-gzip"):
                self._steps.append(zlib.decompressobj(zlib.MAX_WBITS | 16))
            elif raw == "deflate":
                self._steps.append(_Deflate())
            # identity, and (as httpx does) unknown codings, pass through unchanged

    def feed(self, data: bytes, budget: int) -> bytes:
        """Decode `data`; OverflowError when that would produce more than `budget` bytes."""
        for step in self._steps:
            data = self._bounded(step, data, budget)
        return data

    def flush(self, budget: int) -> bytes:
        data = b""
        for step in self._steps:
            data = self._bounded(step, data, budget) + step.flush()
            if len(data) > budget:
                raise _Overflow(data[:_EXCERPT_BYTES])
            eof = getattr(step, "eof", True)
            if not eof:
                raise zlib.error("the compressed body ends early")
        return data

    @staticmethod
    def _bounded(step: Any, data: bytes, budget: int) -> bytes:
        out: list[bytes] = []
        size = 0
        while data:
            piece = step.decompress(data, min(_STEP, budget - size + 1))
            size += len(piece)
            if size > budget:
                raise _Overflow((out[0] if out else piece)[:_EXCERPT_BYTES])
            out.append(piece)
            data = step.unconsumed_tail
            if not piece and data:  # no progress with input left: corrupt
                raise zlib.error("the compressed body does not inflate")
        return b"".join(out)


class _Deflate:
    """zlib-wrapped deflate, or raw deflate when the first bytes say so (like httpx)."""

    def __init__(self) -> None:
        self._obj: Any = None
        self.unconsumed_tail = b""

    @property
    def eof(self) -> bool:
        return self._obj is None or bool(self._obj.eof)

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._obj is None:
            header = data[:2]
            is_zlib = len(header) == 2 and header[0] & 0x0F == 8
            is_zlib = is_zlib and int.from_bytes(header) % 31 == 0
            self._obj = zlib.decompressobj(zlib.MAX_WBITS if is_zlib else -zlib.MAX_WBITS)
        piece: bytes = self._obj.decompress(data, max_length)
        self.unconsumed_tail = self._obj.unconsumed_tail
        return piece

    def flush(self) -> bytes:
        return self._obj.flush() if self._obj is not None else b""


def _framing(headers: httpx.Headers) -> tuple[str, str]:
    """(Content-Encoding, Content-Length) in one pass over the raw headers (a ``get`` each
    would walk them twice; a small call's budget is counted in microseconds)."""
    encodings: list[str] = []
    length = ""
    for key, value in headers.raw:
        name = key.lower()
        if name == b"content-encoding":
            encodings.append(value.decode("latin-1"))
        elif name == b"content-length":
            length = value.decode("latin-1").strip()
    return ", ".join(encodings), length


class _Reader:
    """The I/O-free part of reading one body: decoding, the cap, the deadline check.

    A body without a Content-Encoding to undo (the common case) is only counted and kept; the
    first bytes for an error's excerpt are taken from it when an error needs them.
    """

    __slots__ = (
        "cap",
        "deadline",
        "decoded_head",
        "decoder",
        "decoding",
        "encoded",
        "head",
        "parts",
        "response",
        "size",
    )

    def __init__(self, response: httpx.Response, cap: int, deadline: float | None) -> None:
        self.response = response
        self.cap = cap
        self.deadline = deadline
        encoding, declared = _framing(response.headers)
        self.encoded = bool(encoding)
        self.decoder = _Decoder(encoding, cap) if encoding else None
        self.decoding = self.decoder is not None and bool(self.decoder._steps)
        self.parts: list[bytes] = []
        self.size = 0
        self.head = b""  # the first bytes as sent (for an encoding that does not decode)
        self.decoded_head = b""  # the first bytes after decoding (for a body over the cap)
        if not self.decoding and declared.isdigit() and int(declared) > cap:
            raise self._too_large()

    def _too_large(self, head: bytes = b"") -> BadBody:
        if not self.decoding:
            head = _first_bytes(self.parts) or head
        return BadBody(
            f"the response body is larger than max_response_bytes={self.cap}",
            status_code=self.response.status_code,
            head=self.decoded_head or head or self.head,
        )

    def check_deadline(self, now: float, request: httpx.Request) -> None:
        if self.deadline is not None and now >= self.deadline:
            raise httpx.ReadTimeout("the response took longer than the timeout", request=request)

    def read(self, stream: object, monotonic: Callable[[], float], request: httpx.Request) -> None:
        """Feed every chunk of a sync ``stream``, the deadline checked before and after each."""
        assert isinstance(stream, Iterable)
        self.check_deadline(monotonic(), request)
        for chunk in stream:
            self.feed(chunk)
            self.check_deadline(monotonic(), request)

    def feed(self, chunk: bytes) -> None:
        if not self.decoding:
            self.size += len(chunk)
            if self.size > self.cap:
                raise self._too_large(_first_bytes([*self.parts, chunk]))
            if chunk:
                self.parts.append(chunk)
            return
        if len(self.head) < _EXCERPT_BYTES:
            self.head += chunk[: _EXCERPT_BYTES - len(self.head)]
        assert self.decoder is not None
        try:
            data = self.decoder.feed(chunk, self.cap - self.size)
        except _Overflow as exc:
            raise self._too_large(exc.head) from None
        except zlib.error as exc:
            raise self._undecodable(exc) from None
        self._add(data)

    def _add(self, data: bytes) -> None:
        if len(self.decoded_head) < _EXCERPT_BYTES:
            self.decoded_head += data[: _EXCERPT_BYTES - len(self.decoded_head)]
        self.size += len(data)
        if self.size > self.cap:
            raise self._too_large()
        if data:
            self.parts.append(data)

    def _undecodable(self, exc: Exception) -> BadBody:
        coding = self.response.headers.get("content-encoding", "")
        return BadBody(
            f"the response body does not decode as Content-Encoding {coding!r} ({exc})",
            status_code=self.response.status_code,
            head=self.head,
        )

    def finish(self, request: httpx.Request) -> httpx.Response:
        if self.decoding:
            assert self.decoder is not None
            try:
                self._add(self.decoder.flush(self.cap - self.size))
            except _Overflow as exc:
                raise self._too_large(exc.head) from None
            except zlib.error as exc:
                raise self._undecodable(exc) from None
        parts, self.parts = self.parts, []
        content = parts[0] if len(parts) == 1 else b"".join(parts)
        if not self.encoded:
            return _filled(self.response, content, request)
        headers = [
            (k, v)
            for k, v in self.response.headers.multi_items()
            if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        headers.append(("content-length", str(len(content))))
        return httpx.Response(
            self.response.status_code,
            headers=headers,
            content=content,
            request=request,
            extensions=dict(self.response.extensions),
        )


def _first_bytes(parts: list[bytes]) -> bytes:
    """The first bytes of a body held in ``parts``, for an error's excerpt."""
    head = b""
    for part in parts:
        head += part[: _EXCERPT_BYTES - len(head)]
        if len(head) >= _EXCERPT_BYTES:
            break
    return head


def _filled(response: httpx.Response, content: bytes, request: httpx.Request) -> httpx.Response:
    """``response`` (its stream read and closed) made a read response holding ``content``.

    The headers stay true (nothing was decoded), so the response is kept rather than rebuilt:
    a new httpx.Response costs a fifth of a small call. ``_content`` is where httpx's own
    ``Response.read()`` keeps the body (httpx is pinned below 1.0); the stream is replaced so a
    later ``read()`` or ``iter_bytes()`` still works.
    """
    response.stream = httpx.ByteStream(content)
    response._content = content
    response.request = request
    return response


def _timed(response: httpx.Response, seconds: float) -> httpx.Response:
    """``response.elapsed`` set: httpx sets it when it closes the stream itself, and this layer
    closed it already (the body is read here), so it would otherwise raise on access."""
    response.elapsed = datetime.timedelta(seconds=max(0.0, seconds))
    return response


#: Bodies already in memory (httpx.MockTransport, a Response built with content=): no socket
#: read is left to bound, so the timeouts are not clamped for them.
_IN_MEMORY = (httpx.ByteStream,)


def _cap(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_response_bytes must be an int >= 1, got {value!r}")
    return value


class BodyTransport(httpx.BaseTransport):
    """Sends one attempt under its deadline and returns the response with its body read (sync)."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner
        self.max_response_bytes = _cap(max_response_bytes)
        self._monotonic = monotonic
        # httpx's own transport gets every socket operation bounded by the deadline (exact);
        # another transport keeps the per-read bound of the timeouts clamped below.
        # (A with_options copy borrows the original's transport: `lent` is the one it wraps.)
        self.exact_deadlines = _deadline_net.install(getattr(inner, "lent", inner))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # The budget is the largest timeout, so the timeouts need no clamp until time has passed.
        budget = attempt_deadline(request)
        monotonic = self._monotonic
        started = monotonic()
        if budget is None:
            deadline = token = None
        else:
            deadline = started + budget
            token = _deadline_net.enter(deadline, monotonic) if self.exact_deadlines else None
        try:
            response = self._inner.handle_request(request)
            try:
                reader = _Reader(response, self.max_response_bytes, deadline)
                stream = response.stream
                if token is None and deadline is not None and not isinstance(stream, _IN_MEMORY):
                    self._read_clamped(request, stream, reader)
                else:
                    reader.read(stream, monotonic, request)
            finally:  # before finish(), which swaps the stream: this one frees the connection
                response.close()
        finally:
            if token is not None:
                _deadline_net.leave(token)
        return _timed(reader.finish(request), monotonic() - started)

    def _read_clamped(self, request: httpx.Request, stream: object, reader: _Reader) -> None:
        """Another transport's stream: every read it makes gets at most the time left."""
        original = request.extensions.get("timeout")
        assert reader.deadline is not None
        try:
            _clamp_timeouts(request, reader.deadline - self._monotonic())
            reader.read(stream, self._monotonic, request)
        finally:  # the next attempt (a retry) starts from the caller's timeout again
            if original is not None:
                request.extensions["timeout"] = original

    def close(self) -> None:
        self._inner.close()


class AsyncBodyTransport(httpx.AsyncBaseTransport):
    """Async twin of :class:`BodyTransport`; the whole attempt also runs under anyio.fail_after."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        *,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner
        self.max_response_bytes = _cap(max_response_bytes)
        self._monotonic = monotonic

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        original = request.extensions.get("timeout")
        budget = attempt_deadline(request)
        try:
            if budget is None:
                return await self._attempt(request, None)
            import anyio  # here, not at import: only async clients need it

            with anyio.fail_after(budget):
                return await self._attempt(request, self._monotonic() + budget)
        except TimeoutError:
            raise httpx.ReadTimeout(
                "the response took longer than the timeout", request=request
            ) from None
        finally:  # the next attempt (a retry) starts from the caller's timeout again
            if original is not None:
                request.extensions["timeout"] = original

    async def _attempt(self, request: httpx.Request, deadline: float | None) -> httpx.Response:
        started = self._monotonic()
        response = await self._inner.handle_async_request(request)
        try:
            reader = _Reader(response, self.max_response_bytes, deadline)
            if deadline is not None:
                _clamp_timeouts(request, deadline - self._monotonic())
            async for chunk in response.stream:  # type: ignore[union-attr]
                reader.feed(chunk)
                reader.check_deadline(self._monotonic(), request)
        finally:
            await response.aclose()
        return _timed(reader.finish(request), self._monotonic() - started)

    async def aclose(self) -> None:
        await self._inner.aclose()
