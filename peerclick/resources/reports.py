"""`pc.reports` and `apc.reports`: statistics, conversions and live reports.

The twins differ only in how they send (`fetch_sync` vs `fetch_async`) and loop over pages;
argument checking lives in `_report_params` (what a report shows is one TypedDict,
`ReportOptions`, taken as `**options` by every method), the walk over pages and 31-day chunks in
`_paging`, the answer's shape in `_report`. Every page is one `/report` request, so the client's
report budget (1/s by default) paces every walk without any sleeping here.

Nothing is cut short silently: `get` and `conversions` fetch every page unless `limit=` is
given, and `Report.complete` says whether the rows are the whole result.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Unpack

from peerclick._progress import Progress
from peerclick.resources._base import AsyncResource, Operation, SyncResource
from peerclick.resources._csv import CsvSink, CsvTarget
from peerclick.resources._dates import DateLike
from peerclick.resources._io import fetch_async, fetch_sync
from peerclick.resources._paging import Walk, check_progress, plan_chunks
from peerclick.resources._report import (
    Report,
    parse_column_mappings,
    parse_rows,
    report_builder,
)
from peerclick.resources._report_params import (
    GroupByArg,
    ReportOptions,
    build_report_kwargs,
    check_options,
    check_page_size,
    live_kwargs,
)
from peerclick_api.api.report import (
    get_column_info,
    get_conversions_report,
    get_live_clicks,
    get_live_visits,
    get_report,
)

__all__ = ["DEFAULT_PAGE_SIZE", "GET_PAGE_SIZE", "AsyncReports", "ReportOptions", "Reports"]

DEFAULT_PAGE_SIZE = 1000
"""Rows per request of the iterating methods (one page is held in memory at a time)."""
GET_PAGE_SIZE = 10_000
"""Rows per request of `get`/`conversions`, which keep every row anyway: fewer, larger pages."""
# Iterators and exports queue behind interactive calls of the same budget (issue: lanes), unless
# the client was given a priority with `with_options(priority=...)`.
BULK_LANE = "low"
Row = dict[str, Any]  # a report row as the API sends it: column -> JSON value


def _walk(
    method: str,
    group_by: object,
    date_from: object,
    date_to: object,
    options: ReportOptions,
    *,
    page_size: object,
    progress: object,
    limit: object = None,
    offset: object = None,
    conversions: bool = False,
    keep: bool = False,
    clock: Callable[[], float] | None = None,
) -> Walk:
    """Check a public method's arguments and plan its walk; no I/O. ``clock``: the client's
    (epoch seconds), for a missing ``date_to``."""
    check_options(options, method)
    query = build_report_kwargs(
        group_by=group_by, date_from=date_from, date_to=date_to, limit=limit, offset=offset,
        group_by_required=not conversions, clock=clock, **options,
    )  # fmt: skip
    page_size = check_page_size(page_size)
    checked_progress = check_progress(progress)
    checked_limit: int | None = query.pop("limit", None)
    checked_offset: int = query.pop("offset", 0)
    chunks = plan_chunks(query["from_"], query["to"], query.get("group_by"))
    if len(chunks) > 1 and checked_offset:
        raise ValueError(
            "offset cannot be combined with a range over 31 days (it is fetched in 31-day "
            "chunks); use limit=, or iter_rows and skip rows yourself"
        )
    return Walk(
        query, chunks, page_size=page_size, limit=checked_limit, offset=checked_offset,
        progress=checked_progress, keep=keep,
    )  # fmt: skip


def _what(op: Operation) -> str:
    return "the conversions report" if op is get_conversions_report else "a report"


class Reports(SyncResource):
    """Reports through a `PeerClick` client: `pc.reports`."""

    def get(
        self,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        limit: int | None = None,
        offset: int | None = None,
        page_size: int = GET_PAGE_SIZE,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> Report:
        """A whole statistics report (`GET /report`), grouped by one or more dimensions.

        Every page is fetched (paced by the report budget) unless `limit` is given;
        `report.complete` says whether `rows` is the whole result. A range over 31 days is
        fetched in 31-day chunks when `group_by` has a time dimension (`day`, `hour`) and
        stitched (each row once; totals summed, ratios recomputed); other groupings over 31
        days are refused, as PeerClick would refuse them.

        Example::

            report = pc.reports.get(["campaign", "day"], "2026-11-01", "2026-11-08",
                                    columns=["visits", "conversions", "revenue"],
                                    timezone="Europe/Berlin", sort="revenue", direction="desc")
            report.rows, report.totals, report.total_rows, report.complete

        Args:
            group_by: a dimension (`"campaign"`) or a list of them; sent as repeated `groupBy`.
            date_from: start, inclusive: a date, a datetime on the hour (naive = in
                `timezone`; aware ones are converted) or an ISO-8601 string.
            date_to: end, exclusive, as `date_from`. None means up to now: tomorrow's date if
                `date_from` is a date, else the next full hour (in `timezone`).
            limit: at most this many rows (1..100000); offset: rows to skip (single range).
            page_size: rows per request, 1..100000.
            progress: called `(rows_done, total_rows_or_None)` after every page.
            options: what the report shows (`columns`, `timezone`, `sort`, ...): see
                `ReportOptions`, the same for every report method.

        Returns:
            Report: rows, totals, total_rows, columns, complete, raw.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            peerclick.errors.APIError: an error status; ResponseValidationError: a 2xx body
                that is not a report.
        """
        walk = _walk(
            "get", group_by, date_from, date_to, options,
            clock=self._wall_clock, limit=limit, offset=offset,
            page_size=page_size, progress=progress, keep=True,
        )  # fmt: skip
        self._run(get_report, walk)
        return walk.report()

    def iter_rows(
        self,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> Iterator[Row]:
        """Every row of a report, fetched lazily page by page (`limit`/`offset`).

        Arguments are checked now; requests go out as you iterate, one page (one request,
        paced by the report rate limit) at a time, so only one page is held in memory. Ranges
        over 31 days are walked chunk by chunk as `get` does. Arguments: as `get`.

        Example::

            for row in pc.reports.iter_rows("day", "2026-01-01", "2026-11-01", page_size=5000):
                ...

        Returns:
            An iterator of row dicts, every row once, in the server's order.

        Raises:
            TypeError, ValueError: a bad argument (at the call, before any request).
        """
        walk = _walk(
            "iter_rows", group_by, date_from, date_to, options,
            clock=self._wall_clock, page_size=page_size,
            progress=progress,
        )  # fmt: skip
        return self._rows(get_report, walk)

    def export_csv(
        self,
        path_or_file: CsvTarget,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        escape_formulas: bool = True,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> int:
        """Stream a whole report into a CSV file, page by page (for reports larger than memory).

        A path is written atomically: rows go to a temporary file beside it, renamed into
        place only when the last page is written. An error or Ctrl-C part-way leaves the
        previous file untouched and no temporary file. A symlink at the path is replaced by
        the new file (the file it points to is not written). An open text file is written as
        pages arrive. The header is the first page's `columns`.

        Example::

            n = pc.reports.export_csv("visits.csv", ["campaign", "day"], "2026-11-01", "2026-11-08")

        Args:
            path_or_file: a path (UTF-8) or an open text file (left open).
            escape_formulas: prefix text cells starting with `=`, `+`, `-`, `@`, tab or CR
                with `'` so spreadsheets do not run them (the default; OWASP's advice).
            Others: as `iter_rows`.

        Returns:
            The number of rows written.

        Raises:
            TypeError, ValueError: a bad argument (before any request or file is opened).
        """
        walk = _walk(
            "export_csv", group_by, date_from, date_to, options,
            clock=self._wall_clock, page_size=page_size,
            progress=progress,
        )  # fmt: skip
        written = 0
        with CsvSink(path_or_file, escape_formulas=escape_formulas) as sink:
            while (request := walk.next_request()) is not None:
                rows = walk.take(self._page(get_report, request, BULK_LANE))
                written += sink.write(walk.columns, rows)
        return written

    def conversions(
        self,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        group_by: GroupByArg | None = None,
        limit: int | None = None,
        offset: int | None = None,
        page_size: int = GET_PAGE_SIZE,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> Report:
        """The whole conversions report (`GET /report/conversions`): one row per conversion.

        Every page is fetched unless `limit` is given (see `get`); ranges over 31 days are
        fetched in chunks (each conversion belongs to one instant, so they stitch exactly).

        Example::

            convs = pc.reports.conversions("2026-11-01", "2026-11-02", timezone="UTC")

        Args:
            group_by: optional here (the server groups by conversion). Others: as `get`.

        Returns:
            Report.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
        """
        walk = _walk(
            "conversions", group_by, date_from, date_to, options,
            clock=self._wall_clock, limit=limit, offset=offset,
            page_size=page_size, progress=progress, conversions=True, keep=True,
        )  # fmt: skip
        self._run(get_conversions_report, walk)
        return walk.report()

    def iter_conversions(
        self,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        group_by: GroupByArg | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> Iterator[Row]:
        """Every conversion row, fetched lazily page by page, as `iter_rows` does.

        Example::

            for conv in pc.reports.iter_conversions("2026-11-01", "2026-11-08", page_size=5000): ...

        Returns:
            An iterator of row dicts.

        Raises:
            TypeError, ValueError: a bad argument (at the call, before any request).
        """
        walk = _walk(
            "iter_conversions", group_by, date_from, date_to, options,
            clock=self._wall_clock, page_size=page_size,
            progress=progress, conversions=True,
        )  # fmt: skip
        return self._rows(get_conversions_report, walk)

    def live_visits(self, campaign_id: int, timezone: str | None = None) -> list[Row]:
        """The latest visits of a campaign (`GET /report/live/visits/{campaignId}`).

        Example::

            for visit in pc.reports.live_visits(12, timezone="Europe/Berlin"): ...

        Returns:
            A list of row dicts.

        Raises:
            TypeError, ValueError: a bad campaign id or time zone (before any request).
        """
        cid, kwargs = live_kwargs(campaign_id, timezone)
        return fetch_sync(self._client, get_live_visits, parse_rows, "live visits", cid, **kwargs)

    def live_clicks(self, campaign_id: int, timezone: str | None = None) -> list[Row]:
        """The latest clicks of a campaign (`GET /report/live/clicks/{campaignId}`).

        Example::

            clicks = pc.reports.live_clicks(12)

        Returns:
            A list of row dicts.

        Raises:
            TypeError, ValueError: a bad campaign id or time zone (before any request).
        """
        cid, kwargs = live_kwargs(campaign_id, timezone)
        return fetch_sync(self._client, get_live_clicks, parse_rows, "live clicks", cid, **kwargs)

    def column_info(self) -> list[Row]:
        """What report columns exist (`GET /column/info`): key, label, type, canGroupBy, ...

        Example::

            keys = [c["key"] for c in pc.reports.column_info()]

        Returns:
            A list of column mapping dicts, as the API sends them.
        """
        return fetch_sync(self._client, get_column_info, parse_column_mappings, "column info")

    # --- the only I/O and the page loop -----------------------------------------------------

    def _page(self, op: Operation, request: dict[str, Any], lane: str | None = None) -> Report:
        build = report_builder(request.get("columns"))
        return fetch_sync(self._client, op, build, _what(op), lane=lane, **request)

    def _run(self, op: Operation, walk: Walk) -> None:
        while (request := walk.next_request()) is not None:
            walk.take(self._page(op, request))

    def _pages(self, op: Operation, walk: Walk) -> Iterator[list[Row]]:
        while (request := walk.next_request()) is not None:
            yield walk.take(self._page(op, request, BULK_LANE))

    def _rows(self, op: Operation, walk: Walk) -> Iterator[Row]:
        # chain walks each page's list in C: no Python frame resumed per row, still one page
        # fetched at a time, when the previous one is used up.
        return itertools.chain.from_iterable(self._pages(op, walk))


class AsyncReports(AsyncResource):
    """Reports through an `AsyncPeerClick` client: `apc.reports` (same methods, awaited)."""

    async def get(
        self,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        limit: int | None = None,
        offset: int | None = None,
        page_size: int = GET_PAGE_SIZE,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> Report:
        """A whole statistics report; arguments, result and errors as `Reports.get`.

        Example::

            report = await apc.reports.get(
                "campaign", "2026-11-01", "2026-11-08", columns=["visits"]
            )
        """
        walk = _walk(
            "get", group_by, date_from, date_to, options,
            clock=self._wall_clock, limit=limit, offset=offset,
            page_size=page_size, progress=progress, keep=True,
        )  # fmt: skip
        await self._run(get_report, walk)
        return walk.report()

    def iter_rows(
        self,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> AsyncIterator[Row]:
        """Every row of a report, page by page; use with `async for`. As `Reports.iter_rows`.

        Arguments are checked at the call (not awaited), requests go out as you iterate.

        Example::

            async for row in apc.reports.iter_rows("day", "2026-01-01", page_size=5000): ...
        """
        walk = _walk(
            "iter_rows", group_by, date_from, date_to, options,
            clock=self._wall_clock, page_size=page_size,
            progress=progress,
        )  # fmt: skip
        return self._rows(get_report, walk)

    async def export_csv(
        self,
        path_or_file: CsvTarget,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        escape_formulas: bool = True,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> int:
        """Stream a whole report into a CSV file, atomically; as `Reports.export_csv`.

        File writes are ordinary blocking writes, one page at a time; a cancelled task leaves
        the previous file untouched, like an error does.

        Example::

            n = await apc.reports.export_csv("visits.csv", "day", "2026-11-01", "2026-11-08")
        """
        walk = _walk(
            "export_csv", group_by, date_from, date_to, options,
            clock=self._wall_clock, page_size=page_size,
            progress=progress,
        )  # fmt: skip
        written = 0
        with CsvSink(path_or_file, escape_formulas=escape_formulas) as sink:
            while (request := walk.next_request()) is not None:
                rows = walk.take(await self._page(get_report, request, BULK_LANE))
                written += sink.write(walk.columns, rows)
        return written

    async def conversions(
        self,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        group_by: GroupByArg | None = None,
        limit: int | None = None,
        offset: int | None = None,
        page_size: int = GET_PAGE_SIZE,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> Report:
        """The whole conversions report; as `Reports.conversions`.

        Example::

            convs = await apc.reports.conversions("2026-11-01", "2026-11-02")
        """
        walk = _walk(
            "conversions", group_by, date_from, date_to, options,
            clock=self._wall_clock, limit=limit, offset=offset,
            page_size=page_size, progress=progress, conversions=True, keep=True,
        )  # fmt: skip
        await self._run(get_conversions_report, walk)
        return walk.report()

    def iter_conversions(
        self,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        group_by: GroupByArg | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        progress: Progress | None = None,
        **options: Unpack[ReportOptions],
    ) -> AsyncIterator[Row]:
        """Every conversion row, page by page, with `async for`; as `Reports.iter_conversions`.

        Example::

            async for conv in apc.reports.iter_conversions("2026-11-01", "2026-11-08"): ...
        """
        walk = _walk(
            "iter_conversions", group_by, date_from, date_to, options,
            clock=self._wall_clock, page_size=page_size,
            progress=progress, conversions=True,
        )  # fmt: skip
        return self._rows(get_conversions_report, walk)

    async def live_visits(self, campaign_id: int, timezone: str | None = None) -> list[Row]:
        """The latest visits of a campaign; as `Reports.live_visits`.

        Example::

            visits = await apc.reports.live_visits(12)
        """
        cid, kwargs = live_kwargs(campaign_id, timezone)
        return await fetch_async(
            self._client, get_live_visits, parse_rows, "live visits", cid, **kwargs
        )

    async def live_clicks(self, campaign_id: int, timezone: str | None = None) -> list[Row]:
        """The latest clicks of a campaign; as `Reports.live_clicks`.

        Example::

            clicks = await apc.reports.live_clicks(12)
        """
        cid, kwargs = live_kwargs(campaign_id, timezone)
        return await fetch_async(
            self._client, get_live_clicks, parse_rows, "live clicks", cid, **kwargs
        )

    async def column_info(self) -> list[Row]:
        """What report columns exist; as `Reports.column_info`.

        Example::

            columns = await apc.reports.column_info()
        """
        return await fetch_async(
            self._client, get_column_info, parse_column_mappings, "column info"
        )

    # --- the only I/O and the page loop -----------------------------------------------------

    async def _page(
        self, op: Operation, request: dict[str, Any], lane: str | None = None
    ) -> Report:
        build = report_builder(request.get("columns"))
        return await fetch_async(self._client, op, build, _what(op), lane=lane, **request)

    async def _run(self, op: Operation, walk: Walk) -> None:
        while (request := walk.next_request()) is not None:
            walk.take(await self._page(op, request))

    async def _rows(self, op: Operation, walk: Walk) -> AsyncIterator[Row]:
        while (request := walk.next_request()) is not None:
            for row in walk.take(await self._page(op, request, BULK_LANE)):
                yield row
