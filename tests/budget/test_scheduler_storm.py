"""A 429 storm from "another client" of the account: the rate drops, recovers, nothing is lost.

Client and fake share one fake clock (the limiter, the retries and the fake all use it), so the
storm, the Retry-After pauses and the recovery play out exactly, in milliseconds.
"""

from __future__ import annotations

from peerclick import PeerClick, RateLimits
from peerclick.testing import FakeClock, FakePeerClick


def storm_client(clock: FakeClock, fake: FakePeerClick) -> PeerClick:
    return PeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.transport(),
        clock=clock,
        sleep=clock.sleep,
        rate_limits=RateLimits(),
    )


def test_a_storm_with_retry_after_shrinks_then_restores_the_rate() -> None:
    clock = FakeClock()
    fake = FakePeerClick(clock=clock)  # strict 3/s, 1/s windows, counted on arrival
    factors: list[float] = []
    with storm_client(clock, fake) as pc:
        pc.offers.list()
        fake.storm(2.5, retry_after=1)
        for _ in range(30):
            assert pc.offers.list() is not None  # every call succeeds despite the storm
            factors.append(pc.limiter.state().rate_factor)
        state = pc.limiter.state()
    throttled = [r for r in fake.requests if r.status == 429]
    assert len(throttled) == 3  # the storm's 2.5 s, one try a second (Retry-After: 1)
    assert state.throttled == 3 and state.pauses == 3
    assert min(factors) < 1.0  # the rate shrank while 429s came
    assert factors[-1] == 1.0  # and came back once they stopped
    assert sum(1 for r in fake.requests if r.status == 200) == 1 + 1 + 30  # login + calls
    assert fake.busiest_window(1.0) <= 3


def test_a_storm_without_retry_after_is_retried_with_backoff_and_adapts() -> None:
    clock = FakeClock()
    fake = FakePeerClick(clock=clock)
    with storm_client(clock, fake) as pc:
        pc.offers.list()
        fake.storm(0.2)  # no Retry-After: the retry layer backs off, the limiter shrinks
        assert pc.offers.list() is not None
        during = pc.limiter.state()
        for _ in range(20):
            pc.offers.list()
        after = pc.limiter.state()
    assert during.throttled >= 1 and during.pauses == 0 and during.rate_factor < 1.0
    assert after.rate_factor == 1.0
    assert [r.status for r in fake.requests].count(200) == 1 + 1 + 1 + 20


async def test_the_async_twin_rides_out_a_storm() -> None:
    from peerclick import AsyncPeerClick

    clock = FakeClock()

    async def asleep(seconds: float) -> None:
        clock.advance(seconds)

    fake = FakePeerClick(clock=clock)
    async with AsyncPeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.async_transport(),
        clock=clock,
        sleep=asleep,
    ) as apc:
        fake.storm(1.5, retry_after=1)
        for _ in range(5):
            assert await apc.offers.list() is not None
        state = apc.limiter.state()
    assert state.throttled == 2 and state.pauses == 2
    assert [r.status for r in fake.requests].count(200) == 1 + 5
