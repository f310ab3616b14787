"""Single events behind the facts: the conversions report and the live visit and click feeds."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime, tzinfo
from typing import Any, Literal

import httpx

from peerclick.testing._sim._account import Account
from peerclick.testing._sim._dimensions import DIMENSIONS, Context
from peerclick.testing._sim._query import list_param, order_rows, parse_window
from peerclick.testing._sim._times import HOUR, floor_hour, parse_zone
from peerclick.testing._sim._traffic import MICROS, Fact, click_id
from peerclick.testing._wire import ApiError

__all__ = ["CONVERSION_COLUMNS", "click_time", "conversions_report", "live_feed"]

_ENTITY_CELLS = ("campaign", "offer", "lander", "trafficSource", "affiliateNetwork", "country")
_DEVICE_CELLS = ("deviceType", "os", "browser", "ip", "isp", "referrer")

CONVERSION_COLUMNS: tuple[str, ...] = (
    "clickId",
    "transactionId",
    "conversionType",
    "visitTimestamp",
    "postbackTimestamp",
    "revenue",
    "cost",
    *(key for name in _ENTITY_CELLS for key in DIMENSIONS[name].keys),
    *_DEVICE_CELLS,
)
"""Keys of a conversions-report row."""

LIVE_LIMIT = 100


def _stamp(ts: float, zone: tzinfo) -> str:
    return datetime.fromtimestamp(ts, zone).strftime("%Y-%m-%d %H:%M:%S")


def _cells(fact: Fact, ctx: Context, names: tuple[str, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in names:
        d = DIMENSIONS[name]
        row.update(zip(d.keys, d.cells(d.key(fact, ctx), ctx), strict=True))
    return row


def click_time(fact: Fact, n: int) -> float:
    """When the `n`-th click of a fact happened (clicks are spread evenly over the hour)."""
    return float(fact.hour + n * HOUR // max(fact.clicks, 1))


def _visit_time(fact: Fact, click_ts: float, n: int) -> float:
    return click_ts if fact.lander is None else max(float(fact.hour), click_ts - 5 - n % 40)


def _synthetic(fact: Fact) -> Iterator[tuple[str, float, float, int, str]]:
    """(click id, visit time, postback time, payout micros, transaction id) per conversion."""
    if fact.conversions == 0:
        return
    payout = fact.revenue // fact.conversions
    for i in range(fact.conversions):
        n = (2 * i + 1) * fact.clicks // (2 * fact.conversions)  # mid-points, spread over the hour
        clicked = click_time(fact, n)
        postback = min(float(fact.hour + HOUR - 1), clicked + 30 + (fact.variant + 97 * i) % 900)
        cid = click_id(fact, n)
        yield (
            cid,
            _visit_time(fact, clicked, n),
            postback,
            payout,
            hashlib.sha1(cid.encode()).hexdigest()[:16],
        )


def conversions_report(account: Account, query: httpx.QueryParams, now: float) -> dict[str, Any]:
    """Answer `GET /report/conversions`: one row per conversion, paged like `GET /report`."""
    rules = account.rules
    window = parse_window(
        query, now=now, hour_rounding=rules.hour_rounding,
        default_limit=rules.report_default_limit, max_limit=rules.report_max_limit,
    )  # fmt: skip
    if any(g != "conversion" for g in list_param(query, "groupBy")):
        raise ApiError(
            400, "groupBy: the conversions report groups by conversion only", field="groupBy"
        )
    columns = list_param(query, "columns") or list(CONVERSION_COLUMNS)
    for name in columns:
        if name not in CONVERSION_COLUMNS:
            raise ApiError(400, f"columns: unknown column {name!r}", field="columns")
    if window.sort is not None and window.sort not in CONVERSION_COLUMNS:
        raise ApiError(400, f"sort: unknown column {window.sort!r}", field="sort")
    mode = (query.get("conversionTimeMode") or "CONVERSION").upper()
    if mode not in ("CONVERSION", "VISIT"):
        raise ApiError(
            400, "conversionTimeMode: expected CONVERSION or VISIT", field="conversionTimeMode"
        )
    ctx = Context(account.store, window.zone)

    def inside(fact: Fact, postback: float) -> bool:
        if mode == "CONVERSION":
            return window.start <= postback < window.end
        return window.start <= fact.hour and fact.hour + HOUR <= window.end

    rows: list[dict[str, Any]] = []
    raw: list[tuple[Fact, str, float, float, int, str, str]] = []
    for fact in account.traffic.facts(window.start - HOUR, window.end + HOUR, now):
        for cid, visited, postback, payout, tx in _synthetic(fact):
            if inside(fact, postback):
                raw.append((fact, cid, visited, postback, payout, tx, "Sale"))
    for up in account.uploads:
        if inside(up.fact, up.time):
            visited = _visit_time(up.fact, up.click_time, 0)
            raw.append(
                (
                    up.fact,
                    up.click_id,
                    visited,
                    up.time,
                    up.payout,
                    up.transaction_id,
                    up.conversion_type,
                )
            )
    total_revenue = total_cost = 0
    for fact, cid, visited, postback, payout, tx, kind in raw:
        cost = fact.cost // max(fact.visits, 1)
        total_revenue, total_cost = total_revenue + payout, total_cost + cost
        row = {
            "clickId": cid, "transactionId": tx, "conversionType": kind,
            "visitTimestamp": _stamp(visited, window.zone),
            "postbackTimestamp": _stamp(postback, window.zone),
            "revenue": round(payout / MICROS, 2), "cost": round(cost / MICROS, 4),
            **_cells(fact, ctx, _ENTITY_CELLS), **_cells(fact, ctx, _DEVICE_CELLS),
        }  # fmt: skip
        rows.append({k: row[k] for k in columns} | {"_order": (postback, cid, tx)})
    ordered = order_rows(
        rows, tiebreak=lambda r: r["_order"], sort=window.sort, descending=window.descending
    )
    page = [
        {k: v for k, v in r.items() if k != "_order"}
        for r in ordered[window.offset : window.offset + window.limit]
    ]
    return {
        "totalRows": len(ordered),
        "limit": window.limit,
        "offset": window.offset,
        "truncated": False,
        "messages": [],
        "totals": {
            "conversions": len(raw),
            "revenue": round(total_revenue / MICROS, 2),
            "cost": round(total_cost / MICROS, 2),
        },
        "rows": page,
    }


def live_feed(
    account: Account,
    campaign_id: int,
    kind: Literal["visits", "clicks"],
    query: httpx.QueryParams,
    now: float,
) -> dict[str, Any]:
    """The latest visits or clicks of a campaign, newest first (at most 100, last 24 hours)."""
    campaign = account.store.get("campaign", campaign_id)
    zone = parse_zone(query.get("tz"))
    ctx = Context(account.store, zone)
    events: list[tuple[float, int, int, Fact]] = []
    hour = floor_hour(now) - HOUR
    while len(events) < LIVE_LIMIT and hour >= floor_hour(now) - 24 * HOUR:
        for fact in account.traffic.campaign_facts(campaign, hour, hour + HOUR, now):
            count = fact.visits if kind == "visits" else fact.clicks
            for n in range(count):
                ts = (
                    float(fact.hour + n * HOUR // count)
                    if kind == "visits"
                    else click_time(fact, n)
                )
                events.append((ts, fact.slot, n, fact))
        hour -= HOUR
    events.sort(key=lambda e: (e[0], e[1], e[2]), reverse=True)
    rows = []
    for ts, _, n, fact in events[:LIVE_LIMIT]:
        head = {"visitTimestamp": _stamp(ts, zone)} if kind == "visits" else {
            "clickTimestamp": _stamp(ts, zone), "clickId": click_id(fact, n)
        }  # fmt: skip
        rows.append(head | _cells(fact, ctx, _ENTITY_CELLS) | _cells(fact, ctx, _DEVICE_CELLS))
    return {"rows": rows, "totalRows": len(rows)}
