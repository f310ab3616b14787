"""What the fake saw: one record per request, without secrets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

__all__ = ["RequestRecord", "path_matches"]


@attrs.frozen
class RequestRecord:
    """One request as the fake handled it.

    Attributes:
        time: Clock time (epoch seconds) when it arrived.
        method: Upper-case HTTP method.
        path: The API path without the version prefix, e.g. `/report` or `/offer/3`.
        version: `v1_1`, `v1`, or None when sent without a prefix.
        query: Query parameters, each with all its values.
        token_id: Which session the `api-token` belonged to (`tok-1`…), `"unknown"` for a token
            the fake never issued, None when absent. Never the token itself.
        account: The account the request was made for, when known.
        operation_id: The spec operation it matched, if any.
        status: The status answered, or None when the connection was dropped.
        fault: The injected fault that shaped the answer, if any.
    """

    time: float
    method: str
    path: str
    version: str | None
    query: Mapping[str, tuple[str, ...]]
    token_id: str | None
    account: str | None
    operation_id: str | None
    status: int | None
    fault: str | None = None


def path_matches(path: str, prefix: str) -> bool:
    """`/report` matches `/report` and `/report/conversions`, not `/reports`."""
    prefix = "/" + prefix.strip("/")
    return path == prefix or path.startswith(prefix + "/") or prefix == "/"


def query_of(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return {k: tuple(v) for k, v in out.items()}
