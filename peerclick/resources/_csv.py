"""CSV output that can be trusted: atomic files and formula-safe cells.

A path is written to a temporary file in the same directory (so the final rename cannot cross
file systems) and moved into place with `os.replace` only once every row is written and flushed
to disk. An error, a Ctrl-C or a failing page leaves the previous file exactly as it was and no
temporary file behind. A symlink at the target is replaced by the new file; the file it pointed
to is never written through. An open text file is written as rows arrive (streaming, no rename).

Cells that a spreadsheet would run as a formula (text starting with `=`, `+`, `-`, `@`, a tab or
a carriage return) get a leading `'` by default, as OWASP recommends against CSV injection;
`escape_formulas=False` writes them raw. Numbers are written as numbers (a negative number is
not text and is never escaped).

The standard library's `csv` does the quoting; nothing maintained does the atomic write any
better than these few lines (`atomicwrites` is archived and does not handle symlinks this way).
"""

from __future__ import annotations

import csv
import os
import secrets
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

__all__ = ["FORMULA_PREFIXES", "CsvSink", "CsvTarget", "check_csv_target", "escape_cell"]

CsvTarget = str | os.PathLike[str] | IO[str]
"""A path to write (atomically replaced, UTF-8) or an open text file (written to, left open)."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """`'=cmd()` for a text cell a spreadsheet would evaluate; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def check_csv_target(target: object, escape_formulas: object) -> Path | None:
    """The path to write (None for a file object); TypeError/ValueError before any I/O."""
    if not isinstance(escape_formulas, bool):
        raise TypeError(f"escape_formulas must be a bool, got {type(escape_formulas).__name__}")
    if isinstance(target, str | os.PathLike):
        path = Path(target)
        if not str(target).strip():
            raise ValueError("path_or_file must not be an empty path")
        if path.is_dir() and not path.is_symlink():
            raise ValueError(f"path_or_file is a directory, not a file: {str(path)!r}")
        if not path.parent.is_dir():
            raise ValueError(f"path_or_file's directory does not exist: {str(path.parent)!r}")
        return path
    if callable(getattr(target, "write", None)):
        return None
    raise TypeError(
        "path_or_file must be a path (str or os.PathLike) or an open text file, got "
        f"{type(target).__name__}"
    )


class CsvSink:
    """Writes rows to a path (atomically) or an open text file, the header before the first rows.

    Use as a context manager: a path's temporary file is renamed into place on a clean exit and
    removed on any exception (KeyboardInterrupt included). The target is checked when the sink is
    made, so a bad one is refused before any request.
    """

    def __init__(self, target: CsvTarget, *, escape_formulas: bool = True) -> None:
        self._path = check_csv_target(target, escape_formulas)
        self._file: IO[str] | None = None if self._path is not None else target  # type: ignore[assignment]
        self._temp: Path | None = None
        self._escape = escape_formulas
        self._writer: Any = None
        self._columns: list[str] = []

    def __enter__(self) -> CsvSink:
        if self._path is not None:
            self._file, self._temp = _open_temp(self._path)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        if self._temp is None or self._path is None or self._file is None:
            return
        temp, self._temp = self._temp, None
        try:
            if exc_type is None:
                self._file.flush()
                os.fsync(self._file.fileno())
            self._file.close()
            if exc_type is None:
                _keep_mode(self._path, temp)
                os.replace(temp, self._path)
                return
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        temp.unlink(missing_ok=True)

    def write(self, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> int:
        """Write `rows` (the header first, on the first call); return how many were written.

        Values of keys outside `columns` are left out; missing ones are written empty.
        """
        if self._writer is None:
            if self._file is None:
                raise RuntimeError("CsvSink.write() outside its `with` block")
            self._writer = csv.writer(self._file)
            self._columns = list(columns)
            self._writer.writerow(self._columns)
        keys, writerow, count = self._columns, self._writer.writerow, 0
        if self._escape:
            for row in rows:
                writerow([escape_cell(row.get(k, "")) for k in keys])
                count += 1
        else:
            for row in rows:
                writerow([row.get(k, "") for k in keys])
                count += 1
        return count


def _open_temp(path: Path) -> tuple[IO[str], Path]:
    """A new file beside `path`, created exclusively with the umask's usual permissions."""
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        try:
            return os.fdopen(fd, "w", newline="", encoding="utf-8"), temp
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise
    raise FileExistsError(f"could not create a temporary file beside {str(path)!r}")


def _keep_mode(path: Path, temp: Path) -> None:
    """An existing regular file keeps its permissions (a symlink's target is not looked at)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode):
        os.chmod(temp, stat.S_IMODE(info.st_mode))
