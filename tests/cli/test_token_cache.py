"""The token cache: a file-backed TokenStore (contract C4) that lets repeated runs reuse a token."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import filelock
import pytest

from peerclick._token_store import StoredToken, TokenStore
from peerclick.cli._token_cache import FileTokenStore
from peerclick.testing import FakePeerClick
from tests.cli.conftest import Cli, make_fake

KEY = "peerclick-token-0123456789abcdef"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


class TestFileTokenStore:
    def test_is_a_token_store(self, tmp_path: Path) -> None:
        """It satisfies the C4 protocol SessionAuth consumes."""
        assert isinstance(FileTokenStore(tmp_path), TokenStore)

    def test_save_then_load(self, tmp_path: Path) -> None:
        """What is saved under a key loads back; another key has nothing."""
        store = FileTokenStore(tmp_path / "tokens")
        store.save(KEY, StoredToken("tok-1", 1234.5))
        assert store.load(KEY) == StoredToken("tok-1", 1234.5)
        assert store.load(KEY + "-other") is None

    def test_files_are_owner_only(self, tmp_path: Path) -> None:
        """The directory is 0700 and every token file 0600, whatever the umask."""
        old = os.umask(0o000)
        try:
            store = FileTokenStore(tmp_path / "tokens")
            store.save(KEY, StoredToken("tok-1", 1.0))
        finally:
            os.umask(old)
        assert mode(tmp_path / "tokens") == 0o700
        files = list((tmp_path / "tokens").iterdir())
        assert len(files) == 1 and mode(files[0]) == 0o600

    def test_the_file_name_is_not_the_key_or_a_secret(self, tmp_path: Path) -> None:
        """Files are named by a hash of the key; no temp file is left after a save."""
        store = FileTokenStore(tmp_path)
        store.save(KEY, StoredToken("tok-secret", 1.0))
        (only,) = tmp_path.iterdir()
        assert KEY not in only.name and "tok-secret" not in only.name
        assert only.suffix == ".json"

    def test_discard_forgets_only_the_named_token(self, tmp_path: Path) -> None:
        """discard(key, old) leaves a newer token alone; discard(key, current) removes it."""
        store = FileTokenStore(tmp_path)
        store.save(KEY, StoredToken("new", 1.0))
        store.discard(KEY, "old")
        assert store.load(KEY) == StoredToken("new", 1.0)
        store.discard(KEY, "new")
        assert store.load(KEY) is None
        store.discard(KEY, "new")  # nothing there: no error

    @pytest.mark.parametrize(
        "content", ["", "{", "[]", '{"token": 5, "expires_at": 1}', '{"token": "t"}']
    )
    def test_a_damaged_file_counts_as_no_token(self, tmp_path: Path, content: str) -> None:
        """A cache file that is not what we wrote is ignored (and overwritten by the next save)."""
        store = FileTokenStore(tmp_path)
        store.save(KEY, StoredToken("t", 1.0))
        (path,) = tmp_path.glob("*.json")
        path.write_text(content)
        assert store.load(KEY) is None

    def test_lock_excludes_a_second_holder(self, tmp_path: Path) -> None:
        """While lock(key) is held, nobody else can take it; after release, anyone can."""
        store = FileTokenStore(tmp_path)
        lock_path = store._path(KEY, ".lock")
        held = threading.Event()
        release = threading.Event()

        def holder() -> None:
            with store.lock(KEY):
                held.set()
                release.wait(10)

        thread = threading.Thread(target=holder)
        thread.start()
        try:
            assert held.wait(10)
            with pytest.raises(filelock.Timeout):
                filelock.FileLock(str(lock_path), timeout=0).acquire()
        finally:
            release.set()
            thread.join(10)
        with FileTokenStore(tmp_path).lock(KEY):
            pass  # free again
        assert mode(lock_path) == 0o600


def logins(fake: FakePeerClick) -> int:
    return len(fake.requests_to("/auth/access/session", "POST"))


class TestCacheAcrossRuns:
    def test_a_second_run_reuses_the_token(
        self, cli: Cli, fake: FakePeerClick, cache_dir: Path
    ) -> None:
        """Two commands, one login: the token is read from the cache dir the second time."""
        assert cli("offers", "list").exit_code == 0
        assert cli("campaigns", "list").exit_code == 0
        assert logins(fake) == 1
        files = list((cache_dir / "tokens").glob("*.json"))
        assert len(files) == 1 and mode(files[0]) == 0o600
        assert mode(cache_dir / "tokens") == 0o700
        saved = json.loads(files[0].read_text())
        assert saved["token"] in {s.token for s in fake.sessions.all()}

    def test_no_token_cache_logs_in_every_time_and_writes_nothing(
        self, cli: Cli, fake: FakePeerClick, cache_dir: Path
    ) -> None:
        """--no-token-cache: a login per run, no token file."""
        assert cli("--no-token-cache", "offers", "list").exit_code == 0
        assert cli("--no-token-cache", "offers", "list").exit_code == 0
        assert logins(fake) == 2
        assert not (cache_dir / "tokens").exists()

    def test_a_revoked_cached_token_is_replaced(
        self, cli: Cli, fake: FakePeerClick, cache_dir: Path
    ) -> None:
        """The server forgot the cached token: the run logs in again and caches the new one."""
        assert cli("offers", "list").exit_code == 0
        (path,) = (cache_dir / "tokens").glob("*.json")
        old = json.loads(path.read_text())["token"]
        fake.revoke(old)
        assert cli("offers", "list").exit_code == 0
        assert logins(fake) == 2
        assert json.loads(path.read_text())["token"] != old

    def test_accounts_do_not_share_a_cache_entry(self, cache_dir: Path) -> None:
        """Two access ids at one origin get two cache files (the key names the account)."""
        fake = make_fake(access_keys={"id-a": "key-a", "id-b": "key-b"})
        cli = Cli(fake, cache_dir)
        for access_id, key in (("id-a", "key-a"), ("id-b", "key-b")):
            env = {"PEERCLICK_ACCESS_ID": access_id, "PEERCLICK_ACCESS_KEY": key}
            assert cli("offers", "list", env=env).exit_code == 0
        assert len(list((cache_dir / "tokens").glob("*.json"))) == 2
        for path in (cache_dir / "tokens").iterdir():
            assert "key-a" not in path.read_text() and "key-b" not in path.read_text()


def test_an_unusable_cache_dir_costs_only_a_login(fake: FakePeerClick, tmp_path: Path) -> None:
    """The cache location is a file, not a directory: commands still work, each logs in."""
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("")
    cli = Cli(fake, blocked)
    assert cli("offers", "list").exit_code == 0
    assert cli("offers", "list").exit_code == 0
    assert logins(fake) == 2
