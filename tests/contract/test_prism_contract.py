"""Every facade method against Prism: each request must satisfy the spec (else Prism says 422)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest
import yaml

from peerclick import AsyncPeerClick, PeerClick
from peerclick.types import Conversion
from peerclick_api.api.auth import get_session
from scripts.check_drift import operations
from tests.conftest import FAST_LIMITS
from tests.test_coverage import ALLOWLIST

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "peerclick.yaml"
REPORT_ARGS = {
    "group_by": ["campaign", "day"],
    "date_from": "2026-11-01",
    "date_to": date(2026, 11, 8),
    "columns": ["visits", "conversions", "revenue", "cost", "profit"],
    "timezone": "Europe/Berlin",
    "sort": "visits",
    "direction": "desc",
    "filters": {"campaign": "1"},
    "include": "ACTIVE",
    "conversion_time_mode": "VISIT",
    "currency": "usd",
}
TARGET = {
    "destination": "PATH",
    "path": {"defaultPaths": [{"weight": 100, "direct": 1, "offers": [{"id": 1, "weight": 100}]}]},
}


def _operation_matchers() -> list[tuple[str, re.Pattern[str], str]]:
    doc = yaml.safe_load(SPEC.read_text())
    out = []
    for method, path, op in operations(doc):
        pattern = re.sub(r"\\\{[^/]+\\\}", "[^/]+", re.escape(path))
        out.append((method, re.compile(f"^{pattern}$"), op["operationId"]))
    return out


class Recorder:
    """Records (operationId, status) of every request a client sends."""

    def __init__(self) -> None:
        self.matchers = _operation_matchers()
        self.seen: list[tuple[str, int]] = []

    def find(self, request: httpx.Request) -> str:
        # Literal paths win over templated ones (/offer/restore vs /offer/{offerId}).
        hits = [
            (op_id, "{" not in m.pattern)
            for method, m, op_id in self.matchers
            if method == request.method and m.match(request.url.path)
        ]
        hits.sort(key=lambda h: not h[1])
        return hits[0][0] if hits else f"UNKNOWN {request.method} {request.url.path}"

    def hook(self, response: httpx.Response) -> None:
        self.seen.append((self.find(response.request), response.status_code))

    async def ahook(self, response: httpx.Response) -> None:
        self.hook(response)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def pc(prism_url: str, recorder: Recorder) -> Iterator[PeerClick]:
    http = httpx.Client(event_hooks={"response": [recorder.hook]})
    with PeerClick(
        access_id="prism-id",
        access_key="prism-key",
        base_url=prism_url,
        api_version=None,  # Prism serves the spec's paths without the /{version} prefix
        rate_limits=FAST_LIMITS,
        http_client=http,
    ) as client:
        yield client


def exercise(pc: PeerClick, tmp_path: Path) -> None:
    """Call every facade method once with realistic arguments."""
    report = pc.reports.get(**REPORT_ARGS, limit=100, offset=0)  # type: ignore[arg-type]
    assert isinstance(report.rows, list)
    rows = list(pc.reports.iter_rows(**REPORT_ARGS, page_size=500))  # type: ignore[arg-type]
    assert isinstance(rows, list)
    pc.reports.export_csv(tmp_path / "r.csv", **REPORT_ARGS)  # type: ignore[arg-type]
    pc.reports.conversions(date_from=datetime(2026, 11, 1, 0), date_to=datetime(2026, 11, 2, 0))
    list(pc.reports.iter_conversions(date_from="2026-11-01", date_to="2026-11-02", page_size=100))
    pc.reports.live_visits(1, timezone="UTC")
    pc.reports.live_clicks(1)
    pc.reports.column_info()

    network = pc.affiliate_networks.create(name="Net", workspace_id=1)
    offer = pc.offers.create(
        name="Summer",
        url="https://adv.example/?c={clickid}",
        country="US",
        affiliate_network=network.id or 1,
        workspace_id=1,
    )
    source = pc.traffic_sources.create(name="Src", workspace_id=1)
    lander = pc.landers.create(
        name="L", url="https://lp.example/", country="US", number_of_offers=1
    )
    flow = pc.flows.create(name="F", countries=["US"], default_paths=TARGET["path"]["defaultPaths"])  # type: ignore[index]
    campaign = pc.campaigns.create(
        name="C",
        workspace_id=1,
        traffic_source=source.id or 1,
        country="US",
        domain="track.example.com",
        redirect_target=TARGET,
        tags=["a"],
    )
    full_bodies = {
        "campaigns": {
            "name": "C",
            "trafficSource": 1,
            "costModel": {"type": "AUTO", "currency": "USD"},
            "country": {"code": "US"},
            "domain": "track.example.com",
            "redirectTarget": TARGET,
        },
        "offers": {
            "name": "Summer",
            "url": "https://adv.example/",
            "country": {"code": "US"},
            "affiliateNetwork": {"id": 1},
            "payout": {"type": "AUTO", "value": None, "currency": "USD"},
        },
        "landers": {"name": "L", "url": "https://lp.example/"},
        "flows": {"name": "F"},
        "traffic_sources": {"name": "Src"},
        "affiliate_networks": {"name": "Net"},
    }
    assert all(x.id for x in (network, offer, source, lander, flow, campaign))
    for name, body in full_bodies.items():
        resource = getattr(pc, name)
        assert resource.list(include_deleted=True)
        resource.get(1)
        resource.update(1, name="Renamed")
        resource.replace(1, body)
        resource.delete(1)
        resource.restore([1])
    pc.campaigns.get(1, with_pages=True)
    pc.workspaces.list()
    pc.domains.list()
    # The session check (`peerclick auth check`) goes through the escape hatch, pc.api.
    assert get_session.sync_detailed(client=pc.api).status_code == 200
    pc.costs.update(1, "2026-11-01", "2026-11-08", 12.5, "UTC", currency="USD")
    assert pc.conversions.upload([Conversion(click_id="abc", payout=1.0)]) >= 0
    pc.logout()


def test_every_facade_method_passes_the_spec(
    pc: PeerClick, recorder: Recorder, tmp_path: Path, prism_url: str
) -> None:
    exercise(pc, tmp_path)
    http = httpx.Client(event_hooks={"response": [recorder.hook]})
    with PeerClick(
        email="user@example.com",
        password="pw",
        base_url=prism_url,
        api_version=None,
        rate_limits=FAST_LIMITS,
        http_client=http,
    ) as by_password:
        by_password.workspaces.list()
    bad = [(op, status) for op, status in recorder.seen if not 200 <= status < 300]
    assert bad == []
    unknown = [op for op, _ in recorder.seen if op.startswith("UNKNOWN")]
    assert unknown == []
    spec_ops = {op_id for _, _, op_id in recorder.matchers}
    covered = {op for op, _ in recorder.seen}
    assert spec_ops - covered - ALLOWLIST.keys() == set()


async def test_async_client_passes_the_spec(prism_url: str, recorder: Recorder) -> None:
    http = httpx.AsyncClient(event_hooks={"response": [recorder.ahook]})
    async with AsyncPeerClick(
        email="user@example.com",
        password="pw",
        base_url=prism_url,
        api_version=None,
        rate_limits=FAST_LIMITS,
        http_client=http,
    ) as apc:
        await apc.reports.get(**REPORT_ARGS)  # type: ignore[arg-type]
        async for _ in apc.reports.iter_rows(**REPORT_ARGS, page_size=10):  # type: ignore[arg-type]
            pass
        await apc.offers.get(1)
        await apc.offers.update(1, url="https://adv.example/v2")
        await apc.costs.update(1, "2026-11-01", "2026-11-02", 1, "UTC")
        await apc.conversions.upload([{"click_id": "x"}])
    assert [s for _, s in recorder.seen if not 200 <= s < 300] == []
    assert recorder.seen[0][0] == "createSession"


def test_prism_rejects_a_request_that_breaks_the_spec(prism_url: str) -> None:
    """The contract check can fail: a wrong parameter type is answered 422 (or 400)."""
    response = httpx.get(
        f"{prism_url}/report",
        params={"from": "2026-11-01", "groupBy": "campaign", "limit": "many"},
        headers={"api-token": "t"},
    )
    assert response.status_code in (400, 422)
