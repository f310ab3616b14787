"""facade_map: which facade methods call which operation, as the contract suite recorded it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import check_drift, facade_map
from scripts._codegen import GENERATED, PACKAGE, SPEC

CALLS = {
    "Offers.get": ["getOffer"],
    "Offers.list": ["listOffers"],
    "Offers.campaign": ["getCampaign"],
    "Misc.flows": ["listFlows"],
    "Misc.reuse": ["listFlows"],
    "AsyncOffers.list": ["listOffers"],
    "offers.first_offers": ["listOffers"],
    "SessionAuth.auth_flow": ["createSession"],
}
TWINS = {"Offers": "AsyncOffers", "PeerClick": "AsyncPeerClick"}


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "facade_map.json"
    facade_map.write_calls(CALLS, TWINS, path)
    return path


def spec_with(*ops: tuple[str, str, str, str]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for method, path, tag, op_id in ops:
        paths.setdefault(path, {})[method] = {
            "tags": [tag],
            "operationId": op_id,
            "responses": {"200": {"description": "ok"}},
        }
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths}


class TestTable:
    def test_async_twins_call_what_their_sync_twins_call(self, table: Path) -> None:
        calls = facade_map.load_calls(table)
        assert calls["AsyncOffers.get"] == ["getOffer"], "filled in from Offers.get"
        assert calls["AsyncOffers.list"] == ["listOffers"], "recorded itself"
        assert "AsyncMisc.flows" not in calls, "Misc has no twin"
        assert "AsyncSessionAuth.auth_flow" not in calls

    def test_written_in_one_stable_layout(self, table: Path, tmp_path: Path) -> None:
        again = tmp_path / "again.json"
        facade_map.write_calls(dict(reversed(list(CALLS.items()))), TWINS, again)
        assert again.read_bytes() == table.read_bytes()
        data = json.loads(table.read_text())
        assert list(data["calls"]) == sorted(CALLS)

    def test_missing_table_is_empty(self, tmp_path: Path) -> None:
        assert facade_map.load_calls(tmp_path / "nope.json") == {}

    def test_by_operation(self) -> None:
        assert facade_map.by_operation(CALLS)["listOffers"] == [
            "AsyncOffers.list",
            "Offers.list",
            "offers.first_offers",
        ]


class TestAgainstASpec:
    SPEC_DOC = spec_with(
        ("get", "/offer/{id}", "offer", "getOffer"),
        ("get", "/offer", "offer", "listOffers"),
        ("get", "/flow", "flow", "listFlows"),
        ("post", "/session", "auth", "createSession"),
    )

    def test_operation_id_to_methods(self, table: Path) -> None:
        mapping = facade_map.facade_map(table, self.SPEC_DOC)
        assert mapping["getOffer"] == ["AsyncOffers.get", "Offers.get"]
        assert mapping["listOffers"] == [
            "AsyncOffers.list",
            "Offers.list",
            "offers.first_offers",
        ]
        assert mapping["listFlows"] == ["Misc.flows", "Misc.reuse"]
        assert "getCampaign" not in mapping, "operations the spec lacks are not mapped"

    def test_missing_operations(self, table: Path) -> None:
        """getCampaign is not in this spec: Offers.campaign (and its twin) would break."""
        assert facade_map.missing_operations(table, self.SPEC_DOC) == {
            "getCampaign": ["AsyncOffers.campaign", "Offers.campaign"]
        }

    def test_cli(self, table: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        spec = tmp_path / "spec.yaml"
        spec.write_text(yaml.safe_dump(self.SPEC_DOC))
        assert facade_map.main(["--map", str(table), "--spec", str(spec)]) == 1
        out = capsys.readouterr().out
        assert "getOffer: AsyncOffers.get, Offers.get" in out
        assert "MISSING getCampaign: AsyncOffers.campaign, Offers.campaign" in out


class TestOperationModules:
    def test_names_follow_the_generator(self) -> None:
        doc = spec_with(
            ("get", "/traffic-source", "traffic-source", "listTrafficSources"),
            ("get", "/report", "report", "getReport"),
        )
        doc["paths"]["/things/{thingId}"] = {"get": {"responses": {"200": {"description": "ok"}}}}
        assert facade_map.operation_modules(doc) == {
            "traffic_source.list_traffic_sources": "listTrafficSources",
            "report.get_report": "getReport",
            "default.get_things_thing_id": "GET /things/{thingId}",
        }

    def test_committed_spec_matches_the_generated_tree(self) -> None:
        """Every module name computed from the spec is a file in generated/, and vice versa."""
        modules = facade_map.operation_modules(yaml.safe_load(SPEC.read_text()))
        api = GENERATED / PACKAGE / "api"
        files = {f"{p.parent.name}.{p.stem}" for p in api.glob("*/*.py") if p.name != "__init__.py"}
        assert set(modules) == files


class TestCommittedTable:
    def test_is_in_the_recorded_layout(self) -> None:
        """Written by write_calls only (a hand edit would be undone by the next recording)."""
        data = json.loads(facade_map.FACADE.read_text())
        copy = facade_map.FACADE.parent / ".facade_map.check.json"
        try:
            facade_map.write_calls(data["calls"], data["twins"], copy)
            assert copy.read_bytes() == facade_map.FACADE.read_bytes()
        finally:
            copy.unlink(missing_ok=True)

    def test_names_methods_of_both_clients(self) -> None:
        calls = facade_map.load_calls()
        assert calls["Offers.get"] == calls["AsyncOffers.get"] == ["getOffer"]
        assert "PeerClick.logout" in calls and "AsyncPeerClick.logout" in calls

    def test_uses_only_operations_the_spec_has(self) -> None:
        """`make drift` fails otherwise."""
        assert check_drift.check_facade(SPEC, facade_map.FACADE) == []


def test_check_facade_names_the_method(table: Path, tmp_path: Path) -> None:
    spec = tmp_path / "small.yaml"
    spec.write_text(yaml.safe_dump(TestAgainstASpec.SPEC_DOC))
    assert check_drift.check_facade(spec, table) == [
        "facade calls getCampaign, which small.yaml does not have: "
        "AsyncOffers.campaign, Offers.campaign"
    ]


def test_make_drift_fails_when_the_facade_uses_a_lost_operation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plain `make drift`: generated/ matches, but the facade calls an operation none has."""
    path = tmp_path / "facade_map.json"
    facade_map.write_calls({"Offers.get": ["getOffer"]}, {}, path)
    args = ["--generated", str(GENERATED / PACKAGE), "--facade", str(path)]
    assert check_drift.main(args) == 0, "the table calls only operations the spec has"
    facade_map.write_calls(
        {"Offers.get": ["getOffer"], "Extra.archive": ["archiveOffer"]}, {}, path
    )
    capsys.readouterr()
    assert check_drift.main(args) == 1
    assert capsys.readouterr().out.strip() == (
        "facade calls archiveOffer, which peerclick.yaml does not have: Extra.archive"
    )
