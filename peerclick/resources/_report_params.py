"""Report arguments: checked and turned into the generated `get_report` call's keyword arguments.

Pure and shared by `Reports` and `AsyncReports`: nothing here does I/O, so every bad argument is
refused (`TypeError`/`ValueError` naming the argument) before a request could be sent. The value
lists mirror the spec's `x-known-values` for `/report`; they are open sets there, but a typo in a
dimension is far likelier than a dimension PeerClick added yesterday, and `pc.api` stays open for
anything these lists refuse.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Literal, TypedDict, get_args

from peerclick.resources._base import check_id
from peerclick.resources._dates import (
    check_range,
    check_timezone,
    format_api_time,
    to_wall_clock,
)

__all__ = [
    "COLUMN_PATTERNS",
    "CONVERSION_TIME_MODES",
    "DIRECTIONS",
    "GROUP_BY_VALUES",
    "INCLUDE_VALUES",
    "KNOWN_COLUMNS",
    "MAX_LIMIT",
    "MAX_REPORT_FILTERS",
    "ConversionTimeMode",
    "Direction",
    "GroupBy",
    "Include",
    "ReportOptions",
    "build_report_kwargs",
    "check_column",
    "check_options",
    "check_page_size",
    "live_kwargs",
    "next_offset",
    "page_kwargs",
    "resolve_range",
]

GroupBy = Literal[
    "campaign",
    "offer",
    "lander",
    "flow",
    "country",
    "language",
    "trafficSource",
    "affiliateNetwork",
    "conversion",
    "campaignId",
    "offerId",
    "landerId",
    "flowId",
    "trafficSourceId",
    "city",
    "region",
    "deviceType",
    "brand",
    "model",
    "os",
    "osVersion",
    "browser",
    "browserVersion",
    "isp",
    "connectionType",
    "ip",
    "referrer",
    "day",
    "hour",
    "customVariable1",
    "customVariable2",
    "customVariable3",
    "customVariable4",
    "customVariable5",
    "customVariable6",
    "customVariable7",
    "customVariable8",
    "customVariable9",
    "customVariable10",
]
"""The `groupBy` values the spec lists (x-known-values of `/report`)."""

Direction = Literal["asc", "desc", "ASC", "DESC"]
Include = Literal[
    "ALL",
    "ACTIVE",
    "ARCHIVED",
    "TRAFFIC",
    "ENTITY",
    "all",
    "active",
    "archived",
    "traffic",
    "entity",
]
ConversionTimeMode = Literal["CONVERSION", "VISIT", "conversion", "visit"]

GroupByArg = GroupBy | Sequence[GroupBy]


class ReportOptions(TypedDict, total=False):
    """What a report shows: the keywords every report method takes (`get`, `iter_rows`,
    `export_csv`, `conversions`, `iter_conversions`, sync and async), defined once here.

    Every one is optional; `build_report_kwargs` checks them all before any request (a bad one is
    a TypeError/ValueError naming it, an unknown keyword a TypeError).

    Attributes:
        columns: metric or dimension columns to return (`visits`, `campaignName`, ...).
        timezone: IANA zone the dates and the report's days are in; default "UTC".
        sort: a column to sort by. Over a split range rows come chunk by chunk, each sorted.
        direction: `asc` or `desc` (any case).
        filters: `{"campaign": 12}`-style drill-downs (at most 3) or a free-text filter.
        include: ALL, ACTIVE, ARCHIVED, TRAFFIC or ENTITY (any case).
        conversion_time_mode: CONVERSION (postback time) or VISIT (visit time).
        currency: ISO 4217 code for money columns, e.g. "EUR".
    """

    columns: str | Sequence[str]
    timezone: str
    sort: str
    direction: Direction
    filters: Mapping[str, str | int] | str
    include: Include
    conversion_time_mode: ConversionTimeMode
    currency: str


_OPTION_KEYS = ReportOptions.__optional_keys__


def check_options(options: Mapping[str, object], method: str) -> None:
    """Refuse keywords `ReportOptions` does not know, as Python does for a named parameter."""
    for key in options:
        if key not in _OPTION_KEYS:
            raise TypeError(
                f"{method}() got an unexpected keyword argument {key!r}; report options: "
                f"{', '.join(sorted(_OPTION_KEYS))}"
            )


GROUP_BY_VALUES: tuple[str, ...] = get_args(GroupBy)
DIRECTIONS = ("ASC", "DESC")
INCLUDE_VALUES = ("ALL", "ACTIVE", "ARCHIVED", "TRAFFIC", "ENTITY")
CONVERSION_TIME_MODES = ("CONVERSION", "VISIT")

KNOWN_COLUMNS: tuple[str, ...] = (
    "visits",
    "uniqueVisits",
    "clicks",
    "conversions",
    "revenue",
    "cost",
    "profit",
    "cpv",
    "ctr",
    "cr",
    "cv",
    "roi",
    "epv",
    "epc",
    "ap",
    "cpc",
    "cpa",
    "cpm",
    "errors",
    *(f"event{n}" for n in range(1, 11)),
)
"""The metric columns the spec lists (x-known-values of `/report` `columns`)."""

# Dimension columns come as <entity>Id / <entity>Name (Voluum's naming, which PeerClick copies).
_DIMENSION_ENTITIES = (
    "campaign",
    "offer",
    "lander",
    "flow",
    "trafficSource",
    "affiliateNetwork",
    "workspace",
    "campaignWorkspace",
    "country",
)
_EXTRA_DIMENSION_COLUMNS = (
    "countryCode",
    "countryName",
    "campaignCountry",
    "hourOfDay",
    "day",
    "hour",
    # Keys of conversions-report rows (Voluum's, which the reference lists for PeerClick).
    "clickId",
    "transactionId",
    "visitTimestamp",
    "postbackTimestamp",
    "conversionType",
)
COLUMN_PATTERNS: tuple[str, ...] = (
    "customVariable<N>",
    "event<N>",
    "customConversions<N>",
    "customRevenue<N>",
    "<entity>Id",
    "<entity>Name",
)
_COLUMN_RE = re.compile(
    r"(?:customVariable|event|customConversions|customRevenue)[1-9][0-9]*"
    r"|(?:" + "|".join(_DIMENSION_ENTITIES) + r")(?:Id|Name)"
    r"|" + "|".join(_EXTRA_DIMENSION_COLUMNS)
)
_CURRENCY_RE = re.compile(r"[A-Za-z]{3}")

MAX_LIMIT = 100_000
MAX_REPORT_FILTERS = 3


def _now(tz: tzinfo) -> datetime:
    """The current time in `tz`; tests monkeypatch this to pin "today"."""
    return datetime.now(tz)


# --- single values -------------------------------------------------------------------------------


def _names(value: object, name: str) -> list[str]:
    """A string or a non-empty sequence of strings, as a list."""
    if isinstance(value, str):
        items: list[object] = [value]
    elif isinstance(value, bytes | bytearray | Mapping) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a string or a list of strings, got {type(value).__name__}")
    else:
        items = list(value)
    if not items:
        raise ValueError(f"{name} must not be empty")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name} items must be strings, got {type(item).__name__} {item!r}")
        if not item.strip():
            raise ValueError(f"{name} items must not be blank, got {item!r}")
        out.append(item.strip())
    return out


def _check_group_by(value: str, name: str) -> str:
    if value not in GROUP_BY_VALUES:
        raise ValueError(
            f"{name} has unknown dimension {value!r}; allowed: {', '.join(GROUP_BY_VALUES)}"
        )
    return value


def check_column(value: str, name: str = "columns") -> str:
    """A known metric column or a dimension column matching one of COLUMN_PATTERNS."""
    if value in KNOWN_COLUMNS or _COLUMN_RE.fullmatch(value):
        return value
    raise ValueError(
        f"{name} has unknown column {value!r}; known columns: {', '.join(KNOWN_COLUMNS)}; "
        f"also {', '.join(COLUMN_PATTERNS)} (entity: {', '.join(_DIMENSION_ENTITIES)}) and "
        f"{', '.join(_EXTRA_DIMENSION_COLUMNS)}"
    )


def _choice(value: object, name: str, allowed: Sequence[str]) -> str:
    """One of `allowed`, in any case; sent upper-cased."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {', '.join(allowed)}; got {value!r}")
    upper = value.strip().upper()
    if upper not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)} (any case), got {value!r}")
    return upper


def _int_in(value: object, name: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < low or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be {bounds}, got {value}")
    return value


def check_page_size(value: object) -> int:
    """Rows per request for the iterating methods: 1..MAX_LIMIT."""
    return _int_in(value, "page_size", 1, MAX_LIMIT)


def _currency(value: object) -> str:
    if not isinstance(value, str) or not _CURRENCY_RE.fullmatch(value.strip()):
        raise ValueError(f"currency must be a 3-letter ISO 4217 code such as 'USD', got {value!r}")
    return value.strip().upper()


def _filters(value: object) -> dict[str, str]:
    """A free-text `filter`, or up to three `dimension -> value` drill-downs (filterN)."""
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("filters must not be a blank string")
        return {"filter_": value}
    if not isinstance(value, Mapping):
        raise TypeError(
            "filters must be a mapping of dimension -> value (e.g. {'campaign': 12}) or a "
            f"free-text string, got {type(value).__name__}"
        )
    if len(value) > MAX_REPORT_FILTERS:
        raise ValueError(
            f"filters may hold at most {MAX_REPORT_FILTERS} dimensions, got {len(value)}"
        )
    out: dict[str, str] = {}
    for n, (dimension, wanted) in enumerate(value.items(), start=1):
        if not isinstance(dimension, str):
            raise TypeError(f"filters keys must be dimension names, got {dimension!r}")
        _check_group_by(dimension, "filters")
        if isinstance(wanted, bool) or not isinstance(wanted, str | int):
            raise TypeError(
                f"filters[{dimension!r}] must be a string or an int id, got "
                f"{type(wanted).__name__} {wanted!r}"
            )
        if isinstance(wanted, str) and not wanted.strip():
            raise ValueError(f"filters[{dimension!r}] must not be blank")
        out[f"filter{n}"] = dimension
        out[f"filter_{n}_value"] = str(wanted)
    return out


def live_kwargs(campaign_id: object, timezone: object) -> tuple[int, dict[str, Any]]:
    """(campaign id, generated kwargs) for the live reports; `timezone=None` sends no `tz`."""
    cid = check_id(campaign_id, "campaign_id")
    if timezone is None:
        return cid, {}
    check_timezone(timezone, "timezone")
    return cid, {"tz": timezone}


# --- dates ---------------------------------------------------------------------------------------


def resolve_range(
    date_from: object,
    date_to: object,
    timezone: object,
    *,
    clock: Callable[[], float] | None = None,
) -> tuple[str, str, str]:
    """(`from`, `to`, `tz`) as the API wants them.

    Both dates -> `YYYY-MM-DD`; a datetime on either side -> both as hour-rounded wall-clock
    date-times. `date_to=None` means "up to now": tomorrow's date when `date_from` is a date,
    else the next full hour, both in `timezone`. "Now" is the client's ``clock`` (epoch
    seconds) when it has one, so a client on a fake clock asks for the fake's today.
    """
    tz = check_timezone(timezone, "timezone")
    start = to_wall_clock(date_from, tz, "date_from")
    if date_to is None:
        current = _now(tz) if clock is None else datetime.fromtimestamp(clock(), tz)
        now = current.replace(tzinfo=None)
        if isinstance(start, datetime):
            end: date | datetime = now.replace(minute=0, second=0, microsecond=0) + timedelta(
                hours=1
            )
        else:
            end = now.date() + timedelta(days=1)
    else:
        end = to_wall_clock(date_to, tz, "date_to")
    check_range(start, end, start_name="date_from", end_name="date_to")
    as_datetime = isinstance(start, datetime) or isinstance(end, datetime)
    assert isinstance(timezone, str)  # check_timezone refused anything else
    return (
        format_api_time(start, as_datetime=as_datetime),
        format_api_time(end, as_datetime=as_datetime),
        timezone,
    )


# --- the whole call ------------------------------------------------------------------------------


def build_report_kwargs(
    *,
    group_by: object,
    date_from: object,
    date_to: object = None,
    columns: object = None,
    timezone: object = "UTC",
    sort: object = None,
    direction: object = None,
    filters: object = None,
    include: object = None,
    conversion_time_mode: object = None,
    currency: object = None,
    limit: object = None,
    offset: object = None,
    group_by_required: bool = True,
    clock: Callable[[], float] | None = None,
) -> dict[str, Any]:
    """Check every report argument; return the generated call's kwargs (unset ones left out).

    ``clock``: the client's (epoch seconds), for a missing ``date_to`` (see resolve_range).

    Raises:
        TypeError, ValueError: naming the argument, what was expected and what arrived.
    """
    kwargs: dict[str, Any] = {}
    if group_by is not None or group_by_required:
        if group_by is None:
            raise TypeError("group_by is required: a dimension such as 'campaign' or a list")
        kwargs["group_by"] = [_check_group_by(g, "group_by") for g in _names(group_by, "group_by")]
    kwargs["from_"], kwargs["to"], kwargs["tz"] = resolve_range(
        date_from, date_to, timezone, clock=clock
    )
    if columns is not None:
        kwargs["columns"] = [check_column(c) for c in _names(columns, "columns")]
    if sort is not None:
        if not isinstance(sort, str):
            raise TypeError(f"sort must be a column name string, got {type(sort).__name__}")
        kwargs["sort"] = check_column(sort.strip(), "sort")
    if direction is not None:
        kwargs["direction"] = _choice(direction, "direction", DIRECTIONS)
    if include is not None:
        kwargs["include"] = _choice(include, "include", INCLUDE_VALUES)
    if conversion_time_mode is not None:
        kwargs["conversion_time_mode"] = _choice(
            conversion_time_mode, "conversion_time_mode", CONVERSION_TIME_MODES
        )
    if currency is not None:
        kwargs["currency"] = _currency(currency)
    if filters is not None:
        kwargs.update(_filters(filters))
    if limit is not None:
        kwargs["limit"] = _int_in(limit, "limit", 1, MAX_LIMIT)
    if offset is not None:
        kwargs["offset"] = _int_in(offset, "offset", 0)
    return kwargs


def page_kwargs(kwargs: Mapping[str, Any], limit: int, offset: int) -> dict[str, Any]:
    """The same call for one page."""
    return {**kwargs, "limit": limit, "offset": offset}


def next_offset(offset: int, received: int, page_size: int, total_rows: int | None) -> int | None:
    """Where the next page starts, or None when the walk is over.

    Over when a page comes back empty or short, or once `total_rows` (when the server sent it)
    rows have been seen.
    """
    if received == 0 or received < page_size:
        return None
    offset += received
    if total_rows is not None and offset >= total_rows:
        return None
    return offset
