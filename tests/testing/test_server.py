"""Over HTTP: the loopback server, `serve_in_thread`, and `python -m peerclick.testing serve`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from peerclick.testing import FakePeerClick, FakeServer, serve_in_thread


class TestServeInThread:
    def test_real_requests_on_a_free_port(self) -> None:
        """serve_in_thread picks a free port and answers real HTTP, versions and all."""
        fake = FakePeerClick(rate_limits=None)
        with serve_in_thread(fake) as base_url:
            assert base_url.startswith("http://127.0.0.1:") and not base_url.endswith(":0")
            with httpx.Client(base_url=f"{base_url}/v1_1") as http:
                login = http.post(
                    "/auth/access/session",
                    json={"accessId": fake.access_id, "accessKey": fake.access_key},
                )
                assert login.status_code == 200
                http.headers["api-token"] = login.json()["token"]
                assert http.get("/offer/1").json()["offer"]["id"] == 1
                assert (
                    http.post(
                        "/conversion", content=b"", headers={"content-type": "text/csv"}
                    ).json()["numberOfRows"]
                    == 0
                )
        assert [r.path for r in fake.requests] == [
            "/auth/access/session",
            "/offer/1",
            "/conversion",
        ]

    def test_port_is_released_on_exit(self) -> None:
        """After the block the socket is closed: connecting fails."""
        with serve_in_thread() as base_url:
            pass
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{base_url}/v1_1/domain", timeout=2)

    def test_dropped_connection_over_http(self) -> None:
        """drop() closes the socket without an answer; the client sees a protocol error."""
        fake = FakePeerClick(rate_limits=None)
        fake.faults.drop()
        with serve_in_thread(fake) as base_url, httpx.Client(base_url=base_url) as http:
            with pytest.raises(httpx.RemoteProtocolError):
                http.get("/v1_1/domain")
            assert http.get("/v1_1/domain").status_code == 401

    def test_html_and_delay_over_http(self) -> None:
        """HTML pages go out as text/html; a delay longer than the client's timeout times out."""
        fake = FakePeerClick(rate_limits=None)
        fake.faults.html_error(504)
        fake.faults.delay(1.0)
        with serve_in_thread(fake) as base_url, httpx.Client(base_url=base_url) as http:
            page = http.get("/v1_1/domain")
            assert page.status_code == 504 and page.headers["content-type"] == "text/html"
            with pytest.raises(httpx.ReadTimeout):
                http.get("/v1_1/domain", timeout=0.2)

    @pytest.mark.parametrize("host", ["0.0.0.0", "8.8.8.8"])
    def test_refuses_non_loopback_hosts(self, host: str) -> None:
        """Only loopback addresses can be bound."""
        with pytest.raises(ValueError, match="loopback"):
            FakeServer(host=host)

    def test_localhost_is_fine(self) -> None:
        """localhost resolves to loopback."""
        with FakeServer(host="localhost") as server:
            assert httpx.get(f"{server.base_url}/v1_1/domain").status_code == 401


@pytest.fixture
def cli() -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    """`python -m peerclick.testing serve --port 0`, with its printed settings."""
    process = subprocess.Popen(
        [sys.executable, "-m", "peerclick.testing", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    settings: dict[str, str] = {}
    while "PEERCLICK_PASSWORD" not in settings:
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else "no output"
        name, _, value = line.strip().partition("=")
        settings[name] = value
    try:
        yield process, settings
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


class TestCommandLine:
    @pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
    def test_serve_prints_settings_and_stops_cleanly(
        self, cli: tuple[subprocess.Popen[str], dict[str, str]], signum: int
    ) -> None:
        """It prints NAME=value lines, serves real requests and exits 0 on SIGINT or SIGTERM."""
        process, settings = cli
        assert settings["PEERCLICK_BASE_URL"].startswith("http://127.0.0.1:")
        assert settings["PEERCLICK_API_VERSION"] == "v1_1"
        base = f"{settings['PEERCLICK_BASE_URL']}/{settings['PEERCLICK_API_VERSION']}"
        login = httpx.post(
            f"{base}/auth/access/session",
            json={
                "accessId": settings["PEERCLICK_ACCESS_ID"],
                "accessKey": settings["PEERCLICK_ACCESS_KEY"],
            },
        )
        assert login.status_code == 200
        process.send_signal(signum)
        assert process.wait(timeout=10) == 0
        assert process.stdout is not None and "PEERCLICK_STOPPED=1" in process.stdout.read()

    def test_rejects_public_hosts(self) -> None:
        """--host must be loopback: exit status 2 and a message."""
        result = subprocess.run(
            [sys.executable, "-m", "peerclick.testing", "serve", "--host", "0.0.0.0"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 2 and "loopback" in result.stderr
