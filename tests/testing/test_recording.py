"""Request records: what the fake saw, without secrets."""

from __future__ import annotations

import httpx

from peerclick.testing import FakeClock, FakePeerClick


def test_records_describe_each_request(
    http: httpx.Client, fake: FakePeerClick, clock: FakeClock
) -> None:
    """Time, method, unversioned path, version, query, token id, account, operation and status."""
    clock.advance(5)
    http.get("/report", params={"groupBy": ["day", "offer"], "from": "2026-11-01"})
    record = fake.requests[-1]
    assert record.time == clock()
    assert (record.method, record.path, record.version) == ("GET", "/report", "v1_1")
    assert record.query == {"groupBy": ("day", "offer"), "from": ("2026-11-01",)}
    assert record.token_id == "tok-1" and record.account == "demo"
    assert (record.operation_id, record.status, record.fault) == ("getReport", 200, None)


def test_records_never_hold_the_token(http: httpx.Client, fake: FakePeerClick) -> None:
    """The token appears neither in records nor in their reprs."""
    token = http.headers["api-token"]
    http.get("/offer/1")
    assert all(token not in repr(r) for r in fake.requests)
    assert token not in repr(fake.sessions.all())


def test_login_and_unknown_tokens(anon: httpx.Client, fake: FakePeerClick) -> None:
    """Logins record no token; unknown tokens are recorded as "unknown"."""
    anon.post(
        "/auth/access/session", json={"accessId": fake.access_id, "accessKey": fake.access_key}
    )
    anon.get("/offer/1", headers={"api-token": "bogus"})
    login, bogus = fake.requests
    assert (login.operation_id, login.token_id, login.account, login.status) == (
        "createAccessSession", None, "demo", 200,
    )  # fmt: skip
    assert (bogus.token_id, bogus.account, bogus.status) == ("unknown", None, 401)


def test_requests_to(http: httpx.Client, fake: FakePeerClick) -> None:
    """requests_to(path, method) filters by path prefix (segment-wise) and method."""
    http.get("/offer")
    http.get("/offer/1")
    http.post("/offer", json={})
    http.get("/offerings")
    assert [r.path for r in fake.requests_to("/offer")] == ["/offer", "/offer/1", "/offer"]
    assert [r.status for r in fake.requests_to("/offer", method="post")] == [400]
    assert len(fake.requests_to("/auth")) == 1  # the fixture's login
