"""The installed `peerclick` console script in a subprocess, against the fake over real HTTP.

Here the CLI meets what a user's shell gives it: a real socket on 127.0.0.1, environment variables,
exit codes, signals, pipes and terminals.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from peerclick.testing import FakeServer
from tests.cli.conftest import SCRIPT, make_fake, run_script, script_env

REPORT = [
    "report", "--group-by", "campaign,day", "--from", "2026-11-20", "--to", "2026-11-26",
    "--columns", "visits,conversions,revenue",
]  # fmt: skip
WAIT = 30.0  # seconds a subprocess may take to get somewhere; never reached when things work


def wait_for(condition: object, what: str) -> None:
    """Poll `condition()` until true (a readiness signal, not a timing assertion)."""
    assert callable(condition)
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_entities_over_http(server: FakeServer, tmp_path: Path) -> None:
    """`peerclick campaigns list --format json` over loopback HTTP: exit 0, the API's objects."""
    done = run_script(
        ["campaigns", "list", "--format", "json"], script_env(server, tmp_path), tmp_path
    )
    assert done.returncode == 0, done.stderr
    names = [c["name"] for c in json.loads(done.stdout)]
    assert "iPhone sweeps US" in names
    assert done.stderr == ""


def test_report_csv_to_a_file_over_http(server: FakeServer, tmp_path: Path) -> None:
    """A paged CSV export to --output: the file holds every row; stdout and stderr stay empty."""
    target = tmp_path / "report.csv"
    args = [*REPORT, "--format", "csv", "--page-size", "10", "--output", str(target)]
    done = run_script(args, script_env(server, tmp_path), tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert len(rows) > 10
    assert len(server.fake.requests_to("/report")) >= 2


def test_api_error_over_http_is_one_line_and_exit_1(server: FakeServer, tmp_path: Path) -> None:
    """A 404 from the server: exit 1, one stderr line with the status, no traceback."""
    done = run_script(["offers", "get", "424242"], script_env(server, tmp_path), tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "404" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_debug_prints_the_traceback(server: FakeServer, tmp_path: Path) -> None:
    """--debug adds the traceback before the same one-line error."""
    done = run_script(
        ["--debug", "offers", "get", "424242"], script_env(server, tmp_path), tmp_path
    )
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "NotFoundError" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error: ")


def test_network_error_exits_1(server: FakeServer, tmp_path: Path) -> None:
    """Nothing listens on the port: an API/network error (exit 1), said in one line."""
    with socket.socket() as held:  # bound, never listening: connections are refused
        held.bind(("127.0.0.1", 0))
        env = script_env(
            server, tmp_path, PEERCLICK_BASE_URL=f"http://127.0.0.1:{held.getsockname()[1]}"
        )
        done = run_script(["--no-token-cache", "offers", "list"], env, tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert len(done.stderr.strip().splitlines()) == 1


def test_no_secret_in_any_output(server: FakeServer, tmp_path: Path) -> None:
    """Across success, API errors and --debug tracebacks, neither key nor token is printed."""
    env = script_env(server, tmp_path)
    outputs = [
        run_script(args, env, tmp_path)
        for args in (["auth", "check"], ["--debug", "offers", "get", "999"], ["offers", "list"])
    ]
    tokens = [s.token for s in server.fake.sessions.all()]
    assert tokens
    for done in outputs:
        for secret in [server.fake.access_key, *tokens]:
            assert secret not in done.stdout and secret not in done.stderr


def test_python_dash_m_peerclick(tmp_path: Path) -> None:
    """`python -m peerclick --help` works like the console script."""
    done = subprocess.run(
        [sys.executable, "-m", "peerclick", "--help"], capture_output=True, text=True, timeout=WAIT
    )
    assert done.returncode == 0
    assert "report" in done.stdout and "costs" in done.stdout


@pytest.mark.parametrize("module", ["typer", "rich", "platformdirs", "yaml"])
def test_without_the_extra_it_says_how_to_get_it(module: str) -> None:
    """A dependency of the extra missing: the pip command, exit 2, no traceback."""
    code = (
        f"import sys; sys.modules[{module!r}] = None\n"
        "from peerclick.__main__ import main\n"
        "sys.exit(main(['--help']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=WAIT
    )
    assert done.returncode == 2
    assert "pip install 'peerclick[cli]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_c_mid_export_exits_130_and_leaves_no_partial_file(tmp_path: Path) -> None:
    """SIGINT while the second page is in flight: exit 130, the old file untouched, no temp."""
    fake = make_fake()
    fake.faults.delay(0.0, times=1, path="/report")  # the first page answers at once
    fake.faults.delay(WAIT, times=None, path="/report")  # later pages hang until the signal
    target = tmp_path / "report.csv"
    target.write_text("the previous export\n")
    with FakeServer(fake) as server:
        args = [*REPORT, "--format", "csv", "--page-size", "5", "--output", str(target)]
        proc = subprocess.Popen(
            [str(SCRIPT), *args],
            env=script_env(server, tmp_path / "cache"),
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for(lambda: len(fake.requests_to("/report")) >= 2, "the second page's request")
            assert list(tmp_path.glob(".report.csv.*.part")), "the export is under way"
            proc.send_signal(signal.SIGINT)
            _, stderr = proc.communicate(timeout=WAIT)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert proc.returncode == 130, stderr
    assert stderr.strip() == "interrupted"
    assert target.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["report.csv"]


def test_progress_bar_only_on_a_terminal(server: FakeServer, tmp_path: Path) -> None:
    """With stderr on a pseudo-terminal the report draws a progress bar there; stdout is the CSV."""
    master, slave = pty.openpty()
    args = [*REPORT, "--format", "csv", "--page-size", "10"]
    env = script_env(server, tmp_path) | {"COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen(
        [str(SCRIPT), *args], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=slave
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:  # read the terminal while the command runs, so it never blocks on it
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the command closed its end
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        data, _ = proc.communicate(timeout=WAIT)
        reader.join(WAIT)
    finally:
        os.close(master)
    drawn = b"".join(chunks)
    assert proc.returncode == 0
    assert b"rows" in drawn and b"report" in drawn
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert rows
    assert f"{len(rows)}/{len(rows)}".encode() in drawn


def test_sandbox_serve_runs_the_fake_until_ctrl_c(tmp_path: Path) -> None:
    """`peerclick sandbox serve --port 0` prints its settings, serves commands, stops on SIGINT."""
    log = (tmp_path / "sandbox.log").open("w")
    proc = subprocess.Popen(
        [str(SCRIPT), "sandbox", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        assert proc.stdout is not None
        settings = {}
        while len(settings) < 6:
            line = proc.stdout.readline()
            assert line, (tmp_path / "sandbox.log").read_text()
            name, _, value = line.strip().partition("=")
            settings[name] = value
        assert settings["PEERCLICK_BASE_URL"].startswith("http://127.0.0.1:")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PEERCLICK_")}
        env |= {
            k: settings[k]
            for k in ("PEERCLICK_BASE_URL", "PEERCLICK_ACCESS_ID", "PEERCLICK_ACCESS_KEY")
        }
        env["PEERCLICK_CACHE_DIR"] = str(tmp_path)
        done = run_script(["offers", "list", "--format", "json"], env, tmp_path)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        log.close()
    assert proc.returncode == 0
    assert "PEERCLICK_STOPPED=1" in rest


def test_costs_sync_resumes_across_processes(tmp_path: Path) -> None:
    """Cron-style: run 1 sends 3 updates and stops at the hourly limit (exit 1); an hour later
    (the fake's clock) run 2, a new process, sends the other 2 only. One login for both runs."""
    fake = make_fake(history_days=120)
    rows = "".join(f"1,2026-11-{d:02d},2026-11-{d + 1:02d},{d}\n" for d in range(10, 15))
    path = tmp_path / "costs.csv"
    path.write_text("campaign,from,to,cost\n" + rows)
    with FakeServer(fake) as server:
        env = script_env(server, tmp_path / "cache")
        first = run_script(["costs", "sync", str(path), "--no-wait"], env, tmp_path)
        assert first.returncode == 1, first.stderr
        assert "run again after" in first.stderr
        fake.clock.advance(3601)  # type: ignore[attr-defined]
        second = run_script(["costs", "sync", str(path), "--no-wait"], env, tmp_path)
    assert second.returncode == 0, second.stderr
    assert "2 sent, 3 skipped" in second.stdout
    statuses = [r.status for r in fake.requests_to("/report/manual-cost", "POST")]
    assert statuses == [202] * 5
    assert len(fake.requests_to("/auth/access/session", "POST")) == 1  # the token cache


def test_a_closed_pipe_ends_quietly(server: FakeServer, tmp_path: Path) -> None:
    """`peerclick report --format jsonl | head -1`: no 'Broken pipe' error, exit 0."""
    env = script_env(server, tmp_path)
    hourly = ["--group-by", "campaign,hour", "--from", "2026-11-20", "--to", "2026-11-26"]
    # ~200 kB of rows: far more than a pipe buffer holds, so writing must hit the closed pipe.
    args = [str(SCRIPT), "report", *hourly, "--format", "jsonl"]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `head -1` does
    err = proc.stderr.read()
    proc.wait(timeout=WAIT)
    assert json.loads(first)
    assert proc.returncode == 0, err
    assert b"Broken pipe" not in err and b"Traceback" not in err


def test_the_limiter_url_is_taken_from_the_environment(server: FakeServer, tmp_path: Path) -> None:
    """PEERCLICK_LIMITER_URL works as in the library: a SQLite budget file shared by runs."""
    budget = tmp_path / "budget.db"
    env = script_env(server, tmp_path, PEERCLICK_LIMITER_URL=f"sqlite:///{budget}")
    done = run_script(["offers", "list", "--format", "json"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert budget.is_file()
