"""`_models.builder(cls)` builds exactly what the generated `cls.from_dict` builds, for every model.

Sample bodies are made from each model's own type hints (every field, only the required ones,
unknown extra keys, nested models and lists of them, date-times), so a regenerated client with a
new shape is covered without editing this test.
"""

from __future__ import annotations

import copy
import datetime
import random
import sys
import types
import typing
from typing import Any

import attrs
import pytest

import peerclick_api.models as generated
from peerclick.resources._base import camel
from peerclick.resources._models import builder
from peerclick_api.types import Unset

MODELS = [getattr(generated, name) for name in generated.__all__]


def _hints(cls: type[Any]) -> dict[str, Any]:
    namespace = {**vars(sys.modules[cls.__module__]), **vars(generated)}
    namespace.update({"datetime": datetime, "Unset": Unset})
    return typing.get_type_hints(cls, globalns=namespace)


def _value(hint: Any, rng: random.Random, depth: int) -> Any:
    args = [hint]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not Unset]
    choice = rng.choice(args)
    if choice is type(None):
        return None
    if attrs.has(choice):
        return _body(choice, rng, depth + 1, full=rng.random() < 0.7)
    if choice is datetime.datetime:
        return "2026-11-01T10:00:00+00:00"
    if typing.get_origin(choice) is list:
        (item,) = typing.get_args(choice) or (Any,)
        return [_value(item, rng, depth + 1) for _ in range(rng.randint(0, 2))]
    if typing.get_origin(choice) is dict or choice is Any:
        return {"k": rng.randint(0, 9)}
    return {str: "text", int: rng.randint(1, 99), float: 1.5, bool: True}.get(choice, "x")


def _body(cls: type[Any], rng: random.Random, depth: int = 0, *, full: bool) -> dict[str, Any]:
    hints = _hints(cls)
    body: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name == "additional_properties":
            continue
        required = field.default is attrs.NOTHING
        if required or (full and depth < 4):
            body[camel(field.name.rstrip("_"))] = _value(hints[field.name], rng, depth)
    if rng.random() < 0.5:
        body["somethingNew"] = [1, {"x": 2}]
    return body


@pytest.mark.parametrize("cls", MODELS, ids=[m.__name__ for m in MODELS])
def test_builder_matches_the_generated_from_dict(cls: type[Any]) -> None:
    """Same class, same fields, same additional_properties, on many sample bodies."""
    build = builder(cls)
    assert build.__qualname__ == f"builder({cls.__name__})"  # compiled, not the fallback
    rng = random.Random(cls.__name__)
    for n in range(40):
        body = _body(cls, rng, full=n % 3 != 0)
        before = copy.deepcopy(body)
        expected, got = cls.from_dict(body), build(body)
        assert body == before  # the input is left as it was
        assert type(got) is type(expected)
        assert got == expected
        assert got.additional_properties == expected.additional_properties
        assert got.to_dict() == expected.to_dict()


@pytest.mark.parametrize("cls", MODELS, ids=[m.__name__ for m in MODELS])
def test_a_consuming_builder_builds_the_same(cls: type[Any]) -> None:
    """`consume=True` (for JSON the facade parsed) gives equal models; it may empty its input."""
    build = builder(cls, consume=True)
    assert build.__qualname__ == f"builder({cls.__name__})"
    rng = random.Random(cls.__name__ + "/consume")
    for n in range(40):
        body = _body(cls, rng, full=n % 3 != 0)
        expected = cls.from_dict(copy.deepcopy(body))
        got = build(body)
        assert type(got) is type(expected)
        assert got == expected
        assert got.additional_properties == expected.additional_properties
        assert got.to_dict() == expected.to_dict()


@pytest.mark.parametrize("cls", MODELS, ids=[m.__name__ for m in MODELS])
def test_builder_fails_where_the_generated_from_dict_fails(cls: type[Any]) -> None:
    """A missing required key is a KeyError for both; a nested non-object fails both."""
    required = [
        f
        for f in attrs.fields(cls)
        if f.default is attrs.NOTHING and f.name != "additional_properties"
    ]
    if required:
        body = _body(cls, random.Random(1), full=False)
        del body[camel(required[0].name.rstrip("_"))]
        with pytest.raises(KeyError):
            cls.from_dict(body)
        with pytest.raises(KeyError):
            builder(cls)(body)
        with pytest.raises(KeyError):
            builder(cls, consume=True)(body)
    hints = _hints(cls)
    for field in attrs.fields(cls):
        hint = hints.get(field.name)
        nested = [a for a in typing.get_args(hint) or [hint] if attrs.has(a)]
        if nested:
            body = _body(cls, random.Random(2), full=False)
            body[camel(field.name.rstrip("_"))] = "not an object"
            with pytest.raises((TypeError, ValueError, AttributeError)):
                cls.from_dict(body)
            with pytest.raises((TypeError, ValueError, AttributeError)):
                builder(cls)(body)
            with pytest.raises((TypeError, ValueError, AttributeError)):
                builder(cls, consume=True)(body)


def test_the_input_is_not_changed() -> None:
    """Like from_dict, the builder copies: the caller's dict keeps its keys."""
    body = {"id": 3, "name": "C", "country": {"code": "US"}, "extra": 1}
    builder(generated.Campaign)(body)
    assert body == {"id": 3, "name": "C", "country": {"code": "US"}, "extra": 1}
