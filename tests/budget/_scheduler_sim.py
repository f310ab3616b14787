"""A discrete-event simulation that drives the real RateLimiter's decisions on a fake clock.

The limiter's sync and async twins are thin drivers of I/O-free steps: ``_at_once`` (the fast
path), then ``_enter``, ``_poll``, ``_requeue_if_void`` and ``_leave``, which ``_pacing`` walks.
Here the same steps run in virtual time: a waiter's wake-up and every sleep become events in a
heap, so a minute of saturated traffic from 20 clients takes milliseconds and every run is
identical. Only the waiting is simulated; queueing, booking (a real MemoryBudgetStore on the
virtual clock), pauses and adaptation are the production code.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable

import attrs
import httpx

from peerclick._budget_store import MemoryBudgetStore
from peerclick._lanes import Lane, Ticket
from peerclick._ratelimit import RateLimiter, RateLimits
from peerclick.errors import RateLimitError

BASE = "https://api.peerclick.test/v1_1"


@attrs.define
class Sent:
    """One request that reached the wire: when it arrived at the limiter and when it was sent."""

    client: int
    lane: Lane
    report: bool
    asked: float
    sent: float
    process: int = 0

    @property
    def waited(self) -> float:
        return self.sent - self.asked


class Sim:
    """Virtual time, a limiter on it, and closed-loop clients (each asks again once answered)."""

    def __init__(self, limits: RateLimits, *, latency: float = 0.0, processes: int = 1) -> None:
        self.now = 0.0
        self.latency = latency
        # Several "processes": limiters with their own queues and random naps (seeded apart, as
        # each process's random is), booking in one store, as over SQLite or Redis.
        store = MemoryBudgetStore(clock=lambda: self.now)
        self.limiters = [
            RateLimiter(
                limits,
                store=store if processes > 1 else None,
                clock=lambda: self.now,
                rng=random.Random(index).random,
            )
            for index in range(processes)
        ]
        self.limiter = self.limiters[0]
        self.sent: list[Sent] = []
        self.refused: list[tuple[int, RateLimitError]] = []
        self._events: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()

    def at(self, when: float, action: Callable[[], None]) -> None:
        heapq.heappush(self._events, (when, next(self._seq), action))

    def run(self, until: float) -> None:
        """Process events up to virtual time ``until``."""
        while self._events and self._events[0][0] <= until:
            when, _, action = heapq.heappop(self._events)
            self.now = max(self.now, when)
            action()
        self.now = until

    def request(
        self,
        client: int,
        *,
        report: bool,
        lane: Lane = "high",
        then: Callable[[], None] | None = None,
        process: int = 0,
    ) -> None:
        """One request through the limiter's real steps; ``then`` runs when it is answered."""
        path = "/report" if report else "/campaign"
        request = httpx.Request("GET", f"{BASE}{path}")
        asked = self.now
        limiter = self.limiters[process]
        box: list[Ticket] = []

        def wake_all(tickets: list[Ticket]) -> None:
            for ticket in tickets:
                assert ticket.wake is not None
                ticket.wake()

        def check() -> None:
            # the owner looks at its ticket: woken, or after a nap
            ticket = box[0]
            if ticket.done or sending:
                return
            if not ticket.decided:
                wake_all(limiter._poll(ticket))
            if not ticket.decided:
                return  # its nap event is already scheduled
            error = limiter._failure(request, ticket)
            if error is not None:
                wake_all(limiter._leave(ticket))
                assert isinstance(error, RateLimitError)
                self.refused.append((client, error))
                return
            assert ticket.send_at is not None
            sending.append(True)
            self.at(max(self.now, ticket.send_at), send)

        def nap() -> None:
            if not box[0].decided and not box[0].done:
                check()
                self.at(self.now + limiter._waiter_nap(), nap)

        def send() -> None:
            ticket = box[0]
            again, woken = limiter._requeue_if_void(ticket)
            wake_all(woken)
            sending.clear()
            if again:
                self.at(self.now + limiter._waiter_nap(), nap)
                check()
                return
            wake_all(limiter._leave(ticket))
            self.sent.append(Sent(client, lane, report, asked, self.now, process))
            if then is not None:
                self.at(self.now + self.latency, then)

        woken_at: list[float] = []
        sending: list[bool] = []

        def wake() -> None:
            if woken_at and woken_at[-1] == self.now:
                return
            woken_at.append(self.now)
            self.at(self.now, check)

        if limiter._at_once(report, lane):  # the twins' fast path: a free slot, nobody queued
            self.sent.append(Sent(client, lane, report, asked, self.now, process))
            if then is not None:
                self.at(self.now + self.latency, then)
            return
        try:
            ticket, woken = limiter._enter(request, report, lane, wake)
        except RateLimitError as exc:
            self.refused.append((client, exc))
            return
        box.append(ticket)
        wake_all(woken)
        self.at(self.now + limiter._waiter_nap(), nap)

    def loop(
        self,
        client: int,
        *,
        report: bool,
        lane: Lane = "high",
        start: float = 0.0,
        process: int = 0,
    ) -> None:
        """A client that asks again as soon as each answer comes, forever."""

        def again() -> None:
            self.request(client, report=report, lane=lane, then=again, process=process)

        self.at(start, again)

    # -- measurements ---------------------------------------------------------------------

    def times(self, *, report: bool | None = None, lane: Lane | None = None) -> list[float]:
        return sorted(
            s.sent
            for s in self.sent
            if (report is None or s.report == report) and (lane is None or s.lane == lane)
        )


def most_in_any_window(times: list[float], width: float) -> int:
    """The largest number of times inside any half-open window (t - width, t]."""
    best, first = 0, 0
    for last, t in enumerate(times):
        while times[first] <= t - width:
            first += 1
        best = max(best, last - first + 1)
    return best
