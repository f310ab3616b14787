"""The attempt's deadline is exact on a real socket: headers trickling, and a stall near the end.

httpcore bounds each read by the ``read`` timeout only, so headers sent one byte every 0.3 s, or
a body that stalls for longer than what is left of the deadline, would outlast ``timeout``. The
sync client bounds every socket operation by the time left (``peerclick._deadline_net``); the
async client runs the attempt under ``anyio.fail_after``. Over the wire, what is asserted is what
the caller gets (a timeout, one attempt sent), never how long it took; the exact bound of each
operation is shown on a fake clock below.
"""

from __future__ import annotations

import datetime

import httpcore
import httpx
import pytest

from peerclick import _deadline_net, errors
from peerclick._body import BodyTransport
from peerclick.resources._base import send_async, send_sync
from peerclick_api.api.offer import list_offers
from tests.reliability._servers import HostileServer, login_ok, stall_then_answer, trickle_head
from tests.reliability.conftest import async_wire_client, wire_client

OFFERS = ("GET", "/v1_1/offer")
LOGIN = ("POST", "/v1_1/auth/access/session")
BODY = b'{"offers": [{"id": 1, "name": "first offer"}, {"id": 2, "name": "second"}]}'


@pytest.fixture
def logged_in(server: HostileServer) -> HostileServer:
    server.route(*LOGIN, login_ok())
    return server


class TestOverTheWire:
    def test_trickling_headers_time_out(self, logged_in: HostileServer) -> None:
        """About 90 header bytes at 0.3 s each would take ~27 s; each read only gets what is left.

        The client hangs up at its deadline, long before the head is complete (a per-read bound
        would wait for all of it, then fail on the body).
        """
        slow = trickle_head(logged_in, BODY)
        logged_in.route(*OFFERS, slow)
        with wire_client(logged_in, timeout=1.0) as pc, pytest.raises(errors.APITimeoutError):
            send_sync(pc, list_offers)
        assert len(logged_in.seen(*OFFERS)) == 1
        logged_in.stop()  # waits for the behaviour to notice the closed connection
        assert slow.sent < slow.head_size / 2  # type: ignore[attr-defined]

    async def test_async_trickling_headers_time_out(self, logged_in: HostileServer) -> None:
        slow = trickle_head(logged_in, BODY)
        logged_in.route(*OFFERS, slow)
        async with async_wire_client(logged_in, timeout=1.0) as apc:
            with pytest.raises(errors.APITimeoutError):
                await send_async(apc, list_offers)
        assert len(logged_in.seen(*OFFERS)) == 1
        logged_in.stop()
        assert slow.sent < slow.head_size / 2  # type: ignore[attr-defined]

    def test_an_answer_within_the_deadline_is_read(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, stall_then_answer(logged_in, BODY, stall=0.05))
        with wire_client(logged_in, timeout=5.0) as pc:
            answer = send_sync(pc, list_offers)
        assert answer.response.status_code == 200
        # the layer read and closed the body; the response still says how long it took
        assert answer.response.elapsed >= datetime.timedelta(0)

    def test_pc_api_responses_keep_httpx_elapsed(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, stall_then_answer(logged_in, BODY, stall=0.05))
        with wire_client(logged_in) as pc:
            response = pc.api.get_httpx_client().get("/offer")
        assert response.json()["offers"][0]["id"] == 1
        assert datetime.timedelta(0) <= response.elapsed <= datetime.timedelta(seconds=10)

    async def test_async_responses_keep_httpx_elapsed(self, logged_in: HostileServer) -> None:
        logged_in.route(*OFFERS, stall_then_answer(logged_in, BODY, stall=0.05))
        async with async_wire_client(logged_in) as apc:
            response = await apc.api.get_async_httpx_client().get("/offer")
        assert response.elapsed >= datetime.timedelta(0)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class TestBoundedOperations:
    @pytest.fixture(autouse=True)
    def _installed(self) -> None:
        transport = httpx.HTTPTransport()
        assert _deadline_net.install(transport)  # loads httpcore's timeout errors
        transport.close()

    def test_no_deadline_leaves_timeouts_alone(self) -> None:
        assert _deadline_net._bounded(3.0, "read") == 3.0
        assert _deadline_net._bounded(None, "read") is None

    def test_each_operation_gets_only_what_is_left(self) -> None:
        clock = FakeClock()
        with _deadline_net.deadline(101.5, clock):
            assert _deadline_net._bounded(5.0, "read") == pytest.approx(1.5)
            assert _deadline_net._bounded(None, "write") == pytest.approx(1.5)
            assert _deadline_net._bounded(0.5, "read") == 0.5
            clock.now = 101.5
            with pytest.raises(httpcore.ReadTimeout):
                _deadline_net._bounded(5.0, "read")
            with pytest.raises(httpcore.WriteTimeout):
                _deadline_net._bounded(5.0, "write")
            with pytest.raises(httpcore.ConnectTimeout):
                _deadline_net._bounded(5.0, "connect")
        assert _deadline_net._bounded(5.0, "read") == 5.0  # reset on leaving

    def test_peerclick_does_not_load_httpcore(self) -> None:
        """httpx loads httpcore when its transport is built; peerclick's import must not."""
        import subprocess
        import sys

        code = "import sys, peerclick; print('httpcore' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.stdout.strip() == "False", out.stderr

    def test_installed_under_httpx_transport_only(self) -> None:
        transport = httpx.HTTPTransport()
        assert BodyTransport(transport).exact_deadlines
        backend = transport._pool._network_backend
        assert isinstance(backend, _deadline_net.DeadlineBackend)
        BodyTransport(transport)  # twice: not wrapped twice
        assert transport._pool._network_backend is backend
        assert not BodyTransport(httpx.MockTransport(lambda r: httpx.Response(200))).exact_deadlines
        transport.close()
