"""Fixtures for the fake's own tests: a fake on a manual clock and plain httpx clients on it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from peerclick.testing import FakeClock, FakePeerClick

pytest_plugins = ["pytester"]

BASE = "https://api.peerclick.com/v1_1"


@pytest.fixture
def clock() -> FakeClock:
    """Starts at 2026-11-27T00:00:00Z; the demo history covers the 60 days before."""
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakePeerClick:
    """A demo fake on the manual clock, budgets off (budget tests build their own)."""
    return FakePeerClick(clock=clock, rate_limits=None)


@pytest.fixture
def anon(fake: FakePeerClick) -> Iterator[httpx.Client]:
    """A client without a token."""
    with httpx.Client(transport=fake.transport(), base_url=BASE) as client:
        yield client


@pytest.fixture
def http(fake: FakePeerClick) -> Iterator[httpx.Client]:
    """A client that logged in with the demo access key."""
    with httpx.Client(transport=fake.transport(), base_url=BASE) as client:
        reply = client.post(
            "/auth/access/session", json={"accessId": fake.access_id, "accessKey": fake.access_key}
        )
        client.headers["api-token"] = reply.json()["token"]
        yield client


def assert_error(
    response: httpx.Response, status: int, code: str | None = None
) -> dict[str, object]:
    """The response is `status` with a spec-shaped Error body; returns the body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert isinstance(body["description"], str) and body["description"]
    assert body["error"]["description"] == body["description"]
    if code is not None:
        assert body["error"]["code"] == code
    return dict(body)
