"""Benchmarks that print figures (never assertions): `make bench`.

1. Per-call cost of the SDK's stack (SessionAuth, typed-error, retry and rate-limit transports, the
   generated client, and the facade's unwrapping) against a bare httpx.Client, on the same
   in-process transport, with budgets raised out of the way. Goal: facade <= 1.5x bare httpx.
2. Cumulative `import peerclick` time from `python -X importtime`. Goal: <= 0.25 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from peerclick import PeerClick, RateLimits
from peerclick_api.api.offer import get_offer

CALLS = 2000
ROUNDS = 5
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


def handler(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/auth/access/session"):
        return httpx.Response(200, json={"token": "bench-token"})
    return httpx.Response(200, json=OFFER)


def per_call(fn: Callable[[], object]) -> float:
    """Best-of-rounds mean seconds per call (best: least disturbed by the other core's work)."""
    fn()  # warm up: login, imports, connection set-up
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(CALLS):
            fn()
        rounds.append((time.perf_counter() - start) / CALLS)
    return min(rounds)


def import_time() -> float:
    """Cumulative microseconds of `import peerclick`, from the interpreter's own importtime."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import peerclick"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in proc.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "peerclick":
            return int(parts[1]) / 1e6
    raise RuntimeError("import peerclick not found in -X importtime output")


def main() -> int:
    bare = httpx.Client(base_url="http://127.0.0.1/v1_1", transport=httpx.MockTransport(handler))
    limits = RateLimits(general=10**9, report=10**9, period=1.0, buffer_ms=0)
    with PeerClick(
        access_id="bench",
        access_key="bench-key",
        base_url="http://127.0.0.1",
        transport=httpx.MockTransport(handler),
        rate_limits=limits,
    ) as pc:
        figures = {
            "bare httpx.Client get + json": per_call(lambda: bare.get("/offer/1").json()),
            "pc.api get_offer.sync_detailed": per_call(
                lambda: get_offer.sync_detailed(1, client=pc.api)
            ),
            "pc.offers.get (facade)": per_call(lambda: pc.offers.get(1)),
        }
    bare.close()
    base = figures["bare httpx.Client get + json"]
    print(f"per-call time, best of {ROUNDS} rounds x {CALLS} calls, in-process transport:")
    for name, seconds in figures.items():
        print(f"  {name:<32} {seconds * 1e6:8.1f} us   {seconds / base:5.2f}x bare")
    imports = [import_time() for _ in range(5)]
    print(
        f"import peerclick (cumulative, -X importtime, 5 runs): median "
        f"{statistics.median(imports):.3f} s, best {min(imports):.3f} s (goal <= 0.25 s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
