"""The typed surface stays true to the generated models and to what the facade enforces.

`*Fields` (the keywords of create/update/replace) and `Saved*` (what they return) are written by
hand; these tests keep them equal to the generated input models, so a regenerated spec that adds,
drops or retypes a field fails here instead of drifting silently. The run-time rules the types
promise are checked too: an answer that nulls a sent field is refused, an unknown report keyword
is a TypeError before any request.
"""

from __future__ import annotations

import ast
import inspect
import typing
from pathlib import Path

import attrs
import pytest

from peerclick import ResponseValidationError
from peerclick.resources import _fields, _saved
from peerclick.resources.entities import (
    AFFILIATE_NETWORK,
    CAMPAIGN,
    FLOW,
    LANDER,
    OFFER,
    TRAFFIC_SOURCE,
)
from peerclick.types import ReportOptions
from tests.conftest import Scripted, make_client

KINDS = {
    "Campaign": CAMPAIGN,
    "Offer": OFFER,
    "Lander": LANDER,
    "Flow": FLOW,
    "TrafficSource": TRAFFIC_SOURCE,
    "AffiliateNetwork": AFFILIATE_NETWORK,
}


def _input_fields(model: type[object]) -> list[attrs.Attribute[object]]:
    assert attrs.has(model)
    return [f for f in attrs.fields(model) if f.name != "additional_properties"]


def _saved_annotations() -> dict[str, dict[str, str]]:
    """`class SavedX(X): field: type` blocks of _saved.py, read from its source: at run time
    `SavedX is X`, so the narrowed annotations exist only for the type checker."""
    tree = ast.parse(Path(inspect.getfile(_saved)).read_text())
    found: dict[str, dict[str, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name.startswith("Saved"):
            found[node.name.removeprefix("Saved")] = {
                stmt.target.id: ast.unparse(stmt.annotation)
                for stmt in node.body
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
            }
    return found


@pytest.mark.parametrize("name", sorted(KINDS))
def test_fields_are_the_input_models_fields(name: str) -> None:
    kind = KINDS[name]
    typed = getattr(_fields, f"{name}Fields")
    assert set(typed.__optional_keys__) == {f.name for f in _input_fields(kind.input_model)}
    assert typed.__required_keys__ == frozenset()  # `data` may carry any of them


@pytest.mark.parametrize("name", sorted(KINDS))
def test_saved_types_narrow_exactly_the_required_input_fields(name: str) -> None:
    kind = KINDS[name]
    required = {
        f.name: f.type for f in _input_fields(kind.input_model) if f.default is attrs.NOTHING
    }
    assert _saved_annotations()[name] == required  # names and the input model's types
    assert getattr(_saved, f"Saved{name}") is kind.model  # the same class at run time


def test_report_options_name_every_checked_keyword() -> None:
    """ReportOptions holds exactly the keywords build_report_kwargs checks besides the range,
    the grouping and paging."""
    from peerclick.resources._report_params import build_report_kwargs

    checked = set(inspect.signature(build_report_kwargs).parameters)
    own = {"group_by", "date_from", "date_to", "limit", "offset", "group_by_required", "clock"}
    assert set(ReportOptions.__optional_keys__) == checked - own
    hints = typing.get_type_hints(ReportOptions)
    assert set(hints) == set(ReportOptions.__optional_keys__)


class TestRunTime:
    def test_an_answer_nulling_a_sent_field_is_refused(self) -> None:
        answer = {"description": "Success", "offer": {"id": 9, "payout": None}}
        server = Scripted({("POST", "/offer"): answer})
        with make_client(server) as pc, pytest.raises(ResponseValidationError, match="payout"):
            pc.offers.create(
                name="Summer", url="https://adv.example/", country="US", affiliate_network=7
            )

    def test_a_saved_entity_has_every_sent_field(self) -> None:
        server = Scripted({("POST", "/lander"): {"description": "Success", "lander": {"id": 4}}})
        with make_client(server) as pc:
            lander = pc.landers.create(name="LP", url="https://lp.example/")
        assert (lander.id, lander.name, lander.url) == (4, "LP", "https://lp.example/")

    @pytest.mark.parametrize(
        "method", ["get", "iter_rows", "export_csv", "conversions", "iter_conversions"]
    )
    def test_an_unknown_report_keyword_is_a_type_error_before_any_request(
        self, method: str, tmp_path: Path
    ) -> None:
        server = Scripted()
        with make_client(server) as pc:
            call = getattr(pc.reports, method)
            args: list[object] = [] if "conversions" in method else ["day"]
            if method == "export_csv":
                args.insert(0, tmp_path / "out.csv")
            with pytest.raises(TypeError, match=rf"{method}\(\).*'colums'.*columns"):
                call(*args, "2026-11-01", "2026-11-02", colums=["visits"])
        assert server.requests == []
        assert not (tmp_path / "out.csv").exists()
