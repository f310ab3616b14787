"""Every error the SDK raises.

The tree::

    PeerClickError
    ├── ConfigurationError            (a ValueError) bad or missing settings, before any request
    ├── ClientClosedError             (a RuntimeError) the client was closed before this call
    ├── APIConnectionError            the request did not get an HTTP answer
    │   └── APITimeoutError
    ├── ResponseValidationError       a 2xx answer whose body does not match the spec
    └── APIError                      PeerClick answered with an error status
        ├── BadRequestError           400
        ├── AuthenticationError       401 (credentials refused, token expired twice)
        ├── PermissionDeniedError     403
        ├── NotFoundError             404
        ├── ConflictError             409
        ├── UnprocessableEntityError  422
        ├── RateLimitError            429, or the client-side budget wait would exceed its bound
        │   └── CostUpdateLimitError  a 4th manual-cost task per campaign within an hour
        └── ServerError               5xx (and non-standard statuses such as 520)

Messages are built from the status, the request's method and path, and the vendor's own text, never
from headers or bodies that were sent: no access key, password or token can appear in them.
"""

from peerclick._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConfigurationError,
    ConflictError,
    CostUpdateLimitError,
    NotFoundError,
    PeerClickError,
    PermissionDeniedError,
    RateLimitError,
    RateLimiterUnavailableError,
    ResponseValidationError,
    ServerError,
    UnprocessableEntityError,
    body_text,
    error_for_response,
    excerpt,
    lenient_json,
    parse_body,
)

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "CostUpdateLimitError",
    "NotFoundError",
    "PeerClickError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimiterUnavailableError",
    "ResponseValidationError",
    "ServerError",
    "UnprocessableEntityError",
    "body_text",
    "error_for_response",
    "excerpt",
    "lenient_json",
    "parse_body",
]

for _name in __all__:  # tracebacks and reprs say peerclick.errors.NotFoundError, as documented
    _member = globals()[_name]
    if isinstance(_member, type) or callable(_member):
        _member.__module__ = __name__
del _name, _member
