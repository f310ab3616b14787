"""pc.reports / apc.reports over httpx.MockTransport: the query sent, pages, exports, bad input."""

from __future__ import annotations

import inspect
import io
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from peerclick._client import AsyncPeerClick, PeerClick
from peerclick._ratelimit import RateLimits
from peerclick.errors import BadRequestError, ResponseValidationError
from peerclick.resources._report import CsvSink, Report, parse_report
from peerclick.resources.reports import AsyncReports, Reports

FAST = RateLimits(general=10_000, report=10_000, period=1.0, buffer_ms=0)
Answer = Callable[[httpx.Request], httpx.Response]


class Server:
    """A scripted PeerClick: logins get a token, `routes[path]` answers the rest; all recorded."""

    def __init__(self, routes: dict[str, Any] | None = None) -> None:
        self.routes: dict[str, Any] = dict(routes or {})
        self.requests: list[httpx.Request] = []
        self.times: list[float] = []
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/v1_1")
        if path == "/auth/access/session":
            return httpx.Response(200, json={"token": "t"})
        with self.lock:
            self.requests.append(request)
            self.times.append(time.monotonic())
        answer = self.routes.get(path)
        if answer is None:
            return httpx.Response(404, json={"description": f"no route {path}"})
        if callable(answer):
            result: httpx.Response = answer(request)
            return result
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(200, json=answer)

    @property
    def queries(self) -> list[str]:
        """The query strings of the API requests exactly as sent (logins left out)."""
        return [r.url.query.decode("ascii") for r in self.requests]


def paged(
    rows: list[dict[str, Any]], total: int | None = None, *, send_total: bool = True
) -> Answer:
    """A /report serving `rows` by limit/offset, with `totalRows` = `total` or len(rows)."""

    def answer(request: httpx.Request) -> httpx.Response:
        limit = int(request.url.params.get("limit", "100000"))
        offset = int(request.url.params.get("offset", "0"))
        body: dict[str, Any] = {"rows": rows[offset : offset + limit], "totals": {"visits": 1}}
        if send_total:
            body["totalRows"] = len(rows) if total is None else total
        return httpx.Response(200, json=body)

    return answer


ROWS = [{"day": f"2026-11-{n:02d}", "visits": n} for n in range(1, 26)]
REPORT = {
    "totalRows": 2,
    "totals": {"visits": 30, "revenue": 1.5},
    "rows": [
        {"campaignId": 1, "campaignName": "a", "visits": 10, "revenue": 1.0},
        {"campaignId": 2, "campaignName": "b", "visits": 20, "revenue": 0.5},
    ],
    "columnMappings": [{"key": "campaignName"}, {"key": "visits"}, {"key": "revenue"}],
}


@pytest.fixture
def server() -> Server:
    return Server({"/report": REPORT, "/report/conversions": REPORT})


@pytest.fixture
def pc(server: Server) -> Iterator[PeerClick]:
    with PeerClick(
        access_id="a",
        access_key="b",
        base_url="http://127.0.0.1",
        transport=httpx.MockTransport(server),
        rate_limits=FAST,
    ) as client:
        yield client


@pytest.fixture
async def apc(server: Server) -> Any:
    async with AsyncPeerClick(
        access_id="a",
        access_key="b",
        base_url="http://127.0.0.1",
        transport=httpx.MockTransport(server),
        rate_limits=FAST,
    ) as client:
        yield client


class TestGet:
    def test_query_for_dates(self, pc: PeerClick, server: Server) -> None:
        """Dates, repeated groupBy/columns, upper-cased choices and filters, as sent."""
        report = pc.reports.get(
            ["campaign", "day"],
            "2026-11-01",
            "2026-11-08",
            columns=["visits", "revenue"],
            timezone="Europe/Berlin",
            sort="revenue",
            direction="desc",
            filters={"campaign": 12},
            include="all",
            currency="usd",
        )
        assert server.queries == [
            "from=2026-11-01&to=2026-11-08&tz=Europe%2FBerlin&groupBy=campaign&groupBy=day"
            "&columns=visits&columns=revenue&sort=revenue&direction=DESC&limit=10000&offset=0&include=ALL"
            "&currency=USD&filter1=campaign&filter1Value=12"
        ]
        assert isinstance(report, Report)
        assert report.rows == REPORT["rows"]
        assert report.totals == {"visits": 30, "revenue": 1.5}
        assert report.total_rows == 2
        assert report.columns == ["campaignName", "visits", "revenue"]
        assert report.raw == REPORT

    def test_query_for_datetimes_converts_to_the_timezone(
        self, pc: PeerClick, server: Server
    ) -> None:
        """Aware datetimes are sent as hour-rounded wall-clock time in `timezone`."""
        pc.reports.get(
            "campaign",
            datetime(2026, 11, 1, 8, tzinfo=UTC),
            datetime(2026, 11, 2, 8, tzinfo=UTC),
            timezone="Asia/Tokyo",
            conversion_time_mode="visit",
            filters="summer sale",
            limit=10,
            offset=20,
        )
        assert server.queries == [
            "from=2026-11-01T17%3A00%3A00Z&to=2026-11-02T17%3A00%3A00Z&tz=Asia%2FTokyo&groupBy=campaign"
            "&limit=10&offset=20&conversionTimeMode=VISIT&filter=summer+sale"
        ]

    def test_naive_datetime_and_date_mix(self, pc: PeerClick, server: Server) -> None:
        """A naive datetime is already wall-clock time; the date beside it becomes midnight."""
        pc.reports.get("day", datetime(2026, 11, 1, 6), "2026-11-03")
        assert server.queries[0].startswith(
            "from=2026-11-01T06%3A00%3A00Z&to=2026-11-03T00%3A00%3A00Z&tz=UTC&groupBy=day"
        )

    def test_error_status_is_typed(self, pc: PeerClick, server: Server) -> None:
        """A 400 from the server arrives as BadRequestError with its description."""
        server.routes["/report"] = httpx.Response(400, json={"description": "bad column"})
        with pytest.raises(BadRequestError, match="bad column"):
            pc.reports.get("campaign", "2026-11-01", "2026-11-02")

    @pytest.mark.parametrize(
        ("answer", "words"),
        [
            (httpx.Response(200, text="<html>oops</html>"), "/report"),
            (httpx.Response(200, json=[1, 2]), "does not match the spec"),
            (httpx.Response(200, json={"rows": [1, 2]}), "does not match the spec"),
            (httpx.Response(200, json={"rows": [["a", 1]]}), "does not match the spec|rows"),
            (httpx.Response(200, json={"totals": {}}), "'rows' must be a list"),
            (httpx.Response(200, json={"rows": [], "totalRows": "x"}), "totalRows"),
            (httpx.Response(200, json={"description": "Failed"}), "Failed"),
        ],
    )
    def test_bad_2xx_bodies(
        self, pc: PeerClick, server: Server, answer: httpx.Response, words: str
    ) -> None:
        """A 2xx that is not JSON, or not a report, is ResponseValidationError (or the error)."""
        server.routes["/report"] = answer
        with pytest.raises((ResponseValidationError, BadRequestError), match=words):
            pc.reports.get("campaign", "2026-11-01", "2026-11-02")

    def test_non_json_is_response_validation_error(self, pc: PeerClick, server: Server) -> None:
        """Plain text with 200: ResponseValidationError naming the path."""
        server.routes["/report"] = httpx.Response(200, text="not json")
        with pytest.raises(ResponseValidationError, match=r"GET (/v1_1)?/report"):
            pc.reports.get("campaign", "2026-11-01", "2026-11-02")

    async def test_async_get(self, apc: AsyncPeerClick, server: Server) -> None:
        """The async twin sends the same query and returns the same Report."""
        report = await apc.reports.get(["campaign", "day"], "2026-11-01", "2026-11-08")
        assert server.queries == [
            "from=2026-11-01&to=2026-11-08&tz=UTC&groupBy=campaign&groupBy=day&limit=10000&offset=0"
        ]
        assert report.rows == REPORT["rows"]

    async def test_async_non_json(self, apc: AsyncPeerClick, server: Server) -> None:
        """Async: a non-JSON 200 is ResponseValidationError too."""
        server.routes["/report"] = httpx.Response(200, text="not json")
        with pytest.raises(ResponseValidationError):
            await apc.reports.get("campaign", "2026-11-01", "2026-11-02")


class TestDefaultEnd:
    def test_date_to_none(
        self, pc: PeerClick, server: Server, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """date_to=None: tomorrow (dates) or the next full hour (datetimes), in `timezone`."""
        from peerclick.resources import _report_params

        now = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
        monkeypatch.setattr(_report_params, "_now", lambda tz: now.astimezone(tz))
        pc.reports.get("day", "2026-11-20")
        pc.reports.get("day", "2026-11-20", timezone="Europe/Berlin")
        pc.reports.get("hour", "2026-11-26T10:00", timezone="Europe/Berlin")
        assert [q.split("&groupBy")[0] for q in server.queries] == [
            "from=2026-11-20&to=2026-11-27&tz=UTC",
            "from=2026-11-20&to=2026-11-28&tz=Europe%2FBerlin",
            "from=2026-11-26T10%3A00%3A00Z&to=2026-11-27T01%3A00%3A00Z&tz=Europe%2FBerlin",
        ]

    def test_today_is_the_clients_clock(self, server: Server) -> None:
        """A client on a fake clock asks up to the fake's tomorrow, not the calendar's."""
        fake_now = datetime(2025, 3, 9, 22, 15, tzinfo=UTC).timestamp()
        with PeerClick(
            access_id="a", access_key="b", base_url="http://127.0.0.1",
            transport=httpx.MockTransport(server), rate_limits=FAST, clock=lambda: fake_now,
        ) as pc:  # fmt: skip
            pc.reports.get("campaign", "2025-03-01")
            pc.reports.conversions("2025-03-09T20:00")
        assert [q.split("&groupBy")[0].split("&columns")[0] for q in server.queries[:1]] == [
            "from=2025-03-01&to=2025-03-10&tz=UTC"
        ]
        assert "to=2025-03-09T23%3A00%3A00Z" in server.queries[1]

    async def test_the_async_twin_reads_the_clients_clock_too(self, server: Server) -> None:
        fake_now = datetime(2025, 3, 9, 22, 15, tzinfo=UTC).timestamp()
        async with AsyncPeerClick(
            access_id="a", access_key="b", base_url="http://127.0.0.1",
            transport=httpx.MockTransport(server), rate_limits=FAST, clock=lambda: fake_now,
        ) as apc:  # fmt: skip
            await apc.reports.get("campaign", "2025-03-01")
        assert server.queries[0].startswith("from=2025-03-01&to=2025-03-10&tz=UTC")


BAD_REPORT_ARGS: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"group_by": "campain"}, ValueError, "group_by"),
    ({"group_by": []}, ValueError, "group_by"),
    ({"group_by": [1]}, TypeError, "group_by"),
    ({"columns": "visitz"}, ValueError, "columns"),
    ({"columns": {"visits": 1}}, TypeError, "columns"),
    ({"date_from": "2026-11-01T10:30"}, ValueError, "date_from"),
    ({"date_to": "2026-10-01"}, ValueError, "date_to"),
    ({"date_to": "2026-11-01"}, ValueError, "date_from must be before date_to"),
    ({"timezone": "Nowhere/Land"}, ValueError, "timezone"),
    ({"sort": "nope"}, ValueError, "sort"),
    ({"direction": "sideways"}, ValueError, "direction"),
    ({"include": "NONE"}, ValueError, "include"),
    ({"conversion_time_mode": "LATER"}, ValueError, "conversion_time_mode"),
    ({"currency": "dollars"}, ValueError, "currency"),
    ({"filters": {"a": 1, "b": 2, "c": 3, "d": 4}}, ValueError, "filters"),
    ({"filters": 12}, TypeError, "filters"),
]


def _call(reports: Reports, method: str, args: dict[str, Any], tmp_path: Path) -> Any:
    """Call a report method with a good base plus `args`, list()-ing iterators."""
    base: dict[str, Any] = {"group_by": "campaign", "date_from": "2026-11-01"}
    base["date_to"] = "2026-11-02"
    base.update(args)
    limit_args = {k: base.pop(k) for k in ("limit", "offset", "page_size") if k in base}
    if method in ("get", "conversions"):
        base.update({k: v for k, v in limit_args.items() if k != "page_size"})
    else:
        base.update({k: v for k, v in limit_args.items() if k == "page_size"})
    if method == "export_csv":
        return reports.export_csv(tmp_path / "out.csv", **base)
    return getattr(reports, method)(**base)


class TestRefusedBeforeAnyRequest:
    @pytest.mark.parametrize("method", ["get", "iter_rows", "export_csv", "conversions"])
    @pytest.mark.parametrize(("args", "error", "words"), BAD_REPORT_ARGS)
    def test_report_args(
        self,
        pc: PeerClick,
        server: Server,
        tmp_path: Path,
        method: str,
        args: dict[str, Any],
        error: type[Exception],
        words: str,
    ) -> None:
        """A bad argument raises at the call, naming it; nothing is sent and no file made."""
        if method == "conversions" and "group_by" in args and args["group_by"] == []:
            pass  # still refused: an empty list is not "no grouping"
        with pytest.raises(error, match=words):
            _call(pc.reports, method, args, tmp_path)
        assert server.requests == []
        assert not (tmp_path / "out.csv").exists()

    @pytest.mark.parametrize(
        ("method", "args", "error", "words"),
        [
            ("get", {"limit": 0}, ValueError, "limit"),
            ("get", {"limit": True}, TypeError, "limit"),
            ("get", {"offset": -5}, ValueError, "offset"),
            ("conversions", {"limit": 100_001}, ValueError, "limit"),
            ("iter_rows", {"page_size": 0}, ValueError, "page_size"),
            ("iter_rows", {"page_size": 1.5}, TypeError, "page_size"),
            ("export_csv", {"page_size": 100_001}, ValueError, "page_size"),
            ("iter_conversions", {"page_size": False}, TypeError, "page_size"),
        ],
    )
    def test_paging_args(
        self,
        pc: PeerClick,
        server: Server,
        tmp_path: Path,
        method: str,
        args: dict[str, Any],
        error: type[Exception],
        words: str,
    ) -> None:
        """limit, offset and page_size are checked before any request."""
        with pytest.raises(error, match=words):
            _call(pc.reports, method, args, tmp_path)
        assert server.requests == []

    def test_export_target(self, pc: PeerClick, server: Server) -> None:
        """export_csv refuses a target that is neither a path nor a file, before sending."""
        with pytest.raises(TypeError, match="path_or_file"):
            pc.reports.export_csv(42, "campaign", "2026-11-01", "2026-11-02")  # type: ignore[arg-type]
        assert server.requests == []

    @pytest.mark.parametrize("method", ["live_visits", "live_clicks"])
    @pytest.mark.parametrize(
        ("args", "error", "words"),
        [
            ({"campaign_id": "7"}, TypeError, "campaign_id"),
            ({"campaign_id": 0}, ValueError, "campaign_id"),
            ({"campaign_id": True}, TypeError, "campaign_id"),
            ({"campaign_id": 7, "timezone": "Mars/Base"}, ValueError, "timezone"),
        ],
    )
    def test_live_args(
        self,
        pc: PeerClick,
        server: Server,
        method: str,
        args: dict[str, Any],
        error: type[Exception],
        words: str,
    ) -> None:
        """Live reports check the campaign id and time zone first."""
        with pytest.raises(error, match=words):
            getattr(pc.reports, method)(**args)
        assert server.requests == []

    @pytest.mark.parametrize(("args", "error", "words"), BAD_REPORT_ARGS)
    async def test_async_twins(
        self,
        apc: AsyncPeerClick,
        server: Server,
        tmp_path: Path,
        args: dict[str, Any],
        error: type[Exception],
        words: str,
    ) -> None:
        """Async: get/export_csv raise when awaited, iter_rows at the call; nothing is sent."""
        base: dict[str, Any] = {"group_by": "campaign", "date_from": "2026-11-01"}
        base["date_to"] = "2026-11-02"
        base.update(args)
        with pytest.raises(error, match=words):
            await apc.reports.get(**base)
        with pytest.raises(error, match=words):
            apc.reports.iter_rows(**base)
        with pytest.raises(error, match=words):
            await apc.reports.export_csv(tmp_path / "out.csv", **base)
        with pytest.raises(error, match=words):
            await apc.reports.conversions(**base)
        assert server.requests == []
        assert not (tmp_path / "out.csv").exists()


class TestIterRows:
    def test_every_row_once_in_order(self, pc: PeerClick, server: Server) -> None:
        """25 rows in pages of 10: three requests, offsets 0/10/20, all rows in order."""
        server.routes["/report"] = paged(ROWS)
        rows = pc.reports.iter_rows("day", "2026-11-01", "2026-12-01", page_size=10)
        assert server.requests == []  # lazy: nothing until iterated
        assert list(rows) == ROWS
        assert [(r.url.params["limit"], r.url.params["offset"]) for r in server.requests] == [
            ("10", "0"),
            ("10", "10"),
            ("10", "20"),
        ]

    def test_stops_at_total_rows(self, pc: PeerClick, server: Server) -> None:
        """When total_rows is a multiple of page_size no empty page is asked for."""
        server.routes["/report"] = paged(ROWS[:20])
        assert (
            list(pc.reports.iter_rows("day", "2026-11-01", "2026-11-26", page_size=10)) == ROWS[:20]
        )
        assert len(server.requests) == 2

    def test_short_page_does_not_end_while_total_rows_says_more(
        self, pc: PeerClick, server: Server
    ) -> None:
        """A short page with totalRows saying more (a server capping limit) is followed by
        another request; an empty page ends the walk."""
        server.routes["/report"] = paged(ROWS[:13], total=1000)
        rows = pc.reports.iter_rows("day", "2026-11-01", "2026-11-26", page_size=10)
        assert list(rows) == ROWS[:13]
        assert [r.url.params["offset"] for r in server.requests] == ["0", "10", "13"]

    def test_without_total_rows(self, pc: PeerClick, server: Server) -> None:
        """No totalRows: walk until an empty page."""
        server.routes["/report"] = paged(ROWS[:20], send_total=False)
        assert (
            list(pc.reports.iter_rows("day", "2026-11-01", "2026-11-26", page_size=10)) == ROWS[:20]
        )
        assert len(server.requests) == 3

    def test_stopping_early_sends_no_more(self, pc: PeerClick, server: Server) -> None:
        """Taking the first rows fetches only the first page."""
        server.routes["/report"] = paged(ROWS)
        rows = pc.reports.iter_rows("day", "2026-11-01", "2026-11-26", page_size=10)
        assert [next(rows) for _ in range(3)] == ROWS[:3]
        assert len(server.requests) == 1

    def test_iter_conversions(self, pc: PeerClick, server: Server) -> None:
        """Conversions page the same way, on /report/conversions, without groupBy."""
        server.routes["/report/conversions"] = paged(ROWS)
        assert list(pc.reports.iter_conversions("2026-11-01", "2026-11-26", page_size=20)) == ROWS
        assert [r.url.path for r in server.requests] == ["/v1_1/report/conversions"] * 2
        assert "groupBy" not in server.requests[0].url.params

    def test_pacing_by_the_report_budget(self, server: Server) -> None:
        """Each page takes a report permit: consecutive pages are >= one period apart."""
        period = 0.2
        server.routes["/report"] = paged(ROWS)
        with PeerClick(
            access_id="a",
            access_key="b",
            base_url="http://127.0.0.1",
            transport=httpx.MockTransport(server),
            rate_limits=RateLimits(general=1000, report=1, period=period),
        ) as client:
            assert (
                len(list(client.reports.iter_rows("day", "2026-11-01", "2026-11-26", page_size=10)))
                == 25
            )
        gaps = [b - a for a, b in zip(server.times, server.times[1:], strict=False)]
        assert len(gaps) == 2
        assert all(gap >= period - 0.02 for gap in gaps), gaps

    async def test_async_iteration(self, apc: AsyncPeerClick, server: Server) -> None:
        """`async for` over iter_rows yields every row once, in order, and stops at total."""
        server.routes["/report"] = paged(ROWS)
        rows = [
            row
            async for row in apc.reports.iter_rows("day", "2026-11-01", "2026-11-26", page_size=10)
        ]
        assert rows == ROWS
        assert [r.url.params["offset"] for r in server.requests] == ["0", "10", "20"]

    async def test_async_short_page_and_conversions(
        self, apc: AsyncPeerClick, server: Server
    ) -> None:
        """Async: an empty page ends the walk; iter_conversions pages too."""
        server.routes["/report/conversions"] = paged(ROWS[:5], total=99)
        got = [
            r async for r in apc.reports.iter_conversions("2026-11-01", "2026-11-26", page_size=10)
        ]
        assert got == ROWS[:5]
        assert len(server.requests) == 2


class TestExportCsv:
    def test_to_path(self, pc: PeerClick, server: Server, tmp_path: Path) -> None:
        """All pages go to the file under one header; the row count is returned."""
        server.routes["/report"] = paged(ROWS)
        target = tmp_path / "days.csv"
        assert pc.reports.export_csv(target, "day", "2026-11-01", "2026-11-26", page_size=10) == 25
        lines = target.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "day,visits"
        assert lines[1:] == [f"{r['day']},{r['visits']}" for r in ROWS]

    def test_to_open_file_with_mapped_columns(self, pc: PeerClick, server: Server) -> None:
        """The header is the first page's columns; an open file is left open."""
        buffer = io.StringIO()
        assert pc.reports.export_csv(buffer, "campaign", "2026-11-01", "2026-11-26") == 2
        assert buffer.getvalue().splitlines() == [
            "campaignName,visits,revenue",
            "a,10,1.0",
            "b,20,0.5",
        ]
        assert not buffer.closed

    def test_empty_report_writes_the_header(
        self, pc: PeerClick, server: Server, tmp_path: Path
    ) -> None:
        """No rows: the file holds just the header of the requested columns."""
        server.routes["/report"] = {"rows": [], "totalRows": 0}
        target = tmp_path / "empty.csv"
        assert (
            pc.reports.export_csv(target, "day", "2026-11-01", "2026-11-26", columns=["visits"])
            == 0
        )
        assert target.read_text(encoding="utf-8") == "visits\n"

    async def test_async(self, apc: AsyncPeerClick, server: Server, tmp_path: Path) -> None:
        """The async twin writes the same file."""
        server.routes["/report"] = paged(ROWS)
        target = tmp_path / "days.csv"
        assert (
            await apc.reports.export_csv(target, "day", "2026-11-01", "2026-11-26", page_size=7)
            == 25
        )
        assert len(target.read_text(encoding="utf-8").splitlines()) == 26
        assert len(server.requests) == 4


class TestConversionsAndLive:
    def test_conversions(self, pc: PeerClick, server: Server) -> None:
        """conversions() hits /report/conversions; group_by is optional."""
        report = pc.reports.conversions("2026-11-01", "2026-11-02", limit=5)
        assert server.requests[0].url.path == "/v1_1/report/conversions"
        assert server.queries == ["from=2026-11-01&to=2026-11-02&tz=UTC&limit=5&offset=0"]
        assert report.total_rows == 2

    def test_live_visits_and_clicks(self, pc: PeerClick, server: Server) -> None:
        """Live reports return the row dicts; the time zone is sent only when given."""
        rows = [{"visitId": "x", "countryCode": "DE"}]
        server.routes["/report/live/visits/7"] = {"rows": rows, "totalRows": 1}
        server.routes["/report/live/clicks/7"] = {"rows": rows}
        assert pc.reports.live_visits(7, timezone="Europe/Berlin") == rows
        assert pc.reports.live_clicks(7) == rows
        assert server.queries == ["tz=Europe%2FBerlin", ""]

    def test_live_bad_rows(self, pc: PeerClick, server: Server) -> None:
        """Rows that are not objects: ResponseValidationError."""
        server.routes["/report/live/clicks/7"] = {"rows": ["a"]}
        with pytest.raises(ResponseValidationError):
            pc.reports.live_clicks(7)

    def test_column_info(self, pc: PeerClick, server: Server) -> None:
        """column_info returns the columnMappings dicts."""
        mappings = [{"key": "visits", "label": "Visits", "type": "integer", "canGroupBy": False}]
        server.routes["/column/info"] = {"columnMappings": mappings}
        assert pc.reports.column_info() == mappings
        server.routes["/column/info"] = {"columns": []}
        with pytest.raises(ResponseValidationError, match="columnMappings"):
            pc.reports.column_info()
        server.routes["/column/info"] = httpx.Response(200, text="<html>")
        with pytest.raises(ResponseValidationError, match="/column/info"):
            pc.reports.column_info()

    async def test_async_twins(self, apc: AsyncPeerClick, server: Server) -> None:
        """The async live, column and conversions methods answer alike."""
        rows = [{"clickId": "c"}]
        server.routes["/report/live/visits/3"] = {"rows": rows}
        server.routes["/report/live/clicks/3"] = {"rows": rows}
        server.routes["/column/info"] = {"columnMappings": [{"key": "visits"}]}
        assert await apc.reports.live_visits(3) == rows
        assert await apc.reports.live_clicks(3, timezone="UTC") == rows
        assert await apc.reports.column_info() == [{"key": "visits"}]
        assert (await apc.reports.conversions("2026-11-01", "2026-11-26")).total_rows == 2


BODY = {
    "totalRows": 2,
    "totals": {"visits": 30},
    "rows": [
        {"campaignName": "a", "visits": 10, "extra": 1},
        {"campaignName": 'b, "c"', "visits": 20},
    ],
    "columnMappings": [{"key": "campaignName"}, {"key": "visits"}],
}


class TestReport:
    def test_parse(self) -> None:
        """Rows, totals, total_rows and columns come from the body; raw is the body."""
        report = parse_report(BODY, requested_columns=None)
        assert report.rows == BODY["rows"]
        assert report.totals == {"visits": 30}
        assert report.total_rows == 2
        assert report.columns == ["campaignName", "visits"]
        assert report.raw is BODY
        assert len(report) == 2
        assert list(report) == BODY["rows"]
        assert "rows=2 total_rows=2" in repr(report)

    def test_columns_fallbacks(self) -> None:
        """Without columnMappings: the first row's keys (grouping fields kept), then requested
        columns the row lacks; with no rows, the requested columns."""
        body = {"rows": [{"day": "2026-11-01", "visits": 1}]}
        report = parse_report(body, requested_columns=["visits", "cost"])
        assert report.columns == ["day", "visits", "cost"]
        empty = parse_report({"rows": []}, requested_columns=["visits"])
        assert empty.columns == ["visits"]
        report = parse_report(body, requested_columns=None)
        assert report.columns == ["day", "visits"]
        assert report.total_rows == 1 and report.totals == {}
        assert parse_report({"rows": []}, requested_columns=None).columns == []

    @pytest.mark.parametrize(
        ("body", "words"),
        [
            ({}, "'rows' must be a list"),
            ({"rows": {"a": 1}}, "'rows' must be a list"),
            ({"rows": [{"a": 1}, [1, 2]]}, "rows[1] must be an object"),
            ({"rows": [], "totals": [1]}, "'totals' must be an object"),
            ({"rows": [], "totalRows": "9"}, "'totalRows'"),
            ({"rows": [], "totalRows": True}, "'totalRows'"),
            ({"rows": [], "columnMappings": [{"label": "x"}]}, "'columnMappings'"),
        ],
    )
    def test_wrong_shape(self, body: dict[str, Any], words: str) -> None:
        """A body that is not a report: TypeError/ValueError naming the field (the fetch turns
        it into ResponseValidationError with status and excerpt)."""
        with pytest.raises((TypeError, ValueError), match=words.replace("[", r"\[")):
            parse_report(body, requested_columns=None)

    def test_to_records_copies(self) -> None:
        """to_records returns new dicts."""
        report = parse_report(BODY, requested_columns=None)
        records = report.to_records()
        records[0]["visits"] = 0
        assert report.rows[0]["visits"] == 10

    def test_to_csv_file_and_path(self, tmp_path: Path) -> None:
        """to_csv writes the header from columns, quotes, and leaves other keys out."""
        report = parse_report(BODY, requested_columns=None)
        buffer = io.StringIO()
        assert report.to_csv(buffer) == 2
        expected = 'campaignName,visits\r\na,10\r\n"b, ""c""",20\r\n'
        assert buffer.getvalue() == expected
        assert not buffer.closed
        target = tmp_path / "r.csv"
        report.to_csv(target)
        assert target.read_bytes().decode("utf-8") == expected
        report.to_csv(str(target))
        assert target.read_bytes().decode("utf-8") == expected

    def test_to_csv_refuses_other_targets(self) -> None:
        """Neither a path nor a file: TypeError naming path_or_file."""
        report = parse_report(BODY, requested_columns=None)
        with pytest.raises(TypeError, match="path_or_file"):
            report.to_csv(3)  # type: ignore[arg-type]

    def test_csv_sink_writes_header_once(self) -> None:
        """Several writes share one header (the first call's columns)."""
        buffer = io.StringIO()
        with CsvSink(buffer) as sink:
            sink.write(["a"], [{"a": 1}])
            sink.write(["b"], [{"a": 2, "b": 3}])
        assert buffer.getvalue() == "a\r\n1\r\n2\r\n"

    def test_frozen(self) -> None:
        """Report is immutable."""
        report = Report(rows=[], totals={}, total_rows=0, columns=[], raw={})
        with pytest.raises(AttributeError):
            report.total_rows = 3  # type: ignore[misc]

    def test_to_pandas(self) -> None:
        """to_pandas gives a DataFrame with `columns` as its columns."""
        pytest.importorskip("pandas")
        frame = parse_report(BODY, requested_columns=None).to_pandas()
        assert list(frame.columns) == ["campaignName", "visits"]
        assert frame["visits"].tolist() == [10, 20]

    def test_to_pandas_without_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas: ImportError telling how to install the extra."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        report = parse_report(BODY, requested_columns=None)
        with pytest.raises(ImportError, match=r"pip install 'peerclick\[pandas\]'"):
            report.to_pandas()


def _public(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_twins_have_the_same_methods_and_parameters() -> None:
    """Reports and AsyncReports expose the same public methods with the same parameters."""
    sync, async_ = _public(Reports), _public(AsyncReports)
    assert sorted(sync) == sorted(async_)
    assert set(sync) >= {"get", "iter_rows", "export_csv", "conversions", "live_visits"}
    for name in sync:
        assert sync[name].parameters == async_[name].parameters, name
        is_async = inspect.iscoroutinefunction(getattr(AsyncReports, name))
        assert is_async == (name not in ("iter_rows", "iter_conversions")), name
