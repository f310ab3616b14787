"""The bad-input catalogue: every argument a caller can get wrong, refused before any request.

Each case calls the constructor or one resource method (sync or async) with one bad argument and
expects a ValueError / TypeError / ConfigurationError whose message names that argument (or the
field, as the caller spells it). The fake PeerClick behind the client, in process and over its
HTTP server on 127.0.0.1, must have recorded zero requests afterwards: not even a login.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest

from peerclick import AsyncPeerClick, ConfigurationError, PeerClick, RateLimits
from peerclick.testing import FakeClock, FakePeerClick, FakeServer

FAST = RateLimits(general=10_000, report=10_000, period=1.0, buffer_ms=0)
D1, D2 = "2026-11-01", "2026-11-08"
LONG = ("2026-09-01", "2026-11-04")  # 64 days
OFFER = {"name": "n", "url": "https://adv.example/?c={clickid}", "country": "US"}
OFFER_FULL = {**OFFER, "affiliate_network": 1}
CAMPAIGN = {
    "name": "c",
    "workspace_id": 1,
    "traffic_source": 1,
    "country": "US",
    "domain": "t.example.com",
    "redirect_target": {"destination": "PATH"},
}
COST = {
    "campaign_id": 1,
    "date_from": "2026-11-01",
    "date_to": "2026-11-08",
    "cost": 10.0,
    "timezone": "UTC",
}
BAD = (ValueError, TypeError)  # ConfigurationError is a ValueError


@attrs.frozen
class Case:
    """One bad call: `call(client, tmp_path)` must raise `errors` with `words` in the message."""

    name: str
    call: Callable[[Any, Path], Any]
    words: str
    errors: type[Exception] | tuple[type[Exception], ...] = BAD


def report_cases() -> list[Case]:
    """Bad arguments of every report method."""

    def get(**kw: Any) -> Callable[[Any, Path], Any]:
        args = {"group_by": "campaign", "date_from": D1, "date_to": D2, **kw}
        return lambda pc, _: pc.reports.get(**args)

    def it(**kw: Any) -> Callable[[Any, Path], Any]:
        args = {"group_by": "day", "date_from": D1, "date_to": D2, **kw}
        return lambda pc, _: pc.reports.iter_rows(**args)

    def export(target: Any = None, **kw: Any) -> Callable[[Any, Path], Any]:
        args = {"group_by": "day", "date_from": D1, "date_to": D2, **kw}
        return lambda pc, tmp: pc.reports.export_csv(
            tmp / "out.csv" if target is None else target(tmp), **args
        )

    def conv(**kw: Any) -> Callable[[Any, Path], Any]:
        args = {"date_from": D1, "date_to": D2, **kw}
        return lambda pc, _: pc.reports.conversions(**args)

    def iconv(**kw: Any) -> Callable[[Any, Path], Any]:
        args = {"date_from": D1, "date_to": D2, **kw}
        return lambda pc, _: pc.reports.iter_conversions(**args)

    return [
        Case("get: unknown group_by", get(group_by="campain"), "group_by", ValueError),
        Case("get: empty group_by", get(group_by=[]), "group_by", ValueError),
        Case("get: group_by of ints", get(group_by=[1]), "group_by", TypeError),
        Case("get: blank group_by item", get(group_by=["campaign", " "]), "group_by"),
        Case("get: unknown column", get(columns="visitz"), "columns", ValueError),
        Case("get: column not a string", get(columns=[3]), "columns", TypeError),
        Case("get: unreadable date_from", get(date_from="yesterday"), "date_from", ValueError),
        Case(
            "get: date_from off the hour", get(date_from=datetime(2026, 11, 1, 10, 30)), "date_from"
        ),
        Case("get: date_from an int", get(date_from=20261101), "date_from", TypeError),
        Case("get: impossible date", get(date_from="2026-13-01"), "date_from", ValueError),
        Case(
            "get: date_to before date_from",
            get(date_to="2026-10-01"),
            "date_from must be before date_to",
        ),
        Case("get: unknown timezone", get(timezone="Mars/Base"), "timezone", ValueError),
        Case("get: timezone not a string", get(timezone=5), "timezone", TypeError),
        Case("get: unknown sort column", get(sort="bogus"), "sort", ValueError),
        Case("get: sort not a string", get(sort=3), "sort", TypeError),
        Case("get: bad direction", get(direction="up"), "direction", ValueError),
        Case("get: bad include", get(include="some"), "include", ValueError),
        Case(
            "get: bad conversion_time_mode",
            get(conversion_time_mode="later"),
            "conversion_time_mode",
        ),
        Case("get: bad currency", get(currency="dollars"), "currency", ValueError),
        Case(
            "get: four filters",
            get(filters={"campaign": 1, "offer": 2, "flow": 3, "lander": 4}),
            "filters",
        ),
        Case("get: filters an int", get(filters=12), "filters", TypeError),
        Case("get: blank filter value", get(filters={"campaign": ""}), "filters", ValueError),
        Case("get: unknown filter dimension", get(filters={"campain": 1}), "filters", ValueError),
        Case("get: blank free-text filter", get(filters="  "), "filters", ValueError),
        Case("get: limit 0", get(limit=0), "limit", ValueError),
        Case("get: limit a bool", get(limit=True), "limit", TypeError),
        Case("get: limit too big", get(limit=100_001), "limit", ValueError),
        Case("get: negative offset", get(offset=-1), "offset", ValueError),
        Case("get: page_size 0", get(page_size=0), "page_size", ValueError),
        Case("get: progress not callable", get(progress=5), "progress", TypeError),
        Case(
            "get: 64 days by campaign",
            get(date_from=LONG[0], date_to=LONG[1]),
            "31 days",
            ValueError,
        ),
        Case(
            "get: offset over 31 days",
            get(group_by="day", date_from=LONG[0], date_to=LONG[1], offset=5),
            "offset",
        ),
        Case("iter_rows: page_size a float", it(page_size=1.5), "page_size", TypeError),
        Case("iter_rows: page_size too big", it(page_size=100_001), "page_size", ValueError),
        Case("iter_rows: progress a string", it(progress="bar"), "progress", TypeError),
        Case("iter_rows: unknown group_by", it(group_by="campain"), "group_by", ValueError),
        Case(
            "iter_rows: 64 days by offer",
            it(group_by="offer", date_from=LONG[0], date_to=LONG[1]),
            "31 days",
        ),
        Case("export_csv: target an int", export(lambda _: 42), "path_or_file", TypeError),
        Case("export_csv: target a directory", export(lambda tmp: tmp), "path_or_file", ValueError),
        Case(
            "export_csv: no such directory",
            export(lambda tmp: tmp / "no" / "x.csv"),
            "path_or_file",
        ),
        Case("export_csv: empty path", export(lambda _: ""), "path_or_file", ValueError),
        Case(
            "export_csv: escape_formulas a string", export(escape_formulas="yes"), "escape_formulas"
        ),
        Case("export_csv: page_size too big", export(page_size=100_001), "page_size", ValueError),
        Case("export_csv: progress not callable", export(progress=1), "progress", TypeError),
        Case("export_csv: bad columns", export(columns=["visits", "nope"]), "columns", ValueError),
        Case("conversions: empty group_by", conv(group_by=[]), "group_by", ValueError),
        Case("conversions: limit 0", conv(limit=0), "limit", ValueError),
        Case("conversions: bad date_to", conv(date_to="next week"), "date_to", ValueError),
        Case(
            "conversions: 64 days by campaign",
            conv(group_by="campaign", date_from=LONG[0], date_to=LONG[1]),
            "31 days",
        ),
        Case("conversions: progress not callable", conv(progress=object()), "progress", TypeError),
        Case("iter_conversions: page_size a bool", iconv(page_size=False), "page_size", TypeError),
        Case(
            "iter_conversions: unknown timezone",
            iconv(timezone="Nowhere/Land"),
            "timezone",
            ValueError,
        ),
        Case(
            "live_visits: id a string",
            lambda pc, _: pc.reports.live_visits("7"),
            "campaign_id",
            TypeError,
        ),
        Case(
            "live_visits: id 0", lambda pc, _: pc.reports.live_visits(0), "campaign_id", ValueError
        ),
        Case(
            "live_clicks: id a bool",
            lambda pc, _: pc.reports.live_clicks(True),
            "campaign_id",
            TypeError,
        ),
        Case(
            "live_clicks: unknown timezone",
            lambda pc, _: pc.reports.live_clicks(7, timezone="Mars"),
            "timezone",
        ),
    ]


def entity_cases() -> list[Case]:
    """Bad arguments of the entity resources (create, update before its read, ...)."""

    def offer(**kw: Any) -> Callable[[Any, Path], Any]:
        return lambda pc, _: pc.offers.create(**{**OFFER_FULL, **kw})

    def campaign(**kw: Any) -> Callable[[Any, Path], Any]:
        return lambda pc, _: pc.campaigns.create(**{**CAMPAIGN, **kw})

    def update(
        resource: str, id: Any = 1, data: Any = None, **kw: Any
    ) -> Callable[[Any, Path], Any]:
        def call(pc: Any, _: Path) -> Any:
            target = getattr(pc, resource)
            return target.update(id, data, **kw) if data is not None else target.update(id, **kw)

        return call

    return [
        Case("offers.get: id 0", lambda pc, _: pc.offers.get(0), "id", ValueError),
        Case("offers.get: id a string", lambda pc, _: pc.offers.get("5"), "id", TypeError),
        Case("campaigns.get: negative id", lambda pc, _: pc.campaigns.get(-1), "id", ValueError),
        Case(
            "campaigns.get: with_pages a string",
            lambda pc, _: pc.campaigns.get(1, with_pages="yes"),
            "with_pages",
            TypeError,
        ),
        Case("landers.get: id a float", lambda pc, _: pc.landers.get(1.0), "id", TypeError),
        Case(
            "offers.list: include_deleted a string",
            lambda pc, _: pc.offers.list(include_deleted="yes"),
            "include_deleted",
            TypeError,
        ),
        Case(
            "flows.list: workspace_id 0",
            lambda pc, _: pc.flows.list(workspace_id=0),
            "workspace_id",
            ValueError,
        ),
        Case(
            "traffic_sources.list: fields empty",
            lambda pc, _: pc.traffic_sources.list(fields=[]),
            "fields",
            ValueError,
        ),
        Case(
            "affiliate_networks.list: fields of ints",
            lambda pc, _: pc.affiliate_networks.list(fields=[1]),
            "fields",
            TypeError,
        ),
        Case("offers.create: blank name", offer(name=" "), "name", ValueError),
        Case("offers.create: name an int", offer(name=5), "name", TypeError),
        Case("offers.create: unknown field", offer(nmae="x"), "nmae", TypeError),
        Case("offers.create: ftp url", offer(url="ftp://adv.example/"), "url", ValueError),
        Case("offers.create: country of 3 letters", offer(country="USA"), "country", ValueError),
        Case("offers.create: country an int", offer(country=840), "country", TypeError),
        Case(
            "offers.create: affiliate_network 0",
            offer(affiliate_network=0),
            "affiliate_network",
            ValueError,
        ),
        Case(
            "offers.create: affiliate_network a bool",
            offer(affiliate_network=True),
            "affiliate_network",
            TypeError,
        ),
        Case("offers.create: payout 'free'", offer(payout="free"), "payout", ValueError),
        Case(
            "offers.create: payout 'manual' without amount",
            offer(payout="manual"),
            "payout",
            ValueError,
        ),
        Case("offers.create: negative payout", offer(payout=-1), "payout", ValueError),
        Case("offers.create: NaN payout", offer(payout=math.nan), "payout", ValueError),
        Case(
            "offers.create: payout.value a string",
            offer(payout={"type": "MANUAL", "value": "1", "currency": "USD"}),
            "payout.value",
        ),
        Case(
            "offers.create: payout.currency",
            offer(payout={"type": "MANUAL", "value": 1, "currency": "dollars"}),
            "payout.currency",
        ),
        Case(
            "offers.create: workspace_id a string",
            offer(workspace_id="1"),
            "workspace_id",
            TypeError,
        ),
        Case("offers.create: tags a string", offer(tags="a,b"), "tags", TypeError),
        Case(
            "offers.create: missing affiliate_network",
            lambda pc, _: pc.offers.create(**OFFER),
            "affiliate_network",
            TypeError,
        ),
        Case(
            "offers.create: data a list", lambda pc, _: pc.offers.create([1, 2]), "data", TypeError
        ),
        Case("offers.update: unknown field", update("offers", bogus=1), "bogus", TypeError),
        Case("offers.update: no changes", update("offers"), "no changes", ValueError),
        Case("offers.update: id 0", update("offers", id=0, name="x"), "id", ValueError),
        Case("offers.update: payout 'free'", update("offers", payout="free"), "payout", ValueError),
        Case("offers.update: blank url", update("offers", url=""), "url", ValueError),
        Case(
            "offers.update: affiliate_network a string",
            update("offers", affiliate_network="7"),
            "affiliate_network",
            TypeError,
        ),
        Case(
            "offers.update: mapping with a bad payout",
            update("offers", data={"payout": {"type": "MANUAL", "value": -3}}),
            "payout.value",
        ),
        Case(
            "campaigns.create: traffic_source 0",
            campaign(traffic_source=0),
            "traffic_source",
            ValueError,
        ),
        Case(
            "campaigns.create: cost_model 'cheap'",
            campaign(cost_model="cheap"),
            "cost_model",
            ValueError,
        ),
        Case("campaigns.create: blank domain", campaign(domain=""), "domain", ValueError),
        Case(
            "campaigns.update: redirect_target a string",
            update("campaigns", redirect_target="PATH"),
            "redirect_target",
            TypeError,
        ),
        Case(
            "campaigns.update: country 'XYZ'",
            update("campaigns", country="XYZ"),
            "country",
            ValueError,
        ),
        Case(
            "landers.create: url without scheme",
            lambda pc, _: pc.landers.create(name="lp", url="lp.example", workspace_id=1),
            "url",
            ValueError,
        ),
        Case("landers.update: name an int", update("landers", name=5), "name", TypeError),
        Case(
            "flows.create: countries a string",
            lambda pc, _: pc.flows.create(name="f", countries="US", workspace_id=1),
            "countries",
            TypeError,
        ),
        Case(
            "flows.update: a bad country in the list",
            update("flows", countries=["US", "USA"]),
            r"countries\[1\]",
            ValueError,
        ),
        Case(
            "traffic_sources.create: blank name",
            lambda pc, _: pc.traffic_sources.create(name=" ", workspace_id=1),
            "name",
            ValueError,
        ),
        Case(
            "traffic_sources.update: workspace_id a bool",
            update("traffic_sources", workspace_id=True),
            "workspace_id",
            TypeError,
        ),
        Case(
            "affiliate_networks.create: name None",
            lambda pc, _: pc.affiliate_networks.create(name=None, workspace_id=1),
            "name",
            TypeError,
        ),
        Case(
            "affiliate_networks.replace: id 0",
            lambda pc, _: pc.affiliate_networks.replace(0, {"name": "x"}),
            "id",
            ValueError,
        ),
        Case(
            "offers.replace: data a string",
            lambda pc, _: pc.offers.replace(1, "body"),
            "data",
            TypeError,
        ),
        Case("offers.delete: id a string", lambda pc, _: pc.offers.delete("1"), "id", TypeError),
        Case("campaigns.delete: id 0", lambda pc, _: pc.campaigns.delete(0), "id", ValueError),
        Case("offers.restore: no ids", lambda pc, _: pc.offers.restore([]), "ids", ValueError),
        Case(
            "offers.restore: ids a string", lambda pc, _: pc.offers.restore("1"), "ids", TypeError
        ),
        Case(
            "campaigns.restore: a 0 among the ids",
            lambda pc, _: pc.campaigns.restore([1, 0]),
            "ids",
            ValueError,
        ),
    ]


def cost_and_conversion_cases() -> list[Case]:
    """Bad arguments of pc.costs.update and pc.conversions.upload."""

    def cost(**kw: Any) -> Callable[[Any, Path], Any]:
        return lambda pc, _: pc.costs.update(**{**COST, **kw})

    def upload(rows: Any, **kw: Any) -> Callable[[Any, Path], Any]:
        return lambda pc, _: pc.conversions.upload(rows, **kw)

    good = {"click_id": "abc", "payout": 1.5}
    return [
        Case("costs.update: campaign_id 0", cost(campaign_id=0), "campaign_id", ValueError),
        Case("costs.update: campaign_id a string", cost(campaign_id="1"), "campaign_id", TypeError),
        Case(
            "costs.update: date_from off the hour",
            cost(date_from="2026-11-01T10:30"),
            "date_from",
            ValueError,
        ),
        Case("costs.update: 40 days", cost(date_to="2026-12-11"), "31 days", ValueError),
        Case(
            "costs.update: date_to before date_from",
            cost(date_to="2026-10-01"),
            "date_from must be before date_to",
        ),
        Case("costs.update: negative cost", cost(cost=-1), "cost", ValueError),
        Case("costs.update: cost a string", cost(cost="10"), "cost", TypeError),
        Case("costs.update: NaN cost", cost(cost=math.nan), "cost", ValueError),
        Case("costs.update: unknown timezone", cost(timezone="Mars/Base"), "timezone", ValueError),
        Case("costs.update: bad currency", cost(currency="dollars"), "currency", ValueError),
        Case("conversions.upload: no rows", upload([]), "rows", ValueError),
        Case("conversions.upload: rows a string", upload("abc"), "rows", TypeError),
        Case(
            "conversions.upload: missing click_id", upload([{"payout": 1}]), "click_id", TypeError
        ),
        Case(
            "conversions.upload: negative payout",
            upload([{"click_id": "a", "payout": -1}]),
            "payout",
            ValueError,
        ),
        Case(
            "conversions.upload: click_id over two lines",
            upload([{"click_id": "a\nb"}]),
            "click_id",
            ValueError,
        ),
        Case(
            "conversions.upload: unknown key",
            upload([{"click_id": "a", "bogus": 1}]),
            "bogus",
            TypeError,
        ),
        Case(
            "conversions.upload: unreadable timestamp",
            upload([{"click_id": "a", "timestamp": "yesterday"}]),
            "timestamp",
            ValueError,
        ),
        Case(
            "conversions.upload: chunk_size 0",
            upload([good], chunk_size=0),
            "chunk_size",
            ValueError,
        ),
        Case(
            "conversions.upload: a bad row after good ones",
            upload([good, good, {"click_id": ""}]),
            r"rows\[2\]",
            ValueError,
        ),
        Case(
            "conversions.upload: a row that is a list",
            upload([good, ["abc", 1]]),
            r"rows\[1\]",
            TypeError,
        ),
    ]


def _as_async(case: Case) -> Case:
    return attrs.evolve(case, name=f"async {case.name}")


ASYNC_PICKS = (
    "get: unknown group_by",
    "get: 64 days by campaign",
    "iter_rows: page_size a float",
    "export_csv: target an int",
    "conversions: limit 0",
    "live_visits: id 0",
    "offers.update: unknown field",
    "offers.update: payout 'free'",
    "campaigns.get: with_pages a string",
    "offers.restore: no ids",
    "costs.update: 40 days",
    "conversions.upload: a bad row after good ones",
)

RESOURCE_CASES = report_cases() + entity_cases() + cost_and_conversion_cases()
ASYNC_CASES = [_as_async(c) for c in RESOURCE_CASES if c.name in ASYNC_PICKS]


def constructor_cases() -> list[Case]:
    """Bad constructor arguments (the client's own checks), each for PeerClick(**kwargs)."""

    def make(**kw: Any) -> Callable[[Any, Path], Any]:
        def call(base: dict[str, Any], _: Path) -> Any:
            options = {**base, **kw}
            if any(k in kw for k in ("email", "password", "token")):
                options.pop("access_id", None)
                options.pop("access_key", None)
            for key in [k for k, v in kw.items() if v is _DROP]:
                options.pop(key)
            return PeerClick(**options)

        return call

    return [
        Case("timeout NaN", make(timeout=math.nan), "timeout", ValueError),
        Case("timeout infinite", make(timeout=math.inf), "timeout", ValueError),
        Case("timeout negative", make(timeout=-1), "timeout", ValueError),
        Case("timeout a string", make(timeout="30"), "timeout"),
        Case("token_lifetime NaN", make(token_lifetime=math.nan), "token_lifetime"),
        Case("token_lifetime infinite", make(token_lifetime=math.inf), "token_lifetime"),
        Case("token_lifetime a string", make(token_lifetime="86400"), "token_lifetime"),
        Case("token_lifetime 0", make(token_lifetime=0), "token_lifetime"),
        Case("max_retries negative", make(max_retries=-1), "max_retries", ValueError),
        Case("max_retries a float", make(max_retries=1.5), "max_retries"),
        Case("max_retries a bool", make(max_retries=True), "max_retries"),
        Case("limiter a bare word", make(limiter="x"), "limiter"),
        Case("limiter an int", make(limiter=3), "limiter"),
        Case("transport a string", make(transport="x"), "transport"),
        Case("clock not callable", make(clock=5), "clock"),
        Case("sleep not callable", make(sleep="later"), "sleep"),
        Case("rate_limits a string", make(rate_limits="fast"), "rate_limits"),
        Case("http_client a string", make(http_client="x", transport=_DROP), "http_client"),
        Case("empty access_id", make(access_id=""), "access_id", ConfigurationError),
        Case("blank access_id", make(access_id="   "), "access_id", ConfigurationError),
        Case("blank access_key", make(access_key=" \t"), "access_key", ConfigurationError),
        Case(
            "access_id without access_key", make(access_key=_DROP), "access_key", ConfigurationError
        ),
        Case(
            "blank password",
            make(email="me@example.com", password=" "),
            "password",
            ConfigurationError,
        ),
        Case("blank email", make(email=" ", password="pw"), "email", ConfigurationError),
        Case("token with CR/LF", make(token="abc\r\nX-Evil: 1"), "token", ConfigurationError),
        Case("blank token", make(token="  "), "token", ConfigurationError),
        Case(
            "base_url with a password",
            make(base_url="https://user:pw@api.example.com"),
            "base_url",
            ConfigurationError,
        ),
        Case(
            "base_url ftp", make(base_url="ftp://api.example.com"), "base_url", ConfigurationError
        ),
        Case(
            "base_url plain http off loopback",
            make(base_url="http://api.example.com"),
            "base_url",
            ConfigurationError,
        ),
        Case("base_url not a URL", make(base_url="not a url"), "base_url", ConfigurationError),
    ]


class _Drop:
    def __repr__(self) -> str:
        return "<leave out>"


_DROP: Any = _Drop()
CONSTRUCTOR_CASES = constructor_cases()


def _ids(cases: list[Case]) -> list[str]:
    return [c.name for c in cases]


def _check(case: Case, raised: pytest.ExceptionInfo[BaseException]) -> None:
    assert isinstance(raised.value, case.errors), raised.value
    assert raised.match(case.words)


# --- fixtures: a fake in process, and one over HTTP ---------------------------------------------


@pytest.fixture(scope="module")
def served() -> Iterator[FakeServer]:
    """One fake over HTTP for the module: every case must leave its request log empty."""
    with FakeServer(FakePeerClick(clock=FakeClock())) as running:
        yield running


@pytest.fixture
def fake() -> FakePeerClick:
    return FakePeerClick(clock=FakeClock())


def _sync_options(fake: FakePeerClick, base_url: str | None) -> dict[str, Any]:
    options: dict[str, Any] = {
        "access_id": fake.access_id,
        "access_key": fake.access_key,
        "rate_limits": FAST,
        "sleep": lambda _s: None,
    }
    if base_url is None:
        options["transport"] = fake.transport()
    else:
        options["base_url"] = base_url
    return options


@pytest.mark.parametrize("case", RESOURCE_CASES, ids=_ids(RESOURCE_CASES))
def test_in_process(case: Case, fake: FakePeerClick, tmp_path: Path) -> None:
    """The method raises, naming the argument; the fake saw nothing (no login either)."""
    with PeerClick(**_sync_options(fake, None)) as pc, pytest.raises(BAD) as raised:
        case.call(pc, tmp_path)
    _check(case, raised)
    assert fake.requests == []
    assert list(tmp_path.iterdir()) == []  # no export file, no temporary file


@pytest.mark.parametrize("case", RESOURCE_CASES, ids=_ids(RESOURCE_CASES))
def test_over_http(case: Case, served: FakeServer, tmp_path: Path) -> None:
    """The same call against the fake's HTTP server on 127.0.0.1: zero requests recorded."""
    before = len(served.fake.requests)
    with (
        PeerClick(**_sync_options(served.fake, served.base_url)) as pc,
        pytest.raises(BAD) as raised,
    ):
        case.call(pc, tmp_path)
    _check(case, raised)
    assert len(served.fake.requests) == before == 0


@pytest.mark.parametrize("case", ASYNC_CASES, ids=_ids(ASYNC_CASES))
async def test_async_over_http(case: Case, served: FakeServer, tmp_path: Path) -> None:
    """The async twins refuse the same input (when called or awaited) and send nothing."""

    async def no_sleep(_s: float) -> None:
        return None

    options = {**_sync_options(served.fake, served.base_url), "sleep": no_sleep}
    async with AsyncPeerClick(**options) as apc:
        with pytest.raises(BAD) as raised:
            result = case.call(apc, tmp_path)
            if inspect.isawaitable(result):
                await result
    _check(case, raised)
    assert len(served.fake.requests) == 0


@pytest.mark.parametrize("case", CONSTRUCTOR_CASES, ids=_ids(CONSTRUCTOR_CASES))
def test_constructor(case: Case, served: FakeServer, tmp_path: Path) -> None:
    """A bad constructor argument raises at construction, naming it; nothing reaches the server."""
    base = {
        "access_id": served.fake.access_id,
        "access_key": served.fake.access_key,
        "base_url": served.base_url,
        "rate_limits": FAST,
        "transport": httpx.HTTPTransport(),
    }
    with pytest.raises(BAD) as raised:
        case.call(base, tmp_path).close()
    _check(case, raised)
    assert len(served.fake.requests) == 0


def test_catalogue_size() -> None:
    """At least 80 distinct cases across the constructor and every resource."""
    names = _ids(RESOURCE_CASES) + _ids(CONSTRUCTOR_CASES)
    assert len(set(names)) == len(names)
    assert len(names) >= 80
    covered = {n.split(":")[0].split(".")[0] for n in _ids(RESOURCE_CASES)}
    assert {"get", "iter_rows", "export_csv", "conversions", "iter_conversions"} <= covered
    assert {"offers", "campaigns", "landers", "flows", "traffic_sources"} <= covered
    assert {"affiliate_networks", "costs", "live_visits", "live_clicks"} <= covered
