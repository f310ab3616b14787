"""The rate-limit layer: budgets hold under threads and tasks, waits are bounded, nothing leaks.

Budgets are scaled down (3 general and 1 report per 0.25 s) so the tests run in about a second
each. Each request's arrival at the inner MockTransport is stamped with time.monotonic(), and the
assertions count stamps per window. The windows are checked SLACK shorter than the period, which
absorbs thread scheduling between taking a permit and reaching the transport; a limiter that let
requests through unchecked would put them all within a few milliseconds.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from pyrate_limiter import AbstractBucket, BucketAsyncWrapper, InMemoryBucket, Rate, SQLiteBucket

from peerclick._ratelimit import (
    AsyncRateLimitTransport,
    RateLimiter,
    RateLimits,
    RateLimitTransport,
    is_report_path,
)
from peerclick.errors import RateLimitError

PERIOD = 0.25
FAST = RateLimits(general=3, report=1, period=PERIOD, buffer_ms=20, max_wait=30)
SLACK = 0.05
BASE = "https://api.peerclick.test/v1_1"


class Arrivals:
    """A MockTransport handler that stamps each request's arrival (thread-safe)."""

    def __init__(self) -> None:
        self.stamps: list[tuple[float, str]] = []
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.stamps.append((time.monotonic(), request.url.path))
        return httpx.Response(200)

    def times(self, where: Callable[[str], bool] = lambda _: True) -> list[float]:
        return sorted(t for t, path in self.stamps if where(path))


def is_report(path: str) -> bool:
    return path.startswith("/v1_1/report")


def most_in_any_window(times: list[float], width: float) -> int:
    """The largest number of stamps inside any window [t, t + width)."""
    best, first = 0, 0
    for last, t in enumerate(times):
        while times[first] <= t - width:
            first += 1
        best = max(best, last - first + 1)
    return best


def sync_client(limiter: RateLimiter, arrivals: Arrivals) -> httpx.Client:
    transport = RateLimitTransport(httpx.MockTransport(arrivals), limiter, base_path="/v1_1")
    return httpx.Client(transport=transport, base_url=BASE)


def async_client(limiter: RateLimiter, arrivals: Arrivals) -> httpx.AsyncClient:
    transport = AsyncRateLimitTransport(httpx.MockTransport(arrivals), limiter, base_path="/v1_1")
    return httpx.AsyncClient(transport=transport, base_url=BASE)


def run_threads(*jobs: Callable[[], None]) -> None:
    errors: list[BaseException] = []

    def guarded(job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def leaker_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if "Leaker" in t.name}


class TestRateLimits:
    def test_defaults_match_peerclick(self) -> None:
        """3 general and 1 report request per second, wait up to a minute, 50 ms buffer."""
        limits = RateLimits()
        assert (limits.general, limits.report, limits.period) == (3, 1, 1.0)
        assert (limits.max_wait, limits.buffer_ms, limits.bucket_factory) == (60.0, 50, None)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("general", 0),
            ("general", 2.5),
            ("report", True),
            ("report", -1),
            ("period", 0),
            ("period", float("inf")),
            ("period", "1"),
            ("max_wait", -1),
            ("max_wait", float("nan")),
            ("buffer_ms", -5),
            ("buffer_ms", 0.5),
            ("bucket_factory", "redis://"),
        ],
    )
    def test_rejects_bad_values(self, field: str, value: object) -> None:
        """Each bad value raises a ValueError naming the field."""
        with pytest.raises(ValueError, match=f"RateLimits.{field}"):
            RateLimits(**{field: value})  # type: ignore[arg-type]

    def test_limiter_rejects_other_types(self) -> None:
        """RateLimiter wants a RateLimits and a non-empty namespace."""
        with pytest.raises(TypeError):
            RateLimiter({"general": 3})  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="namespace"):
            RateLimiter(namespace="")


class TestIsReportPath:
    @pytest.mark.parametrize(
        ("path", "base", "expected"),
        [
            ("/v1_1/report", "/v1_1", True),
            ("/v1_1/report/conversions", "/v1_1", True),
            ("/v1_1/report/live/visits/42", "/v1_1/", True),
            ("/v1_1/report", "v1_1", True),
            ("/report", "", True),
            ("/report/conversions", "", True),
            ("/v1_1/campaign", "/v1_1", False),
            ("/v1_1/auth/access/session", "/v1_1", False),
            ("/v1_1", "/v1_1", False),
            ("/v1_1/report", "", False),  # with no base path, /v1_1 is just a resource name
            ("/v1_10/report", "/v1_1", False),
            ("/campaign/report", "", False),
        ],
    )
    def test_table(self, path: str, base: str, expected: bool) -> None:
        """Report requests are the ones under <base>/report."""
        assert is_report_path(path, base) is expected


class TestSyncBudgets:
    def test_threads_never_exceed_the_general_budget(self) -> None:
        """Six threads, 15 requests: never more than 3 in any period."""
        arrivals = Arrivals()
        with RateLimiter(FAST) as limiter, sync_client(limiter, arrivals) as client:

            def three() -> None:
                for _ in range(3):
                    client.get("/campaign")

            def two() -> None:
                for _ in range(2):
                    client.get("/offer")

            started = time.monotonic()
            run_threads(three, three, three, two, two, two)
            elapsed = time.monotonic() - started
        times = arrivals.times()
        assert len(times) == 15
        assert most_in_any_window(times, PERIOD - SLACK) <= 3
        assert elapsed >= 4 * PERIOD  # 15 requests need at least 5 windows
        assert elapsed < 40 * PERIOD  # and the limiter does not crawl

    def test_report_requests_respect_their_own_budget(self) -> None:
        """Report requests stay at 1 per period while general ones share the 3."""
        arrivals = Arrivals()
        with RateLimiter(FAST) as limiter, sync_client(limiter, arrivals) as client:

            def reports() -> None:
                for _ in range(2):
                    client.get("/report", params={"groupBy": "campaign"})

            def general() -> None:
                for _ in range(3):
                    client.get("/campaign")

            run_threads(reports, reports, general, general)
        assert len(arrivals.times(is_report)) == 4
        assert most_in_any_window(arrivals.times(is_report), PERIOD - SLACK) <= 1
        assert most_in_any_window(arrivals.times(), PERIOD - SLACK) <= 3

    def test_general_requests_proceed_while_a_report_request_waits(self) -> None:
        """A report request waiting for the report budget does not hold up general requests."""
        arrivals = Arrivals()
        slow = RateLimits(general=3, report=1, period=1.0, buffer_ms=0, max_wait=30)
        with RateLimiter(slow) as limiter, sync_client(limiter, arrivals) as client:
            client.get("/report")
            waiting = threading.Thread(target=client.get, args=("/report/conversions",))
            waiting.start()
            time.sleep(0.1)  # let it start waiting (ordering only; nothing is timed)
            client.get("/campaign")
            client.get("/offer")
            waiting.join(timeout=30)
        paths = [path for _, path in sorted(arrivals.stamps)]
        assert paths == [
            "/v1_1/report",
            "/v1_1/campaign",
            "/v1_1/offer",
            "/v1_1/report/conversions",
        ]
        first, second = arrivals.times(is_report)
        assert second - first >= 1.0 - SLACK

    def test_max_wait_raises_before_anything_is_sent(self) -> None:
        """A wait longer than max_wait is refused at once, as RateLimitError, with nothing sent."""
        arrivals = Arrivals()
        limits = RateLimits(general=1, report=1, period=30, max_wait=5)
        with RateLimiter(limits) as limiter, sync_client(limiter, arrivals) as client:
            limiter.acquire(httpx.Request("GET", f"{BASE}/campaign"))  # spend the budget
            started = time.monotonic()
            with pytest.raises(RateLimitError) as caught:
                client.get("/campaign", params={"api-token": "SECRET"})
            assert time.monotonic() - started < 5  # refused up front, not after max_wait
        assert arrivals.stamps == []
        err = caught.value
        assert err.status_code == 429
        assert err.request is not None and err.request.url.path == "/v1_1/campaign"
        assert err.retry_after is not None and 25 < err.retry_after <= 30.1
        assert "'general'" in str(err) and "max_wait=5s" in str(err)
        assert "GET /v1_1/campaign" in str(err) and "not sent" in str(err)
        assert "SECRET" not in str(err)

    def test_max_wait_on_the_report_budget(self) -> None:
        """The report budget is named when it is the one that cannot be had."""
        arrivals = Arrivals()
        limits = RateLimits(general=10, report=1, period=30, max_wait=0)
        with RateLimiter(limits) as limiter, sync_client(limiter, arrivals) as client:
            client.get("/report")
            with pytest.raises(RateLimitError, match="'report'"):
                client.get("/report")
            client.get("/campaign")  # the general budget is untouched by the refusal
        assert len(arrivals.stamps) == 2

    def test_the_wait_is_logged_without_query_or_headers(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        """One debug line with method, path and seconds waited; no query string, no headers."""
        caplog.set_level(logging.DEBUG, logger="peerclick")
        limits = RateLimits(general=1, report=1, period=0.1, buffer_ms=0)
        with RateLimiter(limits) as limiter, sync_client(limiter, Arrivals()) as client:
            for _ in range(2):
                client.get("/report", params={"token": "SECRET"}, headers={"api-token": "SECRET"})
        lines = [r.getMessage() for r in caplog.records if r.name == "peerclick"]
        assert len(lines) == 1
        assert lines[0].startswith("rate limit: GET /v1_1/report waited 0.")
        assert lines[0].endswith("for the general and report budget")
        assert "SECRET" not in caplog.text and "token" not in caplog.text


class TestAsyncBudgets:
    async def test_tasks_never_exceed_the_general_budget(self) -> None:
        """Twelve concurrent tasks: never more than 3 in any period."""
        arrivals = Arrivals()
        with RateLimiter(FAST) as limiter:
            async with async_client(limiter, arrivals) as client:
                await asyncio.gather(*(client.get("/campaign") for _ in range(12)))
        times = arrivals.times()
        assert len(times) == 12
        assert most_in_any_window(times, PERIOD - SLACK) <= 3
        assert times[-1] - times[0] >= 3 * PERIOD

    async def test_report_requests_respect_their_own_budget(self) -> None:
        """Report tasks stay at 1 per period while general tasks share the 3."""
        arrivals = Arrivals()
        with RateLimiter(FAST) as limiter:
            async with async_client(limiter, arrivals) as client:
                await asyncio.gather(
                    *(client.get("/report/conversions") for _ in range(4)),
                    *(client.get("/campaign") for _ in range(6)),
                )
        assert len(arrivals.times(is_report)) == 4
        assert most_in_any_window(arrivals.times(is_report), PERIOD - SLACK) <= 1
        assert most_in_any_window(arrivals.times(), PERIOD - SLACK) <= 3

    async def test_general_requests_proceed_while_a_report_request_waits(self) -> None:
        """A report task waiting for its budget does not hold a lock that stalls general tasks."""
        arrivals = Arrivals()
        slow = RateLimits(general=3, report=1, period=1.0, buffer_ms=0, max_wait=30)
        with RateLimiter(slow) as limiter:
            async with async_client(limiter, arrivals) as client:
                await client.get("/report")
                waiting = asyncio.create_task(client.get("/report/conversions"))
                await asyncio.sleep(0.1)  # let it start waiting (ordering only)
                await client.get("/campaign")
                await client.get("/offer")
                await waiting
        paths = [path for _, path in sorted(arrivals.stamps)]
        assert paths == [
            "/v1_1/report",
            "/v1_1/campaign",
            "/v1_1/offer",
            "/v1_1/report/conversions",
        ]
        first, second = arrivals.times(is_report)
        assert second - first >= 1.0 - SLACK

    async def test_max_wait_raises_before_anything_is_sent(self) -> None:
        """The async twin refuses the same way."""
        arrivals = Arrivals()
        limits = RateLimits(general=1, report=1, period=30, max_wait=5)
        with RateLimiter(limits) as limiter:
            await limiter.aacquire(httpx.Request("GET", f"{BASE}/campaign"))
            async with async_client(limiter, arrivals) as client:
                with pytest.raises(RateLimitError) as caught:
                    await client.post("/campaign", json={"name": "x"})
        assert arrivals.stamps == []
        assert caught.value.status_code == 429
        assert caught.value.retry_after is not None and caught.value.retry_after > 25

    async def test_the_wait_is_logged(self, caplog: pytest.LogCaptureFixture) -> None:
        """The async twin logs the same line."""
        caplog.set_level(logging.DEBUG, logger="peerclick")
        limits = RateLimits(general=1, report=1, period=0.1, buffer_ms=0)
        with RateLimiter(limits) as limiter:
            async with async_client(limiter, Arrivals()) as client:
                await client.get("/campaign", params={"token": "SECRET"})
                await client.get("/campaign", params={"token": "SECRET"})
        lines = [r.getMessage() for r in caplog.records if r.name == "peerclick"]
        assert len(lines) == 1 and lines[0].startswith("rate limit: GET /v1_1/campaign waited")
        assert "SECRET" not in caplog.text


class TestSharedLimiter:
    def test_sync_and_async_clients_share_one_budget(self) -> None:
        """A thread of sync requests and a loop of async tasks draw from one budget."""
        arrivals = Arrivals()
        with RateLimiter(FAST) as limiter:

            def sync_side() -> None:
                with sync_client(limiter, arrivals) as client:
                    for _ in range(4):
                        client.get("/campaign")

            async def async_side() -> None:
                async with async_client(limiter, arrivals) as client:
                    await asyncio.gather(*(client.get("/offer") for _ in range(4)))

            run_threads(sync_side, lambda: asyncio.run(async_side()))
        assert len(arrivals.stamps) == 8
        assert most_in_any_window(arrivals.times(), PERIOD - SLACK) <= 3


class _SpyBucket(InMemoryBucket):
    def __init__(self, name: str, rates: list[Rate]) -> None:
        super().__init__(rates)
        self.name = name
        self.closes = 0

    def close(self) -> None:
        self.closes += 1


class TestBucketFactory:
    def test_each_budget_gets_a_named_bucket(self) -> None:
        """The factory is asked once per budget, with the namespaced name and its rate."""
        made: list[_SpyBucket] = []

        def factory(name: str, rates: list[Rate]) -> AbstractBucket:
            made.append(_SpyBucket(name, rates))
            return made[-1]

        limits = RateLimits(general=3, report=1, period=0.25, bucket_factory=factory)
        with RateLimiter(limits, namespace="peerclick:acct-1") as limiter:
            with sync_client(limiter, Arrivals()) as client:
                client.get("/report")
                client.get("/campaign")
            assert [b.name for b in made] == ["peerclick:acct-1:general", "peerclick:acct-1:report"]
            assert [(r.limit, r.interval) for b in made for r in b.rates] == [(3, 250), (1, 250)]
            assert [b.count() for b in made] == [2, 1]
        assert all(b.closes >= 1 for b in made)

    def test_two_limiters_share_one_sqlite_budget(self, tmp_path: Path) -> None:
        """Buckets in one SQLite file give two limiters (think: two processes) one budget."""

        def factory(name: str, rates: list[Rate]) -> AbstractBucket:
            table = name.replace(":", "_")
            return SQLiteBucket.init_from_file(rates, table=table, db_path=str(tmp_path / "rl.db"))

        limits = RateLimits(
            general=2, report=1, period=PERIOD, buffer_ms=20, bucket_factory=factory
        )
        stamps: list[float] = []
        with (
            RateLimiter(limits, namespace="acct") as one,
            RateLimiter(limits, namespace="acct") as two,
        ):
            request = httpx.Request("GET", f"{BASE}/campaign")
            for limiter in (one, two, one, two, one, two):
                limiter.acquire(request)
                stamps.append(time.monotonic())
        assert most_in_any_window(stamps, PERIOD - SLACK) <= 2
        assert stamps[-1] - stamps[0] >= 2 * PERIOD

    def test_async_buckets_are_refused(self) -> None:
        """An async bucket cannot serve the sync path, so it is refused up front."""

        def factory(name: str, rates: list[Rate]) -> AbstractBucket:
            return BucketAsyncWrapper(InMemoryBucket(rates))

        with pytest.raises(TypeError, match="synchronous"):
            RateLimiter(RateLimits(bucket_factory=factory))

    def test_non_buckets_are_refused(self) -> None:
        """The factory must return a pyrate_limiter bucket."""
        with pytest.raises(TypeError, match="bucket"):
            RateLimiter(RateLimits(bucket_factory=lambda name, rates: object()))  # type: ignore[arg-type,return-value]


class TestClose:
    def test_no_leaker_thread_survives_close(self) -> None:
        """The limiter runs no background thread, so none can outlive close()."""
        before = leaker_threads()
        limiter = RateLimiter(FAST)
        with sync_client(limiter, Arrivals()) as client:
            for _ in range(4):
                client.get("/report")
        assert leaker_threads() == before
        limiter.close()
        assert leaker_threads() == before
        assert limiter.closed

    def test_expired_entries_are_dropped_without_a_thread(self) -> None:
        """Old permits are leaked inline, so an in-memory bucket stays small."""
        made: list[_SpyBucket] = []

        def factory(name: str, rates: list[Rate]) -> AbstractBucket:
            made.append(_SpyBucket(name, rates))
            return made[-1]

        limits = RateLimits(general=50, report=50, period=0.05, buffer_ms=0, bucket_factory=factory)
        with RateLimiter(limits) as limiter:
            request = httpx.Request("GET", f"{BASE}/campaign")
            for _ in range(5):
                for _ in range(10):
                    limiter.acquire(request)
                time.sleep(0.06)
            limiter.acquire(request)
            assert made[0].count() <= 11

    def test_close_is_idempotent_and_final(self) -> None:
        """A closed limiter refuses to hand out permits; closing twice is harmless."""
        limiter = RateLimiter(FAST)
        limiter.close()
        limiter.close()
        with pytest.raises(RuntimeError, match="closed"):
            limiter.acquire(httpx.Request("GET", f"{BASE}/campaign"))

    async def test_closed_limiter_refuses_async_too(self) -> None:
        """The async twin refuses the same way."""
        limiter = RateLimiter(FAST)
        limiter.close()
        with pytest.raises(RuntimeError, match="closed"):
            await limiter.aacquire(httpx.Request("GET", f"{BASE}/campaign"))

    def test_transports_close_inner_but_not_the_limiter(self) -> None:
        """The limiter is borrowed (it may be shared), so a transport's close leaves it open."""
        closed: list[str] = []

        class Inner(httpx.BaseTransport):
            def close(self) -> None:
                closed.append("inner")

        with RateLimiter(FAST) as limiter:
            RateLimitTransport(Inner(), limiter, base_path="").close()
            assert closed == ["inner"] and not limiter.closed

    async def test_async_transport_acloses_inner(self) -> None:
        """The async twin passes aclose through."""
        closed: list[str] = []

        class Inner(httpx.AsyncBaseTransport):
            async def aclose(self) -> None:
                closed.append("inner")

        with RateLimiter(FAST) as limiter:
            await AsyncRateLimitTransport(Inner(), limiter, base_path="").aclose()
            assert closed == ["inner"] and not limiter.closed

    def test_repr_shows_the_budgets(self) -> None:
        """The repr says which budgets are enforced."""
        with RateLimiter(FAST, namespace="acct") as limiter:
            assert repr(limiter) == "<RateLimiter 'acct' general=3/0.25s report=1/0.25s>"
