"""The budget rows of `make bench`: real threads and processes against the fake over HTTP.

Rates come from the server's own log (accepted arrivals in the first ``seconds`` from the
first one), call times from the callers. See scripts/bench.py for the goals.
"""

from __future__ import annotations

import multiprocessing
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

THREADS, REPORT_EVERY = 20, 5  # thread g asks for reports when g % 5 == 0: 4 of 20
LATENCY, JITTER = 0.02, 0.02
SKEWS = (-0.6, 0.0, 0.6)
NAMESPACE = "peerclick:bench"

Row = tuple[str, str, str]  # figure, value, goal


# ------------------------------------------------------------------ helpers
def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def start_fake(**kwargs: Any) -> tuple[Any, Any, str]:
    """A FakePeerClick with latency (when the fake has it) served over HTTP, and a note."""
    from peerclick.testing import FakePeerClick, FakeServer

    note = ""
    try:
        fake = FakePeerClick(latency=LATENCY, jitter=JITTER, **kwargs)
    except TypeError:
        fake, note = FakePeerClick(**kwargs), " (fake without latency)"
    return fake, FakeServer(fake).start(), note


def call_loop(pc: Any, report: bool, deadline: float, out: list[tuple[bool, float, str]]) -> None:
    """One bench thread: calls until the deadline, recording (report?, seconds, outcome)."""
    from peerclick_api.api.report import get_report

    while time.monotonic() < deadline:
        started = time.perf_counter()
        outcome = "ok"
        try:
            if report:
                get_report.sync_detailed(
                    client=pc.api, from_="2026-11-20", to="2026-11-26", group_by=["campaign"]
                )
            else:
                pc.offers.get(1)
        except Exception as exc:  # counted, shown as a figure; a bench never stops on one
            outcome = type(exc).__name__
        out.append((report, time.perf_counter() - started, outcome))


def run_threads(pc: Any, indices: Sequence[int], seconds: float) -> list[tuple[bool, float, str]]:
    out: list[tuple[bool, float, str]] = []
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=call_loop, args=(pc, g % REPORT_EVERY == 0, deadline, out))
        for g in indices
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return out


def budget_rows(
    label: str, fake: Any, calls: list[tuple[bool, float, str]], seconds: float
) -> list[Row]:
    """Rates from the server's own log (accepted arrivals), times from the callers."""
    arrivals = fake.requests
    accepted = [r for r in arrivals if r.status not in (None, 429)]
    first = min(r.time for r in accepted)
    inside = [r for r in accepted if r.time < first + seconds]
    reports = [r for r in inside if r.path == "/report" or r.path.startswith("/report/")]
    throttled = sum(1 for r in arrivals if r.status == 429)
    errors = sum(1 for _, _, outcome in calls if outcome != "ok")
    general_times = [t for report, t, _ in calls if not report]
    report_times = [t for report, t, _ in calls if report]
    return [
        (f"{label}: general req/s (all)", f"{len(inside) / seconds:.2f}", ">= 2.91 (2.85 shared)"),
        (f"{label}: report req/s", f"{len(reports) / seconds:.2f}", ">= 0.97"),
        (f"{label}: 429s / failed calls", f"{throttled} / {errors}", "0"),
        (
            f"{label}: general call p50/p99",
            f"{pct(general_times, 0.5):.2f} / {pct(general_times, 0.99):.2f} s",
            "",
        ),
        (
            f"{label}: report call p50/p99",
            f"{pct(report_times, 0.5):.2f} / {pct(report_times, 0.99):.2f} s",
            "",
        ),
    ]


def bench_one_process(seconds: float) -> list[Row]:
    from peerclick import PeerClick
    from peerclick.testing import DEMO_ACCESS_ID, DEMO_ACCESS_KEY

    fake, server, note = start_fake()
    try:
        with PeerClick(
            access_id=DEMO_ACCESS_ID, access_key=DEMO_ACCESS_KEY, base_url=server.base_url
        ) as pc:
            calls = run_threads(pc, range(THREADS), seconds)
    finally:
        server.stop()
    return budget_rows(f"1 process, 20 threads{note}", fake, calls, seconds)


class SkewedClock:
    def __init__(self, offset: float) -> None:
        self.offset = offset

    def __call__(self) -> float:
        return time.monotonic() + self.offset


def process_worker(
    base_url: str, store_url: str, skew: float, indices: list[int], seconds: float, out: Any
) -> None:
    from peerclick import PeerClick, RateLimiter
    from peerclick.testing import DEMO_ACCESS_ID, DEMO_ACCESS_KEY

    clock = SkewedClock(skew) if skew else time.monotonic
    with (
        RateLimiter(store=store_url, namespace=NAMESPACE, clock=clock) as limiter,
        PeerClick(
            access_id=DEMO_ACCESS_ID,
            access_key=DEMO_ACCESS_KEY,
            base_url=base_url,
            limiter=limiter,
        ) as pc,
    ):
        out.put(run_threads(pc, indices, seconds))


def bench_processes(
    seconds: float, store_url: str, label: str, skews: Sequence[float]
) -> list[Row]:
    fake, server, note = start_fake()
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    groups = [[g for g in range(THREADS) if g % 3 == p] for p in range(3)]
    procs = [
        ctx.Process(
            target=process_worker,
            args=(server.base_url, store_url, skews[p], groups[p], seconds, out),
        )
        for p in range(3)
    ]
    try:
        for proc in procs:
            proc.start()
        calls = [call for _ in procs for call in out.get(timeout=seconds + 120)]
        for proc in procs:
            proc.join(timeout=60)
    finally:
        server.stop()
    return budget_rows(f"3 processes over {label}{note}", fake, calls, seconds)


def bench_sqlite(seconds: float) -> list[Row]:
    with tempfile.TemporaryDirectory() as scratch:
        return bench_processes(seconds, f"sqlite:///{scratch}/budget.sqlite", "SQLite", (0, 0, 0))


@contextmanager
def redis_server() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("no redis-server; `make redis` installs it")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory() as scratch:
        args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "no", "--dir", scratch]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(500):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.02)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def bench_redis(seconds: float) -> list[Row]:
    with redis_server() as url:
        return bench_processes(seconds, url, "Redis, clocks +-600 ms", SKEWS)


def bench_interactive(seconds: float) -> list[Row]:
    """Interactive calls every 0.5 s while a low-priority export and bulk calls fill the budget."""
    from peerclick import PeerClick
    from peerclick.testing import DEMO_ACCESS_ID, DEMO_ACCESS_KEY

    _fake, server, note = start_fake()
    times: list[float] = []
    deadline = time.monotonic() + seconds
    try:
        with PeerClick(
            access_id=DEMO_ACCESS_ID, access_key=DEMO_ACCESS_KEY, base_url=server.base_url
        ) as pc:
            low = pc.with_options(priority="low")

            def export() -> None:
                with tempfile.TemporaryDirectory() as scratch:
                    while time.monotonic() < deadline:
                        low.reports.export_csv(
                            Path(scratch) / "x.csv", ["campaign", "day"], "2026-11-01",
                            "2026-11-26", page_size=5,
                        )  # fmt: skip

            def bulk() -> None:
                while time.monotonic() < deadline:
                    low.offers.get(1)

            workers = [threading.Thread(target=export)]
            workers += [threading.Thread(target=bulk) for _ in range(6)]
            for worker in workers:
                worker.start()
            time.sleep(1.0)  # let the low lane fill up first
            while time.monotonic() < deadline:
                started = time.perf_counter()
                pc.offers.get(1)
                times.append(time.perf_counter() - started)
                time.sleep(0.5)
            for worker in workers:
                worker.join()
    finally:
        server.stop()
    return [
        (
            f"interactive call during a low-priority export{note}",
            f"p50 {pct(times, 0.5):.2f} / p95 {pct(times, 0.95):.2f} s (n={len(times)})",
            "p95 <= 1.0 s",
        )
    ]
