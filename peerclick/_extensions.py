"""The names the layers use to talk through a request's or response's ``extensions``.

A neutral module, imported by the transports, SessionAuth and the resources alike, so none of
them has to import another for a constant (import-linter's contracts in pyproject.toml keep the
resources away from the transports). ``parsed_json`` lives here with the key it reads.
"""

from __future__ import annotations

import httpx

from peerclick.errors import parse_body

__all__ = ["AUTH_EXTENSION", "FACADE_EXTENSION", "PARSED_JSON", "parsed_json"]

# Where the parsed body is kept on the response, so nobody parses it a second time.
PARSED_JSON = "peerclick.parsed_json"
# Marks a request sent by the facade (send_sync/send_async): it takes any 2xx JSON, even empty.
FACADE_EXTENSION = "peerclick.facade"
# Marks a request SessionAuth signed or built: its 401 is handed back to SessionAuth.
AUTH_EXTENSION = "peerclick.auth"


def parsed_json(response: httpx.Response) -> object:
    """The JSON value the transport parsed from this response (None for an empty body)."""
    if PARSED_JSON in response.extensions:
        return response.extensions[PARSED_JSON]
    if not response.content.strip():
        return None
    return parse_body(response)
