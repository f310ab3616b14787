"""The pytest plugin: `peerclick_fake` and `peerclick_server`, set up by the `peerclick` marker."""

from __future__ import annotations

import httpx
import pytest

from peerclick.testing import FakeClock, FakePeerClick, FakeServer


def test_fixture_is_a_fresh_fake(peerclick_fake: FakePeerClick) -> None:
    """The entry point provides a fresh, demo-filled fake per test: a test is three lines."""
    with peerclick_fake.http_client(headers={"api-token": peerclick_fake.login()}) as http:
        assert http.get("/offer/1").json()["offer"]["namePostfix"] == "Sweepstakes iPhone"
    assert len(peerclick_fake.requests) == 1


@pytest.mark.peerclick(rate_limits=None, seed=3, clock=FakeClock())
def test_marker_configures_the_fake(peerclick_fake: FakePeerClick) -> None:
    """Keyword arguments of the peerclick marker go to FakePeerClick."""
    assert peerclick_fake.rate_limits is None and peerclick_fake.seed == 3
    assert isinstance(peerclick_fake.clock, FakeClock)


def test_server_fixture(peerclick_server: FakeServer, peerclick_fake: FakePeerClick) -> None:
    """peerclick_server serves the same fake over HTTP."""
    assert httpx.get(f"{peerclick_server.base_url}/v1_1/domain").status_code == 401
    assert peerclick_fake.requests[-1].path == "/domain"


def test_plugin_in_a_fresh_session(pytester: pytest.Pytester) -> None:
    """A user's project gets the fixture from the installed entry point, with no conftest."""
    pytester.makepyfile(
        """
        def test_user(peerclick_fake):
            http = peerclick_fake.http_client(headers={"api-token": peerclick_fake.login()})
            assert http.get("/campaign").status_code == 200

        def test_isolated(peerclick_fake):
            assert peerclick_fake.requests == []
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
