"""Session tokens in the budget's backend, so N workers of one account make one login (C4).

:class:`SQLiteTokenStore` (the processes of one machine) and :class:`RedisTokenStore` (every
machine) implement ``peerclick._token_store.TokenStore``: ``load``/``save``/``discard`` plus
``lock(key)``, a real cross-process lock held by the one worker that logs in.

The locks are the field's own: ``filelock`` for SQLite (one lock file per key, beside the
database, named by a hash of the key) and redis-py's ``Lock`` for Redis (``SET NX PX`` with a
random token, released by a compare-and-delete script, expiring on its own if the holder dies).
Each is paired with a per-key thread lock, since neither excludes the threads of one process
that share an instance.

Keys are account keys built from nothing secret (``token_key``); the token itself is stored,
since sharing it is the point, and never appears in a repr or message.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import filelock

from peerclick._budget_store import check_seconds
from peerclick._stores.sqlite import DEFAULT_TIMEOUT, check_path, connect
from peerclick._stores.urls import redact
from peerclick._token_store import StoredToken
from peerclick.errors import RateLimiterUnavailableError

if TYPE_CHECKING:
    import redis

__all__ = ["RedisTokenStore", "SQLiteTokenStore"]

TOKENS = "peerclick_session_tokens"
LOGIN_LOCK_TTL = 120.0  # seconds: a Redis login lock whose holder died frees itself after this
LOGIN_WAIT = 120.0  # seconds to wait for another worker's login before giving up
KEEP_AFTER_EXPIRY = 86_400  # seconds an expired token's Redis key lingers (tidiness only)

DISCARD = """
if redis.call('HGET', KEYS[1], 'token') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def _check_key(key: object) -> str:
    if not isinstance(key, str) or not key:
        raise ValueError(f"key must be a non-empty str, got {key!r}")
    return key


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


class _ThreadLocks:
    """One threading.Lock per key, created on first use."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def __call__(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())


class SQLiteTokenStore:
    """Tokens in a SQLite file (WAL), login lock by ``filelock``; one machine's processes.

    Args:
        path: the database file (may be the budget's: the tables differ).
        timeout: seconds for a busy database; :data:`LOGIN_WAIT` for another worker's login.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = check_path(os.fspath(path) if isinstance(path, os.PathLike) else path)
        self._timeout = check_seconds(timeout)
        self._guard = threading.Lock()
        self._locks = _ThreadLocks()
        self._conn: sqlite3.Connection | None = None
        self._pid = os.getpid()
        with self._db() as conn:
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {TOKENS} "
                "(key TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at REAL NOT NULL)"
            )

    def load(self, key: str) -> StoredToken | None:
        _check_key(key)
        with self._db() as conn:
            row = conn.execute(
                f"SELECT token, expires_at FROM {TOKENS} WHERE key = ?", (key,)
            ).fetchone()
        return None if row is None else StoredToken(token=str(row[0]), expires_at=float(row[1]))

    def save(self, key: str, token: StoredToken) -> None:
        _check_key(key)
        with self._db() as conn:
            conn.execute(
                f"INSERT INTO {TOKENS} (key, token, expires_at) VALUES (?, ?, ?) ON CONFLICT "
                "(key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at",
                (key, token.token, float(token.expires_at)),
            )

    def discard(self, key: str, token: str) -> None:
        _check_key(key)
        with self._db() as conn:
            conn.execute(f"DELETE FROM {TOKENS} WHERE key = ? AND token = ?", (key, token))

    def lock(self, key: str) -> AbstractContextManager[None]:
        return self._login_lock(_check_key(key))

    @contextmanager
    def _login_lock(self, key: str) -> Iterator[None]:
        lock_path = Path(f"{self.path}.login-{_digest(key)}.lock")
        with self._locks(key):
            file_lock = filelock.FileLock(lock_path, thread_local=False)
            try:
                file_lock.acquire(timeout=LOGIN_WAIT)
            except (filelock.Timeout, OSError) as exc:
                raise self._unavailable(type(exc).__name__) from None
            try:
                yield
            finally:
                file_lock.release()

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._guard:
            if self._pid != os.getpid():  # a connection must not cross fork()
                self._conn, self._pid = None, os.getpid()
            try:
                if self._conn is None:
                    self._conn = connect(self.path, timeout=self._timeout)
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.rollback()
                    raise
                self._conn.commit()
            except sqlite3.Error as exc:
                raise self._unavailable(type(exc).__name__) from exc

    def close(self) -> None:
        with self._guard:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None

    def _unavailable(self, why: str) -> RateLimiterUnavailableError:
        return RateLimiterUnavailableError(
            f"the SQLite token store {str(self.path)!r} failed ({why})"
        )

    def __repr__(self) -> str:
        return f"<SQLiteTokenStore {str(self.path)!r}>"


class RedisTokenStore:
    """Tokens in Redis hashes, login lock by redis-py's ``Lock``; every machine's workers.

    Args:
        url: ``redis://[user:password@]host[:port][/db]`` or ``rediss://``.
        namespace: prefix of the keys (``<namespace>:<key>`` and ``<namespace>:<key>:login``).
        timeout: seconds for connecting and each call.
    """

    def __init__(
        self, url: str, *, namespace: str = "peerclick:token", timeout: float = 5.0
    ) -> None:
        from peerclick._stores.redis import redis_client

        if not isinstance(namespace, str) or not namespace:
            raise ValueError(f"namespace must be a non-empty str, got {namespace!r}")
        self._url = url
        self._namespace = namespace
        self._client: redis.Redis = redis_client(url, timeout=check_seconds(timeout))
        self._discard = self._client.register_script(DISCARD)
        self._locks = _ThreadLocks()

    def load(self, key: str) -> StoredToken | None:
        token, expires_at = self._call(self._client.hmget, self._key(key), ["token", "expires_at"])
        if token is None or expires_at is None:
            return None
        return StoredToken(token=token.decode("utf-8"), expires_at=float(expires_at))

    def save(self, key: str, token: StoredToken) -> None:
        name = self._key(key)
        pipe = self._client.pipeline(transaction=True)
        pipe.delete(name)
        pipe.hset(name, mapping={"token": token.token, "expires_at": repr(token.expires_at)})
        pipe.expireat(name, int(token.expires_at) + KEEP_AFTER_EXPIRY)
        self._call(pipe.execute)

    def discard(self, key: str, token: str) -> None:
        self._call(self._discard, keys=[self._key(key)], args=[token])

    def lock(self, key: str) -> AbstractContextManager[None]:
        return self._login_lock(self._key(key))

    @contextmanager
    def _login_lock(self, name: str) -> Iterator[None]:
        import redis

        lock = self._client.lock(
            f"{name}:login",
            timeout=LOGIN_LOCK_TTL,
            sleep=0.05,
            blocking_timeout=LOGIN_WAIT,
            thread_local=False,
        )
        with self._locks(name):
            try:
                got = lock.acquire()
            except redis.RedisError as exc:
                raise self._unavailable(exc) from None
            if not got:
                raise RateLimiterUnavailableError(
                    f"another worker held the login lock in {redact(self._url)} for over "
                    f"{LOGIN_WAIT:g}s"
                )
            try:
                yield
            finally:
                # Expired, or Redis gone: either way the lock frees itself after its TTL.
                with suppress(redis.RedisError):
                    lock.release()

    def close(self) -> None:
        self._client.close()

    def _key(self, key: str) -> str:
        return f"{self._namespace}:{_check_key(key)}"

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        import redis

        try:
            return fn(*args, **kwargs)
        except redis.RedisError as exc:
            raise self._unavailable(exc) from None

    def _unavailable(self, exc: BaseException) -> RateLimiterUnavailableError:
        return RateLimiterUnavailableError(
            f"the Redis token store {redact(self._url)} failed ({type(exc).__name__})"
        )

    def __repr__(self) -> str:
        return f"<RedisTokenStore {redact(self._url)}>"
