"""Reading a costs CSV for `peerclick costs sync`: every line checked before anything is sent.

The file has a header; each row is one campaign, one range and the range's total cost::

    campaign,from,to,cost,timezone
    12,2026-11-01,2026-11-08,250.00,Europe/Berlin

`timezone` and `currency` columns are optional (`--tz` is the default zone). A range longer than
PeerClick's 31 days is split into consecutive chunks of at most 31 days and the total is shared
out in proportion to each chunk's length (the last chunk takes the rounding remainder, so the chunks
add up to the row's total exactly). Every chunk is checked by the library's own
`build_cost_request`, the same check `pc.costs.update` runs, so a line that passes here is one
PeerClick's rules accept.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import attrs

from peerclick.cli._errors import InputError

__all__ = ["CostFile", "CostTask", "read_cost_file", "split_range"]

_ALIASES = {
    "campaign": "campaign",
    "campaign_id": "campaign",
    "campaignid": "campaign",
    "from": "from",
    "date_from": "from",
    "to": "to",
    "date_to": "to",
    "cost": "cost",
    "timezone": "timezone",
    "tz": "timezone",
    "currency": "currency",
}
_REQUIRED = ("campaign", "from", "to", "cost")
_SHARE = Decimal("0.000001")
MAX_COST_RANGE_DAYS = 31  # PeerClick's limit; pc.costs checks the same (MAX_COST_RANGE_DAYS)


@attrs.frozen
class CostTask:
    """One `pc.costs.update` call: a chunk of one line of the file."""

    line: int
    campaign_id: int
    date_from: date | datetime
    date_to: date | datetime
    cost: Decimal
    timezone: str
    currency: str | None

    @property
    def key(self) -> str:
        """What identifies the task in the resume state (no line number: reordering is fine)."""
        return "|".join(
            [
                str(self.campaign_id),
                self.date_from.isoformat(),
                self.date_to.isoformat(),
                format(self.cost, "f"),
                self.timezone,
                self.currency or "",
            ]
        )


@attrs.frozen
class CostFile:
    path: Path
    digest: str  # sha256 of the file's bytes: the resume state's key
    tasks: list[CostTask]


def _moment(text: str, column: str) -> date | datetime:
    value = text.strip()
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{column} is not an ISO date or date-time: {text!r}") from None


def _length(start: date | datetime, end: date | datetime) -> timedelta:
    return _as_datetime(end) - _as_datetime(start)


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)


def split_range(
    start: date | datetime, end: date | datetime, total: Decimal
) -> list[tuple[date | datetime, date | datetime, Decimal]]:
    """[start, end) in chunks of at most 31 days, the total shared out by length."""
    if type(start) is not type(end):
        start, end = _as_datetime(start), _as_datetime(end)
    whole = _length(start, end)
    if whole <= timedelta(days=MAX_COST_RANGE_DAYS):
        return [(start, end, total)]
    step = timedelta(days=MAX_COST_RANGE_DAYS)
    chunks: list[tuple[date | datetime, date | datetime, Decimal]] = []
    cursor, given = start, Decimal(0)
    while cursor < end:
        stop = min(cursor + step, end)
        share = (total * Decimal(_length(cursor, stop) / whole)).quantize(_SHARE)
        chunks.append((cursor, stop, share))
        given += share
        cursor = stop
    last = chunks[-1]
    chunks[-1] = (last[0], last[1], total - (given - last[2]))
    return chunks


def _cost(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InputError(f"cost is not a number: {text!r}") from None
    if not value.is_finite() or value < 0:
        raise InputError(f"cost must be a finite number >= 0 (the range's total), got {text!r}")
    return value


def _campaign(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or int(value) < 1:
        raise InputError(f"campaign must be a campaign id (an integer >= 1), got {text!r}")
    return int(value)


def _line_tasks(line: int, row: dict[str, str], default_tz: str) -> list[CostTask]:
    campaign = _campaign(row["campaign"])
    start, end = _moment(row["from"], "from"), _moment(row["to"], "to")
    total = _cost(row["cost"])
    tz = (row.get("timezone") or "").strip() or default_tz
    currency = (row.get("currency") or "").strip() or None
    if _length(start, end) <= timedelta(0):
        raise InputError(f"from must be before to, got {row['from']} .. {row['to']}")
    from peerclick.resources.costs import build_cost_request  # loaded only when a file is read

    tasks = []
    for chunk_from, chunk_to, share in split_range(start, end, total):
        # The library's own check (hours, zone, currency, range): raises ValueError/TypeError.
        build_cost_request(campaign, chunk_from, chunk_to, float(share), tz, currency)
        tasks.append(CostTask(line, campaign, chunk_from, chunk_to, share, tz, currency))
    return tasks


def read_cost_file(path: Path, default_tz: str) -> tuple[CostFile, list[str]]:
    """The file's tasks, and one message per bad line (`line 3: ...`); nothing sent here."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise InputError(f"{path} is empty: expected a header such as campaign,from,to,cost")
    names = [_ALIASES.get(h.strip().lower(), "") for h in header]
    unknown = [h for h, n in zip(header, names, strict=True) if not n]
    missing = [r for r in _REQUIRED if r not in names]
    if unknown or missing:
        raise InputError(
            f"{path}: line 1: the header must name {', '.join(_REQUIRED)} (optional: timezone, "
            f"currency); unknown: {unknown or 'none'}, missing: {missing or 'none'}"
        )
    tasks: list[CostTask] = []
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            problems.append(f"line {line}: expected {len(names)} fields, got {len(row)}")
            continue
        try:
            tasks += _line_tasks(line, dict(zip(names, row, strict=True)), default_tz)
        except (ValueError, TypeError) as exc:
            problems.append(f"line {line}: {exc}")
    if not tasks and not problems:
        problems.append(f"{path}: no cost rows after the header")
    unique = list({task.key: task for task in reversed(tasks)}.values())[::-1]  # first wins
    return CostFile(path, digest, unique), problems
