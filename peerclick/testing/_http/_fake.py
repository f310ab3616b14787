"""`FakePeerClick`: the whole fake behind one request handler, plus its httpx transports."""

from __future__ import annotations

import asyncio
import itertools
import math
import random
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import attrs
import httpx

from peerclick.testing._clock import Clock, system_clock
from peerclick.testing._http._api import Call, Route, match_route, parse_json
from peerclick.testing._http._budget import Budget, ServerLimits
from peerclick.testing._http._faults import Fault, Faults, html_error_page
from peerclick.testing._http._recording import RequestRecord, path_matches, query_of
from peerclick.testing._http._sessions import Session, Sessions
from peerclick.testing._schemas import validate
from peerclick.testing._sim._account import Account, Rules
from peerclick.testing._sim._times import iso_utc
from peerclick.testing._wire import ApiError, Reply, error_body, json_reply

__all__ = [
    "DEFAULT_BASE_URL",
    "DEMO_ACCESS_ID",
    "DEMO_ACCESS_KEY",
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "FakePeerClick",
    "Outcome",
]

DEMO_ACCESS_ID = "demo-access-id"
DEMO_ACCESS_KEY = "demo-access-key"
DEMO_EMAIL = "demo@peerclick.test"
DEMO_PASSWORD = "demo-password"
DEFAULT_BASE_URL = "https://api.peerclick.com"
"""The host in-process clients use; the transports ignore it, so any host works."""

DropKind = Literal["read", "protocol", "timeout"]


@attrs.frozen
class Outcome:
    """What to do with a request: answer `reply` after `delay` seconds, or drop the connection."""

    reply: Reply | None
    delay: float = 0.0
    drop: DropKind | None = None


class FakePeerClick:
    """An in-memory, stateful PeerClick that speaks HTTP as openapi/peerclick.yaml describes.

    Args:
        access_keys: Access id to access key, for `POST /auth/access/session`.
        users: Email to password, for `POST /auth/session`.
        clock: Returns epoch seconds; pass a `FakeClock` to control expiry and budgets.
        sleep: How in-process delays wait (default `time.sleep`, and `asyncio.sleep` for async).
        seed: Seed of the synthetic traffic; the same seed gives the same reports.
        demo_data: Start with the demo entities (else only workspace 1 and one domain).
        history_days: Days of traffic the demo campaigns have before the clock's current day.
        token_lifetime: Seconds a session token lives (`expirationTimestamp`).
        rate_limits: Per-account budgets, `ServerLimits` (3/s, reports 1/s); None: no budgets.
        rules: Strictness switches and limits (see `Rules`).
        versions: Accepted version prefixes (`/v1_1/...`, `/v1/...`).
        allow_unversioned: Also serve paths without a prefix (`/report`), as Prism does.
        latency: Seconds every answer takes after the request is counted (network and server).
        jitter: Each answer's latency varies by up to +/- this, from an RNG seeded by `seed`.
    """

    def __init__(
        self,
        *,
        access_keys: Mapping[str, str] | None = None,
        users: Mapping[str, str] | None = None,
        clock: Clock | None = None,
        sleep: Callable[[float], None] | None = None,
        seed: int = 0,
        demo_data: bool = True,
        history_days: int = 60,
        token_lifetime: float = 86400.0,
        rate_limits: ServerLimits | None = ServerLimits(),  # noqa: B008 - frozen value
        rules: Rules = Rules(),  # noqa: B008 - frozen value
        versions: Sequence[str] = ("v1_1", "v1"),
        allow_unversioned: bool = False,
        latency: float = 0.0,
        jitter: float = 0.0,
    ) -> None:
        self.clock: Clock = clock or system_clock
        self._sleep = sleep
        self.seed = seed
        self.rules = rules
        self.rate_limits = rate_limits
        self.versions = tuple(versions)
        self.allow_unversioned = allow_unversioned
        self._history_days = history_days
        self.sessions = Sessions(self.clock, token_lifetime)
        self.faults = Faults()
        self.requests: list[RequestRecord] = []
        self.accounts: dict[str, Account] = {}
        self._access_keys: dict[str, tuple[str, str]] = {}
        self._users: dict[str, tuple[str, str]] = {}
        self._anonymous = Budget(rate_limits) if rate_limits is not None else None
        self._budgets: dict[str, Budget] = {}  # account name -> its budget, when limits are on
        self._lock = threading.RLock()
        self._last_arrival = -math.inf
        self._request_ids = itertools.count(1)
        if not (math.isfinite(latency) and math.isfinite(jitter) and 0 <= jitter <= latency):
            raise ValueError(f"need 0 <= jitter <= latency, got {latency!r} and {jitter!r}")
        self.latency = latency
        self.jitter = jitter
        self._latency_rng = random.Random(seed)
        self.add_account(
            "demo",
            access_keys={DEMO_ACCESS_ID: DEMO_ACCESS_KEY} if access_keys is None else access_keys,
            users={DEMO_EMAIL: DEMO_PASSWORD} if users is None else users,
            demo_data=demo_data,
        )

    def __repr__(self) -> str:
        return f"<FakePeerClick accounts={list(self.accounts)} requests={len(self.requests)}>"

    # -- configuration and test helpers -----------------------------------------------------

    def add_account(
        self,
        name: str,
        *,
        access_keys: Mapping[str, str] | None = None,
        users: Mapping[str, str] | None = None,
        demo_data: bool = True,
    ) -> Account:
        """Add another account with its own credentials, entities, traffic and budget."""
        with self._lock:
            if name in self.accounts:
                raise ValueError(f"account {name!r} already exists")
            account = Account(
                name, user_id=18342 + 1000 * len(self.accounts), seed=self.seed, clock=self.clock,
                rules=self.rules, demo_data=demo_data, history_days=self._history_days,
            )  # fmt: skip
            self.accounts[name] = account
            if self.rate_limits is not None:
                self._budgets[name] = Budget(self.rate_limits)
            self._access_keys.update({k: (v, name) for k, v in (access_keys or {}).items()})
            self._users.update({k: (v, name) for k, v in (users or {}).items()})
            return account

    @property
    def account(self) -> Account:
        """The first (demo) account."""
        return next(iter(self.accounts.values()))

    @property
    def access_id(self) -> str:
        """The first configured access id (`demo-access-id` by default)."""
        return next(iter(self._access_keys))

    @property
    def access_key(self) -> str:
        """The access key of `access_id`."""
        return self._access_keys[self.access_id][0]

    @property
    def email(self) -> str:
        return next(iter(self._users))

    @property
    def password(self) -> str:
        return self._users[self.email][0]

    def login(self, account: str | None = None) -> str:
        """Issue a token directly (no request, no budget): a shortcut for tests."""
        with self._lock:
            return self._issue(account or self.account.name).token

    def revoke(self, token: str) -> bool:
        """Revoke a token; later calls with it get 401."""
        with self._lock:
            return self.sessions.revoke(token)

    def storm(
        self, seconds: float, *, retry_after: int | None = None, path: str | None = None
    ) -> Fault:
        """Answer 429 to every matching request for the next `seconds` of the fake's clock.

        As if another client of the account used the budget: the client's own pacing cannot
        avoid it. With `retry_after`, each 429 carries `Retry-After: <retry_after>`.
        """
        return self.faults.storm(until=self.clock() + seconds, retry_after=retry_after, path=path)

    def arrivals(self, path: str | None = None, *, accepted: bool = True) -> list[float]:
        """Arrival times (the fake's clock) of recorded requests, sorted.

        Args:
            path: only requests to this path and its sub-paths (`"/report"`).
            accepted: only those the budget counted (not answered 429, not dropped).
        """
        with self._lock:
            return sorted(
                r.time for r in self.requests
                if (path is None or path_matches(r.path, path))
                and (not accepted or r.status not in (None, 429))
            )  # fmt: skip

    def busiest_window(self, window: float = 1.0, path: str | None = None) -> int:
        """The most accepted requests that arrived in any window (t - window, t]."""
        times = self.arrivals(path)
        best, first = 0, 0
        for last, t in enumerate(times):
            while times[first] <= t - window:
                first += 1
            best = max(best, last - first + 1)
        return best

    def requests_to(self, path: str, method: str | None = None) -> list[RequestRecord]:
        """Recorded requests to `path` (and its sub-paths), optionally of one method."""
        with self._lock:
            return [
                r for r in self.requests
                if path_matches(r.path, path) and (method is None or r.method == method.upper())
            ]  # fmt: skip

    # -- httpx glue -------------------------------------------------------------------------

    def transport(self) -> httpx.BaseTransport:
        """A sync httpx transport that answers from this fake, in process."""
        return httpx.MockTransport(self.handle_request)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """An async httpx transport that answers from this fake, in process."""
        return httpx.MockTransport(self.handle_async_request)

    def http_client(self, version: str = "v1_1", **kwargs: Any) -> httpx.Client:
        """An `httpx.Client` on the transport with base URL `https://api.peerclick.com/<version>`."""
        return httpx.Client(
            transport=self.transport(), base_url=f"{DEFAULT_BASE_URL}/{version}", **kwargs
        )

    def async_http_client(self, version: str = "v1_1", **kwargs: Any) -> httpx.AsyncClient:
        """The async twin of `http_client`."""
        return httpx.AsyncClient(
            transport=self.async_transport(), base_url=f"{DEFAULT_BASE_URL}/{version}", **kwargs
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request in process (sync); delays sleep, dropped connections raise."""
        outcome = self.handle(request)
        if outcome.delay > 0 and outcome.drop != "timeout":  # a timeout raises at once in process
            (self._sleep or time.sleep)(outcome.delay)
        return _finish(outcome, request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """The async twin of `handle_request`."""
        outcome = self.handle(request)
        if outcome.delay > 0 and outcome.drop != "timeout":
            if self._sleep is not None:
                self._sleep(outcome.delay)
            else:
                await asyncio.sleep(outcome.delay)
        return _finish(outcome, request)

    # -- the request pipeline ---------------------------------------------------------------

    def handle(self, request: httpx.Request) -> Outcome:
        """Decide the answer to one request: faults, routing, auth, budget, then the operation."""
        body = request.read()
        # Stamped at the door, as a real server counts arrivals, not after waiting for the lock
        # behind a slow request; kept monotonic so the budget's sliding windows stay ordered.
        arrived = self.clock()
        with self._lock:
            now = self._last_arrival = max(arrived, self._last_arrival)
            method = request.method.upper()
            version, path = self._split(request.url.path)
            token = request.headers.get("api-token")
            state, session = self.sessions.check(token)
            token_id = session.token_id if session else ("unknown" if token else None)
            account = session.account if session is not None and state == "ok" else None
            route: Route | None = None
            fault = self.faults.take(method, path, now)
            try:
                if fault is not None and fault.kind != "delay":
                    outcome = self._fault(fault, now)
                else:
                    if version is None and not self.allow_unversioned:
                        raise ApiError(404, f"No such endpoint: {request.url.path}")
                    route, params = match_route(method, path)
                    reply, account = self._operate(
                        route, params, request, body, now, state, session
                    )
                    outcome = Outcome(reply)
            except ApiError as error:
                outcome = Outcome(self._error_reply(error, now))
            if fault is not None and fault.kind == "delay":
                outcome = attrs.evolve(outcome, delay=fault.seconds)
            if self.latency > 0:
                spread = self._latency_rng.uniform(-self.jitter, self.jitter)
                outcome = attrs.evolve(outcome, delay=outcome.delay + self.latency + spread)
            self.requests.append(
                RequestRecord(
                    time=now, method=method, path=path, version=version,
                    query=query_of(request.url.params.multi_items()), token_id=token_id,
                    account=account, operation_id=route.operation_id if route else None,
                    status=outcome.reply.status if outcome.reply else None,
                    fault=fault.kind if fault else None,
                )
            )  # fmt: skip
            return outcome

    def _split(self, raw: str) -> tuple[str | None, str]:
        head, _, rest = raw.lstrip("/").partition("/")
        if head in self.versions:
            return head, "/" + rest.rstrip("/")
        return None, "/" + raw.strip("/")

    def _operate(
        self,
        route: Route,
        params: dict[str, str],
        request: httpx.Request,
        body: bytes,
        now: float,
        state: str,
        session: Session | None,
    ) -> tuple[Reply, str | None]:
        if route.public:
            claimed = self._claimed_account(body)
            self._spend(self._budgets.get(claimed) if claimed else self._anonymous, now, route)
            return self._login(route, body, now), claimed
        if state != "ok" or session is None:
            if route.operation_id == "getSession" and session is not None:
                return json_reply(200, {"alive": False, "time": int(now)}), session.account
            reason = {"missing": "api-token header is required", "unknown": "Invalid token"}
            raise ApiError(401, reason.get(state, f"Token {state}"), code="BAD_CREDENTIALS")
        account = self.accounts[session.account]
        self._spend(self._budgets.get(account.name), now, route)
        if route.operation_id == "getSession":
            return json_reply(
                200, self._session_body(session) | {"alive": True, "time": int(now)}
            ), account.name
        if route.operation_id == "deleteSession":
            self.sessions.revoke(session.token)
            return Reply(200), account.name
        assert route.handler is not None
        content_type = request.headers.get("content-type", "")
        call = Call(route.method, params, request.url.params, body, content_type, now, account)
        return route.handler(call), account.name

    def _spend(self, budget: Budget | None, now: float, route: Route) -> None:
        if budget is None:
            return
        wait = budget.try_acquire(now, report=route.report)
        if wait is not None:
            scope = "report requests" if route.report else "requests"
            raise ApiError(
                429, f"Too many {scope}; retry in {wait} s", headers={"Retry-After": str(wait)}
            )

    def _claimed_account(self, body: bytes) -> str | None:
        try:
            data = parse_json(body)
        except ApiError:
            return None
        if not isinstance(data, dict):
            return None
        entry = self._access_keys.get(str(data.get("accessId"))) or self._users.get(
            str(data.get("email"))
        )
        return entry[1] if entry else None

    def _login(self, route: Route, body: bytes, now: float) -> Reply:
        data = parse_json(body)
        if route.operation_id == "createAccessSession":
            validate("AccessSessionRequest", data)
            entry = self._access_keys.get(data["accessId"])
            secret = data["accessKey"]
        else:
            validate("SessionRequest", data)
            entry = self._users.get(data["email"])
            secret = data["password"]
        if entry is None or not secrets.compare_digest(entry[0].encode(), str(secret).encode()):
            raise ApiError(401, "Bad credentials", code="BAD_CREDENTIALS")
        session = self._issue(entry[1])
        return json_reply(200, {"token": session.token, **self._session_body(session)})

    def _issue(self, account: str) -> Session:
        session = self.sessions.issue(account)
        session.inaugural = self.accounts[account].sessions_started == 0
        self.accounts[account].sessions_started += 1
        return session

    def _session_body(self, session: Session) -> dict[str, Any]:
        return {"expirationTimestamp": iso_utc(session.expires), "inaugural": session.inaugural}

    def _fault(self, fault: Fault, now: float) -> Outcome:
        if fault.kind in ("drop", "timeout"):
            drop: DropKind = "timeout" if fault.kind == "timeout" else fault.error
            return Outcome(None, delay=fault.seconds if fault.kind == "timeout" else 0.0, drop=drop)
        if fault.kind == "html":
            page = html_error_page(fault.status)
            return Outcome(
                Reply(fault.status, page, {"content-type": "text/html", "server": "nginx"})
            )
        headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
        description = (
            "Too many requests" if fault.status == 429 else f"Injected {fault.status} error"
        )
        return Outcome(self._error_reply(ApiError(fault.status, description, headers=headers), now))

    def _error_reply(self, error: ApiError, now: float) -> Reply:
        request_id = f"fake-{next(self._request_ids):08d}"
        return json_reply(
            error.status, error_body(error, request_id=request_id, time=iso_utc(now)), error.headers
        )


def _finish(outcome: Outcome, request: httpx.Request) -> httpx.Response:
    if outcome.drop == "read":
        raise httpx.ReadError(
            "Connection reset by peer (injected by FakePeerClick)", request=request
        )
    if outcome.drop == "protocol":
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a response (injected by FakePeerClick)",
            request=request,
        )
    if outcome.drop == "timeout":
        raise httpx.ReadTimeout("Timed out (injected by FakePeerClick)", request=request)
    assert outcome.reply is not None
    reply = outcome.reply
    return httpx.Response(
        reply.status, headers=dict(reply.headers), content=reply.body, request=request
    )
