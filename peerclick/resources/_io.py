"""The resources' one way to call a generated operation and build their result from its answer.

`fetch_sync` / `fetch_async` send through the client's wired httpx client (auth, budget, retries,
typed errors) and hand the answer's parsed JSON to `build`, a pure function that raises
TypeError/ValueError/KeyError on a body it cannot use; those, and only those, become
`ResponseValidationError` with the status, method, path and an excerpt of the body.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from peerclick.errors import ResponseValidationError, excerpt
from peerclick.resources._base import answer_body, call_async, call_sync

if TYPE_CHECKING:
    from peerclick._client import AsyncPeerClick, PeerClick

__all__ = ["fetch_async", "fetch_sync"]

T = TypeVar("T")
_PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError)


def _where(op: ModuleType, args: tuple[Any, ...], params: dict[str, Any]) -> tuple[str, str]:
    kwargs = op._get_kwargs(*args, **params)
    return str(kwargs["method"]).upper(), str(kwargs["url"])


def _build(
    build: Callable[[Any], T], body: Any, status: int, method: str, path: str, what: str
) -> T:
    try:
        return build(body)
    except _PARSE_ERRORS as exc:
        raise ResponseValidationError(
            f"{method} {path} answered {status} with a body that is not a valid answer to "
            f"{what}: {exc}: {excerpt(body)}",
            status_code=status,
            body=body,
        ) from None


def fetch_sync(
    client: PeerClick,
    op: ModuleType,
    build: Callable[[Any], T] | None,
    what: str,
    /,
    *args: Any,
    **params: Any,
) -> T:
    """Call `op` (a generated operation module) and return `build(body)`; None when build is."""
    answer = call_sync(op.sync_detailed, *args, client=client.api, **params)
    method, path = _where(op, args, params)
    body = answer_body(answer, method, path, allow_empty=build is None)
    if build is None:
        return None  # type: ignore[return-value]
    return _build(build, body, int(answer.status_code), method, path, what)


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
    answer = await call_async(op.asyncio_detailed, *args, client=client.api, **params)
    method, path = _where(op, args, params)
    body = answer_body(answer, method, path, allow_empty=build is None)
    if build is None:
        return None  # type: ignore[return-value]
    return _build(build, body, int(answer.status_code), method, path, what)
