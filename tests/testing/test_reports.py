"""Reports: group-by, columns, sorting, paging, totals, validation, time zones and determinism."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from peerclick.testing import FakeClock, FakePeerClick, Rules

from .bodies import BODIES
from .conftest import assert_error

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-27"}


def report(http: httpx.Client, **params: Any) -> dict[str, Any]:
    reply = http.get("/report", params=NOVEMBER | params)
    assert reply.status_code == 200, reply.text
    body: dict[str, Any] = reply.json()
    return body


class TestGrouping:
    def test_by_campaign(self, http: httpx.Client) -> None:
        """One row per campaign with id and name, ordered by the group key by default."""
        body = report(http, groupBy="campaign")
        assert [r["campaignId"] for r in body["rows"]] == [1, 2, 3, 4, 5]
        assert body["rows"][0]["campaignName"] == "iPhone sweeps US"
        assert body["totalRows"] == 5 and body["offset"] == 0 and body["limit"] == 100

    @pytest.mark.parametrize(
        ("group", "keys"),
        [
            ("offer", {"offerId", "offerName"}),
            ("offerId", {"offerId", "offerName"}),
            ("lander", {"landerId", "landerName"}),
            ("trafficSource", {"trafficSourceId", "trafficSourceName"}),
            ("affiliateNetwork", {"affiliateNetworkId", "affiliateNetworkName"}),
            ("country", {"countryCode", "countryName"}),
            ("day", {"day"}),
            ("hour", {"hour"}),
            ("deviceType", {"deviceType"}),
            ("customVariable1", {"customVariable1"}),
        ],
    )
    def test_dimension_keys(self, http: httpx.Client, group: str, keys: set[str]) -> None:
        """Each dimension fills its row keys; totals are the same whatever the grouping."""
        body = report(http, groupBy=group, columns=["visits", "conversions"], limit=100000)
        assert all(set(r) == keys | {"visits", "conversions"} for r in body["rows"])
        assert sum(r["visits"] for r in body["rows"]) == body["totals"]["visits"]
        assert (
            body["totals"]
            == report(http, groupBy="campaign", columns=["visits", "conversions"])["totals"]
        )

    def test_several_dimensions(self, http: httpx.Client) -> None:
        """Repeated groupBy combines dimensions; a comma list works too."""
        repeated = report(http, groupBy=["day", "campaign"], columns="visits")
        comma = report(http, groupBy="day,campaign", columns="visits")
        assert repeated == comma
        assert repeated["totalRows"] == 26 * 5
        assert set(repeated["rows"][0]) == {"day", "campaignId", "campaignName", "visits"}

    def test_day_follows_tz(self, http: httpx.Client) -> None:
        """Days are calendar days in tz; the range is read in tz too."""
        utc = report(
            http, groupBy="day", columns="visits", **{"from": "2026-11-10", "to": "2026-11-11"}
        )
        tokyo = report(
            http,
            groupBy="day",
            columns="visits",
            tz="Asia/Tokyo",
            **{"from": "2026-11-10", "to": "2026-11-11"},
        )
        assert [r["day"] for r in utc["rows"]] == ["2026-11-10"]
        assert [r["day"] for r in tokyo["rows"]] == ["2026-11-10"]
        assert utc["totals"] != tokyo["totals"]

    def test_hour_rows_cover_the_range(self, http: httpx.Client) -> None:
        """groupBy=hour gives one row per complete hour."""
        body = report(
            http,
            groupBy="hour",
            columns="visits",
            **{"from": "2026-11-10T05:00:00Z", "to": "2026-11-10T09:00:00Z"},
        )
        assert [r["hour"] for r in body["rows"]] == [f"2026-11-10 0{h}:00" for h in range(5, 9)]


class TestColumns:
    def test_metrics_are_consistent(self, http: httpx.Client) -> None:
        """Derived columns follow from the counters: profit, roi, cr, ctr, epc, epv, cpv."""
        row = report(http, groupBy="campaign")["rows"][0]
        assert row["profit"] == pytest.approx(row["revenue"] - row["cost"], abs=0.011)
        assert row["ctr"] == pytest.approx(row["clicks"] / row["visits"] * 100, abs=1e-3)
        assert row["cr"] == pytest.approx(row["conversions"] / row["clicks"] * 100, abs=1e-3)
        assert row["epc"] == pytest.approx(row["revenue"] / row["clicks"], abs=1e-3)
        assert row["epv"] == pytest.approx(row["revenue"] / row["visits"], abs=1e-3)
        assert row["cpv"] == pytest.approx(row["cost"] / row["visits"], abs=1e-3)
        assert row["roi"] == pytest.approx(
            (row["revenue"] - row["cost"]) / row["cost"] * 100, abs=0.05
        )

    def test_columns_select_metrics(self, http: httpx.Client) -> None:
        """Only the named metrics appear, in rows, totals and columnMappings."""
        body = report(http, groupBy="campaign", columns=["visits", "roi"])
        assert set(body["rows"][0]) == {"campaignId", "campaignName", "visits", "roi"}
        assert set(body["totals"]) == {"visits", "roi"}
        assert [m["key"] for m in body["columnMappings"]] == [
            "campaignId",
            "campaignName",
            "visits",
            "roi",
        ]

    def test_cost_follows_the_cost_model(self, http: httpx.Client) -> None:
        """CPA costs value x conversions; REVSHARE a share of revenue."""
        rows = {r["campaignId"]: r for r in report(http, groupBy="campaign")["rows"]}
        assert rows[4]["cost"] == pytest.approx(6.0 * rows[4]["conversions"])
        assert rows[5]["cost"] == pytest.approx(0.4 * rows[5]["revenue"], abs=0.02)


class TestSortingAndPaging:
    def test_sort_and_direction(self, http: httpx.Client) -> None:
        """sort names a column; direction ASC/DESC (any case); DESC is the default with sort."""
        desc = [r["revenue"] for r in report(http, groupBy="offer", sort="revenue")["rows"]]
        asc = [
            r["revenue"]
            for r in report(http, groupBy="offer", sort="revenue", direction="asc")["rows"]
        ]
        assert desc == sorted(desc, reverse=True) and asc == sorted(asc)
        by_name = [
            r["offerName"]
            for r in report(http, groupBy="offer", sort="offerName", direction="ASC")["rows"]
        ]
        assert by_name == sorted(by_name)

    @pytest.mark.parametrize("sort", [None, "visits", "conversions", "roi"])
    def test_pages_return_every_row_once_in_order(
        self, http: httpx.Client, sort: str | None
    ) -> None:
        """limit/offset pages cut one stable sequence, even when sort values tie."""
        params: dict[str, Any] = {
            "groupBy": ["day", "offer", "country"],
            "columns": ["visits", "conversions", "roi"],
        }
        if sort:
            params["sort"] = sort
        whole = report(http, **params, limit=100000)
        assert whole["totalRows"] == len(whole["rows"]) > 300
        pages, offset = [], 0
        while True:
            page = report(http, **params, limit=37, offset=offset)
            assert page["totalRows"] == whole["totalRows"] and page["totals"] == whole["totals"]
            if not page["rows"]:
                break
            pages.extend(page["rows"])
            offset += 37
        assert pages == whole["rows"]

    def test_sorting_by_a_hidden_metric(self, http: httpx.Client) -> None:
        """sort may name a metric that is not among the columns; it is not added to rows."""
        body = report(http, groupBy="campaign", columns="visits", sort="revenue")
        assert set(body["rows"][0]) == {"campaignId", "campaignName", "visits"}
        revenue = {r["campaignId"]: r["revenue"] for r in report(http, groupBy="campaign")["rows"]}
        order = [r["campaignId"] for r in body["rows"]]
        assert order == sorted(revenue, key=lambda c: -revenue[c])

    def test_totals_cover_all_rows_not_the_page(self, http: httpx.Client) -> None:
        """totals sum the whole result; rows hold one page."""
        body = report(http, groupBy="day", columns="visits", limit=3)
        assert len(body["rows"]) == 3 and body["totalRows"] == 26
        assert (
            body["totals"]["visits"]
            == report(http, groupBy="day", columns="visits")["totals"]["visits"]
        )

    def test_default_limit(self, http: httpx.Client) -> None:
        """Without limit a page holds 100 rows."""
        body = report(http, groupBy=["day", "offer"], columns="visits")
        assert len(body["rows"]) == 100 < body["totalRows"]


class TestValidation:
    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"from": "2026/11/01"}, "from"),
            ({"from": "2026-11-01T10:30:00Z"}, "from"),
            ({"to": "2026-11-02T00:00:01Z"}, "to"),
            ({"from": "2026-11-05", "to": "2026-11-05"}, "from"),
            ({"from": "2026-11-06", "to": "2026-11-05"}, "from"),
            ({"groupBy": "planet"}, "groupBy"),
            ({"columns": "happiness"}, "columns"),
            ({"columns": "offerName"}, "columns"),
            ({"limit": 0}, "limit"),
            ({"limit": -5}, "limit"),
            ({"limit": "ten"}, "limit"),
            ({"offset": -1}, "offset"),
            ({"sort": "nope"}, "sort"),
            ({"direction": "UP"}, "direction"),
            ({"tz": "Mars/Olympus"}, "tz"),
            ({"include": "SOME"}, "include"),
            ({"filter1": "galaxy", "filter1Value": "1"}, "filter1"),
        ],
    )
    def test_bad_parameters_are_400(
        self, http: httpx.Client, params: dict[str, Any], field: str
    ) -> None:
        """Every rule of the reference answers 400 naming the parameter."""
        reply = http.get("/report", params={"groupBy": "campaign"} | NOVEMBER | params)
        body = assert_error(reply, 400, "BAD_REQUEST")
        assert str(body["description"]).startswith(field), body["description"]

    def test_group_by_and_from_are_required(self, http: httpx.Client) -> None:
        """from and groupBy are required."""
        assert_error(http.get("/report", params={"from": "2026-11-01"}), 400)
        assert_error(http.get("/report", params={"groupBy": "campaign"}), 400)

    def test_iso_forms_on_the_hour_are_fine(self, http: httpx.Client) -> None:
        """Dates, hour-rounded date-times with Z, an offset, or none are accepted."""
        for start in (
            "2026-11-01",
            "2026-11-01T00:00:00Z",
            "2026-11-01T02:00:00+02:00",
            "2026-11-01T00:00",
        ):
            assert (
                http.get("/report", params={"groupBy": "campaign", "from": start}).status_code
                == 200
            )


class TestFiltersAndInclude:
    def test_drill_down_filter(self, http: httpx.Client) -> None:
        """filter1=campaign&filter1Value=<id> keeps that campaign's traffic only."""
        body = report(http, groupBy="campaign", filter1="campaign", filter1Value="3")
        assert [r["campaignId"] for r in body["rows"]] == [3]

    def test_free_text_filter(self, http: httpx.Client) -> None:
        """filter matches text cells, case-insensitively."""
        assert [
            r["campaignId"] for r in report(http, groupBy="campaign", filter="keto")["rows"]
        ] == [4]

    def test_include_all_lists_entities_without_traffic(self, http: httpx.Client) -> None:
        """A campaign created now has no traffic yet; include=ALL still lists it, with zeros."""
        new_id = http.post("/campaign", json=BODIES["campaign"]).json()["campaign"]["id"]
        assert new_id not in [r["campaignId"] for r in report(http, groupBy="campaign")["rows"]]
        rows = report(http, groupBy="campaign", include="ALL")["rows"]
        assert rows[-1]["campaignId"] == new_id and rows[-1]["visits"] == 0

    def test_archived_entities(self, http: httpx.Client) -> None:
        """include=ACTIVE drops archived campaigns; include=ARCHIVED keeps only them."""
        http.delete("/campaign/5")
        active = [
            r["campaignId"] for r in report(http, groupBy="campaign", include="ACTIVE")["rows"]
        ]
        archived = [
            r["campaignId"] for r in report(http, groupBy="campaign", include="ARCHIVED")["rows"]
        ]
        assert (active, archived) == ([1, 2, 3, 4], [5])


class TestTraffic:
    def test_same_seed_same_numbers(self, clock: FakeClock) -> None:
        """Reports are a pure function of the seed and the entities."""
        results = []
        for seed in (7, 7, 8):
            fake = FakePeerClick(clock=clock, seed=seed, rate_limits=None)
            with fake.http_client(headers={"api-token": fake.login()}) as client:
                results.append(report(client, groupBy="campaign")["totals"])
        assert results[0] == results[1] != results[2]

    def test_new_campaign_gets_traffic_as_time_passes(
        self, http: httpx.Client, clock: FakeClock
    ) -> None:
        """Campaigns created through the API collect traffic from their first full hour."""
        new_id = http.post("/campaign", json=BODIES["campaign"]).json()["campaign"]["id"]
        clock.advance(3 * 3600)
        body = report(http, groupBy="campaign", **{"from": "2026-11-27", "to": "2026-11-28"})
        rows = {r["campaignId"]: r for r in body["rows"]}
        assert rows[new_id]["visits"] > 0 and rows[new_id]["cost"] > 0
        hours = report(
            http,
            groupBy="hour",
            filter1="campaign",
            filter1Value=str(new_id),
            **{"from": "2026-11-27", "to": "2026-11-28"},
        )
        assert hours["totalRows"] == 3

    def test_backfill_rule(self, clock: FakeClock) -> None:
        """Rules(backfill_new_campaigns=True) gives API-created campaigns the demo history."""
        fake = FakePeerClick(
            clock=clock, rate_limits=None, rules=Rules(backfill_new_campaigns=True)
        )
        with fake.http_client(headers={"api-token": fake.login()}) as client:
            new_id = client.post("/campaign", json=BODIES["campaign"]).json()["campaign"]["id"]
            rows = {r["campaignId"]: r for r in report(client, groupBy="campaign")["rows"]}
        assert rows[new_id]["visits"] > 1000

    def test_current_hour_is_not_reported_until_complete(
        self, http: httpx.Client, clock: FakeClock
    ) -> None:
        """Only complete hours have traffic."""
        today = {"from": "2026-11-27", "to": "2026-11-28"}
        assert report(http, groupBy="campaign", **today)["totalRows"] == 0
        clock.advance(1800)
        assert report(http, groupBy="campaign", **today)["totalRows"] == 0
        clock.advance(1800)
        assert report(http, groupBy="campaign", **today)["totalRows"] == 5


class TestOtherReports:
    def test_column_info(self, http: httpx.Client) -> None:
        """GET /column/info describes every dimension and metric."""
        mappings = {m["key"]: m for m in http.get("/column/info").json()["columnMappings"]}
        assert mappings["campaignId"]["canGroupBy"] is True
        assert mappings["revenue"]["type"] == "monetary" and mappings["cr"]["type"] == "percentage"

    def test_conversions_report_pages(self, http: httpx.Client) -> None:
        """One row per conversion; totals match the main report; pages cover every row once."""
        span = {"from": "2026-11-20", "to": "2026-11-22"}
        whole = http.get("/report/conversions", params=span | {"limit": 100000}).json()
        main = report(http, groupBy="campaign", **span)
        assert whole["totals"]["conversions"] == main["totals"]["conversions"] == whole["totalRows"]
        assert whole["totals"]["revenue"] == pytest.approx(main["totals"]["revenue"], abs=0.01)
        pages = [
            row
            for offset in range(0, whole["totalRows"], 10)
            for row in http.get(
                "/report/conversions", params=span | {"limit": 10, "offset": offset}
            ).json()["rows"]
        ]
        assert pages == whole["rows"]
        assert_error(http.get("/report/conversions", params=span | {"groupBy": "campaign"}), 400)

    def test_live_feeds(self, http: httpx.Client) -> None:
        """Latest visits and clicks of a campaign, newest first; unknown campaign is 404."""
        clicks = http.get("/report/live/clicks/1").json()
        assert clicks["totalRows"] == len(clicks["rows"]) == 100
        stamps = [r["clickTimestamp"] for r in clicks["rows"]]
        assert stamps == sorted(stamps, reverse=True) and stamps[0] < "2026-11-27 00:00:00"
        visits = http.get("/report/live/visits/1", params={"tz": "Asia/Tokyo"}).json()
        assert visits["rows"][0]["visitTimestamp"].startswith("2026-11-27 08:")
        assert_error(http.get("/report/live/clicks/99"), 404)
