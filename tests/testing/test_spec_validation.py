"""Every operation of openapi/peerclick.yaml, driven against the fake and checked by openapi-core.

Responses (success and error) are validated against the spec; successful requests are validated
too, so the test itself cannot drift from the spec. The spec's server URL is
`https://api.peerclick.com/{version}` and its paths carry no prefix; openapi-core resolves the
version variable, so requests go to `https://api.peerclick.com/v1_1/...` unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from peerclick.testing import FakeClock, FakePeerClick

from .bodies import BODIES, KEYS
from .spec_tools import load_spec


class _Request:
    """An httpx request in openapi-core's Request protocol."""

    def __init__(self, request: httpx.Request) -> None:
        self.host_url = f"{request.url.scheme}://{request.url.netloc.decode()}"
        self.path = request.url.path
        self.method = request.method.lower()
        self.body = request.content or None
        self.content_type = request.headers.get("content-type", "")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(request.url.params.multi_items())),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
            path={},
        )


class _Response:
    """An httpx response in openapi-core's Response protocol."""

    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.headers = Headers(list(response.headers.items()))
        self.content_type = response.headers.get("content-type", "")
        self.data = response.content


class ValidatingTransport(httpx.BaseTransport):
    """Answers from the fake and validates every exchange against the spec."""

    def __init__(self, fake: FakePeerClick, api: OpenAPI) -> None:
        self.fake, self.api = fake, api
        self.seen: list[tuple[str | None, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.fake.handle_request(request)
        response.read()
        self.api.validate_response(_Request(request), _Response(response))
        if response.is_success:
            self.api.validate_request(_Request(request))
        self.seen.append((self.fake.requests[-1].operation_id, response.status_code))
        return response


@pytest.fixture(scope="module")
def api() -> OpenAPI:
    return OpenAPI.from_dict(load_spec())


def _operation_ids() -> set[str]:
    return {
        op["operationId"]
        for item in load_spec()["paths"].values()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "patch")
    }


@pytest.fixture
def transport(api: OpenAPI) -> ValidatingTransport:
    return ValidatingTransport(FakePeerClick(clock=FakeClock(), rate_limits=None), api)


@pytest.fixture
def http(transport: ValidatingTransport) -> Iterator[httpx.Client]:
    with httpx.Client(transport=transport, base_url="https://api.peerclick.com/v1_1") as client:
        yield client


def _ok(response: httpx.Response) -> Any:
    assert response.is_success, response.text
    return response.json() if response.content else None


def test_every_operation_answers_as_the_spec_says(
    http: httpx.Client, transport: ValidatingTransport
) -> None:
    """Drive each operationId at least once with a 2xx, plus the documented error statuses."""
    fake = transport.fake
    creds = {"accessId": fake.access_id, "accessKey": fake.access_key}
    http.headers["api-token"] = _ok(http.post("/auth/access/session", json=creds))["token"]
    _ok(http.post("/auth/session", json={"email": fake.email, "password": fake.password}))
    _ok(http.get("/auth/session"))

    for segment in ("affiliate-network", "traffic-source", "offer", "lander", "flow", "campaign"):
        key, _ = KEYS[segment]
        entity = _ok(http.post(f"/{segment}", json=BODIES[segment]))[key]
        _ok(http.get(f"/{segment}", params={"includeDeleted": "true", "fields": ["name"]}))
        _ok(http.get(f"/{segment}/{entity['id']}"))
        _ok(http.put(f"/{segment}/{entity['id']}", json=BODIES[segment] | {"name": "Renamed"}))
        _ok(http.delete(f"/{segment}/{entity['id']}"))
        _ok(http.post(f"/{segment}/restore", json={"ids": [entity["id"]]}))
    _ok(http.get("/campaign/1", params={"withPages": 1}))
    _ok(http.get("/multiuser/workspace"))
    _ok(http.get("/domain"))

    span = {"from": "2026-11-20T00:00:00Z", "to": "2026-11-27T00:00:00Z", "tz": "Etc/GMT"}
    _ok(
        http.get(
            "/report", params=span | {"groupBy": ["campaign", "day"], "columns": ["visits", "roi"]}
        )
    )
    everything = {
        "groupBy": "offer", "sort": "revenue", "direction": "DESC", "limit": 2, "offset": 1,
        "include": "ALL", "conversionTimeMode": "VISIT", "currency": "USD",
        "filter1": "campaign", "filter1Value": "1", "workspaces": [1],
    }  # fmt: skip
    _ok(http.get("/report", params=span | everything))
    _ok(http.get("/report/conversions", params=span | {"groupBy": "conversion", "limit": 5}))
    _ok(http.get("/report/live/visits/1", params={"tz": "Europe/Berlin"}))
    clicks = _ok(http.get("/report/live/clicks/1"))["rows"]
    _ok(http.get("/column/info"))
    cost = {"campaignId": 1, "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z",
            "timeZone": "UTC", "cost": 42.0, "currency": "USD"}  # fmt: skip
    _ok(http.post("/report/manual-cost", json=cost))
    csv = f"{clicks[0]['clickId']},1.5,tx-1,Sale,2026-11-26T23:30:00Z\n".encode()
    _ok(http.post("/conversion", content=csv, headers={"content-type": "text/csv"}))

    # Error answers are spec-shaped too.
    assert (
        http.get(
            "/report", params={"groupBy": "campaign", "from": "2026-11-01T00:30:00Z"}
        ).status_code
        == 400
    )
    assert http.post("/offer", json={"name": "x"}).status_code == 400
    assert http.get("/offer/999").status_code == 404
    new = _ok(http.post("/campaign", json=BODIES["campaign"] | {"name": "Fresh"}))["campaign"]
    assert (
        http.post("/report/manual-cost", json=cost | {"campaignId": new["id"]}).status_code == 417
    )
    fake.faults.rate_limit(retry_after=2)
    assert http.get("/domain").status_code == 429
    for status in (500, 502, 503):
        fake.faults.fail(status)
        assert http.get("/domain").status_code == status
    assert http.get("/domain", headers={"api-token": "nope"}).status_code == 401
    _ok(http.delete("/auth/session"))
    assert http.get("/auth/session").json()["alive"] is False
    assert http.post("/auth/access/session", json=creds | {"accessKey": "wrong"}).status_code == 401

    succeeded = {op for op, status in transport.seen if op and 200 <= status < 300}
    assert _operation_ids() - succeeded == set(), "operations never exercised"
    assert {400, 401, 404, 417, 429, 500, 502, 503} <= {status for _, status in transport.seen}


def test_budget_429_is_spec_shaped(api: OpenAPI) -> None:
    """A 429 from the budget (with Retry-After) validates as well."""
    fake = FakePeerClick(clock=FakeClock())
    transport = ValidatingTransport(fake, api)
    with httpx.Client(transport=transport, base_url="https://api.peerclick.com/v1") as http:
        http.headers["api-token"] = fake.login()
        statuses = [http.get("/domain").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_validation_catches_a_broken_body(api: OpenAPI) -> None:
    """The harness is not vacuous: a wrongly typed field fails validation."""
    request = httpx.Request("GET", "https://api.peerclick.com/v1_1/offer/1")
    broken = httpx.Response(200, json={"offer": {"id": "seven"}}, request=request)
    with pytest.raises(Exception, match="seven"):
        api.validate_response(_Request(request), _Response(broken))
