"""The collector pause around large parses: counted across threads, and never turns GC on that
the caller had turned off."""

from __future__ import annotations

import contextlib
import gc
import json
import threading
from collections.abc import Iterator

import httpx
import pytest

from peerclick import _gc, _transport


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_back_after() -> None:
    gc.enable()
    with _gc.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with _gc.collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_back_on_only_when_the_last_holder_leaves() -> None:
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with _gc.collector_paused():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    with _gc.collector_paused():
        thread.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the other thread still holds it
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_back_on_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), _gc.collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


@pytest.mark.parametrize(("items", "paused"), [(10, False), (20_000, True)])
def test_only_large_bodies_pause_it(
    monkeypatch: pytest.MonkeyPatch, items: int, paused: bool
) -> None:
    used: list[bool] = []

    @contextlib.contextmanager
    def recording() -> Iterator[None]:
        used.append(True)
        yield

    monkeypatch.setattr(_transport, "collector_paused", recording)
    content = json.dumps({"campaigns": [{"id": i, "name": "x"} for i in range(items)]}).encode()
    request = httpx.Request("GET", "http://127.0.0.1/v1_1/campaign")
    response = httpx.Response(200, content=content, request=request)
    state = _transport.WireState(origin=("http", "127.0.0.1", 80))
    body = _transport._parse(response.content, response, request, state)
    assert len(body["campaigns"]) == items
    assert bool(used) is paused


@pytest.mark.parametrize(("count", "paused"), [(10, False), (5_000, True)])
def test_long_entity_lists_are_built_with_it_paused(
    monkeypatch: pytest.MonkeyPatch, count: int, paused: bool
) -> None:
    from peerclick.resources import _entities
    from peerclick.resources.entities import CAMPAIGN  # the kind behind pc.campaigns

    used: list[bool] = []

    @contextlib.contextmanager
    def recording() -> Iterator[None]:
        used.append(gc.isenabled())
        yield

    monkeypatch.setattr(_entities, "collector_paused", recording)
    built = CAMPAIGN.list_from({"campaigns": [{"id": i + 1, "name": "c"} for i in range(count)]})
    assert [c.id for c in built] == list(range(1, count + 1))
    assert bool(used) is paused
