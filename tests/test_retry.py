"""The retry layer: which failures are resent, how long it waits, and what it cleans up.

Every transport test runs twice, through RetryTransport and AsyncRetryTransport, with a fake sleep
that records the delays (nothing really sleeps) and a fixed clock.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import attrs
import httpx
import pytest

from peerclick._retry import (
    AsyncRetryTransport,
    RetryPolicy,
    RetryTransport,
    parse_retry_after,
    retry_after_from_headers,
    retry_delay,
)

NOW = 1_700_000_000.0
NO_JITTER = RetryPolicy(jitter=0)
URL = "https://api.peerclick.test/v1_1/campaign?api-token=SECRET-IN-QUERY"

Step = int | tuple[int, dict[str, str]] | type[httpx.TransportError]


def http_date(offset: float) -> str:
    return email.utils.formatdate(NOW + offset, usegmt=True)


class CountingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that counts how often it is closed (sync or async)."""

    def __init__(self) -> None:
        self.closes = 0

    def __iter__(self) -> Iterator[bytes]:
        yield b"{}"

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"{}"

    def close(self) -> None:
        self.closes += 1

    async def aclose(self) -> None:
        self.closes += 1


class Script:
    """A MockTransport handler answering each attempt with the next step (the last one repeats)."""

    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)
        self.bodies: list[bytes] = []
        self.responses: list[httpx.Response] = []
        self.streams: list[CountingStream] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(request.content)
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, type):
            raise step("scripted failure", request=request)
        status, headers = step if isinstance(step, tuple) else (step, {})
        stream = CountingStream()
        response = httpx.Response(status, headers=headers, stream=stream)
        self.responses.append(response)
        self.streams.append(stream)
        return response

    @property
    def attempts(self) -> int:
        return len(self.bodies)


@attrs.define
class Outcome:
    response: httpx.Response | None
    error: httpx.TransportError | None
    sleeps: list[float]
    script: Script


Send = Callable[..., Outcome]


@pytest.fixture(params=["sync", "async"])
def send(request: pytest.FixtureRequest) -> Send:
    """Send one request through the flavour's retry transport over a Script."""
    flavour: str = request.param

    def run(
        method: str, script: Script, *, policy: RetryPolicy = NO_JITTER, **kwargs: Any
    ) -> Outcome:
        sleeps: list[float] = []
        req = httpx.Request(method, URL, **kwargs)
        options: dict[str, Any] = {"now": lambda: NOW, "rng": lambda: 0.0}
        try:
            if flavour == "sync":
                sync = RetryTransport(
                    httpx.MockTransport(script), policy, sleep=sleeps.append, **options
                )
                return Outcome(sync.handle_request(req), None, sleeps, script)

            async def fake_sleep(delay: float) -> None:
                sleeps.append(delay)

            transport = AsyncRetryTransport(
                httpx.MockTransport(script), policy, sleep=fake_sleep, **options
            )
            response = asyncio.run(transport.handle_async_request(req))
            return Outcome(response, None, sleeps, script)
        except httpx.TransportError as exc:
            return Outcome(None, exc, sleeps, script)

    return run


class TestRetryPolicy:
    def test_defaults(self) -> None:
        """The documented defaults."""
        policy = RetryPolicy()
        assert (policy.max_retries, policy.backoff_base, policy.backoff_max) == (3, 0.5, 8.0)
        assert (policy.max_retry_after, policy.jitter) == (120.0, 0.25)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("max_retries", -1),
            ("max_retries", 1.5),
            ("max_retries", True),
            ("backoff_base", -0.1),
            ("backoff_max", float("inf")),
            ("max_retry_after", "120"),
            ("jitter", 1.5),
            ("jitter", float("nan")),
        ],
    )
    def test_rejects_bad_values(self, field: str, value: object) -> None:
        """Each bad value raises a ValueError naming the field."""
        with pytest.raises(ValueError, match=f"RetryPolicy.{field}"):
            RetryPolicy(**{field: value})  # type: ignore[arg-type]


class TestParseRetryAfter:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2", 2.0),
            (" 30 ", 30.0),
            ("1.5", 1.5),
            ("0", 0.0),
            (http_date(45), 45.0),
            (http_date(-60), 0.0),  # a date in the past: go now
            ("Tue, 14 Nov 2023 22:13:20", 0.0),  # no zone: read as GMT (that is NOW itself)
            ("soon", None),
            ("", None),
            ("-5", None),
            ("nan", None),
            ("inf", None),
        ],
    )
    def test_table(self, value: str, expected: float | None) -> None:
        """Delta-seconds and HTTP dates are read; garbage gives None."""
        assert parse_retry_after(value, NOW) == expected

    def test_milliseconds_header_wins(self) -> None:
        """retry-after-ms is preferred when it is readable, ignored when it is not."""
        both = httpx.Headers({"retry-after-ms": "250", "retry-after": "9"})
        assert retry_after_from_headers(both, NOW) == 0.25
        bad_ms = httpx.Headers({"retry-after-ms": "x", "retry-after": "9"})
        assert retry_after_from_headers(bad_ms, NOW) == 9.0
        assert retry_after_from_headers(httpx.Headers(), NOW) is None


def delay_for(
    method: str,
    *,
    status: int | None = None,
    headers: dict[str, str] | None = None,
    exc: type[httpx.TransportError] | None = None,
    attempt: int = 0,
    policy: RetryPolicy = NO_JITTER,
    rng: Callable[[], float] = lambda: 0.0,
) -> float | None:
    request = httpx.Request(method, URL)
    response = httpx.Response(status, headers=headers) if status is not None else None
    error = exc("x", request=request) if exc is not None else None
    return retry_delay(
        method, attempt, response=response, exc=error, policy=policy, now=NOW, rng=rng
    )


class TestRetryDelay:
    @pytest.mark.parametrize(
        ("method", "status", "retried"),
        [
            ("POST", 429, True),
            ("PATCH", 429, True),
            ("GET", 429, True),
            ("GET", 500, True),
            ("HEAD", 502, True),
            ("OPTIONS", 503, True),
            ("PUT", 504, True),
            ("DELETE", 503, True),
            ("POST", 500, False),
            ("POST", 503, False),
            ("PATCH", 503, False),
            ("GET", 501, False),
            ("GET", 400, False),
            ("GET", 401, False),
            ("GET", 404, False),
            ("GET", 200, False),
        ],
    )
    def test_statuses(self, method: str, status: int, retried: bool) -> None:
        """429 for every method; 500/502/503/504 for idempotent methods only."""
        assert (delay_for(method, status=status) is not None) is retried

    @pytest.mark.parametrize(
        ("method", "exc", "retried"),
        [
            ("POST", httpx.ConnectError, True),
            ("POST", httpx.ConnectTimeout, False),
            ("POST", httpx.PoolTimeout, False),
            ("POST", httpx.ReadTimeout, False),
            ("POST", httpx.WriteTimeout, False),
            ("POST", httpx.ReadError, False),
            ("POST", httpx.WriteError, False),
            ("POST", httpx.RemoteProtocolError, False),
            ("GET", httpx.ReadTimeout, False),
            ("GET", httpx.ConnectTimeout, False),
            ("PUT", httpx.ReadError, True),
            ("DELETE", httpx.RemoteProtocolError, True),
            ("GET", httpx.LocalProtocolError, False),
            ("GET", httpx.UnsupportedProtocol, False),
        ],
    )
    def test_errors(self, method: str, exc: type[httpx.TransportError], retried: bool) -> None:
        """Errors before sending retry every method; errors after it only idempotent ones."""
        assert (delay_for(method, exc=exc) is not None) is retried

    def test_retry_after_is_honoured_up_to_the_cap(self) -> None:
        """Retry-After is the delay; above max_retry_after there is no retry at all."""
        assert delay_for("POST", status=429, headers={"Retry-After": "120"}) == 120.0
        assert delay_for("POST", status=429, headers={"Retry-After": "121"}) is None
        assert delay_for("GET", status=503, headers={"Retry-After": http_date(7)}) == 7.0
        assert delay_for("GET", status=503, headers={"Retry-After": http_date(600)}) is None

    def test_garbage_retry_after_falls_back_to_backoff(self) -> None:
        """An unreadable Retry-After is treated as absent."""
        assert delay_for("GET", status=429, headers={"Retry-After": "later"}) == 0.5

    def test_backoff_grows_and_is_capped(self) -> None:
        """Without Retry-After: base * 2**n, capped at backoff_max."""
        policy = RetryPolicy(max_retries=100, backoff_base=1, backoff_max=5, jitter=0)
        delays = [delay_for("GET", status=503, attempt=n, policy=policy) for n in range(6)]
        assert delays == [1, 2, 4, 5, 5, 5]
        assert delay_for("GET", status=503, attempt=99, policy=policy) == 5

    def test_jitter_takes_off_at_most_its_share(self) -> None:
        """jitter=0.5 keeps each delay between half and all of the backoff."""
        policy = RetryPolicy(backoff_base=2, jitter=0.5)
        assert delay_for("GET", status=503, policy=policy, rng=lambda: 0.0) == 2.0
        assert delay_for("GET", status=503, policy=policy, rng=lambda: 0.5) == 1.5
        assert delay_for("GET", status=503, policy=policy, rng=lambda: 0.999) == pytest.approx(
            1.001
        )

    def test_attempts_are_bounded(self) -> None:
        """No delay once max_retries retries were made, whatever the cause."""
        policy = RetryPolicy(max_retries=2)
        assert delay_for("GET", status=503, attempt=1, policy=policy) is not None
        assert delay_for("GET", status=503, attempt=2, policy=policy) is None
        assert delay_for("POST", exc=httpx.ConnectError, attempt=2, policy=policy) is None
        assert delay_for("GET", status=429, attempt=0, policy=RetryPolicy(max_retries=0)) is None


class TestRetryTransport:
    def test_429_is_retried_for_post_after_retry_after(self, send: Send) -> None:
        """A POST refused with 429 is resent after the delay the server asked for."""
        out = send("POST", Script((429, {"Retry-After": "2"}), 201), json={"name": "x"})
        assert out.response is not None and out.response.status_code == 201
        assert out.sleeps == [2.0]
        assert out.script.attempts == 2

    def test_429_with_http_date(self, send: Send) -> None:
        """An HTTP-date Retry-After becomes seconds from now."""
        out = send("GET", Script((429, {"Retry-After": http_date(3)}), 200))
        assert out.sleeps == [3.0]

    def test_retry_after_above_the_cap_returns_the_429(self, send: Send) -> None:
        """The server asked for longer than max_retry_after: give up at once, no early resend."""
        out = send("GET", Script((429, {"Retry-After": "121"}), 200))
        assert out.response is not None and out.response.status_code == 429
        assert out.response.headers["Retry-After"] == "121"
        assert out.sleeps == []
        assert out.script.attempts == 1

    @pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
    def test_5xx_is_retried_for_idempotent_methods(self, send: Send, method: str) -> None:
        """GET, PUT and DELETE are resent after a 5xx."""
        out = send(method, Script(500, 502, 504, 200))
        assert out.response is not None and out.response.status_code == 200
        assert out.script.attempts == 4

    def test_5xx_is_not_retried_for_post(self, send: Send) -> None:
        """A POST the server may have acted on is never resent."""
        out = send("POST", Script(503, 200), json={"name": "x"})
        assert out.response is not None and out.response.status_code == 503
        assert out.script.attempts == 1 and out.sleeps == []

    def test_read_timeout_is_not_retried_for_post(self, send: Send) -> None:
        """A POST that timed out reading the answer may have been processed: re-raise."""
        out = send("POST", Script(httpx.ReadTimeout, 200), json={"name": "x"})
        assert isinstance(out.error, httpx.ReadTimeout)
        assert out.script.attempts == 1

    def test_a_timeout_is_not_resent_even_for_get(self, send: Send) -> None:
        """A timed-out attempt used the caller's whole timeout; resending would multiply it."""
        out = send("GET", Script(httpx.ReadTimeout, 200))
        assert isinstance(out.error, httpx.ReadTimeout)
        assert out.sleeps == []

    def test_a_read_error_on_get_is_resent(self, send: Send) -> None:
        """A reset while reading a GET's body is resent (the body is read below this layer)."""
        out = send("GET", Script(httpx.ReadError, 200))
        assert out.response is not None and out.response.status_code == 200
        assert out.sleeps == [0.5]

    @pytest.mark.parametrize("exc", [httpx.ConnectError])
    def test_connect_errors_are_retried_for_post(
        self, send: Send, exc: type[httpx.TransportError]
    ) -> None:
        """Nothing left the machine, so even a POST is resent."""
        out = send("POST", Script(exc, 201), json={"name": "x"})
        assert out.response is not None and out.response.status_code == 201
        assert out.script.attempts == 2

    def test_attempts_are_bounded_and_the_last_response_returned(self, send: Send) -> None:
        """max_retries=3: four attempts, then the last 503 is handed up."""
        out = send("GET", Script(503))
        assert out.response is not None and out.response.status_code == 503
        assert out.script.attempts == 4
        assert len(out.sleeps) == 3

    def test_the_last_error_is_reraised_when_exhausted(self, send: Send) -> None:
        """After the last attempt the httpx exception itself propagates."""
        out = send("POST", Script(httpx.ConnectError), policy=RetryPolicy(max_retries=2))
        assert isinstance(out.error, httpx.ConnectError)
        assert out.script.attempts == 3

    def test_backoff_grows_and_is_capped(self, send: Send) -> None:
        """The recorded sleeps double from backoff_base up to backoff_max."""
        policy = RetryPolicy(max_retries=5, backoff_base=1, backoff_max=4, jitter=0)
        out = send("GET", Script(503), policy=policy)
        assert out.sleeps == [1, 2, 4, 4, 4]

    def test_max_retries_zero_turns_retrying_off(self, send: Send) -> None:
        """A policy with no retries sends once."""
        out = send("GET", Script(503, 200), policy=RetryPolicy(max_retries=0))
        assert out.script.attempts == 1

    @pytest.mark.parametrize("status", [400, 401, 404, 409, 422])
    def test_client_errors_are_not_retried(self, send: Send, status: int) -> None:
        """4xx other than 429 are final."""
        out = send("GET", Script(status, 200))
        assert out.script.attempts == 1

    def test_discarded_responses_are_closed(self, send: Send) -> None:
        """Every answer that is retried is closed; the one returned is left to the caller."""
        out = send("GET", Script(503, (429, {"Retry-After": "1"}), 502, 200))
        *discarded, final = out.script.streams
        assert [s.closes for s in discarded] == [1, 1, 1]
        assert out.response is out.script.responses[-1]
        assert final.closes == 0

    def test_retries_are_logged_without_query_or_headers(
        self, send: Send, caplog: pytest.LogCaptureFixture
    ) -> None:
        """One debug line per retry with method, path, attempt, reason and delay; no secrets."""
        caplog.set_level(logging.DEBUG, logger="peerclick")
        send("GET", Script(503, httpx.ReadError, 200), headers={"api-token": "SECRET-HEADER"})
        lines = [r.getMessage() for r in caplog.records if r.name == "peerclick"]
        assert lines == [
            "retrying GET /v1_1/campaign after 503: retry 1 of 3 in 0.50s",
            "retrying GET /v1_1/campaign after ReadError: retry 2 of 3 in 1.00s",
        ]
        assert "SECRET" not in caplog.text


class TestBodyReplay:
    def test_put_json_body_is_resent_byte_for_byte(self) -> None:
        """Through a real client, each attempt of a PUT carries the same bytes."""
        script = Script(503, 502, 200)
        transport = RetryTransport(httpx.MockTransport(script), NO_JITTER, sleep=lambda _: None)
        with httpx.Client(transport=transport, base_url="https://api.peerclick.test") as client:
            response = client.put("/campaign/7", json={"name": "Ünïcode", "cost": 1.5})
        assert response.status_code == 200
        assert len(script.bodies) == 3
        assert len(set(script.bodies)) == 1
        assert json.loads(script.bodies[0]) == {"name": "Ünïcode", "cost": 1.5}

    def test_streamed_body_is_buffered_and_replayed(self) -> None:
        """A one-shot iterator body is read once and resent whole."""
        script = Script(503, 200)
        transport = RetryTransport(httpx.MockTransport(script), NO_JITTER, sleep=lambda _: None)

        def chunks() -> Iterator[bytes]:
            yield b"a,b\n"
            yield b"1,2\n"

        with httpx.Client(transport=transport, base_url="https://api.peerclick.test") as client:
            client.put("/conversion", content=chunks())
        assert script.bodies == [b"a,b\n1,2\n", b"a,b\n1,2\n"]

    async def test_async_put_json_body_is_resent_byte_for_byte(self) -> None:
        """The async twin replays the same bytes."""
        script = Script(503, 200)

        async def no_sleep(_: float) -> None:
            return None

        transport = AsyncRetryTransport(httpx.MockTransport(script), NO_JITTER, sleep=no_sleep)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://api.peerclick.test"
        ) as client:
            response = await client.put("/campaign/7", json={"name": "x"})
        assert response.status_code == 200
        assert script.bodies == [b'{"name":"x"}', b'{"name":"x"}']

    async def test_async_streamed_body_is_buffered_and_replayed(self) -> None:
        """A one-shot async iterator body is read once and resent whole."""
        script = Script(503, 200)

        async def no_sleep(_: float) -> None:
            return None

        async def chunks() -> AsyncIterator[bytes]:
            yield b"a,b\n"
            yield b"1,2\n"

        transport = AsyncRetryTransport(httpx.MockTransport(script), NO_JITTER, sleep=no_sleep)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://api.peerclick.test"
        ) as client:
            await client.put("/conversion", content=chunks())
        assert script.bodies == [b"a,b\n1,2\n", b"a,b\n1,2\n"]


class _Inner(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self.closed = 0

    def close(self) -> None:
        self.closed += 1

    async def aclose(self) -> None:
        self.closed += 1


class TestClose:
    def test_close_passes_through(self) -> None:
        """Closing the wrapper closes the wrapped transport."""
        inner = _Inner()
        RetryTransport(inner).close()
        assert inner.closed == 1

    async def test_aclose_passes_through(self) -> None:
        """The async twin passes aclose through."""
        inner = _Inner()
        await AsyncRetryTransport(inner).aclose()
        assert inner.closed == 1


class TestOverallTimeBound:
    """`give_up_after`: no resend starts, nor a wait that would end, past the bound."""

    def test_delay_that_would_end_past_the_bound_stops(self) -> None:
        policy = RetryPolicy(max_retries=10, give_up_after=5.0, jitter=0.0)
        args: dict[str, Any] = {"policy": policy, "now": NOW, "rng": lambda: 0.0}
        response = httpx.Response(503)
        assert retry_delay("GET", 0, response=response, elapsed=4.0, **args) == 0.5
        assert retry_delay("GET", 0, response=response, elapsed=4.6, **args) is None

    def test_the_loop_stops_at_the_bound_on_an_injected_clock(self) -> None:
        """With a clock that the fake sleep advances, ten 503s stop after about 5 s of waits."""
        clock = [0.0]
        sleeps: list[float] = []

        def sleep(delay: float) -> None:
            sleeps.append(delay)
            clock[0] += delay

        policy = RetryPolicy(max_retries=10, give_up_after=5.0, jitter=0.0, backoff_max=2.0)
        script = Script(*([503] * 11))
        transport = RetryTransport(
            httpx.MockTransport(script),
            policy,
            sleep=sleep,
            now=lambda: NOW,
            rng=lambda: 0.0,
            monotonic=lambda: clock[0],
        )
        response = transport.handle_request(httpx.Request("GET", URL))
        assert response.status_code == 503
        assert sleeps == [0.5, 1.0, 2.0]  # a fourth wait (2.0) would end at 5.5 s
        assert sum(sleeps) <= 5.0

    def test_the_login_is_resent_like_an_idempotent_method(self) -> None:
        from peerclick._redact import LOGIN_EXTENSION

        policy = RetryPolicy(jitter=0.0)
        args: dict[str, Any] = {"policy": policy, "now": NOW, "rng": lambda: 0.0}
        assert retry_delay("POST", 0, response=httpx.Response(503), **args) is None
        delay = retry_delay("POST", 0, response=httpx.Response(503), replayable=True, **args)
        assert delay == 0.5
        login = httpx.Request("POST", URL, extensions={LOGIN_EXTENSION: True})
        sleeps: list[float] = []
        transport = RetryTransport(
            httpx.MockTransport(Script(503, httpx.ReadError, 200)),
            policy,
            sleep=sleeps.append,
            now=lambda: NOW,
            rng=lambda: 0.0,
        )
        assert transport.handle_request(login).status_code == 200
        assert sleeps == [0.5, 1.0]


class TestEachAttemptGetsTheWholeTimeout:
    def test_a_retry_after_a_slow_broken_body_starts_from_the_callers_timeout(self) -> None:
        """The body layer clamps socket timeouts to the time left; a resend starts afresh."""
        from peerclick._body import BodyTransport

        clock = [0.0]
        seen: list[float] = []

        class Broken(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                yield b'{"a": '
                raise httpx.ReadError("reset")

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request.extensions["timeout"]["read"])
            if len(seen) == 1:
                clock[0] += 4.0  # the first attempt's headers took 4 of its 10 seconds
                return httpx.Response(200, stream=Broken())
            return httpx.Response(200, json={"a": 1})

        body = BodyTransport(httpx.MockTransport(handler), monotonic=lambda: clock[0])
        retrying = RetryTransport(body, NO_JITTER, sleep=lambda _s: None, rng=lambda: 0.0)
        request = httpx.Request("GET", URL, extensions={"timeout": httpx.Timeout(10.0).as_dict()})
        response = retrying.handle_request(request)
        assert response.json() == {"a": 1}
        assert seen == [10.0, 10.0]
