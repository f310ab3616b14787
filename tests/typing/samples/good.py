"""What a user writes, typed: `mypy --strict` must find nothing here (tests/typing/test_mypy.py).

Never run, only type-checked: the calls would need a PeerClick to answer them.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from peerclick import AsyncPeerClick, PeerClick
from peerclick.types import (
    Campaign,
    Money,
    Offer,
    OfferFields,
    OfferInput,
    ReportOptions,
    SavedOffer,
    Unset,
)


def entities(pc: PeerClick) -> int:
    offer = pc.offers.create(
        name="Summer", url="https://adv.example/?c={clickid}", country="US", affiliate_network=7
    )
    kind: str = offer.payout.type_  # sent, so not Unset
    name: str = offer.name
    pc.offers.update(offer.id, url="https://adv.example/v2?c={clickid}", payout=1.5)
    pc.offers.update(offer.id, {"payout": {"type": "AUTO"}})
    pc.offers.replace(offer.id, OfferInput.from_dict(offer.to_dict()), payout="AUTO")
    campaign = pc.campaigns.create(
        name="Summer US", workspace_id=1, traffic_source=4, country="US", domain="t.example.com",
        redirect_target={"destination": "PATH", "path": {"defaultPaths": []}},
        cost_model="CPC", tags=["summer"],
    )  # fmt: skip
    pc.offers.delete(offer.id)
    pc.offers.restore([offer.id])
    fetched: Offer = pc.offers.get(offer.id)
    saved: SavedOffer = pc.offers.update(fetched.id, name=name + kind)
    payout = fetched.payout  # a read may leave it out: the type says so
    if not isinstance(payout, Unset):
        money: Money = payout
        assert money.type_
    paged: list[Campaign] = pc.campaigns.list(include_deleted=True, fields=["id", "name"])
    pc.landers.create(name="LP", url="https://lp.example/", number_of_offers=1)
    pc.flows.create(name="Flow", countries=["US", {"code": "DE"}])
    pc.traffic_sources.create(name="TS", postback_url="https://ts.example/?id={externalid}")
    pc.affiliate_networks.create(name="Net", workspace_id=1)
    changes: OfferFields = {"url": "https://adv.example/v3"}
    pc.offers.update(saved.id, **changes)
    return campaign.id + len(paged) + len(pc.workspaces.list()) + len(pc.domains.list())


def reports(pc: PeerClick) -> float:
    report = pc.reports.get(
        group_by=["campaign", "day"], date_from=date(2026, 11, 1), date_to=date(2026, 11, 8),
        columns=["visits", "revenue"], timezone="Europe/Berlin", sort="revenue",
        direction="desc", filters={"trafficSource": "4"}, limit=10,
    )  # fmt: skip
    top = pc.reports.get("offer", "2026-11-01", "2026-11-08", sort="revenue", limit=10)
    options: ReportOptions = {"columns": ["visits"], "timezone": "UTC", "include": "ACTIVE"}
    rows = list(pc.reports.iter_rows("day", "2026-11-01", page_size=1000, **options))
    written: int = pc.reports.export_csv(
        "big.csv", ["campaign", "day"], "2026-10-01", "2026-11-27",
        progress=lambda done, total: print(done, total), **options,
    )  # fmt: skip
    convs = pc.reports.conversions(date_from="2026-11-01", date_to="2026-11-08", currency="EUR")
    for conv in pc.reports.iter_conversions("2026-11-01", group_by="campaign"):
        print(conv["clickId"])
    live = pc.reports.live_visits(1, timezone="UTC") + pc.reports.live_clicks(1)
    total = report.totals.get("revenue", 0.0)
    return float(total) + len(top.rows) + len(rows) + written + len(convs.rows) + len(live)


async def async_twins() -> None:
    async with AsyncPeerClick() as apc:
        offer = await apc.offers.create(name="S", url="https://a.example/", affiliate_network=7)
        await apc.offers.update(offer.id, payout=2)
        async for row in apc.reports.iter_rows("day", "2026-11-01", columns="visits"):
            print(row)
        report = await apc.reports.get(
            "campaign", date.today() - timedelta(days=7), conversion_time_mode="VISIT"
        )  # no date_to (up to now): a start relative to today stays within the 31 days
        print(report.rows, offer.payout.currency)


asyncio.run(async_twins())
