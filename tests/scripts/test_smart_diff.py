"""api-smart-diff (npm) against our differ, case by case: the evidence for keeping ours.

Each case is one change from tests/scripts/test_spec_diff.py with the verdict this client needs
(True: the generated client or the facade can fail). Both differs run on every case; ours must
get all of them right, and the cases api-smart-diff gets wrong are pinned in
spec_diff.SMART_DIFF_WRONG, so an api-smart-diff that classifies as well as ours fails this test:
then it is time to switch.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from scripts import spec_diff
from scripts.spec_diff import diff_specs, exit_code, smart_diff

from .test_spec_diff import Doc, base, op, schemas

Case = tuple[str, Callable[[Doc], object], bool]


def _add_delete(d: Doc) -> None:
    d["paths"]["/item/{itemId}"]["delete"] = {
        "operationId": "deleteItem",
        "responses": {"204": {"description": "gone"}},
    }


def _move(d: Doc) -> None:
    d["paths"]["/items/{itemId}"] = d["paths"].pop("/item/{itemId}")


def _allof_split(d: Doc) -> None:
    item = schemas(d)["Item"]
    schemas(d)["Base"] = {"type": "object", "properties": {"id": item["properties"].pop("id")}}
    schemas(d)["Item"] = {"allOf": [{"$ref": "#/components/schemas/Base"}, item]}


def _new_scheme(d: Doc) -> None:
    d["components"]["securitySchemes"]["oauth"] = {"type": "http", "scheme": "bearer"}
    op(d, "/item")["security"] = [{"oauth": []}]


def _param(**fields: object) -> dict[str, object]:
    return {"name": "q", "in": "query", "schema": {"type": "string"}, **fields}


CASES: list[Case] = [
    ("operation-removed", lambda d: d["paths"]["/item/{itemId}"].pop("get"), True),
    ("operation-added", _add_delete, False),
    ("operation-moved", _move, True),
    ("deprecated", lambda d: op(d, "/item").update(deprecated=True), False),
    ("optional-param-added", lambda d: op(d, "/item")["parameters"].append(_param()), False),
    (
        "required-param-added",
        lambda d: op(d, "/item")["parameters"].append(_param(required=True)),
        True,
    ),
    ("param-removed", lambda d: op(d, "/item")["parameters"].pop(0), True),
    ("param-made-required", lambda d: op(d, "/item")["parameters"][0].update(required=True), True),
    (
        "param-made-optional",
        lambda d: op(d, "/item/{itemId}")["parameters"][0].update(required=False),
        False,
    ),
    (
        "param-retyped",
        lambda d: op(d, "/item")["parameters"][0].update(schema={"type": "string"}),
        True,
    ),
    ("param-csv", lambda d: op(d, "/item")["parameters"][1].update(explode=False), True),
    ("response-field-removed", lambda d: schemas(d)["Item"]["properties"].pop("name"), True),
    (
        "response-field-added",
        lambda d: schemas(d)["Item"]["properties"].update(extra={"type": "string"}),
        False,
    ),
    (
        "response-field-retyped",
        lambda d: schemas(d)["Item"]["properties"].update(id={"type": "string"}),
        True,
    ),
    ("response-field-made-optional", lambda d: schemas(d)["Item"].update(required=[]), True),
    (
        "request-field-added-optional",
        lambda d: schemas(d)["ItemInput"]["properties"].update(color={"type": "string"}),
        False,
    ),
    ("request-field-removed", lambda d: schemas(d)["ItemInput"]["properties"].pop("weight"), True),
    (
        "request-field-made-required",
        lambda d: schemas(d)["ItemInput"]["required"].append("status"),
        True,
    ),
    (
        "request-int-widened-to-number",
        lambda d: schemas(d)["ItemInput"]["properties"]["weight"].update(type="number"),
        False,
    ),
    (
        "response-int-widened-to-number",
        lambda d: schemas(d)["Item"]["properties"]["id"].update(type="number"),
        True,
    ),
    (
        "typed-format-changed",
        lambda d: schemas(d)["Item"]["properties"]["created"].update(format="date"),
        True,
    ),
    (
        "response-now-nullable",
        lambda d: schemas(d)["Item"]["properties"]["name"].update(nullable=True),
        True,
    ),
    ("allof-split-no-change", _allof_split, False),
    (
        "response-enum-value-added",
        lambda d: schemas(d)["Item"]["properties"]["status"]["enum"].append("archived"),
        True,
    ),
    (
        "request-enum-value-added",
        lambda d: schemas(d)["ItemInput"]["properties"]["status"]["enum"].append("archived"),
        False,
    ),
    (
        "request-enum-value-removed",
        lambda d: schemas(d)["ItemInput"]["properties"]["status"]["enum"].pop(),
        True,
    ),
    (
        "known-values-changed",
        lambda d: schemas(d)["Item"]["properties"]["kind"].update({"x-known-values": ["a", "c"]}),
        False,
    ),
    ("new-scheme-required", _new_scheme, True),
    ("auth-dropped", lambda d: op(d, "/item").update(security=[]), False),
    (
        "auth-header-renamed",
        lambda d: d["components"]["securitySchemes"]["apiToken"].update(name="x-api-key"),
        True,
    ),
    (
        "server-version-dropped",
        lambda d: d["servers"][0]["variables"]["version"].update(enum=["v2"]),
        True,
    ),
    (
        "error-response-added",
        lambda d: op(d, "/item/{itemId}")["responses"].update({"404": {"description": "missing"}}),
        False,
    ),
]


def pairs() -> list[tuple[Doc, Doc]]:
    out = []
    for _, mutate, _ in CASES:
        new = base()
        mutate(new)
        out.append((base(), new))
    return out


def test_ours_classifies_every_case() -> None:
    wrong = [
        name
        for (name, _, breaking), (old, new) in zip(CASES, pairs(), strict=True)
        if (exit_code(diff_specs(old, new)) == 1) != breaking
    ]
    assert wrong == []


def test_api_smart_diff_gets_the_pinned_cases_wrong() -> None:
    if not spec_diff.SMART_DIFF.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed, so api-smart-diff cannot be (make node)")
        pytest.fail("scripts/node_modules lacks api-smart-diff: run `make node`")
    verdicts = smart_diff(pairs())
    wrong = {
        name: "missed" if breaking else "false alarm"
        for (name, _, breaking), changes in zip(CASES, verdicts, strict=True)
        if any(c["type"] == "breaking" for c in changes) != breaking
    }
    assert wrong == spec_diff.SMART_DIFF_WRONG
