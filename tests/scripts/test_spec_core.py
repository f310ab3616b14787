"""scripts/_spec (peerclick._openapi): load a spec one way, list its operations, follow `$ref`s."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import _spec
from scripts._codegen import SPEC

DOC: dict[str, Any] = {
    "components": {
        "schemas": {
            "a/b": {"type": "string"},
            "x~y": {"type": "integer"},
            "with space": {"type": "boolean"},
            "Alias": {"$ref": "#/components/schemas/x~0y"},
            "Loop": {"$ref": "#/components/schemas/Loop"},
        },
        "list": [{"type": "number"}],
    }
}


class TestResolve:
    @pytest.mark.parametrize(
        ("ref", "expected"),
        [
            ("#/components/schemas/a~1b", {"type": "string"}),
            ("#/components/schemas/Alias", {"type": "integer"}),
            ("#/components/schemas/with%20space", {"type": "boolean"}),
            ("#/components/list/0", {"type": "number"}),
        ],
        ids=["escaped-slash", "chain", "percent-escape", "array-index"],
    )
    def test_follows_json_pointers(self, ref: str, expected: object) -> None:
        target, last = _spec.resolve(DOC, {"$ref": ref})
        assert target == expected
        assert last.startswith("#/components/")

    @pytest.mark.parametrize(
        "ref",
        [
            "#/components/schemas/Nope",
            "#/components/list/5",
            "other.yaml#/x",
            "#/components/schemas/Loop",
        ],
        ids=["missing", "out-of-range", "remote", "circular"],
    )
    def test_stops_at_what_it_cannot_follow(self, ref: str) -> None:
        node = {"$ref": ref}
        target, last = _spec.resolve(DOC, node)
        assert target == {"$ref": ref}
        assert last == ref

    def test_a_node_without_ref_is_itself(self) -> None:
        assert _spec.resolve(DOC, {"type": "x"}) == ({"type": "x"}, "")


class TestOperations:
    def test_every_method_in_document_order_and_path_item_refs(self) -> None:
        doc = {
            "paths": {
                "/a": {"parameters": [], "post": {"operationId": "p"}, "get": {}, "x-y": {}},
                "/b": {"$ref": "#/components/pathItems/B"},
            },
            "components": {"pathItems": {"B": {"delete": {"operationId": "d"}}}},
        }
        ops = list(_spec.operations(doc))
        assert [(o.method, o.path, o.op_id) for o in ops] == [
            ("POST", "/a", "p"),
            ("GET", "/a", ""),
            ("DELETE", "/b", "d"),
        ]
        assert ops[0].label == "POST /a"

    def test_http_methods_are_openapis_eight(self) -> None:
        assert set(_spec.HTTP_METHODS) == {
            "get", "put", "post", "delete", "options", "head", "patch", "trace"
        }  # fmt: skip


class TestLoading:
    def test_dates_stay_strings_in_json_and_yaml(self) -> None:
        assert _spec.load_text("info: {version: 2024-01-02}") == {"info": {"version": "2024-01-02"}}
        assert _spec.load_text('{"a": 1}') == {"a": 1}

    def test_load_spec_refuses_what_is_not_a_spec(self, tmp_path: Path) -> None:
        path = tmp_path / "x.yaml"
        path.write_text("just: text\n")
        with pytest.raises(ValueError, match="not an OpenAPI document"):
            _spec.load_spec(path)

    def test_the_committed_spec_loads_as_pyyaml_reads_it(self) -> None:
        """No date in the committed spec, so both loaders agree on it."""
        assert _spec.load_spec(SPEC) == yaml.safe_load(SPEC.read_text())
