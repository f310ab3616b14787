"""Budgets in Redis, shared by every machine of an account: one Lua script, Redis's own clock.

The reservation is the one in ``peerclick._budget_store`` (:func:`~peerclick._budget_store.
earliest_slot`), ported line by line to Lua and run as one script, so reading the bookings,
choosing the slot and booking it in every budget is atomic. The script reads Redis ``TIME``: the
hosts' clocks never enter the bookings, so workers whose clocks are 600 ms apart still share one
3/s budget. The wait it returns is in Redis time too, and a wait is a duration, so the caller
just sleeps it.

Why not pyrate-limiter's ``RedisBucket``: it stamps each permit with the *client's* clock
(``time_ns``), answers only "is there room now", and books one bucket per call, so two hosts
600 ms apart let 6 requests through in a second for a 3/s budget, and a report request could not
take its general and report permits together. What we keep of it is the shape: one sorted set
per budget (score = timestamp), trimmed by score, expiring when idle, changed only inside a
script.

Keys: ``<namespace>:{<account key>}:<budget>`` (the braces keep one account's keys in one Redis
Cluster slot), ``...:pause`` and ``...:seq`` (makes members unique). Times are integer
microseconds, exact in Lua's doubles for centuries.

redis-py is optional (``pip install 'peerclick[redis]'``). A Redis that goes away mid-run raises
:class:`peerclick.errors.RateLimiterUnavailableError`: a request is never sent unbudgeted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from peerclick._budget_store import (
    Claim,
    check_claims,
    check_key,
    check_max_wait,
    check_seconds,
    micros_bound,
    micros_claims,
    pause_micros,
    to_micros,
)
from peerclick._stores.urls import check_redis_url, redact
from peerclick.errors import ConfigurationError, RateLimiterUnavailableError

if TYPE_CHECKING:
    import redis

__all__ = ["RedisBudgetStore", "redis_client", "unavailable"]

DEFAULT_NAMESPACE = "peerclick:budget"
DEFAULT_TIMEOUT = 5.0
SEQ_TTL_MS = 86_400_000


def _now_from(argv: int) -> str:
    """Lua setting ``now`` (microseconds): ``ARGV[argv]``, or Redis ``TIME`` when it is -1, so
    the hosts' clocks never decide (tests pass a clock to check the arithmetic exactly)."""
    return (
        f"local now = tonumber(ARGV[{argv}])\n"
        "if now < 0 then\n"
        "  local t = redis.call('TIME')\n"
        "  now = tonumber(t[1]) * 1000000 + tonumber(t[2])\n"
        "end\n"
    )


# KEYS: pause, seq, one sorted set per claim. ARGV: max_wait_us (-1: none), now_us (-1: Redis
# TIME), then limit, period_us per claim. Returns {1, wait_us} or {0, 0} (beyond max_wait).
RESERVE = (
    _now_from(2)
    + """
local max_wait = tonumber(ARGV[1])
local n = #KEYS - 2
local start = now
local paused = redis.call('GET', KEYS[1])
if paused and tonumber(paused) > start then start = tonumber(paused) end
local limits, periods, booked, candidates = {}, {}, {}, {start}
for i = 1, n do
  local limit, period = tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
  limits[i], periods[i] = limit, period
  redis.call('ZREMRANGEBYSCORE', KEYS[2 + i], '-inf', string.format('%.0f', now - period))
  local scores = redis.call('ZRANGE', KEYS[2 + i], 0, -1, 'WITHSCORES')
  local list = {}
  for j = 2, #scores, 2 do
    local b = tonumber(scores[j])
    list[#list + 1] = b
    if b + period > start then candidates[#candidates + 1] = b + period end
  end
  booked[i] = list
end
table.sort(candidates)
local function fits(list, t, limit, period)
  local at = 0
  for j = 1, #list do
    if list[j] <= t then at = j else break end
  end
  local function item(k)
    if k <= at then return list[k] elseif k == at + 1 then return t else return list[k - 1] end
  end
  local first = math.max(1, at + 1 - limit)
  for f = first, at + 1 do
    local l = f + limit
    if l > #list + 1 then break end
    if item(l) - item(f) < period then return false end
  end
  return true
end
local chosen = nil
for c = 1, #candidates do
  local t = candidates[c]
  if max_wait >= 0 and t - now > max_wait then break end
  local ok = true
  for i = 1, n do
    if not fits(booked[i], t, limits[i], periods[i]) then ok = false break end
  end
  if ok then chosen = t break end
end
if not chosen then return {0, 0} end
local seq = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3 + 2 * n])
local score = string.format('%.0f', chosen)
for i = 1, n do
  redis.call('ZADD', KEYS[2 + i], score, score .. ':' .. seq)
  redis.call('PEXPIRE', KEYS[2 + i], math.ceil((chosen - now + periods[i]) / 1000) + 1000)
end
return {1, chosen - now}
"""
)

# KEYS: seq, one sorted set per claim. ARGV: now_us (-1: Redis TIME), seq TTL ms, then period_us
# per claim. Books one more request at now in each set, fitting or not.
OCCUPY = (
    _now_from(1)
    + """
local seq = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local score = string.format('%.0f', now)
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], score, score .. ':' .. seq)
  redis.call('PEXPIRE', KEYS[i], math.ceil(tonumber(ARGV[1 + i]) / 1000) + 1000)
end
return 1
"""
)

# KEYS: pause. ARGV: pause_us, now_us (-1: Redis TIME). Keeps the later of two pauses.
PAUSE = (
    _now_from(2)
    + """
local pause = tonumber(ARGV[1])
local until_us = now + pause
local held = redis.call('GET', KEYS[1])
if (not held) or tonumber(held) < until_us then
  redis.call('SET', KEYS[1], string.format('%.0f', until_us), 'PX', math.ceil(pause / 1000) + 1000)
end
return 1
"""
)


def redis_client(url: str, *, timeout: float) -> redis.Redis:
    """A redis-py client for ``url`` with short, bounded retries, or a ConfigurationError."""
    url = check_redis_url(url)
    try:
        import redis
        from redis.backoff import ExponentialBackoff
        from redis.retry import Retry
    except ImportError:
        raise ConfigurationError(
            f"{redact(url)} needs redis-py, which is not installed: pip install 'peerclick[redis]'"
        ) from None
    try:
        return redis.Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(ExponentialBackoff(cap=0.5, base=0.05), retries=2),
        )
    except ValueError:  # redis-py's own URL checks; its message may quote the URL
        raise ConfigurationError(f"not a usable Redis URL: {redact(url)}") from None


def unavailable(url: str, exc: BaseException) -> RateLimiterUnavailableError:
    """Our error for a failed Redis call; only the exception's class, never its text (URLs)."""
    return RateLimiterUnavailableError(
        f"the Redis rate-limit store {redact(url)} failed ({type(exc).__name__}); "
        "the request was not sent"
    )


class RedisBudgetStore:
    """A BudgetStore in Redis: every process on every machine of an account shares it.

    Args:
        url: ``redis://[user:password@]host[:port][/db]`` or ``rediss://`` for TLS.
        namespace: prefix of every key, so one Redis can hold other data too.
        timeout: seconds for connecting and for each call before
            :class:`~peerclick.errors.RateLimiterUnavailableError`.
        clock: None (the default) reads Redis ``TIME`` inside the script; tests may pass epoch
            seconds to check the script's arithmetic on a fake clock.
    """

    def __init__(
        self,
        url: str,
        *,
        namespace: str = DEFAULT_NAMESPACE,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if not isinstance(namespace, str) or not namespace:
            raise ValueError(f"namespace must be a non-empty str, got {namespace!r}")
        if clock is not None and not callable(clock):
            raise TypeError(f"clock must be None or a callable returning seconds, got {clock!r}")
        self._url = url
        self._namespace = namespace
        self._clock = clock
        self._client = redis_client(url, timeout=check_seconds(timeout))
        self._reserve = self._client.register_script(RESERVE)
        self._pause = self._client.register_script(PAUSE)
        self._occupy = self._client.register_script(OCCUPY)
        self._closed = False

    def reserve(self, key: str, claims: Sequence[Claim], *, max_wait: float | None) -> float | None:
        check_key(key)
        micro_claims = micros_claims(check_claims(claims))
        bound = micros_bound(check_max_wait(max_wait))
        prefix = self._prefix(key)
        keys = [f"{prefix}:pause", f"{prefix}:seq"]
        keys += [f"{prefix}:{name}" for name, _limit, _period in micro_claims]
        args: list[int] = [-1 if bound is None else bound, self._now()]
        for _name, limit, period in micro_claims:
            args += [limit, period]
        args.append(SEQ_TTL_MS)
        local = self._clock or time.monotonic
        asked = local()
        booked, wait = self._call(self._reserve, keys, args)
        if not int(booked):
            return None
        # The wait counts from Redis's TIME; the round trip is added so that it counts from the
        # call, as the caller does: the request can only be a little late, never early.
        return int(wait) / 1_000_000 + max(0.0, local() - asked)

    def occupy(self, key: str, claims: Sequence[Claim]) -> None:
        """One more booking of every claim at Redis's now, fitting or not (see ``BudgetStore``)."""
        check_key(key)
        micro_claims = micros_claims(check_claims(claims))
        prefix = self._prefix(key)
        keys = [f"{prefix}:seq"] + [f"{prefix}:{name}" for name, _limit, _period in micro_claims]
        args = [self._now(), SEQ_TTL_MS] + [period for _name, _limit, period in micro_claims]
        self._call(self._occupy, keys, args)

    def pause(self, key: str, seconds: float) -> None:
        check_key(key)
        pause = pause_micros(check_seconds(seconds))
        self._call(self._pause, [f"{self._prefix(key)}:pause"], [pause, self._now()])

    def close(self) -> None:
        self._closed = True
        self._client.close()

    def _prefix(self, key: str) -> str:
        return f"{self._namespace}:{{{key}}}"

    def _now(self) -> int:
        return -1 if self._clock is None else to_micros(self._clock())

    def _call(self, script: Any, keys: list[str], args: list[int]) -> Any:
        if self._closed:
            raise RuntimeError("this RedisBudgetStore is closed")
        import redis

        try:
            return script(keys=keys, args=args)
        except redis.RedisError as exc:
            raise unavailable(self._url, exc) from None

    def __repr__(self) -> str:
        return f"<RedisBudgetStore {redact(self._url)}>"
