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

Budgets: by default the fake enforces PeerClick's 3 requests/s and 1 report/s per account as
strict sliding windows, counted on arrival (a refused request costs nothing). `fake.arrivals()`
gives the arrival times of the requests it counted and `fake.busiest_window(1.0)` the most in any
window; `fake.storm(5, retry_after=1)` answers 429 for 5 s of its clock, as if another client of
the account used the budget. `FakePeerClick(latency=0.05, jitter=0.02)` delays every answer
(seeded, so runs repeat).

Over HTTP on loopback: ``python -m peerclick.testing serve --port 0`` prints
``PEERCLICK_BASE_URL=...`` and the demo credentials; in tests, ``with serve_in_thread(fake) as
base_url: ...``.
"""

from peerclick.testing._account import Account, Rules
from peerclick.testing._budget import RateLimits
from peerclick.testing._clock import FakeClock, system_clock
from peerclick.testing._fake import (
    DEFAULT_BASE_URL,
    DEMO_ACCESS_ID,
    DEMO_ACCESS_KEY,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    FakePeerClick,
)
from peerclick.testing._faults import Fault, Faults
from peerclick.testing._recording import RequestRecord
from peerclick.testing._server import FakeServer, serve_in_thread

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
    "RateLimits",
    "RequestRecord",
    "Rules",
    "serve_in_thread",
    "system_clock",
]
