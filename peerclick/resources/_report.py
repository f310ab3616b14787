"""`Report`, one answer of the report endpoints, and its exports (records, CSV, pandas).

Rows stay the dicts the API sent (keys exactly as PeerClick spells them): the column set depends on
`group_by` and `columns`, so a fixed model would either drop data or be wrong half the time.
"""

from __future__ import annotations

import csv
import importlib
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from peerclick.errors import ResponseValidationError, excerpt
from peerclick.resources._base import answer_body
from peerclick_api.types import Response as GeneratedResponse

__all__ = [
    "CsvSink",
    "CsvTarget",
    "Report",
    "column_mappings_from_answer",
    "declared_total",
    "parse_report",
    "parse_rows",
    "report_from_answer",
    "rows_from_answer",
]

CsvTarget = str | os.PathLike[str] | IO[str]
"""A path to write (created or truncated, UTF-8) or an open text file (left open)."""

PANDAS_HINT = "pip install 'peerclick[pandas]'"


@attrs.frozen(repr=False)
class Report:
    """One report answer.

    Attributes:
        rows: one dict per row, keyed by column as the API sends them.
        totals: metric -> total over the whole result (not just this page).
        total_rows: rows in the whole result; more than `len(rows)` means there are more pages.
        columns: the column keys, from the answer's `columnMappings`, else the keys of the
            first row (grouping fields included) followed by requested columns it lacks.
        raw: the whole response body.

    Example::

        report = pc.reports.get(group_by="campaign", date_from="2026-11-01")
        for row in report:
            print(row["campaignName"], row["visits"])
        report.to_csv("campaigns.csv")
    """

    rows: list[dict[str, Any]]
    totals: dict[str, Any]
    total_rows: int
    columns: list[str]
    raw: dict[str, Any] = attrs.field(eq=False)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __repr__(self) -> str:
        return (
            f"<Report rows={len(self.rows)} total_rows={self.total_rows} columns={self.columns!r}>"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as a list of new dicts (changing them leaves the report alone).

        Example::

            records = report.to_records()
        """
        return [dict(row) for row in self.rows]

    def to_csv(self, path_or_file: CsvTarget) -> int:
        """Write the rows as CSV, one header line of `columns` first.

        Values of keys outside `columns` are left out; missing ones are written empty.

        Example::

            report.to_csv("report.csv")
            report.to_csv(sys.stdout)

        Args:
            path_or_file: a path (str or PathLike; created or overwritten, UTF-8) or an open
                text file, which is left open.

        Returns:
            The number of rows written.

        Raises:
            TypeError: `path_or_file` is neither a path nor a text file.
        """
        with CsvSink(path_or_file) as sink:
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


def _invalid(where: str, what: str, body: Any) -> ResponseValidationError:
    return ResponseValidationError(f"{where}: {what}: {excerpt(body)}", status_code=200, body=body)


def parse_rows(body: Mapping[str, Any], where: str) -> list[dict[str, Any]]:
    """`body["rows"]`, which must be a list of JSON objects."""
    rows = body.get("rows")
    if not isinstance(rows, list):
        raise _invalid(where, "the response has no 'rows' list", body)
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise _invalid(where, f"rows[{index}] is {type(row).__name__}, not an object", body)
    return rows


def _mapping_keys(body: Mapping[str, Any], where: str) -> list[str] | None:
    mappings = body.get("columnMappings")
    if mappings is None:
        return None
    if not isinstance(mappings, list) or not all(
        isinstance(m, dict) and isinstance(m.get("key"), str) for m in mappings
    ):
        raise _invalid(where, "'columnMappings' is not a list of objects with a 'key'", body)
    return [m["key"] for m in mappings] or None


def parse_report(
    body: dict[str, Any], *, requested_columns: list[str] | None, where: str
) -> Report:
    """Build a Report from a checked 2xx body, or raise ResponseValidationError.

    Args:
        body: the response's JSON object (envelope already checked).
        requested_columns: the columns asked for, used when the answer has no columnMappings.
        where: "GET /report", for messages.
    """
    rows = parse_rows(body, where)
    totals = body.get("totals", {})
    if totals is None:
        totals = {}
    if not isinstance(totals, dict):
        raise _invalid(where, "'totals' is not an object", body)
    total_rows = body.get("totalRows")
    if total_rows is None:
        total_rows = len(rows)
    if isinstance(total_rows, bool) or not isinstance(total_rows, int) or total_rows < 0:
        raise _invalid(where, f"'totalRows' is not a row count ({total_rows!r})", body)
    columns = _mapping_keys(body, where) or _row_columns(rows, requested_columns)
    return Report(rows=rows, totals=totals, total_rows=total_rows, columns=list(columns), raw=body)


def declared_total(page: Report) -> int | None:
    """The page's `totalRows` when the server sent one (else only a short page ends a walk)."""
    return page.total_rows if page.raw.get("totalRows") is not None else None


# --- from a generated call's answer --------------------------------------------------------------


def report_from_answer(
    answer: GeneratedResponse[Any], path: str, requested_columns: list[str] | None
) -> Report:
    """The Report in a 2xx answer of `/report` or `/report/conversions`."""
    body = answer_body(answer, "GET", path)
    return parse_report(body, requested_columns=requested_columns, where=f"GET {path}")


def rows_from_answer(answer: GeneratedResponse[Any], path: str) -> list[dict[str, Any]]:
    """The `rows` of a 2xx answer (the live reports)."""
    return parse_rows(answer_body(answer, "GET", path), f"GET {path}")


def column_mappings_from_answer(answer: GeneratedResponse[Any], path: str) -> list[dict[str, Any]]:
    """The `columnMappings` list of a 2xx `/column/info` answer."""
    body = answer_body(answer, "GET", path)
    mappings = body.get("columnMappings")
    if not isinstance(mappings, list) or not all(isinstance(m, dict) for m in mappings):
        raise _invalid(f"GET {path}", "the response has no 'columnMappings' list of objects", body)
    return mappings


# --- CSV -----------------------------------------------------------------------------------------


class CsvSink:
    """Writes rows to a path or an open text file, the header (`columns`) before the first rows.

    Paths are opened on `__enter__` (UTF-8, `newline=""` as the csv module wants) and closed on
    exit; open files are written to and left open. The target is checked when the sink is made,
    so a bad one is refused before any request.
    """

    def __init__(self, target: CsvTarget) -> None:
        if isinstance(target, str | os.PathLike):
            self._path: Path | None = Path(target)
            self._file: IO[str] | None = None
        elif callable(getattr(target, "write", None)):
            self._path = None
            self._file = target
        else:
            raise TypeError(
                "path_or_file must be a path (str or os.PathLike) or an open text file, got "
                f"{type(target).__name__}"
            )
        self._writer: csv.DictWriter[str] | None = None

    def __enter__(self) -> CsvSink:
        if self._path is not None:
            self._file = self._path.open("w", newline="", encoding="utf-8")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._path is not None and self._file is not None:
            self._file.close()

    def write(self, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> int:
        """Write `rows` (the header first, on the first call); return how many were written."""
        if self._writer is None:
            if self._file is None:
                raise RuntimeError("CsvSink.write() outside its `with` block")
            self._writer = csv.DictWriter(
                self._file, fieldnames=columns, extrasaction="ignore", restval=""
            )
            self._writer.writeheader()
        count = 0
        for row in rows:
            self._writer.writerow(row)
            count += 1
        return count


def _row_columns(rows: list[dict[str, Any]], requested: list[str] | None) -> list[str]:
    """Without columnMappings: the first row's keys keep the grouping fields (campaignName, day)
    that the requested metric columns alone would drop from a CSV."""
    columns = list(rows[0]) if rows else []
    columns += [c for c in requested or [] if c not in columns]
    return columns
