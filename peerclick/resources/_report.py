"""`Report`, one answer of the report endpoints, and its exports (records, CSV, pandas).

Rows stay the dicts the API sent (keys exactly as PeerClick spells them): the column set depends on
`group_by` and `columns`, so a fixed model would either drop data or be wrong half the time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from peerclick.resources._csv import CsvSink, CsvTarget

__all__ = [
    "CsvSink",
    "CsvTarget",
    "Report",
    "parse_column_mappings",
    "parse_report",
    "parse_rows",
    "report_builder",
]

PANDAS_HINT = "pip install 'peerclick[pandas]'"


@attrs.frozen(repr=False)
class Report:
    """One report answer.

    Attributes:
        rows: one dict per row, keyed by column as the API sends them.
        totals: metric -> total over the whole result (not just this page).
        total_rows: rows in the whole result, as the server counted them.
        columns: the column keys, from the answer's `columnMappings`, else the keys of the
            first row (grouping fields included) followed by requested columns it lacks.
        raw: the (first) response body. A report fetched in several pages or 31-day chunks
            keeps the first answer here; `rows`, `totals` and `total_rows` cover all of them.
        complete: True when `rows` holds every row of the result (False after `limit=`, an
            `offset`, or a server that stopped sending rows before `total_rows`).

    Example::

        report = pc.reports.get("campaign", "2026-11-20", "2026-11-27")
        for row in report:
            print(row["campaignName"], row["visits"])
        report.to_csv("campaigns.csv")
    """

    rows: list[dict[str, Any]]
    totals: dict[str, Any]
    total_rows: int
    columns: list[str]
    raw: dict[str, Any] = attrs.field(eq=False)
    complete: bool = True

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __repr__(self) -> str:
        return (
            f"<Report rows={len(self.rows)} total_rows={self.total_rows} "
            f"complete={self.complete} columns={self.columns!r}>"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as a list of new dicts (changing them leaves the report alone).

        Example::

            records = report.to_records()
        """
        return [dict(row) for row in self.rows]

    def to_csv(self, path_or_file: CsvTarget, *, escape_formulas: bool = True) -> int:
        """Write the rows as CSV, one header line of `columns` first.

        Values of keys outside `columns` are left out; missing ones are written empty. A path
        is replaced atomically (a temporary file beside it, renamed when complete; a symlink
        there is replaced, not written through). Text cells starting with `=`, `+`, `-`, `@`,
        a tab or CR get a leading `'` so spreadsheets do not run them as formulas, unless
        `escape_formulas=False`.

        Example::

            report.to_csv("report.csv")
            report.to_csv(sys.stdout)

        Args:
            path_or_file: a path (str or PathLike; UTF-8) or an open text file, which is
                written to and left open.
            escape_formulas: prefix formula-like text cells with `'` (the default).

        Returns:
            The number of rows written.

        Raises:
            TypeError: `path_or_file` is neither a path nor a text file.
        """
        with CsvSink(path_or_file, escape_formulas=escape_formulas) as sink:
            return sink.write(self.columns, self.rows)

    def to_pandas(self) -> Any:
        """The rows as a `pandas.DataFrame` with `columns` as its columns.

        pandas is optional: install it with ``pip install 'peerclick[pandas]'``.

        Example::

            df = report.to_pandas()
            df.groupby("countryCode")["revenue"].sum()

        Returns:
            pandas.DataFrame

        Raises:
            ImportError: pandas is not installed.
        """
        try:
            pandas = importlib.import_module("pandas")
        except ImportError as exc:
            raise ImportError(
                f"Report.to_pandas() needs pandas, an optional extra: {PANDAS_HINT}"
            ) from exc
        columns = self.columns or None
        return pandas.DataFrame.from_records(self.rows, columns=columns)


# --- parsing -------------------------------------------------------------------------------------
# Builders raise TypeError/ValueError naming the field; the resource's fetch turns them into
# ResponseValidationError with the status, method, path and an excerpt of the body.


def _body(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise TypeError(f"the answer must be a JSON object, got {type(body).__name__}")
    return body


_ONLY_DICTS = {dict}


def parse_rows(body: Any) -> list[dict[str, Any]]:
    """`body["rows"]`, which must be a list of JSON objects (kept as the very dicts parsed)."""
    rows = _body(body).get("rows")
    if not isinstance(rows, list):
        raise TypeError(f"'rows' must be a list, got {type(rows).__name__}")
    if rows and set(map(type, rows)) != _ONLY_DICTS:  # one pass in C; find the culprit after
        index, row = next((i, r) for i, r in enumerate(rows) if type(r) is not dict)
        raise TypeError(f"rows[{index}] must be an object, got {type(row).__name__}")
    return rows


def _mapping_keys(body: Mapping[str, Any]) -> list[str] | None:
    mappings = body.get("columnMappings")
    if mappings is None:
        return None
    if not isinstance(mappings, list) or not all(
        isinstance(m, dict) and isinstance(m.get("key"), str) for m in mappings
    ):
        raise TypeError("'columnMappings' must be a list of objects with a string 'key'")
    return [m["key"] for m in mappings] or None


def parse_report(body: Any, *, requested_columns: list[str] | None = None) -> Report:
    """Build a Report from a 2xx body (envelope already checked); TypeError/ValueError if not one.

    Args:
        body: the response's parsed JSON.
        requested_columns: the columns asked for, used when the answer has no columnMappings.
    """
    rows = parse_rows(body)
    totals = body.get("totals")
    if totals is None:
        totals = {}
    if not isinstance(totals, dict):
        raise TypeError(f"'totals' must be an object, got {type(totals).__name__}")
    total_rows = body.get("totalRows")
    if total_rows is None:
        total_rows = len(rows)
    if isinstance(total_rows, bool) or not isinstance(total_rows, int) or total_rows < 0:
        raise ValueError(f"'totalRows' must be a row count (an int >= 0), got {total_rows!r}")
    offset = body.get("offset")
    columns = _mapping_keys(body) or _row_columns(rows, requested_columns)
    return Report(
        rows=rows,
        totals=totals,
        total_rows=total_rows,
        columns=list(columns),
        raw=body,
        complete=not offset and len(rows) >= total_rows,
    )


def report_builder(requested_columns: list[str] | None) -> Callable[[Any], Report]:
    """`parse_report` with the requested columns bound: a one-argument builder."""

    def build(body: Any) -> Report:
        return parse_report(body, requested_columns=requested_columns)

    return build


def parse_column_mappings(body: Any) -> list[dict[str, Any]]:
    """The `columnMappings` list of a `/column/info` answer."""
    mappings = _body(body).get("columnMappings")
    if not isinstance(mappings, list) or not all(isinstance(m, dict) for m in mappings):
        raise TypeError("the answer has no 'columnMappings' list of objects")
    return mappings


def _row_columns(rows: list[dict[str, Any]], requested: list[str] | None) -> list[str]:
    """Without columnMappings: the first row's keys keep the grouping fields (campaignName, day)
    that the requested metric columns alone would drop from a CSV."""
    columns = list(rows[0]) if rows else []
    columns += [c for c in requested or [] if c not in columns]
    return columns
