"""Secret hygiene and client lifecycle over real sockets.

The token goes only to the base URL's origin (never to a redirect target or an absolute URL on
another origin, which also never trigger a login); errors carry redacted requests; no secret in
reprs or in the logs of peerclick, httpx and httpcore at DEBUG; bad constructor arguments and a
closed client fail before any byte is sent.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import httpx
import pytest

from peerclick import AsyncPeerClick, PeerClick, errors
from peerclick._token_store import MemoryTokenStore
from peerclick.resources._base import send_async, send_sync
from peerclick_api.api.offer import list_offers
from tests.reliability._servers import (
    ACCESS_ID,
    ACCESS_KEY,
    FRESH_TOKEN,
    PASSWORD,
    TOKEN,
    HostileServer,
    json,
    login_ok,
    redirect,
)
from tests.reliability.conftest import FAST, async_wire_client, wire_client

OFFERS = ("GET", "/v1_1/offer")
LOGIN = ("POST", "/v1_1/auth/access/session")
SECRETS = (ACCESS_KEY, PASSWORD, TOKEN, FRESH_TOKEN)


@pytest.fixture
def logged_in(server: HostileServer) -> HostileServer:
    server.route(*LOGIN, login_ok())
    return server


class TestOrigin:
    def test_a_redirect_to_another_origin_is_not_followed(
        self, logged_in: HostileServer, other: HostileServer
    ) -> None:
        """A 3xx is an error here, so httpx never builds the redirected request (which would
        copy the api-token header to the other origin)."""
        logged_in.route(*OFFERS, redirect(f"{other.base_url}/steal"))
        http = httpx.Client(follow_redirects=True)
        with (
            PeerClick(
                access_id=ACCESS_ID,
                access_key=ACCESS_KEY,
                base_url=logged_in.base_url,
                http_client=http,
                rate_limits=FAST,
            ) as pc,
            pytest.raises(errors.APIError) as info,
        ):
            send_sync(pc, list_offers)
        assert info.value.status_code == 302
        assert other.requests == []

    def test_an_absolute_url_to_another_origin_gets_no_token(
        self, logged_in: HostileServer, other: HostileServer
    ) -> None:
        other.route("GET", "/elsewhere", json(200, {"ok": True}))
        logged_in.route(*OFFERS, json(200, {"offers": []}))
        with wire_client(logged_in) as pc:
            send_sync(pc, list_offers)  # holds a token now
            pc.api.get_httpx_client().get(f"{other.base_url}/elsewhere")
        assert "api-token" not in other.requests[0].headers
        assert len(logged_in.logins()) == 1

    def test_a_401_from_another_origin_triggers_no_login(
        self, logged_in: HostileServer, other: HostileServer
    ) -> None:
        other.route("GET", "/elsewhere", json(401, {"description": "who are you"}))
        with wire_client(logged_in) as pc, pytest.raises(errors.AuthenticationError) as info:
            pc.api.get_httpx_client().get(f"{other.base_url}/elsewhere")
        assert info.value.status_code == 401
        assert logged_in.requests == []  # no login anywhere
        assert "api-token" not in other.requests[0].headers

    async def test_async_absolute_url_to_another_origin(
        self, logged_in: HostileServer, other: HostileServer
    ) -> None:
        other.route("GET", "/elsewhere", json(401, {"description": "who are you"}))
        async with async_wire_client(logged_in) as apc:
            with pytest.raises(errors.AuthenticationError):
                await apc.api.get_async_httpx_client().get(f"{other.base_url}/elsewhere")
        assert logged_in.requests == []
        assert "api-token" not in other.requests[0].headers

    def test_the_same_host_on_another_port_is_another_origin(
        self, logged_in: HostileServer, other: HostileServer
    ) -> None:
        assert other.base_url.split(":")[:2] == logged_in.base_url.split(":")[:2]
        other.route("GET", "/v1_1/offer", json(200, {"offers": []}))
        with wire_client(logged_in) as pc:
            pc.api.get_httpx_client().get(f"{other.base_url}/v1_1/offer")
        assert "api-token" not in other.requests[0].headers


class TestRedaction:
    def test_errors_carry_a_redacted_request(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, json(500, {"description": f"token {TOKEN} is cursed"}))
        with wire_client(logged_in, max_retries=0) as pc:
            with pytest.raises(errors.ServerError) as info:
                send_sync(pc, list_offers)
            error = info.value
        assert error.request is not None
        assert error.request.headers["api-token"] == "[redacted]"
        assert error.body == {"description": "token [redacted] is cursed"}
        for secret in SECRETS:
            assert secret not in str(error) and secret not in repr(error.request.headers)

    def test_a_login_error_carries_no_login_body(self, server: HostileServer) -> None:
        server.route(*LOGIN, json(400, {"description": "malformed"}))
        with wire_client(server) as pc, pytest.raises(errors.BadRequestError) as info:
            send_sync(pc, list_offers)
        assert info.value.request is not None and info.value.request.content == b""

    def test_no_secret_in_reprs(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, json(200, {"offers": []}))
        with wire_client(logged_in) as pc:
            answer = send_sync(pc, list_offers)
            # (answer.response.request is internal and stays as sent; errors carry redacted
            # copies, checked in the tests below and by the suite-wide check in conftest.py)
            texts = [repr(pc), repr(pc.api), repr(pc.auth), repr(answer), str(answer.response)]
        for secret in SECRETS:
            assert all(secret not in text for text in texts)

    def test_no_secret_in_debug_logs(
        self, logged_in: HostileServer, caplog: pytest.LogCaptureFixture
    ) -> None:
        """peerclick, httpx and httpcore at DEBUG: method, URL, statuses, never credentials."""
        logged_in.route(*OFFERS, json(401, {"description": "expired"}), json(200, {"offers": []}))
        for name in ("peerclick", "httpx", "httpcore"):
            caplog.set_level(logging.DEBUG, logger=name)
        with wire_client(logged_in) as pc:
            send_sync(pc, list_offers)
        text = "\n".join(r.getMessage() for r in caplog.records)
        assert "/v1_1/offer" in text  # the logs do say what happened
        for secret in SECRETS:
            assert secret not in text


def _client(server: HostileServer, **kwargs: Any) -> PeerClick:
    return wire_client(server, **kwargs)


class TestConstructorRefusesBeforeAnyRequest:
    @pytest.mark.parametrize(
        ("kwargs", "error", "names"),
        [
            ({"timeout": math.nan}, ValueError, "timeout"),
            ({"timeout": math.inf}, ValueError, "timeout"),
            ({"timeout": -1}, ValueError, "timeout"),
            ({"timeout": True}, TypeError, "timeout"),
            ({"timeout": "30"}, TypeError, "timeout"),
            ({"timeout": httpx.Timeout(math.nan)}, ValueError, "timeout"),
            ({"token_lifetime": math.nan}, ValueError, "token_lifetime"),
            ({"token_lifetime": math.inf}, ValueError, "token_lifetime"),
            ({"token_lifetime": -5}, ValueError, "token_lifetime"),
            ({"token_lifetime": "86400"}, TypeError, "token_lifetime"),
            ({"token_lifetime": False}, TypeError, "token_lifetime"),
            ({"limiter": "x"}, ValueError, "limiter"),
            ({"limiter": 3}, TypeError, "limiter"),
            ({"transport": "x"}, TypeError, "transport"),
            ({"http_client": "x"}, TypeError, "http_client"),
            ({"clock": 5}, TypeError, "clock"),
            ({"sleep": "no"}, TypeError, "sleep"),
            ({"max_retries": -1}, ValueError, "max_retries"),
            ({"max_retries": 1.5}, TypeError, "max_retries"),
            ({"max_retries": "3"}, TypeError, "max_retries"),
            ({"api_version": 11}, TypeError, "api_version"),
            ({"api_version": "v1/x"}, ValueError, "api_version"),
            ({"base_url": "ftp://127.0.0.1"}, ValueError, "base_url"),
            ({"base_url": ""}, ValueError, "base_url"),
            ({"base_url": "http://example.test"}, ValueError, "base_url"),
            ({"max_response_bytes": 0}, ValueError, "max_response_bytes"),
            ({"token_store": "memory"}, TypeError, "token_store"),
            ({"access_key": ""}, ValueError, "access_key"),
            ({"access_key": "   "}, ValueError, "access_key"),
            ({"access_id": " "}, ValueError, "access_id"),
        ],
    )
    def test_bad_argument(
        self, server: HostileServer, kwargs: dict[str, Any], error: type[Exception], names: str
    ) -> None:
        with pytest.raises(error) as info:
            _client(server, **kwargs)
        assert names in str(info.value)
        assert server.requests == []

    @pytest.mark.parametrize(
        ("creds", "named"),
        [
            ({"email": "", "password": PASSWORD}, "email"),
            ({"email": "a@b.test", "password": "  "}, "password"),
            ({"token": ""}, "token"),
            ({"token": "\t"}, "token"),
        ],
    )
    def test_blank_credentials_are_never_sent(
        self, server: HostileServer, creds: dict[str, str], named: str
    ) -> None:
        with pytest.raises(errors.ConfigurationError) as info:
            _client(server, **creds)
        assert named in str(info.value)
        assert server.requests == []

    @pytest.mark.parametrize("token", [f"{TOKEN}\r\nX-Injected: 1", f"{TOKEN}\n", "a b\x00c"])
    def test_a_token_illegal_in_a_header_is_refused_without_echo(
        self, server: HostileServer, token: str
    ) -> None:
        with pytest.raises(errors.ConfigurationError) as info:
            _client(server, token=token)
        assert TOKEN not in str(info.value) and "Injected" not in str(info.value)
        assert server.requests == []

    def test_a_base_url_with_userinfo_is_refused_without_echo(self, server: HostileServer) -> None:
        url = server.base_url.replace("http://", f"http://user:{PASSWORD}@")
        with pytest.raises(errors.ConfigurationError) as info:
            _client(server, base_url=url)
        assert PASSWORD not in str(info.value) and "base_url" in str(info.value)
        assert server.requests == []


class TestClosedClient:
    def test_every_call_after_close_says_closed(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, json(200, {"offers": []}))
        pc = wire_client(logged_in)
        send_sync(pc, list_offers)
        pc.close()
        seen = len(logged_in.requests)
        with pytest.raises(errors.ClientClosedError, match="closed"):
            send_sync(pc, list_offers)
        with pytest.raises(errors.ClientClosedError, match="closed"):
            list_offers.sync_detailed(client=pc.api)
        with pytest.raises(RuntimeError):  # existing `except RuntimeError` keeps working
            pc.api.get_httpx_client().get("/offer")
        pc.close()  # idempotent
        assert len(logged_in.requests) == seen

    def test_closed_before_the_first_login(self, logged_in: HostileServer) -> None:
        pc = wire_client(logged_in)
        pc.close()
        with pytest.raises(errors.ClientClosedError):
            list_offers.sync_detailed(client=pc.api)
        assert logged_in.requests == []

    async def test_async_every_call_after_aclose_says_closed(
        self, logged_in: HostileServer
    ) -> None:
        logged_in.route(*OFFERS, json(200, {"offers": []}))
        apc: AsyncPeerClick = async_wire_client(logged_in)
        await send_async(apc, list_offers)
        await apc.aclose()
        seen = len(logged_in.requests)
        with pytest.raises(errors.ClientClosedError):
            await send_async(apc, list_offers)
        with pytest.raises(errors.ClientClosedError):
            await list_offers.asyncio_detailed(client=apc.api)
        assert len(logged_in.requests) == seen

    def test_closing_a_copy_leaves_the_original_open_and_not_the_reverse(
        self, logged_in: HostileServer
    ) -> None:
        logged_in.route(*OFFERS, json(200, {"offers": []}))
        with wire_client(logged_in) as pc:
            copy = pc.with_options(timeout=2.0)
            copy.close()
            with pytest.raises(errors.ClientClosedError):
                send_sync(copy, list_offers)
            send_sync(pc, list_offers)  # the original still works
            other = pc.with_options(max_retries=0)
        with pytest.raises(errors.ClientClosedError):
            send_sync(other, list_offers)  # the original's close ended its copies


class TestTokenStore:
    def test_many_clients_log_in_once(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, json(200, {"offers": []}))
        store = MemoryTokenStore()
        clients = [wire_client(logged_in, token_store=store) for _ in range(3)]
        try:
            for pc in clients:
                send_sync(pc, list_offers)
        finally:
            for pc in clients:
                pc.close()
        assert len(logged_in.logins()) == 1
        assert {r.headers["api-token"] for r in logged_in.seen(*OFFERS)} == {TOKEN}

    def test_a_401_discards_only_the_failed_token(self, server: HostileServer) -> None:
        """B's 401 on the old token finds A's fresh one in the store: no second login."""
        server.route(*LOGIN, login_ok(TOKEN), login_ok(FRESH_TOKEN))
        server.route(*OFFERS, json(200, {"offers": []}))
        store = MemoryTokenStore()
        with (
            wire_client(server, token_store=store) as a,
            wire_client(server, token_store=store) as b,
        ):
            send_sync(a, list_offers)
            send_sync(b, list_offers)  # both hold TOKEN
            server.route(
                *OFFERS,
                json(401, {"description": "expired"}),
                json(200, {"offers": []}),
                json(401, {"description": "expired"}),
                json(200, {"offers": []}),
            )
            send_sync(a, list_offers)  # 401 -> A logs in -> FRESH_TOKEN saved
            server.route(*OFFERS, json(401, {"description": "expired"}), json(200, {"offers": []}))
            send_sync(b, list_offers)  # 401 on TOKEN -> takes FRESH_TOKEN from the store
        assert len(server.logins()) == 2
        assert [r.headers["api-token"] for r in server.seen(*OFFERS)][-1] == FRESH_TOKEN
        stored = store.load(a.auth.store_key)
        assert stored is not None and stored.token == FRESH_TOKEN


class TestSharedTokenStoreAcrossThreads:
    def test_eight_clients_in_threads_on_sqlite_log_in_once(
        self, logged_in: HostileServer, tmp_path: Any
    ) -> None:
        """Each thread has its own client; the SQLite store's lock lets one of them log in."""
        import threading

        from peerclick._stores.tokens import SQLiteTokenStore

        logged_in.route(*OFFERS, json(200, {"offers": []}))
        store = SQLiteTokenStore(tmp_path / "tokens.db")
        clients = [wire_client(logged_in, token_store=store) for _ in range(8)]
        start = threading.Barrier(len(clients))
        failures: list[BaseException] = []

        def work(pc: PeerClick) -> None:
            start.wait()
            try:
                send_sync(pc, list_offers)
            except BaseException as exc:  # reported below
                failures.append(exc)

        threads = [threading.Thread(target=work, args=(pc,)) for pc in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        for pc in clients:
            pc.close()
        store.close()
        assert failures == []
        assert len(logged_in.logins()) == 1
        assert len(logged_in.seen(*OFFERS)) == 8
