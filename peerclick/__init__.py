"""peerclick: the Python SDK for the PeerClick tracker API.

    from peerclick import PeerClick
    with PeerClick() as pc:              # PEERCLICK_ACCESS_ID / PEERCLICK_ACCESS_KEY
        report = pc.reports.get(group_by="campaign", date_from="2026-11-01")

`pc.api` is the generated low-level client with the same token, limits and retries.
"""

from peerclick import errors
from peerclick._client import AsyncPeerClick, PeerClick
from peerclick._progress import Progress
from peerclick._ratelimit import BudgetState, LimiterState, RateLimiter, RateLimits
from peerclick._retry import RetryPolicy
from peerclick._token_store import MemoryTokenStore, StoredToken, TokenStore
from peerclick._version import __version__
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

for _name in (
    "AsyncPeerClick",
    "BudgetState",
    "LimiterState",
    "MemoryTokenStore",
    "PeerClick",
    "Progress",
    "RateLimiter",
    "RateLimits",
    "RetryPolicy",
    "StoredToken",
    "TokenStore",
):
    globals()[_name].__module__ = "peerclick"
del _name
