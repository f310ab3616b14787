"""SQLite and Redis token stores (C4): shared tokens, compare-and-discard, one login per key."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from peerclick._stores.tokens import RedisTokenStore, SQLiteTokenStore
from peerclick._token_store import StoredToken, TokenStore
from peerclick.errors import RateLimiterUnavailableError
from tests.budget.conftest import RedisServer

TOKEN = StoredToken(token="tok-secret-1", expires_at=2_000_000_000.0)
OTHER = StoredToken(token="tok-secret-2", expires_at=2_000_000_100.5)

Opener = Callable[[], TokenStore]


@pytest.fixture(params=["sqlite", "redis"])
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens stores on one shared backend (so two opens see each other)."""
    made: list[SQLiteTokenStore | RedisTokenStore] = []
    if request.param == "sqlite":
        path = tmp_path / "tokens.sqlite"

        def make() -> TokenStore:
            made.append(SQLiteTokenStore(path))
            return made[-1]
    else:
        url = request.getfixturevalue("redis_url")

        def make() -> TokenStore:
            made.append(RedisTokenStore(url))
            return made[-1]

    yield make
    for store in made:
        store.close()


class TestTokens:
    def test_protocol_and_round_trip(self, open_store: Opener) -> None:
        """A saved token is loaded back, by another store on the same backend too."""
        first, second = open_store(), open_store()
        assert isinstance(first, TokenStore)
        assert first.load("acct") is None
        first.save("acct", TOKEN)
        assert second.load("acct") == TOKEN
        second.save("acct", OTHER)
        assert first.load("acct") == OTHER
        assert first.load("another") is None

    def test_discard_only_the_failed_token(self, open_store: Opener) -> None:
        """discard() forgets the token only while it is still the one that failed."""
        store = open_store()
        store.save("acct", OTHER)
        store.discard("acct", TOKEN.token)  # a stale worker's 401
        assert store.load("acct") == OTHER
        store.discard("acct", OTHER.token)
        assert store.load("acct") is None

    def test_no_token_in_repr(self, open_store: Opener) -> None:
        """Neither the store's nor the token's repr shows the token."""
        store = open_store()
        store.save("acct", TOKEN)
        assert "tok-secret" not in repr(store) + repr(store.load("acct"))

    def test_bad_key(self, open_store: Opener) -> None:
        """Keys must be non-empty strs."""
        with pytest.raises(ValueError, match="key"):
            open_store().load("")

    def test_lock_excludes_threads(self, open_store: Opener) -> None:
        """lock(key) is held by one thread at a time, also across store instances."""
        stores = [open_store(), open_store()]
        inside, most = [0], [0]
        guard = threading.Lock()

        def work(store: TokenStore) -> None:
            for _ in range(5):
                with store.lock("acct"):
                    with guard:
                        inside[0] += 1
                        most[0] = max(most[0], inside[0])
                    time.sleep(0.002)
                    with guard:
                        inside[0] -= 1

        threads = [threading.Thread(target=work, args=(stores[i % 2],)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert most[0] == 1

    def test_other_keys_are_not_held(self, open_store: Opener) -> None:
        """Holding one key's lock does not hold another's."""
        store = open_store()
        with store.lock("a"), store.lock("b"):
            pass


def login_once(kind: str, where: str, log: str, out: multiprocessing.Queue[str]) -> None:
    """One worker: take the lock, load; only when nothing is there, 'log in' and save."""
    store = SQLiteTokenStore(where) if kind == "sqlite" else RedisTokenStore(where)
    with store.lock("acct"):
        held = store.load("acct")
        if held is None:
            with open(log, "a") as f:
                f.write("login\n")
            time.sleep(0.2)  # a slow login widens the window for a second one
            held = StoredToken(
                token=f"tok-{multiprocessing.current_process().name}", expires_at=1e10
            )
            store.save("acct", held)
    out.put(held.token)
    store.close()


@pytest.mark.parametrize("kind", ["sqlite", "redis"])
def test_four_processes_make_one_login(
    kind: str, tmp_path: Path, redis_server: RedisServer
) -> None:
    """4 processes needing a token for one account log in once and all use that token."""
    if kind == "redis":
        redis_server.flush()
    where = str(tmp_path / "tokens.sqlite") if kind == "sqlite" else redis_server.url
    log = tmp_path / "logins.txt"
    log.touch()
    ctx = multiprocessing.get_context("spawn")
    out: multiprocessing.Queue[str] = ctx.Queue()
    workers = [ctx.Process(target=login_once, args=(kind, where, str(log), out)) for _ in range(4)]
    for worker in workers:
        worker.start()
    tokens = [out.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    assert log.read_text() == "login\n"
    assert len(set(tokens)) == 1


class TestRedisFailures:
    def test_redis_gone(self, tmp_path: Path) -> None:
        """A Redis that went away: our error for load, save, discard and lock; no password."""
        server = RedisServer(tmp_path, password="tok-redis-pw")
        store = RedisTokenStore(server.url, timeout=1.0)
        store.save("acct", TOKEN)
        server.stop()
        calls: list[Callable[[], object]] = [
            lambda: store.load("acct"),
            lambda: store.save("acct", TOKEN),
            lambda: store.discard("acct", TOKEN.token),
            lambda: store.lock("acct").__enter__(),
        ]
        for call in calls:
            with pytest.raises(RateLimiterUnavailableError) as caught:
                call()
            assert "tok-redis-pw" not in str(caught.value)
            assert "tok-secret" not in str(caught.value)
        store.close()
