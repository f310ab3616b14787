"""The request schemas of openapi/peerclick.yaml, embedded, and a small validator for them.

The fake ships inside the wheel, the spec does not, so the part of each request schema that
validation needs (types, required fields, minimums) is copied here; `$ref`s stay references by
component name. tests/testing/test_schemas.py fails when this copy drifts from the spec. A full
JSON Schema library would be overkill for a dozen plain object schemas and would add a runtime
dependency; the spec-validation test uses openapi-core on the responses instead.
"""

from __future__ import annotations

from typing import Any

from peerclick.testing._wire import ApiError

__all__ = ["SCHEMAS", "validate"]

Schema = dict[str, Any]

_STR: Schema = {"type": "string"}
_INT: Schema = {"type": "integer"}
_ID: Schema = {"type": "integer", "minimum": 1}
_BOOL: Schema = {"type": "boolean"}
_NUMBER_OR_NULL: Schema = {"type": "number", "nullable": True}
_WEIGHT: Schema = {"type": "integer", "minimum": 0}
_TAGS: Schema = {"type": "array", "items": _STR}
_FREE_OBJECTS: Schema = {"type": "array", "items": {"type": "object", "properties": {}}}


def _ref(name: str) -> Schema:
    return {"$ref": name}


def _object(properties: dict[str, Schema], required: list[str] | None = None) -> Schema:
    schema: Schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


def _array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


SCHEMAS: dict[str, Schema] = {
    "AccessSessionRequest": _object(
        {"accessId": _STR, "accessKey": _STR}, ["accessId", "accessKey"]
    ),
    "AffiliateNetworkInput": _object(
        {
            "name": _STR,
            "offerUrlTemplate": _STR,
            "postbackUrl": _STR,
            "tags": _TAGS,
            "workspaceId": _ID,
        },
        ["name"],
    ),
    "CampaignInput": _object(
        {
            "costModel": _ref("CostModel"),
            "country": _ref("Country"),
            "domain": _STR,
            "name": _STR,
            "notes": _STR,
            "redirectTarget": _ref("RedirectTarget"),
            "tags": _TAGS,
            "trafficSource": _ID,
            "workspaceId": _ID,
        },
        ["name", "trafficSource", "costModel", "country", "domain", "redirectTarget"],
    ),
    "CampaignPaths": _object({"defaultPaths": _array(_ref("Path")), "rules": _FREE_OBJECTS}),
    "CostModel": _object({"currency": _STR, "type": _STR, "value": _NUMBER_OR_NULL}, ["type"]),
    "Country": _object({"code": _STR, "name": _STR}, ["code"]),
    "EntityRef": _object({"id": _ID}, ["id"]),
    "FlowInput": _object(
        {
            "conditionalPathsGroups": _FREE_OBJECTS,
            "countries": _array(_ref("Country")),
            "defaultOfferRedirectMode": _STR,
            "defaultPaths": _array(_ref("Path")),
            "name": _STR,
            "workspaceId": _ID,
        },
        ["name"],
    ),
    "IdList": _object({"ids": {"type": "array", "items": _INT, "minItems": 1}}, ["ids"]),
    "LanderInput": _object(
        {
            "country": _ref("Country"),
            "name": _STR,
            "numberOfOffers": {"type": "integer", "minimum": 1},
            "tags": _TAGS,
            "url": _STR,
            "workspaceId": _ID,
        },
        ["name", "url"],
    ),
    "ManualCostRequest": _object(
        {
            "campaignId": _ID,
            "cost": {"type": "number", "minimum": 0},
            "currency": _STR,
            "from": _STR,
            "timeZone": _STR,
            "to": _STR,
        },
        ["campaignId", "from", "to", "timeZone", "cost"],
    ),
    "Money": _object({"currency": _STR, "type": _STR, "value": _NUMBER_OR_NULL}, ["type"]),
    "OfferInput": _object(
        {
            "affiliateNetwork": _ref("EntityRef"),
            "country": _ref("Country"),
            "name": _STR,
            "payout": _ref("Money"),
            "tags": _TAGS,
            "url": _STR,
            "workspaceId": _ID,
        },
        ["name", "url", "country", "affiliateNetwork", "payout"],
    ),
    "Path": _object(
        {
            "active": _BOOL,
            "direct": _INT,
            "landers": _array(_ref("WeightedRef")),
            "name": _STR,
            "offers": _array(_ref("WeightedRef")),
            "weight": _WEIGHT,
        }
    ),
    "RedirectTarget": _object(
        {
            "destination": _STR,
            "flow": _ref("EntityRef"),
            "path": _ref("CampaignPaths"),
            "url": _STR,
        },
        ["destination"],
    ),
    "SessionRequest": _object({"email": _STR, "password": _STR}, ["email", "password"]),
    "TrafficSourceInput": _object(
        {
            "forAffiliates": _BOOL,
            "name": _STR,
            "parameters": _array(_object({"name": _STR, "parameter": _STR, "placeholder": _STR})),
            "pixelRedirectUrl": _STR,
            "postbackUrl": _STR,
            "tags": _TAGS,
            "workspaceId": _ID,
        },
        ["name"],
    ),
    "WeightedRef": _object({"id": _ID, "weight": _WEIGHT}, ["id"]),
}

_JSON_TYPES = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
}


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__


def _matches(expected: str, actual: str) -> bool:
    return expected == actual or (expected == "number" and actual == "integer")


def _fail(where: str, message: str) -> ApiError:
    field = where or "body"
    return ApiError(400, f"{field}: {message}", field=field)


def _check(schema: Schema, value: Any, where: str) -> None:
    if "$ref" in schema:
        _check(SCHEMAS[schema["$ref"]], value, where)
        return
    actual = _type_of(value)
    if value is None:
        if schema.get("nullable"):
            return
        raise _fail(where, f"must not be null (expected {_JSON_TYPES[schema['type']]})")
    expected = schema.get("type")
    if expected is not None and not _matches(expected, actual):
        raise _fail(where, f"expected {_JSON_TYPES[expected]}, got {actual}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            raise _fail(where, f"must be >= {schema['minimum']}, got {value}")
        if "maximum" in schema and value > schema["maximum"]:
            raise _fail(where, f"must be <= {schema['maximum']}, got {value}")
    if isinstance(value, dict):
        for name in schema.get("required", ()):
            if name not in value:
                raise _fail(_join(where, name), "is required")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                _check(sub, value[name], _join(where, name))
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            raise _fail(where, f"needs at least {schema['minItems']} item(s)")
        for index, item in enumerate(value):
            _check(schema.get("items", {}), item, f"{where}[{index}]")


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def validate(schema_name: str, value: Any) -> None:
    """Raise a 400 `ApiError` naming the first field of `value` that breaks the schema."""
    _check(SCHEMAS[schema_name], value, "")
