"""SessionAuth: login, expiry with an injected clock, 401 handling, single flight, fixed tokens."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from peerclick._auth import MARGIN_FRACTION, SessionAuth, parse_expiry
from peerclick._config import Credentials
from peerclick._token_store import MemoryTokenStore, StoredToken, TokenStore
from peerclick.errors import (
    AuthenticationError,
    RateLimiterUnavailableError,
    ResponseValidationError,
)

BASE = httpx.URL("https://api.test/v1_1")
KEY = Credentials("access_key", "id-1", "s3cret-key")


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class FakeServer:
    """Issues numbered tokens and answers 200 to requests bearing the current one."""

    def __init__(self, expiry: str | None = None) -> None:
        self.logins = 0
        self.valid: set[str] = set()
        self.seen: list[tuple[str, str | None]] = []
        self.expiry = expiry
        self.refuse_login = False
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.seen.append((request.url.path, request.headers.get("api-token")))
            if request.url.path.endswith("/auth/access/session"):
                if self.refuse_login:
                    return httpx.Response(401, json={"description": "Bad credentials"})
                self.logins += 1
                token = f"tok-{self.logins}"
                self.valid = {token}
                body: dict[str, object] = {"token": token}
                if self.expiry:
                    body["expirationTimestamp"] = self.expiry
                return httpx.Response(200, json=body)
            if request.headers.get("api-token") in self.valid:
                return httpx.Response(200, json={"ok": True, "echo": request.content.decode()})
            return httpx.Response(401, json={"error": {"code": "BAD_CREDENTIALS"}})


def client(server: FakeServer, **kwargs: object) -> tuple[httpx.Client, SessionAuth]:
    auth = SessionAuth(kwargs.pop("credentials", KEY), BASE, **kwargs)  # type: ignore[arg-type]
    return httpx.Client(base_url=BASE, auth=auth, transport=httpx.MockTransport(server)), auth


class TestLogin:
    def test_first_request_logs_in_once_and_sends_the_token(self) -> None:
        """The login goes to /v1_1/auth/access/session with the access id and key."""
        server = FakeServer()
        http, _ = client(server)
        assert http.get("/offer/1").status_code == 200
        assert http.get("/offer/2").status_code == 200
        assert server.logins == 1
        assert server.seen[0] == ("/v1_1/auth/access/session", None)
        assert server.seen[1:] == [("/v1_1/offer/1", "tok-1"), ("/v1_1/offer/2", "tok-1")]

    def test_login_body_carries_the_access_key(self) -> None:
        bodies: list[dict[str, str]] = []

        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/session"):
                bodies.append(json.loads(request.content))
                return httpx.Response(200, json={"token": "t"})
            return httpx.Response(200, json={})

        auth = SessionAuth(KEY, BASE)
        httpx.Client(base_url=BASE, auth=auth, transport=httpx.MockTransport(handler)).get("/x")
        assert bodies == [{"accessId": "id-1", "accessKey": "s3cret-key"}]

    def test_password_login_uses_the_session_endpoint(self) -> None:
        paths: list[str] = []

        def handler(request: httpx.Request) -> httpx.Response:
            paths.append(request.url.path)
            if request.url.path.endswith("/auth/session"):
                assert json.loads(request.content) == {"email": "a@b.c", "password": "pw"}
                return httpx.Response(200, json={"token": "t"})
            return httpx.Response(200, json={})

        auth = SessionAuth(Credentials("password", "a@b.c", "pw"), BASE)
        httpx.Client(base_url=BASE, auth=auth, transport=httpx.MockTransport(handler)).get("/x")
        assert paths == ["/v1_1/auth/session", "/v1_1/x"]

    def test_refused_credentials_raise_authentication_error_without_secret(self) -> None:
        server = FakeServer()
        server.refuse_login = True
        http, _ = client(server)
        with pytest.raises(AuthenticationError) as info:
            http.get("/offer/1")
        assert info.value.status_code == 401
        assert "credentials were refused" in str(info.value)
        assert "s3cret-key" not in str(info.value) and "s3cret-key" not in repr(info.value)

    def test_login_answer_without_token_is_a_validation_error(self) -> None:
        transport = httpx.MockTransport(lambda r: httpx.Response(200, json={"nope": 1}))
        http = httpx.Client(base_url=BASE, auth=SessionAuth(KEY, BASE), transport=transport)
        with pytest.raises(ResponseValidationError, match="no token"):
            http.get("/x")


class TestExpiry:
    def test_token_is_renewed_before_the_configured_lifetime_ends(self) -> None:
        """Without an expiry from the server, lifetime minus margin decides."""
        server, clock = FakeServer(), Clock()
        http, auth = client(server, token_lifetime=3600, refresh_margin=60, clock=clock)
        http.get("/a")
        assert auth.token_expires_at == clock.now + 3600
        clock.now += 3600 - 61
        http.get("/b")
        assert server.logins == 1
        clock.now += 2  # now inside the margin
        http.get("/c")
        assert server.logins == 2
        assert server.seen[-1] == ("/v1_1/c", "tok-2")

    def test_server_expiry_wins_over_the_lifetime(self) -> None:
        clock = Clock(now=1_700_000_000.0)  # 2023-11-14T22:13:20Z
        server = FakeServer(expiry="2023-11-14T23:13:20Z")  # one hour later
        http, auth = client(server, token_lifetime=86400, refresh_margin=300, clock=clock)
        http.get("/a")
        assert auth.token_expires_at == pytest.approx(1_700_003_600.0)
        clock.now += 3600 - 299
        http.get("/b")
        assert server.logins == 2

    def test_default_lifetime_is_one_day(self) -> None:
        server, clock = FakeServer(), Clock()
        http, auth = client(server, clock=clock)
        http.get("/a")
        assert auth.token_expires_at == clock.now + 86400


class TestUnauthorized:
    def test_401_renews_once_and_resends_with_the_same_body(self) -> None:
        server = FakeServer()
        http, _ = client(server)
        http.get("/warm")
        server.valid = set()  # the server forgets the token
        response = http.put("/offer/1", json={"name": "x"})
        assert response.status_code == 200
        assert response.json()["echo"] == '{"name":"x"}'
        assert server.logins == 2
        assert [p for p, _ in server.seen[-3:]] == [
            "/v1_1/offer/1",
            "/v1_1/auth/access/session",
            "/v1_1/offer/1",
        ]

    def test_second_401_raises_without_looping(self) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/session"):
                return httpx.Response(200, json={"token": "t"})
            return httpx.Response(401, json={"description": "Token expired"})

        calls = httpx.MockTransport(handler)
        http = httpx.Client(base_url=BASE, auth=SessionAuth(KEY, BASE), transport=calls)
        with pytest.raises(AuthenticationError, match="refused again"):
            http.get("/x")

    def test_fixed_token_is_never_renewed(self) -> None:
        server = FakeServer()
        server.valid = {"fixed-tok"}
        http, auth = client(server, credentials=Credentials("token", None, "fixed-tok"))
        assert http.get("/a").status_code == 200
        server.valid = set()
        with pytest.raises(AuthenticationError, match="fixed token was refused") as info:
            http.get("/b")
        assert server.logins == 0
        assert "fixed-tok" not in str(info.value)
        assert "fixed-tok" not in repr(auth)


class TestSingleFlight:
    def test_fifty_threads_cause_one_login(self) -> None:
        server = FakeServer()
        http, _ = client(server)
        start = threading.Barrier(50)
        errors: list[BaseException] = []

        def work() -> None:
            start.wait()
            try:
                assert http.get("/x").status_code == 200
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(50)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert server.logins == 1

    async def test_fifty_tasks_cause_one_login(self) -> None:
        server = FakeServer()

        async def handler(request: httpx.Request) -> httpx.Response:
            await asyncio.sleep(0.01 if request.url.path.endswith("/session") else 0)
            return server(request)

        auth = SessionAuth(KEY, BASE)
        async with httpx.AsyncClient(
            base_url=BASE, auth=auth, transport=httpx.MockTransport(handler)
        ) as http:
            results = await asyncio.gather(*(http.get("/x") for _ in range(50)))
        assert all(r.status_code == 200 for r in results)
        assert server.logins == 1

    def test_concurrent_401s_cause_one_refresh(self) -> None:
        server = FakeServer()
        http, _ = client(server)
        http.get("/warm")
        server.valid = set()
        start = threading.Barrier(20)

        def work() -> None:
            start.wait()
            http.get("/x")

        threads = [threading.Thread(target=work) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert server.logins == 2

    async def test_async_401_renews_once(self) -> None:
        server = FakeServer()
        auth = SessionAuth(KEY, BASE)
        transport = httpx.MockTransport(server)
        async with httpx.AsyncClient(base_url=BASE, auth=auth, transport=transport) as http:
            await http.get("/warm")
            server.valid = set()
            assert (await http.get("/x")).status_code == 200
        assert server.logins == 2


@pytest.mark.parametrize(
    "make",
    [
        lambda: SessionAuth(KEY, BASE, token_lifetime=0),
        lambda: SessionAuth(KEY, BASE, refresh_margin=-1),
    ],
)
def test_bad_settings_raise_value_error(make: Callable[[], SessionAuth]) -> None:
    with pytest.raises(ValueError):
        make()


def test_repr_shows_no_secret() -> None:
    auth = SessionAuth(KEY, BASE)
    assert "s3cret-key" not in repr(auth)
    assert "access_key" in repr(auth)


class TestParseExpiry:
    """Out-of-range, non-finite and unparseable expiries are unreadable (None), never a crash."""

    @pytest.mark.parametrize(
        "value",
        [1e20, float("inf"), float("nan"), -1, 0, "Infinity", "NaN", "soon", "", "  ", True, None,
         "9999-99-99", [1], {"at": 1}, "1e400"],
    )  # fmt: skip
    def test_unreadable(self, value: object) -> None:
        assert parse_expiry(value) is None

    @pytest.mark.parametrize(
        ("value", "seconds"),
        [
            (1_700_000_000, 1_700_000_000.0),
            (1_700_000_000_000, 1_700_000_000.0),  # milliseconds
            ("1700000000", 1_700_000_000.0),
            ("2023-11-14T22:13:20Z", 1_700_000_000.0),
            ("2023-11-14T22:13:20", 1_700_000_000.0),  # zoneless: UTC
        ],
    )
    def test_readable(self, value: object, seconds: float) -> None:
        assert parse_expiry(value) == pytest.approx(seconds)


class TestRenewalMargin:
    """The 300 s margin never exceeds MARGIN_FRACTION of the token's lifetime."""

    @pytest.mark.parametrize("lifetime", [60, 300, 900, 3000])
    def test_short_tokens_are_used_for_most_of_their_life(self, lifetime: int) -> None:
        clock = Clock()
        server = FakeServer(expiry=str(clock.now + lifetime))
        http, _ = client(server, clock=clock)
        http.get("/offer")
        clock.now += lifetime * (1 - MARGIN_FRACTION) - 1
        http.get("/offer")
        assert server.logins == 1
        clock.now += 2
        http.get("/offer")
        assert server.logins == 2

    def test_a_day_long_token_keeps_the_full_margin(self) -> None:
        clock = Clock()
        server = FakeServer(expiry=str(clock.now + 86400))
        http, _ = client(server, clock=clock)
        http.get("/offer")
        clock.now += 86400 - 301
        http.get("/offer")
        assert server.logins == 1
        clock.now += 2
        http.get("/offer")
        assert server.logins == 2


class WatchedStore:
    """A TokenStore around a real one that counts loads and records which thread holds the lock."""

    def __init__(self, inner: TokenStore, workers: int) -> None:
        self.inner = inner
        self.workers = workers
        self.loads = 0
        # every worker looked twice (before and after its own lock), so none holds a token yet
        self.everyone_looked = asyncio.Event()
        self.lock_threads: list[tuple[int, int]] = []  # (entered on, left on)
        self._loop = asyncio.get_running_loop()

    def load(self, key: str) -> StoredToken | None:
        self.loads += 1
        if self.loads >= 2 * self.workers:
            self.everyone_looked.set()
        return self.inner.load(key)

    def save(self, key: str, token: StoredToken) -> None:
        self.inner.save(key, token)

    def discard(self, key: str, token: str) -> None:
        self.inner.discard(key, token)

    @contextlib.contextmanager
    def lock(self, key: str) -> Iterator[None]:
        with self.inner.lock(key):
            entered = threading.get_ident()
            yield
            self.lock_threads.append((entered, threading.get_ident()))


def _stores(tmp: Path) -> dict[str, TokenStore]:
    from peerclick._stores.tokens import SQLiteTokenStore
    from peerclick.cli._token_cache import FileTokenStore

    return {
        "memory": MemoryTokenStore(),
        "sqlite": SQLiteTokenStore(tmp / "tokens.db"),
        "file": FileTokenStore(tmp / "tokens"),  # filelock's thread-local default
    }


class TestAsyncWorkersShareOneLogin:
    """Async clients of one account take the token store's lock too, without blocking the loop."""

    @pytest.mark.parametrize("kind", ["memory", "sqlite", "file"])
    async def test_n_async_workers_make_one_login(self, kind: str, tmp_path: Path) -> None:
        """The first login waits until every worker has looked for a token under its own lock:
        without the store's lock each would then log in itself; with it, the others wait for it
        and take the saved token."""
        workers = 6
        store = WatchedStore(_stores(tmp_path)[kind], workers)
        server = FakeServer()
        thread = threading.get_ident()

        async def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/session"):
                await asyncio.wait_for(store.everyone_looked.wait(), 10)
            return server(request)

        async def worker() -> int:
            auth = SessionAuth(KEY, BASE, token_store=store)
            transport = httpx.MockTransport(handler)
            async with httpx.AsyncClient(base_url=BASE, auth=auth, transport=transport) as http:
                return (await http.get("/x")).status_code

        assert await asyncio.gather(*(worker() for _ in range(workers))) == [200] * workers
        assert server.logins == 1
        assert len(store.lock_threads) == workers
        for entered, left in store.lock_threads:
            assert entered == left != thread  # off the event loop, released where it was taken

    async def test_a_store_whose_lock_fails_raises_to_the_caller(self) -> None:
        class Broken(MemoryTokenStore):
            def lock(self, key: str) -> contextlib.AbstractContextManager[None]:
                raise RateLimiterUnavailableError("the token store is down")

        auth = SessionAuth(KEY, BASE, token_store=Broken())
        transport = httpx.MockTransport(FakeServer())
        async with httpx.AsyncClient(base_url=BASE, auth=auth, transport=transport) as http:
            with pytest.raises(RateLimiterUnavailableError, match="down"):
                await http.get("/x")

    async def test_a_failed_login_releases_both_locks(self, tmp_path: Path) -> None:
        """The next request can log in: nothing stays held after the refused login."""
        store = _stores(tmp_path)["sqlite"]
        server = FakeServer()
        server.refuse_login = True
        auth = SessionAuth(KEY, BASE, token_store=store)
        transport = httpx.MockTransport(server)
        async with httpx.AsyncClient(base_url=BASE, auth=auth, transport=transport) as http:
            with pytest.raises(AuthenticationError):
                await http.get("/x")
            server.refuse_login = False
            assert (await asyncio.wait_for(http.get("/x"), 10)).status_code == 200
        assert server.logins == 1


class TestCancelledWhileWaitingForTheStore:
    async def test_a_cancelled_waiter_leaves_the_lock_free(self) -> None:
        """A task cancelled while another worker holds the store's lock ends at once; its holder
        thread, once it gets the lock, lets go, so the next login is not blocked."""
        store = MemoryTokenStore()
        auth = SessionAuth(KEY, BASE, token_store=store)
        transport = httpx.MockTransport(FakeServer())
        other_worker = store.lock(auth.store_key)
        other_worker.__enter__()  # another process is logging in
        async with httpx.AsyncClient(base_url=BASE, auth=auth, transport=transport) as http:
            waiting = asyncio.create_task(http.get("/x"))
            for _ in range(2000):  # until the task's holder thread waits for the lock
                if any(t.name == "peerclick-login-lock" for t in threading.enumerate()):
                    break
                await asyncio.sleep(0.005)
            else:  # pragma: no cover - reported
                pytest.fail("the waiter never took its place at the store's lock")
            assert not waiting.done()
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            other_worker.__exit__(None, None, None)
            assert (await asyncio.wait_for(http.get("/x"), 10)).status_code == 200


class TestOneFlow:
    """The token logic lives in one I/O-free generator; the drivers only map its lock steps."""

    def test_auth_flow_yields_the_login_under_both_locks(self) -> None:
        auth = SessionAuth(KEY, BASE, token_store=MemoryTokenStore())
        flow = auth.auth_flow(httpx.Request("GET", f"{BASE}/x"))
        steps = [next(flow), next(flow)]
        login = next(flow)
        assert [s.name for s in steps] == ["LOCAL", "SHARED"]  # type: ignore[union-attr]
        assert isinstance(login, httpx.Request) and login.url.path.endswith("/auth/access/session")
        login_answer = httpx.Response(200, json={"token": "t-1"}, request=login)
        assert getattr(flow.send(login_answer), "name", None) == "UNLOCK"
        signed = next(flow)
        assert isinstance(signed, httpx.Request) and signed.headers["api-token"] == "t-1"
        with pytest.raises(StopIteration):
            flow.send(httpx.Response(200, json={}, request=signed))

    def test_the_drivers_hold_no_token_logic(self) -> None:
        import inspect

        for driver in (SessionAuth.sync_auth_flow, SessionAuth.async_auth_flow):
            source = inspect.getsource(driver)
            for logic in ("_valid_token", "_login_request", "_accept_login", "invalidate", "401"):
                assert logic not in source, f"{driver.__name__} uses {logic}"


def test_log_lines_carry_no_second_logger_prefix(caplog: pytest.LogCaptureFixture) -> None:
    """The handler prints the logger's name; a message starting with it would read twice."""
    server = FakeServer()
    http, _ = client(server)
    with caplog.at_level("DEBUG", logger="peerclick"):
        http.get("/warm")
        server.valid = set()
        http.get("/x")  # a 401, then the renewal
    messages = [r.getMessage() for r in caplog.records if r.name == "peerclick"]
    assert any("renewing the token once" in m for m in messages)
    assert any("new session token" in m for m in messages)
    assert [m for m in messages if m.startswith("peerclick:")] == []
