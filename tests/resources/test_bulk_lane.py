"""Iterators and exports queue in the low lane by default; interactive calls and a chosen
priority keep theirs (issue 10: long exports and iterators default to low)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from peerclick import AsyncPeerClick, PeerClick
from tests.conftest import FAST_LIMITS

PRIORITY = "peerclick.priority"


class Lanes:
    """A one-page report server that notes the lane each report request asked for."""

    def __init__(self) -> None:
        self.lanes: list[Any] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/access/session"):
            return httpx.Response(200, json={"token": "tok-lanes"})
        self.lanes.append(request.extensions.get(PRIORITY))
        rows = [{"campaign": "A", "visits": 1}]
        return httpx.Response(200, json={"rows": rows, "totalRows": 1, "totals": {"visits": 1}})


def client(server: Lanes) -> PeerClick:
    return PeerClick(
        access_id="lanes-id",
        access_key="lanes-key-0000",
        base_url="http://127.0.0.1",
        transport=httpx.MockTransport(server),
        rate_limits=FAST_LIMITS,
    )


ARGS: dict[str, Any] = {"group_by": "campaign", "date_from": "2026-11-01", "date_to": "2026-11-08"}


class TestSync:
    def test_get_is_interactive_iterators_and_exports_are_bulk(self, tmp_path: Path) -> None:
        """reports.get keeps the client's lane; iter_rows, iter_conversions, export_csv go low."""
        server = Lanes()
        with client(server) as pc:
            pc.reports.get(**ARGS)
            assert server.lanes == [None]
            list(pc.reports.iter_rows(**ARGS))
            list(pc.reports.iter_conversions("2026-11-01", "2026-11-08"))
            pc.reports.export_csv(tmp_path / "out.csv", **ARGS)
        assert server.lanes == [None, "low", "low", "low"]

    def test_a_chosen_priority_wins_over_the_bulk_default(self) -> None:
        """with_options(priority="high") keeps an iterator interactive."""
        server = Lanes()
        with client(server) as pc:
            list(pc.with_options(priority="high").reports.iter_rows(**ARGS))
        assert server.lanes == [None]


class TestAsync:
    async def test_iterators_and_exports_are_bulk(self, tmp_path: Path) -> None:
        """The async twins queue bulk work in the low lane too."""
        server = Lanes()
        async with AsyncPeerClick(
            access_id="lanes-id",
            access_key="lanes-key-0000",
            base_url="http://127.0.0.1",
            transport=httpx.MockTransport(server),
            rate_limits=FAST_LIMITS,
        ) as apc:
            await apc.reports.get(**ARGS)
            async for _ in apc.reports.iter_rows(**ARGS):
                pass
            await apc.reports.export_csv(tmp_path / "out.csv", **ARGS)
        assert server.lanes == [None, "low", "low"]
