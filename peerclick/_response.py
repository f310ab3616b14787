"""From an httpx response to what callers want: a typed error, or the unwrapped entity.

PeerClick wraps answers in an envelope (`{"description": "Success", "offer": {...}}`); a 2xx whose
envelope says something other than "Success", or carries an error status, is an error too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from peerclick._extensions import parsed_json  # re-exported: it moved to the neutral module
from peerclick._redact import redact_request
from peerclick._retry import retry_after_from_headers
from peerclick.errors import (
    error_for_response,
)

__all__ = [
    "check_envelope",
    "parsed_json",
    "raise_for_status",
    "retry_after_seconds",
]

T = TypeVar("T")
SUCCESS = "success"


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Seconds the response's `Retry-After` (or `retry-after-ms`) asks for, if any."""
    return retry_after_from_headers(response.headers, time.time())


def raise_for_status(response: httpx.Response) -> None:
    """Raise the typed error for a non-2xx response (its body must be read already)."""
    if response.is_success:
        return
    raise error_for_response(response, retry_after=retry_after_seconds(response))


def check_envelope(
    response: httpx.Response,
    body: Mapping[str, Any],
    *,
    request: httpx.Request | None = None,
    scrub: Callable[[str], str] | None = None,
) -> None:
    """Raise when a 2xx body says it failed: a status >= 400, or only an error description.

    `{"status": 500, "description": "..."}` raises ServerError (status 500); an error-only
    envelope (`{"description": "Invalid token"}`, no payload) raises BadRequestError (400). The
    message says the HTTP status it came with.
    """
    status = body.get("status")
    description = body.get("description")
    failed_status = isinstance(status, int) and not isinstance(status, bool) and status >= 400
    failed_text = isinstance(description, str) and description.strip().lower() != SUCCESS
    # A description without a status is only an error when the body carries no entity at all;
    # PeerClick may use `description` for other human text next to a real payload.
    if failed_status or (failed_text and set(body) <= {"description", "status", "error"}):
        code = status if failed_status else 400
        assert isinstance(code, int)
        raise error_for_response(
            response,
            note=f"sent with HTTP {response.status_code}",
            request=None if request is None else redact_request(request),
            scrub=scrub,
            status_code=code,
            body=dict(body),
        )
