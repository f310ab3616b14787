"""What the fake sends back: replies, the spec's `Error` body and the exception that carries one."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["ApiError", "Reply", "error_body", "json_reply"]

_STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "BAD_CREDENTIALS",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    417: "EXPECTATION_FAILED",
    429: "NUMBER_OF_REQUEST_FOR_IP_EXCEEDED",
    500: "INTERNAL_SERVER_ERROR",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
}


@attrs.frozen
class Reply:
    """A complete HTTP answer: status, body bytes and headers (content type included)."""

    status: int
    body: bytes = b""
    headers: Mapping[str, str] = attrs.field(factory=dict)


def json_reply(status: int, payload: Any, headers: Mapping[str, str] | None = None) -> Reply:
    """A JSON reply; `payload` must be JSON-serialisable."""
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return Reply(status, body, {"content-type": "application/json", **(headers or {})})


class ApiError(Exception):
    """Raised inside handlers; the fake turns it into an `Error` body with this status.

    Args:
        status: HTTP status to answer with.
        description: Human-readable text; names the offending field where there is one.
        code: The Voluum-style `error.code`; defaults from the status.
        headers: Extra response headers (e.g. `Retry-After`).
        field: The request field at fault, echoed in `error.messages`.
    """

    def __init__(
        self,
        status: int,
        description: str,
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.code = code or _STATUS_CODES.get(status, "ERROR")
        self.headers = dict(headers or {})
        self.field = field


def error_body(error: ApiError, *, request_id: str, time: str) -> dict[str, Any]:
    """The spec's `Error` shape: PeerClick's top-level `description` plus Voluum's `error`."""
    messages: list[dict[str, str]] = []
    if error.field is not None:
        messages.append({"field": error.field, "message": error.description})
    return {
        "description": error.description,
        "error": {
            "code": error.code,
            "description": error.description,
            "messages": messages,
            "webRequestId": request_id,
            "time": time,
        },
    }
