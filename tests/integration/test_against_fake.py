"""The whole client against the stateful fake PeerClick: correct under load, honest on failure."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, date, datetime, timedelta

import pytest

from peerclick import (
    APIConnectionError,
    AsyncPeerClick,
    AuthenticationError,
    PeerClick,
    RateLimits,
    ServerError,
)
from peerclick.resources import _report_params
from peerclick.testing import FakeClock, FakePeerClick, RequestRecord, ServerLimits

# Budgets scaled down 5x in time (3 per 0.2 s, reports 1 per 0.2 s) on both sides, so the tests
# check the same sliding-window arithmetic as 3/s and 1/s in a fifth of the time.
PERIOD = 0.2
LIMITS = RateLimits(general=3, report=1, period=PERIOD, margin=0.02)


def client_for(fake: FakePeerClick, **kwargs: object) -> PeerClick:
    return PeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.transport(),
        rate_limits=LIMITS,
        **kwargs,  # type: ignore[arg-type]
    )


def is_login(record: RequestRecord) -> bool:
    return record.path.startswith("/auth")


def test_thirty_threads_share_the_budget_and_all_succeed() -> None:
    """30 threads at once on one client: every call succeeds, one login, any 429 was retried.

    This is what the client guarantees on a real clock. It paces by booking send times; the fake
    counts arrivals, and a thread may reach it later than its booked time (the OS decides), so a
    429 is possible in principle: the client must then retry it, pause and slow down, never fail
    the call. The exact pacing (0 x 429, 3 per window) is proven on a fake clock below and in
    tests/budget/test_scheduler_*.py.
    """
    fake = FakePeerClick(rate_limits=ServerLimits(general=3, report=1, period=PERIOD))
    results: list[object] = []
    with client_for(fake) as pc:
        # Clients of one account share one budget, so this limiter may have served earlier tests.
        throttled_before = pc.limiter.state().throttled
        start = threading.Barrier(30)

        def work(i: int) -> None:
            start.wait()
            if i % 5 == 0:
                results.append(
                    pc.reports.get(group_by="campaign", date_from=date.today() - timedelta(days=2))
                )
            else:
                results.append(pc.offers.list())

        threads = [threading.Thread(target=work, args=(i,)) for i in range(30)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        throttled_seen = pc.limiter.state().throttled - throttled_before
    assert len(results) == 30  # every call returned (a failed one would raise in its thread)
    assert sum(1 for r in fake.requests if is_login(r)) == 1
    calls = [r for r in fake.requests if not is_login(r)]
    statuses = {r.status for r in calls}
    assert statuses <= {200, 429}
    retried = [r for r in calls if r.status == 429]
    assert throttled_seen == len(retried)  # each 429 reached the limiter, and was resent
    assert sum(1 for r in calls if r.status == 200) == len(calls) - len(retried)


def test_thirty_calls_on_a_fake_clock_never_trip_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On one fake clock for client and server, sends happen exactly when booked: 0 x 429."""
    clock = FakeClock()
    # A report's default end (tomorrow) is read from the SDK's own "now", not the client's clock:
    # pin it to the fake's too, or the range would grow past 31 days as the real calendar moves on.
    monkeypatch.setattr(_report_params, "_now", lambda tz: datetime.fromtimestamp(clock(), tz))
    two_days_ago = datetime.fromtimestamp(clock(), UTC).date() - timedelta(days=2)
    fake = FakePeerClick(clock=clock, rate_limits=ServerLimits(general=3, report=1, period=PERIOD))
    with client_for(fake, clock=clock, sleep=clock.sleep) as pc:
        for i in range(30):
            if i % 5 == 0:
                pc.reports.get(group_by="campaign", date_from=two_days_ago)
            else:
                pc.offers.list()
    assert [r.status for r in fake.requests] == [200] * 31  # one login + 30 calls
    assert fake.busiest_window(PERIOD) == 3
    assert fake.busiest_window(PERIOD, path="/report") == 1
    assert clock() - fake.requests[0].time >= 30 / 3 * PERIOD - PERIOD  # it paced, not burst


async def test_async_tasks_share_the_budget_and_all_succeed() -> None:
    """12 tasks at once: all succeed, one login, any 429 was retried (as for threads above)."""
    fake = FakePeerClick(rate_limits=ServerLimits(general=3, report=1, period=PERIOD))
    async with AsyncPeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.async_transport(),
        rate_limits=LIMITS,
    ) as apc:
        throttled_before = apc.limiter.state().throttled
        lists = await asyncio.gather(*(apc.campaigns.list() for _ in range(12)))
        throttled_seen = apc.limiter.state().throttled - throttled_before
    assert len(lists) == 12
    assert sum(1 for r in fake.requests if is_login(r)) == 1
    calls = [r for r in fake.requests if not is_login(r)]
    assert {r.status for r in calls} <= {200, 429}
    assert sum(1 for r in calls if r.status == 200) == 12
    assert throttled_seen == sum(1 for r in calls if r.status == 429)


def test_expired_token_is_renewed_without_the_caller_noticing() -> None:
    clock = FakeClock()
    fake = FakePeerClick(clock=clock, token_lifetime=3600, rate_limits=None)
    with PeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.transport(),
        clock=clock,
        rate_limits=RateLimits(general=1000, report=1000),
    ) as pc:
        pc.offers.list()
        clock.advance(3600 - 60)  # inside the client's refresh margin: renewed before use
        pc.offers.list()
        token_ids = {r.token_id for r in fake.requests if r.token_id}
        assert len(token_ids) == 2
        assert all(r.status != 401 for r in fake.requests)


def test_revoked_token_is_replaced_once() -> None:
    fake = FakePeerClick(rate_limits=None)
    with client_for(fake) as pc:
        pc.offers.list()
        assert fake.sessions.revoke_all() == 1
        assert pc.offers.list() is not None
    assert [r.status for r in fake.requests].count(401) == 1


def test_wrong_key_is_an_authentication_error() -> None:
    fake = FakePeerClick(rate_limits=None)
    with (
        PeerClick(
            access_id=fake.access_id, access_key="wrong-key", transport=fake.transport()
        ) as pc,
        pytest.raises(AuthenticationError) as info,
    ):
        pc.offers.list()
    assert "wrong-key" not in str(info.value)


def test_html_error_page_and_dropped_connection_are_typed() -> None:
    fake = FakePeerClick(rate_limits=None)
    with client_for(fake, sleep=lambda _s: None, max_retries=0) as pc:
        pc.offers.list()
        fake.faults.html_error(502)
        with pytest.raises(ServerError) as info:
            pc.offers.list()
        assert "502" in str(info.value)
        fake.faults.drop()
        with pytest.raises(APIConnectionError):
            pc.offers.list()


def test_server_errors_are_retried_for_get_but_not_post() -> None:
    fake = FakePeerClick(rate_limits=None)
    with client_for(fake, sleep=lambda _s: None) as pc:
        pc.offers.list()
        fake.faults.fail(503, times=2)
        assert pc.offers.list() is not None
        fake.faults.fail(502, times=1)
        with pytest.raises(ServerError):
            pc.affiliate_networks.create(name="Net")
