"""``pc.with_options(...)``: a copy of a client with other per-call options (openai-python's idiom).

The copy shares what belongs to the account and the process: the connection pool (the innermost
transport, borrowed, so closing the copy leaves it open), the session token (the same
``SessionAuth``) and the budget (the same ``RateLimiter``). It gets its own outer layers, so it can
differ in priority lane, timeout and retries. Closing the original closes the shared pool; the
copies end with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import httpx

from peerclick._lanes import check_lane

__all__ = ["NOT_GIVEN", "copy_with_options"]

C = TypeVar("C")


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()
"""Marks an option left as it is (``timeout=None`` means "no timeout")."""


class _Borrowed(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner
        self.lent = inner  # what the layers look at (httpx's own transport gets exact deadlines)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._inner.handle_request(request)

    def close(self) -> None:
        """Not ours to close: the original client owns the pool."""


class _AsyncBorrowed(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner
        self.lent = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Not ours to close: the original client owns the pool."""


def copy_with_options(
    client: C,
    wrap: Callable[[Any, Any], Any],
    *,
    priority: str | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int | None,
) -> C:
    """The copy; ``wrap(inner, setup)`` builds the client flavour's transport layers.

    The new timeout and retries go through ``attrs.evolve`` of the client's ClientConfig, so
    its validators check them; a bad option is a ValueError (a wrong type too), before any copy.
    """
    lane = check_lane(priority) if priority is not None else None
    source: Any = client
    old = source._setup
    changes: dict[str, object] = {}
    if timeout is not NOT_GIVEN:
        changes["timeout"] = timeout
    if max_retries is not None:
        changes["max_retries"] = max_retries
    try:
        config = attrs.evolve(old.config, **changes)
    except TypeError as exc:  # with_options() has always said ValueError for any bad option
        raise ValueError(str(exc)) from None
    setup = attrs.evolve(
        old,
        config=config,
        inner_of={},
        owns_limiter=False,  # the budget stays the original's
        priority=lane or old.priority,
        priority_chosen=old.priority_chosen or lane is not None,
    )
    http = source._http
    asynchronous = isinstance(http, httpx.AsyncClient)
    borrow = _AsyncBorrowed if asynchronous else _Borrowed

    def rewrap(transport: Any) -> Any:
        inner = old.inner_of.get(id(transport))
        if inner is None:
            raise TypeError("with_options() needs a client whose transports peerclick wrapped")
        return wrap(borrow(inner), setup)

    new_http = type(http)(
        base_url=http.base_url,
        auth=setup.auth,
        timeout=setup.timeout if timeout is not NOT_GIVEN else http.timeout,
        headers=http.headers,
        cookies=http.cookies,
        event_hooks=http.event_hooks,
        follow_redirects=http.follow_redirects,
        transport=rewrap(http._transport),
        mounts={
            pattern.pattern: (rewrap(t) if t is not None else None)
            for pattern, t in http._mounts.items()
        },
    )
    lazy = {name for name in vars(type(client)) if hasattr(vars(type(client))[name], "class_name")}
    twin: Any = object.__new__(type(client))
    twin.__dict__.update({k: v for k, v in source.__dict__.items() if k not in lazy})
    twin._setup = setup
    twin._http = new_http
    twin.api = setup.generated_client()
    if asynchronous:
        twin.api.set_async_httpx_client(new_http)
    else:
        twin.api.set_httpx_client(new_http)
    twin._closed = False
    twin._parent = client  # the original owns the pool; keep it alive while the copy is
    result: C = twin
    return result
