"""A faithful, stateful local PeerClick for tests (like stripe-mock for Stripe).

`FakePeerClick` implements every operation of openapi/peerclick.yaml in memory, under the version
prefixes the gateway uses (`/v1_1/...`, `/v1/...`): sessions with expiring tokens, entities with
small per-account ids, reports computed from seeded synthetic traffic, manual cost, conversion
uploads, the documented budgets (3 requests/s, reports 1/s) and injectable faults.

In process, through httpx::

    fake = FakePeerClick()
    http = httpx.Client(transport=fake.transport(), base_url="https://api.peerclick.com/v1_1")
    login = {"accessId": fake.access_id, "accessKey": fake.access_key}
    token = http.post("/auth/access/session", json=login).json()["token"]

With pytest (the plugin is registered as an entry point), a test is three lines::

    def test_offer(peerclick_fake):
        with peerclick_fake.http_client(headers={"api-token": peerclick_fake.login()}) as http:
            assert http.get("/offer/1").status_code == 200

Control time with `FakeClock` (`FakePeerClick(clock=clock)`, `clock.advance(86400)`), break
things with `fake.faults` (`fail`, `rate_limit`, `storm`, `html_error`, `delay`, `drop`,
`timeout`) and look at what was sent in `fake.requests` / `fake.requests_to("/report")`.

Budgets: by default the fake enforces PeerClick's 3 requests/s and 1 report/s per account
(`ServerLimits()`; `rate_limits=None` switches them off) as strict sliding windows, counted on
arrival (a refused request costs nothing). `fake.arrivals()` gives the arrival times of the
requests it counted and `fake.busiest_window(1.0)` the most in any window; `fake.storm(5,
retry_after=1)` answers 429 for 5 s of its clock, as if another client of the account used the
budget. `FakePeerClick(latency=0.05, jitter=0.02)` delays every answer
(seeded, so runs repeat).

Over HTTP on loopback: ``python -m peerclick.testing serve --port 0`` prints
``PEERCLICK_BASE_URL=...`` and the demo credentials; in tests, ``with serve_in_thread(fake) as
base_url: ...``.

Layout: `_http/` is the HTTP shell (request pipeline, routes, sessions, budgets, faults, the
request log, the loopback server); `_sim/` is the account simulation behind it (entities,
seeded traffic, reports, ledgers) and never imports `_http/`; `_wire`, `_schemas` and `_clock`
are the vocabulary both share.

The names below load on first use (PEP 562 `__getattr__`): the pytest plugin lives in this
package, and a project that only has the SDK installed must not pay for importing the fake in
every pytest run. `lazy_loader` (scientific-python) does the same, but it is a dependency for
twenty lines, and mypy still needs the static imports under TYPE_CHECKING below.
"""

from __future__ import annotations

# Private aliases: this namespace holds the public names only (tests/testing/test_exports.py).
import importlib as _importlib
import typing as _typing
import warnings as _warnings

if _typing.TYPE_CHECKING:
    from peerclick.testing._clock import FakeClock, system_clock
    from peerclick.testing._http._budget import ServerLimits
    from peerclick.testing._http._fake import (
        DEFAULT_BASE_URL,
        DEMO_ACCESS_ID,
        DEMO_ACCESS_KEY,
        DEMO_EMAIL,
        DEMO_PASSWORD,
        FakePeerClick,
    )
    from peerclick.testing._http._faults import Fault, Faults
    from peerclick.testing._http._recording import RequestRecord
    from peerclick.testing._http._server import FakeServer, serve_in_thread
    from peerclick.testing._sim._account import Account, Rules

__all__ = [
    "DEFAULT_BASE_URL",
    "DEMO_ACCESS_ID",
    "DEMO_ACCESS_KEY",
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "Account",
    "FakeClock",
    "FakePeerClick",
    "FakeServer",
    "Fault",
    "Faults",
    "RequestRecord",
    "Rules",
    "ServerLimits",
    "serve_in_thread",
    "system_clock",
]

_HOMES = {
    "_clock": ("FakeClock", "system_clock"),
    "_http._budget": ("ServerLimits",),
    "_http._fake": (
        "DEFAULT_BASE_URL", "DEMO_ACCESS_ID", "DEMO_ACCESS_KEY", "DEMO_EMAIL", "DEMO_PASSWORD",
        "FakePeerClick",
    ),
    "_http._faults": ("Fault", "Faults"),
    "_http._recording": ("RequestRecord",),
    "_http._server": ("FakeServer", "serve_in_thread"),
    "_sim._account": ("Account", "Rules"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> _typing.Any:
    """Import a public name's module on first access, and keep the name here from then on."""
    if name == "RateLimits":  # the old name, which read like peerclick.RateLimits
        _warnings.warn(
            "peerclick.testing.RateLimits is deprecated: use ServerLimits (its `window` is now "
            "`period`, as in peerclick.RateLimits)",
            DeprecationWarning,
            stacklevel=2,
        )
        return _rate_limits
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def _rate_limits(general: int = 3, report: int = 1, window: float = 1.0) -> ServerLimits:
    """The deprecated `RateLimits(general, report, window)`, answered with a `ServerLimits`."""
    from peerclick.testing._http._budget import ServerLimits

    return ServerLimits(general=general, report=report, period=window)
