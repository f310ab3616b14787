"""PeerClick and AsyncPeerClick: the clients people construct.

Each one owns an httpx client wired as design.md draws it::

    httpx.Client(auth=SessionAuth,
                 transport=ErrorTransport(RetryTransport(RateLimitTransport(<HTTP transport>))))

and hands it to the generated `AuthenticatedClient` (`pc.api`) with `set_httpx_client()`. The
generated client copies a token into its headers once and never again, so the token lives in
SessionAuth instead and the generated client's own token is an empty placeholder.

Both twins check their arguments in one `ClientConfig` (peerclick/_config.py) before anything is
built, and share `_Wiring`, what the config becomes at run time (limiter, auth, the layers' shared
state); they differ only in the httpx client and transport flavours and in how they close.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, Self, TypeVar, overload

import attrs
import httpx

from peerclick._auth import TOKEN_HEADER, SessionAuth
from peerclick._body import AsyncBodyTransport, BodyTransport
from peerclick._config import (
    DEFAULT_API_VERSION,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    DEFAULT_TOKEN_LIFETIME,
    ClientConfig,
    Credentials,
)
from peerclick._limit_transport import AsyncRateLimitTransport, RateLimitTransport
from peerclick._limiter_registry import release_limiter, resolve_limiter
from peerclick._logging import setup_from_env
from peerclick._options import NOT_GIVEN, copy_with_options
from peerclick._ratelimit import RateLimiter, RateLimits
from peerclick._retry import AsyncRetryTransport, RetryPolicy, RetryTransport
from peerclick._token_store import TokenStore
from peerclick._transport import AsyncErrorTransport, ErrorTransport, WireState, origin_of
from peerclick._version import __version__
from peerclick_api import AuthenticatedClient

if TYPE_CHECKING:
    from peerclick._protocols import AsyncPeerClickLike, PeerClickLike
    from peerclick.resources import (
        AffiliateNetworks,
        AsyncAffiliateNetworks,
        AsyncCampaigns,
        AsyncConversions,
        AsyncCosts,
        AsyncDomains,
        AsyncFlows,
        AsyncLanders,
        AsyncOffers,
        AsyncReports,
        AsyncTrafficSources,
        AsyncWorkspaces,
        Campaigns,
        Conversions,
        Costs,
        Domains,
        Flows,
        Landers,
        Offers,
        Reports,
        TrafficSources,
        Workspaces,
    )

__all__ = ["AsyncPeerClick", "PeerClick"]

USER_AGENT = f"peerclick-python/{__version__}"


R = TypeVar("R")


class _Lazy(Generic[R]):
    """A resource built on first access and cached on the client (`pc.reports`).

    The resource modules, and the generated operations they import, load only when first used,
    which keeps `import peerclick` fast.
    """

    def __init__(self, class_name: str) -> None:
        self.class_name = class_name

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:  # what help(PeerClick) shows for `offers = ...`
        return f"<peerclick.resources.{self.class_name}, built on first use>"

    @overload
    def __get__(self, client: None, owner: type) -> Self: ...
    @overload
    def __get__(self, client: object, owner: type) -> R: ...
    def __get__(self, client: object | None, owner: type) -> Self | R:
        if client is None:
            return self
        from peerclick import resources

        resource: R = getattr(resources, self.class_name)(client)
        client.__dict__[self.name] = resource  # later reads skip the descriptor
        return resource


@attrs.define
class _Wiring:
    """What a checked ClientConfig becomes at run time; `with_options` copies evolve it.

    The config's settings are read through it; the limiter (which may open a store), the
    session auth and the layers' shared state are built here, after every check has passed.
    """

    config: ClientConfig
    limiter: RateLimiter
    owns_limiter: bool
    auth: SessionAuth
    wire: WireState
    priority: str = "high"  # with_options(priority=...) changes it on a copy
    # True once a caller chose the lane; until then bulk calls (iterators, exports) go low.
    priority_chosen: bool = False
    # wrapped transport id -> the inner one it wraps (with_options copies wrap the same one)
    inner_of: dict[int, httpx.BaseTransport | httpx.AsyncBaseTransport] = attrs.field(factory=dict)

    @property
    def wall_clock(self) -> Callable[[], float] | None:
        """The client's ``clock=`` (epoch seconds) if it was given one: "now" for defaults."""
        return self.config.clock

    @classmethod
    def build(cls, config: ClientConfig) -> _Wiring:
        setup_from_env()
        wire = WireState(origin_of(config.url))
        limiter, owns = resolve_limiter(
            config.limiter,
            config.rate_limits,
            base_url=config.url,
            kind=config.credentials.kind,
            identity=config.credentials.identity,
            token=None if config.credentials.refreshable else config.credentials.secret,
            clock=config.clock,
            sleep=config.sleep,
            asynchronous=config.asynchronous,
        )
        auth = SessionAuth(
            config.credentials,
            config.url,
            token_lifetime=config.token_lifetime,
            clock=config.clock or time.time,
            token_store=config.token_store,
            secrets=wire.secrets,
        )
        return cls(config, limiter, owns, auth, wire)

    @property
    def base_url(self) -> httpx.URL:
        return self.config.url

    @property
    def base_path(self) -> str:
        return self.config.url.path.rstrip("/")

    @property
    def credentials(self) -> Credentials:
        return self.config.credentials

    @property
    def retry_policy(self) -> RetryPolicy:
        return self.config.retry_policy

    @property
    def timeout(self) -> httpx.Timeout | None:
        return self.config.http_timeout

    @property
    def sleep(self) -> Callable[[float], object] | None:
        return self.config.sleep

    def generated_client(self) -> AuthenticatedClient:
        # token="" on purpose: SessionAuth sets the real one on every request.
        return AuthenticatedClient(
            base_url=str(self.base_url),
            token="",
            prefix="",
            auth_header_name=TOKEN_HEADER,
            timeout=self.timeout,
            raise_on_unexpected_status=False,
        )

    def describe(self, name: str) -> str:
        return f"<{name} {self.base_url} auth={self.credentials.kind}>"


def _lent(inner: object) -> object:
    """The transport under a with_options copy's borrowed one (the layers look at that)."""
    return getattr(inner, "lent", inner)


def _wrap_sync(
    inner: httpx.BaseTransport, setup: _Wiring, sleep: Callable[[float], None] | None
) -> httpx.BaseTransport:
    body = BodyTransport(inner, max_response_bytes=setup.config.max_response_bytes)
    limited = RateLimitTransport(
        body,
        setup.limiter,
        base_path=setup.base_path,
        priority=setup.priority,
        traced=isinstance(_lent(inner), httpx.HTTPTransport),
    )
    retrying = (
        RetryTransport(limited, setup.retry_policy)
        if sleep is None
        else RetryTransport(limited, setup.retry_policy, sleep=sleep)
    )
    wrapped = ErrorTransport(retrying, setup.wire)
    setup.inner_of[id(wrapped)] = inner  # with_options() copies wrap the same inner transport
    return wrapped


def _wrap_async(
    inner: httpx.AsyncBaseTransport,
    setup: _Wiring,
    sleep: Callable[[float], Awaitable[None]] | None,
) -> httpx.AsyncBaseTransport:
    body = AsyncBodyTransport(inner, max_response_bytes=setup.config.max_response_bytes)
    limited = AsyncRateLimitTransport(
        body,
        setup.limiter,
        base_path=setup.base_path,
        priority=setup.priority,
        traced=isinstance(_lent(inner), httpx.AsyncHTTPTransport),
    )
    retrying = (
        AsyncRetryTransport(limited, setup.retry_policy)
        if sleep is None
        else AsyncRetryTransport(limited, setup.retry_policy, sleep=sleep)
    )
    wrapped = AsyncErrorTransport(retrying, setup.wire)
    setup.inner_of[id(wrapped)] = inner
    return wrapped


def _adopt(
    client: httpx.Client | httpx.AsyncClient, wrap: Callable[[Any], Any], setup: _Wiring
) -> None:
    """Put our auth, base URL and transport layers into a caller's own httpx client.

    Its proxies, certificates, headers and event hooks stay. httpx has no public setter for the
    transport, so its (stable) private `_transport` and `_mounts` are wrapped in place.
    """
    client.auth = setup.auth
    client.base_url = setup.base_url
    client._transport = wrap(client._transport)
    client._mounts = {
        pattern: (wrap(t) if t is not None else None) for pattern, t in client._mounts.items()
    }


def _mark_closed(client: PeerClick | AsyncPeerClick) -> list[Any]:
    """Mark the client's transport layers closed and return them for closing.

    The httpx client itself stays open on purpose: its own closed check raises a bare RuntimeError
    before any transport runs, where ours raises ClientClosedError. Closing the original client
    (not a `with_options` copy) closes the copies too: they share its WireState.
    """
    if getattr(client, "_parent", None) is None:
        client._setup.wire.closed = True
    http: Any = client._http
    layers = [http._transport, *(t for t in http._mounts.values() if t is not None)]
    for layer in layers:
        if isinstance(layer, ErrorTransport | AsyncErrorTransport):
            layer.closed = True
    return layers


class _Common:
    """What both clients expose the same way, read from their wiring."""

    _setup: _Wiring

    @property
    def base_url(self) -> httpx.URL:
        return self._setup.base_url

    @property
    def limiter(self) -> RateLimiter:
        return self._setup.limiter

    @property
    def auth(self) -> SessionAuth:
        return self._setup.auth

    def __repr__(self) -> str:
        return self._setup.describe(type(self).__name__)


class PeerClick(_Common):
    """Synchronous PeerClick client.

    Example::

        with PeerClick(access_id="…", access_key="…") as pc:
            report = pc.reports.get("campaign", "2026-11-20", "2026-11-27")

    Credentials come from the arguments, else from PEERCLICK_ACCESS_ID / PEERCLICK_ACCESS_KEY
    (or PEERCLICK_EMAIL / PEERCLICK_PASSWORD, or PEERCLICK_TOKEN); PEERCLICK_BASE_URL overrides the
    base URL. `limiter=` shares one rate budget between clients of the same account;
    `http_client=` lets you bring your own httpx.Client (proxies, certificates, event hooks);
    `transport=` replaces only the innermost transport (e.g. a local fake in tests).
    `retry=` takes a `peerclick.RetryPolicy` (backoff, `Retry-After` cap, give-up time) or an
    int, the same as `max_retries=` (default 3).

    Raises:
        ConfigurationError: no or incomplete credentials, or an unusable base_url.
        ValueError, TypeError: other bad arguments. All before any request is sent.
    """

    reports: _Lazy[Reports] = _Lazy("Reports")
    campaigns: _Lazy[Campaigns] = _Lazy("Campaigns")
    offers: _Lazy[Offers] = _Lazy("Offers")
    landers: _Lazy[Landers] = _Lazy("Landers")
    flows: _Lazy[Flows] = _Lazy("Flows")
    traffic_sources: _Lazy[TrafficSources] = _Lazy("TrafficSources")
    affiliate_networks: _Lazy[AffiliateNetworks] = _Lazy("AffiliateNetworks")
    workspaces: _Lazy[Workspaces] = _Lazy("Workspaces")
    domains: _Lazy[Domains] = _Lazy("Domains")
    costs: _Lazy[Costs] = _Lazy("Costs")
    conversions: _Lazy[Conversions] = _Lazy("Conversions")

    def __init__(
        self,
        *,
        access_id: str | None = None,
        access_key: str | None = None,
        email: str | None = None,
        password: str | None = None,
        token: str | None = None,
        base_url: str | None = None,
        api_version: str | None = DEFAULT_API_VERSION,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int | None = None,
        retry: RetryPolicy | int | None = None,
        rate_limits: RateLimits | Mapping[str, float] | None = None,
        limiter: RateLimiter | str | None = None,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        token_lifetime: float = DEFAULT_TOKEN_LIFETIME,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
        token_store: TokenStore | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        config = ClientConfig.from_arguments(
            asynchronous=False,
            access_id=access_id,
            access_key=access_key,
            email=email,
            password=password,
            token=token,
            base_url=base_url,
            api_version=api_version,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            rate_limits=rate_limits,
            limiter=limiter,
            http_client=http_client,
            transport=transport,
            token_lifetime=token_lifetime,
            clock=clock,
            sleep=sleep,
            token_store=token_store,
            max_response_bytes=max_response_bytes,
        )
        self._setup = _Wiring.build(config)  # every check passed: now the limiter may open
        setup = self._setup
        if http_client is None:
            self._http = httpx.Client(
                base_url=setup.base_url,
                auth=setup.auth,
                timeout=setup.timeout,
                headers={"user-agent": USER_AGENT, "accept-encoding": "gzip, deflate"},
                transport=_wrap_sync(transport or httpx.HTTPTransport(), setup, sleep),
            )
        else:
            _adopt(http_client, lambda t: _wrap_sync(t, setup, sleep), setup)
            self._http = http_client
        self.api = setup.generated_client()
        self.api.set_httpx_client(self._http)
        self._closed = False

    def with_options(
        self,
        *,
        priority: Literal["high", "low"] | None = None,
        timeout: float | httpx.Timeout | None = NOT_GIVEN,
        max_retries: int | None = None,
    ) -> Self:
        """A copy sharing this client's connections, token and budget, with other options.

        ``priority="low"`` marks bulk work: its requests queue in the low lane, which
        interactive (``"high"``, the default) requests overtake; low still progresses.
        ``timeout`` and ``max_retries`` as in the constructor. Closing the copy leaves the
        original open; closing the original ends the copies too.
        """
        return copy_with_options(
            self,
            lambda t, s: _wrap_sync(t, s, s.sleep),
            priority=priority,
            timeout=timeout,
            max_retries=max_retries,
        )

    def logout(self) -> None:
        """End the session on the server (DELETE /auth/session) and forget the token."""
        if self._setup.auth.token_expires_at is None and self._setup.credentials.refreshable:
            return  # never logged in
        from peerclick_api.api.auth import delete_session

        delete_session.sync_detailed(client=self.api)
        self._setup.auth.invalidate()

    def close(self) -> None:
        """Release sockets, and the budget when this client owns it (idempotent; no thread to stop).

        Any later call, through the facade or `pc.api`, raises ClientClosedError.
        """
        if self._closed:
            return
        self._closed = True
        for transport in _mark_closed(self):
            transport.close()
        if self._setup.owns_limiter:
            self._setup.limiter.close()
        elif getattr(self, "_parent", None) is None:
            release_limiter(self._setup.limiter)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncPeerClick(_Common):
    """Asynchronous PeerClick client; the same arguments as PeerClick.

    Example::

        async with AsyncPeerClick() as apc:
            report = await apc.reports.get("campaign", "2026-11-20", "2026-11-27")
    """

    reports: _Lazy[AsyncReports] = _Lazy("AsyncReports")
    campaigns: _Lazy[AsyncCampaigns] = _Lazy("AsyncCampaigns")
    offers: _Lazy[AsyncOffers] = _Lazy("AsyncOffers")
    landers: _Lazy[AsyncLanders] = _Lazy("AsyncLanders")
    flows: _Lazy[AsyncFlows] = _Lazy("AsyncFlows")
    traffic_sources: _Lazy[AsyncTrafficSources] = _Lazy("AsyncTrafficSources")
    affiliate_networks: _Lazy[AsyncAffiliateNetworks] = _Lazy("AsyncAffiliateNetworks")
    workspaces: _Lazy[AsyncWorkspaces] = _Lazy("AsyncWorkspaces")
    domains: _Lazy[AsyncDomains] = _Lazy("AsyncDomains")
    costs: _Lazy[AsyncCosts] = _Lazy("AsyncCosts")
    conversions: _Lazy[AsyncConversions] = _Lazy("AsyncConversions")

    def __init__(
        self,
        *,
        access_id: str | None = None,
        access_key: str | None = None,
        email: str | None = None,
        password: str | None = None,
        token: str | None = None,
        base_url: str | None = None,
        api_version: str | None = DEFAULT_API_VERSION,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int | None = None,
        retry: RetryPolicy | int | None = None,
        rate_limits: RateLimits | Mapping[str, float] | None = None,
        limiter: RateLimiter | str | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        token_lifetime: float = DEFAULT_TOKEN_LIFETIME,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        token_store: TokenStore | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        config = ClientConfig.from_arguments(
            asynchronous=True,
            access_id=access_id,
            access_key=access_key,
            email=email,
            password=password,
            token=token,
            base_url=base_url,
            api_version=api_version,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            rate_limits=rate_limits,
            limiter=limiter,
            http_client=http_client,
            transport=transport,
            token_lifetime=token_lifetime,
            clock=clock,
            sleep=sleep,
            token_store=token_store,
            max_response_bytes=max_response_bytes,
        )
        self._setup = _Wiring.build(config)  # every check passed: now the limiter may open
        setup = self._setup
        if http_client is None:
            self._http = httpx.AsyncClient(
                base_url=setup.base_url,
                auth=setup.auth,
                timeout=setup.timeout,
                headers={"user-agent": USER_AGENT, "accept-encoding": "gzip, deflate"},
                transport=_wrap_async(transport or httpx.AsyncHTTPTransport(), setup, sleep),
            )
        else:
            _adopt(http_client, lambda t: _wrap_async(t, setup, sleep), setup)
            self._http = http_client
        self.api = setup.generated_client()
        self.api.set_async_httpx_client(self._http)
        self._closed = False

    def with_options(
        self,
        *,
        priority: Literal["high", "low"] | None = None,
        timeout: float | httpx.Timeout | None = NOT_GIVEN,
        max_retries: int | None = None,
    ) -> Self:
        """A copy sharing this client's connections, token and budget, with other options.

        ``priority="low"`` marks bulk work: its requests queue in the low lane, which
        interactive (``"high"``, the default) requests overtake; low still progresses.
        ``timeout`` and ``max_retries`` as in the constructor. Closing the copy leaves the
        original open; closing the original ends the copies too.
        """
        return copy_with_options(
            self,
            lambda t, s: _wrap_async(t, s, s.sleep),
            priority=priority,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def logout(self) -> None:
        """End the session on the server (DELETE /auth/session) and forget the token."""
        if self._setup.auth.token_expires_at is None and self._setup.credentials.refreshable:
            return
        from peerclick_api.api.auth import delete_session

        await delete_session.asyncio_detailed(client=self.api)
        self._setup.auth.invalidate()

    async def aclose(self) -> None:
        """Release sockets, and the budget when this client owns it (idempotent; no thread to stop).

        Any later call, through the facade or `apc.api`, raises ClientClosedError.
        """
        if self._closed:
            return
        self._closed = True
        for transport in _mark_closed(self):
            await transport.aclose()
        if self._setup.owns_limiter:
            self._setup.limiter.close()
        elif getattr(self, "_parent", None) is None:
            release_limiter(self._setup.limiter)

    close = aclose

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


if TYPE_CHECKING:  # both twins give the resources what _protocols says they need (mypy checks)

    def _conforms(
        sync: PeerClick, asynchronous: AsyncPeerClick
    ) -> tuple[PeerClickLike, AsyncPeerClickLike]:
        return sync, asynchronous
