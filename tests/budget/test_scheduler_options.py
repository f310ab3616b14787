"""``pc.with_options(priority=..., timeout=..., max_retries=...)``: a copy sharing the account's
connections, token and budget (openai-python's convention)."""

from __future__ import annotations

import httpx
import pytest

from peerclick import AsyncPeerClick, PeerClick, RateLimits
from peerclick._limits import PRIORITY_EXTENSION
from peerclick.testing import FakeClock, FakePeerClick


class Counting(httpx.BaseTransport):
    """The innermost transport: counts its users and its closes."""

    def __init__(self, fake: FakePeerClick) -> None:
        self.inner = fake.transport()
        self.calls = 0
        self.closes = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.closes += 1


def make(fake: FakePeerClick, transport: httpx.BaseTransport, clock: FakeClock) -> PeerClick:
    return PeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=transport,
        clock=clock,
        sleep=clock.sleep,
        rate_limits=RateLimits(),
    )


def test_the_copy_shares_connections_token_and_budget() -> None:
    clock = FakeClock()
    fake = FakePeerClick(clock=clock)
    inner = Counting(fake)
    with make(fake, inner, clock) as pc:
        bulk = pc.with_options(priority="low")
        assert bulk.limiter is pc.limiter and bulk.auth is pc.auth
        pc.offers.list()
        bulk.offers.list()
        bulk.campaigns.list()
        pc.offers.list()
        bulk.close()  # the copy's close leaves the shared pool and the original alone
        assert inner.closes == 0
        pc.offers.list()
    assert inner.closes == 1
    assert sum(1 for r in fake.requests if r.path.startswith("/auth")) == 1  # one token
    assert inner.calls == 6  # login + 5 calls, all through the one pool
    assert fake.busiest_window(1.0) <= 3  # one budget for both


def test_low_priority_copies_queue_in_the_low_lane() -> None:
    clock = FakeClock()
    fake = FakePeerClick(clock=clock)
    lanes: list[str] = []
    with make(fake, fake.transport(), clock) as pc:
        original = pc.limiter.acquire

        def spy(request: httpx.Request, *, report: bool = False, lane: str = "high") -> float:
            lanes.append(lane)
            return original(request, report=report, lane=lane)

        pc.limiter.acquire = spy  # type: ignore[method-assign]
        pc.with_options(priority="low").offers.list()
        pc.with_options(priority="high").offers.list()
    assert lanes == ["low", "low", "high"]  # the login goes in the lane of the call needing it


def test_one_request_can_ask_for_the_low_lane_by_extension() -> None:
    """Through pc.api (httpx), extensions={"peerclick.priority": "low"} picks the lane."""
    clock = FakeClock()
    fake = FakePeerClick(clock=clock)
    lanes: list[str] = []
    with make(fake, fake.transport(), clock) as pc:
        original = pc.limiter.acquire

        def spy(request: httpx.Request, *, report: bool = False, lane: str = "high") -> float:
            lanes.append(lane)
            return original(request, report=report, lane=lane)

        pc.limiter.acquire = spy  # type: ignore[method-assign]
        http = pc.api.get_httpx_client()
        http.get("/offer", extensions={PRIORITY_EXTENSION: "low"})
        http.get("/offer")
    assert lanes == ["high", "low", "high"]  # login (high, the default), then the two


def test_options_change_only_the_copy() -> None:
    clock = FakeClock()
    fake = FakePeerClick(clock=clock)
    with make(fake, fake.transport(), clock) as pc:
        quick = pc.with_options(timeout=2.5, max_retries=0)
        assert quick._setup.retry_policy.max_retries == 0
        assert pc._setup.retry_policy.max_retries == 3
        assert quick._http.timeout == httpx.Timeout(2.5)
        assert pc._http.timeout != httpx.Timeout(2.5)
        fake.faults.fail(503, times=1)
        with pytest.raises(Exception, match="503"):
            quick.offers.list()  # no retries on the copy
        fake.faults.fail(503, times=1)
        assert pc.offers.list() is not None  # the original still retries


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"priority": "urgent"}, "priority"),
        ({"timeout": -1}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
    ],
)
def test_bad_options_are_refused_before_any_request(options: dict[str, object], field: str) -> None:
    fake = FakePeerClick()
    with (
        PeerClick(
            access_id=fake.access_id, access_key=fake.access_key, transport=fake.transport()
        ) as pc,
        pytest.raises(ValueError, match=field),
    ):
        pc.with_options(**options)  # type: ignore[arg-type]
    assert fake.requests == []


async def test_the_async_twin_has_with_options() -> None:
    fake = FakePeerClick(rate_limits=None)
    async with AsyncPeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.async_transport(),
        rate_limits=RateLimits(general=1000, report=1000),
    ) as apc:
        bulk = apc.with_options(priority="low", max_retries=1)
        assert bulk.limiter is apc.limiter and bulk.auth is apc.auth
        assert await bulk.offers.list() is not None
        await bulk.aclose()
        assert await apc.offers.list() is not None
    assert sum(1 for r in fake.requests if r.path.startswith("/auth")) == 1
