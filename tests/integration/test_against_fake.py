"""The whole client against the stateful fake PeerClick: correct under load, honest on failure."""

from __future__ import annotations

import asyncio
import threading
from datetime import date, timedelta

import pytest

from peerclick import (
    APIConnectionError,
    AsyncPeerClick,
    AuthenticationError,
    PeerClick,
    RateLimits,
    ServerError,
)
from peerclick.testing import FakeClock, FakePeerClick
from peerclick.testing import RateLimits as FakeBudgets

# Budgets scaled down 5x in time (3 per 0.2 s, reports 1 per 0.2 s) on both sides, so the test
# checks the same sliding-window arithmetic as 3/s and 1/s in a fifth of the time.
PERIOD = 0.2


def client_for(fake: FakePeerClick, **kwargs: object) -> PeerClick:
    return PeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.transport(),
        rate_limits=RateLimits(general=3, report=1, period=PERIOD, buffer_ms=20),
        **kwargs,  # type: ignore[arg-type]
    )


def test_thirty_threads_never_trip_the_servers_budget() -> None:
    """The client paces itself: the fake, enforcing the same budget, never answers 429."""
    fake = FakePeerClick(rate_limits=FakeBudgets(general=3, report=1, window=PERIOD))
    with client_for(fake) as pc:
        start = threading.Barrier(30)

        def work(i: int) -> None:
            start.wait()
            if i % 5 == 0:
                pc.reports.get(group_by="campaign", date_from=date.today() - timedelta(days=2))
            else:
                pc.offers.list()

        threads = [threading.Thread(target=work, args=(i,)) for i in range(30)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    statuses = [r.status for r in fake.requests]
    assert len(statuses) == 31  # one login + 30 calls
    assert 429 not in statuses


async def test_async_tasks_never_trip_the_servers_budget() -> None:
    fake = FakePeerClick(rate_limits=FakeBudgets(general=3, report=1, window=PERIOD))
    async with AsyncPeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.async_transport(),
        rate_limits=RateLimits(general=3, report=1, period=PERIOD, buffer_ms=20),
    ) as apc:
        await asyncio.gather(*(apc.campaigns.list() for _ in range(12)))
    assert 429 not in [r.status for r in fake.requests]
    assert sum(1 for r in fake.requests if r.path.startswith("/auth")) == 1


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
