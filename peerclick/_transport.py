"""The outermost transport: typed errors and one log line per request.

It wraps the retry layer, so it sees each request's final answer. Every non-2xx status becomes its
typed error here, except 401, which belongs to SessionAuth (it renews the token and resends once).
Transport failures become APIConnectionError / APITimeoutError. Because this lives in the httpx
layer, every generated operation called through `pc.api` raises the same typed errors as the facade.
"""

from __future__ import annotations

import contextvars
import json
import time

import httpx

from peerclick._logging import logger
from peerclick._response import raise_for_status
from peerclick.errors import APIConnectionError, APITimeoutError, ResponseValidationError, excerpt

__all__ = [
    "FACADE_EXTENSION",
    "LAST_RESPONSE",
    "PARSED_JSON",
    "AsyncErrorTransport",
    "ErrorTransport",
]

# Where the checked body is kept on the response, so the facade does not parse it a second time.
PARSED_JSON = "peerclick.parsed_json"
# Marks a request sent by the facade (send_sync/send_async): it takes any 2xx JSON, even empty.
FACADE_EXTENSION = "peerclick.facade"

# The last answer seen in this thread or task, so that a generated parser failing on it can be
# reported with its status and body (resources/_base.py reads it).
LAST_RESPONSE: contextvars.ContextVar[httpx.Response | None] = contextvars.ContextVar(
    "peerclick_last_response", default=None
)

_AUTH_STATUS = 401


def _connection_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    where = f"{request.method} {request.url.path}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{where} timed out ({type(exc).__name__})", request=request)
    return APIConnectionError(f"{where} failed: {type(exc).__name__}: {exc}", request=request)


def _check_json(response: httpx.Response, request: httpx.Request) -> None:
    """A 2xx body must be JSON (or empty): HTML from a proxy or a cut-off body is an error here,
    with status and excerpt, instead of a JSONDecodeError deep inside the generated parser."""
    content = response.content
    if not content.strip():
        return
    try:
        response.extensions[PARSED_JSON] = json.loads(content)
    except ValueError:
        text = response.text
        raise ResponseValidationError(
            f"{request.method} {request.url.path} answered {response.status_code} with a body "
            f"that is not JSON: {excerpt(text)}",
            status_code=response.status_code,
            body=text,
            request=request,
        ) from None


def _finish(response: httpx.Response, request: httpx.Request) -> httpx.Response:
    """The I/O-free rest of both twins, once the body is read: a 2xx passes (its JSON checked and
    kept), anything else raises its typed error."""
    response.request = request
    if not response.is_success:
        raise_for_status(response)
    LAST_RESPONSE.set(response)
    _check_json(response, request)
    return response


def _log(request: httpx.Request, status: int | str, started: float) -> None:
    logger.info(
        "%s %s -> %s in %.3fs",
        request.method,
        request.url.path,
        status,
        time.perf_counter() - started,
    )


class ErrorTransport(httpx.BaseTransport):
    """Maps statuses (but 401) and transport failures to peerclick.errors."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = self._inner.handle_request(request)
        except httpx.TransportError as exc:
            _log(request, type(exc).__name__, started)
            raise _connection_error(exc, request) from exc
        _log(request, response.status_code, started)
        if response.status_code == _AUTH_STATUS:
            return response
        try:
            response.read()
        finally:
            response.close()
        return _finish(response, request)

    def close(self) -> None:
        self._inner.close()


class AsyncErrorTransport(httpx.AsyncBaseTransport):
    """Async twin of ErrorTransport."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.TransportError as exc:
            _log(request, type(exc).__name__, started)
            raise _connection_error(exc, request) from exc
        _log(request, response.status_code, started)
        if response.status_code == _AUTH_STATUS:
            return response
        try:
            await response.aread()
        finally:
            await response.aclose()
        return _finish(response, request)

    async def aclose(self) -> None:
        await self._inner.aclose()
