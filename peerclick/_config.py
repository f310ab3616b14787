"""Client settings: arguments, then environment variables, checked before any request is sent."""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from peerclick.errors import ConfigurationError

__all__ = [
    "DEFAULT_API_VERSION",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_TOKEN_LIFETIME",
    "ENV_VARS",
    "Credentials",
    "check_callable",
    "check_seconds",
    "check_timeout",
    "check_token_store",
    "resolve_base_url",
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

ENV_VARS = (
    "PEERCLICK_ACCESS_ID",
    "PEERCLICK_ACCESS_KEY",
    "PEERCLICK_EMAIL",
    "PEERCLICK_PASSWORD",
    "PEERCLICK_TOKEN",
    "PEERCLICK_BASE_URL",
)


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


def _pick(value: str | None, env: Mapping[str, str], name: str) -> str | None:
    arg = name.lower()
    if value is not None:
        if not isinstance(value, str):
            raise TypeError(f"{arg} must be a str, got {type(value).__name__}")
        if not value.strip():
            raise ConfigurationError(f"{arg} is empty or blank")
        return value
    found = env.get(f"PEERCLICK_{name}")
    if found is not None and found and not found.strip():
        raise ConfigurationError(f"PEERCLICK_{name} ({arg}) is blank")
    return found if found else None


def resolve_credentials(
    *,
    access_id: str | None,
    access_key: str | None,
    email: str | None,
    password: str | None,
    token: str | None,
    env: Mapping[str, str] | None = None,
) -> Credentials:
    """Arguments win over the environment; within each, access key > password > token."""
    env = os.environ if env is None else env
    explicit = any(v is not None for v in (access_id, access_key, email, password, token))
    source: Mapping[str, str] = {} if explicit else env
    access_id = _pick(access_id, source, "ACCESS_ID")
    access_key = _pick(access_key, source, "ACCESS_KEY")
    email = _pick(email, source, "EMAIL")
    password = _pick(password, source, "PASSWORD")
    token = _pick(token, source, "TOKEN")

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


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_base_url(
    base_url: str | None, api_version: str | None, env: Mapping[str, str] | None = None
) -> httpx.URL:
    """The URL every operation path is appended to: `<base_url>/<api_version>`.

    HTTPS is required, except on loopback (local fakes, Prism). `api_version=None` or "" sends
    paths without a version prefix, as a spec-driven mock expects. A base URL that already ends
    in a version segment (`.../v1`, `.../v1_1`) is used as given.
    """
    env = os.environ if env is None else env
    if api_version is not None and not isinstance(api_version, str):
        raise TypeError(f"api_version must be a str or None, got {type(api_version).__name__}")
    raw = base_url if base_url is not None else env.get("PEERCLICK_BASE_URL") or DEFAULT_BASE_URL
    if not isinstance(raw, str):
        raise TypeError(f"base_url must be a str, got {type(raw).__name__}")
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


def check_seconds(value: Any, name: str, *, positive: bool = True) -> float:
    """A finite number of seconds (> 0, or >= 0); bools and strings are refused, not guessed at."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}")
    if not math.isfinite(value) or value < 0 or (positive and value == 0):
        bound = "> 0" if positive else ">= 0"
        raise ValueError(f"{name} must be a finite number of seconds {bound}, got {value!r}")
    return float(value)


def check_timeout(value: Any) -> httpx.Timeout | None:
    """`timeout=`: seconds, an httpx.Timeout (each part finite and > 0, or None), or None."""
    if value is None:
        return None
    if isinstance(value, httpx.Timeout):
        for part, seconds in value.as_dict().items():
            if seconds is not None:
                check_seconds(seconds, f"timeout.{part}")
        return value
    return httpx.Timeout(check_seconds(value, "timeout"))


def check_callable(value: Any, name: str) -> None:
    if value is not None and not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")


def check_token_store(value: Any) -> None:
    """`token_store=`: None or an object with load/save/discard/lock (contract C4)."""
    if value is None:
        return
    missing = [
        m for m in ("load", "save", "discard", "lock") if not callable(getattr(value, m, None))
    ]
    if missing:
        raise TypeError(
            f"token_store must be a peerclick TokenStore (load/save/discard/lock), got "
            f"{type(value).__name__} without {', '.join(missing)}"
        )
