"""The faithful fake over its real HTTP server: the happy path and the refusals a user meets first.

Also `make demo` with a wrong key: one clear line on stderr and a non-zero exit, no traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from peerclick import AsyncPeerClick, PeerClick, errors
from peerclick.resources._base import json_object, send_async, send_sync
from peerclick.testing import FakePeerClick, FakeServer
from peerclick_api.api.offer import get_offer, list_offers
from tests.reliability.conftest import async_no_sleep, no_sleep

ROOT = Path(__file__).resolve().parents[2]


def fake_client(server: FakeServer, **kwargs: object) -> PeerClick:
    fake = server.fake
    options: dict[str, object] = {
        "access_id": fake.access_id,
        "access_key": fake.access_key,
        "base_url": server.base_url,
        "sleep": no_sleep,  # retry back-off only; the default budget paces like the fake's (3/s)
        "timeout": 10.0,
    }
    options.update(kwargs)
    return PeerClick(**options)  # type: ignore[arg-type]


class TestAgainstTheFake:
    def test_one_login_then_answers_parsed_once(self, peerclick_server: FakeServer) -> None:
        with fake_client(peerclick_server) as pc:
            offers = json_object(send_sync(pc, list_offers), what="list offers")["offers"]
            first = send_sync(pc, get_offer, offer_id=offers[0]["id"])
            assert first.body["offer"]["id"] == offers[0]["id"]
        logins = peerclick_server.fake.requests_to("/auth/access/session")
        assert len(logins) == 1

    def test_a_wrong_key_is_an_authentication_error(self, peerclick_server: FakeServer) -> None:
        with (
            fake_client(peerclick_server, access_key="not-the-key-0000") as pc,
            pytest.raises(errors.AuthenticationError) as info,
        ):
            send_sync(pc, list_offers)
        assert info.value.status_code == 401
        assert info.value.body is not None
        assert "not-the-key-0000" not in str(info.value)

    def test_a_revoked_token_is_renewed_once(self, peerclick_server: FakeServer) -> None:
        fake: FakePeerClick = peerclick_server.fake
        with fake_client(peerclick_server) as pc:
            send_sync(pc, list_offers)
            for session in fake.sessions.all():
                fake.revoke(session.token)
            send_sync(pc, list_offers)
        assert len(fake.requests_to("/auth/access/session")) == 2

    def test_a_missing_entity_is_not_found(self, peerclick_server: FakeServer) -> None:
        with fake_client(peerclick_server) as pc, pytest.raises(errors.NotFoundError) as info:
            send_sync(pc, get_offer, offer_id=999_999)
        assert info.value.status_code == 404
        assert str(info.value).startswith("404 Not Found from GET /v1_1/offer/999999")

    async def test_async_login_and_list(self, peerclick_server: FakeServer) -> None:
        fake = peerclick_server.fake
        async with AsyncPeerClick(
            access_id=fake.access_id,
            access_key=fake.access_key,
            base_url=peerclick_server.base_url,
            sleep=async_no_sleep,
        ) as apc:
            answer = await send_async(apc, list_offers)
        assert isinstance(answer.body["offers"], list)


class TestDemoWithAWrongKey:
    def test_one_clear_line_and_a_non_zero_exit(self, peerclick_server: FakeServer) -> None:
        env = {
            **os.environ,
            "PEERCLICK_ACCESS_ID": peerclick_server.fake.access_id,
            "PEERCLICK_ACCESS_KEY": "wrong-key-SECRET-7",
            "PEERCLICK_BASE_URL": peerclick_server.base_url,
        }
        env.pop("PEERCLICK_LOG", None)
        done = subprocess.run(
            [sys.executable, "scripts/demo.py"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith("demo failed: AuthenticationError: 401")
        assert "Traceback" not in done.stderr and "httpx" not in done.stderr
        assert "wrong-key-SECRET-7" not in done.stderr + done.stdout
