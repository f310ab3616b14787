"""Manual cost updates and conversion uploads: documented rules checked before anything is sent."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from attrs import define

from peerclick import ResponseValidationError
from peerclick.types import Conversion
from tests.conftest import Scripted, make_async_client, make_client


class TestCosts:
    def test_sends_the_documented_fields_with_the_zone_offset(self) -> None:
        server = Scripted({("POST", "/report/manual-cost"): {"description": "Success"}})
        with make_client(server) as pc:
            result = pc.costs.update(
                campaign_id=12,
                date_from=date(2026, 11, 1),
                date_to="2026-11-08T00:00:00",
                cost=Decimal("250.50"),
                timezone="Europe/Berlin",
                currency="eur",
            )
        assert result == {"description": "Success"}
        assert json.loads(server.api_requests()[0].content) == {
            "campaignId": 12,
            "from": "2026-11-01T00:00:00+01:00",
            "to": "2026-11-08T00:00:00+01:00",
            "timeZone": "Europe/Berlin",
            "cost": 250.5,
            "currency": "EUR",
        }

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            ({"date_to": "2026-12-03"}, ValueError, "31 days"),
            ({"date_to": "2026-10-01"}, ValueError, "before"),
            ({"date_from": "2026-11-01T10:30:00"}, ValueError, "on the hour"),
            ({"cost": -1}, ValueError, "cost"),
            ({"cost": float("nan")}, ValueError, "cost"),
            ({"cost": "10"}, TypeError, "cost"),
            ({"timezone": "Mars/Olympus"}, ValueError, "timezone"),
            ({"campaign_id": "12"}, TypeError, "campaign_id"),
            ({"currency": "dollars"}, ValueError, "currency"),
            ({"date_from": "yesterday"}, ValueError, "date_from"),
        ],
    )
    def test_rule_breaks_are_refused_before_any_request(
        self, kwargs: dict[str, Any], error: type[Exception], message: str
    ) -> None:
        args: dict[str, Any] = {
            "campaign_id": 12,
            "date_from": "2026-11-01",
            "date_to": "2026-11-08",
            "cost": 10,
            "timezone": "UTC",
        }
        args.update(kwargs)
        server = Scripted()
        with make_client(server) as pc, pytest.raises(error, match=message):
            pc.costs.update(**args)
        assert server.requests == []

    def test_exactly_31_days_is_allowed(self) -> None:
        server = Scripted({("POST", "/report/manual-cost"): httpx.Response(202)})
        with make_client(server) as pc:
            assert pc.costs.update(1, "2026-10-01", "2026-11-01", 0, "UTC") == {}

    async def test_async_twin(self) -> None:
        server = Scripted({("POST", "/report/manual-cost"): {"description": "Success"}})
        async with make_async_client(server) as apc:
            await apc.costs.update(
                1, datetime(2026, 11, 1, 5), datetime(2026, 11, 1, 9), 3.5, "UTC"
            )
        body = json.loads(server.api_requests()[0].content)
        assert (body["from"], body["to"]) == (
            "2026-11-01T05:00:00+00:00",
            "2026-11-01T09:00:00+00:00",
        )


@define
class MyRow:
    click_id: str
    payout: float


class TestConversions:
    def test_rows_become_csv_lines(self) -> None:
        server = Scripted({("POST", "/conversion"): {"numberOfRows": 3}})
        rows: list[Any] = [
            {
                "click_id": "abc",
                "payout": 2.5,
                "txid": "t1",
                "status": "sale",
                "timestamp": "2026-11-01T10:00:00+02:00",
            },
            Conversion(click_id="def"),
            MyRow(click_id="g,h", payout=1),
        ]
        with make_client(server) as pc:
            assert pc.conversions.upload(rows) == 3
        request = server.api_requests()[0]
        assert request.headers["content-type"] == "text/csv"
        assert request.content.decode() == (
            'abc,2.5,t1,sale,2026-11-01 08:00:00\ndef,,,,\n"g,h",1,,,\n'
        )

    def test_large_uploads_are_chunked(self) -> None:
        counts: list[int] = []

        def accept(request: httpx.Request) -> httpx.Response:
            n = request.content.decode().count("\n")
            counts.append(n)
            return httpx.Response(200, json={"numberOfRows": n})

        server = Scripted({("POST", "/conversion"): accept})
        with make_client(server) as pc:
            total = pc.conversions.upload([{"clickId": f"c{i}"} for i in range(25)], chunk_size=10)
        assert total == 25
        assert counts == [10, 10, 5]

    @pytest.mark.parametrize(
        ("rows", "error", "message"),
        [
            ([{"payout": 1}], TypeError, r"rows\[0\]: click_id is required"),
            ([{"click_id": ""}], ValueError, "click_id"),
            ([{"click_id": "a"}, {"click_id": "b", "payout": -1}], ValueError, r"rows\[1\]"),
            ([{"click_id": "a", "bogus": 1}], TypeError, "unknown key 'bogus'"),
            ([{"click_id": "a\nb"}], ValueError, "one line"),
            ([], ValueError, "empty"),
            ("abc", TypeError, "rows"),
            ([42], TypeError, r"rows\[0\]"),
        ],
    )
    def test_bad_rows_send_nothing(self, rows: Any, error: type[Exception], message: str) -> None:
        server = Scripted()
        with make_client(server) as pc, pytest.raises(error, match=message):
            pc.conversions.upload(rows)
        assert server.requests == []

    def test_missing_count_is_a_validation_error(self) -> None:
        server = Scripted({("POST", "/conversion"): {"description": "Success"}})
        with (
            make_client(server) as pc,
            pytest.raises(ResponseValidationError, match="numberOfRows"),
        ):
            pc.conversions.upload([{"click_id": "a"}])

    async def test_async_twin(self) -> None:
        server = Scripted({("POST", "/conversion"): {"numberOfRows": 1}})
        async with make_async_client(server) as apc:
            assert await apc.conversions.upload([Conversion(click_id="x", payout=1)]) == 1


class TestAccounts:
    def test_workspaces_and_domains(self) -> None:
        server = Scripted(
            {
                ("GET", "/multiuser/workspace"): {
                    "workspaces": [{"id": 1, "name": "Initial private workspace"}]
                },
                ("GET", "/domain"): {
                    "domains": [{"id": 1, "domain": "t.example.com", "ssl": "ENABLED"}]
                },
            }
        )
        with make_client(server) as pc:
            assert pc.workspaces.list()[0].name == "Initial private workspace"
            assert pc.domains.list()[0].domain == "t.example.com"
