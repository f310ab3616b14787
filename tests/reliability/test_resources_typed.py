"""Typed answers over real HTTP: a 2xx whose fields have the wrong types is refused, not modelled.

A small hostile server on 127.0.0.1 answers the login and then one scripted body. The facade
checks what it relies on (`id` a positive int, `name` a string, report `rows` a list of objects,
`totals` an object, `totalRows` an int, ...): a wrong type is ResponseValidationError carrying the
status, the body and an excerpt, never a model such as `Offer(id='abc', name=5)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from peerclick import AsyncPeerClick, PeerClick, RateLimiter, RateLimits, ResponseValidationError
from tests.reliability._servers import ACCESS_ID, ACCESS_KEY, HostileServer, json, login_ok, raw

FAST = RateLimits(general=10_000, report=10_000, period=1.0, buffer_ms=0)
D = ("2026-11-01", "2026-11-08")

# (what, method, path, body, call, words in the message)
CASES: list[tuple[str, str, str, Any, Callable[[Any], Any], str]] = [
    (
        "list id a string",
        "GET",
        "/offer",
        {"offers": [{"id": "abc", "name": 5}]},
        lambda pc: pc.offers.list(),
        r"offers\[0\]\.id",
    ),
    (
        "list name an int",
        "GET",
        "/offer",
        {"offers": [{"id": 3, "name": 5}]},
        lambda pc: pc.offers.list(),
        r"offers\[0\]\.name",
    ),
    (
        "list id a bool",
        "GET",
        "/campaign",
        {"campaigns": [{"id": 1}, {"id": True}]},
        lambda pc: pc.campaigns.list(),
        r"campaigns\[1\]\.id",
    ),
    (
        "list id NaN",
        "GET",
        "/lander",
        b'{"landers": [{"id": NaN, "name": "x"}]}',
        lambda pc: pc.landers.list(),
        "id|NaN",
    ),
    (
        "list id 0",
        "GET",
        "/flow",
        {"flows": [{"id": 0, "name": "x"}]},
        lambda pc: pc.flows.list(),
        r"flows\[0\]\.id",
    ),
    (
        "list id a float",
        "GET",
        "/traffic-source",
        {"trafficSources": [{"id": 2.0}]},
        lambda pc: pc.traffic_sources.list(),
        r"trafficSources\[0\]\.id",
    ),
    (
        "list not a list",
        "GET",
        "/affiliate-network",
        {"affiliateNetworks": {"id": 1}},
        lambda pc: pc.affiliate_networks.list(),
        "affiliateNetworks",
    ),
    (
        "get entity a string",
        "GET",
        "/offer/5",
        {"offer": "five"},
        lambda pc: pc.offers.get(5),
        "offer",
    ),
    (
        "get name a list",
        "GET",
        "/offer/5",
        {"offer": {"id": 5, "name": ["x"]}},
        lambda pc: pc.offers.get(5),
        r"offer\.name",
    ),
    (
        "get campaign url an int",
        "GET",
        "/campaign/2",
        {"campaign": {"id": 2, "url": 5}},
        lambda pc: pc.campaigns.get(2),
        r"campaign\.url",
    ),
    (
        "get nested shape",
        "GET",
        "/offer/5",
        {"offer": {"id": 5, "country": "US"}},
        lambda pc: pc.offers.get(5),
        "does not match",
    ),
    (
        "create id a string",
        "POST",
        "/affiliate-network",
        {"affiliateNetwork": {"id": "9"}},
        lambda pc: pc.affiliate_networks.create(name="n", workspace_id=1),
        r"affiliateNetwork\.id",
    ),
    (
        "report rows an object",
        "GET",
        "/report",
        {"rows": {"a": 1}, "totalRows": 1},
        lambda pc: pc.reports.get("campaign", *D),
        "'rows' must be a list",
    ),
    (
        "report row a number",
        "GET",
        "/report",
        {"rows": [{"a": 1}, 2], "totalRows": 2},
        lambda pc: pc.reports.get("campaign", *D),
        r"rows\[1\]",
    ),
    (
        "report totals a list",
        "GET",
        "/report",
        {"rows": [], "totals": [1], "totalRows": 0},
        lambda pc: pc.reports.get("campaign", *D),
        "'totals'",
    ),
    (
        "report totalRows a string",
        "GET",
        "/report",
        {"rows": [], "totalRows": "9"},
        lambda pc: pc.reports.get("campaign", *D),
        "'totalRows'",
    ),
    (
        "report totalRows negative",
        "GET",
        "/report",
        {"rows": [], "totalRows": -1},
        lambda pc: list(pc.reports.iter_rows("day", *D)),
        "'totalRows'",
    ),
    (
        "conversions columnMappings",
        "GET",
        "/report/conversions",
        {"rows": [], "columnMappings": [{"label": "x"}]},
        lambda pc: pc.reports.conversions(*D),
        "columnMappings",
    ),
    (
        "live rows a string",
        "GET",
        "/report/live/visits/7",
        {"rows": "none"},
        lambda pc: pc.reports.live_visits(7),
        "'rows'",
    ),
    (
        "column info not a list",
        "GET",
        "/column/info",
        {"columnMappings": {}},
        lambda pc: pc.reports.column_info(),
        "columnMappings",
    ),
    (
        "workspace id a string",
        "GET",
        "/multiuser/workspace",
        {"workspaces": [{"id": "1"}]},
        lambda pc: pc.workspaces.list(),
        r"workspaces\[0\]\.id",
    ),
    (
        "upload count a string",
        "POST",
        "/conversion",
        {"numberOfRows": "3"},
        lambda pc: pc.conversions.upload([{"click_id": "c"}]),
        "numberOfRows",
    ),
    ("a list body", "GET", "/offer", [1, 2], lambda pc: pc.offers.list(), "JSON object"),
]


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as running:
        running.route("POST", "/v1_1/auth/access/session", login_ok())
        yield running


def _answer(body: Any) -> Any:
    return (
        raw(200, body, [("Content-Type", "application/json")])
        if isinstance(body, bytes)
        else json(200, body)
    )


def _client(server: HostileServer) -> PeerClick:
    return PeerClick(
        access_id=ACCESS_ID,
        access_key=ACCESS_KEY,
        base_url=server.base_url,
        limiter=RateLimiter(FAST),
        sleep=lambda _s: None,
        timeout=5.0,
    )


@pytest.mark.parametrize(
    ("what", "method", "path", "body", "call", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_wrong_types_are_response_validation_errors(
    server: HostileServer,
    what: str,
    method: str,
    path: str,
    body: Any,
    call: Callable[[Any], Any],
    words: str,
) -> None:
    """The caller gets ResponseValidationError with status 200, the body and an excerpt."""
    server.route(method, f"/v1_1{path}", _answer(body))
    with _client(server) as pc, pytest.raises(ResponseValidationError) as raised:
        call(pc)
    error = raised.value
    assert raised.match(words)
    assert error.status_code == 200
    assert f"{method} /v1_1{path}" in str(error)
    if not isinstance(body, bytes):
        assert error.body == body
    assert len(server.seen(method, f"/v1_1{path}")) == 1  # a bad body is not asked for twice


async def test_async_offer_list_is_checked_too(server: HostileServer) -> None:
    """The async twin refuses `{"offers": [{"id": "abc", "name": 5}]}` the same way."""

    async def no_sleep(_s: float) -> None:
        return None

    server.route("GET", "/v1_1/offer", json(200, {"offers": [{"id": "abc", "name": 5}]}))
    async with AsyncPeerClick(
        access_id=ACCESS_ID,
        access_key=ACCESS_KEY,
        base_url=server.base_url,
        limiter=RateLimiter(FAST),
        sleep=no_sleep,
        timeout=5.0,
    ) as apc:
        with pytest.raises(ResponseValidationError, match=r"offers\[0\]\.id") as raised:
            await apc.offers.list()
    assert raised.value.status_code == 200
    assert "abc" in str(raised.value)


def test_good_types_still_parse(server: HostileServer) -> None:
    """Well-typed answers become models; unknown fields are kept."""
    server.route(
        "GET",
        "/v1_1/offer",
        json(200, {"offers": [{"id": 3, "name": "A", "namePostfix": "A", "extra": [1]}]}),
    )
    with _client(server) as pc:
        offers = pc.offers.list()
    assert [(o.id, o.name) for o in offers] == [(3, "A")]
    assert offers[0].additional_properties == {"extra": [1]}
