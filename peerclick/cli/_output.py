"""Where results go (stdout or a file written atomically) and how they look (table, CSV, JSON).

`atomic_output(path)` writes into a temporary file in the target's directory and renames it over
the target only when the command succeeded (`os.replace`, atomic on POSIX and Windows). An error or
Ctrl-C part-way removes the temporary file, so the target is either the old file or the new one,
never half of the new one. Why not a library: `atomicwrites` is archived; this is eight lines of
the standard library.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.table import Table

__all__ = [
    "atomic_output",
    "jsonable",
    "output_stream",
    "print_table",
    "write_json",
    "write_jsonl",
]


@contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """A text file that becomes `path` only if the `with` block ends without an exception."""
    target = path.expanduser()
    directory = target.parent if str(target.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextmanager
def output_stream(path: Path | None) -> Iterator[IO[str]]:
    """`path` written atomically, or stdout (left open) when no path was given."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_output(path) as handle:
        yield handle


def jsonable(value: Any) -> Any:
    """Generated models, dates and decimals as plain JSON values."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return jsonable(to_dict())
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    return value


def write_json(stream: IO[str], value: Any) -> None:
    json.dump(jsonable(value), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write_jsonl(stream: IO[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """One compact JSON object per line; returns the number of lines."""
    count = 0
    for row in rows:
        stream.write(json.dumps(jsonable(row), ensure_ascii=False, separators=(",", ":")))
        stream.write("\n")
        count += 1
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 1e15 else str(value)
    if isinstance(value, dict | list):
        return json.dumps(jsonable(value), ensure_ascii=False)
    return str(value)


def print_table(
    stream: IO[str],
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    footer: Mapping[str, Any] | None = None,
    title: str | None = None,
) -> None:
    """A rich table; plain text (no colours) when the stream is not a terminal."""
    table = Table(title=title, show_footer=footer is not None)
    for column in columns:
        shown = "" if footer is None else _cell(footer.get(column))
        table.add_column(column, footer=shown, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    is_tty = stream.isatty() if hasattr(stream, "isatty") else False
    console = Console(file=stream, force_terminal=is_tty, no_color=not is_tty, width=_width(is_tty))
    console.print(table)


def _width(is_tty: bool) -> int | None:
    return None if is_tty else 200
