"""Benchmarks that print figures, never assertions: `make bench` prints ONE table.

The rows, after issue 10 (budgets) and issue 9 (speed):

* Budget use: 20 threads (16 general, 4 report) of one process against the fake over HTTP, which
  enforces the real sliding 1-second windows (429 beyond) and answers after 20 +- 20 ms:
  general and report req/s, 429s, p50/p99 time per call for each kind. Goals: >= 2.91/s general
  (reports included), >= 0.97/s report, 0 x 429.
* The same with 3 processes over one SQLite file and over one redis-server (each process's clock
  shifted by up to +-600 ms). Goal: >= 2.85/s together, 0 x 429.
* An interactive call's time while a low-priority bulk export runs (p50/p95). Goal: p95 <= 1.0 s.
* Per-call overhead of `pc.offers.get` vs a bare httpx.Client on the same in-process transport
  (goal <= 1.3x) and `import peerclick` time (best of 5; goal <= 0.15 s).
* Iterating a 1,000,000-row report page by page: peak RSS growth (goal < 50 MB, in a fresh
  subprocess) and rows/s vs bare httpx + json.loads (goal >= 70 %); `campaigns.list()` of
  10,000 vs bare (goal <= 2x).
* `make regenerate` and `make drift` wall time, run in a scratch copy of the tree (so the working
  tree's generated/ is never swapped under anyone's feet).

A row whose pieces are missing prints "n/a (reason)" instead of failing the others.
Usage: python scripts/bench.py [--seconds N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

THREADS, REPORT_EVERY = 20, 5  # thread g asks for reports when g % 5 == 0: 4 of 20
LATENCY, JITTER = 0.02, 0.02
SKEWS = (-0.6, 0.0, 0.6)
NAMESPACE = "peerclick:bench"
ROWS_TOTAL, PAGE = 1_000_000, 10_000
CALLS, ROUNDS = 2000, 5

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


# ------------------------------------------------------------------ budgets over HTTP
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


# ------------------------------------------------------------------ in-process speed
OFFER = {
    "offer": {
        "id": 1,
        "name": "Net - US - Summer",
        "url": "https://offer.example.com/?cid={clickid}",
        "country": {"code": "US"},
        "affiliateNetwork": {"id": 7},
        "payout": {"type": "AUTO", "value": None, "currency": "USD"},
    }
}
COLUMNS = [
    {"key": "campaign", "label": "Campaign", "type": "string", "canGroupBy": True},
    {"key": "visits", "label": "Visits", "type": "integer", "canGroupBy": False},
    {"key": "revenue", "label": "Revenue", "type": "number", "canGroupBy": False},
]


def report_page(offset: int, limit: int, total: int) -> bytes:
    rows = [
        {"campaign": f"Campaign {i}", "visits": i % 997, "revenue": (i % 89) * 0.25}
        for i in range(offset, min(total, offset + limit))
    ]
    body = {
        "totalRows": total, "limit": limit, "offset": offset, "truncated": False,
        "messages": [], "totals": {"visits": 1, "revenue": 1.0}, "rows": rows,
        "columnMappings": COLUMNS,
    }  # fmt: skip
    return json.dumps(body).encode()


def campaigns_body(count: int) -> bytes:
    template = {
        "workspaceId": 1, "trafficSource": 1,
        "costModel": {"currency": "USD", "type": "CPC", "value": 0.02},
        "country": {"code": "US", "name": "United States"}, "domain": "t.example.com",
        "tags": [], "url": "http://t.example.com/abc?zone={zoneid}",
    }  # fmt: skip
    rows = [template | {"id": i + 1, "name": f"Campaign {i}"} for i in range(count)]
    return json.dumps({"campaigns": rows}).encode()


def mock_handler(pages: dict[int, bytes] | None, total: int, campaigns: bytes = b"") -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/auth/access/session"):
            return httpx.Response(200, json={"token": "bench-token"})
        if path.endswith("/report"):
            offset = int(request.url.params.get("offset", 0))
            limit = int(request.url.params.get("limit", PAGE))
            page = pages[offset] if pages is not None else report_page(offset, limit, total)
            return httpx.Response(200, content=page, headers={"content-type": "application/json"})
        if path.endswith("/campaign"):
            return httpx.Response(
                200, content=campaigns, headers={"content-type": "application/json"}
            )
        return httpx.Response(200, json=OFFER)

    return handler


@contextmanager
def unlimited_client(handler: Any) -> Iterator[tuple[Any, httpx.Client]]:
    from peerclick import PeerClick, RateLimits

    bare = httpx.Client(base_url="http://127.0.0.1/v1_1", transport=httpx.MockTransport(handler))
    limits = RateLimits(general=10**9, report=10**9, margin=0)
    with PeerClick(
        access_id="bench", access_key="bench-key", base_url="http://127.0.0.1",
        transport=httpx.MockTransport(handler), rate_limits=limits,
    ) as pc:  # fmt: skip
        yield pc, bare
    bare.close()


def best_per_call(
    fns: Sequence[Callable[[], object]], calls: int = CALLS, rounds: int = ROUNDS
) -> list[float]:
    """Best-of-rounds seconds per call of each fn, rounds interleaved so noise hits all alike."""
    for fn in fns:
        fn()  # warm up: login, imports, connection set-up
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            best[i] = min(best[i], (time.perf_counter() - start) / calls)
    return best


def bench_overhead(seconds: float) -> list[Row]:
    with unlimited_client(mock_handler(None, 0)) as (pc, bare):
        base, facade = best_per_call(
            [lambda: bare.get("/offer/1").json(), lambda: pc.offers.get(1)]
        )
    return [
        (
            "pc.offers.get vs bare httpx (in-process)",
            f"{facade * 1e6:.0f} vs {base * 1e6:.0f} us = {facade / base:.2f}x",
            "<= 1.3x",
        )
    ]


def bench_import(seconds: float) -> list[Row]:
    """Cumulative `import peerclick` from the interpreter's own -X importtime, best of 5."""
    best = float("inf")
    for _ in range(5):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import peerclick"],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        for line in proc.stderr.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == "peerclick":
                best = min(best, int(parts[1]) / 1e6)
    return [("import peerclick (best of 5)", f"{best:.3f} s", "<= 0.15 s")]


def iterate_report(pc: Any, total: int) -> int:
    count = 0
    for _row in pc.reports.iter_rows(
        "campaign", "2026-11-01", "2026-11-26", columns=["visits", "revenue"], page_size=PAGE
    ):
        count += 1
    if count != total:
        raise RuntimeError(f"iterated {count} rows, expected {total}")
    return count


def memory_child(bare_only: bool) -> None:
    """In a fresh interpreter: peak RSS growth while iterating ROWS_TOTAL rows."""
    with unlimited_client(mock_handler(None, ROWS_TOTAL)) as (pc, bare):
        pc.offers.get(1)  # log in, load the modules the loop needs
        bare.get("/report", params={"limit": 1, "offset": 0}).json()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if bare_only:
            for offset in range(0, ROWS_TOTAL, PAGE):
                params = {"limit": PAGE, "offset": offset}
                for _row in json.loads(bare.get("/report", params=params).content)["rows"]:
                    pass
        else:
            iterate_report(pc, ROWS_TOTAL)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth_kb": after - before}))


def bench_memory(seconds: float) -> list[Row]:
    growth = {}
    for child in ("memory", "memory-bare"):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", child],
            capture_output=True, text=True, cwd=ROOT, timeout=900,
        )  # fmt: skip
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed")
        growth[child] = json.loads(proc.stdout.strip().splitlines()[-1])["growth_kb"] / 1024
    return [
        (
            f"iterate {ROWS_TOTAL:,} report rows: peak RSS growth",
            f"{growth['memory']:.1f} MB (bare httpx loop {growth['memory-bare']:.1f} MB)",
            "< 50 MB",
        )
    ]


def bench_report_speed(seconds: float) -> list[Row]:
    total = 200_000  # pages made once, up front, so both sides pay the same transport cost
    pages = {offset: report_page(offset, PAGE, total) for offset in range(0, total, PAGE)}
    with unlimited_client(mock_handler(pages, total)) as (pc, bare):

        def raw() -> None:
            for offset in range(0, total, PAGE):
                params = {"limit": PAGE, "offset": offset}
                for _row in json.loads(bare.get("/report", params=params).content)["rows"]:
                    pass

        base, sdk = best_per_call([raw, lambda: iterate_report(pc, total)], calls=1, rounds=3)
    return [
        (
            "report iteration rows/s vs bare httpx+json",
            f"{total / sdk:,.0f} vs {total / base:,.0f} = {base / sdk:.0%}",
            ">= 70 %",
        )
    ]


def bench_campaigns(seconds: float) -> list[Row]:
    body = campaigns_body(10_000)
    with unlimited_client(mock_handler(None, 0, campaigns=body)) as (pc, bare):
        if len(pc.campaigns.list()) != 10_000:
            raise RuntimeError("campaigns.list() did not return 10,000 campaigns")
        base, sdk = best_per_call(
            [lambda: bare.get("/campaign").json(), pc.campaigns.list], calls=3, rounds=3
        )
    return [
        (
            "campaigns.list() of 10,000 vs bare",
            f"{sdk * 1e3:.0f} vs {base * 1e3:.0f} ms = {sdk / base:.2f}x",
            "<= 2x",
        )
    ]


# ------------------------------------------------------------------ make targets
def bench_make(seconds: float) -> list[Row]:
    """Wall time of `make regenerate` and `make drift` in a scratch copy sharing the venv."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "tree"
        ignore = shutil.ignore_patterns(".venv", "node_modules", ".git", "__pycache__", ".*cache")
        shutil.copytree(ROOT, copy, ignore=ignore, symlinks=True)
        (copy / ".venv").symlink_to(ROOT / ".venv")
        os.utime(ROOT / ".venv" / ".installed")  # the stamp stays newer than the copied files
        for target in ("regenerate", "drift"):
            started = time.perf_counter()
            proc = subprocess.run(
                ["make", "-s", target], cwd=copy, capture_output=True, text=True, timeout=900
            )
            took = time.perf_counter() - started
            value = f"{took:.1f} s" if proc.returncode == 0 else f"n/a (exit {proc.returncode})"
            rows.append((f"make {target}", value, ""))
    return rows


BENCHES: dict[str, Callable[[float], list[Row]]] = {
    "budget": bench_one_process,
    "sqlite": bench_sqlite,
    "redis": bench_redis,
    "interactive": bench_interactive,
    "overhead": bench_overhead,
    "import": bench_import,
    "memory": bench_memory,
    "report-speed": bench_report_speed,
    "campaigns": bench_campaigns,
    "make": bench_make,
}


def print_table(rows: list[Row]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    line = "-+-".join("-" * w for w in widths)
    print(" | ".join(h.ljust(w) for h, w in zip(("figure", "value", "goal"), widths, strict=True)))
    print(line)
    for row in rows:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per budget run (issue: 30)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES), help="run just these")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child in ("memory", "memory-bare"):
        memory_child(bare_only=args.child == "memory-bare")
        return 0
    rows: list[Row] = []
    for name in args.only or BENCHES:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            rows += BENCHES[name](args.seconds)
        except Exception as exc:  # a missing piece: say so in the table, run the rest
            reason = str(exc).splitlines()[0][:70] if str(exc) else type(exc).__name__
            rows.append((name, f"n/a ({type(exc).__name__}: {reason})", ""))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
