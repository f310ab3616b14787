"""Global options (--base-url, --api-version, --debug), `run()`, and Ctrl-C in process."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from peerclick.cli import Seams, run
from peerclick.testing import FakePeerClick
from tests.cli.conftest import FAST, Cli


def test_api_version_changes_the_path_prefix(cli: Cli, fake: FakePeerClick) -> None:
    """--api-version v1 sends /v1/... (the fake serves both prefixes)."""
    out = cli("--api-version", "v1", "offers", "list", "--format", "json")
    assert out.exit_code == 0, out.stderr
    assert {r.version for r in fake.requests} == {"v1"}


def test_base_url_is_used_and_checked(cli: Cli, fake: FakePeerClick) -> None:
    """--base-url reaches the client; a plain-http one off loopback is a usage error (exit 2)."""
    ok = cli("--base-url", "https://api.example.test", "auth", "check")
    assert ok.exit_code == 0, ok.stderr
    assert "base URL: https://api.example.test/v1_1" in ok.stdout
    bad = cli("--base-url", "http://api.example.test", "offers", "list")
    assert bad.exit_code == 2
    assert "https" in bad.stderr


def test_base_url_from_the_environment(cli: Cli, fake: FakePeerClick) -> None:
    """PEERCLICK_BASE_URL is read as the library reads it."""
    env = {**cli.env, "PEERCLICK_BASE_URL": "https://env.example.test"}
    out = cli("auth", "check", env=env)
    assert out.exit_code == 0 and "https://env.example.test/v1_1" in out.stdout


def test_debug_adds_a_traceback_in_process(cli: Cli) -> None:
    """--debug: the traceback, then the same one-line error; without it, the line alone."""
    plain = cli("offers", "get", "777")
    debug = cli("--debug", "offers", "get", "777")
    assert plain.exit_code == debug.exit_code == 1
    assert "Traceback" not in plain.stderr
    assert "Traceback" in debug.stderr
    assert debug.stderr.strip().splitlines()[-1] == plain.stderr.strip()


def test_run_returns_exit_codes(fake: FakePeerClick, monkeypatch: pytest.MonkeyPatch) -> None:
    """`peerclick.cli.run` is what the console script calls: it returns, it does not exit."""
    monkeypatch.setenv("PEERCLICK_ACCESS_ID", fake.access_id)
    monkeypatch.setenv("PEERCLICK_ACCESS_KEY", fake.access_key)
    seams = Seams(transport=fake.transport(), client_options=FAST)
    assert run(["--help"]) == 0
    assert run(["offers", "list"], seams=seams) == 0
    assert run(["offers", "get", "31337"], seams=seams) == 1
    assert run(["offers", "frobnicate"], seams=seams) == 2


class _Interrupting(httpx.BaseTransport):
    """Answers from the fake, then behaves as if Ctrl-C arrived during the n-th report request."""

    def __init__(self, fake: FakePeerClick, after: int) -> None:
        self.inner = fake.transport()
        self.reports = 0
        self.after = after

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/report"):
            self.reports += 1
            if self.reports > self.after:
                raise KeyboardInterrupt
        return self.inner.handle_request(request)


@pytest.mark.parametrize(("fmt", "pages"), [("csv", 1), ("jsonl", 1), ("json", 0)])
def test_ctrl_c_exits_130_and_keeps_the_old_file(
    cli: Cli, fake: FakePeerClick, tmp_path: Path, fmt: str, pages: int
) -> None:
    """KeyboardInterrupt after `pages` pages: exit 130, 'interrupted', the old file intact."""
    base = tmp_path
    target = base / f"report.{fmt}"
    target.write_text("old\n")
    seams = cli.seams(transport=_Interrupting(fake, after=pages))
    out = cli(
        "report", "--group-by", "campaign,day", "--from", "2026-11-20", "--to", "2026-11-26",
        "--format", fmt, "--page-size", "5", "--output", str(target), seams=seams,
    )  # fmt: skip
    assert out.exit_code == 130
    assert out.stderr.strip() == "interrupted"
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in base.iterdir() if p.name != "cache") == [target.name]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_streamed_formats_write_rows_before_the_report_is_complete(
    cli: Cli, fake: FakePeerClick, fmt: str
) -> None:
    """Interrupted during page 3 of a stdout export, the rows of pages 1 and 2 are already out:
    CSV and JSONL are written page by page, not gathered in memory first."""
    seams = cli.seams(transport=_Interrupting(fake, after=2))
    out = cli(
        "report", "--group-by", "campaign,day", "--from", "2026-11-20", "--to", "2026-11-26",
        "--format", fmt, "--page-size", "4", seams=seams,
    )  # fmt: skip
    assert out.exit_code == 130
    lines = out.stdout.splitlines()
    assert len(lines) == (1 + 8 if fmt == "csv" else 8)  # a header, then two pages of 4 rows
