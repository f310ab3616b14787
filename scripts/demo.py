"""The README's main job: a media buyer's script, run through the public API.

Without credentials in the environment it starts the sandbox (`python -m peerclick.testing serve`,
a local fake PeerClick on a free loopback port), then creates an affiliate network, an offer, a
traffic source and a campaign, reads them back, pulls a campaign x day report for the last 7 days
and today (8 days), prints it as a table, exports it to CSV, and stops the sandbox.

With PEERCLICK_ACCESS_ID and PEERCLICK_ACCESS_KEY set it runs against that account instead
(PEERCLICK_BASE_URL, default the real API) and only reads: lists and a report; it creates nothing.

Usage: python scripts/demo.py [--csv FILE]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from peerclick import PeerClick, errors
from peerclick.types import Report

SANDBOX_START_TIMEOUT = 30.0


@contextmanager
def sandbox() -> Iterator[dict[str, str]]:
    """Run the fake PeerClick over HTTP on loopback; yield its base URL and demo credentials."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "peerclick.testing", "serve", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        settings: dict[str, str] = {}
        assert proc.stdout is not None
        while "PEERCLICK_PASSWORD" not in settings:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError(f"the sandbox exited early with {proc.wait()}")
            name, _, value = line.strip().partition("=")
            settings[name] = value
        yield settings
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def print_table(report: Report, columns: Sequence[str], limit: int = 20) -> None:
    """A plain fixed-width table of the first rows, then the totals."""
    rows = [[_cell(row.get(c)) for c in columns] for row in report.rows[:limit]]
    totals = [_cell(report.totals.get(c)) if c in report.totals else "" for c in columns]
    widths = [max(len(c), *(len(r[i]) for r in [*rows, totals])) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
    if len(report.rows) > limit:
        print(f"... {len(report.rows) - limit} more rows")
    print("-" * len(line))
    print("  ".join(v.ljust(w) for v, w in zip(totals, widths, strict=True)), " (totals)")
    print(f"{report.total_rows} rows in all")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    return "" if value is None else str(value)


def create_assets(pc: PeerClick) -> int:
    """What a media buyer sets up first; returns the campaign id."""
    network = pc.affiliate_networks.create(name="Demo Network", workspace_id=1)
    print(f"created affiliate network #{network.id}: {network.name}")
    offer = pc.offers.create(
        name="Demo Offer",
        url="https://offer.example.com/?cid={clickid}",
        country="US",
        affiliate_network=network.id,
        workspace_id=1,
    )
    print(f"created offer #{offer.id}: {offer.url}")
    source = pc.traffic_sources.create(name="Demo Source", workspace_id=1)
    print(f"created traffic source #{source.id}: {source.name}")
    campaign = pc.campaigns.create(
        name="Demo Campaign",
        workspace_id=1,
        traffic_source=source.id,
        country="US",
        domain=pc.domains.list()[0].domain if pc.domains.list() else "track.example.com",
        redirect_target={
            "destination": "PATH",
            "path": {
                "defaultPaths": [
                    {"weight": 100, "direct": 1, "offers": [{"id": offer.id, "weight": 100}]}
                ]
            },
        },
    )
    print(f"created campaign #{campaign.id}: {campaign.url}")
    again = pc.offers.get(offer.id)  # type: ignore[arg-type]
    print(f"read back offer #{again.id}: {again.name!r}, payout {again.payout.type_}")  # type: ignore[union-attr]
    renamed = pc.campaigns.update(campaign.id, name="Demo Campaign (renamed)")  # type: ignore[arg-type]
    print(f"renamed campaign #{renamed.id} to {renamed.name!r}")
    return int(campaign.id)  # type: ignore[arg-type]


def run(pc: PeerClick, *, writes: bool, csv_path: Path) -> None:
    print(f"client: {pc!r}")
    if writes:
        create_assets(pc)
    campaigns = pc.campaigns.list()
    offers = pc.offers.list()
    print(f"{len(campaigns)} campaigns, {len(offers)} offers in the account")
    today = date.today()
    columns = ["visits", "clicks", "conversions", "revenue", "cost", "profit", "roi"]
    report = pc.reports.get(
        group_by=["campaign", "day"],
        date_from=today - timedelta(days=7),
        date_to=today + timedelta(days=1),
        columns=columns,
        timezone="UTC",
        sort="visits",
        direction="desc",
    )
    dims = [c for c in report.columns if c not in columns and not c.endswith("Id")]
    print(f"\ncampaign x day, {today - timedelta(days=7)} to {today} (UTC):")
    print_table(report, [*dims, *columns])
    report.to_csv(csv_path)
    print(f"\nexported {len(report.rows)} rows to {csv_path}")


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Run the demo; a PeerClick error (refused key, unreachable host, ...) is one line on stderr
    and exit status 1, not a traceback."""
    try:
        return _main(argv, env)
    except errors.PeerClickError as exc:
        print(f"demo failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("demo interrupted", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None, env: Mapping[str, str] | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=None, help="where to write the report CSV")
    args = parser.parse_args(argv)
    env = os.environ if env is None else env
    csv_path = args.csv or Path(tempfile.gettempdir()) / "peerclick-demo-report.csv"
    if env.get("PEERCLICK_ACCESS_ID") and env.get("PEERCLICK_ACCESS_KEY"):
        print("credentials found: running read-only against your account")
        with PeerClick(
            access_id=env["PEERCLICK_ACCESS_ID"],
            access_key=env["PEERCLICK_ACCESS_KEY"],
            base_url=env.get("PEERCLICK_BASE_URL") or None,
        ) as pc:
            run(pc, writes=False, csv_path=csv_path)
        return 0
    print("no credentials: starting the local sandbox (a fake PeerClick on loopback)")
    with (
        sandbox() as settings,
        PeerClick(
            access_id=settings["PEERCLICK_ACCESS_ID"],
            access_key=settings["PEERCLICK_ACCESS_KEY"],
            base_url=settings["PEERCLICK_BASE_URL"],
            api_version=settings.get("PEERCLICK_API_VERSION") or "v1_1",
        ) as pc,
    ):
        run(pc, writes=True, csv_path=csv_path)
    print("sandbox stopped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
