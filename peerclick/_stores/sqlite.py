"""Budgets in one SQLite file, shared by the processes of one machine.

Every reservation is one ``BEGIN IMMEDIATE`` transaction (read the bookings, compute the slot
with :func:`peerclick._budget_store.earliest_slot`, insert it) under a ``filelock`` lock beside
the database, with WAL journaling and a busy timeout. The file lock orders the processes fairly
and keeps SQLite's busy-retry loop out of the hot path; the transaction alone would already be
atomic, so the lock is belt and braces, not the only guard. Time is the machine's wall clock
(``time.time``: every process on one host reads the same one), injectable for tests.

What comes from pyrate-limiter, and why not more: the table is pyrate-limiter's own layout
(``Queries.CREATE_BUCKET_TABLE``: one row per permit, ``name`` + integer ``item_timestamp``,
written with its ``Queries.PUT_ITEM``), so a bucket's rows read the same in both. Its
``SQLiteBucket`` itself does not fit: it answers only "is there room now" and stamps the permit
with the current time, so it cannot book a *future* slot (the fair, arrival-ordered schedule the
client needs) nor book two budgets (general + report) in one step; its counting and inserting run
outside any transaction (``isolation_level="DEFERRED"``, commit after the insert), relying on a
lock that pyrate-limiter's ``Limiter`` takes through ``acquire(False)``, which filelock 4.x
refuses. So the reservation arithmetic is ours, once, in ``peerclick._budget_store``, and this
module only runs it inside a transaction. Timestamps are microseconds (pyrate-limiter uses
milliseconds) so bookings exactly one period apart compare exactly.

A failing database (deleted directory, disk error, lock not had within the timeout) raises
:class:`peerclick.errors.RateLimiterUnavailableError`: never an unlimited client.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import filelock
from pyrate_limiter.buckets.sqlite_bucket import Queries

from peerclick._budget_store import (
    Claim,
    check_claims,
    check_key,
    check_max_wait,
    check_seconds,
    earliest_slot,
    micros_bound,
    micros_claims,
    pause_micros,
    to_micros,
)
from peerclick.errors import RateLimiterUnavailableError

__all__ = ["SQLiteBudgetStore", "connect"]

BOOKINGS = "peerclick_budget_bookings"
PAUSES = "peerclick_budget_pauses"
DEFAULT_TIMEOUT = 10.0  # seconds to wait for the file lock / a busy database before giving up
LOCK_POLL = 0.001  # seconds between tries for a contended file lock


def connect(path: Path, *, timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (we write BEGIN ourselves), WAL, with a busy timeout."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {round(timeout * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def check_path(path: object) -> Path:
    if isinstance(path, Path):
        return path
    if not isinstance(path, str) or not path or path == ":memory:":
        raise ValueError(
            f"path must name a database file that several processes can open, got {path!r}"
        )
    return Path(path)


class SQLiteBudgetStore:
    """A BudgetStore in a SQLite file: several processes (and threads) on one machine.

    Args:
        path: the database file; created with its tables when missing. A ``<path>.lock`` file
            beside it is the cross-process lock.
        clock: epoch seconds, the same for every process (``time.time``); tests inject one.
        timeout: seconds to wait for the lock or a busy database before
            :class:`~peerclick.errors.RateLimiterUnavailableError`.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], float] = time.time,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.path = check_path(os.fspath(path) if isinstance(path, os.PathLike) else path)
        if not callable(clock):
            raise TypeError(f"clock must be a callable returning seconds, got {clock!r}")
        self._clock = clock
        self._timeout = check_seconds(timeout)
        self._pid = os.getpid()
        self._file_lock = filelock.FileLock(f"{self.path}.lock", thread_local=False)
        self._lock = threading.Lock()  # one connection, used by one thread at a time
        self._conn: sqlite3.Connection | None = None
        self._closed = False
        with self._transaction() as conn:
            conn.execute(Queries.CREATE_BUCKET_TABLE.format(table=BOOKINGS))
            conn.execute(
                f"CREATE INDEX IF NOT EXISTS {BOOKINGS}_by_name ON {BOOKINGS} "
                "(name, item_timestamp)"
            )
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {PAUSES} (key TEXT PRIMARY KEY, until INTEGER)"
            )

    def reserve(self, key: str, claims: Sequence[Claim], *, max_wait: float | None) -> float | None:
        check_key(key)
        micro_claims = micros_claims(check_claims(claims))
        bound = micros_bound(check_max_wait(max_wait))
        asked = to_micros(self._clock())  # the wait counts from the call, lock waits included
        with self._transaction() as conn:
            now = to_micros(self._clock())
            booked: dict[str, list[int]] = {}
            for name, _limit, period in micro_claims:
                row_name = _row_name(key, name)
                conn.execute(
                    f"DELETE FROM {BOOKINGS} WHERE name = ? AND item_timestamp <= ?",
                    (row_name, now - period),
                )
                rows = conn.execute(
                    f"SELECT item_timestamp FROM {BOOKINGS} WHERE name = ? ORDER BY item_timestamp",
                    (row_name,),
                ).fetchall()
                booked[name] = [int(row[0]) for row in rows]
            paused = conn.execute(f"SELECT until FROM {PAUSES} WHERE key = ?", (key,)).fetchone()
            not_before = now if paused is None else int(paused[0])
            t = earliest_slot(now, not_before, micro_claims, booked, bound)
            if t is None:
                return None
            conn.executemany(
                Queries.PUT_ITEM.format(table=BOOKINGS),
                [(_row_name(key, name), t) for name, _limit, _period in micro_claims],
            )
            return (t - asked) / 1_000_000

    def occupy(self, key: str, claims: Sequence[Claim]) -> None:
        """One more booking of every claim at now, fitting or not (see ``BudgetStore``)."""
        check_key(key)
        micro_claims = micros_claims(check_claims(claims))
        with self._transaction() as conn:
            now = to_micros(self._clock())
            conn.executemany(
                Queries.PUT_ITEM.format(table=BOOKINGS),
                [(_row_name(key, name), now) for name, _limit, _period in micro_claims],
            )

    def pause(self, key: str, seconds: float) -> None:
        check_key(key)
        pause = check_seconds(seconds)
        with self._transaction() as conn:
            until = to_micros(self._clock()) + pause_micros(pause)
            conn.execute(
                f"INSERT INTO {PAUSES} (key, until) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET until = max(until, excluded.until)",
                (key, until),
            )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None and self._pid == os.getpid():  # never the parent's
                self._conn.close()
            self._conn = None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction under the thread lock and the file lock; errors -> ours."""
        self._after_fork()
        with self._lock:
            if self._closed:
                raise RuntimeError("this SQLiteBudgetStore is closed")
            try:
                # filelock polls; its default 50 ms would hold every contended request back.
                self._file_lock.acquire(timeout=self._timeout, poll_interval=LOCK_POLL)
            except filelock.Timeout:
                raise self._unavailable("its lock file stayed locked") from None
            except OSError as exc:
                raise self._unavailable(f"lock file: {type(exc).__name__}") from exc
            try:
                conn = self._connection()
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.rollback()
                    raise
                conn.commit()
            except sqlite3.Error as exc:
                raise self._unavailable(type(exc).__name__ + ": " + str(exc)) from exc
            finally:
                self._file_lock.release()

    def _after_fork(self) -> None:
        """In a forked child: new locks and a new connection (neither may cross fork())."""
        if self._pid == os.getpid():
            return
        self._pid = os.getpid()
        self._lock = threading.Lock()  # the parent's may have been held by another thread
        self._file_lock = filelock.FileLock(f"{self.path}.lock", thread_local=False)
        self._conn = None  # the parent's connection stays the parent's

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path, timeout=self._timeout)
        return self._conn

    def _unavailable(self, why: str) -> RateLimiterUnavailableError:
        return RateLimiterUnavailableError(
            f"the SQLite rate-limit store {str(self.path)!r} failed ({why}); "
            "the request was not sent"
        )

    def __repr__(self) -> str:
        return f"<SQLiteBudgetStore {str(self.path)!r}>"


def _row_name(key: str, budget: str) -> str:
    """One row name per (account key, budget), unambiguous whatever the two contain."""
    return json.dumps([key, budget], ensure_ascii=False)
