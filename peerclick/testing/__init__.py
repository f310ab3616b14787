"""A faithful, stateful local PeerClick for tests (like stripe-mock for Stripe).

In process::

    fake = FakePeerClick()
    client = httpx.Client(transport=fake.transport(), base_url="https://api.peerclick.com/v1_1")

Over HTTP on loopback: ``python -m peerclick.testing serve --port 0``, or in tests
``with serve_in_thread(fake) as base_url: ...``. The pytest plugin provides a fresh
``peerclick_fake`` fixture per test.
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

__all__ = [
    "DEFAULT_BASE_URL",
    "DEMO_ACCESS_ID",
    "DEMO_ACCESS_KEY",
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "Account",
    "FakeClock",
    "FakePeerClick",
    "Fault",
    "Faults",
    "RateLimits",
    "RequestRecord",
    "Rules",
    "system_clock",
]
