"""Which limiter a client gets: one per account and origin in a process, weakly held, never keyed
by a secret; a URL or PEERCLICK_LIMITER_URL picks a store."""

from __future__ import annotations

import asyncio
import gc
import hashlib
from pathlib import Path

import httpx
import pytest

from peerclick import AsyncPeerClick, PeerClick, RateLimiter, RateLimits
from peerclick._limiter_registry import _shared, account_namespace, token_fingerprint


def transport() -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, json={}))


def test_the_key_names_origin_and_account_never_the_secret() -> None:
    url = httpx.URL("https://api.peerclick.com/v1_1")
    one = account_namespace(url, "access_key", "acct-1")
    assert one == account_namespace(
        httpx.URL("https://api.peerclick.com/v1"), "access_key", "acct-1"
    )
    assert one != account_namespace(url, "access_key", "acct-2")
    assert one != account_namespace(httpx.URL("https://other.example/v1_1"), "access_key", "acct-1")
    assert one.startswith("peerclick:") and "acct-1" not in one


def test_sync_and_async_clients_of_one_account_share_a_limiter() -> None:
    sync = PeerClick(access_id="reg-1", access_key="secret-1", transport=transport())
    asynchronous = AsyncPeerClick(access_id="reg-1", access_key="secret-2")
    by_email = PeerClick(email="reg-1@example.test", password="pw", transport=transport())
    try:
        assert sync.limiter is asynchronous.limiter
        assert by_email.limiter is not sync.limiter
        assert "secret" not in sync.limiter.namespace
    finally:
        sync.close()
        by_email.close()
        asyncio.run(asynchronous.aclose())


def test_different_limits_get_different_limiters() -> None:
    with (
        PeerClick(access_id="reg-2", access_key="k", transport=transport()) as a,
        PeerClick(
            access_id="reg-2",
            access_key="k",
            transport=transport(),
            rate_limits=RateLimits(general=10),
        ) as b,
    ):
        assert a.limiter is not b.limiter
        assert b.limiter.limits.general == 10


def test_the_registry_does_not_keep_budgets_alive() -> None:
    """Weak references: once no client uses a budget, it is gone."""
    pc = PeerClick(access_id="reg-3", access_key="k", transport=transport())
    namespace = pc.limiter.namespace
    pc.close()
    del pc
    gc.collect()
    assert all(key[0] != namespace for key in list(_shared.keys()))


def test_clients_of_one_fixed_token_share_a_budget() -> None:
    """Keyed by an HMAC of the token under a per-process key: shared, yet the token is nowhere."""
    asynchronous = AsyncPeerClick(token="tok-secret-a")
    try:
        with (
            PeerClick(token="tok-secret-a", transport=transport()) as a,
            PeerClick(token="tok-secret-a", transport=transport()) as b,
            PeerClick(token="tok-secret-b", transport=transport()) as other,
        ):
            assert a.limiter is b.limiter is asynchronous.limiter
            assert other.limiter is not a.limiter
            seen = repr(a.limiter) + a.limiter.namespace + repr(list(_shared.keys()))
            assert "tok-secret" not in seen
            bare = hashlib.sha256(b"tok-secret-a").hexdigest()[:32]
            assert token_fingerprint("tok-secret-a") != bare  # keyed, not a bare hash
            assert all(bare not in key for key, _limits in list(_shared))
    finally:
        asyncio.run(asynchronous.aclose())
    fingerprint = token_fingerprint("tok-secret-a")
    assert all(fingerprint not in key for key, _limits in list(_shared)), (
        "the last client out takes the token's budget out of the registry"
    )


def test_injected_clocks_get_their_own() -> None:
    """A fake clock must not leak into shared budgets."""

    def clock() -> float:
        return 0.0

    with (
        PeerClick(access_id="reg-4", access_key="k", transport=transport()) as shared,
        PeerClick(
            access_id="reg-4",
            access_key="k",
            transport=transport(),
            clock=clock,
            sleep=lambda _s: None,
        ) as paced,
    ):
        assert paced.limiter is not shared.limiter


def test_a_limiter_passed_in_is_the_callers() -> None:
    limiter = RateLimiter()
    with PeerClick(access_id="reg-5", access_key="k", transport=transport(), limiter=limiter) as pc:
        assert pc.limiter is limiter
    assert not limiter.closed  # borrowed, not closed with the client
    limiter.close()
    with pytest.raises(ValueError, match="rate_limits"):
        PeerClick(
            access_id="reg-5", access_key="k", limiter=RateLimiter(), rate_limits=RateLimits()
        )


def test_memory_url_and_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERCLICK_LIMITER_URL", "memory://")
    with (
        PeerClick(access_id="reg-6", access_key="k", transport=transport()) as a,
        PeerClick(
            access_id="reg-6", access_key="k", transport=transport(), limiter="memory://"
        ) as b,
    ):
        assert a.limiter is b.limiter


def test_a_sqlite_url_and_a_store_failing_mid_run(tmp_path: Path) -> None:
    """limiter='sqlite:///…' books in that file; when the store fails, calls fail clearly."""
    from peerclick.errors import RateLimiterUnavailableError
    from peerclick.testing import FakePeerClick

    fake = FakePeerClick()
    url = f"sqlite:///{tmp_path / 'budget.db'}"
    with PeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.transport(),
        limiter=url,
    ) as pc:
        assert type(pc.limiter._store).__name__ == "SQLiteBudgetStore"
        pc.offers.list()
        sent = len(fake.requests)
        pc.limiter._store.close()  # the backend goes away under the client
        with pytest.raises(RateLimiterUnavailableError, match="not sent"):
            pc.offers.list()
    assert len(fake.requests) == sent  # never unlimited: nothing went out
