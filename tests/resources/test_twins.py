"""Every sync/async twin has the same surface: names, parameters, defaults and annotations.

The pairs are every `X` / `AsyncX` in `peerclick.resources` and `PeerClick` / `AsyncPeerClick`.
Annotations are compared modulo the async spelling: `Async` prefixes (`AsyncIterator`,
`httpx.AsyncClient`, `AsyncReports`) and `Awaitable[...]` wrappers are dropped, and an async
method may be a coroutine function where the sync one is plain. Only signatures are read.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator

import pytest

import peerclick.resources as resources
from peerclick import AsyncPeerClick, PeerClick

# Async-only aliases (`async with` needs no twin of `aclose`).
ASYNC_ONLY = {"AsyncPeerClick": {"aclose"}}

_ASYNC_NAME = re.compile(r"\bAsync(?=[A-Z])")
_AWAITABLE = re.compile(r"\bAwaitable\[")


def _normal(annotation: object) -> str:
    """An annotation as text, with the async spelling taken out."""
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    text = _ASYNC_NAME.sub("", text)
    while (match := _AWAITABLE.search(text)) is not None:  # Awaitable[X] -> X, nested too
        depth, end = 1, match.end()
        while depth:
            depth += {"[": 1, "]": -1}.get(text[end], 0)
            end += 1
        text = text[: match.start()] + text[match.end() : end - 1] + text[end:]
    return text


def _shape(function: Callable[..., object]) -> list[tuple[str, str, str, str]]:
    signature = inspect.signature(function)
    params = [
        (p.name, p.kind.name, repr(p.default), _normal(p.annotation))
        for p in signature.parameters.values()
    ]
    return [*params, ("return", "", "", _normal(signature.return_annotation))]


def _pairs() -> Iterator[tuple[type, type]]:
    for name in resources.__all__:
        twin = getattr(resources, f"Async{name}", None)
        if twin is not None:
            yield getattr(resources, name), twin
    yield PeerClick, AsyncPeerClick


PAIRS = list(_pairs())


def _public(cls: type) -> dict[str, object]:
    return {
        name: inspect.getattr_static(cls, name)
        for name in dir(cls)
        if not name.startswith("_") and name not in ASYNC_ONLY.get(cls.__name__, set())
    }


def test_every_resource_has_a_twin() -> None:
    sync_names = {n for n in resources.__all__ if not n.startswith("Async")}
    assert {a.__name__ for _, a in PAIRS} == {
        f"Async{n}"
        for n in sync_names - {"Report", "Conversion"}  # values, not resources
    } | {"AsyncPeerClick"}


@pytest.mark.parametrize(("sync", "async_"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_twins_have_the_same_signatures(sync: type, async_: type) -> None:
    ours, theirs = _public(sync), _public(async_)
    assert sorted(ours) == sorted(theirs)
    members = {"__init__": (sync.__init__, async_.__init__)} | {
        name: (getattr(sync, name), getattr(async_, name))
        for name, member in ours.items()
        if inspect.isfunction(member)
    }
    for name, (a, b) in members.items():
        assert _shape(a) == _shape(b), f"{sync.__name__}.{name}"
        if inspect.iscoroutinefunction(a):  # a sync method is never async
            pytest.fail(f"{sync.__name__}.{name} is a coroutine function")
    for name, member in ours.items():
        if isinstance(member, property):
            other = theirs[name]
            assert isinstance(other, property), name
            assert member.fget is not None and other.fget is not None
            assert _shape(member.fget)[-1] == _shape(other.fget)[-1], f"{sync.__name__}.{name}"
        elif type(member).__name__ == "_Lazy":  # pc.reports -> Reports, apc.reports -> AsyncReports
            assert f"Async{member.class_name}" == theirs[name].class_name  # type: ignore[attr-defined]


def test_the_async_spelling_is_all_that_is_dropped() -> None:
    assert _normal("Callable[[float], Awaitable[None]] | None") == "Callable[[float], None] | None"
    assert _normal("AsyncIterator[Row]") == "Iterator[Row]"
    assert _normal("httpx.AsyncClient") == "httpx.Client"
    assert _normal("Asynchronous") == "Asynchronous"  # only a prefix of a CamelCase name
    assert _normal("Iterator[Row]") != _normal("Iterator[Report]")
