"""Manual cost and conversion uploads: their rules, and how they change report numbers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from peerclick.testing import FakeClock, FakePeerClick, Rules

from .bodies import BODIES
from .conftest import assert_error

WEEK = {"from": "2026-11-10T00:00:00Z", "to": "2026-11-17T00:00:00Z"}


def cost_task(**changes: Any) -> dict[str, Any]:
    return {"campaignId": 1, "timeZone": "UTC", "cost": 123.45} | WEEK | changes


def campaign_rows(http: httpx.Client, **params: Any) -> dict[int, dict[str, Any]]:
    reply = http.get(
        "/report", params={"groupBy": "campaign", "from": "2026-11-01", "to": "2026-11-27"} | params
    )
    return {r["campaignId"]: r for r in reply.json()["rows"]}


class TestManualCost:
    def test_sets_the_total_cost_of_the_range(self, http: httpx.Client) -> None:
        """The range costs exactly the given total; other ranges and campaigns keep theirs."""
        week = {"from": "2026-11-10", "to": "2026-11-17"}
        before, before_week = campaign_rows(http), campaign_rows(http, **week)
        reply = http.post("/report/manual-cost", json=cost_task())
        assert reply.status_code == 202 and reply.json()["description"] == "Success"
        after, after_week = campaign_rows(http), campaign_rows(http, **week)
        assert after_week[1]["cost"] == pytest.approx(123.45)
        outside_before = before[1]["cost"] - before_week[1]["cost"]
        assert after[1]["cost"] - after_week[1]["cost"] == pytest.approx(outside_before, abs=0.02)
        assert (
            after[1]["visits"] == before[1]["visits"]
            and after[1]["revenue"] == before[1]["revenue"]
        )
        assert after[2] == before[2]

    def test_cost_is_spread_by_visits(self, http: httpx.Client) -> None:
        """Hours with more visits carry more of the total; the hours add up to it."""
        http.post("/report/manual-cost", json=cost_task(cost=100))
        reply = http.get(
            "/report",
            params={"groupBy": "hour", "filter1": "campaign", "filter1Value": "1", "limit": 1000}
            | {"from": "2026-11-10", "to": "2026-11-17"},
        )
        rows = reply.json()["rows"]
        assert sum(r["cost"] for r in rows) == pytest.approx(100, abs=0.01 * len(rows))
        busiest = max(rows, key=lambda r: r["visits"])
        quietest = min(rows, key=lambda r: r["visits"])
        assert busiest["cost"] > quietest["cost"]

    def test_a_later_task_replaces_an_earlier_one(self, http: httpx.Client) -> None:
        """Setting the same range twice keeps the last total."""
        http.post("/report/manual-cost", json=cost_task(cost=10))
        http.post("/report/manual-cost", json=cost_task(cost=20))
        assert campaign_rows(http, **{"from": "2026-11-10", "to": "2026-11-17"})[1][
            "cost"
        ] == pytest.approx(20)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"from": "2026-10-01T00:00:00Z", "to": "2026-11-02T00:00:00Z"}, "to"),
            ({"from": "2026-11-10T00:30:00Z"}, "from"),
            ({"cost": -1}, "cost"),
            ({"cost": "12"}, "cost"),
            ({"to": "2026-11-27T01:00:00Z"}, "to"),
            ({"from": "2026-11-17T00:00:00Z"}, "from"),
            ({"timeZone": "Nowhere/Land"}, "timeZone"),
        ],
    )
    def test_rules_are_enforced(
        self, http: httpx.Client, changes: dict[str, Any], field: str
    ) -> None:
        """At most 31 days, on the hour, cost >= 0, not past the last full hour: else 400."""
        body = assert_error(http.post("/report/manual-cost", json=cost_task(**changes)), 400)
        assert str(body["description"]).startswith(field), body["description"]

    def test_missing_field_and_unknown_campaign(self, http: httpx.Client) -> None:
        """Missing fields are 400; an unknown campaign is 404."""
        task = cost_task()
        del task["timeZone"]
        assert_error(http.post("/report/manual-cost", json=task), 400)
        assert_error(http.post("/report/manual-cost", json=cost_task(campaignId=99)), 404)

    def test_at_most_three_tasks_per_campaign_per_hour(
        self, http: httpx.Client, clock: FakeClock
    ) -> None:
        """The 4th task within an hour is a 429 with Retry-After; another campaign is unaffected."""
        for _ in range(3):
            assert http.post("/report/manual-cost", json=cost_task()).status_code == 202
            clock.advance(60)
        refused = http.post("/report/manual-cost", json=cost_task())
        assert_error(refused, 429)
        assert int(refused.headers["retry-after"]) == 3600 - 180
        assert http.post("/report/manual-cost", json=cost_task(campaignId=2)).status_code == 202
        clock.advance(3600 - 180)
        assert http.post("/report/manual-cost", json=cost_task()).status_code == 202

    def test_range_without_visits_is_417(self, http: httpx.Client) -> None:
        """A campaign without visits in the range answers 417 NO_VISITS_PERIOD."""
        new_id = http.post("/campaign", json=BODIES["campaign"]).json()["campaign"]["id"]
        assert_error(
            http.post("/report/manual-cost", json=cost_task(campaignId=new_id)),
            417,
            "NO_VISITS_PERIOD",
        )

    def test_traffic_source_time_zone(self, http: httpx.Client) -> None:
        """When the traffic source has a timeZone, the task must use it (UTC spellings are one)."""
        source = http.get("/traffic-source/1").json()["trafficSource"]
        http.put(
            "/traffic-source/1",
            json={
                "name": source["name"],
                "parameters": source["parameters"],
                "timeZone": "Etc/GMT",
            },
        )
        assert http.post("/report/manual-cost", json=cost_task(timeZone="UTC")).status_code == 202
        assert_error(
            http.post("/report/manual-cost", json=cost_task(timeZone="Europe/Berlin")), 400
        )


def _clicks(http: httpx.Client, campaign: int = 1) -> list[str]:
    return [r["clickId"] for r in http.get(f"/report/live/clicks/{campaign}").json()["rows"]]


def _upload(http: httpx.Client, text: str) -> httpx.Response:
    return http.post("/conversion", content=text.encode(), headers={"content-type": "text/csv"})


class TestConversionUpload:
    def test_uploaded_conversions_add_to_reports(self, http: httpx.Client) -> None:
        """Each row adds one conversion and its payout to the campaign of its click."""
        today = {"from": "2026-11-26", "to": "2026-11-27"}
        before = campaign_rows(http, **today)
        clicks = _clicks(http)
        csv = "\n".join(
            f"{c},2.50,tx-{i},Sale,2026-11-26T23:59:00Z" for i, c in enumerate(clicks[:4])
        )
        reply = _upload(http, csv + "\n")
        assert reply.status_code == 200 and reply.json()["numberOfRows"] == 4
        after = campaign_rows(http, **today)
        assert after[1]["conversions"] == before[1]["conversions"] + 4
        assert after[1]["revenue"] == pytest.approx(before[1]["revenue"] + 10.0)
        assert after[2] == before[2]
        listed = http.get("/report/conversions", params=today | {"limit": 100000}).json()["rows"]
        assert {r["transactionId"] for r in listed} >= {f"tx-{i}" for i in range(4)}

    def test_optional_fields_and_header_line(self, http: httpx.Client) -> None:
        """Only clickId is required; a header line is skipped; payout defaults from the offer."""
        click = _clicks(http)[0]
        reply = _upload(
            http, f"clickId,payout,transactionId,conversionType,conversionTimestamp\n{click}\n"
        )
        assert reply.json()["numberOfRows"] == 1

    def test_missing_payout_takes_the_offers_fixed_payout(self, http: httpx.Client) -> None:
        """Without a payout, a conversion on a MANUAL offer earns the offer's value."""
        click = next(r for r in http.get("/report/live/clicks/4").json()["rows"])  # Keto: 12.0
        day = {"from": "2026-11-26", "to": "2026-11-28"}  # no timestamp: it converts now
        before = campaign_rows(http, **day)[4]["revenue"]
        _upload(http, f"{click['clickId']}\n")
        assert campaign_rows(http, **day)[4]["revenue"] == pytest.approx(before + 12.0)

    def test_duplicates_count_once(self, http: httpx.Client) -> None:
        """A repeated (clickId, transactionId) is ignored."""
        click = _clicks(http)[0]
        assert _upload(http, f"{click},1,tx\n{click},1,tx\n").json()["numberOfRows"] == 1
        assert _upload(http, f"{click},1,tx\n").json()["numberOfRows"] == 0

    @pytest.mark.parametrize(
        "line",
        [
            "ffffffffffffffffffffffff,1",
            "not-a-click,1",
            "{click},cheap",
            "{click},-3",
            "{click},1,t,Sale,2030-01-01T00:00:00Z",
            "{click},1,2,3,4,5",
        ],
    )
    def test_bad_rows_are_400(self, http: httpx.Client, line: str) -> None:
        """Unknown clicks, bad numbers, future timestamps and extra fields name the line."""
        body = assert_error(_upload(http, line.format(click=_clicks(http)[0])), 400)
        assert str(body["description"]).startswith("line 1")

    def test_unknown_clicks_can_be_ignored(self, clock: FakeClock) -> None:
        """Rules(unknown_click_ids="ignore") skips them instead."""
        fake = FakePeerClick(clock=clock, rate_limits=None, rules=Rules(unknown_click_ids="ignore"))
        with fake.http_client(headers={"api-token": fake.login()}) as client:
            assert _upload(client, "ffffffffffffffffffffffff,1\n").json()["numberOfRows"] == 0

    def test_content_type_must_be_csv(self, http: httpx.Client) -> None:
        """The body is text/csv."""
        assert_error(http.post("/conversion", json=[_clicks(http)[0]]), 400)
