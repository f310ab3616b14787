"""The plugin's client fixtures: a user's test against the fake is three lines.

They pace exactly as their fake limits: not at all when its budgets are off, at its
`ServerLimits` when they are on, on the fake's `FakeClock` (no wall time) when it has one.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from peerclick import AsyncPeerClick, PeerClick
from peerclick.testing import FakeClock, FakePeerClick, ServerLimits

START = 1_795_000_000.0  # 2026-11-18T11:06:40Z: any fixed instant


def test_peerclick_client_fixture(
    peerclick_client: PeerClick, peerclick_fake: FakePeerClick
) -> None:
    report = peerclick_client.reports.get(
        group_by="campaign", date_from=date.today() - timedelta(days=3)
    )
    assert report.rows and report.total_rows == len(report.rows)
    assert [r.path for r in peerclick_fake.requests] == ["/auth/access/session", "/report"]


async def test_async_peerclick_client_fixture(async_peerclick_client: AsyncPeerClick) -> None:
    offers = await async_peerclick_client.offers.list()
    assert offers and all(o.id for o in offers)


def _clock_of(fake: FakePeerClick) -> FakeClock:
    assert isinstance(fake.clock, FakeClock)
    return fake.clock


def _assert_never_refused(fake: FakePeerClick, requests: int) -> None:
    assert [r.status for r in fake.requests] == [200] * requests


@pytest.mark.peerclick(rate_limits=None, clock=FakeClock(START))
def test_no_pacing_when_the_fake_does_not_limit(
    peerclick_client: PeerClick, peerclick_fake: FakePeerClick
) -> None:
    """Budgets off: 20 calls, and the client's limiter never waited (the clock did not move)."""
    for _ in range(20):
        peerclick_client.offers.get(1)
    _assert_never_refused(peerclick_fake, 21)  # the login, then the calls
    assert _clock_of(peerclick_fake)() == START
    assert peerclick_fake.busiest_window(1.0) == 21
    general = peerclick_client.limiter.state().budgets[0]
    assert general.free > 1000  # and room for far more in this very second


@pytest.mark.peerclick(clock=FakeClock(START))
def test_paces_at_the_fakes_limits_on_its_clock(
    peerclick_client: PeerClick, peerclick_fake: FakePeerClick
) -> None:
    """Default budgets (3/s): 1 login + 8 calls take 3 windows of the fake's clock, no 429."""
    for _ in range(8):
        peerclick_client.offers.get(1)
    _assert_never_refused(peerclick_fake, 9)
    assert peerclick_fake.busiest_window(1.0) == 3
    assert _clock_of(peerclick_fake)() - START >= 2.0  # requests 4-6 and 7-9 waited a window


@pytest.mark.peerclick(clock=FakeClock(START), rate_limits=ServerLimits(general=5, period=2.0))
def test_paces_at_custom_server_limits(
    peerclick_client: PeerClick, peerclick_fake: FakePeerClick
) -> None:
    """The fixture client reads the fake's own ServerLimits, not PeerClick's defaults."""
    for _ in range(9):
        peerclick_client.offers.get(1)
    _assert_never_refused(peerclick_fake, 10)
    assert peerclick_fake.busiest_window(2.0) == 5  # at 3/s it would have waited sooner
    assert 2.0 <= _clock_of(peerclick_fake)() - START < 4.0  # one wait of a 2 s window


@pytest.mark.peerclick(rate_limits=None, clock=FakeClock(START))
async def test_async_no_pacing_when_the_fake_does_not_limit(
    async_peerclick_client: AsyncPeerClick, peerclick_fake: FakePeerClick
) -> None:
    for _ in range(20):
        await async_peerclick_client.offers.get(1)
    _assert_never_refused(peerclick_fake, 21)
    assert _clock_of(peerclick_fake)() == START
    assert async_peerclick_client.limiter.state().budgets[0].free > 1000


@pytest.mark.peerclick(clock=FakeClock(START))
async def test_async_paces_at_the_fakes_limits_on_its_clock(
    async_peerclick_client: AsyncPeerClick, peerclick_fake: FakePeerClick
) -> None:
    for _ in range(8):
        await async_peerclick_client.offers.get(1)
    _assert_never_refused(peerclick_fake, 9)
    assert peerclick_fake.busiest_window(1.0) == 3
    assert _clock_of(peerclick_fake)() - START >= 2.0


def test_each_fixture_client_has_a_limiter_of_its_own(
    peerclick_client: PeerClick, async_peerclick_client: AsyncPeerClick
) -> None:
    """No budget shared with another test's client (the process-wide registry is not used)."""
    assert peerclick_client.limiter is not async_peerclick_client.limiter
    assert peerclick_client.limiter.limits.general == 3  # the fake's default ServerLimits
