"""facade_map: which facade methods use which generated operation, read from the code."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import check_drift, facade_map
from scripts._codegen import GENERATED, PACKAGE, SPEC

BASE = '''
from typing import Any


class _Resource:
    """Shared plumbing: subclasses name their operation modules as class attributes."""

    _get_op: Any = None

    def __init__(self, client: Any) -> None:
        self._client = client

    def _call(self, op: Any, **kwargs: Any) -> Any:
        return op.sync_detailed(client=self._client, **kwargs)

    def get(self, id: int) -> Any:
        return self._call(self._get_op, id=id)
'''

OFFERS = """
from typing import Any

import peerclick_api.api.campaign.get_campaign as gc
from peerclick_api.api import report
from peerclick_api.api.offer import get_offer, list_offers

from ._base import _Resource


def _build() -> Any:
    return list_offers


class _Shared:
    def _fetch(self) -> Any:
        return report.get_report.sync_detailed()


class Offers(_Resource, _Shared):
    _get_op = get_offer

    def list(self) -> Any:
        return _build().sync_detailed()

    def report(self) -> Any:
        return self._fetch()

    def campaign(self) -> Any:
        return gc.sync_detailed()

    def nothing(self) -> int:
        return 1


class AsyncOffers(_Resource):
    _get_op = get_offer

    async def list(self) -> Any:
        return await list_offers.asyncio_detailed()


def first_offers() -> Any:
    return _build()
"""

OTHER_FORMS = """
from typing import Any

import peerclick_api
from peerclick_api import api
from peerclick_api.api.flow.get_flow import sync_detailed as get_flow_now

_OPS = {"lander": api.lander.get_lander}


class Misc:
    def flows(self) -> Any:
        return peerclick_api.api.flow.list_flows.sync_detailed()

    def flow(self) -> Any:
        return get_flow_now()

    def lander(self) -> Any:
        return _OPS["lander"]

    def reuse(self) -> Any:
        return Misc.flows(self)

    @property
    def via_super(self) -> Any:
        return super().__init__()
"""

KINDS = """
from dataclasses import dataclass
from types import ModuleType
from typing import Any, ClassVar

from peerclick_api.api.lander import get_lander, list_landers


@dataclass
class Kind:
    list_op: ModuleType
    get_op: ModuleType
    path: str

    def describe(self) -> str:
        return self.path


LANDER = Kind(list_op=list_landers, get_op=get_lander, path="/lander")


class _Entities:
    kind: ClassVar[Kind]

    def list(self) -> Any:
        kind = self.kind
        kind.describe()
        return kind.list_op.sync_detailed()

    def get(self, id: int) -> Any:
        return self.kind.get_op.sync_detailed(id)

    def path(self) -> str:
        return self.kind.path


class Landers(_Entities):
    kind = LANDER
"""


@pytest.fixture
def facade(tmp_path: Path) -> Path:
    """A small facade package in the real one's style, in tmp."""
    pkg = tmp_path / "fakefacade"
    (pkg / "resources").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .resources.offers import AsyncOffers, Offers\n")
    (pkg / "resources" / "__init__.py").write_text("")
    (pkg / "resources" / "_base.py").write_text(textwrap.dedent(BASE))
    (pkg / "resources" / "offers.py").write_text(textwrap.dedent(OFFERS))
    (pkg / "resources" / "misc.py").write_text(textwrap.dedent(OTHER_FORMS))
    (pkg / "resources" / "kinds.py").write_text(textwrap.dedent(KINDS))
    (pkg / "broken.py").write_text("def oops(:\n")  # work in progress must not stop the scan
    return pkg


def spec_with(*ops: tuple[str, str, str, str]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for method, path, tag, op_id in ops:
        paths.setdefault(path, {})[method] = {
            "tags": [tag],
            "operationId": op_id,
            "responses": {"200": {"description": "ok"}},
        }
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths}


class TestFacadeUsage:
    def test_methods_reach_operations_through_helpers_and_bases(self, facade: Path) -> None:
        usage = facade_map.facade_usage(facade)
        assert usage["Offers.get"] == {"offer.get_offer"}, "self._get_op resolved on Offers"
        assert usage["AsyncOffers.get"] == {"offer.get_offer"}
        assert usage["Offers.list"] == {"offer.list_offers"}, "through a module function"
        assert usage["AsyncOffers.list"] == {"offer.list_offers"}
        assert usage["Offers.report"] == {"report.get_report"}, "through a private base's method"
        assert usage["Offers.campaign"] == {"campaign.get_campaign"}
        assert usage["offers.first_offers"] == {"offer.list_offers"}
        assert "Offers.nothing" not in usage

    def test_every_import_form(self, facade: Path) -> None:
        usage = facade_map.facade_usage(facade)
        assert usage["Misc.flows"] == {"flow.list_flows"}
        assert usage["Misc.flow"] == {"flow.get_flow"}
        assert usage["Misc.lander"] == {"lander.get_lander"}
        assert usage["Misc.reuse"] == {"flow.list_flows"}

    def test_bundles_of_operations_resolve_per_field(self, facade: Path) -> None:
        """`kind = LANDER` with `LANDER = Kind(list_op=..., get_op=...)`: each method its own op."""
        usage = facade_map.facade_usage(facade)
        assert usage["Landers.list"] == {"lander.list_landers"}
        assert usage["Landers.get"] == {"lander.get_lander"}
        assert "Landers.path" not in usage
        assert "Landers.kind" not in usage, "class attributes are not methods"

    def test_private_names_are_not_reported(self, facade: Path) -> None:
        names = facade_map.facade_usage(facade)
        assert not [n for n in names if n.startswith("_") or "._" in n]

    def test_missing_package_is_empty(self, tmp_path: Path) -> None:
        assert facade_map.facade_usage(tmp_path / "nope") == {}


class TestAgainstASpec:
    SPEC_DOC = spec_with(
        ("get", "/offer/{id}", "offer", "getOffer"),
        ("get", "/offer", "offer", "listOffers"),
        ("get", "/report", "report", "getReport"),
        ("get", "/flow", "flow", "listFlows"),
        ("get", "/flow/{id}", "flow", "getFlow"),
        ("get", "/lander/{id}", "lander", "getLander"),
        ("get", "/lander", "lander", "listLanders"),
    )

    def test_operation_id_to_methods(self, facade: Path) -> None:
        mapping = facade_map.facade_map(facade, self.SPEC_DOC)
        assert mapping["getOffer"] == ["AsyncOffers.get", "Offers.get"]
        assert mapping["listOffers"] == [
            "AsyncOffers.list",
            "Offers.list",
            "offers.first_offers",
        ]
        assert mapping["listFlows"] == ["Misc.flows", "Misc.reuse"]

    def test_missing_operations(self, facade: Path) -> None:
        """getCampaign is not in this spec: Offers.campaign would break."""
        assert facade_map.missing_operations(facade, self.SPEC_DOC) == {
            "campaign.get_campaign": ["Offers.campaign"]
        }

    def test_cli(self, facade: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        spec = tmp_path / "spec.yaml"
        spec.write_text(yaml.safe_dump(self.SPEC_DOC))
        assert facade_map.main(["--facade", str(facade), "--spec", str(spec)]) == 1
        out = capsys.readouterr().out
        assert "getOffer: AsyncOffers.get, Offers.get" in out
        assert "MISSING peerclick_api.api.campaign.get_campaign: Offers.campaign" in out


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


class TestRealFacade:
    def test_scans_whatever_is_there(self) -> None:
        """The real peerclick/ is being written: the scan must not crash on it."""
        usage = facade_map.facade_usage(facade_map.FACADE)
        assert all(isinstance(ops, set) for ops in usage.values())

    def test_uses_only_operations_the_spec_generates(self) -> None:
        """`make drift` fails otherwise."""
        assert check_drift.check_facade(SPEC, facade_map.FACADE) == []


def test_check_facade_names_the_method(facade: Path, tmp_path: Path) -> None:
    spec = tmp_path / "small.yaml"
    spec.write_text(yaml.safe_dump(TestAgainstASpec.SPEC_DOC))
    assert check_drift.check_facade(spec, facade) == [
        "facade uses peerclick_api.api.campaign.get_campaign, which small.yaml does not generate: "
        "Offers.campaign"
    ]


def test_make_drift_fails_when_the_facade_uses_a_lost_operation(
    facade: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plain `make drift`: generated/ matches, but the facade calls an operation none generates."""
    args = ["--generated", str(GENERATED / PACKAGE), "--facade", str(facade)]
    assert check_drift.main(args) == 0, "the fixture facade uses only operations the spec has"
    (facade / "extra.py").write_text(
        "from peerclick_api.api.offer import archive_offer\n\n\n"
        "class Extra:\n    def archive(self) -> object:\n"
        "        return archive_offer.sync_detailed()\n"
    )
    capsys.readouterr()
    assert check_drift.main(args) == 1
    assert capsys.readouterr().out.strip() == (
        "facade uses peerclick_api.api.offer.archive_offer, which peerclick.yaml does not "
        "generate: Extra.archive"
    )
