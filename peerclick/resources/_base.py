"""What every resource shares: the client it talks through, id checks, and the one way back.

The way out and back (contract C1): a resource calls :func:`send_sync` / :func:`send_async` with a
generated operation module and its parameters. The request is built by that module's own
`_get_kwargs`, sent through the wired httpx client (auth, limits, retries, typed errors), and the
:class:`Answer` holds the body the transport read and parsed once. The resource then builds its
result with :func:`parse_with` (around the generated `from_dict` or a facade checker: only the
errors of that build become ResponseValidationError) or takes :func:`json_object`. Error statuses
never reach a resource: the transport has raised the typed error already.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs
import httpx

from peerclick._extensions import FACADE_EXTENSION, parsed_json
from peerclick._limits import PRIORITY_EXTENSION
from peerclick._redact import redact_request
from peerclick.errors import ClientClosedError, ResponseValidationError, excerpt
from peerclick_api.types import UNSET, Unset

if TYPE_CHECKING:  # Protocols, not peerclick._client: the resources never import their client
    from peerclick._protocols import AsyncPeerClickLike as AsyncPeerClick
    from peerclick._protocols import PeerClickLike as PeerClick

__all__ = [
    "UNSET",
    "Answer",
    "AsyncResource",
    "Operation",
    "SyncResource",
    "camel",
    "check_id",
    "check_ids",
    "json_object",
    "opt",
    "parse_with",
    "send_async",
    "send_sync",
]

T = TypeVar("T")
_CAMEL_SPLIT = re.compile(r"_([a-z0-9])")


class Operation(Protocol):
    """A generated operation module (`peerclick_api.api.offer.get_offer`), as the facade uses it.

    Only its request builder is used: the facade sends through the wired httpx client itself and
    builds results from the parsed body, so the generated `sync_detailed` is never called. The
    builder's parameters differ per operation (path parameters positional, the rest keywords),
    hence `...`: `_io._params` maps positional ids onto them by name.
    """

    _get_kwargs: Callable[..., dict[str, Any]]


class SyncResource:
    """Base of the synchronous resources: holds the client whose `api` carries every call."""

    def __init__(self, client: PeerClick) -> None:
        self._client = client

    @property
    def _wall_clock(self) -> Callable[[], float] | None:
        """The client's ``clock=`` (epoch seconds) if it was given one: "now" for defaults."""
        return self._client._setup.wall_clock


class AsyncResource:
    """Base of the asynchronous resources."""

    def __init__(self, client: AsyncPeerClick) -> None:
        self._client = client

    @property
    def _wall_clock(self) -> Callable[[], float] | None:
        """The client's ``clock=`` (epoch seconds) if it was given one: "now" for defaults."""
        return self._client._setup.wall_clock


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


@attrs.frozen
class Answer:
    """A 2xx answer: its status, the JSON body parsed once by the transport, the response.

    Attributes:
        status_code: the HTTP status (always 2xx: error statuses raise before this).
        body: the parsed JSON; None for an empty body.
        response: the httpx response, its `.request` as sent (internal, never handed to
            callers; errors built from an Answer carry a redacted copy).
    """

    status_code: int
    body: Any = attrs.field(repr=False)
    response: httpx.Response = attrs.field(repr=False)

    @property
    def method(self) -> str:
        return self.response.request.method

    @property
    def path(self) -> str:
        return self.response.request.url.path


def _check_open(client: PeerClick | AsyncPeerClick) -> None:
    if getattr(client, "_closed", False):
        raise ClientClosedError(f"this {type(client).__name__} is closed; create a new client")


def _request_kwargs(
    client: PeerClick | AsyncPeerClick,
    operation: Operation,
    params: dict[str, object],
    lane: str | None,
) -> dict[str, Any]:
    kwargs = operation._get_kwargs(**params)
    kwargs["method"] = str(kwargs["method"]).upper()
    extensions: dict[str, object] = {FACADE_EXTENSION: True}
    if lane is not None and not client._setup.priority_chosen:
        extensions[PRIORITY_EXTENSION] = lane  # bulk work's default lane; a chosen one wins
    kwargs["extensions"] = extensions
    return kwargs


def _answer(response: httpx.Response) -> Answer:
    # The transport parsed the body and checked its envelope. The request stays as sent: an
    # Answer is internal (resources build their results from its body and drop it), and every
    # error built from one carries a redacted copy; a copy on every success cost a fifth of a
    # call's time.
    return Answer(response.status_code, parsed_json(response), response)


def send_sync(
    client: PeerClick, operation: Operation, /, *, lane: str | None = None, **params: object
) -> Answer:
    """Send one generated operation (built by its `_get_kwargs(**params)`) and get its Answer.

    Raises the typed errors of the transport (APIError and subclasses, APIConnectionError,
    ResponseValidationError for a body that is not JSON) and ClientClosedError after close().
    `lane="low"` queues bulk work (iterators, exports) behind interactive calls, unless the
    client was given a priority with `with_options(priority=...)`.
    """
    _check_open(client)
    kwargs = _request_kwargs(client, operation, params, lane)
    return _answer(client.api.get_httpx_client().request(**kwargs))


async def send_async(
    client: AsyncPeerClick, operation: Operation, /, *, lane: str | None = None, **params: object
) -> Answer:
    """Async twin of :func:`send_sync`."""
    _check_open(client)
    kwargs = _request_kwargs(client, operation, params, lane)
    return _answer(await client.api.get_async_httpx_client().request(**kwargs))


def _validation_error(
    answer: Answer, message: str, *, body: object = None
) -> ResponseValidationError:
    return ResponseValidationError(
        f"{answer.method} {answer.path} answered {answer.status_code}: {message}",
        status_code=answer.status_code,
        body=answer.body if body is None else body,
        request=redact_request(answer.response.request),
    )


def _as_sent(answer: Answer) -> object:
    """The body as the server sent it, parsed again: a builder may have consumed the parse
    (`builder(consume=True)` takes keys out of it), and an error must show what came."""
    try:
        return json.loads(answer.response.content.decode("utf-8-sig"))
    except ValueError:  # UnicodeDecodeError included; the transport parsed it, so not expected
        return answer.body


def parse_with(answer: Answer, build: Callable[[Any], T], *, what: str) -> T:
    """`build(answer.body)`; a KeyError/TypeError/ValueError/AttributeError it raises becomes
    ResponseValidationError with the status, an excerpt of the body, the method and the path."""
    try:
        return build(answer.body)
    except _PARSE_ERRORS as exc:
        sent = _as_sent(answer)
        raise _validation_error(
            answer,
            f"{what}: the body does not match the spec ({type(exc).__name__}: {exc}); "
            f"body: {excerpt(sent)}",
            body=sent,
        ) from None


def json_object(answer: Answer, *, what: str) -> dict[str, Any]:
    """The body as a JSON object, or ResponseValidationError (empty, null, a list, text)."""
    body = answer.body
    if isinstance(body, dict):
        return body
    kind = "an empty body" if body is None else f"JSON {type(body).__name__}, not an object"
    raise _validation_error(answer, f"{what}: expected a JSON object, got {kind}")
