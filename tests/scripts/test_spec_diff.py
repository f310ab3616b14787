"""The drift report: what changed between two specs, and is it breaking for this client?"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from scripts import spec_diff
from scripts._codegen import SPEC
from scripts.spec_diff import Change, csv_array_params, diff_specs, exit_code

Doc = dict[str, Any]
JSON = "application/json"


def body(ref: str) -> dict[str, Any]:
    return {"content": {JSON: {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def base() -> Doc:
    """A small API: list/create/get items, shared schemas, an enum and open known values."""
    secured = [{"apiToken": []}]
    return {
        "openapi": "3.0.3",
        "info": {"title": "Items", "version": "1"},
        "servers": [
            {
                "url": "https://api.example.test/{version}",
                "variables": {"version": {"default": "v1", "enum": ["v1", "v2"]}},
            }
        ],
        "paths": {
            "/item": {
                "get": {
                    "tags": ["item"],
                    "operationId": "listItems",
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                        {
                            "name": "columns",
                            "in": "query",
                            "schema": {"type": "array", "items": {"type": "string"}},
                        },
                    ],
                    "responses": {
                        "200": {"description": "ok", **body("ItemList")},
                        "400": {"description": "bad"},
                    },
                    "security": secured,
                },
                "post": {
                    "tags": ["item"],
                    "operationId": "createItem",
                    "requestBody": {"required": True, **body("ItemInput")},
                    "responses": {"200": {"description": "ok", **body("Item")}},
                    "security": secured,
                },
            },
            "/item/{itemId}": {
                "get": {
                    "tags": ["item"],
                    "operationId": "getItem",
                    "parameters": [
                        {
                            "name": "itemId",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {"200": {"description": "ok", **body("Item")}},
                    "security": secured,
                }
            },
        },
        "components": {
            "securitySchemes": {
                "apiToken": {"type": "apiKey", "in": "header", "name": "api-token"}
            },
            "schemas": {
                "Item": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "integer"},
                        "name": {"type": "string"},
                        "status": {"type": "string", "enum": ["active", "paused"]},
                        "kind": {"type": "string", "x-known-values": ["a", "b"]},
                        "created": {"type": "string", "format": "date-time"},
                        "price": {"type": "number"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "ItemList": {
                    "type": "object",
                    "properties": {
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
                        "total": {"type": "integer"},
                    },
                },
                "ItemInput": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "status": {"type": "string", "enum": ["active", "paused"]},
                        "weight": {"type": "integer"},
                    },
                },
            },
        },
    }


def diff(mutate: Callable[[Doc], object]) -> list[Change]:
    new = base()
    mutate(new)
    return diff_specs(base(), new)


def kinds(changes: list[Change]) -> set[tuple[str, bool]]:
    return {(c.kind, c.breaking) for c in changes}


def schemas(doc: Doc) -> Doc:
    return doc["components"]["schemas"]


def op(doc: Doc, path: str, method: str = "get") -> Doc:
    return doc["paths"][path][method]


def test_identical_specs_have_no_drift() -> None:
    assert diff(lambda d: None) == []
    assert exit_code([]) == 0


def test_committed_spec_against_itself() -> None:
    doc = yaml.safe_load(SPEC.read_text())
    assert diff_specs(doc, copy.deepcopy(doc)) == []


class TestOperations:
    def test_removed_operation_is_breaking(self) -> None:
        changes = diff(lambda d: d["paths"]["/item/{itemId}"].pop("get"))
        assert kinds(changes) == {("operation-removed", True)}
        assert changes[0].operation == "GET /item/{itemId}"
        assert changes[0].operation_id == "getItem"
        assert changes[0].module == "item.get_item"

    def test_added_operation_is_not(self) -> None:
        def add(d: Doc) -> None:
            d["paths"]["/item/{itemId}"]["delete"] = {
                "operationId": "deleteItem",
                "responses": {"204": {"description": "gone"}},
            }

        assert kinds(diff(add)) == {("operation-added", False)}

    def test_moved_operation_is_one_breaking_change(self) -> None:
        def move(d: Doc) -> None:
            d["paths"]["/items/{itemId}"] = d["paths"].pop("/item/{itemId}")

        changes = diff(move)
        assert kinds(changes) == {("operation-moved", True)}
        assert "moved to GET /items/{itemId}" in changes[0].detail

    def test_path_template_names_do_not_make_a_new_endpoint(self) -> None:
        """Renaming {itemId} to {id} renames the generated keyword: a parameter change."""

        def rename(d: Doc) -> None:
            item = d["paths"].pop("/item/{itemId}")
            item["get"]["parameters"][0]["name"] = "id"
            d["paths"]["/item/{id}"] = item

        assert kinds(diff(rename)) == {("param-removed", True), ("param-added", True)}

    def test_deprecation_is_news(self) -> None:
        assert kinds(diff(lambda d: op(d, "/item").update(deprecated=True))) == {
            ("deprecated", False)
        }


class TestParameters:
    @pytest.mark.parametrize(
        ("required", "breaking"), [(False, False), (True, True)], ids=["optional", "required"]
    )
    def test_added(self, required: bool, breaking: bool) -> None:
        new = {"name": "q", "in": "query", "required": required, "schema": {"type": "string"}}
        changes = diff(lambda d: op(d, "/item")["parameters"].append(new))
        assert kinds(changes) == {("param-added", breaking)}
        assert changes[0].where == "query param q"

    def test_removed_is_breaking(self) -> None:
        """The facade may pass it: the generated function loses the keyword."""
        assert kinds(diff(lambda d: op(d, "/item")["parameters"].pop(0))) == {
            ("param-removed", True)
        }

    def test_made_required_is_breaking_and_optional_is_not(self) -> None:
        def require(d: Doc) -> None:
            op(d, "/item")["parameters"][0]["required"] = True

        assert kinds(diff(require)) == {("param-required-changed", True)}
        relaxed = base()
        op(relaxed, "/item/{itemId}")["parameters"][0]["required"] = False
        assert kinds(diff_specs(base(), relaxed)) == {("param-required-changed", False)}

    def test_retyped_is_breaking(self) -> None:
        changes = diff(lambda d: op(d, "/item")["parameters"][0].update(schema={"type": "string"}))
        assert kinds(changes) == {("retyped", True)}
        assert changes[0].line() == "query param limit: retyped integer -> string"

    def test_csv_serialization_is_breaking(self) -> None:
        changes = diff(lambda d: op(d, "/item")["parameters"][1].update(explode=False))
        assert kinds(changes) == {("param-serialization-changed", True)}
        assert "form -> form,explode=false" in changes[0].detail


class TestBodies:
    def test_response_field_removed_in_a_nested_array_is_breaking(self) -> None:
        changes = diff(lambda d: schemas(d)["Item"]["properties"].pop("name"))
        removed = {c.operation: c.where for c in changes}
        assert kinds(changes) == {("field-removed", True)}
        assert removed["GET /item"] == "response 200 body: items[].name"
        assert removed["GET /item/{itemId}"] == "response 200 body: name"

    def test_response_field_added_is_not_breaking(self) -> None:
        changes = diff(lambda d: schemas(d)["Item"]["properties"].update(extra={"type": "string"}))
        assert kinds(changes) == {("field-added", False)}

    def test_response_field_retyped_is_breaking(self) -> None:
        changes = diff(lambda d: schemas(d)["Item"]["properties"].update(id={"type": "string"}))
        assert kinds(changes) == {("retyped", True)}

    def test_response_field_no_longer_required_is_breaking(self) -> None:
        changes = diff(lambda d: schemas(d)["Item"].update(required=[]))
        assert kinds(changes) == {("made-optional", True)}

    @pytest.mark.parametrize(
        ("required", "breaking"), [(False, False), (True, True)], ids=["optional", "required"]
    )
    def test_request_field_added(self, required: bool, breaking: bool) -> None:
        def add(d: Doc) -> None:
            schemas(d)["ItemInput"]["properties"]["color"] = {"type": "string"}
            if required:
                schemas(d)["ItemInput"]["required"].append("color")

        changes = diff(add)
        assert kinds(changes) == {("field-added", breaking)}
        assert changes[0].where == "request body: color"

    def test_request_field_removed_and_made_required_are_breaking(self) -> None:
        def change(d: Doc) -> None:
            schemas(d)["ItemInput"]["properties"].pop("weight")
            schemas(d)["ItemInput"]["required"].append("status")

        assert kinds(diff(change)) == {("field-removed", True), ("made-required", True)}

    def test_request_body_made_required(self) -> None:
        doc = base()
        op(doc, "/item", "post")["requestBody"]["required"] = False
        assert kinds(diff_specs(doc, base())) == {("request-body-required", True)}

    def test_widening_is_safe_to_send_but_not_to_receive(self) -> None:
        def widen(d: Doc) -> None:
            schemas(d)["ItemInput"]["properties"]["weight"]["type"] = "number"
            schemas(d)["Item"]["properties"]["id"]["type"] = "number"

        by_where = {(c.operation, c.where): c.breaking for c in diff(widen)}
        assert by_where[("POST /item", "response 200 body: id")] is True
        assert by_where[("POST /item", "request body: weight")] is False

    def test_typed_format_change_is_breaking(self) -> None:
        def change(d: Doc) -> None:
            schemas(d)["Item"]["properties"]["created"]["format"] = "date"

        assert kinds(diff(change)) == {("format-changed", True)}

    def test_response_may_now_be_null(self) -> None:
        changes = diff(lambda d: schemas(d)["Item"]["properties"]["name"].update(nullable=True))
        assert kinds(changes) == {("nullable-changed", True)}

    def test_all_of_is_flattened(self) -> None:
        """Moving properties into an allOf member is no change at all."""

        def split(d: Doc) -> None:
            item = schemas(d)["Item"]
            d["components"]["schemas"]["Base"] = {
                "type": "object",
                "properties": {"id": item["properties"].pop("id")},
            }
            schemas(d)["Item"] = {"allOf": [{"$ref": "#/components/schemas/Base"}, item]}

        assert diff(split) == []

    def test_recursive_schema_terminates(self) -> None:
        def tree(d: Doc) -> None:
            schemas(d)["Item"]["properties"]["children"] = {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Item"},
            }

        old = base()
        tree(old)
        new = copy.deepcopy(old)
        schemas(new)["Item"]["properties"]["name"]["type"] = "integer"
        changes = diff_specs(old, new)
        # Reported where the schema is first met, not once per level of nesting.
        assert [c.where for c in changes if c.operation == "GET /item/{itemId}"] == [
            "response 200 body: name"
        ]

    def test_success_response_removed_is_breaking_error_added_is_not(self) -> None:
        def change(d: Doc) -> None:
            responses = op(d, "/item/{itemId}")["responses"]
            responses["201"] = responses.pop("200")
            responses["404"] = {"description": "missing"}

        assert kinds(diff(change)) == {
            ("response-removed", True),
            ("response-added", False),
        }


class TestValues:
    def test_enum_value_added_breaks_responses_not_requests(self) -> None:
        def add(d: Doc) -> None:
            schemas(d)["Item"]["properties"]["status"]["enum"].append("archived")
            schemas(d)["ItemInput"]["properties"]["status"]["enum"].append("archived")

        by_where = {(c.operation, c.where): c.breaking for c in diff(add)}
        assert by_where[("GET /item/{itemId}", "response 200 body: status")] is True
        assert by_where[("POST /item", "request body: status")] is False

    def test_enum_value_removed_breaks_requests(self) -> None:
        changes = diff(lambda d: schemas(d)["ItemInput"]["properties"]["status"]["enum"].pop())
        assert kinds(changes) == {("enum-values-removed", True)}
        assert changes[0].detail == 'enum values removed: "paused"'

    def test_known_values_are_an_open_set(self) -> None:
        changes = diff(
            lambda d: schemas(d)["Item"]["properties"]["kind"].update(
                {"x-known-values": ["a", "c"]}
            )
        )
        assert kinds(changes) == {("known-values-added", False), ("known-values-removed", False)}


class TestSecurityAndServers:
    def test_new_scheme_required_is_breaking(self) -> None:
        def change(d: Doc) -> None:
            d["components"]["securitySchemes"]["oauth"] = {"type": "http", "scheme": "bearer"}
            op(d, "/item")["security"] = [{"oauth": []}]

        assert kinds(diff(change)) == {
            ("security-scheme-added", False),
            ("security-changed", True),
        }

    def test_dropping_auth_is_not_breaking(self) -> None:
        assert kinds(diff(lambda d: op(d, "/item").update(security=[]))) == {
            ("security-changed", False)
        }

    def test_header_renamed_is_breaking(self) -> None:
        changes = diff(
            lambda d: d["components"]["securitySchemes"]["apiToken"].update(name="x-api-key")
        )
        assert kinds(changes) == {("security-scheme-changed", True)}
        assert changes[0].facade == ()

    def test_server_moved_and_version_dropped(self) -> None:
        changes = diff(lambda d: d["servers"][0]["variables"]["version"].update(enum=["v2"]))
        assert kinds(changes) == {("server-variable-changed", True)}
        moved = diff(lambda d: d["servers"][0].update(url="https://new.example.test/{version}"))
        assert kinds(moved) == {("server-removed", True), ("server-added", False)}


class TestReport:
    FACADE: ClassVar[dict[str, list[str]]] = {
        "getItem": ["AsyncItems.get", "Items.get"],
        "listItems": ["Items.list"],
    }

    def changes(self) -> list[Change]:
        def change(d: Doc) -> None:
            d["paths"]["/item/{itemId}"].pop("get")
            schemas(d)["ItemList"]["properties"]["page"] = {"type": "integer"}

        new = base()
        change(new)
        return diff_specs(base(), new, self.FACADE)

    def test_breaking_changes_name_the_facade_methods(self) -> None:
        (removed,) = [c for c in self.changes() if c.breaking]
        assert removed.facade == ("AsyncItems.get", "Items.get")

    def test_text(self) -> None:
        text = spec_diff.render_text(self.changes(), "old.yaml", "new.yaml")
        assert text.splitlines()[0] == (
            "spec drift from old.yaml to new.yaml: 1 breaking, 1 non-breaking"
        )
        assert "GET /item/{itemId} (getItem)  facade: AsyncItems.get, Items.get" in text
        assert "    ! operation removed" in text
        assert "    + response 200 body: page: optional field added" in text
        assert text.endswith(
            "facade methods touched by breaking changes: AsyncItems.get, Items.get"
        )

    def test_json(self) -> None:
        data = json.loads(spec_diff.render_json(self.changes(), "old", "new"))
        assert data["exit_code"] == 1
        assert (data["breaking"], data["non_breaking"]) == (1, 1)
        assert data["facade_touched"] == ["AsyncItems.get", "Items.get"]
        assert data["changes"][0]["kind"] == "operation-removed"

    def test_exit_codes(self) -> None:
        changes = self.changes()
        assert exit_code(changes) == 1
        assert exit_code([c for c in changes if not c.breaking]) == 3
        assert exit_code([]) == 0

    def test_cli(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        old, new, same = tmp_path / "old.yaml", tmp_path / "new.json", tmp_path / "same.yaml"
        old.write_text(yaml.safe_dump(base()))
        same.write_text(yaml.safe_dump(base()))
        changed = base()
        schemas(changed)["ItemList"]["properties"]["page"] = {"type": "integer"}
        new.write_text(json.dumps(changed))
        assert spec_diff.main([str(old), str(same)]) == 0
        assert spec_diff.main([str(old), str(new), "--json"]) == 3
        assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["exit_code"] == 3
        assert spec_diff.main([str(old), str(tmp_path / "missing.yaml")]) == 2


class TestCsvArrays:
    """Arrays the API wants joined into one value, which the generator sends exploded."""

    def test_lists_unexploded_and_delimited_arrays(self) -> None:
        doc = base()
        params = op(doc, "/item")["parameters"]
        params[1]["explode"] = False
        params.append(
            {
                "name": "ids",
                "in": "query",
                "style": "pipeDelimited",
                "schema": {"type": "array", "items": {"type": "integer"}},
            }
        )
        found = csv_array_params(doc)
        assert [(c.operation_id, c.name, c.delimiter) for c in found] == [
            ("listItems", "columns", ","),
            ("listItems", "ids", "|"),
        ]

    def test_exploded_arrays_and_scalars_are_not_listed(self) -> None:
        assert csv_array_params(base()) == []
