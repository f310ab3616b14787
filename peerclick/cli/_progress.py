"""A progress bar on stderr for long reports, shown only when stderr is a terminal.

It is a `peerclick.Progress` callback (rows done, total once known), so the library reports and the
CLI only draws. In a pipe, a cron job or a test nothing is printed: stdout stays the data alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

__all__ = ["RowProgress", "row_progress"]


class RowProgress:
    """Draws `done / total` rows on a rich progress bar; callable as `progress(done, total)`."""

    def __init__(self, progress: Progress, description: str) -> None:
        self._progress = progress
        self._task = progress.add_task(description, total=None)

    def __call__(self, done: int, total: int | None) -> None:
        self._progress.update(self._task, completed=done, total=total)


@contextmanager
def row_progress(description: str, stream: IO[str] | None = None) -> Iterator[RowProgress | None]:
    """A RowProgress while the block runs, or None when `stream` (stderr) is not a terminal."""
    stream = sys.stderr if stream is None else stream
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield None
        return
    console = Console(file=stream, force_terminal=True)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("rows"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    # redirect_stdout=False: rich would otherwise route the data written to stdout onto stderr.
    with Progress(
        *columns, console=console, transient=False, redirect_stdout=False, redirect_stderr=False
    ) as progress:
        yield RowProgress(progress, description)
