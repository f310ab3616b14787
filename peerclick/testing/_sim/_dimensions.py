"""The `groupBy` vocabulary: how each dimension reads a fact and which row keys it fills."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime, tzinfo
from typing import Any

import attrs

from peerclick.testing._sim._countries import country_traits
from peerclick.testing._sim._store import Store
from peerclick.testing._sim._traffic import PLATFORMS, Fact

__all__ = ["DIMENSIONS", "Context", "Dimension"]


@attrs.frozen
class Context:
    """What dimensions need besides the fact: names come from the store, days from the zone."""

    store: Store
    zone: tzinfo
    memo: dict[str, dict[int, str]] = attrs.field(factory=dict, eq=False)


@attrs.frozen
class Dimension:
    """One `groupBy` value: `key` groups facts, `cells` renders a group's row keys."""

    name: str
    keys: tuple[str, ...]
    key: Callable[[Fact, Context], Hashable]
    cells: Callable[[Any, Context], tuple[Any, ...]]
    entity: str | None = None  # the entity kind the key is an id of, if any
    type: str = "string"  # columnMappings type of the first key


def _entity(name: str, kind: str, attribute: str) -> Dimension:
    return Dimension(
        name,
        (f"{name}Id", f"{name}Name"),
        lambda f, _: getattr(f, attribute),
        lambda v, ctx: (v, ctx.store.name_of(kind, v)),
        entity=kind,
        type="integer",
    )


def _trait(name: str, index: int) -> Dimension:
    return Dimension(
        name, (name,), lambda f, _: country_traits(f.country)[index], lambda v, _: (v,)
    )


def _platform(name: str, index: int) -> Dimension:
    return Dimension(name, (name,), lambda f, _: PLATFORMS[f.platform][index], lambda v, _: (v,))


def _custom(n: int) -> Dimension:
    def key(fact: Fact, ctx: Context) -> Hashable:
        source = ctx.store.find("trafficSource", fact.traffic_source)
        params = (source.body.get("parameters") or []) if source else []
        if len(params) < n:
            return ""
        return f"{params[n - 1].get('parameter', 'v')}-{(fact.variant >> (3 * n)) % 5 + 1}"

    return Dimension(f"customVariable{n}", (f"customVariable{n}",), key, lambda v, _: (v,))


def _referrer(fact: Fact, ctx: Context) -> Hashable:
    name = ctx.store.name_of("trafficSource", fact.traffic_source) or "direct"
    return f"https://{name.lower().replace(' ', '')}.com/"


def _local(fmt: str) -> Callable[[Fact, Context], Hashable]:
    """A time dimension; formatting is memoised per hour (a report formats each hour many times)."""

    def key(fact: Fact, ctx: Context) -> Hashable:
        memo = ctx.memo.setdefault(fmt, {})
        if fact.hour not in memo:
            memo[fact.hour] = datetime.fromtimestamp(fact.hour, ctx.zone).strftime(fmt)
        return memo[fact.hour]

    return key


_ALL: list[Dimension] = [
    _entity("campaign", "campaign", "campaign"),
    _entity("offer", "offer", "offer"),
    _entity("lander", "lander", "lander"),
    _entity("flow", "flow", "flow"),
    _entity("trafficSource", "trafficSource", "traffic_source"),
    _entity("affiliateNetwork", "affiliateNetwork", "network"),
    Dimension(
        "country",
        ("countryCode", "countryName"),
        lambda f, _: f.country,
        lambda v, _: (v, country_traits(v)[0]),
    ),
    _trait("language", 1),
    _trait("city", 2),
    _trait("region", 3),
    _platform("deviceType", 0),
    _platform("os", 1),
    _platform("osVersion", 2),
    _platform("browser", 3),
    _platform("browserVersion", 4),
    _platform("brand", 5),
    _platform("model", 6),
    Dimension(
        "isp",
        ("isp",),
        lambda f, _: (
            f"{country_traits(f.country)[0]} "
            + ("Mobile" if PLATFORMS[f.platform][0] == "Mobile" else "Broadband")
        ),
        lambda v, _: (v,),
    ),
    Dimension(
        "connectionType",
        ("connectionType",),
        lambda f, _: "Mobile" if PLATFORMS[f.platform][0] == "Mobile" else "Broadband",
        lambda v, _: (v,),
    ),
    Dimension(
        "ip",
        ("ip",),
        lambda f, _: f"203.0.113.{f.variant % 254 + 1}",
        lambda v, _: (v,),
    ),
    Dimension("referrer", ("referrer",), _referrer, lambda v, _: (v,)),
    Dimension("day", ("day",), _local("%Y-%m-%d"), lambda v, _: (v,)),
    Dimension(
        "hour",
        ("hour",),
        _local("%Y-%m-%d %H:00"),
        lambda v, _: (v,),
    ),
    Dimension(
        "hourOfDay",
        ("hourOfDay",),
        lambda f, ctx: int(str(_local("%H")(f, ctx))),
        lambda v, _: (v,),
        type="integer",
    ),
    *(_custom(n) for n in range(1, 11)),
]

DIMENSIONS: dict[str, Dimension] = {d.name: d for d in _ALL}
"""Every accepted `groupBy` value, including the `*Id` aliases of entity dimensions."""

for _name in ("campaign", "offer", "lander", "flow", "trafficSource", "affiliateNetwork"):
    DIMENSIONS[f"{_name}Id"] = DIMENSIONS[_name]
