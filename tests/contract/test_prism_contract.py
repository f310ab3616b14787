"""Every facade method against Prism: each request must satisfy the spec (else Prism says 422).

The same run records which operation each facade method calls (scripts/facade_map.json, read by
the drift report): a change to what the facade calls fails here until the table is recorded again
with `PEERCLICK_RECORD_FACADE_MAP=1 pytest tests/contract`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import os
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from peerclick import AsyncPeerClick, PeerClick
from peerclick.types import Conversion
from peerclick_api.api.auth import get_session
from scripts import facade_map
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


RECORD = bool(os.environ.get("PEERCLICK_RECORD_FACADE_MAP"))
AUTH_FLOW = "SessionAuth.auth_flow"  # who sends the session requests (security: [] in the spec)


def _operation_matchers() -> list[tuple[str, re.Pattern[str], str]]:
    doc = yaml.safe_load(SPEC.read_text())
    out = []
    for method, path, op in operations(doc):
        pattern = re.sub(r"\\\{[^/]+\\\}", "[^/]+", re.escape(path))
        out.append((method, re.compile(f"^{pattern}$"), op["operationId"]))
    return out


def _session_operations() -> set[str]:
    doc = yaml.safe_load(SPEC.read_text())
    return {op["operationId"] for _, _, op in operations(doc) if op.get("security") == []}


class Recorder:
    """Records (operationId, status) of every request a client sends, and the facade method
    (the outermost public one running) that sent it."""

    def __init__(self) -> None:
        self.matchers = _operation_matchers()
        self.session_ops = _session_operations()
        self.seen: list[tuple[str, int]] = []
        self.calls: dict[str, set[str]] = {}
        self.current: str | None = None

    @contextlib.contextmanager
    def calling(self, method: str) -> Iterator[None]:
        """Requests sent inside the block belong to `method`, unless an outer method runs."""
        outer = self.current
        self.current = outer or method
        try:
            yield
        finally:
            self.current = outer

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
        op_id = self.find(response.request)
        self.seen.append((op_id, response.status_code))
        method = AUTH_FLOW if op_id in self.session_ops else self.current or "UNATTRIBUTED"
        self.calls.setdefault(method, set()).add(op_id)

    async def ahook(self, response: httpx.Response) -> None:
        self.hook(response)


def _wrap(recorder: Recorder, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn` with its requests (and those of any iterator it returns) credited to `name`."""

    def step(advance: Callable[[], Any]) -> Any:
        with recorder.calling(name):
            return advance()

    class Steps:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def __iter__(self) -> Steps:
            return self

        def __next__(self) -> Any:
            return step(lambda: next(self.inner))

        def __aiter__(self) -> Steps:
            return self

        async def __anext__(self) -> Any:
            with recorder.calling(name):
                return await self.inner.__anext__()

    def credit(result: Any) -> Any:
        if hasattr(result, "__next__") or hasattr(result, "__anext__"):
            return Steps(result)
        return result

    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def run_async(*args: Any, **kwargs: Any) -> Any:
            with recorder.calling(name):
                return credit(await fn(*args, **kwargs))

        run_async.credited = True  # type: ignore[attr-defined]
        return run_async

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        return credit(step(lambda: fn(*args, **kwargs)))

    run.credited = True  # type: ignore[attr-defined]
    return run


def resources(client: Any) -> dict[str, Any]:
    """The client's resource objects by attribute name (`offers`, `reports`, ...)."""
    found = {name: getattr(client, name) for name in dir(client) if not name.startswith("_")}
    return {
        name: value
        for name, value in found.items()
        if type(value).__module__.startswith("peerclick.resources")
    }


def instrument(client: Any, recorder: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Credit every request to the public facade method of `client` it was sent from."""
    for obj in [client, *resources(client).values()]:
        cls = type(obj)
        for name in dir(cls):
            attr = inspect.getattr_static(cls, name)
            if name.startswith("_") or not inspect.isfunction(attr):
                continue
            if getattr(attr, "credited", False):
                continue  # already credited (a second client of the same class)
            monkeypatch.setattr(cls, name, _wrap(recorder, f"{cls.__name__}.{name}", attr))


def twins(sync: PeerClick, prism_url: str) -> dict[str, str]:
    """Each sync class's async twin, read off a second, unused async client."""
    other = AsyncPeerClick(access_id="x", access_key="y", base_url=prism_url, api_version=None)
    try:
        mine, theirs = resources(sync), resources(other)
        pairs = {type(mine[name]).__name__: type(theirs[name]).__name__ for name in mine}
        return {type(sync).__name__: type(other).__name__, **pairs}
    finally:
        asyncio.run(other.aclose())


def check_recorded(
    recorder: Recorder, section: Callable[[str], bool], twin: dict[str, str] | None = None
) -> None:
    """The calls recorded for one client equal the checked-in table's (or rewrite it)."""
    got = {m: sorted(ops) for m, ops in recorder.calls.items() if section(m)}
    data = facade_map.FACADE.read_text() if facade_map.FACADE.exists() else '{"calls": {}}'
    stored = yaml.safe_load(data)
    kept = {m: ops for m, ops in stored.get("calls", {}).items() if not section(m)}
    if RECORD:
        facade_map.write_calls({**kept, **got}, twin or stored.get("twins", {}))
        return
    want = {m: ops for m, ops in stored.get("calls", {}).items() if section(m)}
    assert got == want, "the facade calls other operations now: PEERCLICK_RECORD_FACADE_MAP=1"
    assert "UNATTRIBUTED" not in got


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def pc(prism_url: str, recorder: Recorder, monkeypatch: pytest.MonkeyPatch) -> Iterator[PeerClick]:
    http = httpx.Client(event_hooks={"response": [recorder.hook]})
    with PeerClick(
        access_id="prism-id",
        access_key="prism-key",
        base_url=prism_url,
        api_version=None,  # Prism serves the spec's paths without the /{version} prefix
        rate_limits=FAST_LIMITS,
        http_client=http,
    ) as client:
        instrument(client, recorder, monkeypatch)
        yield client


def exercise(pc: PeerClick, tmp_path: Path, recorder: Recorder) -> None:
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
    with recorder.calling("peerclick auth check"):
        assert get_session.sync_detailed(client=pc.api).status_code == 200
    pc.costs.update(1, "2026-11-01", "2026-11-08", 12.5, "UTC", currency="USD")
    assert pc.conversions.upload([Conversion(click_id="abc", payout=1.0)]) >= 0
    pc.logout()


def test_every_facade_method_passes_the_spec(
    pc: PeerClick,
    recorder: Recorder,
    tmp_path: Path,
    prism_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exercise(pc, tmp_path, recorder)
    http = httpx.Client(event_hooks={"response": [recorder.hook]})
    with PeerClick(
        email="user@example.com",
        password="pw",
        base_url=prism_url,
        api_version=None,
        rate_limits=FAST_LIMITS,
        http_client=http,
    ) as by_password:
        instrument(by_password, recorder, monkeypatch)
        by_password.workspaces.list()
    bad = [(op, status) for op, status in recorder.seen if not 200 <= status < 300]
    assert bad == []
    unknown = [op for op, _ in recorder.seen if op.startswith("UNKNOWN")]
    assert unknown == []
    spec_ops = {op_id for _, _, op_id in recorder.matchers}
    covered = {op for op, _ in recorder.seen}
    assert spec_ops - covered - ALLOWLIST.keys() == set()
    check_recorded(recorder, lambda m: not m.startswith("Async"), twins(pc, prism_url))


async def test_async_client_passes_the_spec(
    prism_url: str, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    http = httpx.AsyncClient(event_hooks={"response": [recorder.ahook]})
    async with AsyncPeerClick(
        email="user@example.com",
        password="pw",
        base_url=prism_url,
        api_version=None,
        rate_limits=FAST_LIMITS,
        http_client=http,
    ) as apc:
        instrument(apc, recorder, monkeypatch)
        await apc.reports.get(**REPORT_ARGS)  # type: ignore[arg-type]
        async for _ in apc.reports.iter_rows(**REPORT_ARGS, page_size=10):  # type: ignore[arg-type]
            pass
        await apc.offers.get(1)
        await apc.offers.update(1, url="https://adv.example/v2")
        await apc.costs.update(1, "2026-11-01", "2026-11-02", 1, "UTC")
        await apc.conversions.upload([{"click_id": "x"}])
    assert [s for _, s in recorder.seen if not 200 <= s < 300] == []
    assert recorder.seen[0][0] == "createSession"
    check_recorded(recorder, lambda m: m.startswith("Async"))


def test_prism_rejects_a_request_that_breaks_the_spec(prism_url: str) -> None:
    """The contract check can fail: a wrong parameter type is answered 422 (or 400)."""
    response = httpx.get(
        f"{prism_url}/report",
        params={"from": "2026-11-01", "groupBy": "campaign", "limit": "many"},
        headers={"api-token": "t"},
    )
    assert response.status_code in (400, 422)
