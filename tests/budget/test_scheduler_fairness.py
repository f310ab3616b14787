"""Fair scheduling on a fake clock: exact budgets, reports get their 1/s, nobody starves.

Each test runs the limiter's real decisions in virtual time (see ``_scheduler_sim``), so a minute
of saturated load takes milliseconds and the numbers are the same on every run.
"""

from __future__ import annotations

import pytest

from peerclick._ratelimit import RateLimits
from tests.budget._scheduler_sim import Sim, most_in_any_window

DEFAULTS = RateLimits()  # 3 general and 1 report per 1.0 s, booked in 1.02 s windows
MINUTE = 60.0


def saturated(clients: int, reporters: int, *, seconds: float = MINUTE) -> Sim:
    sim = Sim(DEFAULTS)
    for i in range(clients):
        sim.loop(i, report=i < reporters)
    sim.run(seconds)
    return sim


def test_mixed_load_gives_reports_their_budget_and_general_the_rest() -> None:
    """20 clients, 4 asking for reports, a minute: reports ~1/s, all requests ~3/s (per 1.02 s)."""
    sim = saturated(20, 4)
    reports, everything = sim.times(report=True), sim.times()
    # The whole budget: 3 per 1.02 s is 176 in 60 s, and reports take 1 per 1.02 s of them (58).
    assert len(everything) >= 175
    assert len(reports) >= 58
    assert not sim.refused


def test_the_server_windows_are_never_exceeded() -> None:
    """With the 20 ms margin, no 1-second window of sends holds more than 3 (1 for reports)."""
    sim = saturated(20, 4)
    assert most_in_any_window(sim.times(), DEFAULTS.period) == 3
    assert most_in_any_window(sim.times(report=True), DEFAULTS.period) == 1
    # and the margin is kept even between bookings: 4 sends never fit in 1.02 s
    assert most_in_any_window(sim.times(), DEFAULTS.window - 1e-6) <= 3


def test_no_waiter_starves() -> None:
    """Every one of the 20 clients is served again and again; the longest wait is bounded."""
    sim = saturated(20, 4)
    per_client = {i: 0 for i in range(20)}
    for sent in sim.sent:
        per_client[sent.client] += 1
    assert min(per_client.values()) >= 5
    general_waits = [s.waited for s in sim.sent if not s.report]
    report_waits = [s.waited for s in sim.sent if s.report]
    # 16 general clients share ~2 slots per 1.02 s; 4 report clients share 1: about 8 s and 4 s.
    assert max(general_waits) < 10
    assert max(report_waits) < 5


def test_general_waiters_are_served_in_arrival_order() -> None:
    """Within one lane and class, first come, first served: sends keep the order of asking."""
    sim = Sim(DEFAULTS)
    for i in range(12):
        sim.at(i * 0.001, lambda i=i: sim.request(i, report=False))
    sim.run(10)
    order = [s.client for s in sorted(sim.sent, key=lambda s: (s.sent, s.asked))]
    assert order == list(range(12))


def test_report_and_general_slots_are_booked_together() -> None:
    """A report request holds a general slot too: 3 reports and 3 general in 3 windows at most."""
    sim = Sim(DEFAULTS)
    for i in range(3):
        sim.request(i, report=True)
        sim.request(10 + i, report=False)
        sim.request(20 + i, report=False)
    sim.run(10)
    assert len(sim.sent) == 9
    assert most_in_any_window(sim.times(), DEFAULTS.window - 1e-6) <= 3
    assert most_in_any_window(sim.times(report=True), DEFAULTS.window - 1e-6) <= 1


@pytest.mark.parametrize("reporters", [0, 1, 8, 20])
def test_the_budget_is_used_whatever_the_mix(reporters: int) -> None:
    """All-general, one reporter, many, or all reports: the binding budget is used in full."""
    sim = saturated(20, reporters, seconds=30)
    expected_reports = int(30 / DEFAULTS.window) if reporters else 0
    if reporters == 20:
        assert len(sim.times()) >= expected_reports  # reports bind: 1 per window
    else:
        assert len(sim.times()) >= int(3 * 30 / DEFAULTS.window) - 1
    assert len(sim.times(report=True)) >= expected_reports


def test_max_wait_refuses_at_once_when_the_queue_is_too_long() -> None:
    """6 requests ahead put a 7th at 2.04 s: with max_wait=2 s it is refused at once."""
    sim = Sim(RateLimits(max_wait=2))
    for i in range(6):
        sim.request(i, report=False)
    sim.request(99, report=False)
    assert [client for client, _ in sim.refused] == [99]
    error = sim.refused[0][1]
    assert "max_wait=2s" in str(error) and "not sent" in str(error)
    assert error.retry_after is not None and error.retry_after > 2
    sim.run(10)
    assert len(sim.sent) == 6


def test_max_wait_refuses_when_the_store_is_booked_beyond_it() -> None:
    """Bookings made elsewhere (another process on the same store) also count against max_wait."""
    sim = Sim(RateLimits(max_wait=0.5))
    store = sim.limiter._store
    for _ in range(6):  # another client of the same store books two windows ahead
        store.reserve(sim.limiter.namespace, [("general", 3, DEFAULTS.window)], max_wait=None)
    sim.request(1, report=False)
    sim.run(5)
    assert sim.sent == [] and len(sim.refused) == 1
    assert "no slot within it" in str(sim.refused[0][1])


class TestProcessesSharingAStore:
    """Three limiters on one store (processes over SQLite or Redis), each with its own queue."""

    @staticmethod
    def shared(seconds: float = 120.0) -> Sim:
        sim = Sim(DEFAULTS, processes=3)
        for client in range(18):  # 6 per process, one of them asking for reports
            sim.loop(client, report=client % 6 == 0, process=client % 3)
        sim.run(seconds)
        return sim

    def test_the_budget_is_kept_and_used(self) -> None:
        sim = self.shared()
        assert most_in_any_window(sim.times(), DEFAULTS.period) == 3
        assert most_in_any_window(sim.times(report=True), DEFAULTS.period) == 1
        assert len(sim.times()) >= 0.97 * 120 * 3 / DEFAULTS.window
        assert not sim.refused

    def test_no_process_starves_the_others(self) -> None:
        """Each process gets about a third: the one that just sent does not keep the next slot,
        and random naps keep one process from always looking first (one once got a quarter of
        the others' calls, with waits of 26 s)."""
        sim = self.shared()
        general = [s for s in sim.sent if not s.report]
        shares = [sum(1 for s in general if s.process == p) / len(general) for p in range(3)]
        assert min(shares) > 0.25, shares
        # 15 general clients share ~2 slots per 1.02 s: about 7.5 s each in a fair queue
        assert max(s.waited for s in general) < 20
