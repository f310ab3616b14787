"""Who books a send time next: the local queue of waiters, by lane and by budget (pure).

No clock, no lock, no I/O: :class:`Lanes` only orders the waiting requests. The limiter
(``_ratelimit``) walks that order under its lock, asking the store to book each head's send time
if it lies within a short horizon, and sleeps outside the lock; the same order drives the sync and
async twins and the fake-clock tests.

The rules, and why:

* **Book only imminent slots.** The limiter books a slot only when it is at most a horizon (one
  slot's spacing, ``window / general``) away; otherwise the head waits and looks again. No request
  holds a slot far in the future, so one that arrives later (an interactive call, a report
  request) is never stuck behind a run of slots booked ahead of it: at each free slot, the order
  below is asked afresh. Two exceptions, both bounded: a report request may book up to a window
  ahead (at most ``report`` of them, so its general slot is held for when its report slot
  opens), and during a known Retry-After pause everyone books right after the pause.
* **Reports first within a lane.** The report budget is the scarce one. The head report request
  is tried before the head general request, so under saturated mixed load reports get their whole
  1/s and general requests the rest of 3/s. A report request whose report slot is not near does
  not block general ones: its class is skipped for this round and general heads are tried.
* **High before low, with a share for low.** ``high`` (the default, interactive) requests are tried
  before ``low`` (bulk) ones, but after ``low_share`` bookings in a row for high, a waiting low
  request goes first once: low always progresses (under saturation, 1 booking in
  ``low_share + 1``).
  Low holds at most ``low_outstanding`` booked slots at a time.
* **Nobody starves within a lane.** Each queue is first in, first out; a general request passed
  over ``low_share`` times in a row for report requests goes first once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Container
from typing import Literal

import attrs

__all__ = ["LANES", "Lane", "Lanes", "Ticket", "check_lane"]

Lane = Literal["high", "low"]
LANES: tuple[Lane, ...] = ("high", "low")
Queue = tuple[Lane, bool]  # (lane, report?)


def check_lane(value: object, *, name: str = "priority") -> Lane:
    """``value`` as a lane, or a ValueError naming ``name``."""
    if value == "high" or value == "low":
        return value
    raise ValueError(f"{name} must be 'high' or 'low', got {value!r}")


@attrs.define(eq=False)
class Ticket:
    """One request waiting for its send time; ``send_at`` or ``error`` is set when decided."""

    lane: Lane
    report: bool
    deadline: float = 0.0
    seq: int = 0
    send_at: float | None = None
    error: BaseException | None = None
    done: bool = False
    generation: int = 0  # the limiter's pause count when booked
    late: bool = False  # already re-booked once for waking too late
    wake: Callable[[], None] | None = attrs.field(default=None, repr=False)

    @property
    def queue(self) -> Queue:
        return (self.lane, self.report)

    @property
    def decided(self) -> bool:
        return self.send_at is not None or self.error is not None


@attrs.define
class Lanes:
    """The queues of one limiter; see the module docstring for the rules."""

    low_share: int = 4
    low_outstanding: int = 1
    _queues: dict[Queue, deque[Ticket]] = attrs.field(init=False)
    _booked: set[Ticket] = attrs.field(init=False, factory=set)
    _seq: int = attrs.field(init=False, default=0)
    _high_streak: int = attrs.field(init=False, default=0)
    _general_passed: dict[Lane, int] = attrs.field(
        init=False, factory=lambda: dict.fromkeys(LANES, 0)
    )

    def __attrs_post_init__(self) -> None:
        self._queues = {(lane, report): deque() for lane in LANES for report in (True, False)}

    def arrive(self, ticket: Ticket) -> None:
        """Queue ``ticket`` at the back of its lane and class."""
        self._seq += 1
        ticket.seq = self._seq
        self._queues[ticket.queue].append(ticket)

    def next(self, skip: Container[Queue] = ()) -> Ticket | None:
        """The head to try now, skipping classes that found no slot this round; not removed."""
        low_first = self._high_streak >= self.low_share
        for lane in ("low", "high") if low_first else LANES:
            if lane == "low" and self._low_booked() >= self.low_outstanding:
                continue
            general_first = self._general_passed[lane] >= self.low_share
            for report in (False, True) if general_first else (True, False):
                queue = self._queues[lane, report]
                if queue and (lane, report) not in skip:
                    return queue[0]
        return None

    def book(self, ticket: Ticket, send_at: float) -> None:
        """``ticket`` (a head returned by :meth:`next`) holds a slot at ``send_at``."""
        self._queues[ticket.queue].remove(ticket)
        ticket.send_at = send_at
        self._booked.add(ticket)
        self.count(ticket.lane, ticket.report)

    def count(self, lane: Lane, report: bool) -> None:
        """A request of ``lane`` got a slot: the streaks that keep low and general progressing."""
        if lane == "low":
            self._high_streak = 0
        else:  # high bookings since low last booked (low may be between two of its calls)
            self._high_streak = min(self._high_streak + 1, self.low_share)
        if not report:
            self._general_passed[lane] = 0
        elif self._queues[lane, False]:
            self._general_passed[lane] += 1

    def may_pass(self, lane: Lane, general: int) -> bool:
        """Whether a new request may take a free slot without queueing: nobody waits, fewer than
        ``general`` slots are booked ahead, and low is under its share of booked slots."""
        if self._booked and (
            len(self._booked) >= general
            or (lane == "low" and self._low_booked() >= self.low_outstanding)
        ):
            return False
        return not self.has_queued()

    def requeue(self, ticket: Ticket) -> None:
        """A booked ``ticket`` lost its slot (a pause came): first in its queue again."""
        self._booked.discard(ticket)
        ticket.send_at = None
        self._queues[ticket.queue].appendleft(ticket)

    def fail(self, ticket: Ticket, error: BaseException) -> None:
        """``ticket`` cannot be booked (``max_wait``, a store failure): out of the queue."""
        ticket.error = error
        self.finish(ticket)

    def finish(self, ticket: Ticket) -> None:
        """``ticket`` is done: sent (its slot came), refused or abandoned. Idempotent."""
        if ticket.done:
            return
        ticket.done = True
        self._booked.discard(ticket)
        queue = self._queues[ticket.queue]
        if ticket in queue:
            queue.remove(ticket)

    def has_queued(self) -> bool:
        return any(self._queues.values())

    def busy(self, general: int) -> bool:
        """Whether anyone is queued or ``general`` or more slots are booked ahead."""
        return len(self._booked) >= general or self.has_queued()

    def queued(self) -> list[Ticket]:
        return [t for queue in self._queues.values() for t in queue]

    def waiting(self) -> dict[Lane, int]:
        """Queued (not yet booked) tickets per lane."""
        return {lane: self._waiting(lane) for lane in LANES}

    def outstanding(self) -> int:
        """Booked tickets whose send time has not come yet."""
        return len(self._booked)

    def ahead_of(self, lane: Lane) -> tuple[int, int]:
        """(requests, report requests) that go before a new ticket of ``lane`` (an estimate)."""
        lanes = (lane,) if lane == "high" else LANES
        queued = [t for ln in lanes for r in (True, False) for t in self._queues[ln, r]]
        ahead = [*self._booked, *queued]
        return len(ahead), sum(1 for t in ahead if t.report)

    def _waiting(self, lane: Lane) -> int:
        return len(self._queues[lane, True]) + len(self._queues[lane, False])

    def _low_booked(self) -> int:
        return sum(1 for t in self._booked if t.lane == "low")
