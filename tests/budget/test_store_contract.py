"""Every BudgetStore on a fake clock: exact sliding-window reservations, pauses, threads.

The same tests run against the memory, SQLite and Redis stores (Redis with an injected clock
instead of its TIME, so the one Lua script is checked to the microsecond).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence

import pytest

from peerclick._budget_store import BudgetStore, Claim, MemoryBudgetStore
from tests.budget.conftest import StoreFactory

GENERAL: Claim = ("general", 3, 1.0)
REPORT: Claim = ("report", 1, 1.0)


class Clock:
    """A clock that moves only when told; starts away from 0 so negative windows are real."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(make_store: StoreFactory, clock: Clock) -> BudgetStore:
    return make_store(clock)


def waits(store: BudgetStore, n: int, claims: Sequence[Claim], key: str = "acct") -> list[float]:
    out = []
    for _ in range(n):
        wait = store.reserve(key, claims, max_wait=None)
        assert wait is not None
        out.append(wait)
    return out


class TestReserve:
    def test_is_a_budget_store(self, store: BudgetStore) -> None:
        """It satisfies the BudgetStore protocol."""
        assert isinstance(store, BudgetStore)
        assert "key" not in repr(store)

    def test_three_per_second_then_the_next_second(self, store: BudgetStore) -> None:
        """Three go now, the next three when the first leave the window, and so on."""
        assert waits(store, 7, [GENERAL]) == [0, 0, 0, 1, 1, 1, 2]

    def test_wait_is_measured_from_the_current_time(self, store: BudgetStore, clock: Clock) -> None:
        """Half a second later, the wait for the 4th slot is half a second."""
        waits(store, 3, [GENERAL])
        clock.now += 0.5
        assert waits(store, 1, [GENERAL]) == [0.5]

    def test_old_bookings_leave_the_window(self, store: BudgetStore, clock: Clock) -> None:
        """After one period the budget is whole again."""
        waits(store, 3, [GENERAL])
        clock.now += 1.0
        assert waits(store, 3, [GENERAL]) == [0, 0, 0]

    def test_report_needs_both_budgets(self, store: BudgetStore) -> None:
        """Report requests are spaced by the report budget and counted in the general one."""
        assert waits(store, 2, [GENERAL, REPORT]) == [0, 1]
        # general holds bookings at 0 and 1: two more fit at 0, the third must wait for 1.
        assert waits(store, 3, [GENERAL]) == [0, 0, 1]

    def test_a_later_request_may_go_before_a_future_booking(self, store: BudgetStore) -> None:
        """A general request is not held behind a report request booked in the future."""
        waits(store, 1, [GENERAL, REPORT])
        assert waits(store, 1, [GENERAL, REPORT]) == [1]
        assert waits(store, 1, [GENERAL]) == [0]

    def test_a_future_booking_is_not_crowded(self, store: BudgetStore, clock: Clock) -> None:
        """Bookings ahead of the new time count too: no window around them is overfilled."""
        x: Claim = ("x", 1, 1.0)
        y: Claim = ("y", 1, 2.0)
        assert waits(store, 2, [x, y]) == [0, 2]  # x holds 0 and 2
        clock.now += 1.5
        # (0.5, 1.5] is empty, but 1.5 would share (1.4, 2.4] with the booking at 2: wait for 3.
        assert waits(store, 1, [x]) == [1.5]

    def test_beyond_max_wait_books_nothing(self, store: BudgetStore) -> None:
        """A refused reservation returns None and leaves the slot to the next caller."""
        waits(store, 3, [GENERAL])
        assert store.reserve("acct", [GENERAL], max_wait=0.5) is None
        assert store.reserve("acct", [GENERAL], max_wait=0) is None
        assert store.reserve("acct", [GENERAL], max_wait=1.0) == 1.0
        assert waits(store, 2, [GENERAL]) == [1, 1]

    def test_report_refused_books_no_general_slot(self, store: BudgetStore) -> None:
        """A report reservation refused for its report budget takes no general slot either."""
        waits(store, 1, [GENERAL, REPORT])
        assert store.reserve("acct", [GENERAL, REPORT], max_wait=0.5) is None
        assert waits(store, 2, [GENERAL]) == [0, 0]

    def test_keys_and_names_are_separate(self, store: BudgetStore) -> None:
        """Two accounts, or two budget names, never share bookings."""
        waits(store, 3, [GENERAL], key="a")
        assert waits(store, 3, [GENERAL], key="b") == [0, 0, 0]
        assert waits(store, 1, [("other", 3, 1.0)], key="a") == [0]

    def test_unaligned_times_are_exact(self, store: BudgetStore, clock: Clock) -> None:
        """Times that are not binary fractions still give windows of exactly one period."""
        clock.now = 1234.567891
        assert waits(store, 4, [("b", 1, 0.3)]) == pytest.approx([0, 0.3, 0.6, 0.9], abs=1e-6)


class TickingClock(Clock):
    """Moves a quarter second every time it is read, as if each step of a call were slow."""

    def __call__(self) -> float:
        self.now += 0.25
        return self.now


class TestWaitCountsFromTheCall:
    def test_time_spent_inside_reserve_is_waited_too(self, make_store: StoreFactory) -> None:
        """A slot free "now" still costs the time the call took (lock, network) as wait.

        The caller adds the wait to the time it read before calling, so the request can be a
        little late but never early.
        """
        store = make_store(TickingClock())
        assert store.reserve("acct", [GENERAL], max_wait=None) == 0.25


class TestPause:
    def test_pause_holds_everyone_of_the_key(self, store: BudgetStore) -> None:
        """After pause(2.5), nobody of that key is given a time before 2.5 s from now."""
        store.pause("acct", 2.5)
        assert waits(store, 4, [GENERAL]) == [2.5, 2.5, 2.5, 3.5]
        assert waits(store, 1, [GENERAL], key="other") == [0]

    def test_a_shorter_pause_does_not_shorten(self, store: BudgetStore, clock: Clock) -> None:
        """The later of two pauses wins."""
        store.pause("acct", 2.0)
        store.pause("acct", 0.5)
        assert waits(store, 1, [GENERAL]) == [2.0]

    def test_pause_ends(self, store: BudgetStore, clock: Clock) -> None:
        """Once the pause is over, requests go at once."""
        store.pause("acct", 1.0)
        clock.now += 1.5
        assert waits(store, 1, [GENERAL]) == [0]

    def test_pause_counts_against_max_wait(self, store: BudgetStore) -> None:
        """A pause longer than max_wait refuses the reservation."""
        store.pause("acct", 5.0)
        assert store.reserve("acct", [GENERAL], max_wait=4.0) is None


class TestOccupy:
    """A request that landed later than its slot is counted again where it landed."""

    def test_a_late_request_holds_its_real_moment(self, store: BudgetStore, clock: Clock) -> None:
        assert waits(store, 3, [GENERAL]) == [0, 0, 0]
        clock.now += 0.5
        store.occupy("acct", [GENERAL])  # type: ignore[attr-defined]
        # the slots at 1001 hold two, then the one counted at 1000.5 must leave first
        assert waits(store, 3, [GENERAL]) == [0.5, 0.5, 1.0]

    def test_it_counts_even_beyond_the_limit(self, store: BudgetStore, clock: Clock) -> None:
        """Fitting or not: the server saw the request, so the budget must too."""
        assert waits(store, 3, [GENERAL, REPORT]) == [0, 1, 2]  # reports at 1000, 1001, 1002
        clock.now += 2.5
        store.occupy("acct", [GENERAL, REPORT])  # type: ignore[attr-defined]
        # not 1003 (after the one booked at 1002): the one counted at 1002.5 leaves at 1003.5
        assert waits(store, 1, [REPORT]) == [1.0]

    def test_bad_arguments(self, store: BudgetStore) -> None:
        with pytest.raises(ValueError, match="key"):
            store.occupy("", [GENERAL])  # type: ignore[attr-defined]
        with pytest.raises(ValueError, match="limit"):
            store.occupy("acct", [("general", 0, 1.0)])  # type: ignore[attr-defined]


def fits_naively(times: list[int], t: int, limit: int, period: int) -> bool:
    """Naive: every window (end - period, end] on the 1 ms grid that holds t has room."""
    near = [b for b in times if t - period < b < t + period]
    return all(
        sum(1 for b in near if end - period < b <= end) < limit for end in range(t, t + period)
    )


class TestAgainstANaiveModel:
    def test_random_sequences(self, make_store: StoreFactory) -> None:
        """Random claims and clock steps: every answer fits and nothing earlier would have."""
        rng = random.Random(20261203)
        budgets = {"g": (3, 100), "r": (1, 100), "s": (2, 70)}  # limit, period in ms
        for _ in range(15):
            clock = Clock(now=5.0)
            store = make_store(clock)
            booked: dict[str, list[int]] = {name: [] for name in budgets}
            now_ms = 5000
            for _ in range(25):
                now_ms += rng.choice([0, 0, 1, 7, 20, 55])
                clock.now = now_ms / 1000
                names = rng.choice([["g"], ["g"], ["g", "r"], ["s"], ["g", "s"]])
                claims = [(n, budgets[n][0], budgets[n][1] / 1000) for n in names]
                wait = store.reserve("k", claims, max_wait=None)
                assert wait is not None
                t = now_ms + round(wait * 1000)
                assert t >= now_ms
                for n in names:
                    limit, period = budgets[n]
                    assert fits_naively(booked[n], t, limit, period)
                for earlier in range(now_ms, t):
                    assert not all(fits_naively(booked[n], earlier, *budgets[n]) for n in names), (
                        f"{earlier} would have fitted before {t}"
                    )
                for n in names:
                    booked[n].append(t)


class TestThreads:
    def test_many_threads_never_overbook(self, store: BudgetStore) -> None:
        """8 threads x 30 reservations on a still clock get exactly 3 slots per second."""
        got: list[float] = []
        guard = threading.Lock()

        def work() -> None:
            mine = waits(store, 30, [GENERAL])
            with guard:
                got.extend(mine)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(got) == [float(i // 3) for i in range(240)]


class TestArguments:
    @pytest.mark.parametrize(
        ("claims", "error", "words"),
        [
            ([], ValueError, "at least one"),
            ("general", TypeError, "sequence"),
            ([("general", 3)], TypeError, "tuple"),
            ([("", 3, 1.0)], ValueError, "name"),
            ([("g", 0, 1.0)], ValueError, "limit"),
            ([("g", True, 1.0)], ValueError, "limit"),
            ([("g", 3, 0)], ValueError, "period"),
            ([("g", 3, float("inf"))], ValueError, "period"),
            ([("g", 3, 1.0), ("g", 1, 1.0)], ValueError, "twice"),
        ],
    )
    def test_bad_claims(
        self, store: BudgetStore, claims: object, error: type[Exception], words: str
    ) -> None:
        """Bad claims are refused with a message saying what is wrong."""
        with pytest.raises(error, match=words):
            store.reserve("acct", claims, max_wait=None)  # type: ignore[arg-type]

    @pytest.mark.parametrize("max_wait", [-1, float("nan"), "1", True])
    def test_bad_max_wait(self, store: BudgetStore, max_wait: object) -> None:
        """max_wait must be None or seconds >= 0."""
        with pytest.raises(ValueError, match="max_wait"):
            store.reserve("acct", [GENERAL], max_wait=max_wait)  # type: ignore[arg-type]

    def test_infinite_max_wait_is_no_bound(self, store: BudgetStore) -> None:
        """max_wait=inf behaves as None."""
        waits(store, 3, [GENERAL])
        assert store.reserve("acct", [GENERAL], max_wait=float("inf")) == 1.0

    @pytest.mark.parametrize("key", ["", None, 3])
    def test_bad_key(self, store: BudgetStore, key: object) -> None:
        """The key must be a non-empty str."""
        with pytest.raises(ValueError, match="key"):
            store.reserve(key, [GENERAL], max_wait=None)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="key"):
            store.pause(key, 1.0)  # type: ignore[arg-type]

    @pytest.mark.parametrize("seconds", [-1, float("inf"), float("nan"), "2"])
    def test_bad_pause(self, store: BudgetStore, seconds: object) -> None:
        """pause() needs finite seconds >= 0."""
        with pytest.raises(ValueError, match="seconds"):
            store.pause("acct", seconds)  # type: ignore[arg-type]

    def test_bad_clock(self) -> None:
        """The clock must be callable."""
        with pytest.raises(TypeError, match="clock"):
            MemoryBudgetStore(clock=3.0)  # type: ignore[arg-type]

    def test_closed(self, store: BudgetStore) -> None:
        """A closed store refuses to book; closing twice is fine."""
        store.close()
        store.close()
        with pytest.raises(RuntimeError, match="closed"):
            store.reserve("acct", [GENERAL], max_wait=None)
        with pytest.raises(RuntimeError, match="closed"):
            store.pause("acct", 1.0)


class TestMemoryBookNow:
    """The memory store's fast path books exactly what ``reserve(max_wait=0)`` would."""

    def test_random_sequences_match_reserve(self) -> None:
        rng = random.Random(20261204)
        budgets = {"g": (3, 0.1), "r": (1, 0.1), "big": (50, 0.2)}
        for _ in range(20):
            fast_clock, slow_clock = Clock(now=5.0), Clock(now=5.0)
            fast, slow = MemoryBudgetStore(clock=fast_clock), MemoryBudgetStore(clock=slow_clock)
            combos = [("g",), ("g", "r"), ("big",), ("g", "big")]
            plans = {c: tuple((n, *budgets[n]) for n in c) for c in combos}
            for step in range(200):
                fast_clock.now = slow_clock.now = fast_clock.now + rng.choice([0, 0, 0.001, 0.03])
                claims = plans[rng.choice(combos)]
                if rng.random() < 0.1:  # a booking ahead, made the slow way, in both stores
                    ahead = rng.choice([0.05, 0.3])
                    assert fast.reserve("k", claims, max_wait=ahead) == slow.reserve(
                        "k", claims, max_wait=ahead
                    )
                    continue
                if rng.random() < 0.02:
                    fast.pause("k", 0.05)
                    slow.pause("k", 0.05)
                booked = fast.book_now("k", claims)
                wait = slow.reserve("k", claims, max_wait=0.0)
                assert booked == (wait is not None), f"step {step}: {claims}"
                assert wait in (None, 0.0)

    def test_a_free_slot_under_a_high_limit_is_booked(self) -> None:
        clock = Clock()
        store = MemoryBudgetStore(clock=clock)
        claims = (("general", 10**9, 1.0),)
        assert all(store.book_now("k", claims) for _ in range(1000))
        assert store.reserve("k", (("general", 1000, 1.0),), max_wait=0.0) is None

    def test_closed_raises(self) -> None:
        store = MemoryBudgetStore(clock=Clock())
        store.close()
        with pytest.raises(RuntimeError, match="closed"):
            store.book_now("k", (GENERAL,))

    def test_bad_claims_are_refused(self) -> None:
        store = MemoryBudgetStore(clock=Clock())
        with pytest.raises(ValueError, match="limit"):
            store.book_now("k", (("general", 0, 1.0),))
