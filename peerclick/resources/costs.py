"""`pc.costs`: set the total cost of a campaign over a range (PeerClick's manual cost update).

PeerClick documents the rules, so they are checked before anything is sent: one campaign, a range
of at most 31 days on whole hours, the traffic source's time zone, and a new *total* cost (not an
increment). The update runs in the background on PeerClick's side; at most 3 per campaign an hour.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from peerclick.resources._base import (
    AsyncResource,
    SyncResource,
    answer_body,
    call_async,
    call_sync,
    check_id,
    opt,
)
from peerclick.resources._dates import DateLike, check_range, check_timezone, to_wall_clock
from peerclick_api.api.cost import update_manual_cost
from peerclick_api.models import ManualCostRequest

__all__ = ["MAX_COST_RANGE_DAYS", "AsyncCosts", "Costs", "build_cost_request"]

MAX_COST_RANGE_DAYS = 31


def _aware(value: date | datetime, tz: ZoneInfo) -> datetime:
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    return moment.replace(tzinfo=tz)


def _check_cost(cost: object) -> float:
    if isinstance(cost, bool) or not isinstance(cost, int | float | Decimal):
        raise TypeError(f"cost must be a number, got {type(cost).__name__}")
    value = float(cost)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"cost must be a finite number >= 0 (the new total), got {cost!r}")
    return value


def _check_currency(currency: object) -> str | None:
    if currency is None:
        return None
    if not isinstance(currency, str) or len(currency.strip()) != 3 or not currency.isalpha():
        raise ValueError(f"currency must be an ISO 4217 code such as 'USD', got {currency!r}")
    return currency.strip().upper()


def build_cost_request(
    campaign_id: int,
    date_from: DateLike,
    date_to: DateLike,
    cost: float | Decimal,
    timezone: str,
    currency: str | None = None,
) -> ManualCostRequest:
    """Validate everything and build the body; no I/O. Times are sent with the zone's offset."""
    cid = check_id(campaign_id, "campaign_id")
    tz = check_timezone(timezone, "timezone")
    start = to_wall_clock(date_from, tz, "date_from")
    end = to_wall_clock(date_to, tz, "date_to")
    check_range(start, end, max_days=MAX_COST_RANGE_DAYS)
    return ManualCostRequest(
        campaign_id=cid,
        from_=_aware(start, tz),
        to=_aware(end, tz),
        time_zone=timezone,
        cost=_check_cost(cost),
        currency=opt(_check_currency(currency)),
    )


class Costs(SyncResource):
    """`pc.costs`."""

    def update(
        self,
        campaign_id: int,
        date_from: DateLike,
        date_to: DateLike,
        cost: float | Decimal,
        timezone: str,
        currency: str | None = None,
    ) -> dict[str, Any]:
        """Set the campaign's total cost for [date_from, date_to).

        Example::

            pc.costs.update(campaign_id=12, date_from="2026-11-01", date_to="2026-11-08",
                            cost=250.0, timezone="Europe/Berlin")

        Args:
            campaign_id: the campaign.
            date_from, date_to: dates or on-the-hour datetimes; `date_to` is exclusive; at most
                31 days apart. Naive datetimes are wall-clock time in `timezone`.
            cost: the new total for the range (>= 0).
            timezone: IANA zone; PeerClick wants the campaign's traffic source's zone.
            currency: ISO 4217 code; the account's currency when left out.

        Returns:
            The server's envelope (the work is queued on PeerClick's side).

        Raises:
            ValueError, TypeError: bad arguments, before any request.
            APIError: PeerClick refused (e.g. 417 NO_VISITS_PERIOD, 429 for a 4th task in an hour).
        """
        body = build_cost_request(campaign_id, date_from, date_to, cost, timezone, currency)
        answer = call_sync(update_manual_cost.sync_detailed, client=self._api, body=body)
        return answer_body(answer, "POST", "/report/manual-cost", allow_empty=True)


class AsyncCosts(AsyncResource):
    """`apc.costs`."""

    async def update(
        self,
        campaign_id: int,
        date_from: DateLike,
        date_to: DateLike,
        cost: float | Decimal,
        timezone: str,
        currency: str | None = None,
    ) -> dict[str, Any]:
        """Set the campaign's total cost for [date_from, date_to); see `Costs.update`.

        Example::

            await apc.costs.update(12, "2026-11-01", "2026-11-08", 250.0, "UTC")
        """
        body = build_cost_request(campaign_id, date_from, date_to, cost, timezone, currency)
        answer = await call_async(update_manual_cost.asyncio_detailed, client=self._api, body=body)
        return answer_body(answer, "POST", "/report/manual-cost", allow_empty=True)
