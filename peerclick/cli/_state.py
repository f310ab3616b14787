"""What every command shares: the global options and how a client is built from them.

Configuration is the library's own: `PeerClick()` reads PEERCLICK_ACCESS_ID / _ACCESS_KEY (or
_EMAIL / _PASSWORD, or _TOKEN), PEERCLICK_BASE_URL and PEERCLICK_LIMITER_URL; `--base-url` and
`--api-version` override the first two settings. The CLI adds only the token cache.

Test seam: pass `Seams(transport=fake.transport())` as the click context object
(`CliRunner().invoke(app, args, obj=Seams(...))`) and every command's client talks to that
transport in process; `client_options` are extra `PeerClick(...)` keywords (e.g. `rate_limits`),
`sleep` replaces the waits of `costs sync`, `cache_dir` the user cache dir.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import httpx

from peerclick._client import PeerClick

__all__ = ["CACHE_DIR_ENV", "CliState", "Seams", "cache_dir"]

CACHE_DIR_ENV = "PEERCLICK_CACHE_DIR"
"""Overrides the user cache dir (token cache, `costs sync` state)."""


@attrs.frozen
class Seams:
    """What tests (or embedding programs) may replace; the defaults are the real ones."""

    transport: httpx.BaseTransport | None = None
    client_options: Mapping[str, Any] = attrs.field(factory=dict)
    sleep: Callable[[float], None] = time.sleep
    cache_dir: Path | None = None


def cache_dir(seams: Seams) -> Path:
    """The directory for the CLI's own files: the seam, PEERCLICK_CACHE_DIR, else the user cache."""
    if seams.cache_dir is not None:
        return seams.cache_dir
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("peerclick", appauthor=False))


@attrs.define
class CliState:
    """The global options, resolved once in the app callback (`ctx.obj`)."""

    seams: Seams = attrs.field(factory=Seams)
    base_url: str | None = None
    api_version: str | None = None
    token_cache: bool = True
    debug: bool = False

    def client(self, **overrides: Any) -> PeerClick:
        """A PeerClick client configured from the environment and the global options."""
        kwargs: dict[str, Any] = {"base_url": self.base_url}
        if self.api_version is not None:
            kwargs["api_version"] = self.api_version or None
        if self.seams.transport is not None:
            kwargs["transport"] = self.seams.transport
        if self.token_cache:
            from peerclick.cli._token_cache import FileTokenStore

            kwargs["token_store"] = FileTokenStore(cache_dir(self.seams) / "tokens")
        kwargs.update(self.seams.client_options)
        kwargs.update(overrides)
        return PeerClick(**kwargs)
