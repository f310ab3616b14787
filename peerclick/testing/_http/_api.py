"""The operations of openapi/peerclick.yaml: a route table and the handlers behind it.

Session operations need the fake's credentials and live in `_fake.py`; everything here works on
one account.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import attrs
import httpx

from peerclick.testing._schemas import validate
from peerclick.testing._sim._account import Account
from peerclick.testing._sim._events import conversions_report, live_feed
from peerclick.testing._sim._ledger import set_manual_cost, upload_conversions
from peerclick.testing._sim._reports import column_info, run_report
from peerclick.testing._sim._store import KINDS, Kind
from peerclick.testing._wire import ApiError, Reply, json_reply

__all__ = ["ROUTES", "Call", "Route", "match_route", "parse_json"]


@attrs.frozen
class Call:
    """One authenticated request, as handlers see it."""

    method: str
    params: dict[str, str]
    query: httpx.QueryParams
    body: bytes
    content_type: str
    now: float
    account: Account


Handler = Callable[[Call], Reply]


@attrs.frozen
class Route:
    """One spec operation: method, path template (without version prefix) and handler."""

    method: str
    template: str
    operation_id: str
    handler: Handler | None  # None: handled by the fake itself (sessions)
    public: bool = False

    @property
    def report(self) -> bool:
        """Whether the 1 request/s report budget applies (paths under `/report`)."""
        return self.template == "/report" or self.template.startswith("/report/")

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.template) + "$")


def parse_json(call_body: bytes) -> Any:
    if not call_body.strip():
        raise ApiError(400, "body: is required", field="body")
    try:
        return json.loads(call_body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "body: is not valid JSON", field="body") from None


def _id(call: Call, name: str) -> int:
    raw = call.params[name]
    if not raw.isdigit() or int(raw) < 1:
        raise ApiError(400, f"{name}: expected a positive integer, got {raw!r}", field=name)
    return int(raw)


def _bool(call: Call, name: str) -> bool:
    raw = (call.query.get(name) or "false").lower()
    if raw not in ("true", "false", "1", "0"):
        raise ApiError(
            400, f"{name}: expected true or false, got {call.query.get(name)!r}", field=name
        )
    return raw in ("true", "1")


def _expand_paths(view: dict[str, Any], account: Account) -> None:
    """`withPages=1`: name the offers and landers of each path."""
    paths = ((view.get("redirectTarget") or {}).get("path") or {}).get("defaultPaths") or []
    for path in paths:
        for key, kind in (("offers", "offer"), ("landers", "lander")):
            for ref in path.get(key, []):
                ref["name"] = account.store.name_of(kind, ref["id"])


def _entity_routes(kind: Kind) -> list[Route]:
    base, item = f"/{kind.segment}", f"/{kind.segment}/{{{kind.id_param}}}"
    title = kind.name[0].upper() + kind.name[1:]
    plural = kind.plural[0].upper() + kind.plural[1:]

    def list_(call: Call) -> Reply:
        include = _bool(call, "includeDeleted")
        workspace = call.query.get("workspaceId")
        if workspace is not None and not workspace.isdigit():
            raise ApiError(
                400, f"workspaceId: expected an integer, got {workspace!r}", field="workspaceId"
            )
        fields = [f for raw in call.query.get_list("fields") for f in raw.split(",") if f]
        items = []
        for record in call.account.store.all(kind.name, include_deleted=include):
            if workspace is not None and record.workspace_id != int(workspace):
                continue
            view = call.account.store.view(record)
            items.append(
                {k: v for k, v in view.items() if k == "id" or k in fields} if fields else view
            )
        return json_reply(200, {kind.plural: items})

    def create(call: Call) -> Reply:
        start = (
            call.account.new_campaign_traffic_start(call.now) if kind.name == "campaign" else None
        )
        record = call.account.store.create(kind.name, parse_json(call.body), traffic_start=start)
        return json_reply(
            200, {"description": "Success", kind.name: call.account.store.view(record)}
        )

    def get(call: Call) -> Reply:
        view = call.account.store.view(call.account.store.get(kind.name, _id(call, kind.id_param)))
        pages = call.query.get("withPages")
        if pages is not None and pages not in ("0", "1"):
            raise ApiError(400, f"withPages: expected 0 or 1, got {pages!r}", field="withPages")
        if pages == "1":
            _expand_paths(view, call.account)
        return json_reply(200, {kind.name: view})

    def update(call: Call) -> Reply:
        record = call.account.store.replace(
            kind.name, _id(call, kind.id_param), parse_json(call.body)
        )
        return json_reply(
            200,
            {"description": "Success", "status": 200, kind.name: call.account.store.view(record)},
        )

    def delete(call: Call) -> Reply:
        call.account.store.archive(kind.name, _id(call, kind.id_param))
        return json_reply(200, {"description": "Success"})

    def restore(call: Call) -> Reply:
        body = parse_json(call.body)
        validate("IdList", body)
        call.account.store.restore(kind.name, [int(i) for i in body["ids"]])
        return json_reply(200, {"description": "Success"})

    return [
        Route("GET", base, f"list{plural}", list_),
        Route("POST", base, f"create{title}", create),
        Route("POST", f"{base}/restore", f"restore{plural}", restore),
        Route("GET", item, f"get{title}", get),
        Route("PUT", item, f"update{title}", update),
        Route("DELETE", item, f"delete{title}", delete),
    ]


def _report(call: Call) -> Reply:
    return json_reply(200, run_report(call.account, call.query, call.now))


def _conversions(call: Call) -> Reply:
    return json_reply(200, conversions_report(call.account, call.query, call.now))


def _live(kind: Any) -> Handler:
    return lambda call: json_reply(
        200, live_feed(call.account, _id(call, "campaignId"), kind, call.query, call.now)
    )


def _manual_cost(call: Call) -> Reply:
    status = set_manual_cost(call.account, parse_json(call.body), call.now)
    return json_reply(status, {"description": "Success", "status": status})


def _upload(call: Call) -> Reply:
    rows = upload_conversions(call.account, call.body, call.content_type, call.now)
    return json_reply(200, {"description": "Success", "numberOfRows": rows})


ROUTES: list[Route] = [
    Route("POST", "/auth/access/session", "createAccessSession", None, public=True),
    Route("POST", "/auth/session", "createSession", None, public=True),
    Route("GET", "/auth/session", "getSession", None),
    Route("DELETE", "/auth/session", "deleteSession", None),
    Route("GET", "/report", "getReport", _report),
    Route("GET", "/report/conversions", "getConversionsReport", _conversions),
    Route("GET", "/report/live/visits/{campaignId}", "getLiveVisits", _live("visits")),
    Route("GET", "/report/live/clicks/{campaignId}", "getLiveClicks", _live("clicks")),
    Route("POST", "/report/manual-cost", "updateManualCost", _manual_cost),
    Route("GET", "/column/info", "getColumnInfo", lambda call: json_reply(200, column_info())),
    *(route for kind in KINDS.values() for route in _entity_routes(kind)),
    Route(
        "GET",
        "/multiuser/workspace",
        "listWorkspaces",
        lambda call: json_reply(200, {"workspaces": call.account.store.workspaces}),
    ),
    Route(
        "GET",
        "/domain",
        "listDomains",
        lambda call: json_reply(200, {"domains": call.account.store.domains}),
    ),
    Route("POST", "/conversion", "uploadConversions", _upload),
]

_COMPILED = [(route, route.pattern) for route in ROUTES]


def match_route(method: str, path: str) -> tuple[Route, dict[str, str]]:
    """The route for a request, or a 404 (unknown path) / 405 (known path, other method)."""
    allowed = []
    for route, pattern in _COMPILED:
        found = pattern.match(path)
        if found is None:
            continue
        if route.method == method:
            return route, found.groupdict()
        allowed.append(route.method)
    if allowed:
        raise ApiError(
            405, f"Method {method} is not allowed on {path}", headers={"Allow": ", ".join(allowed)}
        )
    raise ApiError(404, f"No such endpoint: {path}")
