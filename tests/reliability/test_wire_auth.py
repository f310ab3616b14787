"""Logins and 401s over real sockets: typed errors with status and scrubbed body; deadlines."""

from __future__ import annotations

import pytest

from peerclick import errors
from peerclick.resources._base import send_async, send_sync
from peerclick_api.api.offer import list_offers
from tests.reliability._servers import (
    ACCESS_KEY,
    EMAIL,
    FRESH_TOKEN,
    PASSWORD,
    TOKEN,
    HostileServer,
    json,
    login_ok,
    never_answer,
)
from tests.reliability.conftest import async_wire_client, wire_client

OFFERS = ("GET", "/v1_1/offer")
ACCESS_LOGIN = ("POST", "/v1_1/auth/access/session")
PASSWORD_LOGIN = ("POST", "/v1_1/auth/session")


def assert_redacted(error: errors.PeerClickError) -> None:
    """The error's request carries no credential: no token header, no login body."""
    request = getattr(error, "request", None)
    assert request is not None
    assert request.headers.get("api-token") in (None, "[redacted]")
    if request.url.path.endswith("/session"):
        assert request.content == b""
    for secret in (ACCESS_KEY, PASSWORD, TOKEN, FRESH_TOKEN):
        assert secret not in str(error)
        assert secret not in repr(error)
        assert secret not in str(getattr(error, "body", ""))


class TestRefusedCredentials:
    def test_a_refused_access_key_is_an_authentication_error(self, server: HostileServer) -> None:
        """The 401 body is read and kept (scrubbed): never httpx.ResponseNotRead."""
        reason = f"Invalid access key {ACCESS_KEY}"
        server.route(*ACCESS_LOGIN, json(401, {"description": reason}))
        with wire_client(server) as pc, pytest.raises(errors.AuthenticationError) as info:
            send_sync(pc, list_offers)
        error = info.value
        assert error.status_code == 401
        assert error.body == {"description": "Invalid access key [redacted]"}
        assert str(error).startswith(
            "401 Unauthorized from POST /v1_1/auth/access/session: Invalid access key [redacted]"
        )
        assert_redacted(error)
        assert len(server.logins()) == 1 and server.seen(*OFFERS) == []

    def test_a_refused_password_is_an_authentication_error(self, server: HostileServer) -> None:
        server.route(*PASSWORD_LOGIN, json(401, {"description": "Wrong email or password"}))
        with (
            wire_client(server, email=EMAIL, password=PASSWORD) as pc,
            pytest.raises(errors.AuthenticationError) as info,
        ):
            send_sync(pc, list_offers)
        assert info.value.status_code == 401
        assert "Wrong email or password" in str(info.value)
        assert_redacted(info.value)
        assert server.seen(*OFFERS) == []

    def test_a_refused_fixed_token_is_an_authentication_error(self, server: HostileServer) -> None:
        """A fixed token cannot be renewed: no login is attempted."""
        server.route(*OFFERS, json(401, {"description": "Token expired"}))
        with (
            wire_client(server, token=TOKEN) as pc,
            pytest.raises(errors.AuthenticationError) as info,
        ):
            send_sync(pc, list_offers)
        assert info.value.status_code == 401
        assert info.value.body == {"description": "Token expired"}
        assert "fixed token was refused" in str(info.value)
        assert_redacted(info.value)
        assert server.logins() == [] and len(server.seen(*OFFERS)) == 1

    def test_a_second_401_after_a_fresh_login(self, server: HostileServer) -> None:
        """One renewal, then AuthenticationError; each token is sent once."""
        server.route(*ACCESS_LOGIN, login_ok(TOKEN), login_ok(FRESH_TOKEN))
        server.route(*OFFERS, json(401, {"description": "Workspace locked"}))
        with wire_client(server) as pc, pytest.raises(errors.AuthenticationError) as info:
            send_sync(pc, list_offers)
        assert info.value.status_code == 401
        assert "refused again after a fresh login" in str(info.value)
        assert_redacted(info.value)
        sent = [r.headers.get("api-token") for r in server.seen(*OFFERS)]
        assert sent == [TOKEN, FRESH_TOKEN]
        assert len(server.logins()) == 2

    async def test_async_refused_access_key(self, server: HostileServer) -> None:
        server.route(*ACCESS_LOGIN, json(401, {"description": "Invalid access key"}))
        async with async_wire_client(server) as apc:
            with pytest.raises(errors.AuthenticationError) as info:
                await send_async(apc, list_offers)
        assert info.value.status_code == 401
        assert_redacted(info.value)
        assert server.seen(*OFFERS) == []

    async def test_async_second_401_after_a_fresh_login(self, server: HostileServer) -> None:
        server.route(*ACCESS_LOGIN, login_ok(TOKEN), login_ok(FRESH_TOKEN))
        server.route(*OFFERS, json(401, {"description": "Workspace locked"}))
        async with async_wire_client(server) as apc:
            with pytest.raises(errors.AuthenticationError) as info:
                await send_async(apc, list_offers)
        assert_redacted(info.value)
        assert [r.headers.get("api-token") for r in server.seen(*OFFERS)] == [TOKEN, FRESH_TOKEN]


class TestLoginOnTheWire:
    def test_a_login_that_never_answers_times_out(self, server: HostileServer) -> None:
        """The login carries the caller's timeout; a timed-out login is not resent."""
        server.route(*ACCESS_LOGIN, never_answer(server))
        with wire_client(server, timeout=1.0) as pc, pytest.raises(errors.APITimeoutError) as info:
            send_sync(pc, list_offers)
        assert_redacted(info.value)
        assert len(server.logins()) == 1 and server.seen(*OFFERS) == []

    async def test_async_login_that_never_answers_times_out(self, server: HostileServer) -> None:
        server.route(*ACCESS_LOGIN, never_answer(server))
        async with async_wire_client(server, timeout=1.0) as apc:
            with pytest.raises(errors.APITimeoutError):
                await send_async(apc, list_offers)
        assert len(server.logins()) == 1

    def test_a_503_on_the_login_is_retried(self, server: HostileServer) -> None:
        """A login creates nothing, so a 5xx on it is resent although it is a POST."""
        server.route(*ACCESS_LOGIN, json(503, {"description": "busy"}), login_ok())
        server.route(*OFFERS, json(200, {"offers": []}))
        with wire_client(server) as pc:
            assert send_sync(pc, list_offers).body == {"offers": []}
        assert len(server.logins()) == 2
        assert [r.headers.get("api-token") for r in server.seen(*OFFERS)] == [TOKEN]

    async def test_async_503_on_the_login_is_retried(self, server: HostileServer) -> None:
        server.route(*ACCESS_LOGIN, json(503, {"description": "busy"}), login_ok())
        server.route(*OFFERS, json(200, {"offers": []}))
        async with async_wire_client(server) as apc:
            assert (await send_async(apc, list_offers)).body == {"offers": []}
        assert len(server.logins()) == 2

    def test_login_retries_stop_at_max_retries(self, server: HostileServer) -> None:
        server.route(*ACCESS_LOGIN, json(503, {"description": "down"}))
        with wire_client(server, max_retries=2) as pc, pytest.raises(errors.ServerError) as info:
            send_sync(pc, list_offers)
        assert info.value.status_code == 503
        assert_redacted(info.value)
        assert len(server.logins()) == 3

    def test_a_token_the_server_cannot_have_meant_is_refused(self, server: HostileServer) -> None:
        """A token with CR/LF would split the next request: refused without echoing it."""
        server.route(*ACCESS_LOGIN, login_ok("abc\r\nX-Evil: 1"))
        with wire_client(server) as pc, pytest.raises(errors.ResponseValidationError) as info:
            send_sync(pc, list_offers)
        assert "abc" not in str(info.value) and "Evil" not in str(info.value)
        assert server.seen(*OFFERS) == []


class TestTokenLifetime:
    @pytest.mark.parametrize("expiry", [1e20, "Infinity", "NaN", -5, "soon", "", None, True])
    def test_unreadable_expiries_fall_back_to_the_configured_lifetime(
        self, server: HostileServer, expiry: object
    ) -> None:
        server.route(*ACCESS_LOGIN, login_ok(expirationTimestamp=expiry))
        server.route(*OFFERS, json(200, {"offers": []}))
        now = 1_700_000_000.0
        with wire_client(server, clock=lambda: now, token_lifetime=3600) as pc:
            send_sync(pc, list_offers)
            send_sync(pc, list_offers)
            assert pc.auth.token_expires_at == now + 3600
        assert len(server.logins()) == 1

    def test_a_300_second_token_is_not_renewed_before_every_request(
        self, server: HostileServer
    ) -> None:
        """The 300 s margin is clamped to a share of the announced lifetime."""
        clock = [1_700_000_000.0]
        server.route(*ACCESS_LOGIN, login_ok(expirationTimestamp=clock[0] + 300))
        server.route(*OFFERS, json(200, {"offers": []}))
        with wire_client(server, clock=lambda: clock[0]) as pc:
            for _ in range(5):
                send_sync(pc, list_offers)
                clock[0] += 30
        assert len(server.logins()) == 1
