"""A request that leaves late is counted again where it left, so the server's window holds.

Over real sockets against the fake PeerClick (strict sliding 1-second windows, 429 beyond): every
new connection takes 150 ms to set up, as TCP and TLS to a distant API do. The first requests of
a burst are booked at once but leave 150 ms later; without a second count, the requests booked a
window after them would reach the server less than a second after them.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import pytest

from peerclick import AsyncPeerClick, PeerClick, RateLimiter, RateLimits
from peerclick._limit_transport import RateLimitTransport
from peerclick.testing import DEMO_ACCESS_ID, DEMO_ACCESS_KEY, FakePeerClick, FakeServer
from tests.budget._scheduler_sim import most_in_any_window

SETUP = 0.15  # seconds each new connection takes


class SlowConnections:
    """httpcore's network backend, with every new connection SETUP seconds slower."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.connects = 0

    def connect_tcp(self, *args: Any, **kwargs: Any) -> Any:
        self.connects += 1
        time.sleep(SETUP)
        return self.inner.connect_tcp(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def slow_transport() -> tuple[httpx.HTTPTransport, SlowConnections]:
    transport = httpx.HTTPTransport()
    slow = SlowConnections(transport._pool._network_backend)
    transport._pool._network_backend = slow
    return transport, slow


def burst(pc: PeerClick, threads: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds

    def calls() -> None:
        while time.monotonic() < deadline:
            pc.offers.get(1)

    workers = [threading.Thread(target=calls) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


@pytest.fixture
def server() -> Any:
    fake = FakePeerClick()
    with FakeServer(fake) as running:
        yield fake, running


def session_token(base_url: str) -> str:
    """A token from the fake, then a pause, so the burst starts with a whole budget."""
    answer = httpx.post(
        f"{base_url}/v1_1/auth/access/session",
        json={"accessId": DEMO_ACCESS_ID, "accessKey": DEMO_ACCESS_KEY},
    )
    token: str = answer.raise_for_status().json()["token"]
    time.sleep(1.1)
    return token


def test_late_first_requests_do_not_crowd_the_next_window(server: Any) -> None:
    """Three requests go at once on three new connections and arrive 150 ms late; the ones
    booked after them still keep a whole second from them at the server."""
    fake, running = server
    token = session_token(running.base_url)
    start = len(fake.requests)
    transport, slow = slow_transport()
    limiter = RateLimiter(RateLimits(), namespace="peerclick:late-departure")
    with PeerClick(
        token=token, base_url=running.base_url, transport=transport, limiter=limiter,
        max_retries=0,
    ) as pc:  # fmt: skip
        burst(pc, threads=3, seconds=2.5)
        state = limiter.state()
    limiter.close()
    burst_records = fake.requests[start:]
    assert slow.connects >= 2  # the burst opened connections at once (3, unless one was slow)
    assert state.recounted >= slow.connects  # each left 150 ms after its slot
    assert [r.status for r in burst_records if r.status == 429] == []
    assert most_in_any_window(sorted(r.time for r in burst_records), 1.0) <= 3


def test_a_callers_own_trace_is_still_called(server: Any) -> None:
    """The hook wraps the caller's ``trace``, which sees every event, and gives it back."""
    _fake, running = server
    seen: list[str] = []
    with PeerClick(
        access_id=DEMO_ACCESS_ID, access_key=DEMO_ACCESS_KEY, base_url=running.base_url,
        max_retries=0,
    ) as pc:  # fmt: skip
        client = pc.api.get_httpx_client()
        client.get("/offer/1", extensions={"trace": lambda name, info: seen.append(name)})
    assert "http11.send_request_headers.started" in seen
    assert "http11.receive_response_headers.complete" in seen
    assert "trace" not in client.build_request("GET", "/offer/1").extensions


def test_only_httpx_own_transport_is_traced() -> None:
    """Another transport never calls the hook: it is not set (and costs nothing) there."""
    mock = PeerClick(access_id="a", access_key="k", transport=httpx.MockTransport(
        lambda request: httpx.Response(200, json={"token": "t"})))  # fmt: skip
    real = PeerClick(access_id="a", access_key="k")
    try:
        layers = [_limit_layer(mock), _limit_layer(real)]
        assert [layer._traced for layer in layers] == [False, True]
    finally:
        mock.close()
        real.close()


def _limit_layer(pc: PeerClick) -> RateLimitTransport:
    layer: Any = pc.api.get_httpx_client()._transport
    while not isinstance(layer, RateLimitTransport):
        layer = layer._inner
    return layer


async def test_the_async_twin_counts_a_late_departure_too(server: Any) -> None:
    """httpcore awaits the async hook; a late first byte is counted again, and the caller's
    own (async) trace still sees every event."""
    _fake, running = server
    token = session_token(running.base_url)
    transport = httpx.AsyncHTTPTransport()
    inner = transport._pool._network_backend

    class SlowAsyncConnections:
        async def connect_tcp(self, *args: Any, **kwargs: Any) -> Any:
            await asyncio.sleep(SETUP)
            return await inner.connect_tcp(*args, **kwargs)

        def __getattr__(self, name: str) -> Any:
            return getattr(inner, name)

    transport._pool._network_backend = SlowAsyncConnections()
    seen: list[str] = []

    async def theirs(name: str, info: dict[str, Any]) -> None:
        seen.append(name)

    limiter = RateLimiter(RateLimits(), namespace="peerclick:late-departure-async")
    async with AsyncPeerClick(
        token=token, base_url=running.base_url, transport=transport, limiter=limiter
    ) as apc:
        client = apc.api.get_async_httpx_client()
        answer = await client.get("/offer/1", extensions={"trace": theirs})
        assert answer.status_code == 200
        state = limiter.state()
    limiter.close()
    assert state.recounted == 1
    assert "connection.connect_tcp.started" in seen
    assert "http11.receive_response_headers.complete" in seen
