"""`pc.reports` and `apc.reports`: statistics, conversions and live reports.

The twins differ only in how they call the generated operations (`sync_detailed` vs
`asyncio_detailed`) and loop over pages; argument checking lives in `_report_params`, the answer's
shape in `_report`. Every page is one `/report` request, so the client's report budget (1/s by
default) paces `iter_rows` and `export_csv` without any sleeping here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from types import ModuleType
from typing import Any

from peerclick.resources._base import AsyncResource, SyncResource, call_async, call_sync
from peerclick.resources._dates import DateLike
from peerclick.resources._report import (
    CsvSink,
    CsvTarget,
    Report,
    column_mappings_from_answer,
    declared_total,
    report_from_answer,
    rows_from_answer,
)
from peerclick.resources._report_params import (
    ConversionTimeMode,
    Direction,
    GroupBy,
    Include,
    build_report_kwargs,
    check_page_size,
    live_kwargs,
    next_offset,
    page_kwargs,
)
from peerclick_api.api.report import (
    get_column_info,
    get_conversions_report,
    get_live_clicks,
    get_live_visits,
    get_report,
)

__all__ = ["AsyncReports", "Reports"]

REPORT_PATH = "/report"
CONVERSIONS_PATH = "/report/conversions"
COLUMN_INFO_PATH = "/column/info"
DEFAULT_PAGE_SIZE = 1000
_NOT_QUERY = frozenset({"self", "page_size", "path_or_file"})

GroupByArg = GroupBy | Sequence[GroupBy]
ColumnsArg = str | Sequence[str]
FiltersArg = Mapping[str, str | int] | str


def _path(op: ModuleType) -> str:
    """A report operation's path, for messages (found by name: the drift map stays exact)."""
    return CONVERSIONS_PATH if op.__name__.endswith(".get_conversions_report") else REPORT_PATH


def _arguments(scope: Mapping[str, Any]) -> dict[str, Any]:
    """A public method's report arguments (its `locals()` minus self and the non-query ones)."""
    return {k: v for k, v in scope.items() if k not in _NOT_QUERY}


class Reports(SyncResource):
    """Reports through a `PeerClick` client: `pc.reports`."""

    def get(
        self,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> Report:
        """One statistics report (`GET /report`), grouped by one or more dimensions.

        Example::

            report = pc.reports.get(["campaign", "day"], "2026-11-01", "2026-11-08",
                                    columns=["visits", "conversions", "revenue"],
                                    timezone="Europe/Berlin", sort="revenue", direction="desc")
            report.rows, report.totals, report.total_rows

        Args:
            group_by: a dimension (`"campaign"`) or a list of them; sent as repeated `groupBy`.
            date_from: start, inclusive: a date, a datetime on the hour (naive = in
                `timezone`; aware ones are converted) or an ISO-8601 string.
            date_to: end, exclusive, as `date_from`. None means up to now: tomorrow's date if
                `date_from` is a date, else the next full hour (in `timezone`).
            columns: metric or dimension columns to return (`visits`, `campaignName`, ...).
            timezone: IANA zone the dates and the report's days are in.
            sort: a column to sort by; direction: `asc` or `desc` (any case).
            filters: `{"campaign": 12}`-style drill-downs (at most 3) or a free-text filter.
            include: ALL, ACTIVE, ARCHIVED, TRAFFIC or ENTITY (any case).
            conversion_time_mode: CONVERSION (postback time) or VISIT (visit time).
            currency: ISO 4217 code for money columns, e.g. "EUR".
            limit: rows to return (1..100000); offset: rows to skip. For more rows than fit in
                one answer use `iter_rows` or `export_csv`.

        Returns:
            Report: rows, totals, total_rows, columns, raw.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            peerclick.errors.APIError: an error status; ResponseValidationError: a 2xx body
                that is not a report.
        """
        kwargs = build_report_kwargs(**_arguments(locals()))
        return self._fetch(get_report, kwargs)

    def iter_rows(
        self,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Iterator[dict[str, Any]]:
        """Every row of a report, fetched lazily page by page (`limit`/`offset`).

        Arguments are checked now; requests go out as you iterate, one page (one request,
        paced by the report rate limit) at a time, so only one page is held in memory.

        Example::

            for row in pc.reports.iter_rows("day", "2026-01-01", "2026-11-01", page_size=5000):
                ...

        Args:
            page_size: rows per request, 1..100000. Others: as `get`.

        Returns:
            An iterator of row dicts, every row once, in the server's order.

        Raises:
            TypeError, ValueError: a bad argument (at the call, before any request).
        """
        kwargs = build_report_kwargs(**_arguments(locals()))
        return self._rows(get_report, kwargs, check_page_size(page_size))

    def export_csv(
        self,
        path_or_file: CsvTarget,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> int:
        """Stream a whole report into a CSV file, page by page (for reports larger than memory).

        The header is the first page's `columns`. A failure part-way leaves the rows written
        so far in the file.

        Example::

            n = pc.reports.export_csv("visits.csv", ["campaign", "day"], "2026-01-01")

        Args:
            path_or_file: a path (created or overwritten, UTF-8) or an open text file (left
                open). Others: as `iter_rows`.

        Returns:
            The number of rows written.

        Raises:
            TypeError, ValueError: a bad argument (before any request or file is opened).
        """
        kwargs = build_report_kwargs(**_arguments(locals()))
        size = check_page_size(page_size)
        written = 0
        with CsvSink(path_or_file) as sink:
            for page in self._pages(get_report, kwargs, size):
                written += sink.write(page.columns, page.rows)
        return written

    def conversions(
        self,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        group_by: GroupByArg | None = None,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> Report:
        """The conversions report (`GET /report/conversions`): one row per conversion.

        Example::

            convs = pc.reports.conversions("2026-11-01", "2026-11-02", timezone="UTC")

        Args:
            group_by: optional here (the server groups by conversion). Others: as `get`.

        Returns:
            Report.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
        """
        kwargs = build_report_kwargs(**_arguments(locals()), group_by_required=False)
        return self._fetch(get_conversions_report, kwargs)

    def iter_conversions(
        self,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        group_by: GroupByArg | None = None,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Iterator[dict[str, Any]]:
        """Every conversion row, fetched lazily page by page, as `iter_rows` does.

        Example::

            for conv in pc.reports.iter_conversions("2026-11-01", page_size=10000): ...

        Returns:
            An iterator of row dicts.

        Raises:
            TypeError, ValueError: a bad argument (at the call, before any request).
        """
        kwargs = build_report_kwargs(**_arguments(locals()), group_by_required=False)
        return self._rows(get_conversions_report, kwargs, check_page_size(page_size))

    def live_visits(self, campaign_id: int, timezone: str | None = None) -> list[dict[str, Any]]:
        """The latest visits of a campaign (`GET /report/live/visits/{campaignId}`).

        Example::

            for visit in pc.reports.live_visits(12, timezone="Europe/Berlin"): ...

        Returns:
            A list of row dicts.

        Raises:
            TypeError, ValueError: a bad campaign id or time zone (before any request).
        """
        cid, kwargs = live_kwargs(campaign_id, timezone)
        path = f"/report/live/visits/{cid}"
        answer = call_sync(get_live_visits.sync_detailed, cid, client=self._api, **kwargs)
        return rows_from_answer(answer, path)

    def live_clicks(self, campaign_id: int, timezone: str | None = None) -> list[dict[str, Any]]:
        """The latest clicks of a campaign (`GET /report/live/clicks/{campaignId}`).

        Example::

            clicks = pc.reports.live_clicks(12)

        Returns:
            A list of row dicts.

        Raises:
            TypeError, ValueError: a bad campaign id or time zone (before any request).
        """
        cid, kwargs = live_kwargs(campaign_id, timezone)
        path = f"/report/live/clicks/{cid}"
        answer = call_sync(get_live_clicks.sync_detailed, cid, client=self._api, **kwargs)
        return rows_from_answer(answer, path)

    def column_info(self) -> list[dict[str, Any]]:
        """What report columns exist (`GET /column/info`): key, label, type, canGroupBy, ...

        Example::

            keys = [c["key"] for c in pc.reports.column_info()]

        Returns:
            A list of column mapping dicts, as the API sends them.
        """
        answer = call_sync(get_column_info.sync_detailed, client=self._api)
        return column_mappings_from_answer(answer, COLUMN_INFO_PATH)

    # --- the only I/O and the page loop -----------------------------------------------------

    def _fetch(self, op: ModuleType, kwargs: Mapping[str, Any]) -> Report:
        path = _path(op)
        answer = call_sync(op.sync_detailed, client=self._api, **kwargs)
        return report_from_answer(answer, path, kwargs.get("columns"))

    def _pages(self, op: ModuleType, kwargs: Mapping[str, Any], page_size: int) -> Iterator[Report]:
        offset: int | None = 0
        while offset is not None:
            page = self._fetch(op, page_kwargs(kwargs, page_size, offset))
            yield page
            offset = next_offset(offset, len(page.rows), page_size, declared_total(page))

    def _rows(
        self, op: ModuleType, kwargs: Mapping[str, Any], page_size: int
    ) -> Iterator[dict[str, Any]]:
        for page in self._pages(op, kwargs, page_size):
            yield from page.rows


class AsyncReports(AsyncResource):
    """Reports through an `AsyncPeerClick` client: `apc.reports` (same methods, awaited)."""

    async def get(
        self,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> Report:
        """One statistics report; arguments, result and errors as `Reports.get`.

        Example::

            report = await apc.reports.get("campaign", "2026-11-01", columns=["visits"])
        """
        kwargs = build_report_kwargs(**_arguments(locals()))
        return await self._fetch(get_report, kwargs)

    def iter_rows(
        self,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncIterator[dict[str, Any]]:
        """Every row of a report, page by page; use with `async for`. As `Reports.iter_rows`.

        Arguments are checked at the call (not awaited), requests go out as you iterate.

        Example::

            async for row in apc.reports.iter_rows("day", "2026-01-01", page_size=5000): ...
        """
        kwargs = build_report_kwargs(**_arguments(locals()))
        return self._rows(get_report, kwargs, check_page_size(page_size))

    async def export_csv(
        self,
        path_or_file: CsvTarget,
        group_by: GroupByArg,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> int:
        """Stream a whole report into a CSV file; as `Reports.export_csv`.

        File writes are ordinary blocking writes, one page at a time.

        Example::

            n = await apc.reports.export_csv("visits.csv", "day", "2026-01-01")
        """
        kwargs = build_report_kwargs(**_arguments(locals()))
        size = check_page_size(page_size)
        written = 0
        with CsvSink(path_or_file) as sink:
            async for page in self._pages(get_report, kwargs, size):
                written += sink.write(page.columns, page.rows)
        return written

    async def conversions(
        self,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        group_by: GroupByArg | None = None,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> Report:
        """The conversions report; as `Reports.conversions`.

        Example::

            convs = await apc.reports.conversions("2026-11-01", "2026-11-02")
        """
        kwargs = build_report_kwargs(**_arguments(locals()), group_by_required=False)
        return await self._fetch(get_conversions_report, kwargs)

    def iter_conversions(
        self,
        date_from: DateLike,
        date_to: DateLike | None = None,
        *,
        group_by: GroupByArg | None = None,
        columns: ColumnsArg | None = None,
        timezone: str = "UTC",
        sort: str | None = None,
        direction: Direction | None = None,
        filters: FiltersArg | None = None,
        include: Include | None = None,
        conversion_time_mode: ConversionTimeMode | None = None,
        currency: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncIterator[dict[str, Any]]:
        """Every conversion row, page by page, with `async for`; as `Reports.iter_conversions`.

        Example::

            async for conv in apc.reports.iter_conversions("2026-11-01"): ...
        """
        kwargs = build_report_kwargs(**_arguments(locals()), group_by_required=False)
        return self._rows(get_conversions_report, kwargs, check_page_size(page_size))

    async def live_visits(
        self, campaign_id: int, timezone: str | None = None
    ) -> list[dict[str, Any]]:
        """The latest visits of a campaign; as `Reports.live_visits`.

        Example::

            visits = await apc.reports.live_visits(12)
        """
        cid, kwargs = live_kwargs(campaign_id, timezone)
        path = f"/report/live/visits/{cid}"
        answer = await call_async(get_live_visits.asyncio_detailed, cid, client=self._api, **kwargs)
        return rows_from_answer(answer, path)

    async def live_clicks(
        self, campaign_id: int, timezone: str | None = None
    ) -> list[dict[str, Any]]:
        """The latest clicks of a campaign; as `Reports.live_clicks`.

        Example::

            clicks = await apc.reports.live_clicks(12)
        """
        cid, kwargs = live_kwargs(campaign_id, timezone)
        path = f"/report/live/clicks/{cid}"
        answer = await call_async(get_live_clicks.asyncio_detailed, cid, client=self._api, **kwargs)
        return rows_from_answer(answer, path)

    async def column_info(self) -> list[dict[str, Any]]:
        """What report columns exist; as `Reports.column_info`.

        Example::

            columns = await apc.reports.column_info()
        """
        answer = await call_async(get_column_info.asyncio_detailed, client=self._api)
        return column_mappings_from_answer(answer, COLUMN_INFO_PATH)

    # --- the only I/O and the page loop -----------------------------------------------------

    async def _fetch(self, op: ModuleType, kwargs: Mapping[str, Any]) -> Report:
        path = _path(op)
        answer = await call_async(op.asyncio_detailed, client=self._api, **kwargs)
        return report_from_answer(answer, path, kwargs.get("columns"))

    async def _pages(
        self, op: ModuleType, kwargs: Mapping[str, Any], page_size: int
    ) -> AsyncIterator[Report]:
        offset: int | None = 0
        while offset is not None:
            page = await self._fetch(op, page_kwargs(kwargs, page_size, offset))
            yield page
            offset = next_offset(offset, len(page.rows), page_size, declared_total(page))

    async def _rows(
        self, op: ModuleType, kwargs: Mapping[str, Any], page_size: int
    ) -> AsyncIterator[dict[str, Any]]:
        async for page in self._pages(op, kwargs, page_size):
            for row in page.rows:
                yield row
