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
from typing import TYPE_CHECKING, Any, TypeVar, overload

import httpx

from peerclick._extensions import PARSED_JSON
from peerclick.resources._base import Answer, Operation, parse_with, send_async, send_sync

if TYPE_CHECKING:
    from peerclick._protocols import AsyncPeerClickLike as AsyncPeerClick
    from peerclick._protocols import PeerClickLike as PeerClick

__all__ = ["fetch_async", "fetch_sync"]

T = TypeVar("T")
# `build` gets the parsed JSON body: Any, as json.loads gives it; builders check what they use.
Build = Callable[[Any], T]


@cache
def _positional(get_kwargs: Callable[..., object]) -> tuple[str, ...]:
    """Names of a generated operation's path parameters (positional in its `_get_kwargs`)."""
    return tuple(
        p.name
        for p in inspect.signature(get_kwargs).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    )


def _unhook(answer: Answer) -> Answer:
    """Free each page as soon as its result is built, not when the garbage collector runs.

    httpx leaves a read response in a reference cycle with its bound stream (the stream keeps
    the response to stamp `elapsed`). Swapping in a plain stream over the same bytes breaks that
    cycle, and taking the parsed body off the response leaves it to the result built from it:
    page after page, body, bytes and response are freed by reference counting, so memory stays
    flat while iterating (measured: 68 MB of peak RSS growth over 1,000,000 rows without this,
    7 MB with it, as much as a bare httpx loop).
    """
    response = answer.response
    response.extensions.pop(PARSED_JSON, None)
    response.stream = httpx.ByteStream(response.content)
    return answer


def _params(
    op: Operation, args: tuple[object, ...], params: dict[str, object]
) -> dict[str, object]:
    if args:
        positional = dict(zip(_positional(op._get_kwargs), args, strict=True))
        if params:
            positional.update(params)
        return positional
    return params


@overload
def fetch_sync(
    client: PeerClick,
    op: Operation,
    build: Build[T],
    what: str,
    /,
    *args: object,
    lane: str | None = None,
    **params: object,
) -> T: ...
@overload
def fetch_sync(
    client: PeerClick,
    op: Operation,
    build: None,
    what: str,
    /,
    *args: object,
    lane: str | None = None,
    **params: object,
) -> None: ...
def fetch_sync(
    client: PeerClick,
    op: Operation,
    build: Build[T] | None,
    what: str,
    /,
    *args: object,
    lane: str | None = None,
    **params: object,
) -> T | None:
    """Call `op` (a generated operation module) and return `build(body)`; None when build is.

    `args` are the operation's path parameters in order (an entity id), `params` the rest;
    `lane="low"` for bulk work (see `send_sync`).
    """
    answer = _unhook(send_sync(client, op, lane=lane, **_params(op, args, params)))
    if build is None:
        return None
    return parse_with(answer, build, what=what)


@overload
async def fetch_async(
    client: AsyncPeerClick,
    op: Operation,
    build: Build[T],
    what: str,
    /,
    *args: object,
    lane: str | None = None,
    **params: object,
) -> T: ...
@overload
async def fetch_async(
    client: AsyncPeerClick,
    op: Operation,
    build: None,
    what: str,
    /,
    *args: object,
    lane: str | None = None,
    **params: object,
) -> None: ...
async def fetch_async(
    client: AsyncPeerClick,
    op: Operation,
    build: Build[T] | None,
    what: str,
    /,
    *args: object,
    lane: str | None = None,
    **params: object,
) -> T | None:
    """Async twin of `fetch_sync`."""
    answer = _unhook(await send_async(client, op, lane=lane, **_params(op, args, params)))
    if build is None:
        return None
    return parse_with(answer, build, what=what)
