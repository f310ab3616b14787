"""The outermost transport: closed check, origin check, typed errors, the body parsed once.

It wraps the retry layer, so it sees each request's final answer, already read by
``_body.BodyTransport`` below the retries (see that module for the whole stack). Here:

- after ``close()`` every request raises ClientClosedError before anything is sent (the client
  closes the layers below instead of the httpx client, whose own check would raise a bare
  RuntimeError before any transport runs);
- a request to another origin than the base URL's never carries the ``api-token`` (SessionAuth
  does not add it; this layer removes it again, whatever added it);
- every non-2xx status becomes its typed error, built from the redacted request and the real
  response, with known secrets scrubbed from the vendor's text; except a 401 on a request
  SessionAuth signed, which goes back to it (it renews the token and resends once);
- transport failures become APIConnectionError / APITimeoutError, a broken or oversized body
  ResponseValidationError;
- a 2xx body is decoded (UTF-8) and JSON-parsed once; the parse rides on the response
  (``response.extensions[PARSED_JSON]``) for the facade; an error envelope
  (``{"status": 500, "description": ...}``) on a 2xx raises its typed error.

Bodies that are not a JSON object, through ``pc.api`` (the generated client parses them with
``Model.from_dict(response.json())``): an empty 2xx body is a success without content and is handed
on as ``{}``, so the generated parser returns an empty model instead of raising JSONDecodeError;
``null``, a list or a scalar raise ResponseValidationError (status and excerpt) instead of a
TypeError deep in the generated code. The facade (requests marked FACADE_EXTENSION) gets any JSON
value and an empty body as ``None``; its resources check the shape themselves.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import attrs
import httpx

from peerclick._body import BadBody
from peerclick._extensions import AUTH_EXTENSION, FACADE_EXTENSION, PARSED_JSON
from peerclick._gc import LARGE_BODY_BYTES, collector_paused
from peerclick._logging import logger
from peerclick._redact import Secrets, redact_request
from peerclick._response import check_envelope, retry_after_seconds
from peerclick.errors import (
    APIConnectionError,
    APITimeoutError,
    ClientClosedError,
    ResponseValidationError,
    error_for_response,
    excerpt,
)

__all__ = [
    "AUTH_EXTENSION",
    "FACADE_EXTENSION",
    "PARSED_JSON",
    "AsyncErrorTransport",
    "ErrorTransport",
    "WireState",
    "origin_of",
]

_AUTH_STATUS = 401
_NO_CONTENT = 204
_BOM = b"\xef\xbb\xbf"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: httpx.URL) -> tuple[str, str, int]:
    """(scheme, host, port) with the scheme's default port filled in."""
    return (url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme, 0))


@attrs.define
class WireState:
    """What the transport layers of one client share: its origin, its secrets, closed or not."""

    origin: tuple[str, str, int]
    secrets: Secrets = attrs.field(factory=Secrets)
    closed: bool = False
    name: str = "PeerClick"


def _connection_error(
    exc: httpx.TransportError, request: httpx.Request, state: WireState
) -> APIConnectionError:
    where = f"{request.method} {request.url.path}"
    detail = state.secrets.scrub(str(exc)) or type(exc).__name__
    safe = redact_request(request)
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{where} timed out ({type(exc).__name__}: {detail})", request=safe)
    return APIConnectionError(f"{where} failed: {type(exc).__name__}: {detail}", request=safe)


def _bad_body(exc: BadBody, request: httpx.Request, state: WireState) -> ResponseValidationError:
    head = state.secrets.scrub(exc.head.decode("utf-8", errors="replace"))
    return ResponseValidationError(
        f"{request.method} {request.url.path} answered {exc.status_code}: {exc}; "
        f"starts with: {excerpt(head)}",
        status_code=exc.status_code,
        body=head,
        request=redact_request(request),
    )


def _not_json(
    response: httpx.Response, request: httpx.Request, state: WireState, what: str, text: str
) -> ResponseValidationError:
    clean = state.secrets.scrub(text[:4096])
    return ResponseValidationError(
        f"{request.method} {request.url.path} answered {response.status_code} with {what}: "
        f"{excerpt(clean)}",
        status_code=response.status_code,
        body=clean,
        request=redact_request(request),
    )


def _parse(
    content: bytes, response: httpx.Response, request: httpx.Request, state: WireState
) -> Any:
    try:
        # bytes.decode("utf-8") is a C call; "utf-8-sig" goes through a Python codec each time
        text = content.decode("utf-8-sig" if content.startswith(_BOM) else "utf-8")
    except UnicodeDecodeError:
        raise _not_json(
            response, request, state, "a body that is not UTF-8", content.decode("latin-1")
        ) from None
    try:
        if len(text) < LARGE_BODY_BYTES:
            return json.loads(text)
        with collector_paused():
            return json.loads(text)
    except RecursionError:
        raise _not_json(response, request, state, "JSON nested too deeply", text) from None
    except ValueError:
        raise _not_json(response, request, state, "a body that is not JSON", text) from None


def _kind(body: Any) -> str:
    return "null" if body is None else f"a JSON {type(body).__name__}"


def _finish(response: httpx.Response, request: httpx.Request, state: WireState) -> httpx.Response:
    """The I/O-free rest of both twins, once the body is read."""
    response.request = request
    status = response.status_code
    if not 200 <= status < 300:
        if status == _AUTH_STATUS and request.extensions.get(AUTH_EXTENSION):
            return response  # SessionAuth's to handle (renew once, or raise AuthenticationError)
        raise error_for_response(
            response,
            retry_after=retry_after_seconds(response),
            request=redact_request(request),
            scrub=state.secrets.scrub,
        )
    facade = bool(request.extensions.get(FACADE_EXTENSION))
    content = response.content
    if not content or content.isspace():  # no copy of a large body
        response.extensions[PARSED_JSON] = None
        if facade or status == _NO_CONTENT:
            return response
        # pc.api: an empty success, made parseable for the generated `from_dict(response.json())`
        return httpx.Response(
            status,
            headers=[(k, v) for k, v in response.headers.multi_items() if k != "content-length"],
            content=b"{}",
            request=request,
            extensions=response.extensions,
        )
    body = _parse(content, response, request, state)
    if isinstance(body, dict):
        if "status" in body or "description" in body:  # an envelope to check (redacted on raise)
            check_envelope(response, body, request=request, scrub=state.secrets.scrub)
    elif not facade:
        raise _not_json(
            response, request, state, f"{_kind(body)} where an object was expected", response.text
        )
    response.extensions[PARSED_JSON] = body
    return response


def _prepare(request: httpx.Request, state: WireState, closed: bool) -> None:
    if closed or state.closed:
        raise ClientClosedError(f"this {state.name} is closed; create a new client")
    if origin_of(request.url) != state.origin:
        for name in ("api-token", "authorization", "cookie"):
            request.headers.pop(name, None)


def _log(request: httpx.Request, status: int | str, started: float) -> None:
    if not logger.isEnabledFor(logging.INFO):  # the arguments cost more than the check
        return
    logger.info(
        "%s %s -> %s in %.3fs",
        request.method,
        request.url.path,
        status,
        time.perf_counter() - started,
    )


class ErrorTransport(httpx.BaseTransport):
    """Typed errors, the origin rule and the closed check around the retry layer (sync)."""

    def __init__(self, inner: httpx.BaseTransport, state: WireState) -> None:
        self._inner = inner
        self.state = state
        self.closed = False  # this client only (a with_options copy); state.closed: all of them

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _prepare(request, self.state, self.closed)
        started = time.perf_counter()
        try:
            response = self._inner.handle_request(request)
        except httpx.TransportError as exc:
            _log(request, type(exc).__name__, started)
            raise _connection_error(exc, request, self.state) from None
        except BadBody as exc:
            _log(request, exc.status_code, started)
            raise _bad_body(exc, request, self.state) from None
        _log(request, response.status_code, started)
        return _finish(response, request, self.state)

    def close(self) -> None:
        self._inner.close()


class AsyncErrorTransport(httpx.AsyncBaseTransport):
    """Async twin of ErrorTransport."""

    def __init__(self, inner: httpx.AsyncBaseTransport, state: WireState) -> None:
        self._inner = inner
        self.state = state
        self.closed = False  # this client only (a with_options copy); state.closed: all of them

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        _prepare(request, self.state, self.closed)
        started = time.perf_counter()
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.TransportError as exc:
            _log(request, type(exc).__name__, started)
            raise _connection_error(exc, request, self.state) from None
        except BadBody as exc:
            _log(request, exc.status_code, started)
            raise _bad_body(exc, request, self.state) from None
        _log(request, response.status_code, started)
        return _finish(response, request, self.state)

    async def aclose(self) -> None:
        await self._inner.aclose()
