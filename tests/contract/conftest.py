"""Prism, the spec-driven mock, on a free loopback port for the whole contract session.

Prism answers 422 to any request that breaks openapi/peerclick.yaml (wrong parameter name, type or
body), so a facade method that sends something the spec does not allow fails its test here.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "scripts" / "node_modules" / ".bin" / "prism"
SPEC = ROOT / "openapi" / "peerclick.yaml"
START_TIMEOUT = 90.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not PRISM.exists():
        if os.environ.get("CI"):
            pytest.fail("Prism is not installed; `make test` installs it with `make node`")
        pytest.skip("Prism is not installed (run `make node`)")
    port = _free_port()
    log = (tmp_path_factory.mktemp("prism") / "prism.log").open("w")
    # Start the node script itself in its own session: killing npx would leave node running.
    proc = subprocess.Popen(
        [str(PRISM), "mock", str(SPEC), "--errors", "-h", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"Prism exited with {proc.returncode}; see {log.name}")
            try:
                httpx.get(f"{url}/column/info", headers={"api-token": "probe"}, timeout=1.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail(f"Prism did not start within {START_TIMEOUT:.0f}s")
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
