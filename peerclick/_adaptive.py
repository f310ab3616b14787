"""Adapting the local rate to the account's other users: AIMD on a rate factor (pure).

The PeerClick UI and other tools draw on the same per-account budget, so a 429 can come although
the local budget allowed the request. The anchor is botocore's ``adaptive`` retry mode
(``botocore.retries.adaptive`` / ``standard``'s ``ClientRateLimiter``): on a throttle, the allowed
rate is multiplied by ``beta`` (0.7 there, and here); it then grows back while requests succeed.
botocore grows it along a CUBIC curve fitted to the measured send rate; our budget is a small fixed
one (3/s), so a linear step per success is enough and easy to reason about: from the floor back to
the whole budget takes ``(1 - floor) / increase`` successes (18 by default).

A burst of 429s from one event shrinks the rate once, not once per 429: decreases are at least one
window apart (``cooldown``). The factor scales every budget alike; the limiter turns it into a
longer booking window (``window / factor``), so the store needs no notion of it.
"""

from __future__ import annotations

import math

import attrs

__all__ = ["Adaptive"]


@attrs.define
class Adaptive:
    """The current share of the budget this process uses (1.0 = all of it).

    Args:
        beta: multiplicative decrease on a throttle.
        increase: additive increase per successful response.
        floor: the factor never drops below this (the budget never stops).
        cooldown: seconds after a decrease during which further 429s do not decrease again.
    """

    beta: float = 0.7
    increase: float = 0.05
    floor: float = 0.1
    cooldown: float = 1.0
    factor: float = attrs.field(init=False, default=1.0)
    throttles: int = attrs.field(init=False, default=0)
    decreases: int = attrs.field(init=False, default=0)
    _last_decrease: float = attrs.field(init=False, default=-math.inf)

    def on_throttle(self, now: float) -> bool:
        """A 429 came for a request the local budget allowed; True when the rate shrank."""
        self.throttles += 1
        if now - self._last_decrease < self.cooldown:
            return False
        self._last_decrease = now
        self.factor = max(self.floor, self.factor * self.beta)
        self.decreases += 1
        return True

    def on_success(self, now: float) -> None:
        """A response other than 429: grow back toward the whole budget (not during cooldown)."""
        if self.factor < 1.0 and now - self._last_decrease >= self.cooldown:
            self.factor = min(1.0, self.factor + self.increase)
