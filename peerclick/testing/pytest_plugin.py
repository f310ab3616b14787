"""pytest plugin: a fresh `FakePeerClick` per test, clients logged in to it, the fake over HTTP.

Registered as the `peerclick` entry point in `pytest11`, so installing the package is enough::

    def test_offers(peerclick_fake):
        with peerclick_fake.http_client(headers={"api-token": peerclick_fake.login()}) as http:
            assert http.get("/offer/1").json()["offer"]["id"] == 1

Options go on a marker: `@pytest.mark.peerclick(rate_limits=None, clock=FakeClock())`. By default
the fake runs on the wall clock with PeerClick's budgets (3 requests/s, reports 1/s), so a client
without its own rate limiting will see 429s, as it would against PeerClick.

A guest in every pytest run of every project that installs the SDK, so it costs nothing until a
fixture runs: this module imports pytest only, and each fixture imports the fake or the client
in its body. What is left is its parent package, `peerclick` itself, which Python imports first
(scripts/plugin_startup.py measures both; `-p no:peerclick` turns the plugin off).

The client fixtures pace exactly as their fake limits: on the fake's `ServerLimits` (none when
`rate_limits=None`), on the fake's `FakeClock` when it has one, with a limiter of their own that
no other test shares.
"""

from __future__ import annotations

from collections.abc import Coroutine, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from peerclick import AsyncPeerClick, PeerClick, RateLimiter
    from peerclick.testing._http._fake import FakePeerClick
    from peerclick.testing._http._server import FakeServer

__all__ = ["async_peerclick_client", "peerclick_client", "peerclick_fake", "peerclick_server"]

# Budgets no test reaches, for a fake without limits (requests per second): the SDK's limiter
# has no "off" switch, and a subclass that skips acquiring would lean on its internals.
_UNLIMITED = 1_000_000


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "peerclick(**options): keyword arguments for the FakePeerClick of peerclick_fake"
    )


@pytest.fixture
def peerclick_fake(request: pytest.FixtureRequest) -> FakePeerClick:
    """A fresh `FakePeerClick`, configured by the test's `peerclick` marker if any."""
    from peerclick.testing._http._fake import FakePeerClick

    marker = request.node.get_closest_marker("peerclick")
    return FakePeerClick(**(marker.kwargs if marker else {}))


@pytest.fixture
def peerclick_server(peerclick_fake: FakePeerClick) -> Iterator[FakeServer]:
    """`peerclick_fake` served over HTTP on 127.0.0.1, a free port (see `FakeServer.base_url`)."""
    from peerclick.testing._http._server import FakeServer

    with FakeServer(peerclick_fake) as server:
        yield server


def _client_options(fake: FakePeerClick, *, asynchronous: bool) -> dict[str, Any]:
    """Keyword arguments for a client of `fake` that paces as the fake limits, on its clock.

    `limiter` is a fresh RateLimiter on the fake's `ServerLimits` (unlimited when the fake has
    none); with a `FakeClock`, the client's token clock, retry sleeps and limiter waits all run
    on it, so a paced test takes no wall time. The caller closes the limiter (a client does not
    close a limiter it was given).
    """
    from peerclick import RateLimiter, RateLimits
    from peerclick.testing._clock import FakeClock

    server = fake.rate_limits
    if server is None:
        limits = RateLimits(general=_UNLIMITED, report=_UNLIMITED, margin=0.0)
    else:  # the same field names on both sides
        limits = RateLimits(general=server.general, report=server.report, period=server.period)
    adaptive = server is not None  # nothing to adapt to without limits (injected 429s aside)
    clock = fake.clock
    if not isinstance(clock, FakeClock):
        return {"limiter": RateLimiter(limits, adaptive=adaptive)}

    async def asleep(seconds: float) -> None:
        import anyio

        clock.sleep(seconds)
        await anyio.sleep(0)  # still a suspension point, as a real sleep is

    limiter = RateLimiter(limits, clock=clock, sleep=clock.sleep, asleep=asleep, adaptive=adaptive)
    return {"limiter": limiter, "clock": clock, "sleep": asleep if asynchronous else clock.sleep}


@pytest.fixture
def peerclick_client(peerclick_fake: FakePeerClick) -> Iterator[PeerClick]:
    """A `peerclick.PeerClick` logged in to `peerclick_fake` (in process), closed after the test."""
    from peerclick import PeerClick

    options = _client_options(peerclick_fake, asynchronous=False)
    limiter: RateLimiter = options["limiter"]
    try:
        with PeerClick(
            access_id=peerclick_fake.access_id,
            access_key=peerclick_fake.access_key,
            transport=peerclick_fake.transport(),
            **options,
        ) as client:
            yield client
    finally:
        limiter.close()


@pytest.fixture
def async_peerclick_client(peerclick_fake: FakePeerClick) -> Iterator[AsyncPeerClick]:
    """The async twin of `peerclick_client`, for pytest-asyncio (strict or auto) and anyio.

    A plain (sync) fixture on purpose: an `async def` fixture belongs to one async plugin (strict
    pytest-asyncio ignores a bare `@pytest.fixture`, and anyio runs only fixtures of its own
    tests), and would pull that plugin in here. Building the client needs no event loop (its
    locks bind on first use, in the test's loop), and its transport is in process, with no
    sockets tied to that loop, so teardown closes it in a private loop of its own.
    """
    from peerclick import AsyncPeerClick

    options = _client_options(peerclick_fake, asynchronous=True)
    limiter: RateLimiter = options["limiter"]
    client = AsyncPeerClick(
        access_id=peerclick_fake.access_id,
        access_key=peerclick_fake.access_key,
        transport=peerclick_fake.async_transport(),
        **options,
    )
    try:
        yield client
    finally:
        try:
            _run_aside(client.aclose())
        finally:
            limiter.close()


def _run_aside(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine to its end in a new event loop, leaving the thread's current loop alone.

    Not `asyncio.run`: it resets the thread's event loop to None on the way out, under the feet
    of pytest-asyncio's and anyio's runners.
    """
    import asyncio

    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(coroutine)
    finally:
        loop.close()
