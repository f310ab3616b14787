"""Bodies over real sockets: read once, under a deadline, capped, decoded and parsed once.

Each test names the fault, what the caller gets (typed, with status and body), and what the
server saw (a POST is never sent twice). Memory is measured with tracemalloc: the peak while a
gzip bomb is refused stays far below what the bomb inflates to.
"""

from __future__ import annotations

import tracemalloc
from types import SimpleNamespace

import pytest

from peerclick import errors
from peerclick.resources._base import json_object, send_async, send_sync
from peerclick_api.api.offer import list_offers
from tests.reliability._servers import (
    HostileServer,
    cut_body,
    gzip_bomb,
    gzipped,
    json,
    login_ok,
    raw,
    reset_body,
    trickle,
)
from tests.reliability.conftest import async_wire_client, wire_client

OFFERS = ("GET", "/v1_1/offer")
NEW_OFFER = ("POST", "/v1_1/offer")
LOGIN = ("POST", "/v1_1/auth/access/session")
BODY = b'{"offers": [{"id": 1, "name": "first offer"}, {"id": 2, "name": "second"}]}'
MiB = 1 << 20


@pytest.fixture
def logged_in(server: HostileServer) -> HostileServer:
    server.route(*LOGIN, login_ok())
    return server


def _offer_kwargs() -> dict[str, object]:
    return {"method": "post", "url": "/offer", "json": {"name": "x"}}


# An operation module as send_sync sees one: only its request builder is used.
create_offer = SimpleNamespace(_get_kwargs=_offer_kwargs)


class TestDeadline:
    def test_a_trickling_body_times_out(self, logged_in: HostileServer) -> None:
        """One byte every 0.3 s never trips a per-read timeout; the deadline ends it."""
        logged_in.route(*OFFERS, trickle(logged_in, BODY))
        with wire_client(logged_in, timeout=1.0) as pc, pytest.raises(errors.APITimeoutError):
            send_sync(pc, list_offers)
        assert len(logged_in.seen(*OFFERS)) == 1  # a timed-out attempt is not resent

    async def test_async_trickling_body_times_out(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, trickle(logged_in, BODY))
        async with async_wire_client(logged_in, timeout=1.0) as apc:
            with pytest.raises(errors.APITimeoutError):
                await send_async(apc, list_offers)
        assert len(logged_in.seen(*OFFERS)) == 1


class TestBrokenMidBody:
    @pytest.mark.parametrize("fault", [reset_body, cut_body], ids=["reset", "closed"])
    def test_a_get_is_retried(self, logged_in: HostileServer, fault: object) -> None:
        """A body cut off while read is a transport error below the retry layer: resent."""
        logged_in.route(*OFFERS, fault(BODY, 20), raw(200, BODY))  # type: ignore[operator]
        with wire_client(logged_in) as pc:
            answer = send_sync(pc, list_offers)
        assert json_object(answer, what="offers")["offers"][1]["name"] == "second"
        assert len(logged_in.seen(*OFFERS)) == 2

    @pytest.mark.parametrize("fault", [reset_body, cut_body], ids=["reset", "closed"])
    def test_a_get_out_of_retries_is_a_connection_error(
        self, logged_in: HostileServer, fault: object
    ) -> None:
        logged_in.route(*OFFERS, fault(BODY, 20))  # type: ignore[operator]
        with (
            wire_client(logged_in, max_retries=2) as pc,
            pytest.raises(errors.APIConnectionError) as info,
        ):
            send_sync(pc, list_offers)
        assert not isinstance(info.value, errors.APITimeoutError)
        assert info.value.request is not None and info.value.request.url.path == "/v1_1/offer"
        assert len(logged_in.seen(*OFFERS)) == 3

    @pytest.mark.parametrize("fault", [reset_body, cut_body], ids=["reset", "closed"])
    def test_a_post_is_never_sent_twice(self, logged_in: HostileServer, fault: object) -> None:
        logged_in.route(*NEW_OFFER, fault(b'{"offer": {"id": 9}}', 5))  # type: ignore[operator]
        with wire_client(logged_in) as pc, pytest.raises(errors.APIConnectionError):
            send_sync(pc, create_offer)  # type: ignore[arg-type]
        assert len(logged_in.seen(*NEW_OFFER)) == 1

    async def test_async_reset_get_is_retried_and_post_is_not(
        self, logged_in: HostileServer
    ) -> None:
        logged_in.route(*OFFERS, reset_body(BODY, 20), raw(200, BODY))
        logged_in.route(*NEW_OFFER, reset_body(b'{"offer": {"id": 9}}', 5))
        async with async_wire_client(logged_in) as apc:
            assert (await send_async(apc, list_offers)).body["offers"][0]["id"] == 1
            with pytest.raises(errors.APIConnectionError):
                await send_async(apc, create_offer)  # type: ignore[arg-type]
        assert len(logged_in.seen(*OFFERS)) == 2
        assert len(logged_in.seen(*NEW_OFFER)) == 1


class TestSizeAndEncoding:
    def test_a_gzip_bomb_is_refused_with_bounded_memory(self, logged_in: HostileServer) -> None:
        """256 MiB of zeros in about 256 KiB of gzip: refused at the cap, memory stays small."""
        inflated = 256 * MiB
        logged_in.route(*OFFERS, raw(200, gzip_bomb(inflated), [("Content-Encoding", "gzip")]))
        with wire_client(logged_in, max_response_bytes=MiB) as pc:
            tracemalloc.start()
            try:
                with pytest.raises(errors.ResponseValidationError) as info:
                    send_sync(pc, list_offers)
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        assert info.value.status_code == 200
        assert "max_response_bytes" in str(info.value)
        assert peak < 16 * MiB  # the cap (1 MiB) plus buffers; the bomb would be 256 MiB
        assert len(logged_in.seen(*OFFERS)) == 1  # not resent

    def test_the_default_cap_also_holds(self, logged_in: HostileServer) -> None:
        inflated = 256 * MiB
        logged_in.route(*OFFERS, raw(200, gzip_bomb(inflated), [("Content-Encoding", "gzip")]))
        with wire_client(logged_in) as pc:
            tracemalloc.start()
            try:
                with pytest.raises(errors.ResponseValidationError):
                    send_sync(pc, list_offers)
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        assert peak < 48 * MiB  # the 32 MiB default cap plus buffers; the bomb would be 256 MiB

    def test_a_declared_length_above_the_cap_is_refused_before_reading(
        self, logged_in: HostileServer
    ) -> None:
        logged_in.route(*OFFERS, raw(200, b"x" * (2 * MiB)))
        with (
            wire_client(logged_in, max_response_bytes=MiB) as pc,
            pytest.raises(errors.ResponseValidationError) as info,
        ):
            send_sync(pc, list_offers)
        assert info.value.status_code == 200

    def test_a_real_gzip_body_is_decoded(self, logged_in: HostileServer) -> None:
        payload = {"offers": [{"id": 5, "name": "zipped"}]}
        logged_in.route(*OFFERS, raw(200, gzipped(payload), [("Content-Encoding", "gzip")]))
        with wire_client(logged_in) as pc:
            assert send_sync(pc, list_offers).body == payload

    def test_a_false_content_encoding_is_a_validation_error(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, raw(200, BODY, [("Content-Encoding", "gzip")]))
        with wire_client(logged_in) as pc, pytest.raises(errors.ResponseValidationError) as info:
            send_sync(pc, list_offers)
        assert info.value.status_code == 200
        assert "gzip" in str(info.value) and '{"offers"' in str(info.value)

    def test_deep_json_is_a_validation_error(self, logged_in: HostileServer) -> None:
        depth = 100_000
        logged_in.route(*OFFERS, raw(200, b"[" * depth + b"]" * depth))
        with wire_client(logged_in) as pc, pytest.raises(errors.ResponseValidationError) as info:
            send_sync(pc, list_offers)
        assert info.value.status_code == 200
        assert "nested too deeply" in str(info.value)

    def test_invalid_utf8_is_a_validation_error(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, raw(200, b'{"offers": "\xff\xfe"}'))
        with wire_client(logged_in) as pc, pytest.raises(errors.ResponseValidationError) as info:
            send_sync(pc, list_offers)
        assert "not UTF-8" in str(info.value)

    def test_html_from_a_proxy_is_a_validation_error(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, raw(200, b"<html>maintenance</html>"))
        with wire_client(logged_in) as pc, pytest.raises(errors.ResponseValidationError) as info:
            send_sync(pc, list_offers)
        assert info.value.body == "<html>maintenance</html>"

    async def test_async_gzip_bomb_and_deep_json(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, raw(200, gzip_bomb(64 * MiB), [("Content-Encoding", "gzip")]))
        logged_in.route("GET", "/v1_1/lander", raw(200, b"[" * 100_000 + b"]" * 100_000))
        async with async_wire_client(logged_in, max_response_bytes=MiB) as apc:
            with pytest.raises(errors.ResponseValidationError):
                await send_async(apc, list_offers)
            from peerclick_api.api.lander import list_landers

            with pytest.raises(errors.ResponseValidationError):
                await send_async(apc, list_landers)


class TestEnvelopesAndErrors:
    def test_an_error_envelope_on_a_200_is_a_typed_error(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, json(200, {"status": 500, "description": "Database failure"}))
        with wire_client(logged_in) as pc:
            with pytest.raises(errors.ServerError) as info:
                send_sync(pc, list_offers)
            assert info.value.status_code == 500
            assert "Database failure" in str(info.value) and "sent with HTTP 200" in str(info.value)
            with pytest.raises(errors.ServerError):  # through pc.api too
                list_offers.sync_detailed(client=pc.api)

    def test_an_error_only_envelope_is_a_typed_error(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, json(200, {"description": "Invalid workspace"}))
        with wire_client(logged_in) as pc, pytest.raises(errors.BadRequestError) as info:
            list_offers.sync_detailed(client=pc.api)
        assert "Invalid workspace" in str(info.value)

    def test_the_vendor_reason_is_in_the_message(self, logged_in: HostileServer) -> None:
        reason = {"description": "affiliateNetwork 7 does not exist", "status": 400}
        logged_in.route(*NEW_OFFER, json(400, reason))
        with wire_client(logged_in) as pc, pytest.raises(errors.BadRequestError) as info:
            send_sync(pc, create_offer)  # type: ignore[arg-type]
        error = info.value
        assert str(error).startswith(
            "400 Bad Request from POST /v1_1/offer: affiliateNetwork 7 does not exist"
        )
        assert (error.status_code, error.method, error.path) == (400, "POST", "/v1_1/offer")
        assert error.body == reason
        assert error.request is not None and error.request.headers["api-token"] == "[redacted]"
        assert len(logged_in.seen(*NEW_OFFER)) == 1

    @pytest.mark.parametrize("body", [b"null", b"[1, 2]", b"42"])
    def test_pc_api_gets_a_typed_error_for_a_body_that_is_not_an_object(
        self, logged_in: HostileServer, body: bytes
    ) -> None:
        """Instead of a TypeError deep inside the generated parser."""
        logged_in.route(*OFFERS, raw(200, body))
        with wire_client(logged_in) as pc, pytest.raises(errors.ResponseValidationError) as info:
            list_offers.sync_detailed(client=pc.api)
        assert info.value.status_code == 200

    def test_pc_api_takes_an_empty_200_as_an_empty_object(self, logged_in: HostileServer) -> None:
        """An empty success is parseable: the generated parser sees `{}`, the facade None."""
        logged_in.route(*OFFERS, raw(200, b""))
        with wire_client(logged_in) as pc:
            answer = list_offers.sync_detailed(client=pc.api)
            assert answer.status_code == 200 and answer.parsed is not None
            assert send_sync(pc, list_offers).body is None
