"""ClientConfig: every client setting in one place, with its default, its environment variable and
its check, all before any request (and before anything that could do I/O) is attempted.

Both clients turn their arguments into one ``ClientConfig.from_arguments(...)``: the environment
fills in what was not passed, attrs validators check each setting (messages name the argument),
and what needs resolving (the credentials, the URL with its version, the retry policy, the timeout)
is resolved here once. ``with_options`` copies go through ``attrs.evolve``, so the same validators
check them. attrs' own validators do the checks; the small wrapper ``_setting_check`` only turns
their messages into one sentence that names the argument and what it accepts.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import httpx
from attrs import validators as v

from peerclick._body import DEFAULT_MAX_RESPONSE_BYTES
from peerclick._ratelimit import RateLimiter, RateLimits
from peerclick._retry import RetryPolicy
from peerclick._token_store import TokenStore
from peerclick.errors import ConfigurationError

__all__ = [
    "DEFAULT_API_VERSION",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_TOKEN_LIFETIME",
    "ENV_VARS",
    "ClientConfig",
    "Credentials",
    "resolve_credentials",
]

DEFAULT_BASE_URL = "https://api.peerclick.com"
DEFAULT_API_VERSION = "v1_1"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 3
# PeerClick documents a default token lifetime of one day.
DEFAULT_TOKEN_LIFETIME = 86400.0

_VERSION_SEGMENT = re.compile(r"v\d+(?:_\d+)?")
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")
_STORE_URLS = "memory://, sqlite:///path, redis://host:port/db"
_CREDENTIALS = ("access_id", "access_key", "email", "password", "token")

# What attrs calls a validator with (of a field's Attribute, only the name is read).
_Validator = Callable[[object, "attrs.Attribute[Any]", object], None]


@attrs.frozen
class Credentials:
    """One way to get a token: an access key (preferred), email + password, or a fixed token."""

    kind: str  # "access_key" | "password" | "token"
    identity: str | None = None  # access id or email: not secret, shown in reprs
    secret: str = attrs.field(default="", repr=False)

    @property
    def refreshable(self) -> bool:
        """A fixed token cannot be renewed; the other two log in again."""
        return self.kind != "token"


# ---------------------------------------------------------------------------------- the checks
def _setting_check(
    what: str,
    types: type | tuple[type, ...],
    *checks: _Validator,
    error: type[ValueError] = ValueError,
) -> _Validator:
    """attrs' ``instance_of`` and value validators, with one message naming the argument.

    ``timeout must be a finite number of seconds > 0, got -1``. Bools are refused where a number
    is asked for (``True`` seconds is a slip, not 1). Never used for secrets: it echoes values.
    """
    of_type: _Validator = v.instance_of(types)
    values = v.and_(*checks)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        try:
            if isinstance(value, bool):
                raise TypeError
            of_type(instance, attribute, value)
        except TypeError:
            raise TypeError(
                f"{attribute.name} must be {what}, got {type(value).__name__}"
            ) from None
        try:
            values(instance, attribute, value)
        except ValueError:
            raise error(f"{attribute.name} must be {what}, got {value!r}") from None

    return check


_SECONDS = _setting_check("a finite number of seconds > 0", (int, float), v.gt(0), v.lt(math.inf))
_RETRIES = _setting_check("an int >= 0", int, v.ge(0))


def _timeout(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Seconds, or an httpx.Timeout whose every part is finite and > 0 (or None)."""
    if not isinstance(value, httpx.Timeout):
        _SECONDS(instance, attribute, value)
        return
    for part, seconds in value.as_dict().items():
        if seconds is not None:
            _SECONDS(instance, attribute.evolve(name=f"timeout.{part}"), seconds)


# Typed as plain validators: a field's default (a str, a float) is not where None comes from.
_OPTIONAL_STR: _Validator = v.optional(_setting_check("a str or None", str))
_OPTIONAL_TIMEOUT: _Validator = v.optional(_timeout)


def _limiter(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, RateLimiter):
        return
    if not isinstance(value, str):
        raise TypeError(
            f"limiter must be a peerclick.RateLimiter, a store URL ({_STORE_URLS}) or None, "
            f"got {type(value).__name__}"
        )
    if "://" not in value:  # the store's own checks (scheme, path, host) run when it is opened
        raise ConfigurationError(f"limiter must be a RateLimiter or a store URL ({_STORE_URLS})")


def _flavoured(sync: type, asynchronous: type, what: str) -> _Validator:
    """The sync client takes the sync httpx type, the async client the async one."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        expected = asynchronous if getattr(instance, "asynchronous", False) else sync
        if not isinstance(value, expected):
            raise TypeError(
                f"{attribute.name} must be an httpx.{expected.__name__} ({what}), "
                f"got {type(value).__name__}"
            )

    return check


def _credential(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A str that is not blank. Never echoes the value: it may be a secret."""
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise ConfigurationError(f"{attribute.name} is empty or blank")


def _to_rate_limits(value: object) -> object:
    """A mapping of RateLimits' fields (``{"general": 10, "report": 2}``) becomes RateLimits."""
    if not isinstance(value, Mapping):
        return value
    try:
        return RateLimits(**value)
    except TypeError as exc:  # an unknown field: say which setting it came from
        raise TypeError(f"rate_limits: {exc}") from None


def _env(variable: str) -> dict[str, str]:
    """A field's environment variable, in its metadata (``ENV_VARS`` and ``from_arguments``)."""
    return {"env": variable}


# ---------------------------------------------------------------------------------- the settings
@attrs.frozen(kw_only=True)
class ClientConfig:
    """What a PeerClick/AsyncPeerClick was asked for, checked; see the README's Configuration.

    Build it with :meth:`from_arguments` (it reads the environment); direct construction takes
    the values as they are. ``credentials``, ``url`` and ``retry_policy`` are resolved from them.
    """

    asynchronous: bool = attrs.field(default=False, validator=v.instance_of(bool))
    access_id: str | None = attrs.field(
        default=None, validator=v.optional(_credential), metadata=_env("PEERCLICK_ACCESS_ID")
    )
    access_key: str | None = attrs.field(
        default=None,
        validator=v.optional(_credential),
        metadata=_env("PEERCLICK_ACCESS_KEY"),
        repr=False,
    )
    email: str | None = attrs.field(
        default=None, validator=v.optional(_credential), metadata=_env("PEERCLICK_EMAIL")
    )
    password: str | None = attrs.field(
        default=None,
        validator=v.optional(_credential),
        metadata=_env("PEERCLICK_PASSWORD"),
        repr=False,
    )
    token: str | None = attrs.field(
        default=None,
        validator=v.optional(_credential),
        metadata=_env("PEERCLICK_TOKEN"),
        repr=False,
    )
    base_url: str = attrs.field(
        default=DEFAULT_BASE_URL,
        validator=_setting_check("a str", str),
        metadata=_env("PEERCLICK_BASE_URL"),
    )
    api_version: str | None = attrs.field(default=DEFAULT_API_VERSION, validator=_OPTIONAL_STR)
    timeout: float | httpx.Timeout | None = attrs.field(
        default=DEFAULT_TIMEOUT, validator=_OPTIONAL_TIMEOUT
    )
    max_retries: int = attrs.field(default=DEFAULT_MAX_RETRIES, validator=_RETRIES)
    retry: RetryPolicy | None = attrs.field(
        default=None,
        validator=v.optional(_setting_check("a peerclick.RetryPolicy or an int >= 0", RetryPolicy)),
    )
    rate_limits: RateLimits | None = attrs.field(
        default=None,
        converter=_to_rate_limits,
        validator=v.optional(
            _setting_check("a peerclick.RateLimits or a mapping of its fields", RateLimits)
        ),
    )
    limiter: RateLimiter | str | None = attrs.field(
        default=None, validator=v.optional(_limiter), metadata=_env("PEERCLICK_LIMITER_URL")
    )
    http_client: httpx.Client | httpx.AsyncClient | None = attrs.field(
        default=None,
        validator=v.optional(
            _flavoured(httpx.Client, httpx.AsyncClient, "your own, with our layers")
        ),
    )
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = attrs.field(
        default=None,
        validator=v.optional(
            _flavoured(httpx.BaseTransport, httpx.AsyncBaseTransport, "the innermost transport")
        ),
    )
    token_lifetime: float = attrs.field(default=DEFAULT_TOKEN_LIFETIME, validator=_SECONDS)
    token_store: TokenStore | None = attrs.field(
        default=None,
        validator=v.optional(
            _setting_check("a peerclick TokenStore (load/save/discard/lock)", TokenStore)
        ),
    )
    max_response_bytes: int = attrs.field(
        default=DEFAULT_MAX_RESPONSE_BYTES,
        validator=_setting_check("an int >= 1", int, v.ge(1)),
    )
    clock: Callable[[], float] | None = attrs.field(
        default=None, validator=v.optional(v.is_callable())
    )
    sleep: Callable[[float], object] | None = attrs.field(
        default=None, validator=v.optional(v.is_callable())
    )

    # Resolved from the settings above in __attrs_post_init__ (evolve() resolves them again).
    credentials: Credentials = attrs.field(init=False)
    url: httpx.URL = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        if self.http_client is not None and self.transport is not None:
            raise ValueError("pass http_client= or transport=, not both")
        if isinstance(self.limiter, RateLimiter) and self.rate_limits is not None:
            raise ValueError(
                "pass rate_limits= or limiter=, not both (a limiter has its own limits)"
            )
        credentials = _credentials(*(getattr(self, name) for name in _CREDENTIALS))
        object.__setattr__(self, "credentials", credentials)  # frozen: attrs' documented way
        object.__setattr__(self, "url", _resolve_url(self.base_url, self.api_version))

    @classmethod
    def from_arguments(
        cls,
        *,
        retry: RetryPolicy | int | None = None,
        max_retries: int | None = None,
        env: Mapping[str, str] | None = None,
        **settings: Any,
    ) -> ClientConfig:
        """The settings a client was given, with the environment filling in the rest.

        Credentials come from the environment only when none was passed (a half pair in the
        arguments is an error, not a mix with the environment); ``PEERCLICK_BASE_URL`` and
        ``PEERCLICK_LIMITER_URL`` only when ``base_url=``/``limiter=`` were not passed.
        ``retry=`` takes a RetryPolicy or an int (= ``max_retries``).
        """
        _fill_from_env(settings, os.environ if env is None else env)
        if retry is not None and max_retries is not None:
            raise ValueError("pass retry= or max_retries=, not both")
        if isinstance(retry, int) and not isinstance(retry, bool):
            if retry < 0:
                raise ValueError(
                    f"retry must be a peerclick.RetryPolicy or an int >= 0, got {retry}"
                )
            retry, max_retries = None, retry
        elif isinstance(retry, RetryPolicy):
            max_retries = retry.max_retries
        elif retry is not None:  # a bool or another type: the field's check names it
            settings["retry"] = retry
            retry = None
        if max_retries is not None:
            settings["max_retries"] = max_retries
        if settings.get("base_url") is None:
            settings.pop("base_url", None)  # the default
        settings.setdefault("retry", retry)
        return cls(**settings)

    @property
    def retry_policy(self) -> RetryPolicy:
        """``retry=`` (or the default policy) with ``max_retries``."""
        policy = self.retry or RetryPolicy()
        if policy.max_retries == self.max_retries:
            return policy
        return attrs.evolve(policy, max_retries=self.max_retries)

    @property
    def http_timeout(self) -> httpx.Timeout | None:
        if self.timeout is None or isinstance(self.timeout, httpx.Timeout):
            return self.timeout
        return httpx.Timeout(float(self.timeout))


_FIELDS = attrs.fields(ClientConfig)
#: Every environment variable a client reads, from the settings' own records.
ENV_VARS: tuple[str, ...] = tuple(f.metadata["env"] for f in _FIELDS if f.metadata.get("env"))


# ---------------------------------------------------------------------------------- resolution
def _credentials(
    access_id: str | None,
    access_key: str | None,
    email: str | None,
    password: str | None,
    token: str | None,
) -> Credentials:
    """Access key > password > token; a half pair is an error (never echoes a secret)."""
    if (access_id is None) != (access_key is None):
        missing = "access_key" if access_key is None else "access_id"
        raise ConfigurationError(
            f"access_id and access_key go together; {missing} is missing "
            "(argument or PEERCLICK_ACCESS_ID / PEERCLICK_ACCESS_KEY)"
        )
    if (email is None) != (password is None):
        missing = "password" if password is None else "email"
        raise ConfigurationError(
            f"email and password go together; {missing} is missing "
            "(argument or PEERCLICK_EMAIL / PEERCLICK_PASSWORD)"
        )
    if access_id is not None and access_key is not None:
        return Credentials("access_key", access_id, access_key)
    if email is not None and password is not None:
        return Credentials("password", email, password)
    if token is not None:
        if not _HEADER_SAFE.fullmatch(token):
            # Never echo it: it is a secret, and CR/LF in a header would split the request.
            raise ConfigurationError(
                "token contains characters that cannot be sent in a header (only visible ASCII, "
                "no spaces, CR or LF)"
            )
        return Credentials("token", None, token)
    raise ConfigurationError(
        "no PeerClick credentials: pass access_id= and access_key= (or email= and password=, or "
        "token=), or set PEERCLICK_ACCESS_ID and PEERCLICK_ACCESS_KEY (or PEERCLICK_EMAIL and "
        "PEERCLICK_PASSWORD, or PEERCLICK_TOKEN)"
    )


def resolve_credentials(
    *,
    access_id: str | None = None,
    access_key: str | None = None,
    email: str | None = None,
    password: str | None = None,
    token: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Credentials:
    """The credentials alone, by ClientConfig's rules (the CLI's `auth whoami`)."""
    given = {"access_id": access_id, "access_key": access_key, "email": email}
    given |= {"password": password, "token": token}
    settings: dict[str, Any] = {k: value for k, value in given.items() if value is not None}
    _fill_from_env(settings, os.environ if env is None else env)
    for field in _FIELDS:
        if field.name in _CREDENTIALS and field.name in settings:
            _credential(None, field, settings[field.name])
    return _credentials(*(settings.get(name) for name in _CREDENTIALS))


def _fill_from_env(settings: dict[str, Any], env: Mapping[str, str]) -> None:
    """The environment variables of the settings not passed (credentials: only if none was)."""
    explicit = any(settings.get(name) is not None for name in _CREDENTIALS)
    for field in _FIELDS:
        name, variable = field.name, field.metadata.get("env")
        if variable is None or settings.get(name) is not None:
            continue
        if name in _CREDENTIALS and explicit:
            continue
        found = env.get(variable)
        if found and not found.strip():
            raise ConfigurationError(f"{variable} ({name}) is blank")
        if found:
            settings[name] = found


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _resolve_url(raw: str, api_version: str | None) -> httpx.URL:
    """The URL every operation path is appended to: `<base_url>/<api_version>`.

    HTTPS is required, except on loopback (local fakes, Prism). `api_version=None` or "" sends
    paths without a version prefix, as a spec-driven mock expects. A base URL that already ends
    in a version segment (`.../v1`, `.../v1_1`) is used as given.
    """
    if not raw.strip():
        raise ConfigurationError("base_url is empty")
    try:
        url = httpx.URL(raw)
    except httpx.InvalidURL:
        raise ConfigurationError("base_url is not a valid URL") from None
    if url.userinfo:
        # Never echo it: the userinfo may hold a password. Credentials go in their arguments.
        raise ConfigurationError(
            "base_url must not contain a user name or password (user:pass@host); pass the "
            "credentials as access_id=/access_key= (or email=/password=) instead"
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"base_url must be an http(s) URL with a host, got {raw!r}")
    if url.scheme != "https" and not _is_loopback(url.host):
        raise ConfigurationError(
            f"base_url must use https (plain http is allowed only on loopback), got {raw!r}"
        )
    if url.query or url.fragment:
        raise ConfigurationError("base_url must not carry a query or fragment")
    path = url.path.rstrip("/")
    if _VERSION_SEGMENT.fullmatch(path.rsplit("/", 1)[-1]):
        # The base URL names a version already (https://api.peerclick.com/v1): keep it as given.
        return url.copy_with(path=path)
    if api_version:
        if not _VERSION_SEGMENT.fullmatch(api_version):
            raise ConfigurationError(f"api_version must look like 'v1_1', got {api_version!r}")
        path = f"{path}/{api_version}"
    return url.copy_with(path=path or "/")
