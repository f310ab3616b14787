"""Helpers shared by the tests: the spec, and the request schemas the fake embeds from it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "peerclick.yaml"

# Schema keywords the fake's validator understands; everything else is documentation.
_KEEP = {"type", "required", "properties", "items", "minimum", "maximum", "nullable", "minItems"}

# Request bodies the fake validates, by schema name.
INPUT_SCHEMAS = (
    "AccessSessionRequest",
    "SessionRequest",
    "CampaignInput",
    "OfferInput",
    "LanderInput",
    "FlowInput",
    "TrafficSourceInput",
    "AffiliateNetworkInput",
    "IdList",
    "ManualCostRequest",
)


@cache
def load_spec() -> dict[str, Any]:
    """The committed spec as plain data."""
    with SPEC_PATH.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def _strip(node: Any, refs: set[str]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            refs.add(name)
            return {"$ref": name}
        out = {}
        for key, value in node.items():
            if key == "properties":
                out[key] = {name: _strip(sub, refs) for name, sub in value.items()}
            elif key in _KEEP:
                out[key] = _strip(value, refs)
        return out
    if isinstance(node, list):
        return [_strip(item, refs) for item in node]
    return node


def extract_input_schemas() -> dict[str, Any]:
    """The validation-relevant part of each request schema and of every schema they refer to.

    References stay references, by component name (`{"$ref": "Country"}`).
    """
    components = load_spec()["components"]["schemas"]
    todo, out = list(INPUT_SCHEMAS), {}
    while todo:
        name = todo.pop()
        if name in out:
            continue
        refs: set[str] = set()
        out[name] = _strip(components[name], refs)
        todo.extend(sorted(refs))
    return dict(sorted(out.items()))


if (
    __name__ == "__main__"
):  # pragma: no cover - prints the literal for peerclick/testing/_schemas.py
    import pprint

    pprint.pprint(extract_input_schemas(), width=96, sort_dicts=True)
