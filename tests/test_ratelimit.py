"""The rate-limit layer through its public surface: RateLimiter, the transports, the client.

Pacing is checked on a fake clock (exact send times, no sleeping). The few tests with real
threads and tasks assert only what the limiter guarantees whatever the scheduling: their budgets
book in windows twice the width the assertions count in (period 0.1 s, margin 0.1 s), so a
thread that reaches the transport up to 100 ms after its booked time still cannot crowd a window.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Sequence

import httpx
import pytest

from peerclick import PeerClick, RateLimiter, RateLimits
from peerclick._limit_transport import AsyncRateLimitTransport, RateLimitTransport, is_report_path
from peerclick._limits import PRIORITY_EXTENSION
from peerclick.errors import RateLimitError, RateLimiterUnavailableError
from peerclick.testing import FakeClock

BASE = "https://api.peerclick.test/v1_1"
ROOMY = RateLimits(general=3, report=1, period=0.1, margin=0.1, max_wait=30)


def get(path: str) -> httpx.Request:
    return httpx.Request("GET", f"{BASE}{path}")


class Arrivals:
    """A MockTransport handler that stamps each request's arrival with ``clock`` (thread-safe)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, status: int = 200) -> None:
        self.clock = clock
        self.status = status
        self.headers: dict[str, str] = {}
        self.stamps: list[tuple[float, str]] = []
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.stamps.append((self.clock(), request.url.path))
        return httpx.Response(self.status, headers=self.headers)

    def times(self, where: Callable[[str], bool] = lambda _: True) -> list[float]:
        return sorted(t for t, path in self.stamps if where(path))


def is_report(path: str) -> bool:
    return path.startswith("/v1_1/report")


def most_in_any_window(times: Sequence[float], width: float) -> int:
    """The largest number of stamps inside any half-open window (t - width, t]."""
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


def fake_limiter(limits: RateLimits | None = None) -> tuple[RateLimiter, FakeClock]:
    clock = FakeClock(start=1000.0)
    return RateLimiter(limits, clock=clock, sleep=clock.sleep), clock


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


class TestRateLimits:
    def test_defaults_match_peerclick(self) -> None:
        """3 general and 1 report request per second, booked in 1.02 s windows, wait up to 60 s."""
        limits = RateLimits()
        assert (limits.general, limits.report, limits.period, limits.margin) == (3, 1, 1.0, 0.02)
        assert (limits.max_wait, limits.buffer_ms, limits.window) == (60.0, 0, 1.02)

    def test_buffer_ms_is_folded_into_the_window(self) -> None:
        """The old buffer_ms widens the booking window (it is no longer added to sleeps only)."""
        assert RateLimits(margin=0, buffer_ms=50).window == pytest.approx(1.05)

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
            ("margin", -0.1),
            ("margin", float("nan")),
            ("max_wait", -1),
            ("max_wait", float("nan")),
            ("buffer_ms", -5),
            ("buffer_ms", 0.5),
            ("max_pause", -1),
        ],
    )
    def test_rejects_bad_values(self, field: str, value: object) -> None:
        """Each bad value raises a ValueError naming the field."""
        with pytest.raises(ValueError, match=f"RateLimits.{field}"):
            RateLimits(**{field: value})  # type: ignore[arg-type]

    def test_limiter_rejects_bad_arguments(self) -> None:
        """RateLimiter wants a RateLimits, a non-empty namespace and callables."""
        with pytest.raises(TypeError):
            RateLimiter({"general": 3})  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="namespace"):
            RateLimiter(namespace="")
        with pytest.raises(TypeError, match="clock"):
            RateLimiter(clock=5)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="sleep"):
            RateLimiter(sleep="no")  # type: ignore[arg-type]


REPORT_PATHS = [
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
]


class TestIsReportPath:
    @pytest.mark.parametrize(("path", "base", "expected"), REPORT_PATHS)
    def test_table(self, path: str, base: str, expected: bool) -> None:
        """Report requests are the ones under <base>/report."""
        assert is_report_path(path, base) is expected

    @pytest.mark.parametrize(("path", "base", "expected"), REPORT_PATHS)
    def test_the_transport_routes_as_the_table(self, path: str, base: str, expected: bool) -> None:
        """The transport's own (precomputed) test gives the same answers."""
        transport = RateLimitTransport(httpx.MockTransport(lambda r: httpx.Response(200)),
                                       RateLimiter(), base_path=base)  # fmt: skip
        report, lane = transport._route(httpx.Request("GET", "http://127.0.0.1" + path))
        assert (report, lane) == (expected, "high")


class TestPacingOnAFakeClock:
    def test_requests_go_three_per_window(self) -> None:
        """Seven calls in a row: three at once, three a window later, one two windows later."""
        limiter, clock = fake_limiter()
        arrivals = Arrivals(clock)
        with sync_client(limiter, arrivals) as client:
            for _ in range(7):
                client.get("/campaign")
        offsets = [round(t - 1000.0, 3) for t in arrivals.times()]
        assert offsets == [0, 0, 0, 1.02, 1.02, 1.02, 2.04]

    def test_a_report_request_books_both_budgets(self) -> None:
        """Reports go one per window and each also takes a general slot."""
        limiter, clock = fake_limiter()
        arrivals = Arrivals(clock)
        with sync_client(limiter, arrivals) as client:
            for path in ["/report", "/report", "/campaign", "/campaign", "/campaign"]:
                client.get(path)
        offsets = [(round(t - 1000.0, 3), p.rsplit("/", 1)[1]) for t, p in arrivals.stamps]
        assert offsets == [
            (0, "report"),
            (1.02, "report"),
            (1.02, "campaign"),
            (1.02, "campaign"),
            (2.04, "campaign"),
        ]

    async def test_the_async_twin_paces_the_same(self) -> None:
        """The async twin, on the same fake clock, gives the same send times."""
        clock = FakeClock(start=1000.0)

        async def asleep(seconds: float) -> None:
            clock.advance(seconds)

        limiter = RateLimiter(clock=clock, sleep=clock.sleep, asleep=asleep)
        arrivals = Arrivals(clock)
        async with async_client(limiter, arrivals) as client:
            for _ in range(4):
                await client.get("/campaign")
            await client.get("/report")
        offsets = [round(t - 1000.0, 3) for t in arrivals.times()]
        assert offsets == [0, 0, 0, 1.02, 1.02]

    def test_max_wait_raises_before_anything_is_sent(self) -> None:
        """A wait longer than max_wait is refused at once, as RateLimitError, with nothing sent."""
        limiter, clock = fake_limiter(RateLimits(general=1, report=1, period=30, max_wait=5))
        arrivals = Arrivals(clock)
        with sync_client(limiter, arrivals) as client:
            client.get("/campaign")
            with pytest.raises(RateLimitError) as caught:
                client.get("/campaign", params={"api-token": "SECRET"})
        assert clock() == 1000.0  # refused up front: no time passed
        assert len(arrivals.stamps) == 1
        err = caught.value
        assert err.status_code == 429
        assert err.request is not None and err.request.url.path == "/v1_1/campaign"
        assert "max_wait=5s" in str(err)
        assert "GET /v1_1/campaign" in str(err) and "not sent" in str(err)
        assert "SECRET" not in str(err)

    def test_max_wait_zero_means_never_wait(self) -> None:
        """max_wait=0: a call that would wait is refused; the budget it did not use stays free."""
        limiter, clock = fake_limiter(RateLimits(general=10, report=1, max_wait=0))
        arrivals = Arrivals(clock)
        with sync_client(limiter, arrivals) as client:
            client.get("/report")
            with pytest.raises(RateLimitError, match="'general and report'"):
                client.get("/report")
            client.get("/campaign")
        assert len(arrivals.stamps) == 2

    def test_the_wait_is_logged_apart_from_the_request(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        """A debug line for the limiter's wait, another for the answer; no query, no headers."""
        caplog.set_level(logging.DEBUG, logger="peerclick")
        limiter, clock = fake_limiter(RateLimits(general=1, report=1))
        with sync_client(limiter, Arrivals(clock)) as client:
            for _ in range(2):
                client.get("/report", params={"token": "SECRET"}, headers={"api-token": "SECRET"})
        lines = [r.getMessage() for r in caplog.records if r.name == "peerclick"]
        waits = [line for line in lines if line.startswith("rate limit:")]
        assert waits == [
            "rate limit: GET /v1_1/report waited 1.020s in the high lane for the general and "
            "report budget"
        ]
        answers = [line for line in lines if "answered" in line]
        assert len(answers) == 2
        assert answers[1].startswith("GET /v1_1/report answered 200 in ")
        assert answers[1].endswith("(after 1.020s waiting for the rate limit)")
        assert not any("SECRET" in line or "token" in line for line in lines)


class TestFeedback:
    def test_a_429_with_retry_after_pauses_the_budget(self) -> None:
        """The transport reports a 429's Retry-After: the next call waits for it."""
        limiter, clock = fake_limiter()
        arrivals = Arrivals(clock, status=429)
        arrivals.headers = {"Retry-After": "2"}
        with sync_client(limiter, arrivals) as client:
            assert client.get("/campaign").status_code == 429
            arrivals.status = 200
            assert client.get("/campaign").status_code == 200
        first, second = arrivals.times()
        assert second - first == pytest.approx(2.0)
        state = limiter.state()
        # 0.7 after the 429, then +0.05 for the 200 that came after the cooldown
        assert (state.throttled, state.pauses, state.rate_factor) == (1, 1, 0.75)

    def test_the_priority_extension_picks_the_lane(self) -> None:
        """request.extensions['peerclick.priority'] = 'low' queues it in the low lane."""
        limiter, clock = fake_limiter()
        seen: list[str] = []
        original = limiter.acquire

        def spy(request: httpx.Request, *, report: bool = False, lane: str = "high") -> float:
            seen.append(lane)
            return original(request, report=report, lane=lane)

        limiter.acquire = spy  # type: ignore[method-assign]
        with sync_client(limiter, Arrivals(clock)) as client:
            client.get("/campaign")
            client.get("/campaign", extensions={PRIORITY_EXTENSION: "low"})
            with pytest.raises(ValueError, match=r"peerclick\.priority"):
                client.get("/campaign", extensions={PRIORITY_EXTENSION: "urgent"})
        assert seen == ["high", "low"]

    def test_a_failing_store_is_a_clear_error_never_unlimited(self) -> None:
        """A store that raises gives RateLimiterUnavailableError and the request is not sent."""

        class Broken:
            def reserve(self, *args: object, **kwargs: object) -> float | None:
                raise ConnectionError("store went away")

            def pause(self, key: str, seconds: float) -> None:
                raise ConnectionError("store went away")

            def close(self) -> None:
                pass

        arrivals = Arrivals()
        with RateLimiter(store=Broken()) as limiter, sync_client(limiter, arrivals) as client:
            with pytest.raises(RateLimiterUnavailableError, match="store went away") as caught:
                client.get("/campaign")
            assert "GET /v1_1/campaign was not sent" in str(caught.value)
        assert arrivals.stamps == []


class TestRealThreadsAndTasks:
    def test_threads_never_exceed_the_budget(self) -> None:
        """Eight threads, 24 requests (4 reports): never more than 3 (1) per period."""
        arrivals = Arrivals()
        with RateLimiter(ROOMY) as limiter, sync_client(limiter, arrivals) as client:

            def general() -> None:
                for _ in range(3):
                    client.get("/campaign")

            def reports() -> None:
                for _ in range(2):
                    client.get("/report")

            run_threads(*[general] * 6, reports, reports)
        assert len(arrivals.stamps) == 22
        assert most_in_any_window(arrivals.times(), ROOMY.period) <= 3
        assert most_in_any_window(arrivals.times(is_report), ROOMY.period) <= 1

    async def test_tasks_never_exceed_the_budget(self) -> None:
        """Twelve tasks, 4 of them reports: the same guarantee on one event loop."""
        arrivals = Arrivals()
        with RateLimiter(ROOMY) as limiter:
            async with async_client(limiter, arrivals) as client:
                await asyncio.gather(
                    *(client.get("/report/conversions") for _ in range(4)),
                    *(client.get("/campaign") for _ in range(8)),
                )
        assert len(arrivals.stamps) == 12
        assert most_in_any_window(arrivals.times(), ROOMY.period) <= 3
        assert most_in_any_window(arrivals.times(is_report), ROOMY.period) <= 1

    def test_sync_and_async_clients_share_one_budget(self) -> None:
        """A thread of sync requests and a loop of async tasks draw from one budget."""
        arrivals = Arrivals()
        with RateLimiter(ROOMY) as limiter:

            def sync_side() -> None:
                with sync_client(limiter, arrivals) as client:
                    for _ in range(4):
                        client.get("/campaign")

            async def async_side() -> None:
                async with async_client(limiter, arrivals) as client:
                    await asyncio.gather(*(client.get("/offer") for _ in range(4)))

            run_threads(sync_side, lambda: asyncio.run(async_side()))
        assert len(arrivals.stamps) == 8
        assert most_in_any_window(arrivals.times(), ROOMY.period) <= 3

    def test_general_requests_proceed_while_a_report_request_waits(self) -> None:
        """A report request waiting for the report budget does not hold up general requests."""
        arrivals = Arrivals()
        slow = RateLimits(general=3, report=1, period=1.0, max_wait=30)
        with RateLimiter(slow) as limiter, sync_client(limiter, arrivals) as client:
            client.get("/report")
            waiting = threading.Thread(target=client.get, args=("/report/conversions",))
            waiting.start()
            for _ in range(6000):  # until it holds its slot (ordering only; bounded)
                if limiter.state().booked:
                    break
                time.sleep(0.005)
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


class TestLifetime:
    def test_close_is_idempotent_and_final(self) -> None:
        """A closed limiter refuses to hand out slots; closing twice is harmless."""
        limiter = RateLimiter()
        limiter.close()
        limiter.close()
        assert limiter.closed
        with pytest.raises(RuntimeError, match="closed"):
            limiter.acquire(get("/campaign"))

    async def test_closed_limiter_refuses_async_too(self) -> None:
        limiter = RateLimiter()
        limiter.close()
        with pytest.raises(RuntimeError, match="closed"):
            await limiter.aacquire(get("/campaign"))

    def test_no_thread_is_started(self) -> None:
        """The limiter runs nothing in the background."""
        before = set(threading.enumerate())
        limiter, clock = fake_limiter()
        with sync_client(limiter, Arrivals(clock)) as client:
            for _ in range(5):
                client.get("/report")
        limiter.close()
        assert set(threading.enumerate()) == before

    def test_transports_close_inner_but_not_the_limiter(self) -> None:
        """The limiter is borrowed (it may be shared), so a transport's close leaves it open."""
        closed: list[str] = []

        class Inner(httpx.BaseTransport):
            def close(self) -> None:
                closed.append("inner")

        with RateLimiter() as limiter:
            RateLimitTransport(Inner(), limiter, base_path="").close()
            assert closed == ["inner"] and not limiter.closed

    async def test_async_transport_acloses_inner(self) -> None:
        closed: list[str] = []

        class Inner(httpx.AsyncBaseTransport):
            async def aclose(self) -> None:
                closed.append("inner")

        with RateLimiter() as limiter:
            await AsyncRateLimitTransport(Inner(), limiter, base_path="").aclose()
            assert closed == ["inner"] and not limiter.closed

    def test_repr_shows_the_budgets(self) -> None:
        with RateLimiter(ROOMY, namespace="acct") as limiter:
            assert repr(limiter) == "<RateLimiter 'acct' general=3/0.1s report=1/0.1s>"


class TestClientLimiters:
    def test_clients_of_one_account_share_a_budget(self) -> None:
        """Two clients with the same access id share one limiter; another account gets its own."""
        one = PeerClick(
            access_id="acct-a", access_key="k1", transport=httpx.MockTransport(Arrivals())
        )
        two = PeerClick(
            access_id="acct-a", access_key="k2", transport=httpx.MockTransport(Arrivals())
        )
        other = PeerClick(
            access_id="acct-b", access_key="k1", transport=httpx.MockTransport(Arrivals())
        )
        with one, two, other:
            assert one.limiter is two.limiter
            assert other.limiter is not one.limiter
            assert "k1" not in one.limiter.namespace and "acct-a" not in one.limiter.namespace
        assert not one.limiter.closed  # shared: a client's close leaves it to the others

    def test_limiter_takes_a_url_or_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """limiter='memory://' is the shared default; a bad URL or type fails before any request."""
        from peerclick.errors import ConfigurationError

        kwargs = {
            "access_id": "acct-c",
            "access_key": "k",
            "transport": httpx.MockTransport(Arrivals()),
        }
        with PeerClick(limiter="memory://", **kwargs) as a, PeerClick(**kwargs) as b:  # type: ignore[arg-type]
            assert a.limiter is b.limiter
        with pytest.raises(ConfigurationError, match="limiter"):
            PeerClick(limiter="ftp://nowhere", **kwargs)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="limiter"):
            PeerClick(limiter=5, **kwargs)  # type: ignore[arg-type]
        monkeypatch.setenv("PEERCLICK_LIMITER_URL", "bogus://")
        with pytest.raises(ConfigurationError, match="PEERCLICK_LIMITER_URL"):
            PeerClick(**kwargs)  # type: ignore[arg-type]
