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

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import httpx

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
    "error_for_response",
]

BODY_EXCERPT = 500


class PeerClickError(Exception):
    """Base of every error this SDK raises on purpose."""


class ConfigurationError(PeerClickError, ValueError):
    """The client's settings are missing or wrong; raised before any request."""


class ClientClosedError(PeerClickError, RuntimeError):
    """The client was closed (``close()`` / ``aclose()``); make a new one to send requests."""


def _where(request: httpx.Request | None) -> str:
    # Method and path only: the query may carry filters, and nothing else of a request is safe.
    return f"{request.method} {request.url.path}" if request is not None else ""


class APIConnectionError(PeerClickError):
    """No HTTP answer: DNS, connect, TLS, read or protocol failure."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class ResponseValidationError(PeerClickError):
    """A successful status whose body is not what the spec promises (not JSON, wrong shape)."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        body: Any = None,
        request: httpx.Request | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body
        self.request = request


class APIError(PeerClickError):
    """PeerClick answered with an error status.

    Attributes:
        status_code: the HTTP status.
        body: the parsed JSON body, or the raw text when it was not JSON.
        request: the httpx request (method and URL; never print its headers).
        description: the vendor's human-readable message, when it sent one.
        code: the vendor's machine code (``error.code``), when it sent one.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: Any = None,
        request: httpx.Request | None = None,
        description: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.body = body
        self.request = request
        self.description = description
        self.code = code

    @property
    def method(self) -> str | None:
        return self.request.method if self.request is not None else None

    @property
    def path(self) -> str | None:
        return self.request.url.path if self.request is not None else None


class BadRequestError(APIError):
    """400: the API rejected the parameters."""


class AuthenticationError(APIError):
    """401: credentials refused, or the token was rejected even after a refresh."""


class PermissionDeniedError(APIError):
    """403: the account or user may not do this."""


class NotFoundError(APIError):
    """404: unknown id or path."""


class ConflictError(APIError):
    """409: the change conflicts with the current state."""


class UnprocessableEntityError(APIError):
    """422: the request broke the API's schema."""


class RateLimitError(APIError):
    """429 from PeerClick, or the client-side budget could not be had in time (status 429).

    Attributes:
        retry_after: seconds the server (or the local budget) asked to wait, when known.
    """

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("status_code", 429)
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class CostUpdateLimitError(RateLimitError):
    """A 4th manual-cost task for one campaign within a rolling hour, refused before sending.

    PeerClick allows 3 per campaign per hour. Client-side, so `status_code` is None.

    Attributes:
        campaign_id: the campaign whose hourly allowance is used up.
        retry_at: when the next task becomes possible (aware, UTC).
    """

    def __init__(
        self, message: str, *, campaign_id: int, retry_at: datetime, retry_after: float
    ) -> None:
        super().__init__(message, retry_after=retry_after, status_code=None)
        self.campaign_id = campaign_id
        self.retry_at = retry_at


class RateLimiterUnavailableError(PeerClickError):
    """The shared rate-limit store (SQLite file, Redis) failed; the request was not sent.

    Raised instead of sending without a budget: an unreachable store never means "unlimited".
    """


class ServerError(APIError):
    """5xx, or a status outside the standard range: worth retrying later."""


_STATUS_TO_ERROR: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _error_class(status: int) -> type[APIError]:
    if status in _STATUS_TO_ERROR:
        return _STATUS_TO_ERROR[status]
    if status >= 500 or status < 100:
        return ServerError
    return APIError


def parse_body(response: httpx.Response) -> Any:
    """The body as JSON when it is JSON, else as text (never raises)."""
    text = response.text
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def vendor_text(body: Any) -> tuple[str | None, str | None]:
    """(description, code) from PeerClick's `description` or Voluum's `error` body shapes."""
    if not isinstance(body, dict):
        return None, None
    description = body.get("description") if isinstance(body.get("description"), str) else None
    code = None
    nested = body.get("error")
    if isinstance(nested, dict):
        if isinstance(nested.get("code"), str):
            code = nested["code"]
        if description is None and isinstance(nested.get("description"), str):
            description = nested["description"]
    elif isinstance(nested, str) and description is None:
        description = nested
    return description, code


def excerpt(body: Any) -> str:
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= BODY_EXCERPT else text[:BODY_EXCERPT] + "…"


def error_for_response(
    response: httpx.Response, *, retry_after: float | None = None, note: str | None = None
) -> APIError:
    """Build the typed error for an error response (the body must already be read)."""
    status = response.status_code
    body = parse_body(response)
    description, code = vendor_text(body)
    request = response.request if _has_request(response) else None
    detail = code or description
    if detail is None and body is not None:
        detail = excerpt(body)
    message = f"{status} {response.reason_phrase or ''}".strip()
    if request is not None:
        message += f" from {_where(request)}"
    if detail:
        message += f": {detail}"
    if note:
        message += f" ({note})"
    cls = _error_class(status)
    kwargs: dict[str, Any] = {
        "status_code": status,
        "body": body,
        "request": request,
        "description": description,
        "code": code,
    }
    if cls is RateLimitError:
        return RateLimitError(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)


def _has_request(response: httpx.Response) -> bool:
    try:
        response.request  # noqa: B018 - raises RuntimeError when the response has no request
    except RuntimeError:
        return False
    return True
