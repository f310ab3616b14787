"""Mistakes a type checker must catch: each line marked `# E: <code>` is the one error mypy
reports on it (tests/typing/test_mypy.py compares the whole list both ways)."""

from __future__ import annotations

from datetime import date

from peerclick import PeerClick
from peerclick.types import Offer, ReportOptions


def entities(pc: PeerClick, offer: Offer) -> None:
    pc.offers.create(nme="Summer")  # E: call-arg
    pc.offers.update(offer.id, payout="free")  # E: arg-type
    pc.offers.update(offer.id, affiliate_network="7")  # E: arg-type
    pc.landers.create(name="LP", url="https://lp.example/", payout=1)  # E: call-arg
    pc.campaigns.create(name="C", traffic_source=4, tags="summer")  # E: arg-type
    pc.flows.create(name="F", tags=["x"])  # E: call-arg
    pc.offers.get("5")  # E: arg-type
    pc.offers.restore(["5"])  # E: list-item
    print(offer.payout.type_)  # E: union-attr
    print(offer.name.upper())  # E: union-attr
    pc.campaigns.update(offer.id, redirect_target="PATH")  # E: arg-type


def reports(pc: PeerClick) -> None:
    pc.reports.get("campaign", "2026-11-01", colums=["visits"])  # E: call-arg
    pc.reports.get("campain", "2026-11-01")  # E: arg-type
    pc.reports.get("campaign", date_from=20261101)  # E: arg-type
    pc.reports.get("campaign", "2026-11-01", direction="up")  # E: arg-type
    pc.reports.get("campaign", "2026-11-01", timezone=5)  # E: arg-type
    pc.reports.iter_rows("day", "2026-11-01", limit=10)  # E: call-arg
    pc.reports.conversions(date(2026, 11, 1), include="some")  # E: arg-type
    pc.reports.export_csv("x.csv", "day", "2026-11-01", escape_formulas="yes")  # E: arg-type
    options: ReportOptions = {"sort": 3}  # E: typeddict-item
    pc.reports.get("day", "2026-11-01", **options)
    pc.reports.get("day")  # E: call-arg
    rows: int = pc.reports.get("day", "2026-11-01").rows  # E: assignment
    print(rows)
