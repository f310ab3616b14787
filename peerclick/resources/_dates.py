"""Dates and times the way PeerClick's reports and cost updates want them.

The API takes `from`/`to` as a date (`2026-11-01`) or a date-time on the hour, written as wall-clock
time in the request's time zone (`2026-11-01T00:00:00Z` with `tz=Europe/Berlin` means midnight in
Berlin, as in Voluum, whose API PeerClick copies); `to` is exclusive. A time that is not on the hour
is answered with 400, so it is refused here, before any request, with a message that says so.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DateLike",
    "check_range",
    "check_timezone",
    "format_api_time",
    "to_wall_clock",
]

DateLike = date | datetime | str


def check_timezone(value: object, name: str = "timezone") -> ZoneInfo:
    """An IANA zone name (`UTC`, `Europe/Berlin`, `Etc/GMT`), or ValueError naming the argument."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be an IANA time zone name (str), got {type(value).__name__}")
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{name} must be an IANA time zone such as 'UTC' or 'Europe/Berlin', got {value!r}"
        ) from None


def to_wall_clock(value: object, tz: ZoneInfo, name: str) -> date | datetime:
    """A date stays a date; a datetime becomes naive wall-clock time in `tz`.

    Naive datetimes are taken to be in `tz` already; aware ones are converted. ISO strings are
    parsed first (`2026-11-01`, `2026-11-01T10:00`, `2026-11-01T10:00:00Z`, `...+02:00`).
    """
    if isinstance(value, str):
        value = _parse_iso(value, name)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(tz).replace(tzinfo=None)
        if (value.minute, value.second, value.microsecond) != (0, 0, 0):
            raise ValueError(
                f"{name} must be on the hour (PeerClick answers 400 otherwise), got "
                f"{value.isoformat()}; round it with .replace(minute=0, second=0, microsecond=0)"
            )
        return value
    if isinstance(value, date):
        return value
    raise TypeError(
        f"{name} must be a date, a datetime or an ISO-8601 string, got {type(value).__name__}"
    )


def _parse_iso(text: str, name: str) -> date | datetime:
    stripped = text.strip()
    try:
        if len(stripped) == 10:
            return date.fromisoformat(stripped)
        return datetime.fromisoformat(stripped)
    except ValueError:
        raise ValueError(
            f"{name} must be an ISO-8601 date or date-time such as '2026-11-01' or "
            f"'2026-11-01T10:00:00Z', got {text!r}"
        ) from None


def _as_datetime(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)


def check_range(
    start: date | datetime,
    end: date | datetime,
    *,
    start_name: str = "date_from",
    end_name: str = "date_to",
    max_days: int | None = None,
) -> None:
    """`end` (exclusive) must come after `start`, and no more than `max_days` after it."""
    a, b = _as_datetime(start), _as_datetime(end)
    if a >= b:
        raise ValueError(
            f"{start_name} must be before {end_name} ({end_name} is exclusive), got "
            f"{start_name}={start.isoformat()} and {end_name}={end.isoformat()}"
        )
    if max_days is not None and b - a > timedelta(days=max_days):
        raise ValueError(
            f"the range from {start_name} to {end_name} may span at most {max_days} days, "
            f"got {(b - a).total_seconds() / 86400:g} days"
        )


def format_api_time(value: date | datetime, *, as_datetime: bool = False) -> str:
    """`YYYY-MM-DD` for a date (unless `as_datetime`), else `YYYY-MM-DDTHH:00:00Z` wall-clock."""
    if isinstance(value, datetime) or as_datetime:
        return _as_datetime(value).strftime("%Y-%m-%dT%H:00:00Z")
    return value.isoformat()
