"""Once over real HTTP on 127.0.0.1: the fake enforcing PeerClick's real 1-second windows.

Mixed load from threads, a low-priority copy doing bulk work and interactive calls, with the
default budgets on both sides (3/s, reports 1/s). About 4 seconds. Asserted is what the client
guarantees on a real clock: every call succeeds, one login, every 429 (if the wire's timing ever
causes one) reached the limiter and was resent. The budget's arithmetic itself is exact on a fake
clock in tests/budget/test_scheduler_*.py.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

from peerclick import PeerClick
from peerclick.testing import FakePeerClick, serve_in_thread


def test_mixed_threads_over_http_within_the_real_budget() -> None:
    fake = FakePeerClick(latency=0.005, jitter=0.003)  # strict 3/s and 1/s, counted on arrival
    results: list[object] = []
    errors: list[BaseException] = []
    with (
        serve_in_thread(fake) as base_url,
        PeerClick(
            access_id=fake.access_id, access_key=fake.access_key, base_url=f"{base_url}/v1_1"
        ) as pc,
    ):
        bulk = pc.with_options(priority="low")
        throttled_before = pc.limiter.state().throttled

        def run(job: object) -> None:
            try:
                results.append(job() if callable(job) else None)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        day = date.today() - timedelta(days=2)  # no date_to (up to now): recent, as over 31 days
        # a campaign report is refused, and the fake (wall clock) has traffic for the last 60 days
        jobs = [
            lambda: bulk.reports.get(group_by="campaign", date_from=day),
            lambda: bulk.offers.list(),
            lambda: bulk.campaigns.list(),
            lambda: pc.reports.get(group_by="offer", date_from=day),
            *[lambda: pc.offers.list() for _ in range(5)],
        ]
        threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        throttled = pc.limiter.state().throttled - throttled_before
    assert not errors, errors
    assert len(results) == len(jobs)
    records = fake.requests
    assert sum(1 for r in records if r.path.startswith("/auth")) == 1
    assert {r.status for r in records} <= {200, 429}
    assert throttled == sum(1 for r in records if r.status == 429)
    # The server counted on arrival; what it accepted never exceeds its budget.
    assert fake.busiest_window(1.0) <= 3
    assert fake.busiest_window(1.0, path="/report") <= 1
