"""Writes that change report numbers: manual cost (`POST /report/manual-cost`) and conversion
uploads (`POST /conversion`)."""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from typing import Any

from peerclick.testing._schemas import validate
from peerclick.testing._sim._account import Account, Upload
from peerclick.testing._sim._events import click_time
from peerclick.testing._sim._times import (
    DAY,
    HOUR,
    floor_hour,
    parse_instant,
    parse_zone,
    same_zone,
)
from peerclick.testing._sim._traffic import MICROS, parse_click_id, spread
from peerclick.testing._wire import ApiError

__all__ = ["set_manual_cost", "upload_conversions"]


def set_manual_cost(account: Account, body: Any, now: float) -> int:
    """Apply a manual-cost task; returns the HTTP status to answer with.

    The rules the reference documents: one campaign, at most 31 days, times on the hour, `to` no
    later than the last full hour, the traffic source's time zone, a new *total* cost (>= 0) that is
    spread over the range's hours by visits, and at most 3 tasks per campaign per hour.
    """
    rules = account.rules
    validate("ManualCostRequest", body)
    campaign = account.store.get("campaign", int(body["campaignId"]))
    zone = parse_zone(body["timeZone"], "timeZone")
    start = parse_instant(body["from"], "from", zone, hour_rounded=rules.hour_rounding)
    end = parse_instant(body["to"], "to", zone, hour_rounded=rules.hour_rounding)
    if start >= end:
        raise ApiError(400, "from must be before to", field="from")
    if end - start > rules.manual_cost_max_days * DAY:
        raise ApiError(
            400, f"to: the range may span at most {rules.manual_cost_max_days} days", field="to"
        )
    if end > floor_hour(now):
        raise ApiError(
            400,
            "to: the range may not pass the last full hour",
            code="TIME_RANGE_EXCEED_LAST_HOUR",
            field="to",
        )
    source = account.store.find("trafficSource", campaign.body["trafficSource"])
    source_zone = source.body.get("timeZone") if source else None
    if isinstance(source_zone, str) and not same_zone(source_zone, str(body["timeZone"])):
        raise ApiError(
            400,
            f"timeZone: must equal the traffic source's time zone ({source_zone})",
            field="timeZone",
        )
    limit = rules.manual_cost_tasks_per_hour
    recent = [t for t in account.cost_tasks.get(campaign.id, []) if t > now - HOUR]
    if limit is not None and len(recent) >= limit:
        wait = max(1, math.ceil(recent[-limit] + HOUR - now))
        raise ApiError(
            429,
            f"At most {limit} manual cost updates per campaign per hour",
            code="TOO_MANY_COST_UPDATES",
            headers={"Retry-After": str(wait)},
        )
    visits: dict[int, int] = defaultdict(int)
    for fact in account.traffic.campaign_facts(campaign, start, end, now):
        visits[fact.hour] += fact.visits
    if sum(visits.values()) == 0 and rules.manual_cost_requires_visits:
        raise ApiError(417, "There were no visits in this period", code="NO_VISITS_PERIOD")
    hours = list(range(floor_hour(start + HOUR - 1), int(end) - HOUR + 1, HOUR))
    shares = spread(round(float(body["cost"]) * MICROS), [float(visits.get(h, 0)) for h in hours])
    for hour, micros in zip(hours, shares, strict=True):
        account.cost_hours[(campaign.id, hour)] = micros
    account.cost_tasks[campaign.id] = [*recent, now]
    return rules.manual_cost_status


def _number(text: str, line: int, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ApiError(
            400, f"line {line}: {field}: expected a number, got {text!r}", field=field
        ) from None
    if not math.isfinite(value) or value < 0:
        raise ApiError(
            400, f"line {line}: {field}: must be a number >= 0, got {text!r}", field=field
        )
    return value


def upload_conversions(account: Account, content: bytes, content_type: str, now: float) -> int:
    """Store CSV conversions (`clickId,payout,transactionId,conversionType,conversionTimestamp`).

    Returns the number of rows accepted. Click ids must name a click the fake generated (as the
    live click feed and the conversions report show them); a repeated (clickId, transactionId)
    pair is counted once.
    """
    rules = account.rules
    if content_type.split(";")[0].strip().lower() not in ("text/csv", "text/plain"):
        raise ApiError(
            400, f"Content-Type must be text/csv, got {content_type!r}", field="Content-Type"
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(400, "body: CSV must be UTF-8", field="body") from None
    parsed: list[Upload] = []
    for line, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in cells]
        if not any(cells) or (line == 1 and cells[0] == "clickId"):
            continue
        if len(cells) > 5:
            raise ApiError(
                400, f"line {line}: expected at most 5 fields, got {len(cells)}", field="body"
            )
        click, payout, tx, kind, stamp = (cells + [""] * 5)[:5]
        upload = _one(account, line, click, payout, tx, kind, stamp, now)
        if upload is not None:
            parsed.append(upload)
    limit = rules.conversion_rows_per_hour
    recent = sum(n for t, n in account.upload_times if t > now - HOUR)
    if limit is not None and recent + len(parsed) > limit:
        wait = min(t for t, _ in account.upload_times if t > now - HOUR) + HOUR - now
        raise ApiError(
            429,
            f"At most {limit} conversion rows per hour",
            headers={"Retry-After": str(max(1, math.ceil(wait)))},
        )
    accepted = 0
    for upload in parsed:
        key = (upload.click_id, upload.transaction_id)
        if upload.transaction_id and key in account.upload_keys:
            continue
        account.upload_keys.add(key)
        account.uploads.append(upload)
        accepted += 1
    account.upload_times.append((now, accepted))
    return accepted


def _one(
    account: Account, line: int, click: str, payout: str, tx: str, kind: str, stamp: str, now: float
) -> Upload | None:
    if not click:
        raise ApiError(400, f"line {line}: clickId: is required", field="clickId")
    found = _find_click(account, click, now)
    if found is None:
        if account.rules.unknown_click_ids == "ignore":
            return None
        raise ApiError(400, f"line {line}: clickId: unknown click id {click!r}", field="clickId")
    fact, n = found
    when = (
        parse_instant(stamp, "conversionTimestamp", parse_zone(None), hour_rounded=False)
        if stamp
        else now
    )
    if when > now:
        raise ApiError(
            400, f"line {line}: conversionTimestamp: in the future", field="conversionTimestamp"
        )
    if payout:
        micros = round(_number(payout, line, "payout") * MICROS)
    else:  # the offer's fixed payout, else what its conversions paid that hour, else nothing
        offer = account.store.find("offer", fact.offer)
        fixed = offer.body["payout"].get("value") if offer else None
        if fixed is not None:
            micros = round(float(fixed) * MICROS)
        else:
            micros = fact.revenue // fact.conversions if fact.conversions else 0
    return Upload(
        click, fact, click_time(fact, n), max(when, click_time(fact, n)), micros, tx, kind or "Sale"
    )


def _find_click(account: Account, click: str, now: float) -> tuple[Any, int] | None:
    decoded = parse_click_id(click)
    if decoded is None:
        return None
    campaign_id, hour, slot, n = decoded
    campaign = account.store.find("campaign", campaign_id)
    if campaign is None:
        return None
    for fact in account.traffic.campaign_facts(campaign, hour, hour + HOUR, now):
        if fact.slot == slot and n < fact.clicks:
            return fact, n
    return None
