"""Walking a report to its end: pages, 31-day chunks, stitching and progress, without I/O.

PeerClick answers one page (`limit`/`offset`) of one range of at most 31 days per request. A
`Walk` says which request comes next and takes each answer; the sync and async twins only send.

- Pages: the walk goes on while the server's `totalRows` says rows are left and pages are not
  empty (a server that caps `limit` below what was asked is followed, not mistaken for the end);
  without `totalRows`, a short page ends it.
- Chunks: a range over 31 days is split at midnights (wall clock in the report's zone) into
  chunks of at most 31 days when every row belongs to one instant of time (grouped by `day`,
  `hour` or `conversion`), so each row comes from exactly one chunk: nothing is duplicated or
  lost at the boundaries. Other groupings cannot be stitched exactly (a campaign's row would
  come once per chunk), so such ranges are refused with the limit explained.
- Totals of a split range: counts and money are summed; ratios (ctr, cr, roi, ...) are
  recomputed from the summed counts when those are among the totals, else left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from peerclick._progress import Progress
from peerclick.resources._report import Report

__all__ = [
    "MAX_REPORT_DAYS",
    "SPLIT_DIMENSIONS",
    "Walk",
    "check_progress",
    "plan_chunks",
    "stitch_totals",
]

MAX_REPORT_DAYS = 31
SPLIT_DIMENSIONS = frozenset({"day", "hour", "conversion"})
_DATETIME_FORMAT = "%Y-%m-%dT%H:00:00Z"

_SUMMED = frozenset(
    {"visits", "uniqueVisits", "clicks", "conversions", "revenue", "cost", "profit", "errors"}
    | {f"event{n}" for n in range(1, 11)}
)
_MONEY = frozenset({"revenue", "cost", "profit"})
# ratio -> (numerator, denominator, scale), Voluum's definitions, which PeerClick copies.
_RATIOS: dict[str, tuple[str, str, float]] = {
    "cpv": ("cost", "visits", 1.0),
    "ctr": ("clicks", "visits", 100.0),
    "cr": ("conversions", "clicks", 100.0),
    "cv": ("conversions", "visits", 100.0),
    "roi": ("profit", "cost", 100.0),
    "epv": ("revenue", "visits", 1.0),
    "epc": ("revenue", "clicks", 1.0),
    "ap": ("revenue", "conversions", 1.0),
    "cpc": ("cost", "clicks", 1.0),
    "cpa": ("cost", "conversions", 1.0),
    "cpm": ("cost", "visits", 1000.0),
}


def check_progress(progress: object) -> Progress | None:
    """None or a callable `(done, total)`; TypeError naming `progress` otherwise."""
    if progress is not None and not callable(progress):
        raise TypeError(
            f"progress must be a callable (done, total) or None, got {type(progress).__name__}"
        )
    return progress


# --- chunks --------------------------------------------------------------------------------------


def _parse(text: str) -> date | datetime:
    return (
        date.fromisoformat(text) if len(text) == 10 else datetime.strptime(text, _DATETIME_FORMAT)
    )


def _format(value: date | datetime) -> str:
    return value.strftime(_DATETIME_FORMAT) if isinstance(value, datetime) else value.isoformat()


def _span_days(start: date | datetime, end: date | datetime) -> float:
    if isinstance(start, datetime) and isinstance(end, datetime):
        return (end - start).total_seconds() / 86400
    return float((end - start).days)  # type: ignore[operator]


def plan_chunks(
    date_from: str, date_to: str, group_by: Sequence[str] | None
) -> list[tuple[str, str]]:
    """[(from, to)] as the API wants them: one range, or 31-day chunks of a longer one.

    `date_from`/`date_to` are the checked, formatted values (both dates or both date-times).
    `group_by=None` is the conversions report's own grouping (one row per conversion).

    Raises:
        ValueError: a range over 31 days whose grouping has no time dimension.
    """
    start, end = _parse(date_from), _parse(date_to)
    days = _span_days(start, end)
    if days <= MAX_REPORT_DAYS:
        return [(date_from, date_to)]
    if group_by is not None and not SPLIT_DIMENSIONS.intersection(group_by):
        raise ValueError(
            f"the range from date_from to date_to spans {days:g} days; PeerClick reports cover "
            f"at most {MAX_REPORT_DAYS} days. Ranges grouped by time (add 'day' or 'hour' to "
            "group_by) are split into 31-day chunks and stitched; otherwise shorten the range "
            "or make one call per month"
        )
    chunks: list[tuple[str, str]] = []
    low = start
    while low < end:
        midnight = datetime(low.year, low.month, low.day) if isinstance(low, datetime) else low
        high = min(midnight + timedelta(days=MAX_REPORT_DAYS), end)
        chunks.append((_format(low), _format(high)))
        low = high
    return chunks


def stitch_totals(parts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Totals of a split range from the chunks' totals (see the module docstring)."""
    if len(parts) == 1:
        return dict(parts[0])
    keys = list(dict.fromkeys(k for part in parts for k in part))
    sums: dict[str, Any] = {}
    for key in keys:
        if key in _SUMMED:
            values = [part.get(key) or 0 for part in parts]
            if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
                total = sum(values)
                sums[key] = round(total, 2) if key in _MONEY else total
    if "profit" not in sums and "revenue" in sums and "cost" in sums:
        profit: float = round(sums["revenue"] - sums["cost"], 2)
    else:
        profit = sums.get("profit", 0)
    for key in keys:
        if key in _RATIOS:
            num, den, scale = _RATIOS[key]
            known = {**sums, "profit": profit}
            if num in known and den in known:
                sums[key] = round(known[num] * scale / known[den], 4) if known[den] else 0.0
    return {key: sums[key] for key in keys if key in sums}


# --- the walk ------------------------------------------------------------------------------------


class Walk:
    """The state of one report walk: which page to ask for next, what was seen, progress.

    Args:
        query: the checked generated-call kwargs (without `limit`/`offset`).
        chunks: the ranges to walk, in order (from `plan_chunks`).
        page_size: rows asked per request.
        limit: stop after this many rows (None: all of them).
        offset: rows of the (single) range to skip.
        progress: told (done, total) after every page.
        keep: keep every row (for `get`); iterators keep none, so memory stays flat.
    """

    def __init__(
        self,
        query: Mapping[str, Any],
        chunks: Sequence[tuple[str, str]],
        *,
        page_size: int,
        limit: int | None = None,
        offset: int = 0,
        progress: Progress | None = None,
        keep: bool = False,
    ) -> None:
        self._query = dict(query)
        self._chunks = list(chunks)
        self._page_size = page_size
        self._limit = limit
        self._start = offset
        self._progress = progress
        self._keep = keep
        self._chunk = 0
        self._offset = offset
        self._asked = 0
        self._declared: list[int] = []  # each chunk's totalRows (or rows seen, when undeclared)
        self._seen_in_chunk = 0
        self._chunk_complete: list[bool] = []
        self._totals: list[Mapping[str, Any]] = []
        self.done = 0
        self.rows: list[dict[str, Any]] = []
        self.columns: list[str] = []  # the first page's
        self._raw: dict[str, Any] | None = None  # the first page's body, kept only for `get`
        self._pages = 0
        self.truncated = False

    def next_request(self) -> dict[str, Any] | None:
        """The kwargs of the next page's request, or None when the walk is over."""
        if self._chunk >= len(self._chunks):
            return None
        size = self._page_size
        if self._limit is not None:
            left = self._limit - self.done
            if left <= 0:
                self.truncated = True
                return None
            size = min(size, left)
        self._asked = size
        low, high = self._chunks[self._chunk]
        return {**self._query, "from_": low, "to": high, "limit": size, "offset": self._offset}

    def take(self, page: Report) -> list[dict[str, Any]]:
        """Record one answered page; returns its rows (progress is told here)."""
        rows = page.rows
        if self._limit is not None and self.done + len(rows) > self._limit:
            rows = rows[: self._limit - self.done]
        if self._pages == 0:
            self.columns = page.columns
            if self._keep:
                self._raw = page.raw
        self._pages += 1
        new_chunk = self._seen_in_chunk == 0 and len(self._declared) == self._chunk
        declared = page.raw.get("totalRows") if isinstance(page.raw, Mapping) else None
        if new_chunk:
            self._declared.append(page.total_rows)
            self._totals.append(page.totals)
        self._seen_in_chunk += len(page.rows)
        self._offset += len(page.rows)
        self.done += len(rows)
        if self._keep:
            self.rows.extend(rows)
        if _chunk_over(len(page.rows), self._asked, self._offset, declared):
            seen = self._offset - (self._start if self._chunk == 0 else 0)
            if declared is None:
                self._declared[-1] = seen
            self._chunk_complete.append(seen >= self._declared[-1])
            self._chunk += 1
            self._offset = 0
            self._seen_in_chunk = 0
        if self._progress is not None:
            self._progress(self.done, self.total)
        return rows

    @property
    def total(self) -> int | None:
        """Rows in the whole result, once every chunk has answered once (capped by `limit`)."""
        if len(self._declared) < len(self._chunks):
            return None
        total = sum(self._declared) - self._start
        return min(total, self._limit) if self._limit is not None else total

    def report(self) -> Report:
        """The stitched Report of a finished walk kept with `keep=True`."""
        assert self._raw is not None, "a kept walk always fetches at least one page"
        total_rows = sum(self._declared)
        complete = (
            self._start == 0
            and not self.truncated
            and len(self._chunk_complete) == len(self._chunks)
            and all(self._chunk_complete)
            and self.done >= total_rows
        )
        return Report(
            rows=self.rows,
            totals=stitch_totals(self._totals),
            total_rows=total_rows,
            columns=self.columns,
            raw=self._raw,
            complete=complete,
        )


def _chunk_over(received: int, asked: int, offset: int, declared: object) -> bool:
    """Whether a chunk is exhausted after a page (see the module docstring)."""
    if received == 0:
        return True
    if isinstance(declared, int) and not isinstance(declared, bool):
        return offset >= declared
    return received < asked
