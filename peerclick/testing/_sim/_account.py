"""One PeerClick account inside the fake: entities, traffic, cost and conversion ledgers.

Its request budget is the HTTP shell's business (`_http/_fake.py` keeps one per account).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

import attrs

from peerclick.testing._sim._seed import seed_demo
from peerclick.testing._sim._store import Store
from peerclick.testing._sim._times import DAY, HOUR, floor_hour
from peerclick.testing._sim._traffic import Fact, Traffic

__all__ = ["Account", "Rules", "Upload"]


@attrs.frozen
class Rules:
    """Strictness switches and limits; the defaults follow the reference.

    Attributes:
        check_references: Ids in bodies (traffic source, offers, network, flow, workspace)
            must exist.
        unique_names: Names are unique per entity type ("Name must be unique").
        hour_rounding: Report and manual-cost times must sit on the hour.
        report_default_limit: Rows per page when `limit` is absent.
        report_max_limit: Largest accepted `limit`.
        manual_cost_max_days: Longest manual-cost range.
        manual_cost_tasks_per_hour: Manual-cost tasks per campaign per hour (None: unlimited).
        manual_cost_requires_visits: A range without visits is a 417 NO_VISITS_PERIOD.
        manual_cost_status: 200 or 202 (the task "runs in the background").
        conversion_rows_per_hour: Uploaded conversion rows per account per hour (None: unlimited).
        unknown_click_ids: "reject" answers 400; "ignore" skips the row.
        backfill_new_campaigns: Campaigns created through the API get the demo history of traffic
            instead of traffic from their creation hour on.
    """

    check_references: bool = True
    unique_names: bool = True
    hour_rounding: bool = True
    report_default_limit: int = 100
    report_max_limit: int = 100_000
    manual_cost_max_days: int = 31
    manual_cost_tasks_per_hour: int | None = 3
    manual_cost_requires_visits: bool = True
    manual_cost_status: Literal[200, 202] = 202
    conversion_rows_per_hour: int | None = 50_000
    unknown_click_ids: Literal["reject", "ignore"] = "reject"
    backfill_new_campaigns: bool = False


@attrs.frozen
class Upload:
    """One conversion uploaded through `POST /conversion`, tied to the click it names."""

    click_id: str
    fact: Fact
    click_time: float
    time: float
    payout: int  # micros
    transaction_id: str
    conversion_type: str

    def as_fact(self, mode: str) -> Fact:
        """A traffic-free fact carrying just this conversion, in the hour `mode` gives it."""
        hour = floor_hour(self.time) if mode == "CONVERSION" else self.fact.hour
        return self.fact._replace(
            hour=hour, visits=0, unique_visits=0, clicks=0, conversions=1, revenue=self.payout,
            cost=0, errors=0, events=(0, 0, 0),
        )  # fmt: skip


class Account:
    """State of one account. Not thread-safe: the fake serialises access."""

    def __init__(
        self,
        name: str,
        *,
        user_id: int,
        seed: int,
        clock: Callable[[], float],
        rules: Rules,
        demo_data: bool,
        history_days: int,
    ) -> None:
        self.name = name
        self.user_id = user_id
        self.rules = rules
        self.store = Store(
            user_id=user_id,
            clock=clock,
            key_salt=f"{seed}:{name}",
            check_references=rules.check_references,
            unique_names=rules.unique_names,
        )
        self.history_start = float(int(clock() // DAY) * DAY - history_days * DAY)
        self.cost_hours: dict[tuple[int, int], int] = {}
        self.cost_tasks: dict[int, list[float]] = {}
        self.uploads: list[Upload] = []
        self.upload_keys: set[tuple[str, str]] = set()
        self.upload_times: list[tuple[float, int]] = []
        self.traffic = Traffic(self.store, seed=seed, salt=name, cost_hours=self.cost_hours)
        self.sessions_started = 0
        if demo_data:
            seed_demo(self.store, traffic_start=self.history_start)

    def new_campaign_traffic_start(self, now: float) -> float | None:
        """Where traffic of a campaign created now begins (None: from its creation)."""
        return self.history_start if self.rules.backfill_new_campaigns else None

    def facts(
        self, start: float, end: float, now: float, mode: str = "CONVERSION"
    ) -> Iterator[Fact]:
        """Generated traffic plus uploaded conversions, for [start, end)."""
        yield from self.traffic.facts(start, end, now)
        for upload in self.uploads:
            fact = upload.as_fact(mode)
            if start <= fact.hour and fact.hour + HOUR <= end:
                yield fact
