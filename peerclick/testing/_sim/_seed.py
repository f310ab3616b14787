"""The demo account: a few traffic sources, networks, offers, landers, a flow and campaigns.

Created through `Store.create`, so the demo data passes the same validation as API writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from peerclick.testing._sim._store import Store

__all__ = ["seed_demo"]


def _params(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"name": n, "parameter": n, "placeholder": p} for n, p in pairs]


def _path(offers: Sequence[int], landers: Sequence[int] = (), weight: int = 100) -> dict[str, Any]:
    return {
        "name": "Path",
        "active": True,
        "weight": weight,
        "direct": 0 if landers else 1,
        "offers": [{"id": o, "weight": 100} for o in offers],
        "landers": [{"id": lander, "weight": 100} for lander in landers],
    }


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def _paths(*paths: dict[str, Any]) -> dict[str, Any]:
    return {"destination": "PATH", "path": {"defaultPaths": list(paths)}}


def _campaign(
    name: str, source: int, country: str, cost: dict[str, Any], target: dict[str, Any], user_id: int
) -> dict[str, Any]:
    return {
        "name": name,
        "workspaceId": 1,
        "trafficSource": source,
        "costModel": {"currency": "USD", **cost},
        "country": {"code": country},
        "domain": f"{user_id}.gopeerclick.com",
        "tags": [],
        "redirectTarget": target,
    }


def seed_demo(store: Store, *, traffic_start: float) -> None:
    """Fill an empty store with the demo entities; campaigns have traffic from `traffic_start`."""
    store.workspaces.append({"id": 2, "name": "Team workspace"})
    store.domains.append({"id": 2, "domain": "track.example.com", "ssl": "WAITING_SSL"})
    for source_body in (
        {"name": "PropellerAds", "parameters": _params(("zoneid", "{zoneid}"), ("cost", "{cost}"))},
        {
            "name": "Zeropark",
            "parameters": _params(("target", "{target}"), ("cpv", "{visit_cost}")),
        },
        {"name": "Facebook", "parameters": _params(("adset", "{{adset.id}}"), ("ad", "{{ad.id}}"))},
    ):
        store.create(
            "trafficSource", {"workspaceId": 1, "forAffiliates": False, "tags": [], **source_body}
        )
    for network_name in ("MaxBounty", "ClickDealer", "Mobidea"):
        store.create(
            "affiliateNetwork",
            {
                "name": network_name,
                "workspaceId": 1,
                "offerUrlTemplate": "{url}?sub1={clickid}",
                "tags": [],
            },
        )

    def money(value: float | None) -> dict[str, Any]:
        return {"type": "AUTO" if value is None else "MANUAL", "value": value, "currency": "USD"}

    for name, network, country, payout in (
        ("Sweepstakes iPhone", 1, "US", None),
        ("Dating Smartlink", 2, "GLB", 2.5),
        ("VPN Trial", 3, "DE", 4.0),
        ("Keto Diet", 1, "GB", 12.0),
        ("Crypto App", 2, "BR", None),
    ):
        store.create(
            "offer",
            {
                "name": name,
                "workspaceId": 1,
                "url": f"https://offers.example.com/{_slug(name)}?sub1={{clickid}}",
                "country": {"code": country},
                "affiliateNetwork": {"id": network},
                "payout": money(payout),
                "tags": [],
            },
        )
    store.create(
        "lander",
        {
            "name": "Quiz",
            "workspaceId": 1,
            "url": "https://lp.example.com/quiz",
            "numberOfOffers": 1,
        },
    )
    store.create(
        "lander",
        {
            "name": "Review page",
            "workspaceId": 1,
            "url": "https://lp.example.com/review",
            "numberOfOffers": 1,
            "country": {"code": "US"},
        },
    )
    store.create(
        "flow",
        {
            "name": "Global smartlink",
            "workspaceId": 1,
            "countries": [{"code": "GLB"}],
            "defaultPaths": [_path([2, 5])],
            "defaultOfferRedirectMode": "REGULAR",
        },
    )
    uid = store.user_id
    campaigns = (
        ("iPhone sweeps US", 1, "US", {"type": "CPC", "value": 0.02},
         _paths(_path([1], [1, 2], 70), _path([1], weight=30))),
        ("Dating worldwide", 2, "GLB", {"type": "AUTO"},
         {"destination": "FLOW", "flow": {"id": 1}}),
        ("VPN DE", 3, "DE", {"type": "CPM", "value": 15.0}, _paths(_path([3]))),
        ("Keto UK", 1, "GB", {"type": "CPA", "value": 6.0}, _paths(_path([4], [2]))),
        ("Crypto BR (old)", 2, "BR", {"type": "REVSHARE", "value": 40.0}, _paths(_path([5]))),
    )  # fmt: skip
    for name, source, country, cost, target in campaigns:
        store.create(
            "campaign",
            _campaign(name, source, country, cost, target, uid),
            traffic_start=traffic_start,
        )
