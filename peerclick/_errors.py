"""The errors and the helpers that build them; `peerclick.errors` is their public face.

The tree and the rules for messages are in that module's docstring. Kept apart so the public
module's namespace holds the error classes alone (tests/test_exports.py checks it exactly).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from http import HTTPStatus
from typing import Any

import httpx

# The public names are listed once, in peerclick.errors, which re-exports them.

BODY_EXCERPT = 500
_NO_BODY: Any = object()


class PeerClickError(Exception):
    """Base of every error this SDK raises on purpose."""


class ConfigurationError(PeerClickError, ValueError):
    """The client's settings are missing or wrong; raised before any request."""


class ClientClosedError(PeerClickError, RuntimeError):
    """The client was closed (``close()`` / ``aclose()``); make a new one to send requests."""


def _where(request: httpx.Request | None) -> str:
    # Method and path only: the query may carry filters, and nothing else of a request is safe.
    return f"{request.method} {request.url.path}" if request is not None else ""


class _RequestInfo:
    """`method` and `path` of the (redacted) request an error carries."""

    request: httpx.Request | None

    @property
    def method(self) -> str | None:
        return self.request.method if self.request is not None else None

    @property
    def path(self) -> str | None:
        return self.request.url.path if self.request is not None else None


class APIConnectionError(_RequestInfo, PeerClickError):
    """No HTTP answer: DNS, connect, TLS, read or protocol failure (also mid-body).

    Attributes:
        request: a redacted copy of the request (no token, no login body).
    """

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class ResponseValidationError(_RequestInfo, PeerClickError):
    """A successful status whose body is not what the spec promises (not JSON, wrong shape),
    or a body that could not be read as sent (a false Content-Encoding, over the size cap).

    Attributes:
        status_code: the HTTP status; body: the body (or its start, as text), secrets scrubbed;
        request: a redacted copy of the request.
    """

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


def body_text(content: bytes) -> str:
    """A body as text for humans: UTF-8, undecodable bytes replaced (never raises)."""
    return content.decode("utf-8", errors="replace")


def lenient_json(text: str) -> Any:
    """`text` parsed as JSON when it is JSON, else the text itself; None for an empty body.

    Never raises: a body nested too deep for the parser (RecursionError) stays text.
    """
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


def parse_body(response: httpx.Response) -> Any:
    """The body as JSON when it is JSON, else as text (never raises)."""
    return lenient_json(body_text(response.content))


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
    """At most BODY_EXCERPT characters of a body, on one line."""
    if isinstance(body, bytes):
        body = body_text(body)
    if isinstance(body, str):
        text = body
    else:
        try:
            text = json.dumps(body, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            text = repr(body)
    text = " ".join(text[: BODY_EXCERPT * 4].split())
    return text if len(text) <= BODY_EXCERPT else text[:BODY_EXCERPT] + "…"


def _identity(text: str) -> str:
    return text


def error_for_response(
    response: httpx.Response,
    *,
    retry_after: float | None = None,
    note: str | None = None,
    request: httpx.Request | None = None,
    scrub: Callable[[str], str] | None = None,
    status_code: int | None = None,
    body: Any = _NO_BODY,
) -> APIError:
    """Build the typed error for an error response (its body must already be read).

    Args:
        response: the answer.
        retry_after: seconds a 429 asked to wait.
        note: a few words of context appended to the message.
        request: the (redacted) request to keep on the error; defaults to a redacted copy of
            ``response.request``.
        scrub: replaces known secrets in the vendor's text (and so in the body kept).
        status_code: the status to report instead of the HTTP one (a 2xx error envelope).
        body: the parsed body, when the caller has it already.
    """
    clean = scrub or _identity
    status = response.status_code if status_code is None else status_code
    if body is _NO_BODY:
        text = clean(body_text(response.content))
        body = lenient_json(text)
    elif scrub is not None:
        body = lenient_json(clean(json.dumps(body))) if _dumpable(body) else body
    description, code = vendor_text(body)
    if request is None and _has_request(response):
        from peerclick._redact import redact_request

        request = redact_request(response.request)
    detail = description or code
    if description and code and code not in description:
        detail = f"{description} [{code}]"
    if detail is None and body is not None:
        detail = excerpt(body)
    reason = response.reason_phrase if status_code is None else _reason(status)
    message = f"{status} {reason or ''}".strip()
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


def _dumpable(body: Any) -> bool:
    try:
        json.dumps(body)
    except (TypeError, ValueError, RecursionError):
        return False
    return True


def _reason(status: int) -> str:
    try:
        return str(HTTPStatus(status).phrase)
    except ValueError:
        return ""


def _has_request(response: httpx.Response) -> bool:
    try:
        response.request  # noqa: B018 - raises RuntimeError when the response has no request
    except RuntimeError:
        return False
    return True
