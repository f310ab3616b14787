"""The plugin's client fixtures: a user's test against the fake is three lines."""

from __future__ import annotations

from datetime import date, timedelta

from peerclick import AsyncPeerClick, PeerClick
from peerclick.testing import FakePeerClick


def test_peerclick_client_fixture(
    peerclick_client: PeerClick, peerclick_fake: FakePeerClick
) -> None:
    report = peerclick_client.reports.get(
        group_by="campaign", date_from=date.today() - timedelta(days=3)
    )
    assert report.rows and report.total_rows == len(report.rows)
    assert [r.path for r in peerclick_fake.requests] == ["/auth/access/session", "/report"]


async def test_async_peerclick_client_fixture(async_peerclick_client: AsyncPeerClick) -> None:
    offers = await async_peerclick_client.offers.list()
    assert offers and all(o.id for o in offers)
