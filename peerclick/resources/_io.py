"""The resources' one way to call a generated operation and build their result (contract C1).

`fetch_sync` / `fetch_async` send through `send_sync` / `send_async` (the wired httpx client:
auth, budget, retries, typed errors; the body read and parsed once by the transport) and hand the
parsed JSON to `build` through `parse_with`: a TypeError/ValueError/KeyError raised by `build`,
and only by it, becomes ResponseValidationError with the status, method, path and an excerpt.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from peerclick._transport import PARSED_JSON
from peerclick.resources._base import Answer, parse_with, send_async, send_sync

if TYPE_CHECKING:
    from peerclick._client import AsyncPeerClick, PeerClick

__all__ = ["fetch_async", "fetch_sync"]

T = TypeVar("T")


@cache
def _positional(op: ModuleType) -> tuple[str, ...]:
    """Names of a generated operation's path parameters (positional in its `_get_kwargs`)."""
    return tuple(
        p.name
        for p in inspect.signature(op._get_kwargs).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    )


def _unhook(answer: Answer) -> Answer:
    """Detach the parsed body from the httpx response, which httpx keeps in a reference cycle
    (response <-> its bound stream): the body then dies with the result built from it, page by
    page, instead of waiting for the garbage collector (memory stays flat while iterating)."""
    answer.response.extensions.pop(PARSED_JSON, None)
    return answer


def _params(op: ModuleType, args: tuple[Any, ...], params: dict[str, Any]) -> dict[str, Any]:
    if args:
        params = {**dict(zip(_positional(op), args, strict=True)), **params}
    return params


def fetch_sync(
    client: PeerClick,
    op: ModuleType,
    build: Callable[[Any], T] | None,
    what: str,
    /,
    *args: Any,
    **params: Any,
) -> T:
    """Call `op` (a generated operation module) and return `build(body)`; None when build is.

    `args` are the operation's path parameters in order (an entity id), `params` the rest.
    """
    answer = _unhook(send_sync(client, op, **_params(op, args, params)))
    if build is None:
        return None  # type: ignore[return-value]
    return parse_with(answer, build, what=what)


async def fetch_async(
    client: AsyncPeerClick,
    op: ModuleType,
    build: Callable[[Any], T] | None,
    what: str,
    /,
    *args: Any,
    **params: Any,
) -> T:
    """Async twin of `fetch_sync`."""
    answer = _unhook(await send_async(client, op, **_params(op, args, params)))
    if build is None:
        return None  # type: ignore[return-value]
    return parse_with(answer, build, what=what)
