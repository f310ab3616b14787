"""Fixtures of the wire tests: hostile servers on 127.0.0.1 and clients pointed at them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from peerclick import AsyncPeerClick, PeerClick, RateLimits
from tests.reliability._servers import ACCESS_ID, ACCESS_KEY, HostileServer

# Budgets far above what a test sends: pacing is not what these tests are about.
FAST = RateLimits(general=10_000, report=10_000, period=1.0, buffer_ms=0)


def no_sleep(_seconds: float) -> None:
    """Retry back-off without waiting (the retry layer's injectable sleep)."""


async def async_no_sleep(_seconds: float) -> None:
    """Async twin of no_sleep."""


def wire_client(server: HostileServer, **kwargs: Any) -> PeerClick:
    options: dict[str, Any] = {
        "access_id": ACCESS_ID,
        "access_key": ACCESS_KEY,
        "base_url": server.base_url,
        "rate_limits": FAST,
        "sleep": no_sleep,
        "timeout": 5.0,
    }
    if any(k in kwargs for k in ("email", "token")):
        options.pop("access_id")
        options.pop("access_key")
    options.update(kwargs)
    return PeerClick(**options)


def async_wire_client(server: HostileServer, **kwargs: Any) -> AsyncPeerClick:
    options: dict[str, Any] = {
        "access_id": ACCESS_ID,
        "access_key": ACCESS_KEY,
        "base_url": server.base_url,
        "rate_limits": FAST,
        "sleep": async_no_sleep,
        "timeout": 5.0,
    }
    if any(k in kwargs for k in ("email", "token")):
        options.pop("access_id")
        options.pop("access_key")
    options.update(kwargs)
    return AsyncPeerClick(**options)


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as running:
        yield running


@pytest.fixture
def other() -> Iterator[HostileServer]:
    """A second server: another origin (same host, other port)."""
    with HostileServer() as running:
        yield running
