"""Priority lanes, Retry-After pauses and AIMD adaptation, on a fake clock (exact, fast)."""

from __future__ import annotations

import httpx

from peerclick._ratelimit import RateLimits
from tests.budget._scheduler_sim import BASE, Sim, most_in_any_window

DEFAULTS = RateLimits()
REQUEST = httpx.Request("GET", f"{BASE}/campaign")


def test_an_interactive_call_overtakes_queued_bulk_work() -> None:
    """Ten low-priority calls queued first; a high one asked a moment later is sent next."""
    sim = Sim(DEFAULTS)
    for i in range(10):
        sim.request(i, report=False, lane="low")
    sim.at(0.001, lambda: sim.request(99, report=False, lane="high"))
    sim.run(30)
    order = [s.client for s in sorted(sim.sent, key=lambda s: (s.sent, s.lane != "high"))]
    assert len(order) == 11
    # The first window went to low (nothing else was asking); the high call takes the next slot.
    assert order[:4] == [0, 1, 2, 99]
    assert order[4:] == list(range(3, 10))


def test_an_interactive_call_waits_at_most_about_one_slot_during_an_export() -> None:
    """A bulk export saturating the budget: interactive calls every 0.7 s wait < 1 window."""
    sim = Sim(DEFAULTS)
    sim.loop(0, report=False, lane="low")  # the export: the next page as soon as one is in
    sim.loop(1, report=True, lane="low")  # and a low-priority report iteration
    for k in range(40):
        sim.at(1.0 + 0.7 * k, lambda k=k: sim.request(100 + k, report=False, lane="high"))
    sim.run(40)
    interactive = [s for s in sim.sent if s.lane == "high"]
    assert len(interactive) == 40
    assert max(s.waited for s in interactive) <= DEFAULTS.window
    assert most_in_any_window(sim.times(), DEFAULTS.period) <= 3


def test_low_priority_still_progresses_under_saturated_interactive_load() -> None:
    """20 high clients saturate the budget; the low lane still gets about 1 slot in 5."""
    sim = Sim(DEFAULTS)
    for i in range(20):
        sim.loop(i, report=False)
    sim.loop(50, report=False, lane="low")
    sim.run(60)
    low, everything = sim.times(lane="low"), sim.times()
    assert len(everything) >= 175
    assert len(low) >= len(everything) // 5 - 1
    assert len(low) <= len(everything) // 5 + 1  # and not more: high goes first


def test_low_priority_holds_at_most_one_booking() -> None:
    """Many queued low calls never hold more than one booked slot between them."""
    sim = Sim(DEFAULTS)
    for i in range(10):
        sim.request(i, report=False, lane="low")
    seen = []
    for step in range(1, 60):
        sim.run(step * 0.1)
        seen.append(sim.limiter.state().booked)
    assert max(seen) <= 1
    sim.run(20)
    assert len(sim.sent) == 10


def test_a_retry_after_pauses_every_waiter() -> None:
    """A 429 with Retry-After: 3 stops all sends for 3 s, booked ones included; none is lost."""
    sim = Sim(DEFAULTS)
    for i in range(12):
        sim.request(i, report=i % 4 == 0)
    sim.run(0.5)
    sent_before = len(sim.sent)
    sim.limiter.observe(REQUEST, 429, 3.0)
    state = sim.limiter.state()
    assert state.pauses == 1 and state.throttled == 1 and 2.9 < state.paused_for <= 3.0
    sim.run(60)
    assert len(sim.sent) == 12 and not sim.refused
    after = [s.sent for s in sim.sent[sent_before:]]
    assert min(after) >= 3.5  # nobody sent inside the pause
    assert most_in_any_window(sim.times(), DEFAULTS.period) <= 3


def test_a_throttle_shrinks_the_rate_and_successes_bring_it_back() -> None:
    """AIMD: a 429 cuts the rate to 70 %, successes grow it back to the whole budget."""
    sim = Sim(DEFAULTS)
    for i in range(6):
        sim.loop(i, report=False)
    sim.run(10)
    sim.limiter.observe(REQUEST, 429, None)
    state = sim.limiter.state()
    assert state.rate_factor == 0.7 and state.throttled == 1 and state.pauses == 0
    assert state.budgets[0].rate == 3 / (DEFAULTS.window / 0.7)
    start = len(sim.sent)
    sim.run(20)
    slow = [s.sent for s in sim.sent[start:]]
    assert most_in_any_window(slow, DEFAULTS.window / 0.7 - 1e-6) <= 3  # the slower rate held
    for _ in range(6):  # answers come back fine (the transport reports each one)
        sim.limiter.observe(REQUEST, 200, None)
    assert sim.limiter.state().rate_factor == 1.0


def test_a_burst_of_429s_shrinks_the_rate_once() -> None:
    """Ten 429s from one event (within the cooldown) count ten times but shrink once."""
    sim = Sim(DEFAULTS)
    for _ in range(10):
        sim.limiter.observe(REQUEST, 429, None)
    state = sim.limiter.state()
    assert state.throttled == 10 and state.rate_factor == 0.7


def test_a_long_retry_after_is_not_the_budget() -> None:
    """A 429 asking for an hour (the manual-cost limit) pauses nobody and keeps the rate."""
    sim = Sim(DEFAULTS)
    sim.limiter.observe(REQUEST, 429, 3600.0)
    state = sim.limiter.state()
    assert (state.pauses, state.rate_factor, state.throttled, state.paused_for) == (0, 1.0, 0, 0.0)


def test_state_shows_queues_per_lane_and_free_permits() -> None:
    """state(): free permits per budget, waiters per lane, bookings ahead."""
    sim = Sim(DEFAULTS)
    fresh = sim.limiter.state()
    assert [(b.name, b.limit, b.free) for b in fresh.budgets] == [
        ("general", 3, 3),
        ("report", 1, 1),
    ]
    sim.request(0, report=True)
    for i in range(1, 6):
        sim.request(i, report=False, lane="low" if i > 3 else "high")
    state = sim.limiter.state()
    assert [b.free for b in state.budgets] == [0, 0]
    assert dict(state.waiting) == {"high": 1, "low": 2}
