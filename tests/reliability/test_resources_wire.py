"""Reports, exports, progress, 31-day chunks, the cost limit and typed answers, over real HTTP.

Every test runs against the fake PeerClick in process and through its HTTP server on 127.0.0.1
(the `wire` parameter), with a FakeClock: the fake's traffic, token expiry and the manual-cost
rule all read it, and so does the client's cost-task history.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from peerclick import (
    AsyncPeerClick,
    BadRequestError,
    PeerClick,
    RateLimiter,
    RateLimitError,
    RateLimits,
)
from peerclick.errors import CostUpdateLimitError
from peerclick.resources._cost_limit import CostTaskHistory
from peerclick.testing import FakeClock, FakePeerClick, FakeServer

FAST = RateLimits(general=10_000, report=10_000, period=1.0, buffer_ms=0)
SIXTY_DAYS = ("2026-09-28", "2026-11-27")  # the demo account's whole history (FakeClock's start)
COLUMNS = ["visits", "clicks", "conversions", "revenue", "cost", "profit", "roi", "cr", "epv"]


class Setup:
    """A fake, its clock, and clients talking to it in process or over HTTP."""

    def __init__(self, wire: str, tmp_path: Path) -> None:
        self.clock = FakeClock()
        self.fake = FakePeerClick(clock=self.clock, rate_limits=None)
        self.wire = wire
        self.tmp = tmp_path
        self._server: FakeServer | None = None
        if wire == "http":
            self._server = FakeServer(self.fake).start()

    def options(self, **extra: Any) -> dict[str, Any]:
        options: dict[str, Any] = {
            "access_id": self.fake.access_id,
            "access_key": self.fake.access_key,
            "limiter": RateLimiter(FAST),
            "clock": self.clock,
        }
        if self._server is not None:
            options["base_url"] = self._server.base_url
        options.update(extra)
        return options

    def client(self, **extra: Any) -> PeerClick:
        options = self.options(sleep=lambda _s: None, **extra)
        if self._server is None:
            options["transport"] = self.fake.transport()
        return PeerClick(**options)

    def async_client(self, **extra: Any) -> AsyncPeerClick:
        async def no_sleep(_s: float) -> None:
            return None

        options = self.options(sleep=no_sleep, **extra)
        if self._server is None:
            options["transport"] = self.fake.async_transport()
        return AsyncPeerClick(**options)

    def reports_sent(self) -> list[dict[str, tuple[str, ...]]]:
        return [r.query for r in self.fake.requests_to("/report") if r.path == "/report"]

    def close(self) -> None:
        if self._server is not None:
            self._server.stop()


@pytest.fixture(params=["in-process", "http"])
def setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Setup]:
    running = Setup(request.param, tmp_path)
    yield running
    running.close()


def _reference(fake: FakePeerClick, path: str = "/report", **query: Any) -> dict[str, Any]:
    """One direct request to the fake (which, unlike PeerClick, takes any range in one go)."""
    with fake.http_client(headers={"api-token": fake.login()}) as http:
        answer: dict[str, Any] = http.get(path, params=query).json()
    fake.requests.clear()  # the log shows only what the client sends
    return answer


class TestCompleteReports:
    def test_get_fetches_every_page(self, setup: Setup) -> None:
        """get() with small pages returns every row once, in order, and says it is complete."""
        query = {"groupBy": ["campaign", "day"], "from": "2026-11-01", "to": "2026-11-27"}
        whole = _reference(setup.fake, **query, limit=100_000)
        seen: list[tuple[int, int | None]] = []
        with setup.client() as pc:
            report = pc.reports.get(
                ["campaign", "day"],
                "2026-11-01",
                "2026-11-27",
                page_size=25,
                progress=lambda done, total: seen.append((done, total)),
            )
        assert whole["totalRows"] > 100  # more than the server's default page of 100
        assert report.rows == whole["rows"]
        assert report.total_rows == whole["totalRows"] == len(report.rows)
        assert report.complete is True
        assert report.totals == whole["totals"]
        pages = -(-whole["totalRows"] // 25)
        assert len(setup.reports_sent()) == pages
        assert seen == [
            (min(25 * n, len(report.rows)), len(report.rows)) for n in range(1, pages + 1)
        ]

    def test_limit_returns_one_page_and_says_incomplete(self, setup: Setup) -> None:
        """limit= gets only that many rows; complete is False and total_rows tells the rest."""
        with setup.client() as pc:
            report = pc.reports.get(["campaign", "day"], "2026-11-01", "2026-11-27", limit=10)
        assert len(report.rows) == 10
        assert report.total_rows > 10
        assert report.complete is False
        assert len(setup.reports_sent()) == 1

    def test_conversions_are_complete(self, setup: Setup) -> None:
        """conversions() returns every conversion, past the server's default page of 100."""
        whole = _reference(
            setup.fake,
            "/report/conversions",
            **{"from": "2026-11-01", "to": "2026-11-27"},
            limit=100_000,
        )
        with setup.client() as pc:
            report = pc.reports.conversions("2026-11-01", "2026-11-27", page_size=500)
        assert whole["totalRows"] > 500
        assert report.rows == whole["rows"]
        assert report.complete

    async def test_async_iteration_pages_until_done(self, setup: Setup) -> None:
        """The async iterator walks every page and tells progress after each one."""
        seen: list[tuple[int, int | None]] = []
        async with setup.async_client() as apc:
            rows = [
                row
                async for row in apc.reports.iter_rows(
                    "day",
                    "2026-11-01",
                    "2026-11-27",
                    page_size=10,
                    progress=lambda d, t: seen.append((d, t)),
                )
            ]
        assert [r["day"] for r in rows] == [f"2026-11-{d:02d}" for d in range(1, 27)]
        assert seen == [(10, 26), (20, 26), (26, 26)]


class TestLongRanges:
    def test_sixty_days_by_day_are_split_and_stitched_exactly(self, setup: Setup) -> None:
        """Two requests of at most 31 days; the rows equal the unsplit answer, none doubled;
        counts and money summed, ratios recomputed."""
        whole = _reference(
            setup.fake,
            groupBy=["campaign", "day"],
            columns=COLUMNS,
            limit=100_000,
            **{"from": SIXTY_DAYS[0], "to": SIXTY_DAYS[1]},
        )
        with setup.client() as pc:
            report = pc.reports.get(["campaign", "day"], *SIXTY_DAYS, columns=COLUMNS)
        sent = setup.reports_sent()
        assert [(q["from"], q["to"]) for q in sent] == [
            (("2026-09-28",), ("2026-10-29",)),
            (("2026-10-29",), ("2026-11-27",)),
        ]
        keys = [(r["campaignId"], r["day"]) for r in report.rows]
        assert len(keys) == len(set(keys)) == whole["totalRows"] == report.total_rows
        assert sorted(keys) == sorted((r["campaignId"], r["day"]) for r in whole["rows"])
        assert report.complete
        totals, expected = report.totals, whole["totals"]
        for key in ("visits", "clicks", "conversions"):
            assert totals[key] == expected[key]
        for key in ("revenue", "cost", "profit"):
            assert totals[key] == pytest.approx(expected[key], abs=0.02)
        for key in ("roi", "cr", "epv"):
            assert totals[key] == pytest.approx(expected[key], abs=0.01)

    def test_hours_over_a_boundary_that_is_not_midnight(self, setup: Setup) -> None:
        """A 40-day range starting at 10:00: chunks end at midnight, each hour comes once."""
        with setup.client() as pc:
            rows = list(
                pc.reports.iter_rows("hour", "2026-10-10T10:00", "2026-11-19T10:00", page_size=500)
            )
        sent = setup.reports_sent()
        assert (sent[0]["from"], sent[-1]["to"]) == (
            ("2026-10-10T10:00:00Z",),
            ("2026-11-19T10:00:00Z",),
        )
        bounds = sorted({(q["from"][0], q["to"][0]) for q in sent})
        assert bounds == [
            ("2026-10-10T10:00:00Z", "2026-11-10T00:00:00Z"),
            ("2026-11-10T00:00:00Z", "2026-11-19T10:00:00Z"),
        ]
        hours = [r["hour"] for r in rows]
        assert len(hours) == len(set(hours)) == 40 * 24

    def test_export_of_a_long_range_has_one_header(self, setup: Setup) -> None:
        """A split export writes one header and every row once."""
        target = setup.tmp / "days.csv"
        with setup.client() as pc:
            written = pc.reports.export_csv(target, "day", *SIXTY_DAYS, columns=["visits"])
        lines = target.read_text(encoding="utf-8").splitlines()
        assert written == 60 == len(lines) - 1
        assert lines[0] == "day,visits"
        assert len(set(lines[1:])) == 60

    def test_other_groupings_over_31_days_are_refused(self, setup: Setup) -> None:
        """Grouped by campaign, 60 days cannot be stitched: ValueError, nothing sent."""
        with setup.client() as pc, pytest.raises(ValueError, match="31 days"):
            pc.reports.get("campaign", *SIXTY_DAYS)
        assert setup.fake.requests == []


class TestExports:
    def _previous(self, setup: Setup) -> Path:
        target = setup.tmp / "report.csv"
        target.write_text("previous,export\n1,2\n", encoding="utf-8")
        return target

    def _leftovers(self, setup: Setup) -> list[str]:
        return sorted(p.name for p in setup.tmp.iterdir() if p.name != "report.csv")

    def test_an_error_on_page_two_leaves_the_previous_file(self, setup: Setup) -> None:
        """A 400 on the second page: the old file is untouched and no temporary file remains."""
        target = self._previous(setup)

        def after_page(done: int, total: int | None) -> None:
            setup.fake.faults.fail(400, times=None, path="/report")

        with setup.client() as pc, pytest.raises(BadRequestError):
            pc.reports.export_csv(
                target,
                ["campaign", "day"],
                "2026-11-01",
                "2026-11-27",
                page_size=20,
                progress=after_page,
            )
        assert target.read_text(encoding="utf-8") == "previous,export\n1,2\n"
        assert self._leftovers(setup) == []
        assert [r.status for r in setup.fake.requests_to("/report")] == [200, 400]

    def test_a_dropped_connection_on_page_two_leaves_the_previous_file(self, setup: Setup) -> None:
        """The connection drops on page 2 (every retry too): the old file stays."""
        target = self._previous(setup)

        def after_page(done: int, total: int | None) -> None:
            setup.fake.faults.drop(times=None, path="/report")

        with setup.client(max_retries=1) as pc, pytest.raises(Exception) as raised:
            pc.reports.export_csv(
                target, "day", "2026-11-01", "2026-11-27", page_size=10, progress=after_page
            )
        assert "peerclick" in type(raised.value).__module__
        assert target.read_text(encoding="utf-8") == "previous,export\n1,2\n"
        assert self._leftovers(setup) == []

    def test_ctrl_c_after_page_one_leaves_the_previous_file(self, setup: Setup) -> None:
        """KeyboardInterrupt between pages: the old file stays, the temporary file is gone."""
        target = self._previous(setup)

        def interrupt(done: int, total: int | None) -> None:
            raise KeyboardInterrupt

        with setup.client() as pc, pytest.raises(KeyboardInterrupt):
            pc.reports.export_csv(
                target, "day", "2026-11-01", "2026-11-27", page_size=10, progress=interrupt
            )
        assert target.read_text(encoding="utf-8") == "previous,export\n1,2\n"
        assert self._leftovers(setup) == []

    def test_a_complete_export_replaces_the_file(self, setup: Setup) -> None:
        """When every page arrived the new file replaces the old one, keeping its mode."""
        target = self._previous(setup)
        os.chmod(target, 0o640)
        with setup.client() as pc:
            written = pc.reports.export_csv(target, "day", "2026-11-01", "2026-11-27", page_size=10)
        lines = target.read_text(encoding="utf-8").splitlines()
        assert written == 26 == len(lines) - 1
        assert lines[0].startswith("day,")
        assert (target.stat().st_mode & 0o777) == 0o640
        assert self._leftovers(setup) == []

    def test_a_symlink_is_replaced_not_written_through(self, setup: Setup) -> None:
        """The link at the target becomes the export; the file it pointed to is unchanged."""
        elsewhere = setup.tmp / "elsewhere.txt"
        elsewhere.write_text("keep me\n", encoding="utf-8")
        link = setup.tmp / "report.csv"
        link.symlink_to(elsewhere)
        with setup.client() as pc:
            pc.reports.export_csv(link, "day", "2026-11-01", "2026-11-03")
        assert not link.is_symlink()
        assert link.read_text(encoding="utf-8").startswith("day,")
        assert elsewhere.read_text(encoding="utf-8") == "keep me\n"

    def test_formula_cells_are_escaped_by_default(self, setup: Setup) -> None:
        """A campaign named like a formula is written with a leading quote; switchable."""
        with setup.client() as pc:
            pc.campaigns.update(1, name='=HYPERLINK("http://evil.example","x")')
            pc.campaigns.update(2, name="@SUM(A1:A9)")
            safe, raw = setup.tmp / "safe.csv", setup.tmp / "raw.csv"
            args = ("campaign", "2026-11-20", "2026-11-27")
            pc.reports.export_csv(safe, *args, columns=["campaignName", "visits"])
            pc.reports.export_csv(
                raw, *args, columns=["campaignName", "visits"], escape_formulas=False
            )
        names = [row["campaignName"] for row in _csv_rows(safe)]
        assert '\'=HYPERLINK("http://evil.example","x")' in names, names
        assert "'@SUM(A1:A9)" in names
        assert not any(n.startswith(("=", "@", "+", "-")) for n in names)
        raw_names = [row["campaignName"] for row in _csv_rows(raw)]
        assert "@SUM(A1:A9)" in raw_names


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


COST_ARGS: dict[str, Any] = {"date_from": "2026-11-20", "date_to": "2026-11-21", "timezone": "UTC"}


class TestCostLimit:
    def test_a_fourth_task_within_the_hour_is_refused_before_sending(self, setup: Setup) -> None:
        """Three tasks go out; the fourth raises CostUpdateLimitError and sends nothing; an
        hour after the first, the next is allowed."""
        with setup.client() as pc:
            for cost in (10.0, 20.0, 30.0):
                pc.costs.update(campaign_id=1, cost=cost, **COST_ARGS)
                setup.clock.advance(60)
            sent = len(setup.fake.requests_to("/report/manual-cost"))
            with pytest.raises(CostUpdateLimitError) as raised:
                pc.costs.update(campaign_id=1, cost=40.0, **COST_ARGS)
            assert len(setup.fake.requests_to("/report/manual-cost")) == sent == 3
            error = raised.value
            assert isinstance(error, RateLimitError)
            assert error.campaign_id == 1 and error.status_code is None
            assert error.retry_at.timestamp() == setup.clock() - 180 + 3600
            assert error.retry_after == 3600 - 180
            pc.costs.update(campaign_id=2, cost=5.0, **COST_ARGS)  # another campaign is free
            setup.clock.advance(3600 - 180)
            pc.costs.update(campaign_id=1, cost=40.0, **COST_ARGS)
        assert [r.status for r in setup.fake.requests_to("/report/manual-cost")] == [202] * 5

    def test_the_servers_own_429_is_not_retried(self, setup: Setup) -> None:
        """Another client used the allowance: the server's 429 is raised after one request
        (no retry), and the campaign is then refused locally until the server's time."""
        with setup.client() as first:
            for cost in (1.0, 2.0, 3.0):
                first.costs.update(campaign_id=3, cost=cost, **COST_ARGS)
        with setup.client(max_retries=3) as second:
            second.costs.history = CostTaskHistory(clock=setup.clock)
            with pytest.raises(RateLimitError) as raised:
                second.costs.update(campaign_id=3, cost=4.0, **COST_ARGS)
            assert raised.value.status_code == 429
            assert not isinstance(raised.value, CostUpdateLimitError)
            assert len(setup.fake.requests_to("/report/manual-cost")) == 4  # sent once
            with pytest.raises(CostUpdateLimitError):
                second.costs.update(campaign_id=3, cost=4.0, **COST_ARGS)
        assert len(setup.fake.requests_to("/report/manual-cost")) == 4

    def test_a_refused_task_does_not_use_the_allowance(self, setup: Setup) -> None:
        """A task PeerClick refuses (400: to past the last full hour) gives its slot back."""
        with setup.client() as pc:
            for _ in range(3):
                with pytest.raises(BadRequestError):
                    pc.costs.update(
                        campaign_id=4,
                        date_from="2026-11-26",
                        date_to="2026-11-28",
                        cost=1.0,
                        timezone="UTC",
                    )
            assert pc.costs.history.sent(4) == 0
            pc.costs.update(campaign_id=4, cost=1.0, **COST_ARGS)
            assert pc.costs.history.sent(4) == 1

    async def test_async_shares_the_rule(self, setup: Setup) -> None:
        """The async twin refuses the 4th task the same way."""
        async with setup.async_client() as apc:
            for cost in (1.0, 2.0, 3.0):
                await apc.costs.update(campaign_id=2, cost=cost, **COST_ARGS)
            with pytest.raises(CostUpdateLimitError):
                await apc.costs.update(campaign_id=2, cost=4.0, **COST_ARGS)
        assert len(setup.fake.requests_to("/report/manual-cost")) == 3
