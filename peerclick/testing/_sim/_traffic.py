"""Seeded, deterministic synthetic traffic: one list of facts per campaign and UTC hour.

A fact is the smallest unit reports aggregate: visits, clicks, conversions, revenue and cost for
one campaign, hour, route (offer and lander), country and platform. Facts are a pure function of
(seed, account, campaign configuration, hour), so the same query always gives the same numbers and
campaigns created through the API get traffic too, from their creation hour on. Only complete
hours have traffic. Money is kept in integer micro-dollars so totals add up exactly.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from peerclick.testing._sim._countries import GLOBAL, GLOBAL_MIX
from peerclick.testing._sim._store import Record, Store
from peerclick.testing._sim._times import HOUR, floor_hour

__all__ = ["PLATFORMS", "Fact", "Traffic", "click_id", "parse_click_id", "spread"]

MICROS = 1_000_000

# (deviceType, os, osVersion, browser, browserVersion, brand, model)
PLATFORMS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("Mobile", "Android", "14", "Chrome Mobile", "131", "Samsung", "Galaxy S23"),
    ("Mobile", "iOS", "18", "Safari Mobile", "18", "Apple", "iPhone 15"),
    ("Mobile", "Android", "13", "Chrome Mobile", "130", "Xiaomi", "Redmi Note 12"),
    ("Desktop", "Windows", "11", "Chrome", "131", "Unknown", "PC"),
    ("Desktop", "macOS", "15", "Safari", "18", "Apple", "Mac"),
)
_MOBILE = (0, 1, 2)
_DESKTOP = (3, 4)


class Fact(NamedTuple):
    """Traffic of one campaign, hour, route, country and platform."""

    hour: int
    campaign: int
    slot: int
    traffic_source: int
    flow: int | None
    offer: int | None
    lander: int | None
    network: int | None
    country: str
    platform: int
    variant: int
    visits: int
    unique_visits: int
    clicks: int
    conversions: int
    revenue: int
    cost: int
    errors: int
    events: tuple[int, int, int]


def _h(*parts: object) -> int:
    return int.from_bytes(
        hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    )


def spread(total: int, weights: list[float]) -> list[int]:
    """Split an integer total in proportion to weights; the parts add up to `total` exactly."""
    mass = sum(weights)
    if total <= 0 or mass <= 0:
        return [0] * len(weights)
    raw = [total * w / mass for w in weights]
    parts = [math.floor(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def click_id(fact: Fact, n: int) -> str:
    """The id of the `n`-th click of a fact: opaque-looking, 24 hex digits, decodable."""
    return f"{fact.campaign:06x}{fact.hour // HOUR:08x}{fact.slot:02x}{n:08x}"


def parse_click_id(value: str) -> tuple[int, int, int, int] | None:
    """(campaign, hour, slot, n) for a click id made by `click_id`, else None."""
    if len(value) != 24:
        return None
    try:
        return (
            int(value[:6], 16),
            int(value[6:14], 16) * HOUR,
            int(value[14:16], 16),
            int(value[16:], 16),
        )
    except ValueError:
        return None


class Traffic:
    """Generates and caches the facts of one account."""

    def __init__(
        self, store: Store, *, seed: int, salt: str, cost_hours: Mapping[tuple[int, int], int]
    ) -> None:
        self._store = store
        self._seed = seed
        self._salt = salt
        self._cost_hours = cost_hours
        self._cache: dict[tuple[int, int], tuple[Fact, ...]] = {}
        self._cache_version = -1

    def facts(self, start: float, end: float, now: float) -> Iterator[Fact]:
        """Facts of every campaign for the complete hours in [start, end) before `now`."""
        for campaign in self._store.all("campaign", include_deleted=True):
            yield from self.campaign_facts(campaign, start, end, now)

    def campaign_facts(
        self, campaign: Record, start: float, end: float, now: float
    ) -> Iterator[Fact]:
        first = max(floor_hour(start + HOUR - 1), floor_hour(campaign.traffic_start + HOUR - 1))
        stop = min(end, floor_hour(now))
        if campaign.deleted_at is not None:
            stop = min(stop, floor_hour(campaign.deleted_at))
        for hour in range(first, int(stop) - HOUR + 1, HOUR):
            yield from self.hour_facts(campaign, hour)

    def hour_facts(self, campaign: Record, hour: int) -> tuple[Fact, ...]:
        """The facts of one campaign hour, with any manual cost override applied."""
        if self._cache_version != self._store.version or len(self._cache) > 200_000:
            self._cache.clear()
            self._cache_version = self._store.version
        key = (campaign.id, hour)
        facts = self._cache.get(key)
        if facts is None:
            facts = self._cache[key] = tuple(self._generate(campaign, hour))
        override = self._cost_hours.get(key)
        if override is None:
            return facts
        costs = spread(override, [float(f.visits) for f in facts])
        return tuple(f._replace(cost=c) for f, c in zip(facts, costs, strict=True))

    # -- generation -------------------------------------------------------------------------

    def _generate(self, campaign: Record, hour: int) -> Iterator[Fact]:
        body = campaign.body
        rng = random.Random(f"{self._seed}:{self._salt}:{campaign.id}:{hour}")
        flow_id, routes = self._routes(body)
        size = 40 + _h(self._seed, self._salt, "size", campaign.id) % 160
        hour_of_day = (hour // HOUR) % 24
        diurnal = 0.45 + 0.55 * (0.5 - 0.5 * math.cos(2 * math.pi * (hour_of_day - 3) / 24))
        weekday = 0.85 if ((hour // 86400) + 4) % 7 >= 5 else 1.0
        total = int(size * diurnal * weekday * rng.uniform(0.75, 1.25))
        code = body["country"]["code"]
        countries = rng.sample(GLOBAL_MIX, 2) if code == GLOBAL else [code]
        country_share = [0.6, 0.4] if len(countries) == 2 else [1.0]
        platforms = [rng.choice(_MOBILE), rng.choice(_DESKTOP)]
        combos = [
            (route, country, platform, rw * cw * pw * rng.uniform(0.8, 1.2))
            for route, rw in routes
            for country, cw in zip(countries, country_share, strict=True)
            for platform, pw in zip(platforms, (0.65, 0.35), strict=True)
        ]
        visits = spread(total, [c[3] for c in combos])
        slot = 0
        for (route, country, platform, _), v in zip(combos, visits, strict=True):
            if v == 0:
                continue
            yield self._fact(campaign, hour, slot, flow_id, route, country, platform, v, rng)
            slot += 1

    def _fact(
        self,
        campaign: Record,
        hour: int,
        slot: int,
        flow_id: int | None,
        route: tuple[int | None, int | None],
        country: str,
        platform: int,
        visits: int,
        rng: random.Random,
    ) -> Fact:
        offer_id, lander_id = route
        offer = self._store.find("offer", offer_id)
        network_id = int(offer.body["affiliateNetwork"]["id"]) if offer else None
        unique = max(1, round(visits * rng.uniform(0.75, 0.95)))
        if lander_id is None:
            clicks = visits if offer_id is not None else 0
        else:
            ctr = 0.15 + (_h(self._seed, "ctr", lander_id) % 30) / 100
            clicks = min(visits, round(visits * ctr * rng.uniform(0.85, 1.15)))
        rate = 0.002 + (_h(self._seed, "cr", offer_id) % 20) / 2000
        expected = clicks * rate * rng.uniform(0.7, 1.3)
        conversions = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
        revenue = conversions * self._payout(offer)
        cost = self._cost(
            campaign.body.get("costModel") or {}, campaign, visits, conversions, revenue, rng
        )
        events = (round(clicks * 0.12), round(conversions * 0.5), 0)
        return Fact(
            hour, campaign.id, slot, int(campaign.body["trafficSource"]), flow_id, offer_id,
            lander_id,
            network_id, country, platform, rng.randrange(1 << 30), visits, unique, clicks,
            conversions, revenue, cost, 1 if rng.random() < 0.02 else 0, events,
        )  # fmt: skip

    def _payout(self, offer: Record | None) -> int:
        if offer is None:
            return 0
        payout = offer.body["payout"]
        if payout.get("value") is not None:
            return round(float(payout["value"]) * MICROS)
        return (1_000 + _h(self._seed, "payout", offer.id) % 19_000) * 1_000

    def _cost(
        self,
        model: dict[str, Any],
        campaign: Record,
        visits: int,
        conversions: int,
        revenue: int,
        rng: random.Random,
    ) -> int:
        kind, value = model.get("type"), model.get("value")
        if kind == "NONE":
            return 0
        if value is not None and kind in ("CPC", "CPM", "CPA", "REVSHARE"):
            per = {
                "CPC": visits,
                "CPM": visits / 1000,
                "CPA": conversions,
                "REVSHARE": revenue / MICROS / 100,
            }
            return round(float(value) * per[str(kind)] * MICROS)
        cpv = 0.004 + (_h(self._seed, "cpv", campaign.body["trafficSource"]) % 20) / 1000
        return round(cpv * visits * rng.uniform(0.8, 1.2) * MICROS)

    def _routes(
        self, body: dict[str, Any]
    ) -> tuple[int | None, list[tuple[tuple[int | None, int | None], float]]]:
        """(flow id, [((offer, lander), weight)]): where visitors of a campaign go."""
        target = body["redirectTarget"]
        flow_id: int | None = None
        paths: list[dict[str, Any]] = []
        if target["destination"] == "PATH":
            paths = (target.get("path") or {}).get("defaultPaths") or []
        elif target["destination"] == "FLOW":
            flow_id = int(target["flow"]["id"])
            flow = self._store.find("flow", flow_id)
            paths = flow.body.get("defaultPaths", []) if flow else []
        routes: list[tuple[tuple[int | None, int | None], float]] = []
        for path in paths:
            if path.get("active", True) is False:
                continue
            offers = [(o["id"], float(o.get("weight", 100))) for o in path.get("offers", [])]
            landers: list[tuple[int | None, float]] = [
                (lander["id"], float(lander.get("weight", 100)))
                for lander in path.get("landers", [])
            ]
            if path.get("direct", 1) == 1 or not landers:
                landers = [(None, 1.0)]
            offer_mass = sum(w for _, w in offers) or 1.0
            lander_mass = sum(w for _, w in landers) or 1.0
            for lander_id, lw in landers:
                for offer_id, ow in offers:
                    weight = float(path.get("weight", 100)) * lw / lander_mass * ow / offer_mass
                    routes.append(((offer_id, lander_id), weight))
        routes = sorted(routes, key=lambda r: -r[1])[:6]
        if not routes or sum(w for _, w in routes) <= 0:
            routes = [((None, None), 1.0)]
        return flow_id, routes
