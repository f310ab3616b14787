"""Reading report query strings: time range, zone, paging, sorting and list parameters."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo
from typing import Any

import attrs
import httpx

from peerclick.testing._sim._times import HOUR, floor_hour, parse_instant, parse_zone
from peerclick.testing._wire import ApiError

__all__ = ["Window", "list_param", "order_rows", "parse_int", "parse_window"]


@attrs.frozen
class Window:
    """The part every report shares: [start, end) in a zone, sort and page."""

    start: float
    end: float
    zone: tzinfo
    sort: str | None
    descending: bool
    limit: int
    offset: int


def list_param(query: httpx.QueryParams, name: str) -> list[str]:
    """A repeated parameter (`a=1&a=2`); comma lists (`a=1,2`) are accepted too."""
    values: list[str] = []
    for raw in query.get_list(name):
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return values


def parse_int(
    query: httpx.QueryParams, name: str, default: int, *, minimum: int, maximum: int
) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name}: expected an integer, got {raw!r}", field=name) from None
    if not minimum <= value <= maximum:
        raise ApiError(
            400, f"{name}: must be between {minimum} and {maximum}, got {value}", field=name
        )
    return value


def parse_window(
    query: httpx.QueryParams,
    *,
    now: float,
    hour_rounding: bool,
    default_limit: int,
    max_limit: int,
) -> Window:
    """Validate `from`, `to`, `tz`, `sort`, `direction`, `limit` and `offset` (400 on any fault)."""
    zone = parse_zone(query.get("tz"))
    raw_from = query.get("from")
    if not raw_from:
        raise ApiError(400, "from: is required", field="from")
    start = parse_instant(raw_from, "from", zone, hour_rounded=hour_rounding)
    raw_to = query.get("to")
    end = (
        parse_instant(raw_to, "to", zone, hour_rounded=hour_rounding)
        if raw_to
        else float(floor_hour(now) + HOUR)
    )
    if start >= end:
        raise ApiError(
            400, f"from must be before to (from={raw_from!r}, to={raw_to!r})", field="from"
        )
    direction = (query.get("direction") or "").upper()
    if direction not in ("", "ASC", "DESC"):
        raise ApiError(
            400,
            f"direction: expected ASC or DESC, got {query.get('direction')!r}",
            field="direction",
        )
    sort = query.get("sort") or None
    limit = parse_int(query, "limit", default_limit, minimum=1, maximum=max_limit)
    offset = parse_int(query, "offset", 0, minimum=0, maximum=2**31)
    descending = direction == "DESC" if direction else sort is not None
    return Window(start, end, zone, sort, descending, limit, offset)


def _sortable(value: Any) -> tuple[bool, Any]:
    return (value is not None, "" if value is None else value)


def order_rows(
    rows: Sequence[dict[str, Any]],
    *,
    tiebreak: Callable[[dict[str, Any]], Sequence[Any]],
    sort: str | None,
    descending: bool,
) -> list[dict[str, Any]]:
    """Rows in a total, stable order: by `sort` (if any), then ascending by `tiebreak` (None first).

    Paging relies on this: with a fixed query every page cuts the same sequence, so each row
    appears exactly once across pages.
    """
    ordered = sorted(rows, key=lambda row: tuple(_sortable(v) for v in tiebreak(row)))
    if sort is not None:
        ordered.sort(key=lambda row: _sortable(row.get(sort)), reverse=descending)
    return ordered
