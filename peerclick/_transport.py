"""The outermost transport: typed errors and one log line per request.

It wraps the retry layer, so it sees each request's final answer. Every non-2xx status becomes its
typed error here, except 401, which belongs to SessionAuth (it renews the token and resends once).
Transport failures become APIConnectionError / APITimeoutError. Because this lives in the httpx
layer, every generated operation called through `pc.api` raises the same typed errors as the facade.
"""

from __future__ import annotations

import time

import httpx

from peerclick._logging import logger
from peerclick._response import raise_for_status
from peerclick.errors import APIConnectionError, APITimeoutError

__all__ = ["AsyncErrorTransport", "ErrorTransport"]

_AUTH_STATUS = 401


def _connection_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    where = f"{request.method} {request.url.path}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{where} timed out ({type(exc).__name__})", request=request)
    return APIConnectionError(f"{where} failed: {type(exc).__name__}: {exc}", request=request)


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
        if response.is_success or response.status_code == _AUTH_STATUS:
            return response
        try:
            response.read()
        finally:
            response.close()
        raise_for_status(response)
        return response

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
        if response.is_success or response.status_code == _AUTH_STATUS:
            return response
        try:
            await response.aread()
        finally:
            await response.aclose()
        raise_for_status(response)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
