"""The pytest plugin: `peerclick_fake` and `peerclick_server`, set up by the `peerclick` marker.

It is a guest in every pytest run of every project that installs the SDK: importing it loads no
fake, and its async fixture works under each async test runner a user may have.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

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


# -- a guest costs nothing until a fixture runs -------------------------------------------------

_NEW_MODULES = """
import json, sys
import pytest
{before}
already = set(sys.modules)
import peerclick.testing.pytest_plugin
print(json.dumps(sorted(set(sys.modules) - already)))
"""


def _modules_the_plugin_adds(before: str = "") -> list[str]:
    """Modules that importing the plugin loads, in a fresh interpreter, after `before` ran."""
    code = _NEW_MODULES.format(before=before)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    added: list[str] = json.loads(proc.stdout)
    return added


def test_importing_the_plugin_loads_no_fake_and_no_server() -> None:
    """Neither half of the fake, nor the HTTP server it runs on."""
    added = _modules_the_plugin_adds()
    assert "peerclick.testing.pytest_plugin" in added
    heavy = ("peerclick.testing._", "http.server", "socketserver")
    assert [m for m in added if m.startswith(heavy)] == []


def test_the_plugin_adds_nothing_to_an_imported_sdk() -> None:
    """Beside `import peerclick` (the parent package's own cost), only the plugin module itself."""
    added = _modules_the_plugin_adds("import peerclick")
    assert added == ["peerclick.testing", "peerclick.testing.pytest_plugin"]


def test_public_names_load_on_first_use() -> None:
    """`import peerclick.testing` is cheap too; `from peerclick.testing import X` still works."""
    added = _modules_the_plugin_adds(
        "import peerclick.testing\nassert 'peerclick.testing._http._fake' not in sys.modules\n"
        "from peerclick.testing import FakePeerClick, ServerLimits\n"
        "assert FakePeerClick().rate_limits == ServerLimits()"
    )
    assert added == ["peerclick.testing.pytest_plugin"]


def test_old_rate_limits_name_warns_and_still_works() -> None:
    """`peerclick.testing.RateLimits(window=)` is deprecated: it answers with a ServerLimits."""
    import peerclick.testing

    with pytest.warns(DeprecationWarning, match="use ServerLimits"):
        old = peerclick.testing.RateLimits
    assert old(general=5, window=2.0) == peerclick.testing.ServerLimits(general=5, period=2.0)


# -- the async fixture under every runner -------------------------------------------------------

_ASYNC_TESTS = """
import pytest

from peerclick import AsyncPeerClick


async def _use(client: AsyncPeerClick) -> None:
    offers = await client.offers.list()
    assert offers and all(o.id for o in offers)


{tests}


def test_sync_test_may_drive_it_itself(async_peerclick_client):
    import asyncio

    asyncio.run(_use(async_peerclick_client))
"""

_ASYNCIO_TEST = """
@pytest.mark.asyncio
async def test_under_pytest_asyncio(async_peerclick_client, peerclick_fake):
    await _use(async_peerclick_client)
    assert [r.status for r in peerclick_fake.requests] == [200, 200]
"""

_ANYIO_TEST = """
@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_under_anyio(async_peerclick_client, peerclick_fake):
    await _use(async_peerclick_client)
    assert [r.status for r in peerclick_fake.requests] == [200, 200]
"""


def _run_async_suite(
    pytester: pytest.Pytester, ini: str, tests: str, *options: str
) -> pytest.RunResult:
    pytester.makeini(textwrap.dedent(ini))
    pytester.makepyfile(_ASYNC_TESTS.format(tests=tests))
    # Warnings are errors: an un-awaited coroutine or a fixture no plugin handled fails the run.
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "error", *options)


@pytest.mark.parametrize("mode", ["strict", "auto"])
def test_async_fixture_under_pytest_asyncio(pytester: pytest.Pytester, mode: str) -> None:
    """Strict mode (pytest-asyncio's default) and auto mode, the anyio plugin loaded alongside."""
    ini = f"""
        [pytest]
        asyncio_mode = {mode}
        asyncio_default_fixture_loop_scope = function
    """
    result = _run_async_suite(pytester, ini, _ASYNCIO_TEST + _ANYIO_TEST)
    result.assert_outcomes(passed=3)


def test_async_fixture_under_anyio_alone(pytester: pytest.Pytester) -> None:
    """With pytest-asyncio switched off, anyio's pytest plugin runs the same fixture."""
    result = _run_async_suite(pytester, "[pytest]\n", _ANYIO_TEST, "-p", "no:asyncio")
    result.assert_outcomes(passed=2)
