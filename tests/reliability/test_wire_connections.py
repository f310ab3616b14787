"""Connections are reused over real sockets, whichever transport and client copy carries them.

The body layer reads each response itself and must hand the connection back to the pool: a
with_options() copy (which borrows the original's transport) and a caller's transport wrapping
httpx's own once kept every connection busy and opened a new one per request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from peerclick import PeerClick
from peerclick._body import BodyTransport
from peerclick.testing import DEMO_ACCESS_ID, DEMO_ACCESS_KEY, FakePeerClick, FakeServer


class Delegating(httpx.BaseTransport):
    """A caller's own transport around httpx's (peerclick cannot see inside it)."""

    def __init__(self, inner: httpx.HTTPTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def base_url() -> Iterator[str]:
    with FakeServer(FakePeerClick()) as running:
        yield running.base_url


def states(transport: httpx.HTTPTransport) -> list[str]:
    return ["idle" if c.is_idle() else "busy" for c in transport._pool.connections]


def client(base_url: str, transport: httpx.BaseTransport) -> PeerClick:
    return PeerClick(
        access_id=DEMO_ACCESS_ID, access_key=DEMO_ACCESS_KEY, base_url=base_url,
        transport=transport,
    )  # fmt: skip


def layer(pc: PeerClick, kind: type[Any]) -> Any:
    found: Any = pc.api.get_httpx_client()._transport
    while not isinstance(found, kind):
        found = found._inner
    return found


def test_a_with_options_copy_reuses_the_connection(base_url: str) -> None:
    transport = httpx.HTTPTransport()
    with client(base_url, transport) as pc:
        low = pc.with_options(priority="low")
        for _ in range(4):
            low.offers.get(1)
            pc.offers.get(1)
        assert states(transport) == ["idle"]
        assert layer(low, BodyTransport).exact_deadlines  # the copy's deadlines are exact too


def test_a_transport_of_the_callers_reuses_the_connection(base_url: str) -> None:
    """Under a transport peerclick cannot see into, reads are bounded per read (clamped), and
    the connection still goes back to the pool after each answer."""
    inner = httpx.HTTPTransport()
    with client(base_url, Delegating(inner)) as pc:
        assert not layer(pc, BodyTransport).exact_deadlines
        for _ in range(4):
            pc.offers.get(1)
        assert states(inner) == ["idle"]
