"""The one I/O-free pacing loop both twins drive, stepped by hand on a fake clock."""

from __future__ import annotations

import httpx
import pytest

from peerclick._ratelimit import NAP, SLEEP, RateLimiter, RateLimits
from peerclick.errors import RateLimitError

REQUEST = httpx.Request("GET", "https://api.peerclick.test/v1_1/campaign")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def saturated() -> tuple[RateLimiter, Clock]:
    clock = Clock()
    limiter = RateLimiter(RateLimits(margin=0), clock=clock)
    for _ in range(3):  # a free slot and nobody queued: sent at once, no ticket
        assert limiter._at_once(False, "high")
    assert not limiter._at_once(False, "high")  # the window is full
    return limiter, clock


def test_a_full_window_books_the_slot_when_it_comes_near_then_sleeps_until_it() -> None:
    limiter, clock = saturated()
    ticket, woken = limiter._enter(REQUEST, False, "high", lambda: None)
    pacing = limiter._pacing(REQUEST, ticket, woken)
    steps = [next(pacing)]
    while steps[-1][0] == NAP:  # no slot within a spacing yet: nap and look again
        clock.now += steps[-1][1]
        steps.append(next(pacing))
    kind, seconds = steps[-1]
    assert kind == SLEEP
    assert ticket.send_at is not None
    assert clock.now + seconds == ticket.send_at  # sleeps exactly until its slot
    assert ticket.send_at == pytest.approx(1.0, abs=1e-5)  # when the first booking leaves
    clock.now += seconds
    for _ in pacing:  # the slot is still good: the loop ends and the ticket leaves
        raise AssertionError("no further step expected")
    state = limiter.state()
    assert state.waiting == {"high": 0, "low": 0}
    assert state.booked == 0


def test_closing_an_unfinished_wait_leaves_the_queue() -> None:
    """What a KeyboardInterrupt or a cancelled task does: the driver closes the loop."""
    limiter, _clock = saturated()
    ticket, woken = limiter._enter(REQUEST, False, "high", lambda: None)
    pacing = limiter._pacing(REQUEST, ticket, woken)
    assert next(pacing)[0] in (NAP, SLEEP)
    assert limiter.state().waiting["high"] + limiter.state().booked == 1
    pacing.close()
    assert ticket.done
    assert limiter.state().waiting == {"high": 0, "low": 0}
    assert limiter.state().booked == 0


def test_the_fast_path_counts_towards_an_early_refusal() -> None:
    """Sent at once or queued, every request in the window delays the next: max_wait holds."""
    clock = Clock()
    limiter = RateLimiter(RateLimits(margin=0, max_wait=1.5), clock=clock)
    for _ in range(3):
        assert limiter._at_once(False, "high")
    queued = [limiter._enter(REQUEST, False, "high", lambda: None)[0] for _ in range(3)]
    assert len(queued) == 3
    with pytest.raises(RateLimitError, match=r"max_wait=1\.5s"):  # refused before queueing
        limiter._enter(REQUEST, False, "high", lambda: None)
