"""A file-backed token store (contract C4) so repeated `peerclick` runs reuse a live session.

Each key (from `peerclick._token_store.token_key`: origin + credential kind + access id / email,
never a secret) is one JSON file `<sha256(key)>.json` in the user cache dir, mode 0600 in a 0700
directory, replaced atomically (`_files.write_private_json`), so a cron job and an interactive run
never read half a token. `lock(key)` is a `filelock.FileLock` on a sibling `.lock` file: two runs
starting at once log in once (filelock is the field's cross-platform lock; fcntl alone is POSIX).
A file that cannot be read or parsed counts as "no token", and a cache that cannot be written
(read-only home, full disk) or locked only costs a login: the cache never makes a command fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import filelock

from peerclick._token_store import StoredToken
from peerclick.cli._files import private_dir, read_json, write_private_json

__all__ = ["LOCK_TIMEOUT", "FileTokenStore"]

logger = logging.getLogger("peerclick")

LOCK_TIMEOUT = 60.0
"""Seconds to wait for another run's login before giving up with a clear error."""


class FileTokenStore:
    """Tokens as owner-only files in `directory` (created 0700 on first save)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def __repr__(self) -> str:
        return f"<FileTokenStore {self.directory}>"

    def _path(self, key: str, suffix: str = ".json") -> Path:
        name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]
        return self.directory / f"{name}{suffix}"

    def load(self, key: str) -> StoredToken | None:
        data = read_json(self._path(key))
        if not isinstance(data, dict):
            return None
        token, expires_at = data.get("token"), data.get("expires_at")
        if not isinstance(token, str) or not token:
            return None
        if isinstance(expires_at, bool) or not isinstance(expires_at, int | float):
            return None
        return StoredToken(token=token, expires_at=float(expires_at))

    def save(self, key: str, token: StoredToken) -> None:
        body = {"token": token.token, "expires_at": token.expires_at}
        try:
            write_private_json(self._path(key), body)
        except OSError as exc:
            logger.debug("token cache not written (%s)", exc.strerror or exc)

    def discard(self, key: str, token: str) -> None:
        held = self.load(key)
        if held is not None and held.token == token:
            with contextlib.suppress(OSError):
                os.unlink(self._path(key))

    def lock(self, key: str) -> AbstractContextManager[None]:
        return self._locked(key)

    @contextmanager
    def _locked(self, key: str) -> Iterator[None]:
        lock: filelock.BaseFileLock | None = None
        try:
            private_dir(self.directory)
            lock = filelock.FileLock(
                str(self._path(key, ".lock")), timeout=LOCK_TIMEOUT, mode=0o600
            )
            lock.acquire()
        except OSError as exc:  # filelock.Timeout too: log in without waiting any longer
            logger.debug("token cache not locked (%s)", exc)
            lock = None
        try:
            yield
        finally:
            if lock is not None:
                lock.release()
