"""The walk over pages and 31-day chunks, without I/O: what is asked next, what is kept, totals."""

from __future__ import annotations

from typing import Any

import pytest

from peerclick.resources._paging import Walk, check_progress, plan_chunks, stitch_totals
from peerclick.resources._report import parse_report


def page(rows: int, total: int | None, start: int = 0) -> Any:
    body: dict[str, Any] = {
        "rows": [{"n": start + i} for i in range(rows)],
        "totals": {"visits": rows if total is None else total},
    }
    if total is not None:
        body["totalRows"] = total
    return parse_report(body)


def drive(walk: Walk, serve: Any) -> list[dict[str, Any]]:
    """Run the walk against `serve(request) -> Report`; return (from, to, limit, offset) asked."""
    asked = []
    while (request := walk.next_request()) is not None:
        asked.append((request["from_"], request["to"], request["limit"], request["offset"]))
        walk.take(serve(request))
    return asked


class TestPlanChunks:
    def test_up_to_31_days_is_one_range(self) -> None:
        """31 days exactly: one request, whatever the grouping."""
        assert plan_chunks("2026-10-01", "2026-11-01", ["campaign"]) == [
            ("2026-10-01", "2026-11-01")
        ]

    def test_dates_split_every_31_days(self) -> None:
        """Date ranges split into consecutive 31-day chunks, the last one shorter."""
        assert plan_chunks("2026-01-01", "2026-03-15", ["day"]) == [
            ("2026-01-01", "2026-02-01"),
            ("2026-02-01", "2026-03-04"),
            ("2026-03-04", "2026-03-15"),
        ]

    def test_datetimes_split_at_midnight(self) -> None:
        """A range starting at 10:00 gets its first boundary at a midnight, 30 days 14 h later."""
        assert plan_chunks("2026-10-10T10:00:00Z", "2026-11-20T05:00:00Z", ["hour"]) == [
            ("2026-10-10T10:00:00Z", "2026-11-10T00:00:00Z"),
            ("2026-11-10T00:00:00Z", "2026-11-20T05:00:00Z"),
        ]

    def test_conversions_without_group_by_split(self) -> None:
        """group_by None (the conversions report's own grouping) is splittable."""
        assert len(plan_chunks("2026-09-01", "2026-11-01", None)) == 2

    @pytest.mark.parametrize("group_by", [["campaign"], ["offer", "country"]])
    def test_other_groupings_are_refused_with_the_limit_explained(
        self, group_by: list[str]
    ) -> None:
        """Without a time dimension the range is refused, saying why and what to do."""
        with pytest.raises(ValueError, match=r"31 days.*'day' or 'hour'"):
            plan_chunks("2026-09-01", "2026-11-01", group_by)


class TestStitchTotals:
    def test_one_part_is_kept_as_is(self) -> None:
        """A single range's totals are the server's own."""
        assert stitch_totals([{"visits": 3, "roi": 1.234}]) == {"visits": 3, "roi": 1.234}

    def test_counts_and_money_are_summed_and_ratios_recomputed(self) -> None:
        """visits/clicks/conversions summed; revenue/cost rounded to cents; ratios recomputed."""
        parts = [
            {
                "visits": 100,
                "clicks": 50,
                "conversions": 5,
                "revenue": 10.105,
                "cost": 5.0,
                "roi": 102.1,
                "ctr": 50.0,
                "cr": 10.0,
                "epv": 0.1,
            },
            {
                "visits": 300,
                "clicks": 50,
                "conversions": 15,
                "revenue": 20.0,
                "cost": 15.0,
                "roi": 33.33,
                "ctr": 16.67,
                "cr": 30.0,
                "epv": 0.0667,
            },
        ]
        totals = stitch_totals(parts)
        assert totals["visits"] == 400 and totals["clicks"] == 100 and totals["conversions"] == 20
        assert totals["revenue"] == 30.11 and totals["cost"] == 20.0
        assert totals["roi"] == round((30.11 - 20.0) * 100 / 20.0, 4)
        assert totals["ctr"] == 25.0 and totals["cr"] == 20.0
        assert totals["epv"] == round(30.11 / 400, 4)
        assert list(totals) == list(parts[0])  # the server's key order

    def test_ratios_without_their_counts_are_left_out(self) -> None:
        """roi alone cannot be recomputed from two chunks: it is left out, not guessed."""
        assert stitch_totals([{"visits": 1, "roi": 5.0}, {"visits": 2, "roi": 7.0}]) == {
            "visits": 3
        }

    def test_zero_denominators(self) -> None:
        """No visits: per-visit ratios are 0, as PeerClick shows them."""
        assert stitch_totals([{"visits": 0, "cost": 0.0, "cpv": 0.0}] * 2)["cpv"] == 0.0


class TestWalk:
    def test_pages_until_total_rows(self) -> None:
        """25 rows in pages of 10: offsets 0/10/20; rows kept in order; complete."""
        walk = Walk({}, [("a", "b")], page_size=10, keep=True)
        asked = drive(walk, lambda r: page(min(10, 25 - r["offset"]), 25, r["offset"]))
        assert [a[3] for a in asked] == [0, 10, 20]
        report = walk.report()
        assert [r["n"] for r in report.rows] == list(range(25))
        assert report.complete and report.total_rows == 25

    def test_a_capped_server_is_followed(self) -> None:
        """A server sending 7 rows when 10 were asked, while totalRows says 20, is asked on."""
        walk = Walk({}, [("a", "b")], page_size=10, keep=True)
        asked = drive(walk, lambda r: page(min(7, 20 - r["offset"]), 20, r["offset"]))
        assert [a[3] for a in asked] == [0, 7, 14]
        assert walk.report().complete

    def test_a_server_that_stops_early_is_incomplete(self) -> None:
        """totalRows 50, but the second page is empty: complete is False, rows are what came."""
        walk = Walk({}, [("a", "b")], page_size=10, keep=True)
        drive(walk, lambda r: page(10 if r["offset"] == 0 else 0, 50, r["offset"]))
        report = walk.report()
        assert len(report.rows) == 10 and report.total_rows == 50 and not report.complete

    def test_without_total_rows_a_short_page_ends(self) -> None:
        """No totalRows: a short page is the last."""
        walk = Walk({}, [("a", "b")], page_size=10, keep=True)
        asked = drive(walk, lambda r: page(10 if r["offset"] < 20 else 3, None, r["offset"]))
        assert [a[3] for a in asked] == [0, 10, 20]
        assert walk.report().total_rows == 23 and walk.report().complete

    def test_limit_caps_the_request_and_the_rows(self) -> None:
        """limit=15 with pages of 10: asks 10 then 5; complete is False when more exist."""
        walk = Walk({}, [("a", "b")], page_size=10, limit=15, keep=True)
        asked = drive(walk, lambda r: page(r["limit"], 100, r["offset"]))
        assert [(a[2], a[3]) for a in asked] == [(10, 0), (5, 10)]
        assert len(walk.report().rows) == 15 and not walk.report().complete

    def test_limit_above_the_total_is_complete(self) -> None:
        """limit=50 for a 12-row result: every row, complete."""
        walk = Walk({}, [("a", "b")], page_size=100, limit=50, keep=True)
        drive(walk, lambda r: page(12, 12))
        assert walk.report().complete

    def test_offset_is_never_complete(self) -> None:
        """Rows from an offset on are not the whole result."""
        walk = Walk({}, [("a", "b")], page_size=100, offset=5, keep=True)
        asked = drive(walk, lambda r: page(7, 12, 5))
        assert asked[0][3] == 5
        assert not walk.report().complete

    def test_chunks_in_order_with_progress(self) -> None:
        """Each chunk is walked to its end before the next; progress learns the total once
        every chunk has answered."""
        seen: list[tuple[int, int | None]] = []
        walk = Walk(
            {},
            [("a", "b"), ("b", "c")],
            page_size=4,
            keep=True,
            progress=lambda d, t: seen.append((d, t)),
        )
        sizes = {"a": 6, "b": 3}
        asked = drive(
            walk, lambda r: page(min(4, sizes[r["from_"]] - r["offset"]), sizes[r["from_"]])
        )
        assert asked == [("a", "b", 4, 0), ("a", "b", 4, 4), ("b", "c", 4, 0)]
        assert seen == [(4, None), (6, None), (9, 9)]
        report = walk.report()
        assert report.total_rows == 9 and report.complete
        assert report.totals == {"visits": 9}

    def test_iterating_walks_keep_no_rows(self) -> None:
        """keep=False (iterators, exports): rows are handed out, never accumulated."""
        walk = Walk({}, [("a", "b")], page_size=10)
        drive(walk, lambda r: page(min(10, 30 - r["offset"]), 30, r["offset"]))
        assert walk.rows == [] and walk.done == 30


def test_check_progress() -> None:
    """None or a callable; anything else is a TypeError naming progress."""
    assert check_progress(None) is None
    assert check_progress(print) is print
    with pytest.raises(TypeError, match="progress"):
        check_progress(3)
