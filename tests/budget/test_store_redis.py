"""RedisBudgetStore on a real redis-server: Redis's clock, key layout, and failures."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from peerclick._stores.redis import RedisBudgetStore
from peerclick.errors import ConfigurationError, RateLimiterUnavailableError
from tests.budget.conftest import RedisServer

GENERAL = ("general", 3, 1.0)
REPORT = ("report", 1, 1.0)


SLOW = ("slow", 3, 60.0)  # a long window: no stall of a busy machine can age a booking out


class TestRedisTime:
    """On Redis TIME. Each bound below follows from the code for any scheduling: a wait counts
    from the call, so it is the slot's distance in Redis time plus the call's own round trip."""

    def test_the_fourth_waits_for_the_first_to_leave(self, redis_url: str) -> None:
        """Three go at once, the fourth waits until the first leaves the 60 s window."""
        store = RedisBudgetStore(redis_url)
        first = time.monotonic()
        for _ in range(3):
            started = time.monotonic()
            wait = store.reserve("acct", [SLOW], max_wait=None)
            assert wait is not None and 0 <= wait <= time.monotonic() - started
        started = time.monotonic()
        wait = store.reserve("acct", [SLOW], max_wait=None)
        done = time.monotonic()
        assert wait is not None and 60.0 - (done - first) <= wait <= 60.0 + (done - started)
        assert store.reserve("acct", [SLOW], max_wait=30.0) is None
        store.close()

    def test_the_client_clock_is_not_used(
        self, redis_url: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A client whose wall clock is far off books the same slots: time comes from Redis."""
        first = RedisBudgetStore(redis_url)
        began = time.monotonic()
        for _ in range(3):
            first.reserve("acct", [SLOW], max_wait=None)
        monkeypatch.setattr(time, "time", lambda: 0.0)
        monkeypatch.setattr(time, "time_ns", lambda: 0)
        second = RedisBudgetStore(redis_url)
        wait = second.reserve("acct", [SLOW], max_wait=None)
        assert wait is not None and wait >= 60.0 - (time.monotonic() - began)
        first.close()
        second.close()

    def test_pause_on_redis_time(self, redis_url: str) -> None:
        """A pause holds the next reservation for its length, measured by Redis."""
        store = RedisBudgetStore(redis_url)
        started = time.monotonic()
        store.pause("acct", 60.0)
        wait = store.reserve("acct", [GENERAL], max_wait=None)
        took = time.monotonic() - started
        assert wait is not None and 60.0 - took <= wait <= 60.0 + took
        assert store.reserve("acct", [GENERAL], max_wait=30.0) is None
        store.close()


class TestKeys:
    def test_layout_and_expiry(self, redis_url: str) -> None:
        """One sorted set per budget in one cluster slot, trimmed, and every key expires."""
        now = [1000.0]
        store = RedisBudgetStore(redis_url, namespace="ns", clock=lambda: now[0])
        store.reserve("acct", [GENERAL, REPORT], max_wait=None)
        store.pause("acct", 0.5)
        client = redis.Redis.from_url(redis_url)
        assert sorted(client.keys("*")) == [
            b"ns:{acct}:general",
            b"ns:{acct}:pause",
            b"ns:{acct}:report",
            b"ns:{acct}:seq",
        ]
        for key in client.keys("*"):
            assert client.pttl(key) > 0
        now[0] += 2.0
        store.reserve("acct", [GENERAL], max_wait=None)
        assert client.zrange("ns:{acct}:general", 0, -1, withscores=True) == [
            (b"1002000000:2", 1002000000.0)
        ]
        client.close()
        store.close()


@pytest.fixture
def private_redis(tmp_path: Path) -> RedisServer:
    """A password-protected redis-server of its own, which the test may stop."""
    return RedisServer(tmp_path, password="s3cret-redis-pass")


class TestFailures:
    def test_redis_going_away_mid_run(self, private_redis: RedisServer) -> None:
        """After Redis stops, reservations raise our error; the password never shows."""
        store = RedisBudgetStore(private_redis.url, timeout=1.0)
        try:
            assert store.reserve("acct", [GENERAL], max_wait=None) is not None
        finally:
            private_redis.stop()
        with pytest.raises(RateLimiterUnavailableError) as caught:
            store.reserve("acct", [GENERAL], max_wait=None)
        with pytest.raises(RateLimiterUnavailableError):
            store.pause("acct", 1.0)
        message = str(caught.value)
        assert "Redis rate-limit store redis://127.0.0.1" in message
        assert "s3cret" not in message + repr(store) + repr(caught.value.__cause__)
        assert caught.value.__cause__ is None
        store.close()

    def test_wrong_password(self, private_redis: RedisServer) -> None:
        """A refused login is RateLimiterUnavailableError too, without the password tried."""
        url = private_redis.url.replace("s3cret-redis-pass", "wrong-pass-123")
        store = RedisBudgetStore(url, timeout=1.0)
        try:
            with pytest.raises(RateLimiterUnavailableError) as caught:
                store.reserve("acct", [GENERAL], max_wait=None)
        finally:
            private_redis.stop()
        assert "wrong-pass" not in str(caught.value)
        store.close()

    def test_redis_py_missing(self) -> None:
        """Without redis-py, a clear ConfigurationError says how to install it."""
        code = (
            "import sys; sys.modules['redis'] = None\n"
            "from peerclick._stores.redis import RedisBudgetStore\n"
            "try:\n"
            "    RedisBudgetStore('redis://:pw-secret@127.0.0.1:1/0')\n"
            "except Exception as exc:\n"
            "    print(type(exc).__name__, exc)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.startswith("ConfigurationError ")
        assert "pip install 'peerclick[redis]'" in out
        assert "pw-secret" not in out

    def test_closed(self, redis_url: str) -> None:
        """A closed store refuses to book."""
        store = RedisBudgetStore(redis_url)
        store.close()
        with pytest.raises(RuntimeError, match="closed"):
            store.reserve("acct", [GENERAL], max_wait=None)

    @pytest.mark.parametrize("namespace", ["", None])
    def test_bad_namespace(self, redis_url: str, namespace: object) -> None:
        """The namespace must be a non-empty str."""
        with pytest.raises(ValueError, match="namespace"):
            RedisBudgetStore(redis_url, namespace=namespace)  # type: ignore[arg-type]

    def test_bad_url(self) -> None:
        """A URL redis-py cannot use is a ConfigurationError, password not echoed."""
        with pytest.raises(ConfigurationError) as caught:
            RedisBudgetStore("redis://:pw-secret@127.0.0.1:6379/notadb")
        assert "pw-secret" not in str(caught.value)


class TestThroughTheClient:
    def test_a_client_stops_when_redis_goes_away(self, private_redis: RedisServer) -> None:
        """Over HTTP: after Redis stops, calls raise our error and nothing reaches the server."""
        from peerclick import PeerClick, RateLimiter
        from peerclick.testing import DEMO_ACCESS_ID, DEMO_ACCESS_KEY, FakePeerClick, FakeServer

        fake = FakePeerClick()
        with (
            FakeServer(fake) as server,
            RateLimiter(store=RedisBudgetStore(private_redis.url, timeout=1.0)) as limiter,
            PeerClick(
                access_id=DEMO_ACCESS_ID,
                access_key=DEMO_ACCESS_KEY,
                base_url=server.base_url,
                limiter=limiter,
            ) as pc,
        ):
            assert pc.offers.get(1).id == 1
            sent = len(fake.requests)
            private_redis.stop()
            with pytest.raises(RateLimiterUnavailableError) as caught:
                pc.offers.get(1)
            assert len(fake.requests) == sent
        assert "s3cret" not in str(caught.value)
