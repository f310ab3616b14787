"""The committed spec: valid OpenAPI 3, honest about its evidence, shaped for the generator."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from scripts._codegen import SPEC
from scripts.check_drift import evidence_summary, operations

LEVELS = {"observed", "documented", "analogy", "guess"}
SESSION_OPS = {"createAccessSession", "createSession"}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return yaml.safe_load(SPEC.read_text())


def test_spec_is_valid_openapi_3(doc: dict[str, Any]) -> None:
    """openapi-spec-validator accepts the document as OpenAPI 3.0."""
    assert doc["openapi"].startswith("3.0")
    validate(doc)


def test_server_has_version_variable(doc: dict[str, Any]) -> None:
    """The base URL carries the API version, v1_1 by default with v1 allowed."""
    (server,) = doc["servers"]
    assert server["url"] == "https://api.peerclick.com/{version}"
    variable = server["variables"]["version"]
    assert variable["default"] == "v1_1"
    assert set(variable["enum"]) == {"v1", "v1_1"}


def test_at_least_35_operations_each_with_id_tag_and_evidence(doc: dict[str, Any]) -> None:
    """Every operation has a unique operationId, one tag and a known evidence level."""
    ops = operations(doc)
    assert len(ops) >= 35
    ids = [op["operationId"] for _, _, op in ops]
    assert len(ids) == len(set(ids))
    for method, path, op in ops:
        assert len(op["tags"]) == 1, (method, path)
        assert op["x-evidence"] in LEVELS, (method, path)
        assert op.get("x-source"), (method, path)
        if op["x-evidence"] in {"analogy", "guess"}:
            assert op.get("x-unverified") is True, (method, path)


def test_security_is_declared_per_operation(doc: dict[str, Any]) -> None:
    """The generator reads only operation-level security; session creation needs none."""
    scheme = doc["components"]["securitySchemes"]["apiToken"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "api-token"}
    for method, path, op in operations(doc):
        if op["operationId"] in SESSION_OPS:
            assert op["security"] == [], (method, path)
        else:
            assert op["security"] == [{"apiToken": []}], (method, path)


def test_error_statuses_are_declared(doc: dict[str, Any]) -> None:
    """401 and 429 can happen anywhere and are declared everywhere, with 400 and 5xx."""
    for method, path, op in operations(doc):
        for code in ("400", "401", "429", "500"):
            assert code in op["responses"], (method, path, code)


def test_unverified_schemas_tolerate_extra_fields(doc: dict[str, Any]) -> None:
    """A real response with more fields than we guessed must still parse."""
    for name, schema in doc["components"]["schemas"].items():
        if schema.get("x-evidence") in {"analogy", "guess"} and schema.get("type") == "object":
            assert schema.get("additionalProperties") is True, name


def test_no_closed_enums_in_schemas(doc: dict[str, Any]) -> None:
    """Open value sets use x-known-values: an unknown enum value must not break a response."""

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            assert "enum" not in node or where.startswith("servers"), where
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(doc["paths"], "paths")
    walk(doc["components"], "components")


def test_info_says_it_is_a_reconstruction(doc: dict[str, Any]) -> None:
    description = doc["info"]["description"]
    assert "reconstruction" in description
    assert "make pull-spec" in description


def test_evidence_summary_counts_every_operation(doc: dict[str, Any]) -> None:
    """The summary's counts add up to the number of operations and name no unknown level."""
    lines = evidence_summary(SPEC)
    total = len(operations(doc))
    assert lines[0].startswith(f"{total} operations")
    counted = sum(int(line.split()[1]) for line in lines[1:])
    assert counted == total
    assert not any("not a known" in line for line in lines)
