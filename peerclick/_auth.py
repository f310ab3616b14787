"""SessionAuth: the PeerClick session-token lifecycle as an httpx.Auth.

- The first request logs in (access key, or email + password) through the generated session
  operation's request builder; the login request is yielded from the flow, so it passes through
  the same layers as every other request: the closed check, limits, retries (a login creates
  nothing, so it is resent on 5xx and connection errors like an idempotent method), the body
  reader with its deadline (the login copies the caller's ``timeout`` extension), typed errors.
- Only requests to the base URL's origin (scheme, host, port) get the token or can trigger a
  login; a request to another origin (an absolute URL through ``pc.api``'s httpx client) passes
  untouched, and its 401 is an ordinary AuthenticationError.
- The token's expiry comes from the login response (``expirationTimestamp``) when readable, else
  from the configured lifetime (also when the announced expiry is already past by our clock:
  skew). Out-of-range, non-finite or unparseable values count as unreadable.
  The token is renewed ``refresh_margin`` seconds before it expires, but never earlier than
  ``MARGIN_FRACTION`` of its lifetime: a 300 s token is not renewed before every request.
- A 401 on an authenticated request discards that token only, logs in again (or takes the fresh
  token another worker saved) and resends once; a second 401 raises AuthenticationError. A 401 on
  the login itself means the credentials were refused. Every such error carries the status, the
  scrubbed body and a redacted request.
- Single flight: one lock per flavour (threading for sync, anyio for async), then, with a
  ``token_store`` (contract C4), ``store.lock(key)`` around "load again, else log in and save":
  many workers of one account log in once, sync or async. The store's lock is a blocking context
  manager; the async flavour holds it in a thread of its own, so the event loop never blocks on
  another worker's login and two clients of one loop cannot deadlock.
- The token logic is written once, in the I/O-free generator ``auth_flow``; the sync and async
  drivers only send its requests and map its lock steps to their locks (httpx's own pattern).
- A fixed ``token=`` is sent as is and never renewed.
"""

from __future__ import annotations

import contextlib
import enum
import math
import re
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import attrs
import httpx

from peerclick._config import DEFAULT_TOKEN_LIFETIME, Credentials
from peerclick._extensions import AUTH_EXTENSION, PARSED_JSON
from peerclick._logging import logger
from peerclick._redact import LOGIN_EXTENSION, Secrets, redact_request
from peerclick._token_store import StoredToken, TokenStore, token_key
from peerclick._transport import origin_of
from peerclick.errors import ResponseValidationError, error_for_response, parse_body

if TYPE_CHECKING:
    import anyio  # the async paths import it when they run: sync users never load it

__all__ = ["MARGIN_FRACTION", "TOKEN_HEADER", "SessionAuth", "is_header_safe", "parse_expiry"]

TOKEN_HEADER = "api-token"
DEFAULT_REFRESH_MARGIN = 300.0
#: The renewal margin never exceeds this share of the token's lifetime.
MARGIN_FRACTION = 0.1
#: Announced lifetimes above this are not believed (1e20, a misread unit, ...).
_MAX_LIFETIME = 10 * 366 * 86400.0
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")


def is_header_safe(value: str) -> bool:
    """True when `value` can be sent as a header value unchanged (visible ASCII, no CR/LF)."""
    return bool(_HEADER_SAFE.fullmatch(value))


@attrs.define
class _Session:
    token: str = attrs.field(repr=False)
    expires_at: float | None  # None: never expires on our side (a fixed token)
    margin: float = 0.0


def parse_expiry(value: object) -> float | None:
    """Epoch seconds from an ISO-8601 string or epoch seconds/milliseconds; None when unreadable.

    Non-finite, negative, zero and absurdly large numbers, and strings that parse as neither a
    number nor a date, are unreadable (never an exception).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            return _iso_expiry(text)
    if not isinstance(value, int | float):
        return None
    seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        return None
    if seconds > 1e11:  # milliseconds
        seconds /= 1000.0
    return seconds if seconds < 1e11 else None


def _iso_expiry(text: str) -> float | None:
    from dateutil.parser import isoparse  # only when a server announces an ISO expiry

    try:
        parsed = isoparse(text)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.timestamp()
    except (ValueError, OverflowError, OSError):
        return None


class SessionAuth(httpx.Auth):
    """Adds `api-token` to requests for the base URL's origin; obtains and renews the token."""

    requires_request_body = True  # the request is resent after a 401
    requires_response_body = True  # the login response is read inside the flow

    def __init__(
        self,
        credentials: Credentials,
        base_url: httpx.URL,
        *,
        token_lifetime: float = DEFAULT_TOKEN_LIFETIME,
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
        clock: Callable[[], float] = time.time,
        token_store: TokenStore | None = None,
        secrets: Secrets | None = None,
    ) -> None:
        for name, value in (("token_lifetime", token_lifetime), ("refresh_margin", refresh_margin)):
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
            ):
                raise TypeError(f"{name} must be a finite number of seconds, got {value!r}")
        if token_lifetime <= 0:
            raise ValueError(f"token_lifetime must be > 0 seconds, got {token_lifetime!r}")
        if refresh_margin < 0:
            raise ValueError(f"refresh_margin must be >= 0 seconds, got {refresh_margin!r}")
        self._credentials = credentials
        self._base = str(base_url).rstrip("/")
        self._origin = origin_of(httpx.URL(self._base))
        self._lifetime = float(token_lifetime)
        self._margin = float(refresh_margin)
        self._clock = clock
        self._store = token_store if credentials.refreshable else None
        origin = "{}://{}:{}".format(*self._origin)
        self.store_key = token_key(origin, credentials.kind, credentials.identity)
        self.secrets = secrets if secrets is not None else Secrets()
        self.secrets.add(credentials.secret)
        self._session: _Session | None = None
        if credentials.kind == "token":
            self._session = _Session(credentials.secret, None)
        self._thread_lock = threading.Lock()
        self._async_lock: anyio.Lock | None = None
        self.logins = 0  # how many session requests were sent (observability, tests)

    def __repr__(self) -> str:
        who = self._credentials.identity or "fixed token"
        return f"<SessionAuth {self._credentials.kind} {who}>"

    # ------------------------------------------------------------------ I/O-free helpers
    @property
    def token_expires_at(self) -> float | None:
        """Epoch seconds at which the current token expires (None: none yet, or fixed)."""
        return self._session.expires_at if self._session else None

    def _ours(self, request: httpx.Request) -> bool:
        return origin_of(request.url) == self._origin

    def _fresh(self, session: _Session | None) -> str | None:
        if session is None:
            return None
        if session.expires_at is not None and self._clock() >= session.expires_at - session.margin:
            return None
        return session.token

    def _valid_token(self) -> str | None:
        """The token to use now (ours, else the store's), or None when a login is due."""
        token = self._fresh(self._session)
        if token is not None or self._store is None:
            return token
        stored = self._store.load(self.store_key)
        if stored is None:
            return None
        lifetime = stored.expires_at - self._clock()
        session = _Session(stored.token, stored.expires_at, self._margin_for(lifetime))
        token = self._fresh(session)
        if token is not None:
            self.secrets.add(token)
            self._session = session
        return token

    def _margin_for(self, lifetime: float) -> float:
        return max(0.0, min(self._margin, MARGIN_FRACTION * lifetime))

    def invalidate(self, token: str | None = None) -> None:
        """Forget the token (only if it is still `token`, when given): the next request logs in."""
        if not self._credentials.refreshable:
            return
        current = self._session.token if self._session is not None else None
        if token is None or current == token:
            self._session = None
        failed = token if token is not None else current
        if self._store is not None and failed is not None:
            self._store.discard(self.store_key, failed)

    def _store_lock(self) -> contextlib.AbstractContextManager[None]:
        return self._store.lock(self.store_key) if self._store else contextlib.nullcontext()

    def _login_request(self, original: httpx.Request) -> httpx.Request:
        # Imported on the first login: the generated operations load every generated model, which
        # would double the time of `import peerclick`.
        from peerclick_api.api.auth import create_access_session, create_session
        from peerclick_api.models import AccessSessionRequest, SessionRequest

        creds = self._credentials
        if creds.kind == "access_key":
            kwargs = create_access_session._get_kwargs(
                body=AccessSessionRequest(access_id=creds.identity or "", access_key=creds.secret)
            )
        elif creds.kind == "password":
            kwargs = create_session._get_kwargs(
                body=SessionRequest(email=creds.identity or "", password=creds.secret)
            )
        else:  # pragma: no cover - guarded by the callers
            raise AssertionError("a fixed token does not log in")
        self.logins += 1
        logger.debug("requesting a session token (%s)", creds.kind)
        extensions: dict[str, object] = {LOGIN_EXTENSION: True, AUTH_EXTENSION: True}
        if "timeout" in original.extensions:  # the caller's deadline covers the login too
            extensions["timeout"] = dict(original.extensions["timeout"])
        return httpx.Request(
            kwargs["method"].upper(),
            self._base + kwargs["url"],
            json=kwargs.get("json"),
            headers=kwargs.get("headers"),
            extensions=extensions,
        )

    def _error(self, response: httpx.Response, request: httpx.Request, note: str) -> Exception:
        return error_for_response(
            response, note=note, request=redact_request(request), scrub=self.secrets.scrub
        )

    def _accept_login(self, response: httpx.Response) -> str:
        """Keep the token from a login response, or raise a typed error without any secret."""
        request = response.request
        if response.status_code == 401:
            raise self._error(response, request, "the PeerClick credentials were refused")
        if not response.is_success:  # pragma: no cover - the transport raised it already
            raise self._error(response, request, "while requesting a session token")
        if PARSED_JSON in response.extensions:
            body = response.extensions[PARSED_JSON]
        else:  # SessionAuth used without peerclick's transport layers
            body = parse_body(response)
        token = body.get("token") if isinstance(body, dict) else None
        if not isinstance(body, dict) or not isinstance(token, str) or not is_header_safe(token):
            what = "no token" if not isinstance(token, str) or not token else "an unusable token"
            raise ResponseValidationError(
                f"{request.method} {request.url.path} answered {response.status_code}: "
                f"the session response has {what}",
                status_code=response.status_code,
                request=redact_request(request),
            )
        self.secrets.add(token)
        now = self._clock()
        lifetime = self._announced_lifetime(body, response, now)
        expires_at = now + lifetime
        self._session = _Session(token, expires_at, self._margin_for(lifetime))
        if self._store is not None:
            self._store.save(self.store_key, StoredToken(token, expires_at))
        logger.info(
            "new session token, expires %s",
            datetime.fromtimestamp(expires_at, tz=UTC).isoformat(timespec="seconds"),
        )
        return token

    def _announced_lifetime(
        self, body: dict[str, object], response: httpx.Response, now: float
    ) -> float:
        announced = parse_expiry(body.get("expirationTimestamp"))
        if announced is not None:
            lifetime = announced - now
            if 0 < lifetime <= _MAX_LIFETIME:
                return lifetime
        return self._lifetime

    def _authorize(self, request: httpx.Request, token: str) -> httpx.Request:
        request.headers[TOKEN_HEADER] = token
        request.extensions[AUTH_EXTENSION] = True
        return request

    def _rejected(
        self, response: httpx.Response, request: httpx.Request, *, resent: bool
    ) -> Exception:
        note = (
            "the token was refused again after a fresh login"
            if resent
            else "the fixed token was refused; pass credentials to let the client log in"
        )
        return self._error(response, request, note)

    def _renewal_note(self, request: httpx.Request) -> None:
        logger.info("401 from %s %s; renewing the token once", request.method, request.url.path)

    # ------------------------------------------------------------------ the one flow
    # Besides requests it yields lock steps (hence the ignore): httpx calls only the two
    # drivers below, which this class overrides, never `auth_flow` itself.
    def auth_flow(  # type: ignore[override]
        self, request: httpx.Request, *, ours: bool | None = None
    ) -> Generator[_Step, httpx.Response | None, None]:
        """The whole token logic, I/O-free: yields the requests to send and lock steps.

        `sync_auth_flow`/`async_auth_flow` drive it (httpx's pattern): they send the requests
        and turn `_LOCAL`, `_SHARED` and `_UNLOCK` into their flavour's locks, which is all that
        differs between the two. ``ours``: whether the request goes to the base URL's origin,
        when the driver already looked.
        """
        if not (self._ours(request) if ours is None else ours):
            yield request  # another origin: no token, no login
            return
        token = self._valid_token()
        if token is None:
            token = yield from self._single_flight(request, failed=None)
        response = yield self._authorize(request, token)
        assert response is not None
        if response.status_code == 401:
            yield from self._after_refusal(request, token, response)

    # auth_flow's common case as two plain steps, so a request whose token is valid is sent
    # without a generator to drive: the drivers call them in order (they still hold no logic).
    def _ready(self, request: httpx.Request) -> httpx.Request | None:
        """``request`` signed with the current token, when one is valid (to our origin)."""
        token = self._valid_token()
        return None if token is None else self._authorize(request, token)

    def _then(
        self, sent: httpx.Request, response: httpx.Response
    ) -> Generator[_Step, httpx.Response | None, None] | None:
        """After :meth:`_ready`'s request: None when done, else the renewal flow to drive."""
        if response.status_code != 401:
            return None
        return self._after_refusal(sent, sent.headers[TOKEN_HEADER], response)

    def _after_refusal(
        self, request: httpx.Request, token: str, response: httpx.Response
    ) -> Generator[_Step, httpx.Response | None, None]:
        """The rest of :meth:`auth_flow` once ``token`` got a 401: one renewal, one resend."""
        if not self._credentials.refreshable:
            raise self._rejected(response, request, resent=False)
        self._renewal_note(request)
        fresh = yield from self._single_flight(request, failed=token)
        again = yield self._authorize(request, fresh)
        assert again is not None
        if again.status_code == 401:
            raise self._rejected(again, request, resent=True)

    def _single_flight(
        self, request: httpx.Request, *, failed: str | None
    ) -> Generator[_Step, httpx.Response | None, str]:
        """A token under the locks: another worker's fresh one, else our own login.

        The in-process lock first (threads or tasks of this client), then the token store's
        cross-worker lock, each followed by a look for a token someone else got meanwhile, so
        N workers of one account make one login.
        """
        yield _LOCAL
        if failed is not None:
            self.invalidate(failed)  # only that token: a fresh one another worker saved stays
        token = self._valid_token()
        if token is None and self._store is not None:
            yield _SHARED
            token = self._valid_token()
        if token is None:
            response = yield self._login_request(request)
            assert response is not None
            token = self._accept_login(response)
        yield _UNLOCK
        return token

    # ------------------------------------------------------------------ the two drivers
    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        """Drives `auth_flow` with a thread lock and the store's blocking lock."""
        ours = self._ours(request)
        flow = None
        if ours:
            request.read()  # requires_request_body: the flow may send it twice
            if (ready := self._ready(request)) is not None:  # sent without driving a flow
                response = yield ready
                response.read()
                if (flow := self._then(ready, response)) is None:
                    return
        if flow is None:
            flow = self.auth_flow(request, ours=ours)
        held: contextlib.ExitStack | None = None  # made when a lock is taken, not every time
        try:  # the locks are released however the flow ends (even closed)
            step = next(flow)
            while True:
                answer: httpx.Response | None = None
                if isinstance(step, httpx.Request):
                    answer = yield step
                    answer.read()
                elif step is _UNLOCK:
                    if held is not None:
                        held.close()
                else:
                    held = held or contextlib.ExitStack()
                    held.enter_context(self._thread_lock if step is _LOCAL else self._store_lock())
                try:
                    step = flow.send(answer)
                except StopIteration:
                    return
        finally:
            if held is not None:
                held.close()

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Drives `auth_flow` with an anyio lock and the store's lock taken off the event loop."""
        ours = self._ours(request)
        flow = None
        if ours:
            await request.aread()
            if (ready := self._ready(request)) is not None:  # sent without driving a flow
                response = yield ready
                await response.aread()
                if (flow := self._then(ready, response)) is None:
                    return
        if flow is None:
            flow = self.auth_flow(request, ours=ours)
        async with contextlib.AsyncExitStack() as held:
            step = next(flow)
            while True:
                answer: httpx.Response | None = None
                if step is _LOCAL:
                    await held.enter_async_context(self._get_async_lock())
                elif step is _SHARED:
                    await held.enter_async_context(_HeldInThread(self._store_lock()))
                elif step is _UNLOCK:
                    await held.aclose()
                else:
                    assert isinstance(step, httpx.Request)
                    answer = yield step
                    await answer.aread()
                try:
                    step = flow.send(answer)
                except StopIteration:
                    return

    def _get_async_lock(self) -> anyio.Lock:
        # Created lazily, on the loop that first needs it.
        if self._async_lock is None:
            import anyio

            self._async_lock = anyio.Lock()
        return self._async_lock


class _LockStep(enum.Enum):
    """What `auth_flow` yields besides requests; the drivers map each to their locks."""

    LOCAL = "the in-process lock (threads or tasks of one client)"
    SHARED = "the token store's cross-worker lock"
    UNLOCK = "release what is held"


_LOCAL, _SHARED, _UNLOCK = _LockStep.LOCAL, _LockStep.SHARED, _LockStep.UNLOCK
_Step = httpx.Request | _LockStep


class _HeldInThread:
    """A blocking lock (the token store's) held by a short-lived thread of its own.

    The event loop never waits on it: worker threads wait for the holder to take the lock and,
    on release, to let go. A thread of its own, not `anyio.to_thread` for enter
    and exit, because file locks (filelock's default) must be released by the thread that took
    them. Logins are rare, so is this thread; it has ended when the flow goes on.
    """

    def __init__(self, lock: contextlib.AbstractContextManager[None]) -> None:
        self._lock = lock
        self._settled = threading.Event()  # the lock is held, or taking it failed
        self._leave = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._hold, name="peerclick-login-lock", daemon=True)

    def _hold(self) -> None:
        try:
            with self._lock:
                self._settled.set()
                self._leave.wait()
        except BaseException as exc:  # handed to the waiting task (a store that failed)
            if not self._settled.is_set():
                self._error = exc
            self._settled.set()

    async def __aenter__(self) -> None:
        import anyio.to_thread

        self._thread.start()
        try:
            await anyio.to_thread.run_sync(self._settled.wait, abandon_on_cancel=True)
        except BaseException:
            self._leave.set()  # cancelled while waiting: the holder lets go as soon as it holds
            raise
        if self._error is not None:
            raise self._error

    async def __aexit__(self, *exc_info: object) -> None:
        import anyio.to_thread

        self._leave.set()  # first: even if the wait below is cancelled, the holder lets go
        await anyio.to_thread.run_sync(self._thread.join, abandon_on_cancel=True)
