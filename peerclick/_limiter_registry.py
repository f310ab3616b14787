"""Which :class:`RateLimiter` a client uses: the account's shared one, a URL's, or the caller's.

The budget belongs to the account, so by default every client of one account in this process
shares one limiter: a registry keyed by the base URL's origin and the access id or email (hashed;
never by a secret), holding its limiters by weak reference, so a budget lives exactly as long as
some client uses it. Clients with a fixed token have no identity but the token: in this process
they are told apart by an HMAC of it under a key made at import (never stored, logged or sent),
so clients of one token share a budget; with a store URL they draw on the origin's token budget.

``limiter=`` (or env ``PEERCLICK_LIMITER_URL``) may name a store instead: ``memory://`` is the
default above; ``sqlite:///path`` and ``redis://host:port/db`` are opened by
:func:`peerclick._budget_store.open_budget_store` (only then imported) and closed with the client.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import weakref
from collections.abc import Callable
from typing import Any

import httpx

from peerclick._limits import RateLimits
from peerclick._ratelimit import RateLimiter

__all__ = ["ENV_LIMITER_URL", "account_namespace", "release_limiter", "resolve_limiter"]

ENV_LIMITER_URL = "PEERCLICK_LIMITER_URL"
_MEMORY = "memory://"

_shared: weakref.WeakValueDictionary[tuple[str, RateLimits], RateLimiter] = (
    weakref.WeakValueDictionary()
)
_shared_lock = threading.Lock()
# How many open clients use each shared limiter. The last one to close takes the limiter out of
# the registry, so a closed client that lingers in a reference cycle cannot hand its pauses and
# adapted rate to the next client of the account (the weak reference alone would, until the
# garbage collector runs).
_leases: weakref.WeakKeyDictionary[RateLimiter, int] = weakref.WeakKeyDictionary()


# Fixed tokens are told apart in this process by an HMAC under this key; it never leaves memory,
# so the fingerprints mean nothing outside this process and cannot be tested against a guess.
_PROCESS_KEY = secrets.token_bytes(32)


def token_fingerprint(token: str) -> str:
    """What tells the clients of one fixed token apart in the registry, without the token."""
    return hmac.new(_PROCESS_KEY, token.encode(), hashlib.sha256).hexdigest()[:32]


def account_namespace(base_url: httpx.URL, kind: str, identity: str | None) -> str:
    """``peerclick:<hash>`` of origin + credential kind + access id/email (never a secret).

    A fixed token has no identity; its clients share the origin's ``token`` budget in a store.
    """
    origin = f"{base_url.scheme}://{base_url.host}:{base_url.port or ''}"
    who = identity if identity is not None else "(token)"
    digest = hashlib.sha256(f"{origin}\n{kind}\n{who}".encode()).hexdigest()[:20]
    return f"peerclick:{digest}"


def resolve_limiter(
    limiter: object,
    rate_limits: RateLimits | None,
    *,
    base_url: httpx.URL,
    kind: str,
    identity: str | None,
    token: str | None = None,
    clock: Callable[[], float] | None,
    sleep: Callable[[float], Any] | None,
    asynchronous: bool,
) -> tuple[RateLimiter, bool]:
    """The limiter for a new client, and whether the client owns (and so closes) it.

    A client's ``sleep`` is used for the limiter's waits too (one injectable sleep through the
    stack), and its ``clock`` along with it (a fake clock and its sleep); a ``clock`` alone is
    the token's and leaves the limiter on real time. Either gives the client its own limiter, so
    virtual time never reaches a budget shared with other clients.

    ``token``: a fixed token (for clients without an identity), only ever hashed here.

    Raises:
        TypeError: ``limiter`` is neither a RateLimiter, a URL string nor None.
        ConfigurationError: the URL (argument or env) names no known store.
    """
    if isinstance(limiter, RateLimiter):
        return limiter, False
    if limiter is not None and not isinstance(limiter, str):
        raise TypeError(
            "limiter must be a peerclick.RateLimiter, a store URL (memory://, sqlite:///path, "
            f"redis://host:port/db) or None, got {type(limiter).__name__}"
        )
    url = limiter if limiter is not None else os.environ.get(ENV_LIMITER_URL) or None
    limits = rate_limits or RateLimits()
    pacing: dict[str, Any] = {}
    if sleep is not None:  # the limiter waits through the client's sleep, like the retries
        pacing["asleep" if asynchronous else "sleep"] = sleep
        if clock is not None:  # and keeps time by the client's clock only along with it
            pacing["clock"] = clock
    paced = bool(pacing)
    namespace = account_namespace(base_url, kind, identity)
    if url is not None and url.strip() != _MEMORY:
        return RateLimiter(limits, store=url, namespace=namespace, **pacing), True
    if paced or (identity is None and not token):
        return RateLimiter(limits, namespace=namespace, **pacing), True
    key = namespace if identity is not None else f"{namespace}#{token_fingerprint(token or '')}"
    with _shared_lock:
        shared = _shared.get((key, limits))
        if shared is None or shared.closed:
            shared = RateLimiter(limits, namespace=namespace)
            _shared[key, limits] = shared
        _leases[shared] = _leases.get(shared, 0) + 1
        return shared, False


def release_limiter(limiter: RateLimiter) -> None:
    """A client of a shared limiter closed; the last one out removes it from the registry.

    Harmless for a limiter that the registry did not hand out (the caller's own, or a copy's).
    """
    with _shared_lock:
        count = _leases.get(limiter)
        if count is None:
            return
        if count > 1:
            _leases[limiter] = count - 1
            return
        del _leases[limiter]
        for key, value in list(_shared.items()):
            if value is limiter:
                del _shared[key]
