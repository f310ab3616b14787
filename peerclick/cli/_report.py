"""`peerclick report`: a whole report as a table, CSV, JSON or JSON lines.

CSV and JSONL stream page by page (`reports.export_csv` / `reports.iter_rows`), so memory stays flat
however large the export; a table and JSON need the whole report (`reports.get`, every page) because
they show totals. Pages are paced by the client's report budget (1 request/s by default).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from peerclick.cli._errors import InputError
from peerclick.cli._output import output_stream, print_table, write_json, write_jsonl
from peerclick.cli._progress import row_progress
from peerclick.cli._state import CliState

if TYPE_CHECKING:
    from peerclick.resources import Report

__all__ = ["ReportFormat", "report"]


class ReportFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


def split_list(value: str | None, what: str) -> list[str] | None:
    """`"campaign,day"` -> ["campaign", "day"]; refuses empty items."""
    if value is None:
        return None
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise InputError(
            f"{what} must be a comma-separated list without empty items, got {value!r}"
        )
    return items


def parse_filters(values: list[str] | None) -> dict[str, str] | None:
    """`--filter campaign=12` (repeatable) -> {"campaign": "12"}."""
    if not values:
        return None
    out: dict[str, str] = {}
    for value in values:
        key, sep, item = value.partition("=")
        if not sep or not key.strip() or not item.strip():
            raise InputError(f"--filter must look like DIMENSION=ID, got {value!r}")
        out[key.strip()] = item.strip()
    return out


def check_output(output: Path | None) -> None:
    """Refuse an --output that cannot be written before any request is sent."""
    if output is None:
        return
    target = output.expanduser()
    if target.is_dir():
        raise InputError(f"--output {output} is a directory; name a file")
    if not target.parent.is_dir():
        raise InputError(f"--output {output}: the directory {target.parent} does not exist")


def report(
    ctx: typer.Context,
    group_by: Annotated[
        str, typer.Option("--group-by", "-g", help="dimensions, comma-separated: campaign,day")
    ],
    date_from: Annotated[
        str, typer.Option("--from", help="start (inclusive): 2026-11-01 or 2026-11-01T06:00")
    ],
    date_to: Annotated[
        str | None, typer.Option("--to", help="end (exclusive); default: up to now")
    ] = None,
    columns: Annotated[
        str | None, typer.Option("--columns", "-c", help="visits,conversions,revenue,...")
    ] = None,
    tz: Annotated[str, typer.Option("--tz", help="IANA time zone of the dates")] = "UTC",
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write here (atomically), not stdout")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="at most N rows")] = None,
    sort: Annotated[str | None, typer.Option("--sort", help="a column to sort by")] = None,
    direction: Annotated[str | None, typer.Option("--direction", help="asc or desc")] = None,
    filters: Annotated[
        list[str] | None, typer.Option("--filter", help="DIMENSION=ID drill-down (repeatable)")
    ] = None,
    page_size: Annotated[int, typer.Option("--page-size", min=1, help="rows per request")] = 1000,
) -> None:
    """A whole report: every page, paced by PeerClick's report budget."""
    state: CliState = ctx.obj
    check_output(output)
    query: dict[str, Any] = {
        "group_by": split_list(group_by, "--group-by"),
        "date_from": date_from,
        "date_to": date_to,
        "columns": split_list(columns, "--columns"),
        "timezone": tz,
        "sort": sort,
        "direction": direction,
        "filters": parse_filters(filters),
    }
    with state.client() as pc, row_progress("report") as progress:
        if limit is not None or fmt in (ReportFormat.table, ReportFormat.json):
            whole = pc.reports.get(**query, limit=limit, progress=progress)
            with output_stream(output) as stream:
                _write_whole(stream, fmt, whole)
            return
        with output_stream(output) as stream:
            if fmt is ReportFormat.csv:
                pc.reports.export_csv(stream, **query, page_size=page_size, progress=progress)
            else:
                rows = pc.reports.iter_rows(**query, page_size=page_size, progress=progress)
                write_jsonl(stream, rows)


def _write_whole(stream: IO[str], fmt: ReportFormat, whole: Report) -> None:
    if fmt is ReportFormat.json:
        body = {
            "columns": whole.columns,
            "rows": whole.rows,
            "totals": whole.totals,
            "total_rows": whole.total_rows,
        }
        write_json(stream, body)
    elif fmt is ReportFormat.csv:
        whole.to_csv(stream)
    elif fmt is ReportFormat.jsonl:
        write_jsonl(stream, whole.rows)
    else:
        print_table(stream, whole.columns, whole.rows, footer=whole.totals or None)
