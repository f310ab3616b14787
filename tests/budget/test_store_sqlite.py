"""SQLiteBudgetStore: atomic across processes, WAL, and a clear error when the file fails."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path

import filelock
import pytest

from peerclick._stores.sqlite import SQLiteBudgetStore
from peerclick.errors import RateLimiterUnavailableError

GENERAL = ("general", 3, 1.0)


class FixedClock:
    """A clock that never moves (picklable, so spawned children can use it)."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def book_many(path: str, count: int, out: multiprocessing.Queue[list[float]]) -> None:
    store = SQLiteBudgetStore(path, clock=FixedClock(1000.0))
    waits = []
    for _ in range(count):
        wait = store.reserve("acct", [GENERAL], max_wait=None)
        assert wait is not None
        waits.append(wait)
    store.close()
    out.put(waits)


class TestProcesses:
    def test_four_processes_never_overbook(self, tmp_path: Path) -> None:
        """4 spawned processes x 25 reservations on one still clock get exactly 3 per second."""
        path = str(tmp_path / "budget.sqlite")
        SQLiteBudgetStore(path).close()  # create the tables before the race
        ctx = multiprocessing.get_context("spawn")
        out: multiprocessing.Queue[list[float]] = ctx.Queue()
        children = [ctx.Process(target=book_many, args=(path, 25, out)) for _ in range(4)]
        for child in children:
            child.start()
        got = [wait for _ in children for wait in out.get(timeout=120)]
        for child in children:
            child.join(timeout=30)
            assert child.exitcode == 0
        assert sorted(got) == [float(i // 3) for i in range(100)]

    def test_threads_share_one_store(self, tmp_path: Path) -> None:
        """Threads of one process share one connection safely."""
        store = SQLiteBudgetStore(tmp_path / "b.sqlite", clock=FixedClock(5.0))
        got: list[float] = []
        guard = threading.Lock()

        def work() -> None:
            for _ in range(10):
                wait = store.reserve("acct", [GENERAL], max_wait=None)
                assert wait is not None
                with guard:
                    got.append(wait)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        store.close()
        assert sorted(got) == [float(i // 3) for i in range(40)]

    def test_a_forked_child_opens_its_own_connection(self, tmp_path: Path) -> None:
        """A store made before fork() keeps working in the child, on the same bookings."""
        store = SQLiteBudgetStore(tmp_path / "b.sqlite", clock=FixedClock(5.0))
        for _ in range(3):
            store.reserve("acct", [GENERAL], max_wait=None)
        ctx = multiprocessing.get_context("fork")
        out: multiprocessing.Queue[float | None] = ctx.Queue()

        def child() -> None:
            out.put(store.reserve("acct", [GENERAL], max_wait=None))

        process = ctx.Process(target=child)
        process.start()
        assert out.get(timeout=60) == 1.0
        process.join(timeout=30)
        assert store.reserve("acct", [GENERAL], max_wait=None) == 1.0
        store.close()


class TestFile:
    def test_wal_and_tables(self, tmp_path: Path) -> None:
        """The database uses WAL and pyrate-limiter's bucket table layout."""
        path = tmp_path / "b.sqlite"
        store = SQLiteBudgetStore(path, clock=FixedClock(5.0))
        store.reserve("acct", [GENERAL, ("report", 1, 1.0)], max_wait=None)
        store.close()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            rows = conn.execute(
                "SELECT name, item_timestamp FROM peerclick_budget_bookings ORDER BY name"
            ).fetchall()
        conn.close()
        assert rows == [('["acct", "general"]', 5_000_000), ('["acct", "report"]', 5_000_000)]

    def test_bookings_survive_a_new_store(self, tmp_path: Path) -> None:
        """A second store on the same file sees the first one's bookings."""
        path = tmp_path / "b.sqlite"
        first = SQLiteBudgetStore(path, clock=FixedClock(5.0))
        for _ in range(3):
            first.reserve("acct", [GENERAL], max_wait=None)
        second = SQLiteBudgetStore(path, clock=FixedClock(5.0))
        assert second.reserve("acct", [GENERAL], max_wait=None) == 1.0
        first.close()
        second.close()

    @pytest.mark.parametrize("path", ["", ":memory:", None])
    def test_bad_path(self, path: object) -> None:
        """The path must name a file several processes can open."""
        with pytest.raises((ValueError, TypeError), match="path"):
            SQLiteBudgetStore(path)  # type: ignore[arg-type]

    def test_unopenable_file(self, tmp_path: Path) -> None:
        """A database that cannot be opened is a RateLimiterUnavailableError naming the file."""
        (tmp_path / "a-directory").mkdir()
        with pytest.raises(RateLimiterUnavailableError, match="SQLite rate-limit store"):
            SQLiteBudgetStore(tmp_path / "a-directory")

    def test_lock_held_elsewhere(self, tmp_path: Path) -> None:
        """When the lock cannot be had in time, the reservation fails: nothing unlimited."""
        path = tmp_path / "b.sqlite"
        store = SQLiteBudgetStore(path, clock=FixedClock(5.0), timeout=0.1)
        other = filelock.FileLock(f"{path}.lock", thread_local=False)
        ready, done = threading.Event(), threading.Event()

        def hold() -> None:
            with other:
                ready.set()
                done.wait(30)

        holder = threading.Thread(target=hold)
        holder.start()
        ready.wait(30)
        try:
            with pytest.raises(RateLimiterUnavailableError, match="locked"):
                store.reserve("acct", [GENERAL], max_wait=None)
        finally:
            done.set()
            holder.join()
        assert store.reserve("acct", [GENERAL], max_wait=None) == 0.0
        store.close()

    def test_database_replaced_by_garbage(self, tmp_path: Path) -> None:
        """A file that is no database any more fails with our error, not sqlite3's."""
        path = tmp_path / "b.sqlite"
        SQLiteBudgetStore(path).close()
        for extra in ("-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        path.write_bytes(b"not a database" * 100)
        with pytest.raises(RateLimiterUnavailableError) as caught:
            SQLiteBudgetStore(path)
        assert isinstance(caught.value.__cause__, sqlite3.DatabaseError)

    def test_closed(self, tmp_path: Path) -> None:
        """A closed store refuses to book."""
        store = SQLiteBudgetStore(tmp_path / "b.sqlite")
        store.close()
        store.close()
        with pytest.raises(RuntimeError, match="closed"):
            store.reserve("acct", [GENERAL], max_wait=None)


class TestThroughTheClient:
    def test_a_client_stops_when_the_store_fails(self, tmp_path: Path) -> None:
        """Over HTTP: a store whose lock cannot be had fails the call; nothing is sent."""
        from peerclick import PeerClick, RateLimiter
        from peerclick.testing import DEMO_ACCESS_ID, DEMO_ACCESS_KEY, FakePeerClick, FakeServer

        path = tmp_path / "b.sqlite"
        fake = FakePeerClick()
        with (
            FakeServer(fake) as server,
            RateLimiter(store=SQLiteBudgetStore(path, timeout=0.1)) as limiter,
            PeerClick(
                access_id=DEMO_ACCESS_ID,
                access_key=DEMO_ACCESS_KEY,
                base_url=server.base_url,
                limiter=limiter,
            ) as pc,
        ):
            assert pc.offers.get(1).id == 1
            sent = len(fake.requests)
            with filelock.FileLock(f"{path}.lock", thread_local=False):
                done = threading.Event()
                errors: list[BaseException] = []

                def call() -> None:  # another thread: this one holds the lock
                    try:
                        pc.offers.get(1)
                    except BaseException as exc:
                        errors.append(exc)
                    done.set()

                caller = threading.Thread(target=call)
                caller.start()
                caller.join(60)
            assert done.is_set()
            assert [type(e) for e in errors] == [RateLimiterUnavailableError]
            assert len(fake.requests) == sent
