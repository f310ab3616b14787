"""Building the generated read models from parsed JSON, fast, with the generator's semantics.

The generated `Model.from_dict` re-runs its nested imports on every call and copies the input at
every level; for a list of 10,000 campaigns (8 models each) that dominates the call. `builder(cls)`
compiles, once per class, a plain function doing what that `from_dict` does (the same pops, the
same nested builds, the same `additional_properties`), with the nested builders bound in advance.
Only the shapes the generator emits for this spec are compiled (scalars passed through, nested
models, lists of models, `datetime.fromisoformat`); a class with any other field shape simply uses
its own `from_dict`. `tests/resources/test_models.py` checks every model against the generated
`from_dict`, so regenerating the client cannot silently change what callers get.
"""

from __future__ import annotations

import datetime
import sys
import threading
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Protocol, Self, TypeVar

import attrs

import peerclick_api.models as generated
from peerclick.resources._base import camel
from peerclick_api.types import UNSET, Unset

__all__ = ["builder"]


class _Generated(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


T = TypeVar("T", bound=_Generated)
Build = Callable[[Mapping[str, Any]], Any]
_EXTRA = "additional_properties"


def _parts(hint: Any) -> tuple[list[Any], bool]:
    """(the hint's types without Unset/None, whether it was a union)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a not in (Unset, type(None))]
        return args, True
    return [hint], False


def _shape(hint: Any) -> tuple[str, Any] | None:
    """('plain' | 'model' | 'models' | 'datetime', the nested class) or None: not compiled."""
    args, _ = _parts(hint)
    if any(attrs.has(a) for a in args) and len(args) > 1:
        return None  # a union holding a model: the generator tries each; leave it to it
    (only,) = args if len(args) == 1 else (None,)
    if only is not None and attrs.has(only):
        return "model", only
    if only is datetime.datetime:
        return "datetime", None
    if typing.get_origin(only) is list:
        (item,) = typing.get_args(only) or (Any,)
        if attrs.has(item):
            return "models", item
        if item in (str, int, float, bool, Any):
            return "plain", None
        return None
    if all(a in (str, int, float, bool) or a is Any for a in args):
        return "plain", None
    return None


_BUILDERS: dict[tuple[type[Any], bool], Build] = {}
_LOCK = threading.RLock()  # builders of nested models are compiled while it is held


def builder(cls: type[T], *, consume: bool = False) -> Callable[[Mapping[str, Any]], T]:
    """A function `dict -> cls` equivalent to `cls.from_dict`, compiled once per class.

    ``consume=True`` takes the input's keys out of the input itself instead of a copy (the
    model's ``additional_properties`` is then that very dict, holding what is left): for JSON
    the facade parsed and nobody else holds. It saves a dict per object, a third of building
    a long list. The default copies, as ``from_dict`` does.
    """
    key = (cls, consume)
    found = _BUILDERS.get(key)
    if found is None:
        with _LOCK:
            found = _BUILDERS.get(key)
            if found is None:
                try:
                    found = _compile(cls, consume)
                except (TypeError, ValueError, NameError):  # a shape left to the generator
                    found = cls.from_dict
                _BUILDERS[key] = found
    return found


def _plain_init(cls: type[Any], fields: list[attrs.Attribute[Any]]) -> bool:
    """Whether attrs' __init__ does nothing but store the values (no hooks, checks, setters)."""
    setter: Any = cls.__setattr__
    return (
        setter is object.__setattr__
        and not hasattr(cls, "__attrs_post_init__")
        and not hasattr(cls, "__attrs_pre_init__")
        and all(f.validator is None and f.converter is None for f in fields)
    )


def _compile(cls: type[Any], consume: bool) -> Build:
    own = vars(sys.modules[cls.__module__])
    namespace = {**own, **vars(generated), "datetime": datetime, "Unset": Unset}
    hints = typing.get_type_hints(cls, globalns=namespace)
    fields = [f for f in attrs.fields(cls) if f.name != _EXTRA]
    if not all(f.init and not f.kw_only for f in fields):
        raise TypeError("only positional attrs fields are compiled")
    env: dict[str, Any] = {"UNSET": UNSET, "cls": cls, "iso": datetime.datetime.fromisoformat}
    # Consuming: a dict is used as is; anything else is copied, which fails as from_dict does.
    take = "src if src.__class__ is dict else dict(src)" if consume else "dict(src)"
    lines = ["def build(src):", f"    d = {take}"]
    for index, field in enumerate(fields):
        shape = _shape(hints[field.name])
        if shape is None:
            raise TypeError(f"{cls.__name__}.{field.name}: a shape left to the generator")
        kind, nested = shape
        key = camel(field.name.rstrip("_"))
        var = f"v{index}"
        required = field.default is attrs.NOTHING
        lines.append(
            f"    {var} = d.pop({key!r})" if required else f"    {var} = d.pop({key!r}, UNSET)"
        )
        guard = "" if required else f"if {var} is not UNSET: "
        if kind == "model":
            env[f"b{index}"] = builder(nested, consume=consume)
            lines.append(f"    {guard}{var} = b{index}({var})")
        elif kind == "models":
            env[f"b{index}"] = builder(nested, consume=consume)
            lines.append(f"    {guard}{var} = [b{index}(item) for item in {var}]")
        elif kind == "datetime":
            lines.append(f"    {guard}{var} = iso({var})")
    if _plain_init(cls, fields):
        # attrs' __init__ would only store each value and a fresh `additional_properties`
        # dict that from_dict replaces at once: store them directly.
        env["new"] = object.__new__
        lines.append("    obj = new(cls)")
        lines += [f"    obj.{field.name} = v{i}" for i, field in enumerate(fields)]
    else:
        lines.append(f"    obj = cls({', '.join(f'v{i}' for i in range(len(fields)))})")
    lines += [f"    obj.{_EXTRA} = d", "    return obj"]
    # The source is built above from attrs field names and wire keys only, never from data.
    exec("\n".join(lines), env)
    build: Build = env["build"]
    build.__qualname__ = f"builder({cls.__name__})"
    return build
