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
import os
import resource
import shutil
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

from scripts._bench_budget import (  # noqa: E402 - after the sys.path set-up
    Row,
    bench_interactive,
    bench_one_process,
    bench_redis,
    bench_sqlite,
)

ROWS_TOTAL, PAGE = 1_000_000, 10_000
CALLS, ROUNDS = 2000, 5


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


_TIMED_IMPORT = """
import time
started = time.perf_counter()
{statement}
print(time.perf_counter() - started)
"""


def _import_seconds(statement: str) -> float:
    """Best of 5 fresh interpreters: the wall time of ``statement`` alone."""
    best = float("inf")
    for _ in range(5):
        proc = subprocess.run(
            [sys.executable, "-c", _TIMED_IMPORT.format(statement=statement)],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        best = min(best, float(proc.stdout))
    return best


def bench_import(seconds: float) -> list[Row]:
    """What importing costs, best of 5, measured as users get it: pip compiles an installed
    package's bytecode (an editable checkout with PYTHONDONTWRITEBYTECODE, as here, would
    otherwise compile every module on each run).

    ``import peerclick`` loads its names on first use, so the row that counts is
    ``from peerclick import PeerClick`` (the client, httpx, attrs, the limiter); httpx alone is
    shown for scale, since no client of it can cost less.
    """
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "peerclick", "generated/peerclick_api"],
        capture_output=True, check=True, cwd=ROOT,
    )  # fmt: skip
    bare = _import_seconds("import peerclick")
    client = _import_seconds("from peerclick import PeerClick")
    httpx_alone = _import_seconds("import httpx")
    return [
        ("import peerclick (lazy names; best of 5)", f"{bare:.3f} s", ""),
        (
            "from peerclick import PeerClick (best of 5)",
            f"{client:.3f} s (httpx alone {httpx_alone:.3f} s)",
            "<= 0.15 s",
        ),
    ]


def iterate_report(pc: Any, total: int) -> int:
    count = 0
    for _row in pc.reports.iter_rows(
        "campaign", "2026-11-01", "2026-11-26", columns=["visits", "revenue"], page_size=PAGE
    ):
        count += 1
    if count != total:
        raise RuntimeError(f"iterated {count} rows, expected {total}")
    return count


def rss_bytes() -> int:
    """This process's resident set now (Linux /proc; elsewhere the high-water mark)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def memory_child(bare_only: bool) -> None:
    """In a fresh interpreter: the most RSS grew, sampled every 5 ms, while iterating rows."""
    with unlimited_client(mock_handler(None, ROWS_TOTAL)) as (pc, bare):
        pc.offers.get(1)  # log in, load the modules the loop needs
        bare.get("/report", params={"limit": 1, "offset": 0}).json()
        before = rss_bytes()
        peak = [before]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.005):
                peak[0] = max(peak[0], rss_bytes())

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            if bare_only:
                for offset in range(0, ROWS_TOTAL, PAGE):
                    params = {"limit": PAGE, "offset": offset}
                    for _row in json.loads(bare.get("/report", params=params).content)["rows"]:
                        pass
            else:
                iterate_report(pc, ROWS_TOTAL)
        finally:
            done.set()
            sampler.join()
    print(json.dumps({"growth_kb": (max(peak[0], rss_bytes()) - before) / 1024}))


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
        for target in ("regenerate", "drift"):
            started = time.perf_counter()
            # -o: take the shared venv as it is (never reinstall it from the copy's Makefile)
            command = ["make", "-s", "-o", ".venv/.installed", target]
            proc = subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=900)
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
