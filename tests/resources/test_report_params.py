"""Report arguments: what is refused (naming the argument) and what the generated call receives."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from peerclick.resources import _report_params
from peerclick.resources._report_params import (
    GROUP_BY_VALUES,
    KNOWN_COLUMNS,
    build_report_kwargs,
    check_column,
    check_page_size,
    live_kwargs,
    next_offset,
    resolve_range,
)


def build(**overrides: Any) -> dict[str, Any]:
    args: dict[str, Any] = {"group_by": "campaign", "date_from": "2026-11-01"}
    args.update(overrides)
    return build_report_kwargs(**args)


@pytest.fixture
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Pins "now" to 2026-11-26 14:37 UTC."""
    now = datetime(2026, 11, 26, 14, 37, 12, tzinfo=UTC)
    monkeypatch.setattr(_report_params, "_now", lambda tz: now.astimezone(tz))
    return now


class TestSpecValues:
    def test_group_by_values_match_the_spec(self) -> None:
        """GROUP_BY_VALUES is a copy of the spec's x-known-values for groupBy."""
        yaml = pytest.importorskip("yaml")
        spec_path = Path(__file__).resolve().parents[2] / "openapi" / "peerclick.yaml"
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        params = {p["name"]: p for p in spec["paths"]["/report"]["get"]["parameters"]}
        assert list(GROUP_BY_VALUES) == params["groupBy"]["schema"]["items"]["x-known-values"]
        assert list(KNOWN_COLUMNS) == params["columns"]["schema"]["items"]["x-known-values"]


class TestBuildReportKwargs:
    def test_typical_call(self) -> None:
        """Every option is checked and spelled as the generated get_report wants it."""
        kwargs = build(
            group_by=["campaign", "day"],
            date_to="2026-11-08",
            columns=("visits", "revenue", "campaignName", "customVariable3", "event12"),
            timezone="Europe/Berlin",
            sort="revenue",
            direction="desc",
            include="active",
            conversion_time_mode="visit",
            currency="eur",
            filters={"campaign": 12, "country": "DE"},
            limit=50,
            offset=100,
        )
        assert kwargs == {
            "group_by": ["campaign", "day"],
            "from_": "2026-11-01",
            "to": "2026-11-08",
            "tz": "Europe/Berlin",
            "columns": ["visits", "revenue", "campaignName", "customVariable3", "event12"],
            "sort": "revenue",
            "direction": "DESC",
            "include": "ACTIVE",
            "conversion_time_mode": "VISIT",
            "currency": "EUR",
            "filter1": "campaign",
            "filter_1_value": "12",
            "filter2": "country",
            "filter_2_value": "DE",
            "limit": 50,
            "offset": 100,
        }

    def test_free_text_filter(self) -> None:
        """A string filter is the free-text `filter` parameter."""
        assert build(date_to="2026-11-02", filters="summer")["filter_"] == "summer"

    def test_group_by_optional_for_conversions(self) -> None:
        """The conversions report may leave groupBy out."""
        kwargs = build_report_kwargs(
            group_by=None, date_from="2026-11-01", date_to="2026-11-02", group_by_required=False
        )
        assert "group_by" not in kwargs

    @pytest.mark.parametrize(
        ("overrides", "error", "words"),
        [
            ({"group_by": None}, TypeError, "group_by"),
            ({"group_by": []}, ValueError, "group_by must not be empty"),
            ({"group_by": b"campaign"}, TypeError, "group_by"),
            ({"group_by": {"campaign": 1}}, TypeError, "group_by"),
            ({"group_by": ["campaign", 3]}, TypeError, "group_by items"),
            ({"group_by": "campain"}, ValueError, "group_by has unknown dimension 'campain'"),
            ({"columns": []}, ValueError, "columns must not be empty"),
            ({"columns": "visitz"}, ValueError, "columns has unknown column 'visitz'"),
            ({"columns": [b"visits"]}, TypeError, "columns items"),
            ({"sort": 3}, TypeError, "sort"),
            ({"sort": "nope"}, ValueError, "sort has unknown column"),
            ({"direction": "up"}, ValueError, "direction must be one of ASC, DESC"),
            ({"include": "SOME"}, ValueError, "include must be one of"),
            ({"conversion_time_mode": "NOW"}, ValueError, "conversion_time_mode"),
            ({"currency": "EURO"}, ValueError, "currency"),
            ({"currency": 978}, ValueError, "currency"),
            ({"limit": 0}, ValueError, "limit must be between 1 and 100000"),
            ({"limit": 100_001}, ValueError, "limit"),
            ({"limit": True}, TypeError, "limit must be an int"),
            ({"limit": 5.0}, TypeError, "limit"),
            ({"offset": -1}, ValueError, "offset must be >= 0"),
            ({"offset": False}, TypeError, "offset"),
            ({"filters": {"a": 1, "b": 2, "c": 3, "d": 4}}, ValueError, "at most 3"),
            ({"filters": {"planet": 1}}, ValueError, "filters has unknown dimension"),
            ({"filters": {"campaign": True}}, TypeError, "filters['campaign']"),
            ({"filters": {"campaign": ""}}, ValueError, "filters['campaign']"),
            ({"filters": ["campaign"]}, TypeError, "filters must be a mapping"),
            ({"filters": " "}, ValueError, "filters"),
            ({"timezone": "Mars/Olympus"}, ValueError, "timezone must be an IANA time zone"),
            ({"timezone": None}, TypeError, "timezone"),
            ({"date_from": "2026-13-01"}, ValueError, "date_from must be an ISO-8601"),
            ({"date_from": 20261101}, TypeError, "date_from"),
            ({"date_from": "2026-11-01T10:30:00"}, ValueError, "date_from must be on the hour"),
            ({"date_to": datetime(2026, 11, 2, 0, 15)}, ValueError, "date_to must be on the hour"),
            ({"date_to": "2026-11-01"}, ValueError, "date_from must be before date_to"),
            ({"date_to": "2026-10-31"}, ValueError, "date_to is exclusive"),
        ],
    )
    def test_refused(self, overrides: dict[str, Any], error: type[Exception], words: str) -> None:
        """A bad argument raises with a message naming it."""
        overrides.setdefault("date_to", "2026-11-02")
        with pytest.raises(error) as caught:
            build(**overrides)
        assert words in str(caught.value)

    def test_unknown_group_by_lists_allowed(self) -> None:
        """The message lists the allowed dimensions."""
        with pytest.raises(ValueError, match="allowed: campaign, offer, lander"):
            build(group_by="campain", date_to="2026-11-02")


class TestCheckColumn:
    @pytest.mark.parametrize(
        "name",
        [
            "visits",
            "event10",
            "event11",
            "customVariable7",
            "customConversions2",
            "customRevenue3",
            "campaignId",
            "offerName",
            "trafficSourceName",
            "countryCode",
            "hourOfDay",
            "day",
        ],
    )
    def test_accepted(self, name: str) -> None:
        """Known metrics and the dimension patterns pass unchanged."""
        assert check_column(name) == name

    @pytest.mark.parametrize("name", ["event0", "customVariable", "planetId", "Visits", "cost "])
    def test_refused(self, name: str) -> None:
        """Anything else is a ValueError listing the known columns."""
        with pytest.raises(ValueError, match="known columns: visits, uniqueVisits"):
            check_column(name)


class TestResolveRange:
    def test_dates_stay_dates(self) -> None:
        """Two dates are sent as dates."""
        assert resolve_range(date(2026, 11, 1), "2026-11-03", "UTC") == (
            "2026-11-01",
            "2026-11-03",
            "UTC",
        )

    def test_datetime_on_either_side_sends_both_as_datetimes(self) -> None:
        """A datetime on one side turns the other into midnight date-time."""
        assert resolve_range("2026-11-01", datetime(2026, 11, 2, 6), "UTC") == (
            "2026-11-01T00:00:00Z",
            "2026-11-02T06:00:00Z",
            "UTC",
        )

    def test_aware_datetimes_become_wall_clock_in_timezone(self) -> None:
        """An aware datetime is converted to the report's zone and sent as wall-clock time."""
        start = datetime(2026, 11, 1, 9, tzinfo=UTC)
        end = datetime(2026, 11, 1, 21, tzinfo=ZoneInfo("Asia/Tokyo"))  # 12:00 UTC
        assert resolve_range(start, end, "Europe/Berlin") == (
            "2026-11-01T10:00:00Z",
            "2026-11-01T13:00:00Z",
            "Europe/Berlin",
        )

    def test_default_end_for_a_date_is_tomorrow_in_timezone(self, pinned_now: datetime) -> None:
        """date_to=None with a date start means up to now: tomorrow's date in the zone."""
        assert resolve_range("2026-11-20", None, "UTC")[1] == "2026-11-27"
        # 14:37 UTC is already 2026-11-27 in Kiritimati (UTC+14).
        assert resolve_range("2026-11-20", None, "Pacific/Kiritimati")[1] == "2026-11-28"

    def test_default_end_for_a_datetime_is_the_next_full_hour(self, pinned_now: datetime) -> None:
        """date_to=None with a datetime start: the next full hour in the zone."""
        assert resolve_range("2026-11-26T08:00", None, "UTC")[1] == "2026-11-26T15:00:00Z"
        assert resolve_range("2026-11-26T08:00", None, "Asia/Kolkata")[1] == (
            "2026-11-26T21:00:00Z"  # 14:37 UTC = 20:07 IST
        )

    def test_future_start_without_end_is_refused(self, pinned_now: datetime) -> None:
        """A start after "now" with no end is an empty range."""
        tomorrow = (pinned_now + timedelta(days=1)).date()
        with pytest.raises(ValueError, match="date_from must be before date_to"):
            resolve_range(tomorrow, None, "UTC")


def test_range_is_checked_after_conversion() -> None:
    """12:00 in Tokyo is before 09:00 UTC: the range check compares converted times."""
    with pytest.raises(ValueError, match="date_from must be before date_to"):
        build(
            date_from=datetime(2026, 11, 1, 9, tzinfo=UTC),
            date_to=datetime(2026, 11, 1, 12, tzinfo=ZoneInfo("Asia/Tokyo")),
        )


class TestPaging:
    def test_page_size_bounds(self) -> None:
        """page_size is an int in 1..100000."""
        assert check_page_size(1) == 1
        bad_values = ((0, ValueError), (100_001, ValueError), (True, TypeError), ("5", TypeError))
        for bad, error in bad_values:
            with pytest.raises(error, match="page_size"):
                check_page_size(bad)

    @pytest.mark.parametrize(
        ("offset", "received", "size", "total", "expected"),
        [
            (0, 10, 10, 25, 10),
            (10, 10, 10, 25, 20),
            (20, 5, 10, 25, None),  # short page
            (0, 10, 10, 10, None),  # total reached
            (0, 0, 10, 25, None),  # empty page
            (0, 10, 10, None, 10),  # no total: go on while pages are full
            (0, 12, 10, 30, 12),  # the server sent more than asked: skip what it sent
        ],
    )
    def test_next_offset(
        self, offset: int, received: int, size: int, total: int | None, expected: int | None
    ) -> None:
        """The walk goes on while pages are full and total_rows is not reached."""
        assert next_offset(offset, received, size, total) == expected


class TestLiveKwargs:
    def test_live_kwargs(self) -> None:
        """Campaign ids are positive ints; a time zone is optional."""
        assert live_kwargs(5, None) == (5, {})
        assert live_kwargs(5, "Etc/GMT") == (5, {"tz": "Etc/GMT"})
        with pytest.raises(TypeError, match="campaign_id"):
            live_kwargs("5", None)
        with pytest.raises(ValueError, match="timezone"):
            live_kwargs(5, "Nowhere/Land")
