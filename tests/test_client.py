"""PeerClick / AsyncPeerClick: configuration, wiring of pc.api, typed errors, closing, secrets."""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

import httpx
import pytest

from peerclick import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    NotFoundError,
    PeerClick,
    PermissionDeniedError,
    RateLimiter,
    RateLimitError,
    RateLimits,
    ResponseValidationError,
    ServerError,
    UnprocessableEntityError,
)
from peerclick_api.api.offer import get_offer
from peerclick_api.api.report import get_report
from tests.conftest import FAST_LIMITS, Scripted, make_async_client, make_client

SECRET = "key-SECRET-1"


class TestConfiguration:
    def test_no_credentials_names_the_variables(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in ("ID", "KEY"):
            monkeypatch.delenv(f"PEERCLICK_ACCESS_{name}", raising=False)
        for name in ("EMAIL", "PASSWORD", "TOKEN"):
            monkeypatch.delenv(f"PEERCLICK_{name}", raising=False)
        with pytest.raises(ConfigurationError, match="PEERCLICK_ACCESS_ID"):
            PeerClick()

    def test_credentials_come_from_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PEERCLICK_ACCESS_ID", "env-id")
        monkeypatch.setenv("PEERCLICK_ACCESS_KEY", "env-key")
        monkeypatch.setenv("PEERCLICK_BASE_URL", "http://localhost:9999")
        server = Scripted({("GET", "/offer/1"): {"offer": {"id": 1}}})
        with PeerClick(transport=httpx.MockTransport(server), rate_limits=FAST_LIMITS) as pc:
            assert str(pc.base_url) == "http://localhost:9999/v1_1"
            pc.offers.get(1)
        assert server.requests[0].url.path == "/v1_1/auth/access/session"
        assert b'"accessId":"env-id"' in server.requests[0].content

    def test_half_a_key_is_a_configuration_error(self) -> None:
        with pytest.raises(ConfigurationError, match="access_key is missing"):
            PeerClick(access_id="x")

    @pytest.mark.parametrize(
        "url", ["http://api.peerclick.com", "ftp://127.0.0.1", "not a url", "https://"]
    )
    def test_base_url_must_be_https_unless_loopback(self, url: str) -> None:
        with pytest.raises(ConfigurationError):
            PeerClick(access_id="a", access_key="b", base_url=url)

    @pytest.mark.parametrize("url", ["http://127.0.0.1:4010", "http://localhost", "http://[::1]:8"])
    def test_loopback_may_use_http(self, url: str) -> None:
        with PeerClick(access_id="a", access_key="b", base_url=url) as pc:
            assert pc.base_url.scheme == "http"

    @pytest.mark.parametrize("url", ["https://api.peerclick.com/v1", "http://127.0.0.1:9/v1_1/"])
    def test_base_url_with_a_version_is_kept(self, url: str) -> None:
        with PeerClick(token="t", base_url=url) as pc:
            assert str(pc.base_url) == url.rstrip("/")

    def test_api_version_none_drops_the_prefix(self) -> None:
        with PeerClick(token="t", base_url="http://127.0.0.1:4010", api_version=None) as pc:
            assert str(pc.base_url) == "http://127.0.0.1:4010/"

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"max_retries": -1}, ValueError),
            ({"max_retries": True}, TypeError),
            ({"timeout": 0}, ValueError),
            ({"rate_limits": 3}, TypeError),
            ({"rate_limits": {"general": 0}}, ValueError),
            ({"rate_limits": {"genral": 3}}, TypeError),
            ({"rate_limits": RateLimits(), "limiter": object()}, TypeError),
            ({"http_client": object()}, TypeError),
        ],
    )
    def test_bad_arguments_fail_before_any_request(
        self, kwargs: dict[str, object], error: type[Exception]
    ) -> None:
        with pytest.raises(error):
            PeerClick(token="t", **kwargs)  # type: ignore[arg-type]

    def test_rate_limits_may_be_a_mapping(self) -> None:
        with PeerClick(token="t", rate_limits={"general": 10, "report": 2}) as pc:
            assert pc.limiter.limits == RateLimits(general=10, report=2)

    def test_repr_shows_no_secret(self) -> None:
        with PeerClick(access_id="a", access_key=SECRET) as pc:
            assert SECRET not in repr(pc)
            assert SECRET not in repr(pc.api)


STATUS_TABLE = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, ConflictError),
    (417, APIError),
    (422, UnprocessableEntityError),
    (429, RateLimitError),
    (500, ServerError),
    (503, ServerError),
    (520, ServerError),
]


class TestTypedErrors:
    @pytest.mark.parametrize(("status", "cls"), STATUS_TABLE)
    def test_status_maps_to_its_error_through_pc_api(
        self, status: int, cls: type[APIError]
    ) -> None:
        """Every generated operation called through pc.api raises the typed error."""
        body = {"description": "Something failed", "error": {"code": "SOME_CODE"}}
        server = Scripted({("GET", "/offer/1"): httpx.Response(status, json=body)})
        with make_client(server, max_retries=0) as pc, pytest.raises(cls) as info:
            get_offer.sync_detailed(1, client=pc.api)
        error = info.value
        assert type(error) is cls
        assert error.status_code == status
        assert error.body == body
        assert error.code == "SOME_CODE"
        assert error.description == "Something failed"
        assert error.method == "GET" and error.path == "/v1_1/offer/1"

    def test_html_502_becomes_server_error_with_an_excerpt(self) -> None:
        page = "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"
        bad = httpx.Response(502, text=page, headers={"content-type": "text/html"})
        server = Scripted({("GET", "/offer/1"): bad})
        with make_client(server, max_retries=0) as pc, pytest.raises(ServerError) as info:
            pc.offers.get(1)
        assert info.value.body == page
        assert "502 Bad Gateway" in str(info.value)

    def test_truncated_json_on_200_is_a_validation_error(self) -> None:
        server = Scripted({("GET", "/offer/1"): httpx.Response(200, text='{"offer": {"id": 1')})
        with make_client(server) as pc, pytest.raises(ResponseValidationError) as info:
            pc.offers.get(1)
        assert info.value.status_code == 200
        assert '{"offer": {"id": 1' in str(info.value)

    def test_unknown_enum_value_and_extra_fields_still_parse(self) -> None:
        offer = {
            "id": 1,
            "payout": {"type": "SOMETHING_NEW", "value": 1, "currency": "EUR"},
            "brandNewField": {"x": 1},
        }
        server = Scripted({("GET", "/offer/1"): {"offer": offer}})
        with make_client(server) as pc:
            result = pc.offers.get(1)
        assert result.payout.type_ == "SOMETHING_NEW"  # type: ignore[union-attr]
        assert result.additional_properties["brandNewField"] == {"x": 1}

    def test_success_status_with_failure_envelope_is_an_error(self) -> None:
        server = Scripted({("GET", "/offer/1"): {"description": "Offer not found", "status": 404}})
        with make_client(server) as pc, pytest.raises(NotFoundError, match="Offer not found"):
            pc.offers.get(1)

    def test_connection_errors_are_typed(self) -> None:
        def refuse(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("refused", request=request)

        with make_client(refuse, max_retries=1) as pc, pytest.raises(APIConnectionError):
            pc.offers.get(1)

        def slow(request: httpx.Request) -> httpx.Response:
            raise httpx.ReadTimeout("slow", request=request)

        with make_client(slow, max_retries=0) as pc, pytest.raises(APITimeoutError):
            pc.offers.get(1)

    def test_429_after_retries_carries_retry_after(self) -> None:
        storm = httpx.Response(429, json={"description": "slow down"}, headers={"Retry-After": "7"})
        server = Scripted({("GET", "/offer/1"): storm})
        with make_client(server, max_retries=2) as pc, pytest.raises(RateLimitError) as info:
            pc.offers.get(1)
        assert info.value.retry_after == 7
        assert len(server.api_requests()) == 3


class TestRetriesThroughTheClient:
    def test_post_is_not_resent_after_a_5xx(self) -> None:
        server = Scripted({("POST", "/offer"): httpx.Response(503, json={})})
        with make_client(server) as pc, pytest.raises(ServerError):
            pc.offers.create(name="x", url="https://a.b", country="US", affiliate_network=1)
        assert len(server.api_requests()) == 1

    def test_get_is_retried_after_a_5xx_and_succeeds(self) -> None:
        answers = iter(
            [httpx.Response(502, text="bad"), httpx.Response(200, json={"offer": {"id": 1}})]
        )
        server = Scripted({("GET", "/offer/1"): lambda r: next(answers)})
        with make_client(server) as pc:
            assert pc.offers.get(1).id == 1
        assert len(server.api_requests()) == 2

    def test_expired_token_is_renewed_through_the_whole_stack(self) -> None:
        seen: list[str | None] = []

        def offer(request: httpx.Request) -> httpx.Response:
            seen.append(request.headers.get("api-token"))
            if request.headers.get("api-token") == "tok-1":
                return httpx.Response(401, json={"error": {"code": "BAD_CREDENTIALS"}})
            return httpx.Response(200, json={"offer": {"id": 1}})

        server = Scripted({("GET", "/offer/1"): offer})
        with make_client(server) as pc:
            assert pc.offers.get(1).id == 1
        assert seen == ["tok-1", "tok-2"]


class TestLifecycle:
    def test_close_leaves_no_thread_behind(self) -> None:
        """No limiter runs a thread; nothing a client started outlives close()."""
        before = {t.ident for t in threading.enumerate()}
        pc = make_client(Scripted({("GET", "/offer/1"): {"offer": {"id": 1}}}))
        pc.offers.get(1)
        pc.close()
        pc.close()  # idempotent
        assert {t.ident for t in threading.enumerate() if t.is_alive()} <= before

    async def test_async_close_leaves_no_thread_behind(self) -> None:
        before = {t.ident for t in threading.enumerate()}
        async with make_async_client(Scripted({("GET", "/offer/1"): {"offer": {"id": 1}}})) as apc:
            assert (await apc.offers.get(1)).id == 1
        assert {t.ident for t in threading.enumerate() if t.is_alive()} <= before

    def test_a_shared_limiter_is_not_closed_by_one_client(self) -> None:
        limiter = RateLimiter(FAST_LIMITS)
        server = Scripted({("GET", "/offer/1"): {"offer": {"id": 1}}})
        with make_client(server, limiter=limiter, rate_limits=None) as pc:
            pc.offers.get(1)
        with make_client(server, limiter=limiter, rate_limits=None) as pc:
            pc.offers.get(1)
        assert not limiter.closed
        limiter.close()

    def test_logout_deletes_the_session_and_forgets_the_token(self) -> None:
        server = Scripted(
            {("GET", "/offer/1"): {"offer": {"id": 1}}, ("DELETE", "/auth/session"): {}}
        )
        with make_client(server) as pc:
            pc.offers.get(1)
            pc.logout()
            pc.offers.get(1)
        methods = [(r.method, r.url.path) for r in server.requests]
        assert ("DELETE", "/v1_1/auth/session") in methods
        assert server.logins == 2

    def test_own_http_client_keeps_its_hooks_and_gets_our_layers(self) -> None:
        server = Scripted({("GET", "/offer/1"): {"offer": {"id": 1}}})
        hooked: list[str] = []
        http = httpx.Client(
            transport=httpx.MockTransport(server),
            event_hooks={"request": [lambda r: hooked.append(r.url.path)]},
        )
        with PeerClick(
            access_id="a", access_key="b", http_client=http, rate_limits=FAST_LIMITS
        ) as pc:
            pc.offers.get(1)
            with pytest.raises(NotFoundError):
                pc.offers.get(2)
        assert "/v1_1/offer/1" in hooked
        assert server.requests[1].headers["api-token"] == "tok-1"

    async def test_async_client_through_pc_api(self) -> None:
        server = Scripted({("GET", "/report"): {"rows": [], "totalRows": 0}})
        async with make_async_client(server) as apc:
            answer = await get_report.asyncio_detailed(
                client=apc.api, from_="2026-11-01", group_by=["campaign"]
            )
            assert answer.status_code == 200
            with pytest.raises(NotFoundError):
                await get_offer.asyncio_detailed(1, client=apc.api)

    async def test_fifty_tasks_log_in_once_through_the_client(self) -> None:
        server = Scripted({("GET", "/offer/1"): {"offer": {"id": 1}}})
        async with make_async_client(server) as apc:
            await asyncio.gather(*(apc.offers.get(1) for _ in range(50)))
        assert server.logins == 1

    async def test_async_clients_sharing_a_sqlite_token_store_log_in_once(
        self, tmp_path: Path
    ) -> None:
        """Five clients (five SessionAuths, one loop) share the store's lock and its token; the
        lock's holder threads are gone once the calls return."""
        from peerclick._stores.tokens import SQLiteTokenStore

        server = Scripted({("GET", "/offer/1"): {"offer": {"id": 1}}})
        store = SQLiteTokenStore(tmp_path / "tokens.db")

        async def worker() -> int:
            async with make_async_client(server, token_store=store) as apc:
                return (await apc.offers.get(1)).id

        assert await asyncio.gather(*(worker() for _ in range(5))) == [1] * 5
        assert server.logins == 1
        # (anyio's idle worker threads, which waited for the holders, are anyio's pool's)
        assert [t.name for t in threading.enumerate() if t.name.startswith("peerclick")] == []
        store.close()


class TestSecrets:
    def test_no_secret_in_logs_errors_or_reprs(self, caplog: pytest.LogCaptureFixture) -> None:
        """Plant the key, the password and the token; none may appear anywhere we print."""
        caplog.set_level(logging.DEBUG, logger="peerclick")
        token = "TOKEN-PLANTED-42"

        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/session"):
                return httpx.Response(200, json={"token": token})
            return httpx.Response(401, json={"description": "expired"})

        texts: list[str] = []
        for kwargs in (
            {"access_id": "id", "access_key": SECRET},
            {"email": "a@b.c", "password": "PASSWORD-PLANTED"},
            {"token": token},
        ):
            with make_client(handler, **{"access_id": None, "access_key": None, **kwargs}) as pc:
                texts.append(repr(pc))
                with pytest.raises(AuthenticationError) as info:
                    pc.offers.get(1)
                texts += [str(info.value), repr(info.value), repr(info.value.body)]
        texts.append(caplog.text)
        joined = "\n".join(texts)
        for secret in (SECRET, "PASSWORD-PLANTED", token):
            assert secret not in joined

    def test_peerclick_log_env_attaches_one_stderr_handler(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from peerclick._logging import logger, setup_from_env

        monkeypatch.setenv("PEERCLICK_LOG", "debug")
        before = list(logger.handlers)
        try:
            setup_from_env()
            setup_from_env()
            added = [h for h in logger.handlers if h not in before]
            assert len(added) == 1
            assert logger.level == logging.DEBUG
        finally:
            for handler in logger.handlers[:]:
                if handler not in before:
                    logger.removeHandler(handler)
            logger.setLevel(logging.NOTSET)


class TestTheSuiteWideSecretCheck:
    """The autouse check in tests/conftest.py really sees leaks (so its silence means something)."""

    @pytest.mark.allow_secrets
    def test_it_finds_a_secret_in_an_error_and_in_a_log_line(self) -> None:
        import logging

        from peerclick import errors
        from tests.conftest import find_leaks

        planted = "planted-SECRET-9f3a"
        with PeerClick(access_id="a", access_key=planted, base_url="http://127.0.0.1:9"):
            pass
        assert find_leaks() == []
        errors.APIConnectionError(f"oops {planted}")
        logging.getLogger("peerclick").debug("leaking %s", planted)
        leaks = find_leaks()
        assert any(leak.startswith("APIConnectionError.str") for leak in leaks)
        assert any(leak.startswith("log peerclick") for leak in leaks)


class TestLogSwitch:
    def test_an_unknown_peerclick_log_level_is_said(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """PEERCLICK_LOG=verbose warns instead of silently logging nothing."""
        from peerclick._logging import setup_from_env

        monkeypatch.setenv("PEERCLICK_LOG", "verbose")
        with pytest.warns(RuntimeWarning, match="PEERCLICK_LOG='verbose'"):
            setup_from_env()
