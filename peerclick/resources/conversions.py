"""`pc.conversions.upload(rows)`: send conversions in bulk as CSV.

Each row becomes one CSV line `clickId,payout,transactionId,conversionType,conversionTimestamp`
(no header), the format of Voluum's conversion upload, which PeerClick's API copies. Uploads are
split into chunks (one request each, so the rate limiter paces them); Voluum allows 50,000 rows an
hour. The postback URL remains PeerClick's documented way to report single conversions.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, BinaryIO, cast

import attrs

from peerclick.resources._base import AsyncResource, SyncResource
from peerclick.resources._io import fetch_async, fetch_sync
from peerclick_api.api.conversion import upload_conversions
from peerclick_api.types import File

__all__ = ["DEFAULT_CHUNK_SIZE", "AsyncConversions", "Conversion", "Conversions", "encode_csv"]

DEFAULT_CHUNK_SIZE = 10_000
MAX_CHUNK_SIZE = 50_000
_WHAT = "a conversion upload"

# Row keys we accept, to the Conversion field they fill.
_ALIASES = {
    "click_id": "click_id",
    "clickId": "click_id",
    "cid": "click_id",
    "payout": "payout",
    "transaction_id": "transaction_id",
    "transactionId": "transaction_id",
    "txid": "transaction_id",
    "conversion_type": "conversion_type",
    "conversionType": "conversion_type",
    "status": "conversion_type",
    "timestamp": "timestamp",
    "conversion_timestamp": "timestamp",
    "conversionTimestamp": "timestamp",
}


def _text(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, got {type(value).__name__}")
    if "\n" in value or "\r" in value:
        raise ValueError(f"{what} must be one line, got {value!r}")
    return value


@attrs.frozen
class Conversion:
    """One conversion to upload. Only `click_id` (the `{clickid}` PeerClick gave the visit) is
    required; `timestamp` is sent in UTC (naive datetimes are taken as UTC)."""

    click_id: str
    payout: float | None = None
    transaction_id: str | None = None
    conversion_type: str | None = None
    timestamp: datetime | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.click_id, str) or not self.click_id.strip():
            raise ValueError(f"click_id must be a non-empty string, got {self.click_id!r}")
        _text(self.click_id, "click_id")
        payout = self.payout
        if payout is not None:
            if isinstance(payout, bool) or not isinstance(payout, int | float | Decimal):
                raise TypeError(f"payout must be a number, got {type(payout).__name__}")
            if not math.isfinite(float(payout)) or payout < 0:
                raise ValueError(f"payout must be a finite number >= 0, got {payout!r}")
        _text(self.transaction_id, "transaction_id")
        _text(self.conversion_type, "conversion_type")
        if self.timestamp is not None and not isinstance(self.timestamp, datetime):
            raise TypeError(f"timestamp must be a datetime, got {type(self.timestamp).__name__}")

    @classmethod
    def coerce(cls, row: object, index: int) -> Conversion:
        """A Conversion from a Conversion, a mapping, or any attrs object with the same fields."""
        if isinstance(row, Conversion):
            return row
        if attrs.has(type(row)):
            row = attrs.asdict(row, recurse=False)  # type: ignore[arg-type]
        if not isinstance(row, Mapping):
            raise TypeError(
                f"rows[{index}] must be a mapping or a Conversion, got {type(row).__name__}"
            )
        fields: dict[str, Any] = {}
        for key, value in row.items():
            name = _ALIASES.get(key) if isinstance(key, str) else None
            if name is None:
                raise TypeError(f"rows[{index}]: unknown key {key!r}; known: {', '.join(_ALIASES)}")
            fields[name] = value
        stamp = fields.get("timestamp")
        if isinstance(stamp, str):
            try:
                fields["timestamp"] = datetime.fromisoformat(stamp)
            except ValueError:
                raise ValueError(f"rows[{index}]: timestamp is not ISO-8601: {stamp!r}") from None
        try:
            return cls(**fields)
        except TypeError as exc:
            if "click_id" in str(exc) and "click_id" not in fields:
                raise TypeError(f"rows[{index}]: click_id is required") from None
            raise type(exc)(f"rows[{index}]: {exc}") from None
        except ValueError as exc:
            raise ValueError(f"rows[{index}]: {exc}") from None

    def csv_fields(self) -> list[str]:
        stamp = ""
        if self.timestamp is not None:
            moment = self.timestamp
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC).replace(tzinfo=None)
            stamp = moment.strftime("%Y-%m-%d %H:%M:%S")
        payout = "" if self.payout is None else format(Decimal(str(self.payout)).normalize(), "f")
        return [self.click_id, payout, self.transaction_id or "", self.conversion_type or "", stamp]


def encode_csv(conversions: Iterable[Conversion]) -> bytes:
    """CSV lines, no header, `\\n` line ends, quoting only where a field needs it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for conversion in conversions:
        writer.writerow(conversion.csv_fields())
    return buffer.getvalue().encode("utf-8")


def _chunks(rows: Iterable[object], chunk_size: int) -> Iterator[list[Conversion]]:
    """Validate every row first (nothing is sent when one row is bad), then yield chunks."""
    if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
        raise TypeError(f"rows must be a list of conversions, got {type(rows).__name__}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int):
        raise TypeError(f"chunk_size must be an int, got {type(chunk_size).__name__}")
    if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk_size must be between 1 and {MAX_CHUNK_SIZE}, got {chunk_size}")
    checked = [Conversion.coerce(row, i) for i, row in enumerate(rows)]
    if not checked:
        raise ValueError("rows is empty: nothing to upload")
    for start in range(0, len(checked), chunk_size):
        yield checked[start : start + chunk_size]


def _counter(sent: int) -> Callable[[Any], int]:
    """Builder for an upload's answer: `numberOfRows` (an empty 2xx counts every row sent)."""

    def count(body: Any) -> int:
        if body is None or body == {}:
            return sent
        if not isinstance(body, Mapping):
            raise TypeError(f"the answer must be a JSON object, got {type(body).__name__}")
        rows = body.get("numberOfRows")
        if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
            raise ValueError(f"numberOfRows must be a row count (an int >= 0), got {rows!r}")
        return rows

    return count


def _file(chunk: list[Conversion]) -> File:
    # Bytes rather than a BytesIO: httpx streams bytes to sync and async clients alike, while a
    # file object is a sync-only stream that an AsyncClient refuses.
    payload = cast(BinaryIO, encode_csv(chunk))
    return File(payload=payload, file_name="conversions.csv", mime_type="text/csv")


class Conversions(SyncResource):
    """`pc.conversions`."""

    def upload(self, rows: Iterable[object], *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
        """Upload conversions; returns how many rows PeerClick accepted in total.

        Example::

            pc.conversions.upload([{"click_id": "abc123", "payout": 2.5, "status": "sale"}])

        Raises:
            ValueError, TypeError: a bad row (its index is named), before anything is sent.
        """
        total = 0
        for chunk in _chunks(rows, chunk_size):
            total += fetch_sync(
                self._client, upload_conversions, _counter(len(chunk)), _WHAT, body=_file(chunk)
            )
        return total


class AsyncConversions(AsyncResource):
    """`apc.conversions`."""

    async def upload(self, rows: Iterable[object], *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
        """Upload conversions; returns how many rows PeerClick accepted. See `Conversions.upload`.

        Example::

            await apc.conversions.upload([Conversion(click_id="abc123", payout=2.5)])
        """
        total = 0
        for chunk in _chunks(rows, chunk_size):
            total += await fetch_async(
                self._client, upload_conversions, _counter(len(chunk)), _WHAT, body=_file(chunk)
            )
        return total
