"""`python -m peerclick.testing serve`: run the fake over HTTP on loopback until SIGINT/SIGTERM.

Prints one `NAME=value` line each for the base URL and the demo credentials, then serves.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from peerclick.testing._http._budget import ServerLimits
from peerclick.testing._http._fake import FakePeerClick
from peerclick.testing._http._server import FakeServer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m peerclick.testing", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the fake over HTTP on loopback")
    serve.add_argument("--host", default="127.0.0.1", help="loopback host (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default)")
    serve.add_argument("--seed", type=int, default=0, help="seed of the synthetic traffic")
    serve.add_argument(
        "--token-lifetime", type=float, default=86400.0, help="token lifetime in seconds"
    )
    serve.add_argument(
        "--no-rate-limits", action="store_true", help="switch the 3/s and 1/s budgets off"
    )
    serve.add_argument(
        "--allow-unversioned", action="store_true", help="also serve paths without /v1_1"
    )
    serve.add_argument("--no-demo-data", action="store_true", help="start with an empty account")
    serve.add_argument(
        "--latency", type=float, default=0.0, help="seconds each answer takes (default 0)"
    )
    serve.add_argument(
        "--jitter", type=float, default=0.0, help="+/- seconds of seeded latency spread"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    fake = FakePeerClick(
        seed=args.seed,
        token_lifetime=args.token_lifetime,
        rate_limits=None if args.no_rate_limits else ServerLimits(),
        allow_unversioned=args.allow_unversioned,
        demo_data=not args.no_demo_data,
        latency=args.latency,
        jitter=args.jitter,
    )
    try:
        server = FakeServer(fake, host=args.host, port=args.port)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    with server:
        print(f"PEERCLICK_BASE_URL={server.base_url}")
        print(f"PEERCLICK_API_VERSION={fake.versions[0]}")
        print(f"PEERCLICK_ACCESS_ID={fake.access_id}")
        print(f"PEERCLICK_ACCESS_KEY={fake.access_key}")
        print(f"PEERCLICK_EMAIL={fake.email}")
        print(f"PEERCLICK_PASSWORD={fake.password}", flush=True)
        while not stop.wait(0.2):
            pass
    print("PEERCLICK_STOPPED=1", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
