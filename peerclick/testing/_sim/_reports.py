"""`GET /report` and `GET /column/info`: group, compute, filter, sort and page the facts."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import httpx

from peerclick.testing._sim._account import Account
from peerclick.testing._sim._dimensions import DIMENSIONS, Context, Dimension
from peerclick.testing._sim._metrics import DEFAULT_COLUMNS, METRICS, Sums, accumulate, new_sums
from peerclick.testing._sim._query import list_param, order_rows, parse_window
from peerclick.testing._sim._times import parse_instant
from peerclick.testing._sim._traffic import Fact
from peerclick.testing._wire import ApiError

__all__ = ["column_info", "column_mappings", "run_report"]

_INCLUDE = ("TRAFFIC", "ALL", "ACTIVE", "ARCHIVED", "ENTITY")
_MODES = ("CONVERSION", "VISIT")


def _dimensions(names: Sequence[str]) -> list[Dimension]:
    chosen: list[Dimension] = []
    for name in names:
        dimension = DIMENSIONS.get(name)
        if dimension is None:
            raise ApiError(400, f"groupBy: unknown dimension {name!r}", field="groupBy")
        if dimension not in chosen:
            chosen.append(dimension)
    return chosen


def _columns(names: Sequence[str], dims: Sequence[Dimension]) -> list[str]:
    keys = {key: d for d in DIMENSIONS.values() for key in d.keys}
    own = {key for d in dims for key in d.keys}
    metrics: list[str] = []
    for name in names:
        if name in METRICS:
            if name not in metrics:
                metrics.append(name)
        elif name in keys and name not in own:
            raise ApiError(
                400, f"columns: {name!r} needs groupBy={keys[name].name}", field="columns"
            )
        elif name not in own:
            raise ApiError(400, f"columns: unknown column {name!r}", field="columns")
    return metrics if names else list(DEFAULT_COLUMNS)


def column_mappings(dims: Sequence[Dimension], metrics: Sequence[str]) -> list[dict[str, Any]]:
    """`columnMappings` entries for the given dimensions and metric columns."""
    out: list[dict[str, Any]] = []
    for d in dims:
        for i, key in enumerate(d.keys):
            kind = d.type if i == 0 else "string"
            out.append(
                {
                    "key": key,
                    "label": key,
                    "type": kind,
                    "canGroupBy": True,
                    "canBeRestricted": True,
                }
            )
    for name in metrics:
        m = METRICS[name]
        out.append(
            {
                "key": m.key,
                "label": m.label,
                "type": m.type,
                "canGroupBy": False,
                "canBeRestricted": False,
            }
        )
    return out


def column_info() -> dict[str, Any]:
    """Every dimension and metric the fake knows."""
    unique = list(dict.fromkeys(DIMENSIONS.values()))
    return {"columnMappings": column_mappings(unique, list(METRICS))}


def _filters(query: httpx.QueryParams) -> list[tuple[Dimension, str]]:
    out = []
    for n in range(1, 10):
        name, value = query.get(f"filter{n}"), query.get(f"filter{n}Value")
        if name is None:
            continue
        dimension = DIMENSIONS.get(name)
        if dimension is None:
            raise ApiError(400, f"filter{n}: unknown dimension {name!r}", field=f"filter{n}")
        if value is None:
            raise ApiError(
                400, f"filter{n}Value: is required with filter{n}", field=f"filter{n}Value"
            )
        out.append((dimension, value))
    return out


def _workspaces(query: httpx.QueryParams) -> set[int]:
    try:
        return {int(v) for v in list_param(query, "workspaces")}
    except ValueError:
        raise ApiError(400, "workspaces: expected integer ids", field="workspaces") from None


def _choice(query: httpx.QueryParams, name: str, allowed: Sequence[str]) -> str:
    value = (query.get(name) or allowed[0]).upper()
    if value not in allowed:
        raise ApiError(
            400,
            f"{name}: expected one of {', '.join(allowed)}, got {query.get(name)!r}",
            field=name,
        )
    return value


def _keep(
    fact: Fact, ctx: Context, filters: list[tuple[Dimension, str]], workspaces: set[int]
) -> bool:
    for dimension, value in filters:
        if str(dimension.key(fact, ctx)) != value:
            return False
    if workspaces:
        campaign = ctx.store.find("campaign", fact.campaign)
        return campaign is not None and campaign.workspace_id in workspaces
    return True


def run_report(account: Account, query: httpx.QueryParams, now: float) -> dict[str, Any]:
    """Answer `GET /report` for one account."""
    rules = account.rules
    window = parse_window(
        query,
        now=now,
        hour_rounding=rules.hour_rounding,
        default_limit=rules.report_default_limit,
        max_limit=rules.report_max_limit,
    )
    names = list_param(query, "groupBy")
    if not names:
        raise ApiError(400, "groupBy: is required", field="groupBy")
    dims = _dimensions(names)
    metrics = _columns(list_param(query, "columns"), dims)
    include = _choice(query, "include", _INCLUDE)
    mode = _choice(query, "conversionTimeMode", _MODES)
    currency = (query.get("currency") or "USD").upper()
    if currency != "USD":
        raise ApiError(
            400,
            f"currency: only USD is supported by this account, got {currency!r}",
            field="currency",
        )
    for name in ("compareFrom", "compareTo"):  # accepted and checked; comparison is not computed
        if query.get(name):
            parse_instant(query[name], name, window.zone, hour_rounded=rules.hour_rounding)
    filters, workspaces = _filters(query), _workspaces(query)
    visible = [k for d in dims for k in d.keys] + metrics
    if window.sort is not None and window.sort not in visible and window.sort not in METRICS:
        raise ApiError(400, f"sort: unknown column {window.sort!r}", field="sort")
    computed = list(metrics)
    if window.sort in METRICS and window.sort not in metrics:
        computed.append(window.sort)  # sorted by, but not shown
    ctx = Context(account.store, window.zone)

    groups: dict[tuple[Hashable, ...], Sums] = {}
    for fact in account.facts(window.start, window.end, now, mode):
        if _keep(fact, ctx, filters, workspaces):
            key = tuple(d.key(fact, ctx) for d in dims)
            accumulate(groups.setdefault(key, new_sums()), fact)
    _apply_include(groups, dims, include, ctx)

    rows: list[dict[str, Any]] = []
    for key, sums in groups.items():
        row: dict[str, Any] = {"_key": key}
        for d, value in zip(dims, key, strict=True):
            row.update(zip(d.keys, d.cells(value, ctx), strict=True))
        row.update({m: METRICS[m].compute(sums) for m in computed})
        rows.append(row)
    text = (query.get("filter") or "").lower()
    if text:
        rows = [
            r for r in rows if any(isinstance(v, str) and text in v.lower() for v in r.values())
        ]
    ordered = order_rows(
        rows, tiebreak=lambda r: r["_key"], sort=window.sort, descending=window.descending
    )
    totals_sums = new_sums()
    for row in ordered:
        for i, v in enumerate(groups[row["_key"]]):
            totals_sums[i] += v
    page = [
        {k: r[k] for k in visible} for r in ordered[window.offset : window.offset + window.limit]
    ]
    return {
        "totalRows": len(ordered),
        "limit": window.limit,
        "offset": window.offset,
        "truncated": False,
        "messages": [],
        "totals": {m: METRICS[m].compute(totals_sums) for m in metrics},
        "rows": page,
        "columnMappings": column_mappings(dims, metrics),
    }


def _apply_include(
    groups: dict[tuple[Hashable, ...], Sums], dims: Sequence[Dimension], include: str, ctx: Context
) -> None:
    entity_dims = [(i, d) for i, d in enumerate(dims) if d.entity is not None]

    def archived(key: tuple[Hashable, ...]) -> bool:
        for i, d in entity_dims:
            record = ctx.store.find(str(d.entity), key[i])  # type: ignore[arg-type]
            if record is not None and record.deleted:
                return True
        return False

    if include == "ACTIVE":
        for key in [k for k in groups if archived(k)]:
            del groups[key]
    elif include == "ARCHIVED":
        for key in [k for k in groups if not archived(k)]:
            del groups[key]
    elif include in ("ALL", "ENTITY") and len(dims) == 1 and dims[0].entity is not None:
        kind = dims[0].entity
        for record in ctx.store.all(kind, include_deleted=include == "ALL"):
            groups.setdefault((record.id,), new_sums())
