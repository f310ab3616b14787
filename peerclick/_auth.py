"""SessionAuth: the PeerClick session-token lifecycle as an httpx.Auth.

- The first request logs in (access key, or email + password) through the generated session
  operation's request builder; the login request is yielded from the flow, so it passes through
  the same rate-limit and retry layers as every other request.
- The token's expiry comes from the login response (`expirationTimestamp`) when the server sends
  it, else from the configured lifetime (PeerClick's default is 86400 s). The token is renewed
  `refresh_margin` seconds before it expires, so no request leaves with a token about to die.
- A 401 on an authenticated request drops the token, logs in again and resends once; a second 401
  raises AuthenticationError. A 401 on the login itself means the credentials were refused.
- Single flight: one lock per flavour (threading for sync, asyncio for async) guards the login, so
  50 threads or tasks starting together cause exactly one session request.
- A fixed `token=` is sent as is and never renewed.

The generic parts (`_login_request`, `_accept_login`, `_authorize`, ...) do no I/O and hold no lock,
so the two flows differ only in the lock they take.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from datetime import UTC, datetime
from typing import Any

import attrs
import httpx
from dateutil.parser import isoparse

from peerclick._config import DEFAULT_TOKEN_LIFETIME, Credentials
from peerclick._logging import logger
from peerclick.errors import AuthenticationError, ResponseValidationError, error_for_response
from peerclick_api.api.auth import create_access_session, create_session
from peerclick_api.models import AccessSessionRequest, SessionRequest

__all__ = ["TOKEN_HEADER", "SessionAuth"]

TOKEN_HEADER = "api-token"
DEFAULT_REFRESH_MARGIN = 300.0


@attrs.define
class _Session:
    token: str = attrs.field(repr=False)
    expires_at: float | None  # None: never expires on our side (a fixed token)


def _parse_expiry(value: Any) -> float | None:
    """Epoch seconds from an ISO-8601 string or epoch seconds/milliseconds; None when unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) / 1000.0 if value > 1e11 else float(value)
    if isinstance(value, str) and value.strip():
        try:
            parsed = isoparse(value.strip())
        except (ValueError, OverflowError):
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.timestamp()
    return None


class SessionAuth(httpx.Auth):
    """Adds `api-token` to every request; obtains, renews and, on 401, replaces the token."""

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
    ) -> None:
        if token_lifetime <= 0:
            raise ValueError(f"token_lifetime must be > 0 seconds, got {token_lifetime!r}")
        if refresh_margin < 0:
            raise ValueError(f"refresh_margin must be >= 0 seconds, got {refresh_margin!r}")
        self._credentials = credentials
        self._base = str(base_url).rstrip("/")
        self._lifetime = float(token_lifetime)
        self._margin = min(float(refresh_margin), self._lifetime / 2)
        self._clock = clock
        self._session: _Session | None = None
        if credentials.kind == "token":
            self._session = _Session(credentials.secret, None)
        self._thread_lock = threading.Lock()
        self._async_lock: asyncio.Lock | None = None
        self.logins = 0  # how many session requests were sent (observability, tests)

    def __repr__(self) -> str:
        who = self._credentials.identity or "fixed token"
        return f"<SessionAuth {self._credentials.kind} {who}>"

    # ------------------------------------------------------------------ I/O-free helpers
    @property
    def token_expires_at(self) -> float | None:
        """Epoch seconds at which the current token expires (None: none yet, or fixed)."""
        return self._session.expires_at if self._session else None

    def _valid_token(self) -> str | None:
        """The token to use now, or None when a login is due."""
        session = self._session
        if session is None:
            return None
        if session.expires_at is not None and self._clock() >= session.expires_at - self._margin:
            return None
        return session.token

    def invalidate(self, token: str | None = None) -> None:
        """Forget the token (only if it is still `token`, when given): the next request logs in."""
        if not self._credentials.refreshable:
            return
        if token is None or (self._session is not None and self._session.token == token):
            self._session = None

    def _login_request(self) -> httpx.Request:
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
        logger.debug("peerclick: requesting a session token (%s)", creds.kind)
        return httpx.Request(
            kwargs["method"].upper(),
            self._base + kwargs["url"],
            json=kwargs.get("json"),
            headers=kwargs.get("headers"),
        )

    def _accept_login(self, response: httpx.Response) -> str:
        """Store the token from a login response, or raise a typed error without any secret."""
        if response.status_code == 401:
            raise error_for_response(response, note="the PeerClick credentials were refused")
        if not response.is_success:
            raise error_for_response(response, note="while requesting a session token")
        try:
            body = response.json()
        except ValueError:
            raise ResponseValidationError(
                "the session response is not JSON",
                status_code=response.status_code,
                request=response.request,
            ) from None
        token = body.get("token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise ResponseValidationError(
                "the session response has no token",
                status_code=response.status_code,
                request=response.request,
            )
        now = self._clock()
        expires_at = _parse_expiry(body.get("expirationTimestamp"))
        if expires_at is None or expires_at <= now:
            expires_at = now + self._lifetime
        self._session = _Session(token, expires_at)
        logger.info(
            "peerclick: new session token, expires %s",
            datetime.fromtimestamp(expires_at, tz=UTC).isoformat(timespec="seconds"),
        )
        return token

    @staticmethod
    def _authorize(request: httpx.Request, token: str) -> httpx.Request:
        request.headers[TOKEN_HEADER] = token
        return request

    def _rejected(self, response: httpx.Response, *, resent: bool) -> AuthenticationError:
        note = (
            "the token was refused again after a fresh login"
            if resent
            else "the fixed token was refused; pass credentials to let the client log in"
        )
        error = error_for_response(response, note=note)
        assert isinstance(error, AuthenticationError)
        return error

    # ------------------------------------------------------------------ the two flows
    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._valid_token()
        if token is None:
            with self._thread_lock:
                token = self._valid_token()
                if token is None:
                    token = self._accept_login((yield self._login_request()))
        response = yield self._authorize(request, token)
        if response.status_code != 401:
            return
        if not self._credentials.refreshable:
            raise self._rejected(response, resent=False)
        logger.info(
            "peerclick: 401 from %s %s; renewing the token once", request.method, request.url.path
        )
        with self._thread_lock:
            self.invalidate(token)
            fresh = self._valid_token()
            if fresh is None:
                fresh = self._accept_login((yield self._login_request()))
        response = yield self._authorize(request, fresh)
        if response.status_code == 401:
            raise self._rejected(response, resent=True)

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        lock = self._get_async_lock()
        token = self._valid_token()
        if token is None:
            async with lock:
                token = self._valid_token()
                if token is None:
                    token = self._accept_login((yield self._login_request()))
        response = yield self._authorize(request, token)
        if response.status_code != 401:
            return
        if not self._credentials.refreshable:
            raise self._rejected(response, resent=False)
        logger.info(
            "peerclick: 401 from %s %s; renewing the token once", request.method, request.url.path
        )
        async with lock:
            self.invalidate(token)
            fresh = self._valid_token()
            if fresh is None:
                fresh = self._accept_login((yield self._login_request()))
        response = yield self._authorize(request, fresh)
        if response.status_code == 401:
            raise self._rejected(response, resent=True)

    def _get_async_lock(self) -> asyncio.Lock:
        # Created lazily: an asyncio.Lock binds to the running loop on first use.
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        return self._async_lock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("SessionAuth runs through sync_auth_flow/async_auth_flow only")
