"""`pc.workspaces` and `pc.domains`: read-only account lists.

Both paths are unconfirmed for PeerClick (Voluum's `/multiuser/workspace`; `/domain` is a guess),
so the spec marks them `x-unverified`; a 404 here most likely means the path differs.
"""

from __future__ import annotations

from typing import Any

from peerclick.errors import ResponseValidationError
from peerclick.resources._base import (
    AsyncResource,
    SyncResource,
    answer_body,
    call_async,
    call_sync,
)
from peerclick_api.api.domain import list_domains
from peerclick_api.api.workspace import list_workspaces
from peerclick_api.models import Domain, Workspace

__all__ = ["AsyncDomains", "AsyncWorkspaces", "Domains", "Workspaces"]


def _items(body: dict[str, Any], key: str, model: Any, what: str) -> list[Any]:
    items = body.get(key)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ResponseValidationError(f"{what}: {key!r} is missing or not a list", body=body)
    try:
        return [model.from_dict(i) for i in items]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResponseValidationError(f"{what}: unexpected item shape ({exc})", body=body) from None


class Workspaces(SyncResource):
    """`pc.workspaces`."""

    def list(self) -> list[Workspace]:
        """All workspaces: `pc.workspaces.list()[0].name`."""
        body = answer_body(
            call_sync(list_workspaces.sync_detailed, client=self._api),
            "GET",
            "/multiuser/workspace",
        )
        return _items(body, "workspaces", Workspace, "list workspaces")


class AsyncWorkspaces(AsyncResource):
    """`apc.workspaces`."""

    async def list(self) -> list[Workspace]:
        """All workspaces: `(await apc.workspaces.list())[0].name`."""
        answer = await call_async(list_workspaces.asyncio_detailed, client=self._api)
        return _items(
            answer_body(answer, "GET", "/multiuser/workspace"),
            "workspaces",
            Workspace,
            "list workspaces",
        )


class Domains(SyncResource):
    """`pc.domains`."""

    def list(self) -> list[Domain]:
        """Tracking domains: `[d.domain for d in pc.domains.list()]`."""
        body = answer_body(
            call_sync(list_domains.sync_detailed, client=self._api), "GET", "/domain"
        )
        return _items(body, "domains", Domain, "list domains")


class AsyncDomains(AsyncResource):
    """`apc.domains`."""

    async def list(self) -> list[Domain]:
        """Tracking domains: `[d.domain for d in await apc.domains.list()]`."""
        answer = await call_async(list_domains.asyncio_detailed, client=self._api)
        return _items(answer_body(answer, "GET", "/domain"), "domains", Domain, "list domains")
