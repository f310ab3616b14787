"""A throwaway docs site on 127.0.0.1 for the spec-pull tests: each path answers a canned reply."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit


@dataclass
class Reply:
    """What one path answers. `{base}` in the body becomes the server's own http://host:port."""

    body: bytes | str
    content_type: str = "application/json"
    status: int = 200
    delay: float = 0.0  # seconds before answering (ends early when the server stops)
    send_length: bool = True  # False: no Content-Length, the body runs until the socket closes
    headers: dict[str, str] = field(default_factory=dict)  # e.g. {"Location": "/b"} for a 302


class SpecServer:
    """`with SpecServer({"/": Reply(...)}) as site:` serves until the block ends; 404 elsewhere."""

    def __init__(self, routes: dict[str, Reply]) -> None:
        self.routes = routes
        self.hits: list[str] = []
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> SpecServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                site.hits.append(path)
                reply = site.routes.get(path)
                if reply is None:
                    reply = Reply(b"not found", "text/plain", 404)
                if reply.delay and site._stop.wait(reply.delay):
                    return
                body = reply.body if isinstance(reply.body, bytes) else reply.body.encode()
                body = body.replace(b"{base}", site.base.encode())
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.send_length:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first (size cap, timeout): that is the test

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def small_spec(title: str = "Things API") -> dict[str, object]:
    """A valid OpenAPI 3.0 document with one operation, global security and a shared schema."""
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1"},
        "paths": {
            "/thing/{thingId}": {
                "get": {
                    "tags": ["thing"],
                    "operationId": "getThing",
                    "parameters": [
                        {
                            "name": "thingId",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "securitySchemes": {
                "apiToken": {"type": "apiKey", "in": "header", "name": "api-token"}
            },
            "schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "integer"}}}},
        },
        "security": [{"apiToken": []}],
        "servers": [{"url": "https://api.example.test/v1"}],
    }


def swagger2_spec() -> dict[str, object]:
    """A Swagger 2.0 document with a `collectionFormat: csv` array parameter."""
    return {
        "swagger": "2.0",
        "info": {"title": "Legacy", "version": "1"},
        "host": "api.example.test",
        "basePath": "/v1",
        "schemes": ["https"],
        "produces": ["application/json"],
        "securityDefinitions": {
            "apiToken": {"type": "apiKey", "in": "header", "name": "api-token"}
        },
        "security": [{"apiToken": []}],
        "paths": {
            "/report": {
                "get": {
                    "tags": ["report"],
                    "operationId": "getReport",
                    "parameters": [
                        {
                            "name": "columns",
                            "in": "query",
                            "type": "array",
                            "items": {"type": "string"},
                            "collectionFormat": "csv",
                        },
                        {"name": "from", "in": "query", "type": "string", "required": True},
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "schema": {
                                "type": "object",
                                "properties": {"total": {"type": "integer"}},
                            },
                        }
                    },
                }
            }
        },
    }
