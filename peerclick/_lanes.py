"""Who books the next send time: the local queue of waiters, by lane and by budget (pure).

No clock, no lock, no I/O: :class:`Lanes` only decides *which* waiting request may book a slot
in the shared budget next. The limiter (``_ratelimit``) holds the lock, asks the store for the
slot and sleeps; the same decisions drive the sync and async twins and the fake-clock tests.

The rules, and why:

* **Few bookings ahead.** At most ``general`` requests of this process hold a booking whose send
  time has not come yet (a grant), and at most ``report`` of them are report requests. A booking
  therefore lies at most about one window ahead, so a request that arrives later (an interactive
  one, or a report request) is never stuck behind a long run of slots booked far in the future:
  it is chosen for the next booking that frees up, and the store fills the earliest free slot.
* **Reports first within a lane.** The report budget is the scarce one. When a report request may
  book (fewer than ``report`` report grants outstanding), it is chosen before general requests,
  so under saturated mixed load reports get their whole 1/s and general requests the rest of 3/s.
  Waiting for the report budget never holds up general requests: a report request that must wait
  for its report slot holds one grant, the other grants keep serving general requests.
* **High before low, with a share for low.** ``high`` (the default, interactive) requests are
  chosen before ``low`` (bulk) ones, but after ``low_share`` grants in a row to high while low
  requests wait, one low request is chosen: low always progresses (at least 1 grant in
  ``low_share + 1``). Low holds at most ``low_outstanding`` grants at a time, so bulk work cannot
  book slots ahead of interactive calls.
* **No class starves.** Each queue is first in, first out; a general request passed over
  ``low_share`` times in a row for report requests goes next (this only matters when the report
  budget is as large as the general one).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Literal

import attrs

__all__ = ["LANES", "Lane", "Lanes", "Ticket", "check_lane"]

Lane = Literal["high", "low"]
LANES: tuple[Lane, ...] = ("high", "low")


def check_lane(value: object, *, name: str = "priority") -> Lane:
    """``value`` as a lane, or a ValueError naming ``name``."""
    if value == "high" or value == "low":
        return value
    raise ValueError(f"{name} must be 'high' or 'low', got {value!r}")


@attrs.define(eq=False)
class Ticket:
    """One request waiting for (or holding) the right to book its send time."""

    lane: Lane
    report: bool
    seq: int = 0
    granted: bool = False
    done: bool = False
    wake: Callable[[], None] | None = attrs.field(default=None, repr=False)


@attrs.define
class Lanes:
    """The queues of one limiter; see the module docstring for the rules."""

    general: int
    report: int
    low_share: int = 4
    low_outstanding: int = 1
    _queues: dict[tuple[Lane, bool], deque[Ticket]] = attrs.field(init=False)
    _granted: set[Ticket] = attrs.field(init=False, factory=set)
    _seq: int = attrs.field(init=False, default=0)
    _high_streak: int = attrs.field(init=False, default=0)
    _general_passed: int = attrs.field(init=False, default=0)

    def __attrs_post_init__(self) -> None:
        self._queues = {(lane, report): deque() for lane in LANES for report in (True, False)}

    # -- what the limiter calls (under its lock) ------------------------------------------

    def arrive(self, ticket: Ticket) -> None:
        """Queue ``ticket`` at the back of its lane."""
        self._seq += 1
        ticket.seq = self._seq
        self._queues[ticket.lane, ticket.report].append(ticket)

    def grant(self) -> list[Ticket]:
        """Choose every ticket that may book now (marked granted), in the order chosen."""
        chosen: list[Ticket] = []
        while len(self._granted) < self.general:
            ticket = self._pick()
            if ticket is None:
                break
            self._queues[ticket.lane, ticket.report].popleft()
            ticket.granted = True
            self._granted.add(ticket)
            chosen.append(ticket)
        return chosen

    def finish(self, ticket: Ticket) -> None:
        """``ticket`` is done: sent (its slot came), refused or abandoned. Idempotent."""
        if ticket.done:
            return
        ticket.done = True
        if ticket.granted:
            self._granted.discard(ticket)
        else:
            queue = self._queues[ticket.lane, ticket.report]
            if ticket in queue:
                queue.remove(ticket)

    # -- views ----------------------------------------------------------------------------

    def waiting(self) -> dict[Lane, int]:
        """Queued (not yet granted) tickets per lane."""
        return {
            lane: len(self._queues[lane, True]) + len(self._queues[lane, False]) for lane in LANES
        }

    def outstanding(self) -> int:
        """Granted tickets whose send time has not come yet."""
        return len(self._granted)

    def ahead_of(self, lane: Lane, report: bool) -> tuple[int, int]:
        """(general, report) requests that go before a new ticket of ``lane``: an estimate."""
        lanes = (lane,) if lane == "high" else LANES
        general = len(self._granted) + sum(
            len(self._queues[ln, r]) for ln in lanes for r in (True, False)
        )
        reports = sum(1 for t in self._granted if t.report) + sum(
            len(self._queues[ln, True]) for ln in lanes
        )
        return general, reports if report else 0

    # -- the rules ------------------------------------------------------------------------

    def _pick(self) -> Ticket | None:
        low_due = self._high_streak >= self.low_share
        order: tuple[Lane, ...] = ("low", "high") if low_due else LANES
        for lane in order:
            ticket = self._head(lane)
            if ticket is None:
                continue
            if lane == "high" and self._has_waiting("low"):
                self._high_streak += 1
            else:
                self._high_streak = 0
            return ticket
        return None

    def _head(self, lane: Lane) -> Ticket | None:
        if lane == "low" and self._count(lambda t: t.lane == "low") >= self.low_outstanding:
            return None
        reports, generals = self._queues[lane, True], self._queues[lane, False]
        report_ok = bool(reports) and self._count(lambda t: t.report) < self.report
        if report_ok and (not generals or self._general_passed < self.low_share):
            if generals:
                self._general_passed += 1
            return reports[0]
        if generals:
            self._general_passed = 0
            return generals[0]
        return None

    def _has_waiting(self, lane: Lane) -> bool:
        return bool(self._queues[lane, True] or self._queues[lane, False])

    def _count(self, where: Callable[[Ticket], bool]) -> int:
        return sum(1 for t in self._granted if where(t))

    def __iter__(self) -> Iterator[Ticket]:
        for queue in self._queues.values():
            yield from queue
