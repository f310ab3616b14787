"""`peerclick conversions upload FILE.csv`: every line checked first, nothing sent if one is bad.

The file has a header naming the columns with the library's own row keys (`click_id` or
`clickId`, `payout`, `transaction_id`, `conversion_type` or `status`, `timestamp`); each row is
checked by `Conversion.coerce`, the check `pc.conversions.upload` runs, so the messages are the
library's, with the file's line number in front.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from peerclick.cli._errors import EXIT_USAGE, InputError
from peerclick.cli._state import CliState

if TYPE_CHECKING:
    from peerclick.resources.conversions import Conversion

__all__ = ["conversions_app", "read_conversions"]

conversions_app = typer.Typer(help="Conversions: upload a CSV.", no_args_is_help=True)

_ROW_PREFIX = re.compile(r"^rows\[\d+\]: ")


def _payout(text: str) -> float | str:
    try:
        return float(Decimal(text.strip()))
    except InvalidOperation:
        return text  # Conversion.coerce names the field and the type


def _row(raw: dict[str, str]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in raw.items():
        value = value.strip()
        if not value:
            continue
        row[key] = _payout(value) if key == "payout" else value
    return row


def read_conversions(path: Path) -> tuple[list[Conversion], list[str]]:
    """The file's conversions and one message per bad line (`line 4: payout must be ...`)."""
    from peerclick.resources.conversions import Conversion

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    if not header or not any(header):
        raise InputError(f"{path} is empty: expected a header such as click_id,payout,status")
    conversions: list[Conversion] = []
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"line {line}: expected {len(header)} fields, got {len(row)}")
            continue
        try:
            conversions.append(Conversion.coerce(_row(dict(zip(header, row, strict=True))), line))
        except (ValueError, TypeError) as exc:
            problems.append(f"line {line}: {_ROW_PREFIX.sub('', str(exc))}")
    if not conversions and not problems:
        problems.append("no conversion rows after the header")
    return conversions, problems


@conversions_app.command("upload")
def upload(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV with a header: click_id,payout,status,...")],
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", min=1, help="rows per request")
    ] = 10_000,
) -> None:
    """Upload conversions from a CSV (all or nothing: a bad line stops the whole upload)."""
    state: CliState = ctx.obj
    conversions, problems = read_conversions(file)
    if problems:
        for problem in problems:
            print(f"{file}: {problem}", file=sys.stderr)
        print(
            f"error: {len(problems)} bad line(s) in {file}; nothing was uploaded", file=sys.stderr
        )
        raise typer.Exit(EXIT_USAGE)
    with state.client() as pc:
        accepted = pc.conversions.upload(conversions, chunk_size=chunk_size)
    typer.echo(f"uploaded {len(conversions)} conversion(s); PeerClick accepted {accepted}")
