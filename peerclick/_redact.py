"""Keeping secrets out of what errors, logs and answers carry.

- :func:`redact_request` copies a request without its credentials: the `api-token`,
  `authorization`, `cookie` and `proxy-authorization` headers are replaced by "[redacted]",
  and the body of a login request (access key or password) is dropped. Errors and answers carry
  this copy, never the request that went on the wire.
- :class:`Secrets` is the set of secret strings one client knows (its access key or password,
  every token it was given or issued); vendor text and log lines pass through :meth:`Secrets.scrub`.

Why not a library: httpx hides only `authorization` headers in its reprs and has no redacted
copy; the scrubbing is plain substring replacement over a handful of strings.
"""

from __future__ import annotations

import threading

import httpx

__all__ = [
    "LOGIN_EXTENSION",
    "REDACTED",
    "SECRET_HEADERS",
    "Secrets",
    "is_login",
    "redact_request",
]

REDACTED = "[redacted]"
#: Marks a request built by SessionAuth to obtain a token (its body holds a secret).
LOGIN_EXTENSION = "peerclick.login"
SECRET_HEADERS = frozenset({"api-token", "authorization", "proxy-authorization", "cookie"})
_SHORTEST_SECRET = 4  # shorter strings would scrub ordinary words


def is_login(request: httpx.Request) -> bool:
    return bool(request.extensions.get(LOGIN_EXTENSION))


def redact_request(request: httpx.Request) -> httpx.Request:
    """A copy of `request` safe to keep on an error: no credential header, no login body."""
    headers = [
        (name, REDACTED if name.lower() in SECRET_HEADERS else value)
        for name, value in request.headers.multi_items()
    ]
    content = b""
    if not is_login(request):
        try:
            content = request.content
        except httpx.RequestNotRead:
            content = b""
    copy = httpx.Request(
        request.method,
        request.url,
        headers=[(k, v) for k, v in headers if k.lower() != "content-length"],
        content=content,
        extensions={k: v for k, v in request.extensions.items() if isinstance(k, str)},
    )
    return copy


class Secrets:
    """The secret strings one client knows; thread-safe, append-only."""

    def __init__(self, *values: str | None) -> None:
        self._lock = threading.Lock()
        self._values: tuple[str, ...] = ()
        for value in values:
            self.add(value)

    def __repr__(self) -> str:
        return f"<Secrets n={len(self._values)}>"

    def add(self, value: str | None) -> None:
        if not value or len(value) < _SHORTEST_SECRET:
            return
        with self._lock:
            if value not in self._values:
                # Longest first, so a secret that contains another is replaced whole.
                self._values = tuple(sorted((*self._values, value), key=len, reverse=True))

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and any(v in text for v in self._values)

    def scrub(self, text: str) -> str:
        for value in self._values:
            if value in text:
                text = text.replace(value, REDACTED)
        return text
