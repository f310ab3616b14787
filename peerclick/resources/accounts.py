"""`pc.workspaces` and `pc.domains`: read-only account lists.

Both paths are unconfirmed for PeerClick (Voluum's `/multiuser/workspace`; `/domain` is a guess),
so the spec marks them `x-unverified`; a 404 here most likely means the path differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from peerclick.resources._base import AsyncResource, SyncResource
from peerclick.resources._checks import check_read
from peerclick.resources._io import fetch_async, fetch_sync
from peerclick.resources._models import builder
from peerclick_api.api.domain import list_domains
from peerclick_api.api.workspace import list_workspaces
from peerclick_api.models import Domain, Workspace

__all__ = ["AsyncDomains", "AsyncWorkspaces", "Domains", "Workspaces"]


M = TypeVar("M", Workspace, Domain)


def _items(key: str, model: type[M]) -> Callable[[object], list[M]]:
    """Builder for `{key: [...]}`: every item's `id` checked, then built once."""

    def build(body: object) -> list[M]:
        if not isinstance(body, Mapping):
            raise TypeError(f"the answer must be a JSON object, got {type(body).__name__}")
        items = body.get(key)
        if not isinstance(items, list):
            raise TypeError(f"{key!r} must be a list, got {type(items).__name__}")
        build, out = builder(model, consume=True), list[M]()  # parsed JSON, ours alone
        for index, item in enumerate(items):
            check_read(item, f"{key}[{index}]")
            out.append(build(item))
        return out

    return build


_WORKSPACES = _items("workspaces", Workspace)
_DOMAINS = _items("domains", Domain)


class Workspaces(SyncResource):
    """`pc.workspaces`."""

    def list(self) -> list[Workspace]:
        """All workspaces: `pc.workspaces.list()[0].name`."""
        return fetch_sync(self._client, list_workspaces, _WORKSPACES, "list workspaces")


class AsyncWorkspaces(AsyncResource):
    """`apc.workspaces`."""

    async def list(self) -> list[Workspace]:
        """All workspaces: `(await apc.workspaces.list())[0].name`."""
        return await fetch_async(self._client, list_workspaces, _WORKSPACES, "list workspaces")


class Domains(SyncResource):
    """`pc.domains`."""

    def list(self) -> list[Domain]:
        """Tracking domains: `[d.domain for d in pc.domains.list()]`."""
        return fetch_sync(self._client, list_domains, _DOMAINS, "list domains")


class AsyncDomains(AsyncResource):
    """`apc.domains`."""

    async def list(self) -> list[Domain]:
        """Tracking domains: `[d.domain for d in await apc.domains.list()]`."""
        return await fetch_async(self._client, list_domains, _DOMAINS, "list domains")
