"""What every resource shares: the client it talks through, id checks, and response unwrapping.

Resources call the generated operations' `sync_detailed` / `asyncio_detailed` (the only I/O)
through `call_sync` / `call_async`, and hand the answer to `answer_body`. Error statuses never
reach a resource: the transport stack has raised the typed error already.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import httpx

from peerclick._response import check_envelope, json_object
from peerclick._transport import LAST_RESPONSE, PARSED_JSON
from peerclick.errors import ResponseValidationError, parse_body
from peerclick_api.types import UNSET, Response, Unset

if TYPE_CHECKING:
    from peerclick._client import AsyncPeerClick, PeerClick

__all__ = [
    "UNSET",
    "AsyncResource",
    "SyncResource",
    "answer_body",
    "as_httpx",
    "call_async",
    "call_sync",
    "camel",
    "check_id",
    "check_ids",
    "opt",
]

T = TypeVar("T")
_CAMEL_SPLIT = re.compile(r"_([a-z0-9])")


class SyncResource:
    """Base of the synchronous resources: holds the client whose `api` carries every call."""

    def __init__(self, client: PeerClick) -> None:
        self._client = client

    @property
    def _api(self) -> Any:
        return self._client.api


class AsyncResource:
    """Base of the asynchronous resources."""

    def __init__(self, client: AsyncPeerClick) -> None:
        self._client = client

    @property
    def _api(self) -> Any:
        return self._client.api


def check_id(value: object, name: str) -> int:
    """A PeerClick id: a positive int (bools and numeric strings are refused, not guessed at)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int id, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be a positive id, got {value}")
    return value


def check_ids(values: object, name: str) -> list[int]:
    """A non-empty list of ids (a single int is accepted as a list of one)."""
    if isinstance(values, int) and not isinstance(values, bool):
        return [check_id(values, name)]
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be an id or a list of ids, got {type(values).__name__}")
    ids = [check_id(v, name) for v in values]
    if not ids:
        raise ValueError(f"{name} must not be empty")
    return ids


def opt(value: T | None) -> T | Unset:
    """None means 'not sent' to the generated functions."""
    return UNSET if value is None else value


def camel(name: str) -> str:
    """snake_case attribute name -> the API's camelCase key (workspace_id -> workspaceId)."""
    return _CAMEL_SPLIT.sub(lambda m: m.group(1).upper(), name)


_PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError)


def _parse_failure(exc: Exception) -> ResponseValidationError:
    response = LAST_RESPONSE.get()
    where = ""
    status = body = request = None
    if response is not None:
        status, request = response.status_code, response.request
        body = parse_body(response)
        where = f"{request.method} {request.url.path} answered {status}: "
    return ResponseValidationError(
        f"{where}the body does not match the spec ({type(exc).__name__}: {exc})",
        status_code=status,
        body=body,
        request=request,
    )


def _empty_answer() -> Response[Any] | None:
    """A 2xx with an empty body (seen on deletes and logouts) is a success with nothing to parse,
    although the generated parser, expecting the spec's JSON, fails on it."""
    response = LAST_RESPONSE.get()
    if response is None or not response.is_success or response.content.strip():
        return None
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=b"",
        headers=response.headers,
        parsed=None,
    )


def _raise(exc: Exception) -> NoReturn:
    raise _parse_failure(exc) from None


def call_sync(operation: Callable[..., Response[Any]], *args: Any, **kwargs: Any) -> Response[Any]:
    """Run a generated `sync_detailed`; a body its parser chokes on becomes ResponseValidationError.

    (Error statuses never get here: the transport stack has raised their typed errors.)
    """
    LAST_RESPONSE.set(None)
    try:
        return operation(*args, **kwargs)
    except _PARSE_ERRORS as exc:
        return _empty_answer() or _raise(exc)


async def call_async(
    operation: Callable[..., Awaitable[Response[Any]]], *args: Any, **kwargs: Any
) -> Response[Any]:
    """Async twin of `call_sync`, for a generated `asyncio_detailed`."""
    LAST_RESPONSE.set(None)
    try:
        return await operation(*args, **kwargs)
    except _PARSE_ERRORS as exc:
        return _empty_answer() or _raise(exc)


def as_httpx(answer: Response[Any], method: str, path: str) -> httpx.Response:
    """The generated Response as an httpx.Response that knows its request, for error messages."""
    return httpx.Response(
        int(answer.status_code),
        content=answer.content,
        headers=dict(answer.headers),
        request=httpx.Request(method, path),
    )


def answer_body(
    answer: Response[Any], method: str, path: str, *, allow_empty: bool = False
) -> dict[str, Any]:
    """The whole JSON object of a 2xx answer (envelope checked); `{}` for an allowed empty body."""
    if allow_empty and not answer.content.strip():
        return {}
    last = LAST_RESPONSE.get()
    if last is not None and last.content is answer.content and PARSED_JSON in last.extensions:
        # The transport parsed this very body already (same bytes object): reuse it.
        response = last
        cached: object = last.extensions[PARSED_JSON]
        body = cached if isinstance(cached, dict) else json_object(response)
    else:
        response = as_httpx(answer, method, path)
        body = json_object(response)
    check_envelope(response, body)
    return body
