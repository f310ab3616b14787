"""Entities of one account: CRUD with small per-account integer ids, archive and restore.

Bodies are validated against the spec's `*Input` schemas, references between entities are checked,
and reads are shaped the way the reference reports them (offer display names, campaign URLs).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from typing import Any

import attrs

from peerclick.testing._schemas import validate
from peerclick.testing._sim._countries import GLOBAL, country_name, is_country_code
from peerclick.testing._sim._times import iso_utc
from peerclick.testing._wire import ApiError

__all__ = ["KINDS", "Kind", "Record", "Store"]


@attrs.frozen
class Kind:
    """One entity type and how the API spells it."""

    name: str  # singular envelope key, e.g. "trafficSource"
    segment: str  # path segment, e.g. "traffic-source"
    plural: str  # list key, e.g. "trafficSources"
    schema: str  # request schema
    id_param: str  # path parameter name


KINDS: dict[str, Kind] = {
    kind.segment: kind
    for kind in (
        Kind("campaign", "campaign", "campaigns", "CampaignInput", "campaignId"),
        Kind("offer", "offer", "offers", "OfferInput", "offerId"),
        Kind("lander", "lander", "landers", "LanderInput", "landerId"),
        Kind("flow", "flow", "flows", "FlowInput", "flowId"),
        Kind(
            "trafficSource",
            "traffic-source",
            "trafficSources",
            "TrafficSourceInput",
            "trafficSourceId",
        ),
        Kind(
            "affiliateNetwork",
            "affiliate-network",
            "affiliateNetworks",
            "AffiliateNetworkInput",
            "affiliateNetworkId",
        ),
    )
}
_BY_NAME = {kind.name: kind for kind in KINDS.values()}

# Fields the store owns: dropped from bodies (clients often PUT back what they read).
_OWNED = ("id", "deleted", "createdTime", "updatedTime")
_DERIVED = {"campaign": ("url",), "offer": ("namePostfix",), "lander": ("namePostfix",)}
_DESTINATIONS = ("PATH", "FLOW", "URL", "MY_TARGET")


@attrs.define
class Record:
    """One stored entity: the body last written plus what the store keeps about it."""

    kind: str
    id: int
    body: dict[str, Any]
    workspace_id: int
    created: float
    updated: float
    traffic_start: float
    deleted_at: float | None = None
    revision: int = 0

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


class Store:
    """All entities of one account, plus its read-only workspaces and domains."""

    def __init__(
        self,
        *,
        user_id: int,
        clock: Callable[[], float],
        key_salt: str,
        check_references: bool = True,
        unique_names: bool = True,
    ) -> None:
        self.user_id = user_id
        self._clock = clock
        self._salt = key_salt
        self._check_references = check_references
        self._unique_names = unique_names
        self._records: dict[str, dict[int, Record]] = {kind.name: {} for kind in KINDS.values()}
        self._next_id: dict[str, int] = {kind.name: 1 for kind in KINDS.values()}
        self.version = 0  # bumped on every write; derived caches key on it
        self._names: dict[tuple[str, int | None], str | None] = {}
        self._names_version = -1
        self.workspaces: list[dict[str, Any]] = [{"id": 1, "name": "Initial private workspace"}]
        self.domains: list[dict[str, Any]] = [
            {"id": 1, "domain": f"{user_id}.gopeerclick.com", "ssl": "ENABLED"}
        ]

    # -- reads ------------------------------------------------------------------------------

    def find(self, kind: str, entity_id: int | None) -> Record | None:
        if entity_id is None:
            return None
        return self._records[kind].get(entity_id)

    def get(self, kind: str, entity_id: int) -> Record:
        record = self.find(kind, entity_id)
        if record is None:
            raise ApiError(404, f"{kind} {entity_id} not found")
        return record

    def all(self, kind: str, *, include_deleted: bool = False) -> list[Record]:
        records = sorted(self._records[kind].values(), key=lambda r: r.id)
        return [r for r in records if include_deleted or not r.deleted]

    def name_of(self, kind: str, entity_id: int | None) -> str | None:
        """The display name reports show, or None (cached until the next write)."""
        if self._names_version != self.version:
            self._names.clear()
            self._names_version = self.version
        key = (kind, entity_id)
        if key not in self._names:
            record = self.find(kind, entity_id)
            self._names[key] = None if record is None else str(self.view(record)["name"])
        return self._names[key]

    # -- writes -----------------------------------------------------------------------------

    def create(self, kind: str, body: Any, *, traffic_start: float | None = None) -> Record:
        clean, workspace_id = self._accept(kind, body, None)
        now = self._clock()
        entity_id = self._next_id[kind]
        self._next_id[kind] += 1
        record = Record(
            kind,
            entity_id,
            clean,
            workspace_id,
            now,
            now,
            now if traffic_start is None else traffic_start,
        )
        self._records[kind][entity_id] = record
        self.version += 1
        return record

    def replace(self, kind: str, entity_id: int, body: Any) -> Record:
        record = self.get(kind, entity_id)
        clean, workspace_id = self._accept(kind, body, record)
        record.body, record.workspace_id = clean, workspace_id
        record.updated = self._clock()
        record.revision += 1
        self.version += 1
        return record

    def archive(self, kind: str, entity_id: int) -> Record:
        record = self.get(kind, entity_id)
        if record.deleted_at is None:
            record.deleted_at = self._clock()
            record.updated = record.deleted_at
            record.revision += 1
            self.version += 1
        return record

    def restore(self, kind: str, ids: list[int]) -> list[Record]:
        records = [self.get(kind, entity_id) for entity_id in ids]  # all or nothing
        for record in records:
            if record.deleted_at is not None:
                record.deleted_at = None
                record.updated = self._clock()
                record.revision += 1
                self.version += 1
        return records

    # -- shaping ----------------------------------------------------------------------------

    def view(self, record: Record) -> dict[str, Any]:
        """The entity as `GET /<kind>/{id}` returns it."""
        out: dict[str, Any] = {"id": record.id, "workspaceId": record.workspace_id}
        out.update(copy.deepcopy(record.body))
        if "country" in out:
            out["country"] = _country(out["country"]["code"])
        if "countries" in out:
            out["countries"] = [_country(c["code"]) for c in out["countries"]]
        if record.kind == "offer":
            network = self.find("affiliateNetwork", out["affiliateNetwork"]["id"])
            prefix = network.body["name"] if network else f"Network {out['affiliateNetwork']['id']}"
            out["namePostfix"] = out["name"]
            out["name"] = f"{prefix} - {out['country']['name']} - {out['namePostfix']}"
        elif record.kind == "lander":
            out["namePostfix"] = out["name"]
            if "country" in out:
                out["name"] = f"{out['country']['name']} - {out['namePostfix']}"
        elif record.kind == "campaign":
            out["url"] = self.campaign_url(record)
        out["deleted"] = record.deleted
        out["createdTime"] = iso_utc(record.created)
        out["updatedTime"] = iso_utc(record.updated)
        return out

    def campaign_key(self, campaign_id: int) -> str:
        digest = hashlib.sha256(f"{self._salt}:{self.user_id}:{campaign_id}".encode()).hexdigest()
        return digest[:10]

    def campaign_url(self, record: Record) -> str:
        """`http://<user id>.gopeerclick.com/<key>?<source params>`; a custom domain is the host."""
        domain = str(record.body.get("domain") or "")
        host = domain if domain and not domain.endswith(".gopeerclick.com") else None
        host = host or f"{self.user_id}.gopeerclick.com"
        url = f"http://{host}/{self.campaign_key(record.id)}"
        source = self.find("trafficSource", record.body.get("trafficSource"))
        params = (source.body.get("parameters") or []) if source else []
        pairs = [
            f"{p['parameter']}={p.get('placeholder', '')}" for p in params if p.get("parameter")
        ]
        return f"{url}?{'&'.join(pairs)}" if pairs else url

    # -- validation -------------------------------------------------------------------------

    def _accept(self, kind: str, body: Any, current: Record | None) -> tuple[dict[str, Any], int]:
        spec = _BY_NAME[kind]
        if isinstance(body, dict):
            dropped = _OWNED + _DERIVED.get(kind, ())
            body = {k: copy.deepcopy(v) for k, v in body.items() if k not in dropped}
        validate(spec.schema, body)
        assert isinstance(body, dict)
        workspace_id = body.pop("workspaceId", None)
        if workspace_id is None:
            workspace_id = current.workspace_id if current else 1
        if self._check_references and not any(w["id"] == workspace_id for w in self.workspaces):
            raise ApiError(
                400, f"workspaceId: workspace {workspace_id} does not exist", field="workspaceId"
            )
        self._check_countries(body)
        self._check_semantics(kind, body)
        if self._unique_names:
            self._check_unique(kind, body, current)
        return body, int(workspace_id)

    def _check_countries(self, body: dict[str, Any]) -> None:
        places = [("country.code", body["country"])] if "country" in body else []
        places += [(f"countries[{i}].code", c) for i, c in enumerate(body.get("countries", []))]
        for field, country in places:
            if not is_country_code(country["code"]):
                raise ApiError(
                    400,
                    f"{field}: expected ISO 3166-1 alpha-2 or GLB, got {country['code']!r}",
                    field=field,
                )
            for key in [k for k in country if k != "code"]:
                del country[key]

    def _check_semantics(self, kind: str, body: dict[str, Any]) -> None:
        if kind == "offer":
            payout = body["payout"]
            if payout["type"] == "MANUAL" and payout.get("value") is None:
                raise ApiError(
                    400, "payout.value: required when payout.type is MANUAL", field="payout.value"
                )
            self._ref("affiliateNetwork", body["affiliateNetwork"]["id"], "affiliateNetwork.id")
        elif kind == "campaign":
            self._ref("trafficSource", body["trafficSource"], "trafficSource")
            self._check_target(body["redirectTarget"])
        elif kind == "flow":
            self._check_paths(body.get("defaultPaths", []), "defaultPaths")

    def _check_target(self, target: dict[str, Any]) -> None:
        destination = target["destination"]
        if destination not in _DESTINATIONS:
            raise ApiError(
                400,
                f"redirectTarget.destination: expected one of {', '.join(_DESTINATIONS)}, "
                f"got {destination!r}",
                field="redirectTarget.destination",
            )
        if destination == "PATH":
            paths = (target.get("path") or {}).get("defaultPaths") or []
            if not paths:
                field = "redirectTarget.path.defaultPaths"
                raise ApiError(400, f"{field}: at least one path is required", field=field)
            self._check_paths(paths, "redirectTarget.path.defaultPaths")
        elif destination == "FLOW":
            if "flow" not in target:
                raise ApiError(400, "redirectTarget.flow: is required", field="redirectTarget.flow")
            self._ref("flow", target["flow"]["id"], "redirectTarget.flow.id")
        elif destination == "URL" and not target.get("url"):
            raise ApiError(400, "redirectTarget.url: is required", field="redirectTarget.url")

    def _check_paths(self, paths: list[dict[str, Any]], where: str) -> None:
        for i, path in enumerate(paths):
            for j, ref in enumerate(path.get("offers", [])):
                self._ref("offer", ref["id"], f"{where}[{i}].offers[{j}].id")
            for j, ref in enumerate(path.get("landers", [])):
                self._ref("lander", ref["id"], f"{where}[{i}].landers[{j}].id")

    def _ref(self, kind: str, entity_id: int, field: str) -> None:
        if self._check_references and self.find(kind, entity_id) is None:
            raise ApiError(400, f"{field}: {kind} {entity_id} does not exist", field=field)

    def _check_unique(self, kind: str, body: dict[str, Any], current: Record | None) -> None:
        probe = Record(kind, 0, body, 1, 0.0, 0.0, 0.0)
        name = self.view(probe)["name"]
        for other in self.all(kind):
            if other is not current and self.view(other)["name"] == name:
                raise ApiError(400, f"name: Name must be unique ({name!r} is taken)", field="name")


def _country(code: str) -> dict[str, str]:
    return {"code": code, "name": "Global" if code == GLOBAL else country_name(code)}
