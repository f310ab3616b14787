"""pytest plugin: a fresh `FakePeerClick` per test, and the same fake over HTTP on demand.

Registered as the `peerclick` entry point in `pytest11`, so installing the package is enough::

    def test_offers(peerclick_fake):
        with peerclick_fake.http_client(headers={"api-token": peerclick_fake.login()}) as http:
            assert http.get("/offer/1").json()["offer"]["id"] == 1

Options go on a marker: `@pytest.mark.peerclick(rate_limits=None, clock=FakeClock())`. By default
the fake runs on the wall clock with PeerClick's budgets (3 requests/s, reports 1/s), so a client
without its own rate limiting will see 429s, as it would against PeerClick.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

from peerclick.testing._fake import FakePeerClick
from peerclick.testing._server import FakeServer

if TYPE_CHECKING:
    from peerclick import AsyncPeerClick, PeerClick

__all__ = ["async_peerclick_client", "peerclick_client", "peerclick_fake", "peerclick_server"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "peerclick(**options): keyword arguments for the FakePeerClick of peerclick_fake"
    )


@pytest.fixture
def peerclick_fake(request: pytest.FixtureRequest) -> FakePeerClick:
    """A fresh `FakePeerClick`, configured by the test's `peerclick` marker if any."""
    marker = request.node.get_closest_marker("peerclick")
    return FakePeerClick(**(marker.kwargs if marker else {}))


@pytest.fixture
def peerclick_server(peerclick_fake: FakePeerClick) -> Iterator[FakeServer]:
    """`peerclick_fake` served over HTTP on 127.0.0.1, a free port (see `FakeServer.base_url`)."""
    with FakeServer(peerclick_fake) as server:
        yield server


@pytest.fixture
def peerclick_client(peerclick_fake: FakePeerClick) -> Iterator[PeerClick]:
    """A `peerclick.PeerClick` logged in to `peerclick_fake` (in process), closed after the test."""
    from peerclick import PeerClick

    with PeerClick(
        access_id=peerclick_fake.access_id,
        access_key=peerclick_fake.access_key,
        transport=peerclick_fake.transport(),
    ) as client:
        yield client


@pytest.fixture
async def async_peerclick_client(peerclick_fake: FakePeerClick) -> AsyncIterator[AsyncPeerClick]:
    """The async twin of `peerclick_client` (needs pytest-asyncio or an equivalent)."""
    from peerclick import AsyncPeerClick

    async with AsyncPeerClick(
        access_id=peerclick_fake.access_id,
        access_key=peerclick_fake.access_key,
        transport=peerclick_fake.async_transport(),
    ) as client:
        yield client
