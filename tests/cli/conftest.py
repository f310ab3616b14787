"""Drive the `peerclick` command line against the fake: in process and as a real subprocess.

In process, `CliRunner` invokes the typer app with `Seams(transport=fake.transport())`, the seam
`peerclick.cli` documents. Over HTTP, the fake runs behind its loopback server and the installed
console script runs in a subprocess with PEERCLICK_BASE_URL pointing at it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
import pytest
from typer.testing import CliRunner

from peerclick.cli import Seams, app
from peerclick.testing import FakeClock, FakePeerClick, FakeServer, Rules

CREDENTIAL_VARS = (
    "PEERCLICK_ACCESS_ID",
    "PEERCLICK_ACCESS_KEY",
    "PEERCLICK_EMAIL",
    "PEERCLICK_PASSWORD",
    "PEERCLICK_TOKEN",
    "PEERCLICK_BASE_URL",
    "PEERCLICK_LIMITER_URL",
    "PEERCLICK_CACHE_DIR",
    "PEERCLICK_LOG",
)
FAST = {"rate_limits": {"general": 1000, "report": 1000}}
TEN_YEARS = 10 * 365 * 86400.0
SCRIPT = Path(sys.executable).with_name("peerclick")


@attrs.frozen
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


def make_fake(**options: object) -> FakePeerClick:
    """A fake on a fixed day (reports are the same every run), tokens that outlive the test.

    Each fake has its own access id and email: clients of one account share a budget and a
    manual-cost history within a process, and tests must not share them.
    """
    account = uuid.uuid4().hex[:12]
    defaults: dict[str, object] = {
        "access_keys": {f"cli-{account}": f"key-{account}"},
        "users": {f"{account}@cli.test": f"password-{account}"},
        "clock": FakeClock(),
        "token_lifetime": TEN_YEARS,
        "rate_limits": None,
        "rules": Rules(unknown_click_ids="ignore"),
    }
    return FakePeerClick(**(defaults | options))  # type: ignore[arg-type]


@pytest.fixture
def fake() -> FakePeerClick:
    return make_fake()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting from the developer's shell leaks in; the cache goes to tmp."""
    for name in CREDENTIAL_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PEERCLICK_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


class Cli:
    """`cli("report", ...)`: one in-process run against `fake`, logged in with its access key."""

    def __init__(self, fake: FakePeerClick, cache_dir: Path) -> None:
        self.fake = fake
        self.cache_dir = cache_dir
        self.env = {
            "PEERCLICK_ACCESS_ID": fake.access_id,
            "PEERCLICK_ACCESS_KEY": fake.access_key,
        }

    def seams(self, **changes: object) -> Seams:
        """In process on the fake's transport; the client and `costs sync` on the fake's clock."""
        clock = self.fake.clock
        base = Seams(
            transport=self.fake.transport(),
            client_options={**FAST, "clock": clock},
            cache_dir=self.cache_dir,
            sleep=clock.sleep if isinstance(clock, FakeClock) else time.sleep,
        )
        return attrs.evolve(base, **changes)

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, seams: Seams | None = None
    ) -> Outcome:
        runner = CliRunner()
        result = runner.invoke(
            app,
            list(args),
            env=self.env if env is None else env,
            obj=seams or self.seams(),
            catch_exceptions=False,
        )
        return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli(fake: FakePeerClick, cache_dir: Path) -> Cli:
    return Cli(fake, cache_dir)


@pytest.fixture
def server(fake: FakePeerClick) -> Iterator[FakeServer]:
    with FakeServer(fake) as running:
        yield running


def script_env(server: FakeServer, cache_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a console-script run against `server` (nothing else inherited)."""
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIAL_VARS}
    env.update(
        PEERCLICK_BASE_URL=server.base_url,
        PEERCLICK_ACCESS_ID=server.fake.access_id,
        PEERCLICK_ACCESS_KEY=server.fake.access_key,
        PEERCLICK_CACHE_DIR=str(cache_dir),
    )
    env.update(extra)
    return env


def run_script(
    args: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 60.0
) -> subprocess.CompletedProcess[str]:
    """The installed `peerclick` console script, as a user runs it."""
    return subprocess.run(
        [str(SCRIPT), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
