"""Limiter and token-store URLs: which backend, where, and how to name it without its password.

``memory://``, ``sqlite:///relative/path``, ``sqlite:////absolute/path``, ``redis://[user:pass@]
host[:port][/db]`` and ``rediss://`` (TLS). A URL is shown in messages and reprs only through
:func:`redact`, which drops any user name and password.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import SplitResult, unquote, urlsplit

from peerclick.errors import ConfigurationError

if TYPE_CHECKING:
    from peerclick._token_store import TokenStore

__all__ = ["LIMITER_SETTING", "redact", "split", "sqlite_path"]

LIMITER_SETTING = "limiter (or PEERCLICK_LIMITER_URL)"
KINDS = "memory://, sqlite:///path or redis://host:port/db"


def split(url: object, setting: str = LIMITER_SETTING) -> SplitResult:
    """The URL's parts, or ConfigurationError naming ``setting`` (never echoing a password)."""
    if not isinstance(url, str):
        raise TypeError(f"{setting} must be a URL str, got {type(url).__name__}")
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigurationError(
            f"{setting} is not a valid URL ({redact(url)}); expected {KINDS}"
        ) from None
    return parts


def redact(url: str) -> str:
    """``url`` without user name or password (what messages and reprs may show)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        return "<unparsable URL>"
    if not parts.scheme:
        return "<URL without a scheme>"
    if parts.scheme in ("sqlite", "memory") and "@" not in parts.netloc:
        return url.strip()
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}{port}{parts.path}"


def sqlite_path(parts: SplitResult, setting: str = LIMITER_SETTING) -> str:
    """``sqlite:///rel/path`` -> ``rel/path``; ``sqlite:////abs/path`` -> ``/abs/path``."""
    if parts.netloc or not parts.path.startswith("/") or len(parts.path) < 2:
        raise ConfigurationError(
            f"{setting}: a SQLite URL is sqlite:///relative/path or sqlite:////absolute/path, "
            f"got {redact(parts.geturl())}"
        )
    if parts.query or parts.fragment:
        raise ConfigurationError(f"{setting}: a SQLite URL takes no ?query or #fragment")
    return unquote(parts.path[1:])


def check_redis_url(url: object, setting: str = LIMITER_SETTING) -> str:
    """``url`` if it is ``redis://host[:port][/db]`` or ``rediss://``, else ConfigurationError."""
    parts = split(url, setting)
    assert isinstance(url, str)
    db = parts.path[1:] if parts.path.startswith("/") else parts.path
    if parts.scheme not in ("redis", "rediss") or not parts.hostname or (db and not db.isdigit()):
        raise ConfigurationError(
            f"{setting}: a Redis URL is redis://[user:password@]host[:port][/db] (or rediss:// "
            f"for TLS), got {redact(url)}"
        )
    return url.strip()


TOKEN_SETTING = "token_store"


def open_token_store(url: str) -> TokenStore:
    """The token store a URL names: the same ``memory://``/``sqlite://``/``redis://`` URLs as
    the limiter's, so the workers that share a budget can share one session too.

    Raises:
        ConfigurationError: any other URL, naming the ``token_store`` setting.
    """
    parts = split(url, TOKEN_SETTING)
    if parts.scheme == "memory" and not (parts.netloc or parts.path or parts.query):
        from peerclick._token_store import MemoryTokenStore

        return MemoryTokenStore()
    if parts.scheme == "sqlite":
        from peerclick._stores.tokens import SQLiteTokenStore

        return SQLiteTokenStore(sqlite_path(parts, TOKEN_SETTING))
    if parts.scheme in ("redis", "rediss"):
        from peerclick._stores.tokens import RedisTokenStore

        return RedisTokenStore(check_redis_url(url, TOKEN_SETTING))
    raise ConfigurationError(f"{TOKEN_SETTING} URL must be {KINDS}, got {redact(url)}")
