"""open_budget_store / open_token_store: which backend a URL names, and clear refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from peerclick._budget_store import MemoryBudgetStore, open_budget_store
from peerclick._stores.redis import RedisBudgetStore
from peerclick._stores.sqlite import SQLiteBudgetStore
from peerclick._stores.tokens import RedisTokenStore, SQLiteTokenStore
from peerclick._stores.urls import open_token_store
from peerclick._token_store import MemoryTokenStore
from peerclick.errors import ConfigurationError

BAD_URLS = [
    "",
    "   ",
    "postgres://user:hunter2-pw@db/x",
    "http://user:hunter2-pw@127.0.0.1/",
    "memory://somewhere",
    "sqlite://host/file.db",
    "sqlite:///",
    "sqlite:///x.db?mode=ro",
    "redis://:hunter2-pw@127.0.0.1:6379/not-a-db",
    "redis://:hunter2-pw@127.0.0.1:port/0",
    "redis:///0",
    "hunter2-pw@127.0.0.1",
]


class TestOpenBudgetStore:
    def test_memory(self) -> None:
        """memory:// is the in-process store."""
        store = open_budget_store("memory://")
        assert isinstance(store, MemoryBudgetStore)

    def test_sqlite_absolute(self, tmp_path: Path) -> None:
        """sqlite:////abs/path opens that file."""
        store = open_budget_store(f"sqlite:///{tmp_path}/b.sqlite")
        assert isinstance(store, SQLiteBudgetStore)
        assert store.path == tmp_path / "b.sqlite"
        assert (tmp_path / "b.sqlite").exists()
        store.close()

    def test_sqlite_relative(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """sqlite:///rel/path is relative to the working directory."""
        monkeypatch.chdir(tmp_path)
        store = open_budget_store("sqlite:///rel/b.sqlite")
        assert isinstance(store, SQLiteBudgetStore)
        assert (tmp_path / "rel" / "b.sqlite").exists()
        store.close()

    @pytest.mark.parametrize(
        "url", ["redis://127.0.0.1:6390/2", "rediss://:pw-x@127.0.0.1:6390/0", "redis://localhost"]
    )
    def test_redis(self, url: str) -> None:
        """redis:// and rediss:// are the Redis store (connected on first use)."""
        store = open_budget_store(url)
        assert isinstance(store, RedisBudgetStore)
        assert "pw-x" not in repr(store)
        store.close()

    @pytest.mark.parametrize("url", BAD_URLS)
    def test_refused(self, url: str) -> None:
        """Anything else names the setting and the env var, and never repeats a password."""
        with pytest.raises(ConfigurationError) as caught:
            open_budget_store(url)
        message = str(caught.value)
        assert "limiter" in message and "PEERCLICK_LIMITER_URL" in message
        assert "hunter2" not in message

    def test_not_a_str(self) -> None:
        """A non-str is a TypeError."""
        with pytest.raises(TypeError, match="limiter"):
            open_budget_store(3)  # type: ignore[arg-type]


class TestOpenTokenStore:
    def test_kinds(self, tmp_path: Path) -> None:
        """The same URLs give the matching token stores."""
        assert isinstance(open_token_store("memory://"), MemoryTokenStore)
        sqlite_store = open_token_store(f"sqlite:///{tmp_path}/t.sqlite")
        assert isinstance(sqlite_store, SQLiteTokenStore)
        sqlite_store.close()
        redis_store = open_token_store("redis://127.0.0.1:6390/0")
        assert isinstance(redis_store, RedisTokenStore)
        redis_store.close()

    @pytest.mark.parametrize("url", BAD_URLS)
    def test_refused(self, url: str) -> None:
        """Anything else names the token_store setting, without a password."""
        with pytest.raises(ConfigurationError) as caught:
            open_token_store(url)
        assert "token_store" in str(caught.value)
        assert "hunter2" not in str(caught.value)


def test_import_peerclick_loads_no_backend() -> None:
    """`import peerclick` imports neither the SQLite/Redis stores nor redis-py nor filelock."""
    code = (
        "import sys, peerclick\n"
        "print(sorted(m for m in sys.modules if m.startswith(('peerclick._stores', 'redis', "
        "'filelock'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
