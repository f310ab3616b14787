"""`pc.costs`: set the total cost of a campaign over a range (PeerClick's manual cost update).

PeerClick documents the rules, so they are checked before anything is sent: one campaign, a range
of at most 31 days on whole hours, the traffic source's time zone, and a new *total* cost (not an
increment). The update runs in the background on PeerClick's side; at most 3 tasks per campaign a
rolling hour: a 4th is refused here, before sending, with `CostUpdateLimitError` (contract C3,
see `_cost_limit`). A cost task is sent once: the server's own 429 for it is raised, never
retried in a loop (the request goes through a `with_options(max_retries=0)` copy of the client).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from peerclick.errors import APIError, RateLimitError
from peerclick.resources._base import AsyncResource, SyncResource, check_id, opt
from peerclick.resources._cost_limit import CostTaskHistory, history_for
from peerclick.resources._dates import DateLike, check_range, check_timezone, to_wall_clock
from peerclick.resources._io import fetch_async, fetch_sync
from peerclick_api.api.cost import update_manual_cost
from peerclick_api.models import ManualCostRequest

if TYPE_CHECKING:
    from peerclick._protocols import AsyncPeerClickLike as AsyncPeerClick
    from peerclick._protocols import PeerClickLike as PeerClick

__all__ = ["MAX_COST_RANGE_DAYS", "AsyncCosts", "Costs", "build_cost_request"]

C = TypeVar("C", "PeerClick", "AsyncPeerClick")

MAX_COST_RANGE_DAYS = 31
_WHAT = "a manual cost update"


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


def _envelope(body: Any) -> dict[str, Any]:
    """The answer's envelope (`{}` for an empty 2xx)."""
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise TypeError(f"the answer must be a JSON object, got {type(body).__name__}")
    return body


def _settle(history: CostTaskHistory, campaign_id: int, stamp: float, exc: BaseException) -> None:
    """A refused task gives its slot back; a 429 from PeerClick blocks the campaign too."""
    if isinstance(exc, RateLimitError):
        history.release(campaign_id, stamp)
        if exc.body is not None:  # PeerClick's answer, not our own budget's refusal
            history.block(campaign_id, exc.retry_after)
    elif isinstance(exc, APIError) and 400 <= exc.status_code < 500:
        history.release(campaign_id, stamp)


def _once(client: C) -> C:
    """The client without retries, for the one request a cost task must be."""
    try:
        return client.with_options(max_retries=0)
    except TypeError:  # a client whose transports peerclick did not wrap: send as it is
        return client


class Costs(SyncResource):
    """`pc.costs`.

    Attributes:
        history: the rolling-hour record of cost tasks (shared by clients sharing a budget).
    """

    def __init__(self, client: PeerClick) -> None:
        super().__init__(client)
        self.history = history_for(client)
        self._sender: PeerClick | None = None

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
            CostUpdateLimitError: a 4th task for the campaign within a rolling hour (nothing
                sent); `.retry_at` says when the next is possible.
            APIError: PeerClick refused (e.g. 417 NO_VISITS_PERIOD; its own 429, not retried).
        """
        body = build_cost_request(campaign_id, date_from, date_to, cost, timezone, currency)
        stamp = self.history.reserve(body.campaign_id)
        if self._sender is None:
            self._sender = _once(self._client)
        try:
            return fetch_sync(self._sender, update_manual_cost, _envelope, _WHAT, body=body)
        except BaseException as exc:
            _settle(self.history, body.campaign_id, stamp, exc)
            raise


class AsyncCosts(AsyncResource):
    """`apc.costs` (the same history and limit as `Costs`)."""

    def __init__(self, client: AsyncPeerClick) -> None:
        super().__init__(client)
        self.history = history_for(client)
        self._sender: AsyncPeerClick | None = None

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
        stamp = self.history.reserve(body.campaign_id)
        if self._sender is None:
            self._sender = _once(self._client)
        try:
            return await fetch_async(self._sender, update_manual_cost, _envelope, _WHAT, body=body)
        except BaseException as exc:
            _settle(self.history, body.campaign_id, stamp, exc)
            raise
