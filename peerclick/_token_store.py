"""Where session tokens live between requests, workers and processes (contract C4).

`SessionAuth` keeps the current token in memory. Give a client `token_store=` and many clients
(threads, processes, machines) of one account share one token: the first one that needs a token
takes `store.lock(key)`, loads again (another worker may have logged in meanwhile), and only then
logs in and saves. A 401 discards only the token that failed (`discard(key, token)`), so a worker
holding a stale token cannot throw away the fresh one another worker just saved.

The key names the account, never a secret: :func:`token_key` hashes the base URL's origin, the
kind of credentials and the access id / email.

:class:`MemoryTokenStore` is the in-process implementation (one dict, one lock per key); shared
stores (SQLite, Redis, a file) implement the same four methods.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol, runtime_checkable

import attrs

__all__ = ["MemoryTokenStore", "StoredToken", "TokenStore", "token_key"]


@attrs.frozen
class StoredToken:
    """A session token and when it stops being usable.

    Attributes:
        token: the `api-token` value (never shown in a repr).
        expires_at: epoch seconds after which the token must not be sent any more.
    """

    token: str = attrs.field(repr=False)
    expires_at: float


@runtime_checkable
class TokenStore(Protocol):
    """What SessionAuth needs from a place that holds tokens."""

    def load(self, key: str) -> StoredToken | None:
        """The token saved under `key`, or None."""
        ...

    def save(self, key: str, token: StoredToken) -> None:
        """Keep `token` under `key`, replacing what was there."""
        ...

    def discard(self, key: str, token: str) -> None:
        """Forget the token under `key` only if it is still `token`."""
        ...

    def lock(self, key: str) -> AbstractContextManager[None]:
        """A lock held by at most one worker per key: the one that logs in."""
        ...


def token_key(origin: str, kind: str, identity: str | None) -> str:
    """A stable key for one account at one origin; built from nothing secret."""
    raw = f"{origin}\x00{kind}\x00{identity or ''}"
    return "peerclick-token-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


class MemoryTokenStore:
    """A TokenStore for the clients of one process (threads and event loops alike)."""

    def __init__(self) -> None:
        self._tokens: dict[str, StoredToken] = {}
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def __repr__(self) -> str:
        return f"<MemoryTokenStore keys={len(self._tokens)}>"

    def load(self, key: str) -> StoredToken | None:
        with self._guard:
            return self._tokens.get(key)

    def save(self, key: str, token: StoredToken) -> None:
        with self._guard:
            self._tokens[key] = token

    def discard(self, key: str, token: str) -> None:
        with self._guard:
            held = self._tokens.get(key)
            if held is not None and held.token == token:
                del self._tokens[key]

    def lock(self, key: str) -> AbstractContextManager[None]:
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        return _held(lock)


@contextmanager
def _held(lock: threading.Lock) -> Iterator[None]:
    with lock:
        yield
