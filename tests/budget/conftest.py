"""Fixtures for the budget stores: a factory per backend and a real, throwaway redis-server.

The redis-server is the Debian package (``make redis`` installs it; ``make test`` depends on
that target). It is started on a free loopback port with no persistence and stopped afterwards.
A missing binary fails the tests loudly: nothing here is skipped.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from peerclick._budget_store import BudgetStore, MemoryBudgetStore

StoreFactory = Callable[[Callable[[], float]], BudgetStore]

REDIS_START_TIMEOUT = 10.0
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when its parent dies


def _die_with_parent() -> None:
    """Runs in the child before exec: a test run that is killed takes its redis-server along
    (its fixtures' finalizers never run then, and the server would be orphaned)."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class RedisServer:
    """One redis-server process on 127.0.0.1 (no RDB, no AOF), with its URL."""

    def __init__(self, workdir: Path, *, password: str | None = None) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(
                "redis-server is not installed: run `make redis` (Debian package redis-server)"
            )
        self.port = free_port()
        self.password = password
        auth = f":{password}@" if password else ""
        self.url = f"redis://{auth}127.0.0.1:{self.port}/0"
        extra = ["--requirepass", password] if password else []
        self.process = subprocess.Popen(
            [
                binary,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(workdir),
                "--daemonize", "no",
                *extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )  # fmt: skip
        deadline = time.monotonic() + REDIS_START_TIMEOUT
        while not self.ping():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.02)

    def command(self, *words: str) -> bytes:
        """One command over a raw socket (so the fixture needs no client library)."""
        auth = f"AUTH {self.password}\r\n" if self.password else ""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
            sock.sendall((auth + " ".join(words) + "\r\n").encode())
            reply = b""
            while reply.count(b"\r\n") < (2 if auth else 1):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                reply += chunk
            return reply.split(b"\r\n")[-2]

    def ping(self) -> bool:
        try:
            return self.command("PING") == b"+PONG"
        except OSError:
            return False

    def flush(self) -> None:
        self.command("FLUSHALL")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """A clean database on the session's redis-server."""
    redis_server.flush()
    return redis_server.url


@pytest.fixture(params=["memory", "sqlite", "redis"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """Builds stores of one backend on a given clock; closes them after the test."""
    made: list[BudgetStore] = []
    counter = itertools.count()
    kind = request.param
    url = request.getfixturevalue("redis_url") if kind == "redis" else ""

    def make(clock: Callable[[], float]) -> BudgetStore:
        store: BudgetStore
        if kind == "memory":
            store = MemoryBudgetStore(clock=clock)
        elif kind == "sqlite":
            from peerclick._stores.sqlite import SQLiteBudgetStore

            store = SQLiteBudgetStore(tmp_path / f"budget{next(counter)}.sqlite", clock=clock)
        else:
            from peerclick._stores.redis import RedisBudgetStore

            store = RedisBudgetStore(url, clock=clock, namespace=f"t{next(counter)}")
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()
