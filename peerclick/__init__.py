"""peerclick: the Python SDK for the PeerClick tracker API.

    from peerclick import PeerClick
    with PeerClick() as pc:              # PEERCLICK_ACCESS_ID / PEERCLICK_ACCESS_KEY
        report = pc.reports.get("campaign", date_from="2026-11-20", date_to="2026-11-27")

`pc.api` is the generated low-level client with the same token, limits and retries.
"""

import typing as _typing

from peerclick._version import __version__

if (
    _typing.TYPE_CHECKING
):  # what type checkers and editors see; at run time each name loads on first use
    from peerclick import errors
    from peerclick._client import AsyncPeerClick, PeerClick
    from peerclick._progress import Progress
    from peerclick._ratelimit import BudgetState, LimiterState, RateLimiter, RateLimits
    from peerclick._retry import RetryPolicy
    from peerclick._token_store import MemoryTokenStore, StoredToken, TokenStore
    from peerclick.errors import (
        APIConnectionError,
        APIError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConfigurationError,
        ConflictError,
        NotFoundError,
        PeerClickError,
        PermissionDeniedError,
        RateLimitError,
        ResponseValidationError,
        ServerError,
        UnprocessableEntityError,
    )

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncPeerClick",
    "AuthenticationError",
    "BadRequestError",
    "BudgetState",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "LimiterState",
    "MemoryTokenStore",
    "NotFoundError",
    "PeerClick",
    "PeerClickError",
    "PermissionDeniedError",
    "Progress",
    "RateLimitError",
    "RateLimiter",
    "RateLimits",
    "ResponseValidationError",
    "RetryPolicy",
    "ServerError",
    "StoredToken",
    "TokenStore",
    "UnprocessableEntityError",
    "__version__",
    "errors",
]

# Where each public name lives. `import peerclick` loads none of it (httpx, attrs and the client
# load on first use), so the pytest plugin and `peerclick --help` cost almost nothing until used.
_HOMES = {
    "AsyncPeerClick": "peerclick._client",
    "PeerClick": "peerclick._client",
    "Progress": "peerclick._progress",
    "BudgetState": "peerclick._ratelimit",
    "LimiterState": "peerclick._ratelimit",
    "RateLimiter": "peerclick._ratelimit",
    "RateLimits": "peerclick._ratelimit",
    "RetryPolicy": "peerclick._retry",
    "MemoryTokenStore": "peerclick._token_store",
    "StoredToken": "peerclick._token_store",
    "TokenStore": "peerclick._token_store",
}
_ERRORS = frozenset(__all__) - {*_HOMES, "__version__", "errors"}  # re-exported from errors

if (
    not _typing.TYPE_CHECKING
):  # for type checkers the imports above are the namespace: typos stay errors
    import importlib as _importlib

    def __getattr__(name: str) -> object:
        """Load a public name on first use (PEP 562); its class is owned by `peerclick`."""
        if name == "errors" or name in _ERRORS:
            module = _importlib.import_module("peerclick.errors")
            value = module if name == "errors" else getattr(module, name)
        elif name in _HOMES:
            home = _importlib.import_module(_HOMES[name])
            for owned, where in _HOMES.items():  # every class of that module, once
                if where == _HOMES[name]:
                    getattr(home, owned).__module__ = "peerclick"
            value = getattr(home, name)
        else:
            raise AttributeError(f"module 'peerclick' has no attribute {name!r}")
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
