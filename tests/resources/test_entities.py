"""Entity resources: CRUD, envelopes, update-merge, shorthands and validation before I/O."""

from __future__ import annotations

import inspect
import json
from typing import Any

import httpx
import pytest

from peerclick import NotFoundError, ResponseValidationError
from peerclick.resources import entities as ents
from peerclick.types import Offer, OfferInput
from tests.conftest import Scripted, make_async_client, make_client

OFFER_READ = {
    "id": 5,
    "name": "Net - US - Summer",
    "namePostfix": "Summer",
    "workspaceId": 1,
    "url": "https://adv.example/?c={clickid}",
    "country": {"code": "US"},
    "affiliateNetwork": {"id": 7},
    "payout": {"type": "AUTO", "value": None, "currency": "USD"},
    "tags": ["a"],
    "deleted": False,
    "createdTime": "2026-11-01T10:00:00Z",
    "someServerField": 42,
}


def sent_json(request: httpx.Request) -> Any:
    return json.loads(request.content)


class TestCreate:
    def test_offer_shorthands_build_the_observed_body(self) -> None:
        server = Scripted({("POST", "/offer"): {"description": "Success", "offer": {"id": 9}}})
        with make_client(server) as pc:
            offer = pc.offers.create(
                name="Summer",
                url="https://adv.example/?c={clickid}",
                country="us",
                affiliate_network=7,
                workspace_id=1,
            )
        assert sent_json(server.api_requests()[0]) == {
            "name": "Summer",
            "url": "https://adv.example/?c={clickid}",
            "country": {"code": "US"},
            "affiliateNetwork": {"id": 7},
            "workspaceId": 1,
            "payout": {"type": "AUTO", "value": None, "currency": "USD"},
        }
        assert isinstance(offer, Offer)
        assert offer.id == 9
        assert offer.url == "https://adv.example/?c={clickid}"

    def test_campaign_create_sends_a_bare_traffic_source_id(self) -> None:
        server = Scripted(
            {
                ("POST", "/campaign"): {
                    "description": "Success",
                    "campaign": {"url": "http://1.x/k", "id": 3},
                }
            }
        )
        target = {
            "destination": "PATH",
            "path": {
                "defaultPaths": [{"weight": 100, "direct": 1, "offers": [{"id": 9, "weight": 100}]}]
            },
        }
        with make_client(server) as pc:
            campaign = pc.campaigns.create(
                name="C",
                workspace_id=1,
                traffic_source={"id": 4},
                country="WO",
                domain="x.gopeerclick.com",
                redirect_target=target,
                tags=[],
            )
        body = sent_json(server.api_requests()[0])
        assert body["trafficSource"] == 4
        assert body["country"] == {"code": "GLB"}
        assert body["costModel"] == {"type": "AUTO", "currency": "USD"}
        assert body["redirectTarget"] == target
        assert campaign.url == "http://1.x/k" and campaign.id == 3

    def test_generated_input_model_is_accepted(self) -> None:
        server = Scripted({("POST", "/offer"): {"description": "Success", "offer": {"id": 1}}})
        body = OfferInput.from_dict(
            {
                "name": "n",
                "url": "https://u",
                "country": {"code": "DE"},
                "affiliateNetwork": {"id": 2},
                "payout": {"type": "MANUAL", "value": 1.5, "currency": "EUR"},
            }
        )
        with make_client(server) as pc:
            pc.offers.create(body)
        assert sent_json(server.api_requests()[0])["payout"]["value"] == 1.5

    @pytest.mark.parametrize(
        ("fields", "error", "message"),
        [
            ({"url": "https://u", "country": "US", "affiliate_network": 1}, TypeError, "'name'"),
            (
                {"name": "n", "url": "ftp://u", "country": "US", "affiliate_network": 1},
                ValueError,
                "http",
            ),
            (
                {"name": "", "url": "https://u", "country": "US", "affiliate_network": 1},
                ValueError,
                "name",
            ),
            (
                {"name": "n", "url": "https://u", "country": "USA", "affiliate_network": 1},
                ValueError,
                "country",
            ),
            (
                {"name": "n", "url": "https://u", "country": "US", "affiliate_network": 0},
                ValueError,
                "positive",
            ),
            (
                {"name": "n", "url": "https://u", "country": "US", "affiliate_network": True},
                TypeError,
                "int",
            ),
            ({"nmae": "n"}, TypeError, "unknown field 'nmae'"),
            (
                {
                    "name": "n",
                    "url": "https://u",
                    "country": "US",
                    "affiliate_network": 1,
                    "payout": -2,
                },
                ValueError,
                "payout",
            ),
            (
                {
                    "name": "n",
                    "url": "https://u",
                    "country": "US",
                    "affiliate_network": 1,
                    "workspace_id": "1",
                },
                TypeError,
                "workspace_id",
            ),
        ],
    )
    def test_bad_input_is_refused_before_any_request(
        self, fields: dict[str, Any], error: type[Exception], message: str
    ) -> None:
        server = Scripted()
        with make_client(server) as pc, pytest.raises(error, match=message):
            pc.offers.create(**fields)
        assert server.requests == []


class TestRead:
    def test_get_unwraps_the_envelope_and_keeps_unknown_fields(self) -> None:
        server = Scripted({("GET", "/offer/5"): {"offer": OFFER_READ}})
        with make_client(server) as pc:
            offer = pc.offers.get(5)
        assert offer.id == 5 and offer.name_postfix == "Summer"
        assert offer.additional_properties == {"someServerField": 42}

    def test_campaign_get_with_pages(self) -> None:
        server = Scripted({("GET", "/campaign/3"): {"campaign": {"id": 3}}})
        with make_client(server) as pc:
            pc.campaigns.get(3, with_pages=True)
            pc.campaigns.get(3)
        first, second = server.api_requests()
        assert first.url.params["withPages"] == "1"
        assert "withPages" not in second.url.params

    def test_list_reads_the_plural_key_and_sends_filters(self) -> None:
        server = Scripted(
            {("GET", "/traffic-source"): {"trafficSources": [{"id": 1, "name": "A"}, {"id": 2}]}}
        )
        with make_client(server) as pc:
            sources = pc.traffic_sources.list(
                include_deleted=True, fields=["id", "name"], workspace_id=3
            )
        assert [s.id for s in sources] == [1, 2]
        params = server.api_requests()[0].url.params
        assert params["includeDeleted"] == "true"
        assert params.get_list("fields") == ["id", "name"]
        assert params["workspaceId"] == "3"

    def test_list_without_its_key_is_a_validation_error(self) -> None:
        server = Scripted({("GET", "/flow"): {"description": "Success"}})
        with make_client(server) as pc, pytest.raises(ResponseValidationError, match="flows"):
            pc.flows.list()

    @pytest.mark.parametrize("bad", ["5", 5.0, True, None, -1, 0])
    def test_bad_ids_are_refused(self, bad: object) -> None:
        server = Scripted()
        with make_client(server) as pc, pytest.raises((TypeError, ValueError)):
            pc.landers.get(bad)  # type: ignore[arg-type]
        assert server.requests == []

    def test_unknown_id_raises_not_found(self) -> None:
        with make_client(Scripted()) as pc, pytest.raises(NotFoundError):
            pc.affiliate_networks.get(99)


class TestUpdate:
    def test_update_reads_merges_and_puts_the_whole_offer(self) -> None:
        server = Scripted(
            {("GET", "/offer/5"): {"offer": OFFER_READ}, ("PUT", "/offer/5"): {"status": 200}}
        )
        with make_client(server) as pc:
            offer = pc.offers.update(5, url="https://adv.example/v2")
        get, put = server.api_requests()
        assert (get.method, put.method) == ("GET", "PUT")
        assert sent_json(put) == {
            "name": "Summer",  # the custom part, not the display name
            "url": "https://adv.example/v2",
            "country": {"code": "US"},
            "affiliateNetwork": {"id": 7},
            "payout": {"type": "AUTO", "value": None, "currency": "USD"},
            "tags": ["a"],
            "someServerField": 42,
        }
        assert offer.id == 5 and offer.url == "https://adv.example/v2"

    def test_update_without_changes_is_refused_before_reading(self) -> None:
        server = Scripted({("GET", "/offer/5"): {"offer": OFFER_READ}})
        with make_client(server) as pc, pytest.raises(ValueError, match="no changes"):
            pc.offers.update(5)
        assert server.requests == []

    def test_replace_sends_the_body_as_is(self) -> None:
        server = Scripted(
            {("PUT", "/lander/2"): {"description": "Success", "lander": {"id": 2, "name": "L"}}}
        )
        with make_client(server) as pc:
            lander = pc.landers.replace(2, {"name": "L", "url": "https://l.example"})
        assert sent_json(server.api_requests()[0]) == {"name": "L", "url": "https://l.example"}
        assert lander.id == 2

    def test_delete_and_restore(self) -> None:
        server = Scripted(
            {("DELETE", "/offer/5"): httpx.Response(200), ("POST", "/offer/restore"): {}}
        )
        with make_client(server) as pc:
            assert pc.offers.delete(5) is None
            pc.offers.restore([5, 6])
            with pytest.raises(ValueError):
                pc.offers.restore([])
        assert sent_json(server.api_requests()[1]) == {"ids": [5, 6]}


class TestAsyncTwins:
    async def test_async_crud_round_trip(self) -> None:
        server = Scripted(
            {
                ("POST", "/flow"): {"description": "Success", "flow": {"id": 1}},
                ("GET", "/flow/1"): {"flow": {"id": 1, "name": "F", "countries": [{"code": "US"}]}},
                ("PUT", "/flow/1"): {"status": 200},
                ("DELETE", "/flow/1"): {"description": "Success"},
            }
        )
        async with make_async_client(server) as apc:
            created = await apc.flows.create(name="F", countries=["us"])
            updated = await apc.flows.update(created.id, name="G")  # type: ignore[arg-type]
            await apc.flows.delete(1)
        assert sent_json(server.api_requests()[0]) == {"name": "F", "countries": [{"code": "US"}]}
        assert updated.name == "G"

    @pytest.mark.parametrize(
        ("sync_cls", "async_cls"),
        [
            (ents.Campaigns, ents.AsyncCampaigns),
            (ents.Offers, ents.AsyncOffers),
            (ents.Landers, ents.AsyncLanders),
            (ents.Flows, ents.AsyncFlows),
            (ents.TrafficSources, ents.AsyncTrafficSources),
            (ents.AffiliateNetworks, ents.AsyncAffiliateNetworks),
        ],
    )
    def test_twins_have_the_same_methods_and_signatures(
        self, sync_cls: type, async_cls: type
    ) -> None:
        public = {n for n in dir(sync_cls) if not n.startswith("_")} - {"kind"}
        assert public == {n for n in dir(async_cls) if not n.startswith("_")} - {"kind"}
        for name in public:
            assert inspect.signature(getattr(sync_cls, name)) == inspect.signature(
                getattr(async_cls, name)
            ), name
            assert inspect.iscoroutinefunction(getattr(async_cls, name)), name
