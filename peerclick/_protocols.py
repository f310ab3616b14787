"""What the resources need from their client, as Protocols.

The resources are typed against these instead of ``peerclick._client``, so they never import the
module that builds them: the resources <-> client import circle is gone (import-linter's contracts
in pyproject.toml keep it so). PeerClick and AsyncPeerClick satisfy them structurally.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, Protocol, Self

import httpx

if TYPE_CHECKING:
    from peerclick_api import AuthenticatedClient

__all__ = ["AsyncPeerClickLike", "PeerClickLike"]


class _Setup(Protocol):
    @property
    def priority_chosen(self) -> bool:
        """True once `with_options(priority=...)` chose the lane (bulk calls then keep it)."""
        ...

    @property
    def wall_clock(self) -> Callable[[], float] | None:
        """The client's `clock=` (epoch seconds) if it was given one: "now" for defaults."""
        ...


class PeerClickLike(Protocol):
    """A synchronous client as the resources use it (peerclick.PeerClick)."""

    @property
    def api(self) -> AuthenticatedClient: ...

    @property
    def _setup(self) -> _Setup: ...

    def with_options(
        self,
        *,
        priority: Literal["high", "low"] | None = None,
        timeout: float | httpx.Timeout | None = ...,
        max_retries: int | None = None,
    ) -> Self: ...

    def close(self) -> None: ...


class AsyncPeerClickLike(Protocol):
    """An asynchronous client as the resources use it (peerclick.AsyncPeerClick)."""

    @property
    def api(self) -> AuthenticatedClient: ...

    @property
    def _setup(self) -> _Setup: ...

    def with_options(
        self,
        *,
        priority: Literal["high", "low"] | None = None,
        timeout: float | httpx.Timeout | None = ...,
        max_retries: int | None = None,
    ) -> Self: ...

    async def aclose(self) -> None: ...
