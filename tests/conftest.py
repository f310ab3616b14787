"""Shared test helpers: a scripted in-process PeerClick and fast client settings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from peerclick import AsyncPeerClick, PeerClick, RateLimits

# Budgets far above what tests send, so pacing never slows a test that is not about pacing.
FAST_LIMITS = RateLimits(general=10_000, report=10_000, period=1.0, buffer_ms=0)

Handler = Callable[[httpx.Request], httpx.Response]


class Scripted:
    """Answers logins with a token and everything else with `routes[(METHOD, path)]`.

    Paths are relative to the version prefix (`/offer/1`). Records every request.
    """

    def __init__(self, routes: dict[tuple[str, str], Any] | None = None) -> None:
        self.routes: dict[tuple[str, str], Any] = dict(routes or {})
        self.requests: list[httpx.Request] = []
        self.logins = 0
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
            path = request.url.path.removeprefix("/v1_1")
            if path in ("/auth/access/session", "/auth/session") and request.method == "POST":
                self.logins += 1
                return httpx.Response(200, json={"token": f"tok-{self.logins}"})
            answer = self.routes.get((request.method, path))
        if answer is None:
            return httpx.Response(404, json={"description": f"no route {request.method} {path}"})
        if callable(answer):
            result: httpx.Response = answer(request)
            return result
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(200, json=answer)

    def api_requests(self) -> list[httpx.Request]:
        """Requests other than logins."""
        return [r for r in self.requests if "/auth/" not in r.url.path]


def make_client(server: Handler, **kwargs: Any) -> PeerClick:
    options: dict[str, Any] = {
        "access_id": "id-1",
        "access_key": "key-SECRET-1",
        "base_url": "http://127.0.0.1",
        "rate_limits": FAST_LIMITS,
        "sleep": lambda _s: None,
    }
    options.update(kwargs)
    return PeerClick(transport=httpx.MockTransport(server), **options)


def make_async_client(server: Handler, **kwargs: Any) -> AsyncPeerClick:
    async def no_sleep(_s: float) -> None:
        return None

    options: dict[str, Any] = {
        "access_id": "id-1",
        "access_key": "key-SECRET-1",
        "base_url": "http://127.0.0.1",
        "rate_limits": FAST_LIMITS,
        "sleep": no_sleep,
    }
    options.update(kwargs)
    return AsyncPeerClick(transport=httpx.MockTransport(server), **options)


@pytest.fixture
def scripted() -> Scripted:
    return Scripted()


# ---------------------------------------------------------------- secret hygiene, suite-wide
#
# One autouse check for every test: the secrets a test used (credentials given to a client,
# tokens a client learned, the fakes' access keys, passwords and issued tokens) must not appear
# in any log record emitted during the test, nor in the str/repr/traceback/request/body of any
# peerclick error created during it. Watchers are installed once (cheap wrappers); each test only
# scans its own few records and errors. Opt out with @pytest.mark.allow_secrets (a test that plants
# a secret in an error on purpose).

import logging  # noqa: E402
import re  # noqa: E402
import traceback  # noqa: E402
import weakref  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import peerclick._client as _client_module  # noqa: E402
from peerclick._redact import Secrets  # noqa: E402
from peerclick.errors import PeerClickError  # noqa: E402
from peerclick.testing import FakePeerClick  # noqa: E402

_MIN_SECRET = 8  # shorter test values ("t", "tok-1") are ordinary words in messages
_WORD = re.compile(r"[a-z]+")  # "password" as a password is a word, not a secret
_KNOWN: set[str] = set()
_ERRORS: list[BaseException] = []
_RECORDS: list[logging.LogRecord] = []
_FAKES: weakref.WeakSet[FakePeerClick] = weakref.WeakSet()


def _remember(value: object) -> None:
    if isinstance(value, str) and len(value) >= _MIN_SECRET and not _WORD.fullmatch(value):
        _KNOWN.add(value)


def _install_watchers() -> None:
    if getattr(Secrets, "_watched", False):
        return
    original_add = Secrets.add

    def add(self: Secrets, value: str | None) -> None:
        original_add(self, value)
        _remember(value)

    Secrets.add = add  # type: ignore[method-assign]
    Secrets._watched = True  # type: ignore[attr-defined]

    def error_init(self: PeerClickError, *args: Any, **kwargs: Any) -> None:
        super(PeerClickError, self).__init__(*args, **kwargs)
        _ERRORS.append(self)

    PeerClickError.__init__ = error_init  # type: ignore[method-assign]

    config_post_init = _client_module.ClientConfig.__attrs_post_init__

    def recording_config(self: Any) -> None:
        for name in ("access_key", "password", "token"):
            _remember(getattr(self, name))
        config_post_init(self)

    _client_module.ClientConfig.__attrs_post_init__ = recording_config  # type: ignore[method-assign]

    fake_init = FakePeerClick.__init__

    def watched_fake(self: FakePeerClick, *args: Any, **kwargs: Any) -> None:
        fake_init(self, *args, **kwargs)
        _FAKES.add(self)

    FakePeerClick.__init__ = watched_fake  # type: ignore[method-assign]

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            _RECORDS.append(record)

    logging.getLogger().addHandler(_Collect(level=logging.DEBUG))


def _loud_loggers() -> None:
    """Let the SDK's and httpx's own lines be emitted, so there is something to check (a test
    may have changed the levels, e.g. through PEERCLICK_LOG)."""
    logging.getLogger("peerclick").setLevel(logging.DEBUG)
    logging.getLogger("httpx").setLevel(logging.INFO)


_install_watchers()


def _fake_secrets() -> set[str]:
    found: set[str] = set()
    for fake in list(_FAKES):
        found.update(key for key, _ in fake._access_keys.values())
        found.update(password for password, _ in fake._users.values())
        found.update(session.token for session in fake.sessions.all())
    return found


def _error_texts(error: BaseException) -> Iterator[tuple[str, str]]:
    yield "str", str(error)
    yield "repr", repr(error)
    yield "traceback", "".join(traceback.format_exception(error))
    body = getattr(error, "body", None)
    if body is not None:
        yield "body", str(body)
    request = getattr(error, "request", None)
    if request is not None:
        yield "request.headers", repr(list(request.headers.multi_items()))
        yield "request.url", str(request.url)
        try:
            content = request.content.decode("utf-8", "replace")
        except httpx.RequestNotRead:
            content = ""
        yield "request.content", content


def find_leaks() -> list[str]:
    """Where this test's secrets appear in its log records and peerclick errors."""
    secrets = {s for s in _KNOWN | _fake_secrets() if len(s) >= _MIN_SECRET}
    secrets = {s for s in secrets if not _WORD.fullmatch(s)}
    leaks: list[str] = []
    if not secrets:
        return leaks
    for record in list(_RECORDS):
        try:
            text = record.getMessage()
        except Exception:  # a broken log call is not this check's business
            continue
        leaks += [f"log {record.name}: {s[:3]}…" for s in secrets if s in text]
    for error in list(_ERRORS):
        for where, text in _error_texts(error):
            leaks += [f"{type(error).__name__}.{where}: {s[:3]}…" for s in secrets if s in text]
    return leaks


@pytest.fixture(autouse=True)
def _no_secret_leaks(request: pytest.FixtureRequest) -> Iterator[None]:
    _KNOWN.clear()
    _ERRORS.clear()
    _RECORDS.clear()
    _loud_loggers()
    yield
    if request.node.get_closest_marker("allow_secrets"):
        return
    leaks = find_leaks()
    _ERRORS.clear()
    _RECORDS.clear()
    if leaks:
        pytest.fail("secret leaked: " + "; ".join(sorted(set(leaks))), pytrace=False)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "allow_secrets: skip the suite-wide secret check (a secret planted on purpose)"
    )
