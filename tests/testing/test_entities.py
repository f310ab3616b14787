"""Entities: CRUD with per-account integer ids, the observed envelopes, archive, 404, 400."""

from __future__ import annotations

import copy
import re

import httpx
import pytest

from peerclick.testing import FakePeerClick, Rules

from .bodies import BODIES, KEYS
from .conftest import assert_error

SEGMENTS = list(BODIES)


@pytest.mark.parametrize("segment", SEGMENTS)
class TestCrud:
    def test_create_get_list(self, http: httpx.Client, segment: str) -> None:
        """POST answers {description: Success, <entity>}; GET and the list show the same entity."""
        key, plural = KEYS[segment]
        created = http.post(f"/{segment}", json=BODIES[segment])
        assert created.status_code == 200, created.text
        assert created.json()["description"] == "Success"
        entity = created.json()[key]
        assert isinstance(entity["id"], int) and entity["deleted"] is False
        assert http.get(f"/{segment}/{entity['id']}").json() == {key: entity}
        assert entity in http.get(f"/{segment}").json()[plural]

    def test_put_is_a_full_replace(self, http: httpx.Client, segment: str) -> None:
        """PUT answers {description, status: 200, <entity>} and drops fields it was not sent."""
        key, _ = KEYS[segment]
        entity_id = http.post(f"/{segment}", json=BODIES[segment]).json()[key]["id"]
        body = copy.deepcopy(BODIES[segment])
        body["name"] = "Renamed"
        body["tags"] = ["x"]
        extra = {"notes": "n"}
        reply = http.put(f"/{segment}/{entity_id}", json=body | extra)
        assert reply.status_code == 200, reply.text
        assert reply.json()["description"] == "Success" and reply.json()["status"] == 200
        assert reply.json()[key]["tags"] == ["x"]
        replaced = http.put(f"/{segment}/{entity_id}", json=body).json()[key]
        assert "notes" not in replaced
        assert replaced.get("namePostfix", replaced["name"]) == "Renamed"

    def test_delete_archives_and_restore_brings_back(
        self, http: httpx.Client, segment: str
    ) -> None:
        """DELETE sets deleted: true and hides it from lists unless includeDeleted=true."""
        key, plural = KEYS[segment]
        entity_id = http.post(f"/{segment}", json=BODIES[segment]).json()[key]["id"]
        assert http.delete(f"/{segment}/{entity_id}").json() == {"description": "Success"}
        assert http.get(f"/{segment}/{entity_id}").json()[key]["deleted"] is True
        listed = [e["id"] for e in http.get(f"/{segment}").json()[plural]]
        everything = [
            e["id"]
            for e in http.get(f"/{segment}", params={"includeDeleted": "true"}).json()[plural]
        ]
        assert entity_id not in listed and entity_id in everything
        restored = http.post(f"/{segment}/restore", json={"ids": [entity_id]})
        assert restored.json() == {"description": "Success"}
        assert http.get(f"/{segment}/{entity_id}").json()[key]["deleted"] is False

    def test_unknown_id_is_404(self, http: httpx.Client, segment: str) -> None:
        """GET, PUT and DELETE of an id that does not exist answer 404 NOT_FOUND."""
        assert_error(http.get(f"/{segment}/999"), 404, "NOT_FOUND")
        assert_error(http.put(f"/{segment}/999", json=BODIES[segment]), 404)
        assert_error(http.delete(f"/{segment}/999"), 404)
        assert_error(http.post(f"/{segment}/restore", json={"ids": [999]}), 404)

    def test_non_integer_id_is_400(self, http: httpx.Client, segment: str) -> None:
        """Ids are integers >= 1."""
        assert_error(http.get(f"/{segment}/abc"), 400)
        assert_error(http.get(f"/{segment}/0"), 400)

    def test_missing_name_is_400_naming_it(self, http: httpx.Client, segment: str) -> None:
        """Bodies are validated against the spec: a missing required field is named."""
        body = {k: v for k, v in BODIES[segment].items() if k != "name"}
        error = assert_error(http.post(f"/{segment}", json=body), 400, "BAD_REQUEST")
        assert str(error["description"]).startswith("name")
        assert error["error"]["messages"][0]["field"] == "name"  # type: ignore[index]


class TestValidation:
    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"trafficSource": "1"}, "trafficSource"),
            ({"country": {"code": 1}}, "country.code"),
            ({"country": {"code": "usa"}}, "country.code"),
            ({"costModel": {"value": 1}}, "costModel.type"),
            ({"redirectTarget": {"destination": "NOWHERE"}}, "redirectTarget.destination"),
            ({"trafficSource": 99}, "trafficSource"),
            ({"workspaceId": 7}, "workspaceId"),
        ],
    )
    def test_campaign_fields(
        self, http: httpx.Client, change: dict[str, object], field: str
    ) -> None:
        """Types, formats and references are checked; the error names the field."""
        error = assert_error(http.post("/campaign", json=BODIES["campaign"] | change), 400)
        assert str(error["description"]).startswith(field)

    def test_nested_path_reference(self, http: httpx.Client) -> None:
        """Offer ids inside paths must exist."""
        body = copy.deepcopy(BODIES["campaign"])
        body["redirectTarget"]["path"]["defaultPaths"][0]["offers"][0]["id"] = 42
        error = assert_error(http.post("/campaign", json=body), 400)
        assert "redirectTarget.path.defaultPaths[0].offers[0].id" in str(error["description"])

    def test_not_json_is_400(self, http: httpx.Client) -> None:
        """A body that is not JSON is a 400."""
        assert_error(
            http.post("/offer", content=b"{nope", headers={"content-type": "application/json"}), 400
        )

    def test_names_are_unique(self, http: httpx.Client) -> None:
        """A second entity with the same name is a 400, unless the rule is off."""
        http.post("/lander", json=BODIES["lander"])
        assert "unique" in str(
            assert_error(http.post("/lander", json=BODIES["lander"]), 400)["description"]
        )
        loose = FakePeerClick(rules=Rules(unique_names=False), rate_limits=None)
        with loose.http_client(headers={"api-token": loose.login()}) as client:
            assert client.post("/lander", json=BODIES["lander"]).status_code == 200
            assert client.post("/lander", json=BODIES["lander"]).status_code == 200


class TestShapes:
    def test_ids_are_small_per_account_integers(
        self, http: httpx.Client, fake: FakePeerClick
    ) -> None:
        """Ids count 1, 2, 3… per entity type and per account."""
        empty = FakePeerClick(demo_data=False, rate_limits=None)
        with empty.http_client(headers={"api-token": empty.login()}) as client:
            ids = [
                client.post("/lander", json={"name": f"L{i}", "url": "https://x"}).json()["lander"][
                    "id"
                ]
                for i in range(3)
            ]
        assert ids == [1, 2, 3]
        assert http.post("/lander", json=BODIES["lander"]).json()["lander"]["id"] == 3  # demo has 2

    def test_offer_names(self, http: httpx.Client) -> None:
        """Offers carry namePostfix (as sent) and "<network> - <country or Global> - <name>"."""
        offer = http.post("/offer", json=BODIES["offer"]).json()["offer"]
        assert offer["namePostfix"] == "Test offer"
        assert offer["name"] == "ClickDealer - United States - Test offer"
        global_offer = http.get("/offer/2").json()["offer"]
        assert global_offer["name"] == "ClickDealer - Global - Dating Smartlink"

    def test_offer_put_round_trip(self, http: httpx.Client) -> None:
        """The documented update: GET, map namePostfix to name, PUT without workspaceId."""
        offer = http.get("/offer/1").json()["offer"]
        body = {k: offer[k] for k in ("url", "country", "affiliateNetwork", "payout")}
        body["name"] = offer["namePostfix"] + " v2"
        updated = http.put("/offer/1", json=body).json()["offer"]
        assert updated["name"] == "MaxBounty - United States - Sweepstakes iPhone v2"
        assert updated["workspaceId"] == offer["workspaceId"]

    def test_campaign_tracking_url(self, http: httpx.Client) -> None:
        """Campaign reads carry http://<user id>.gopeerclick.com/<key>?<source parameters>."""
        campaign = http.post("/campaign", json=BODIES["campaign"]).json()["campaign"]
        assert re.fullmatch(
            r"http://18342\.gopeerclick\.com/[0-9a-f]{10}\?zoneid=\{zoneid\}&cost=\{cost\}",
            campaign["url"],
        )
        custom = http.put(
            f"/campaign/{campaign['id']}", json=BODIES["campaign"] | {"domain": "track.example.com"}
        )
        assert custom.json()["campaign"]["url"].startswith("http://track.example.com/")

    def test_with_pages_names_path_members(self, http: httpx.Client) -> None:
        """withPages=1 adds the names of offers and landers in the paths."""
        campaign = http.get("/campaign/1", params={"withPages": 1}).json()["campaign"]
        first = campaign["redirectTarget"]["path"]["defaultPaths"][0]
        assert first["offers"][0]["name"] == "MaxBounty - United States - Sweepstakes iPhone"
        assert first["landers"][0]["name"] == "Quiz"

    def test_list_fields_and_workspace(self, http: httpx.Client) -> None:
        """fields= narrows each item (id always stays); workspaceId= filters."""
        offers = http.get("/offer", params={"fields": ["name"]}).json()["offers"]
        assert all(set(o) == {"id", "name"} for o in offers)
        assert http.get("/offer", params={"workspaceId": 2}).json()["offers"] == []
        assert_error(http.get("/offer", params={"includeDeleted": "maybe"}), 400)

    def test_workspaces_and_domains(self, http: httpx.Client) -> None:
        """GET /multiuser/workspace and GET /domain list the account's workspaces and domains."""
        workspaces = http.get("/multiuser/workspace").json()["workspaces"]
        assert workspaces[0] == {"id": 1, "name": "Initial private workspace"}
        domains = http.get("/domain").json()["domains"]
        assert domains[0] == {"id": 1, "domain": "18342.gopeerclick.com", "ssl": "ENABLED"}

    def test_unknown_path_and_method(self, http: httpx.Client) -> None:
        """Unknown paths are 404; known paths with another method are 405 with Allow."""
        assert_error(http.get("/nothing-here"), 404)
        reply = http.patch("/offer/1", json={})
        assert reply.status_code == 405 and "PUT" in reply.headers["allow"]

    def test_accounts_are_isolated(self, fake: FakePeerClick) -> None:
        """Each account has its own entities and ids."""
        fake.add_account("other", access_keys={"other-id": "other-key"}, demo_data=False)
        with fake.http_client(headers={"api-token": fake.login("other")}) as other:
            assert other.get("/offer").json() == {"offers": []}
            assert other.get("/offer/1").status_code == 404
