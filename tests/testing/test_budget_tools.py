"""The fake's tools for budget tests: 429 storms, seeded latency, the arrival log."""

from __future__ import annotations

import httpx
import pytest

from peerclick.testing import FakeClock, FakePeerClick
from tests.testing.conftest import BASE


def client_for(fake: FakePeerClick) -> httpx.Client:
    return httpx.Client(
        transport=fake.transport(), base_url=BASE, headers={"api-token": fake.login()}
    )


def test_a_storm_answers_429_for_a_while_of_the_fake_clock(clock: FakeClock) -> None:
    """fake.storm(2, retry_after=1): 429 with Retry-After for 2 s, then normal answers."""
    fake = FakePeerClick(clock=clock, rate_limits=None)
    with client_for(fake) as client:
        fault = fake.storm(2.0, retry_after=1)
        first = client.get("/offer")
        clock.advance(1.5)
        second = client.get("/offer")
        clock.advance(0.5)
        third = client.get("/offer")
    assert [first.status_code, second.status_code, third.status_code] == [429, 429, 200]
    assert first.headers["Retry-After"] == "1"
    assert fault.fired == 2 and fake.faults.armed == []
    assert [r.fault for r in fake.requests] == ["rate_limit", "rate_limit", None]


def test_a_storm_can_target_a_path_and_omit_retry_after(clock: FakeClock) -> None:
    fake = FakePeerClick(clock=clock, rate_limits=None)
    with client_for(fake) as client:
        fake.storm(10.0, path="/report")
        report = client.get("/report", params={"groupBy": "campaign"})
        offer = client.get("/offer")
    assert report.status_code == 429 and "Retry-After" not in report.headers
    assert offer.status_code == 200


def test_latency_is_seeded_and_bounded(clock: FakeClock) -> None:
    """Every answer waits latency +/- jitter through the fake's sleep; the same seed repeats."""

    def delays(seed: int) -> list[float]:
        slept: list[float] = []
        fake = FakePeerClick(
            clock=clock, sleep=slept.append, rate_limits=None, latency=0.05, jitter=0.02, seed=seed
        )
        with client_for(fake) as client:
            for _ in range(20):
                client.get("/offer")
        return slept

    one, again, other = delays(1), delays(1), delays(2)
    assert len(one) == 20 and one == again and one != other
    assert all(0.03 <= d <= 0.07 for d in one)


def test_latency_is_checked() -> None:
    with pytest.raises(ValueError, match="jitter"):
        FakePeerClick(latency=0.01, jitter=0.02)


def test_arrivals_and_the_busiest_window(clock: FakeClock) -> None:
    """The log counts what the budget counted: 429s and dropped requests are left out."""
    fake = FakePeerClick(clock=clock)  # 3/s, reports 1/s
    with client_for(fake) as client:
        statuses = [client.get("/offer").status_code for _ in range(4)]
        clock.advance(0.5)
        client.get("/report", params={"groupBy": "campaign"})
        clock.advance(0.6)
        client.get("/offer")
    assert statuses == [200, 200, 200, 429]
    start = clock() - 1.1
    assert fake.arrivals() == [start, start, start, start + 1.1]
    assert fake.arrivals(accepted=False)[:4] == [start] * 4
    assert fake.busiest_window(1.0) == 3
    assert fake.busiest_window(2.0) == 4
    assert fake.arrivals("/report") == []  # refused: the general budget was full
