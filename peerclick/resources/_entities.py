"""Generic CRUD over PeerClick's entities, written once for all six kinds and both flavours.

Each kind (campaign, offer, ...) is described by an `EntityKind`: its generated operations, models,
envelope keys and the shorthands it accepts. The pure helpers below validate arguments and build
bodies; the twins `SyncEntities` / `AsyncEntities` only add the call to `sync_detailed` or
`asyncio_detailed`.

PUT replaces the whole object (observed for offers), so `update(id, **changes)` reads the entity,
merges the changes over it and sends it all back; `replace(id, body)` sends a body as is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import attrs

from peerclick.errors import ResponseValidationError
from peerclick.resources._base import (
    AsyncResource,
    SyncResource,
    answer_body,
    call_async,
    call_sync,
    camel,
    check_id,
    check_ids,
    opt,
)
from peerclick_api.models import IdList

__all__ = ["AsyncEntities", "EntityKind", "SyncEntities"]


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M")
I = TypeVar("I")  # noqa: E741 - the input model, beside M the read model

Coerce = Callable[[Any], Any]
READ_ONLY = frozenset({"id", "deleted", "createdTime", "updatedTime"})


def _field_keys(model: type[Any]) -> dict[str, str]:
    """snake_case attribute -> camelCase wire key, for a generated attrs model."""
    return {f.name: camel(f.name) for f in attrs.fields(model) if f.name != "additional_properties"}


@attrs.frozen
class EntityKind:
    """Everything that makes one entity kind different from another."""

    name: str  # "traffic source": used in messages
    key: str  # envelope key of one entity: {"offer": {...}}
    plural_key: str  # list key: {"offers": [...]}
    path: str  # "/offer": used in messages only
    model: type[Any]
    input_model: type[Any]
    list_op: ModuleType
    create_op: ModuleType
    get_op: ModuleType
    update_op: ModuleType
    delete_op: ModuleType
    restore_op: ModuleType
    shorthands: Mapping[str, Coerce] = attrs.field(factory=dict)
    create_defaults: Mapping[str, Callable[[], Any]] = attrs.field(factory=dict)
    checks: Mapping[str, Callable[[Any, str], None]] = attrs.field(factory=dict)
    read_to_input: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    read_only: frozenset[str] = READ_ONLY

    @property
    def attr(self) -> str:
        """The envelope model's attribute for `key` (trafficSource -> traffic_source)."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.key).lower()

    # snake_case attribute -> wire key of the input model, computed once per kind.
    input_keys: dict[str, str] = attrs.field(init=False, repr=False)

    @input_keys.default
    def _input_keys(self) -> dict[str, str]:
        return _field_keys(self.input_model)

    # ------------------------------------------------------------------ building bodies
    def wire_fields(self, data: object, fields: Mapping[str, Any], what: str) -> dict[str, Any]:
        """Merge `data` (a mapping, a generated model or None) with keyword `fields` into wire form.

        Keyword names must be fields of the input model (snake_case or camelCase): a typo is a
        TypeError, not a silently ignored key. A `data` mapping may carry extra keys on purpose.
        """
        known = self.input_keys
        wire: dict[str, Any] = {}
        if data is not None:
            if hasattr(data, "to_dict") and callable(data.to_dict):
                wire.update(data.to_dict())
            elif isinstance(data, Mapping):
                for key, value in data.items():
                    if not isinstance(key, str):
                        raise TypeError(f"{what}: field names must be str, got {key!r}")
                    wire[known.get(key, key)] = value
            else:
                raise TypeError(
                    f"{what}: expected a mapping or a {self.input_model.__name__}, got "
                    f"{type(data).__name__}"
                )
        wire_names = set(known.values())
        for name, value in fields.items():
            key = known.get(name, name if name in wire_names else None)
            if key is None:
                allowed = ", ".join(sorted(known))
                raise TypeError(f"{what}: unknown field {name!r}; known fields: {allowed}")
            wire[key] = value
        return {key: self._coerce(key, value) for key, value in wire.items()}

    def _coerce(self, key: str, value: Any) -> Any:
        if hasattr(value, "to_dict") and callable(value.to_dict):
            value = value.to_dict()
        elif isinstance(value, list):
            value = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
        shorthand = self.shorthands.get(key)
        return shorthand(value) if shorthand is not None and value is not None else value

    def build_input(
        self, wire: dict[str, Any], what: str, checked: Iterable[str] | None = None
    ) -> Any:
        """Check the caller's fields (`checked`, default all) and build the generated input model.

        On an update only the changed fields are checked: what the server sent back is its own.
        """
        for key in wire if checked is None else checked:
            check = self.checks.get(key)
            if check is not None and key in wire:
                check(wire[key], f"{what}: {key}")
        try:
            return self.input_model.from_dict(wire)
        except KeyError as exc:
            missing = exc.args[0] if exc.args else "?"
            raise TypeError(f"{what}: missing required field {missing!r}") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise TypeError(f"{what}: a field has the wrong shape ({exc})") from None

    def create_body(self, data: object, fields: Mapping[str, Any]) -> Any:
        what = f"create {self.name}"
        wire = self.wire_fields(data, fields, what)
        for key, default in self.create_defaults.items():
            wire.setdefault(key, default())
        return self.build_input(wire, what)

    def replace_body(self, data: object, fields: Mapping[str, Any]) -> Any:
        return self.build_input(
            self.wire_fields(data, fields, f"replace {self.name}"), f"replace {self.name}"
        )

    def merged_body(self, current: Any, data: object, changes: Mapping[str, Any]) -> Any:
        """The entity as read, minus read-only fields, with `data`/`changes` laid over it."""
        what = f"update {self.name}"
        wire = {k: v for k, v in current.to_dict().items() if k not in self.read_only}
        if self.read_to_input is not None:
            wire = self.read_to_input(wire)
        updates = self.wire_fields(data, changes, what)
        if not updates:
            raise ValueError(f"{what}: no changes given")
        wire.update(updates)
        return self.build_input(wire, what, checked=updates)

    # ------------------------------------------------------------------ reading answers
    def parse_entity(
        self, body: Mapping[str, Any], sent: Any, entity_id: int | None, what: str
    ) -> Any:
        """The entity from an envelope, completed with what was sent when the answer is partial.

        Creates answer `{"description": "Success", "<key>": {"id": ...}}` (observed) and updates
        may answer only `{"status": 200}`: the caller still gets a whole object with its id.
        """
        found = body.get(self.key)
        if found is not None and not isinstance(found, Mapping):
            raise ResponseValidationError(f"{what}: {self.key!r} is not an object", body=dict(body))
        merged: dict[str, Any] = dict(sent.to_dict()) if sent is not None else {}
        merged.update(found or {})
        if entity_id is not None:
            merged.setdefault("id", entity_id)
        return self._parse(merged, body, what)

    def parse_list(self, body: Mapping[str, Any], what: str) -> list[Any]:
        items = body.get(self.plural_key)
        if items is None:
            raise ResponseValidationError(
                f"{what}: the response has no {self.plural_key!r}", body=dict(body)
            )
        if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
            raise ResponseValidationError(
                f"{what}: {self.plural_key!r} is not a list of objects", body=dict(body)
            )
        return [self._parse(item, body, what) for item in items]

    def parse_one(self, body: Mapping[str, Any], what: str, parsed: Any = None) -> Any:
        """The entity under `key`. `parsed` is the generated parser's envelope: when it already
        holds the model, it is used as is rather than parsed a second time."""
        ready = getattr(parsed, self.attr, None)
        if isinstance(ready, self.model):
            return ready
        found = body.get(self.key)
        if not isinstance(found, Mapping):
            raise ResponseValidationError(
                f"{what}: the response has no {self.key!r} object", body=dict(body)
            )
        return self._parse(found, body, what)

    def _parse(self, data: Mapping[str, Any], body: Mapping[str, Any], what: str) -> Any:
        try:
            return self.model.from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseValidationError(
                f"{what}: the {self.name} does not match the spec ({type(exc).__name__}: {exc})",
                body=dict(body),
            ) from None


def _list_params(
    include_deleted: bool, fields: Iterable[str] | None, workspace_id: int | None
) -> dict[str, Any]:
    if not isinstance(include_deleted, bool):
        raise TypeError(f"include_deleted must be a bool, got {type(include_deleted).__name__}")
    field_list: list[str] | None = None
    if fields is not None:
        if isinstance(fields, str):
            fields = [fields]
        field_list = list(fields)
        if not field_list or not all(isinstance(f, str) and f for f in field_list):
            raise TypeError("fields must be a non-empty list of field names (str)")
    return {
        "include_deleted": True if include_deleted else opt(None),
        "fields": opt(field_list),
        "workspace_id": opt(
            None if workspace_id is None else check_id(workspace_id, "workspace_id")
        ),
    }


# ---------------------------------------------------------------------- value checks
def non_empty_str(value: Any, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string, got {value!r}")


def url_str(value: Any, what: str) -> None:
    non_empty_str(value, what)
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"{what} must start with http:// or https://, got {value!r}")


def an_id(value: Any, what: str) -> None:
    check_id(value, what)


def money_value(value: Any, what: str) -> None:
    if isinstance(value, Mapping):
        amount = value.get("value")
        if amount is not None and (
            isinstance(amount, bool)
            or not isinstance(amount, int | float)
            or not math.isfinite(amount)
            or amount < 0
        ):
            raise ValueError(f"{what}.value must be a finite number >= 0 or None, got {amount!r}")


# ---------------------------------------------------------------------- the twins
class SyncEntities(SyncResource, Generic[M, I]):
    """list / get / create / update / replace / delete / restore for one entity kind."""

    kind: ClassVar[EntityKind]

    def list(
        self,
        *,
        include_deleted: bool = False,
        fields: Iterable[str] | None = None,
        workspace_id: int | None = None,
    ) -> list[M]:
        """All entities of this kind; archived ones too with `include_deleted=True`.

        Example: `[o.name for o in pc.offers.list(workspace_id=1)]`
        """
        kind = self.kind
        params = _list_params(include_deleted, fields, workspace_id)
        answer = call_sync(kind.list_op.sync_detailed, client=self._api, **params)
        return kind.parse_list(answer_body(answer, "GET", kind.path), f"list {kind.name}s")

    def _get(self, id: int, **params: Any) -> M:
        kind = self.kind
        entity_id = check_id(id, "id")
        answer = call_sync(kind.get_op.sync_detailed, entity_id, client=self._api, **params)
        result: M = kind.parse_one(
            answer_body(answer, "GET", f"{kind.path}/{entity_id}"),
            f"get {kind.name}",
            answer.parsed,
        )
        return result

    def get(self, id: int) -> M:
        """One entity by id; NotFoundError when there is none.

        Example: `pc.offers.get(5).url`
        """
        return self._get(id)

    def create(self, data: I | Mapping[str, Any] | None = None, /, **fields: Any) -> M:
        """Create an entity from a generated input model, a mapping and/or keyword fields.

        Example: `pc.affiliate_networks.create(name="MaxBounty", workspace_id=1)`

        Returns the entity with its new id (fields the answer leaves out are filled from what was
        sent). Raises TypeError/ValueError for unknown or bad fields, before any request.
        """
        kind = self.kind
        body = kind.create_body(data, fields)
        answer = call_sync(kind.create_op.sync_detailed, client=self._api, body=body)
        result: M = kind.parse_entity(
            answer_body(answer, "POST", kind.path), body, None, f"create {kind.name}"
        )
        return result

    def update(self, id: int, data: I | Mapping[str, Any] | None = None, /, **changes: Any) -> M:
        """Change some fields: reads the entity, merges the changes, PUTs the whole object.

        Example: `pc.offers.update(5, url="https://adv.example/v2?c={clickid}")`
        """
        current = self.get(id)
        body = self.kind.merged_body(current, data, changes)
        return self._put(id, body)

    def replace(self, id: int, data: I | Mapping[str, Any], /, **fields: Any) -> M:
        """PUT a complete body as is (fields left out are erased on the server).

        Example: `pc.landers.replace(2, {"name": "LP", "url": "https://lp.example/"})`
        """
        check_id(id, "id")
        return self._put(id, self.kind.replace_body(data, fields))

    def _put(self, id: int, body: Any) -> M:
        kind = self.kind
        entity_id = check_id(id, "id")
        answer = call_sync(kind.update_op.sync_detailed, entity_id, client=self._api, body=body)
        path = f"{kind.path}/{entity_id}"
        result: M = kind.parse_entity(
            answer_body(answer, "PUT", path), body, entity_id, f"update {kind.name}"
        )
        return result

    def delete(self, id: int) -> None:
        """Archive an entity (PeerClick keeps it with `deleted: true`; see `restore`).

        Example: `pc.campaigns.delete(12)`
        """
        kind = self.kind
        entity_id = check_id(id, "id")
        answer = call_sync(kind.delete_op.sync_detailed, entity_id, client=self._api)
        answer_body(answer, "DELETE", f"{kind.path}/{entity_id}", allow_empty=True)

    def restore(self, ids: int | Iterable[int]) -> None:
        """Bring archived entities back.

        Example: `pc.campaigns.restore([12, 13])`
        """
        kind = self.kind
        body = IdList(ids=check_ids(ids, "ids"))
        answer = call_sync(kind.restore_op.sync_detailed, client=self._api, body=body)
        answer_body(answer, "POST", f"{kind.path}/restore", allow_empty=True)


class AsyncEntities(AsyncResource, Generic[M, I]):
    """Async twin of SyncEntities: the same methods, awaited."""

    kind: ClassVar[EntityKind]

    async def list(
        self,
        *,
        include_deleted: bool = False,
        fields: Iterable[str] | None = None,
        workspace_id: int | None = None,
    ) -> list[M]:
        """All entities of this kind; archived ones too with `include_deleted=True`.

        Example: `[o.name for o in pc.offers.list(workspace_id=1)]`
        """
        kind = self.kind
        params = _list_params(include_deleted, fields, workspace_id)
        answer = await call_async(kind.list_op.asyncio_detailed, client=self._api, **params)
        return kind.parse_list(answer_body(answer, "GET", kind.path), f"list {kind.name}s")

    async def _get(self, id: int, **params: Any) -> M:
        kind = self.kind
        entity_id = check_id(id, "id")
        answer = await call_async(
            kind.get_op.asyncio_detailed, entity_id, client=self._api, **params
        )
        result: M = kind.parse_one(
            answer_body(answer, "GET", f"{kind.path}/{entity_id}"),
            f"get {kind.name}",
            answer.parsed,
        )
        return result

    async def get(self, id: int) -> M:
        """One entity by id; NotFoundError when there is none.

        Example: `pc.offers.get(5).url`
        """
        return await self._get(id)

    async def create(self, data: I | Mapping[str, Any] | None = None, /, **fields: Any) -> M:
        """Create an entity from a generated input model, a mapping and/or keyword fields.

        Example: `pc.affiliate_networks.create(name="MaxBounty", workspace_id=1)`

        Returns the entity with its new id (fields the answer leaves out are filled from what was
        sent). Raises TypeError/ValueError for unknown or bad fields, before any request.
        """
        kind = self.kind
        body = kind.create_body(data, fields)
        answer = await call_async(kind.create_op.asyncio_detailed, client=self._api, body=body)
        result: M = kind.parse_entity(
            answer_body(answer, "POST", kind.path), body, None, f"create {kind.name}"
        )
        return result

    async def update(
        self, id: int, data: I | Mapping[str, Any] | None = None, /, **changes: Any
    ) -> M:
        """Change some fields: reads the entity, merges the changes, PUTs the whole object.

        Example: `pc.offers.update(5, url="https://adv.example/v2?c={clickid}")`
        """
        current = await self.get(id)
        body = self.kind.merged_body(current, data, changes)
        return await self._put(id, body)

    async def replace(self, id: int, data: I | Mapping[str, Any], /, **fields: Any) -> M:
        """PUT a complete body as is (fields left out are erased on the server).

        Example: `pc.landers.replace(2, {"name": "LP", "url": "https://lp.example/"})`
        """
        check_id(id, "id")
        return await self._put(id, self.kind.replace_body(data, fields))

    async def _put(self, id: int, body: Any) -> M:
        kind = self.kind
        entity_id = check_id(id, "id")
        answer = await call_async(
            kind.update_op.asyncio_detailed, entity_id, client=self._api, body=body
        )
        path = f"{kind.path}/{entity_id}"
        result: M = kind.parse_entity(
            answer_body(answer, "PUT", path), body, entity_id, f"update {kind.name}"
        )
        return result

    async def delete(self, id: int) -> None:
        """Archive an entity (PeerClick keeps it with `deleted: true`; see `restore`).

        Example: `pc.campaigns.delete(12)`
        """
        kind = self.kind
        entity_id = check_id(id, "id")
        answer = await call_async(kind.delete_op.asyncio_detailed, entity_id, client=self._api)
        answer_body(answer, "DELETE", f"{kind.path}/{entity_id}", allow_empty=True)

    async def restore(self, ids: int | Iterable[int]) -> None:
        """Bring archived entities back.

        Example: `pc.campaigns.restore([12, 13])`
        """
        kind = self.kind
        body = IdList(ids=check_ids(ids, "ids"))
        answer = await call_async(kind.restore_op.asyncio_detailed, client=self._api, body=body)
        answer_body(answer, "POST", f"{kind.path}/restore", allow_empty=True)
