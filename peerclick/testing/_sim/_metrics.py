"""The `columns` vocabulary: summed counters and the ratios derived from them."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from peerclick.testing._sim._traffic import MICROS, Fact

__all__ = ["DEFAULT_COLUMNS", "METRICS", "Metric", "accumulate", "new_sums"]

# Positions in a sums list.
VISITS, UNIQUE, CLICKS, CONVERSIONS, REVENUE, COST, ERRORS, EVENT1, EVENT2, EVENT3 = range(10)

Sums = list[int]


def new_sums() -> Sums:
    return [0] * 10


def accumulate(sums: Sums, fact: Fact) -> None:
    """Add one fact's counters to `sums` in place."""
    sums[VISITS] += fact.visits
    sums[UNIQUE] += fact.unique_visits
    sums[CLICKS] += fact.clicks
    sums[CONVERSIONS] += fact.conversions
    sums[REVENUE] += fact.revenue
    sums[COST] += fact.cost
    sums[ERRORS] += fact.errors
    sums[EVENT1] += fact.events[0]
    sums[EVENT2] += fact.events[1]
    sums[EVENT3] += fact.events[2]


@attrs.frozen
class Metric:
    """A report column: its label, its columnMappings type and how to compute it from sums."""

    key: str
    label: str
    type: str
    compute: Callable[[Sums], float | int]


def _ratio(num: float, den: float, scale: float = 1.0) -> float:
    return round(num * scale / den, 4) if den else 0.0


def _money(micros: float) -> float:
    return round(micros / MICROS, 2)


def _per(
    index_num: int, index_den: int, scale: float = 1.0, money: bool = False
) -> Callable[[Sums], float]:
    factor = 1 / MICROS if money else 1.0
    return lambda s: _ratio(s[index_num] * factor, s[index_den], scale)


_LIST: list[Metric] = [
    Metric("visits", "Visits", "integer", lambda s: s[VISITS]),
    Metric("uniqueVisits", "Unique visits", "integer", lambda s: s[UNIQUE]),
    Metric("clicks", "Clicks", "integer", lambda s: s[CLICKS]),
    Metric("conversions", "Conversions", "integer", lambda s: s[CONVERSIONS]),
    Metric("revenue", "Revenue", "monetary", lambda s: _money(s[REVENUE])),
    Metric("cost", "Cost", "monetary", lambda s: _money(s[COST])),
    Metric("profit", "Profit", "monetary", lambda s: _money(s[REVENUE] - s[COST])),
    Metric("cpv", "CPV", "monetary", _per(COST, VISITS, money=True)),
    Metric("ctr", "LP CTR", "percentage", _per(CLICKS, VISITS, 100)),
    Metric("cr", "CR", "percentage", _per(CONVERSIONS, CLICKS, 100)),
    Metric("cv", "CV", "percentage", _per(CONVERSIONS, VISITS, 100)),
    Metric("roi", "ROI", "percentage", lambda s: _ratio(s[REVENUE] - s[COST], s[COST], 100)),
    Metric("epv", "EPV", "monetary", _per(REVENUE, VISITS, money=True)),
    Metric("epc", "EPC", "monetary", _per(REVENUE, CLICKS, money=True)),
    Metric("ap", "AP", "monetary", _per(REVENUE, CONVERSIONS, money=True)),
    Metric("cpc", "CPC", "monetary", _per(COST, CLICKS, money=True)),
    Metric("cpa", "CPA", "monetary", _per(COST, CONVERSIONS, money=True)),
    Metric("cpm", "CPM", "monetary", _per(COST, VISITS, 1000, money=True)),
    Metric("errors", "Errors", "integer", lambda s: s[ERRORS]),
    Metric("event1", "Event 1", "integer", lambda s: s[EVENT1]),
    Metric("event2", "Event 2", "integer", lambda s: s[EVENT2]),
    Metric("event3", "Event 3", "integer", lambda s: s[EVENT3]),
    *(Metric(f"event{n}", f"Event {n}", "integer", lambda s: 0) for n in range(4, 11)),
]

METRICS: dict[str, Metric] = {m.key: m for m in _LIST}
"""Every accepted metric column."""

DEFAULT_COLUMNS: tuple[str, ...] = tuple(m.key for m in _LIST if not m.key.startswith("event"))
"""Columns returned when the request names none."""
