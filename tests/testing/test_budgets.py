"""Budgets: 3 requests/s per account, 1 request/s for reports, answered with 429 and Retry-After."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from peerclick.testing import FakeClock, FakePeerClick, ServerLimits

from .conftest import assert_error

REPORT = {"groupBy": "campaign", "from": "2026-11-25", "to": "2026-11-26"}


@pytest.fixture
def limited(clock: FakeClock) -> FakePeerClick:
    return FakePeerClick(clock=clock)


@pytest.fixture
def client(limited: FakePeerClick) -> Iterator[httpx.Client]:
    with limited.http_client(headers={"api-token": limited.login()}) as http:
        yield http


class TestGeneralBudget:
    def test_fourth_request_in_a_second_is_429(
        self, client: httpx.Client, clock: FakeClock
    ) -> None:
        """Three pass; the fourth within the second gets 429, Retry-After and an Error body."""
        assert [client.get("/domain").status_code for _ in range(3)] == [200, 200, 200]
        refused = client.get("/domain")
        assert_error(refused, 429, "NUMBER_OF_REQUEST_FOR_IP_EXCEEDED")
        assert refused.headers["retry-after"] == "1"
        clock.advance(1)
        assert client.get("/domain").status_code == 200

    def test_window_slides(self, client: httpx.Client, clock: FakeClock) -> None:
        """The window is sliding, not aligned to whole seconds; rejected calls cost nothing."""
        client.get("/domain")
        clock.advance(0.6)
        client.get("/domain")
        client.get("/domain")
        assert client.get("/domain").status_code == 429
        assert client.get("/domain").status_code == 429
        clock.advance(0.4)  # the first permit expires
        assert client.get("/domain").status_code == 200
        assert client.get("/domain").status_code == 429

    def test_logins_count_too(self, limited: FakePeerClick) -> None:
        """Session requests draw on the account's budget."""
        with limited.http_client() as anon:
            body = {"accessId": limited.access_id, "accessKey": limited.access_key}
            statuses = [anon.post("/auth/access/session", json=body).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]


class TestReportBudget:
    def test_second_report_in_a_second_is_429(self, client: httpx.Client, clock: FakeClock) -> None:
        """Report paths allow one request per second; other paths keep their own budget."""
        assert client.get("/report", params=REPORT).status_code == 200
        refused = client.get("/report/conversions", params=REPORT)
        assert_error(refused, 429)
        assert int(refused.headers["retry-after"]) >= 1
        assert client.get("/domain").status_code == 200
        clock.advance(1)
        assert client.get("/report", params=REPORT).status_code == 200

    def test_reports_also_spend_the_general_budget(
        self, client: httpx.Client, clock: FakeClock
    ) -> None:
        """A report takes a general permit as well."""
        client.get("/report", params=REPORT)
        client.get("/domain")
        client.get("/domain")
        assert client.get("/domain").status_code == 429


class TestConfiguration:
    def test_budgets_can_be_switched_off(self, clock: FakeClock) -> None:
        """rate_limits=None: no 429 from budgets."""
        fake = FakePeerClick(clock=clock, rate_limits=None)
        with fake.http_client(headers={"api-token": fake.login()}) as http:
            assert {http.get("/report", params=REPORT).status_code for _ in range(5)} == {200}

    def test_custom_limits(self, clock: FakeClock) -> None:
        """ServerLimits sets the counts and the period."""
        fake = FakePeerClick(clock=clock, rate_limits=ServerLimits(general=5, report=2, period=10))
        with fake.http_client(headers={"api-token": fake.login()}) as http:
            assert [http.get("/domain").status_code for _ in range(6)] == [200] * 5 + [429]
            assert http.get("/domain").headers["retry-after"] == "10"

    def test_budgets_are_per_account(self, limited: FakePeerClick, client: httpx.Client) -> None:
        """Another account has its own budget."""
        limited.add_account("second", access_keys={"id-2": "key-2"}, demo_data=False)
        for _ in range(3):
            client.get("/domain")
        assert client.get("/domain").status_code == 429
        with limited.http_client(headers={"api-token": limited.login("second")}) as other:
            assert other.get("/domain").status_code == 200
