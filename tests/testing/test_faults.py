"""Fault injection: server errors, 429 storms, HTML error pages, delays and dropped connections."""

from __future__ import annotations

import httpx
import pytest

from peerclick.testing import FakeClock, FakePeerClick

from .conftest import assert_error


class TestStatusFaults:
    def test_next_n_responses_fail(self, http: httpx.Client, fake: FakePeerClick) -> None:
        """fail(503, times=2): two 503s with an Error body, then normal service."""
        fake.faults.fail(503, times=2)
        assert_error(http.get("/offer/1"), 503, "SERVICE_UNAVAILABLE")
        assert_error(http.get("/offer/1"), 503)
        assert http.get("/offer/1").status_code == 200
        assert fake.faults.armed == []

    def test_only_for_a_path_and_method(self, http: httpx.Client, fake: FakePeerClick) -> None:
        """path (with sub-paths) and method narrow a fault; other requests pass."""
        fault = fake.faults.fail(500, path="/report", method="GET", times=None)
        assert http.get("/offer/1").status_code == 200
        assert (
            http.get("/report", params={"groupBy": "campaign", "from": "2026-11-01"}).status_code
            == 500
        )
        assert http.get("/report/conversions", params={"from": "2026-11-01"}).status_code == 500
        assert fault.fired == 2 and fake.faults.armed == [fault]
        fake.faults.clear()
        assert http.get("/report/conversions", params={"from": "2026-11-01"}).status_code == 200

    def test_with_retry_after(self, http: httpx.Client, fake: FakePeerClick) -> None:
        """A 503 may carry Retry-After."""
        fake.faults.fail(503, retry_after=7)
        assert http.get("/domain").headers["retry-after"] == "7"

    def test_rate_limit_storm(self, http: httpx.Client, fake: FakePeerClick) -> None:
        """rate_limit(retry_after=N, times=k): k 429s with Retry-After N, whatever the budget."""
        fake.faults.rate_limit(retry_after=3, times=3)
        replies = [http.get("/domain") for _ in range(4)]
        assert [r.status_code for r in replies] == [429, 429, 429, 200]
        assert {r.headers.get("retry-after") for r in replies[:3]} == {"3"}

    def test_html_error_page(self, http: httpx.Client, fake: FakePeerClick) -> None:
        """html_error(502): nginx's text/html page, not JSON."""
        fake.faults.html_error(502)
        reply = http.get("/offer/1")
        assert reply.status_code == 502
        assert reply.headers["content-type"] == "text/html"
        assert "<center><h1>502 Bad Gateway</h1></center>" in reply.text

    def test_faults_hit_before_authentication(
        self, anon: httpx.Client, fake: FakePeerClick
    ) -> None:
        """A gateway fails before the API sees the token: login can fail too."""
        fake.faults.fail(502, path="/auth")
        body = {"accessId": fake.access_id, "accessKey": fake.access_key}
        assert anon.post("/auth/access/session", json=body).status_code == 502
        assert anon.post("/auth/access/session", json=body).status_code == 200

    def test_times_must_be_positive(self, fake: FakePeerClick) -> None:
        """times is >= 1, or None for "until cleared"."""
        with pytest.raises(ValueError, match="times"):
            fake.faults.fail(times=0)


class TestConnectionFaults:
    @pytest.mark.parametrize(
        ("error", "exception"), [("read", httpx.ReadError), ("protocol", httpx.RemoteProtocolError)]
    )
    def test_drop_raises_in_process(
        self, http: httpx.Client, fake: FakePeerClick, error: str, exception: type[Exception]
    ) -> None:
        """drop() raises the transport error httpx would raise for a dead connection."""
        fake.faults.drop(error=error)  # type: ignore[arg-type]
        with pytest.raises(exception):
            http.get("/offer/1")
        assert http.get("/offer/1").status_code == 200
        assert fake.requests[-2].status is None and fake.requests[-2].fault == "drop"

    def test_timeout_raises_read_timeout(self, http: httpx.Client, fake: FakePeerClick) -> None:
        """timeout() raises httpx.ReadTimeout at once in process."""
        fake.faults.timeout(seconds=30)
        with pytest.raises(httpx.ReadTimeout):
            http.get("/offer/1")

    def test_delay_uses_the_injected_sleep(self) -> None:
        """delay(s) answers normally after sleeping s through the fake's sleep."""
        clock = FakeClock()
        fake = FakePeerClick(clock=clock, sleep=clock.sleep, rate_limits=None)
        fake.faults.delay(2.5, path="/offer")
        with fake.http_client(headers={"api-token": fake.login()}) as http:
            start = clock()
            assert http.get("/offer/1").status_code == 200
            assert clock() - start == 2.5
            assert http.get("/offer/1").status_code == 200
            assert clock() - start == 2.5


class TestAsyncTwin:
    async def test_faults_in_async_transport(self) -> None:
        """The async transport shares the pipeline: drops raise, delays await the sleep."""
        fake = FakePeerClick(rate_limits=None)
        fake.faults.fail(500)
        fake.faults.drop(error="protocol")
        fake.faults.delay(0.01)
        async with fake.async_http_client(headers={"api-token": fake.login()}) as http:
            assert (await http.get("/offer/1")).status_code == 500
            with pytest.raises(httpx.RemoteProtocolError):
                await http.get("/offer/1")
            assert (await http.get("/offer/1")).status_code == 200
