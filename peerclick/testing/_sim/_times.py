"""Parsing and formatting times the way the reference describes (`from`/`to`, time zones)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peerclick.testing._wire import ApiError

__all__ = [
    "DAY",
    "HOUR",
    "floor_hour",
    "iso_utc",
    "local_day",
    "local_hour",
    "parse_instant",
    "parse_zone",
    "same_zone",
]

HOUR = 3600
DAY = 86400

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<h>\d{2})"
    r"(?::(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d+))?)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
_UTC_ALIASES = {"UTC", "ETC/UTC", "ETC/GMT", "GMT", "Z", "ETC/UCT", "UCT", "ETC/ZULU", "ZULU"}


def parse_zone(name: str | None, field: str = "tz") -> tzinfo:
    """An IANA zone (`Etc/GMT`, `Europe/Berlin`); missing means UTC; unknown is a 400."""
    if name is None or name == "":
        return UTC
    if name.upper() in _UTC_ALIASES:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ApiError(400, f"{field}: unknown time zone {name!r}", field=field) from None


def same_zone(a: str, b: str) -> bool:
    """Whether two zone names mean the same zone (the UTC spellings are all one)."""
    if a.upper() in _UTC_ALIASES and b.upper() in _UTC_ALIASES:
        return True
    return a == b


def parse_instant(value: str, field: str, zone: tzinfo, *, hour_rounded: bool = True) -> float:
    """Epoch seconds for `YYYY-MM-DD` (midnight in `zone`) or an ISO date-time.

    A date-time without an offset is read in `zone`. With `hour_rounded`, minutes and seconds must
    be zero, as Voluum (and so PeerClick) demands; anything else is a 400 naming the field.
    """
    text = value.strip()
    if _DATE.match(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ApiError(400, f"{field}: invalid date {value!r}", field=field) from None
        return datetime(day.year, day.month, day.day, tzinfo=zone).timestamp()
    match = _DATETIME.match(text)
    if match is None:
        raise ApiError(
            400,
            f"{field}: expected YYYY-MM-DD or a date-time like 2026-11-01T00:00:00Z, got {value!r}",
            field=field,
        )
    minute, second, fraction = match["m"] or "00", match["s"] or "00", match["f"] or ""
    if hour_rounded and (minute != "00" or second != "00" or fraction.strip("0")):
        raise ApiError(
            400, f"{field}: time must be rounded to the hour, got {value!r}", field=field
        )
    offset = match["tz"]
    iso = f"{match['date']}T{match['h']}:{minute}:{second}"
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        raise ApiError(400, f"{field}: invalid date-time {value!r}", field=field) from None
    if offset is None:
        moment = moment.replace(tzinfo=zone)
    elif offset == "Z":
        moment = moment.replace(tzinfo=UTC)
    else:
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        moment = moment.replace(tzinfo=UTC) - sign * delta
    return moment.timestamp() + (float(f"0.{fraction}") if fraction else 0.0)


def floor_hour(ts: float) -> int:
    """The start of the UTC hour holding `ts`."""
    return int(ts // HOUR) * HOUR


def iso_utc(ts: float) -> str:
    """`2026-11-27T00:00:00Z`: how the fake writes instants."""
    return datetime.fromtimestamp(int(ts), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_day(ts: float, zone: tzinfo) -> str:
    """The calendar day of `ts` in `zone`."""
    return datetime.fromtimestamp(ts, zone).strftime("%Y-%m-%d")


def local_hour(ts: float, zone: tzinfo) -> str:
    """The hour of `ts` in `zone`, as `YYYY-MM-DD HH:00`."""
    return datetime.fromtimestamp(ts, zone).strftime("%Y-%m-%d %H:00")
