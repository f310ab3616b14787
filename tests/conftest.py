"""Shared test helpers: a scripted in-process PeerClick and fast client settings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from peerclick import AsyncPeerClick, PeerClick, RateLimits

# Budgets far above what tests send, so pacing never slows a test that is not about pacing.
FAST_LIMITS = RateLimits(general=10_000, report=10_000, period=1.0, buffer_ms=0)

Handler = Callable[[httpx.Request], httpx.Response]


class Scripted:
    """Answers logins with a token and everything else with `routes[(METHOD, path)]`.

    Paths are relative to the version prefix (`/offer/1`). Records every request.
    """

    def __init__(self, routes: dict[tuple[str, str], Any] | None = None) -> None:
        self.routes: dict[tuple[str, str], Any] = dict(routes or {})
        self.requests: list[httpx.Request] = []
        self.logins = 0
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
            path = request.url.path.removeprefix("/v1_1")
            if path in ("/auth/access/session", "/auth/session") and request.method == "POST":
                self.logins += 1
                return httpx.Response(200, json={"token": f"tok-{self.logins}"})
            answer = self.routes.get((request.method, path))
        if answer is None:
            return httpx.Response(404, json={"description": f"no route {request.method} {path}"})
        if callable(answer):
            result: httpx.Response = answer(request)
            return result
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(200, json=answer)

    def api_requests(self) -> list[httpx.Request]:
        """Requests other than logins."""
        return [r for r in self.requests if "/auth/" not in r.url.path]


def make_client(server: Handler, **kwargs: Any) -> PeerClick:
    options: dict[str, Any] = {
        "access_id": "id-1",
        "access_key": "key-SECRET-1",
        "base_url": "http://127.0.0.1",
        "rate_limits": FAST_LIMITS,
        "sleep": lambda _s: None,
    }
    options.update(kwargs)
    return PeerClick(transport=httpx.MockTransport(server), **options)


def make_async_client(server: Handler, **kwargs: Any) -> AsyncPeerClick:
    async def no_sleep(_s: float) -> None:
        return None

    options: dict[str, Any] = {
        "access_id": "id-1",
        "access_key": "key-SECRET-1",
        "base_url": "http://127.0.0.1",
        "rate_limits": FAST_LIMITS,
        "sleep": no_sleep,
    }
    options.update(kwargs)
    return AsyncPeerClick(transport=httpx.MockTransport(server), **options)


@pytest.fixture
def scripted() -> Scripted:
    return Scripted()
