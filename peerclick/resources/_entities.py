"""Generic CRUD over PeerClick's entities, written once for all six kinds and both flavours.

Each kind (campaign, offer, ...) is described by an `EntityKind`: its generated operations, models,
envelope keys and the shorthands it accepts. The pure helpers below validate arguments and build
bodies; the twins `SyncEntities` / `AsyncEntities` only add the call to `sync_detailed` or
`asyncio_detailed`.

Everything the caller passes is checked before any request, `update` included: its changes are
validated first, then the entity is read, merged and sent back. Messages name the field as the
caller spells it in Python (`affiliate_network`, `payout.value`).

PUT replaces the whole object (observed for offers), so `update(id, **changes)` reads the entity,
merges the changes over it and sends it all back; `replace(id, body)` sends a body as is.

Answers are checked where the facade relies on them (`id` a positive int, `name` a string) before
the generated model is built (once per item, by `_models.builder`), so `{"id": "abc", "name": 5}`
is a ResponseValidationError, not an `Offer(id='abc', name=5)`.

The twins hold the methods whose signatures are the same for every kind; `create`, `update` and
`replace` take each kind's own keyword TypedDict (`_fields.py`), which a TypeVar cannot carry
(PEP 692 has no `Unpack[TypeVar]`), so `entities.py` spells them per kind and hands off to
`_create` / `_update` / `_replace` here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, Protocol, Self, TypedDict, TypeVar

import attrs

from peerclick._gc import collector_paused
from peerclick.resources._base import (
    AsyncResource,
    Operation,
    SyncResource,
    camel,
    check_id,
    check_ids,
    opt,
)
from peerclick.resources._checks import Check, check_read, fast_check, is_object
from peerclick.resources._io import fetch_async, fetch_sync
from peerclick.resources._models import builder
from peerclick_api.models import IdList
from peerclick_api.types import Unset

__all__ = ["AsyncEntities", "EntityKind", "InputModel", "ReadModel", "SyncEntities"]


class InputModel(Protocol):
    """What the facade uses of a generated input model (`OfferInput`): the generator's codec."""

    def to_dict(self) -> dict[str, Any]: ...

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


class ReadModel(InputModel, Protocol):
    """A generated read model (`Offer`): `id` is required in the spec, as every answer has it."""

    id: int


M = TypeVar("M", bound=ReadModel)
S = TypeVar("S", bound=ReadModel)  # what create/update/replace return: `_saved.py`
I = TypeVar("I", bound=InputModel)  # noqa: E741 - the input model, beside M the read model

# A shorthand turns what the caller wrote into the API's form; it gets the field's name for
# its messages.
Coerce = Callable[[object, str], object]
Wire = dict[str, object]  # a body in the API's camelCase, values as JSON will carry them
READ_ONLY = frozenset({"id", "deleted", "createdTime", "updatedTime"})
_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")
_LONG_LIST = 1000  # items from which a list is built with the cyclic collector paused


def snake(key: str) -> str:
    """The API's camelCase key -> the Python keyword (affiliateNetwork -> affiliate_network)."""
    return _SNAKE.sub("_", key).lower()


def _field_keys(model: type[object]) -> dict[str, str]:
    """snake_case attribute -> camelCase wire key, for a generated attrs model."""
    if not attrs.has(model):
        raise TypeError(f"{model.__name__} is not a generated attrs model")
    return {f.name: camel(f.name) for f in attrs.fields(model) if f.name != "additional_properties"}


def _required_keys(model: type[object]) -> tuple[str, ...]:
    """Wire keys of a generated attrs model's required fields (those without a default)."""
    if not attrs.has(model):
        raise TypeError(f"{model.__name__} is not a generated attrs model")
    return tuple(
        camel(f.name)
        for f in attrs.fields(model)
        if f.default is attrs.NOTHING and f.name != "additional_properties"
    )


@attrs.frozen
class EntityKind(Generic[M, I, S]):
    """Everything that makes one entity kind different from another."""

    name: str  # "traffic source": used in messages
    key: str  # envelope key of one entity: {"offer": {...}}
    plural_key: str  # list key: {"offers": [...]}
    path: str  # "/offer": used in messages only
    model: type[M]
    input_model: type[I]
    saved_model: type[S]  # `model` itself at run time; narrower for the type checker
    list_op: Operation
    create_op: Operation
    get_op: Operation
    update_op: Operation
    delete_op: Operation
    restore_op: Operation
    shorthands: Mapping[str, Coerce] = attrs.field(factory=dict)
    create_defaults: Mapping[str, Callable[[], object]] = attrs.field(factory=dict)
    checks: Mapping[str, Check] = attrs.field(factory=dict)
    read_to_input: Callable[[Wire], Wire] | None = None
    read_only: frozenset[str] = READ_ONLY
    read_checks: Mapping[str, Check] = attrs.field(factory=dict)

    # snake_case attribute -> wire key of the input model, computed once per kind.
    input_keys: dict[str, str] = attrs.field(init=False, repr=False)

    # Wire keys of the input model's required fields: a saved entity always has them.
    saved_keys: tuple[str, ...] = attrs.field(init=False, repr=False)

    @input_keys.default
    def _input_keys(self) -> dict[str, str]:
        return _field_keys(self.input_model)

    @saved_keys.default
    def _saved_keys(self) -> tuple[str, ...]:
        return _required_keys(self.input_model)

    # ------------------------------------------------------------------ building bodies
    def wire_fields(self, data: object, fields: Mapping[str, object], what: str) -> Wire:
        """Merge `data` (a mapping, a generated model or None) with keyword `fields` into wire form.

        Keyword names must be fields of the input model (snake_case or camelCase): a typo is a
        TypeError, not a silently ignored key. A `data` mapping may carry extra keys on purpose.
        Shorthands are expanded and checked here, so a bad one never reaches a request.
        """
        known = self.input_keys
        wire: Wire = {}
        to_dict = getattr(data, "to_dict", None)  # a generated model, input or read
        if data is not None:
            if callable(to_dict):
                wire.update(to_dict())
            elif isinstance(data, Mapping):
                for key, value in data.items():
                    if not isinstance(key, str):
                        raise TypeError(f"{what}: field names must be str, got {key!r}")
                    wire[known.get(key, key)] = value
            else:
                raise TypeError(
                    f"{what}: data must be a mapping or a {self.input_model.__name__}, got "
                    f"{type(data).__name__}"
                )
        wire_names = set(known.values())
        for name, value in fields.items():
            key = known.get(name, name if name in wire_names else None)
            if key is None:
                allowed = ", ".join(sorted(known))
                raise TypeError(f"{what}: unknown field {name!r}; known fields: {allowed}")
            wire[key] = value
        return {key: self._coerce(key, value, what) for key, value in wire.items()}

    def _coerce(self, key: str, value: object, what: str) -> object:
        to_dict = getattr(value, "to_dict", None)  # a generated model of a nested field
        if callable(to_dict):
            value = to_dict()
        elif isinstance(value, list):
            value = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
        shorthand = self.shorthands.get(key)
        if shorthand is None or value is None:
            return value
        return shorthand(value, f"{what}: {snake(key)}")

    def check_fields(self, wire: Mapping[str, object], what: str, keys: Iterable[str]) -> None:
        """Run the kind's value checks on `keys` of `wire` (messages name the Python keyword)."""
        for key in keys:
            check = self.checks.get(key)
            if check is not None and key in wire:
                check(wire[key], f"{what}: {snake(key)}")

    def build_input(self, wire: Wire, what: str) -> I:
        """Build the generated input model; a missing or misshapen field is a TypeError."""
        try:
            return self.input_model.from_dict(wire)
        except KeyError as exc:
            missing = exc.args[0] if exc.args else "?"
            raise TypeError(
                f"{what}: missing required field {snake(str(missing))!r}"
                + (f" ({missing})" if snake(str(missing)) != missing else "")
            ) from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise TypeError(f"{what}: a field has the wrong shape ({exc})") from None

    def create_body(self, data: object, fields: Mapping[str, object]) -> I:
        what = f"create {self.name}"
        wire = self.wire_fields(data, fields, what)
        for key, default in self.create_defaults.items():
            wire.setdefault(key, default())
        self.check_fields(wire, what, list(wire))
        return self.build_input(wire, what)

    def replace_body(self, data: object, fields: Mapping[str, object]) -> I:
        what = f"replace {self.name}"
        wire = self.wire_fields(data, fields, what)
        self.check_fields(wire, what, list(wire))
        return self.build_input(wire, what)

    def changes(self, data: object, changes: Mapping[str, object]) -> Wire:
        """An update's changes in wire form, all checked: no I/O, so it runs before the read."""
        what = f"update {self.name}"
        updates = self.wire_fields(data, changes, what)
        if not updates:
            raise ValueError(f"{what}: no changes given (pass fields to change as keywords)")
        self.check_fields(updates, what, list(updates))
        return updates

    def merged_body(self, current: M, updates: Mapping[str, object]) -> I:
        """The entity as read, minus read-only fields, with the checked `updates` laid over it."""
        wire: Wire = {k: v for k, v in current.to_dict().items() if k not in self.read_only}
        if self.read_to_input is not None:
            wire = self.read_to_input(wire)
        wire.update(updates)
        return self.build_input(wire, f"update {self.name}")

    # ------------------------------------------------------------------ reading answers
    # These raise TypeError/ValueError/KeyError; `fetch_*` turns them into ResponseValidationError
    # with the answer's status and an excerpt of its body.
    def _model(self, item: Mapping[str, Any], where: str) -> M:
        check_read(item, where, self.read_checks)
        return builder(self.model, consume=True)(item)  # parsed JSON, ours alone

    def entity_from(self, sent: I, entity_id: int | None) -> Callable[[object], S]:
        """Builder for create/update answers: the entity, completed with what was sent.

        Creates answer `{"description": "Success", "<key>": {"id": ...}}` (observed) and updates
        may answer only `{"status": 200}`: the caller still gets a whole object with its id, and
        every field the input model requires (what `saved_model` promises: an answer nulling
        one is refused).
        """

        def build(body: object) -> S:
            found = _object(body).get(self.key)
            if found is not None and not isinstance(found, Mapping):
                raise TypeError(f"{self.key!r} must be an object, got {type(found).__name__}")
            merged: dict[str, Any] = sent.to_dict()
            merged.update(found or {})
            if entity_id is not None:
                merged.setdefault("id", entity_id)
            check_read(merged, self.key, self.read_checks)
            for key in self.saved_keys:
                if merged.get(key) is None:
                    raise TypeError(f"{self.key}.{key} must not be null (it was sent)")
            return builder(self.saved_model, consume=True)(merged)  # a fresh dict

        return build

    def list_from(self, body: object) -> list[M]:
        """Builder for list answers: `{"<plural_key>": [...]}`, each item built once."""
        items = _object(body).get(self.plural_key)
        if not isinstance(items, list):
            raise TypeError(
                f"{self.plural_key!r} must be a list, got {type(items).__name__}"
                if items is not None
                else f"the answer has no {self.plural_key!r} list"
            )
        if len(items) < _LONG_LIST:
            return self._build_all(items)
        with collector_paused():  # a tree of new objects: GC passes would find nothing
            return self._build_all(items)

    def _build_all(self, items: list[Any]) -> list[M]:
        model, plural, extra = builder(self.model, consume=True), self.plural_key, self.read_checks
        passes = fast_check(extra) or (lambda _item: False)
        out: list[M] = []
        for index, item in enumerate(items):
            if not passes(item):
                check_read(item, f"{plural}[{index}]", extra)  # raises, naming the field
            out.append(model(item))
        return out

    def one_from(self, body: object) -> M:
        """Builder for get answers: `{"<key>": {...}}`."""
        found = _object(body).get(self.key)
        if not is_object(found):
            raise TypeError(f"the answer has no {self.key!r} object")
        return self._model(found, self.key)


def _object(body: object) -> Mapping[str, Any]:
    if not is_object(body):
        raise TypeError(f"the answer must be a JSON object, got {type(body).__name__}")
    return body


class _ListParams(TypedDict):
    include_deleted: bool | Unset
    fields: list[str] | Unset
    workspace_id: int | Unset


def _list_params(include_deleted: object, fields: object, workspace_id: object) -> _ListParams:
    if not isinstance(include_deleted, bool):
        raise TypeError(f"include_deleted must be a bool, got {type(include_deleted).__name__}")
    field_list: list[str] | None = None
    if fields is not None:
        if isinstance(fields, str):
            fields = [fields]
        if not isinstance(fields, Iterable) or isinstance(fields, bytes | Mapping):
            raise TypeError(f"fields must be a list of field names, got {type(fields).__name__}")
        field_list = list(fields)
        if not field_list:
            raise ValueError("fields must not be empty (leave it out for every field)")
        for f in field_list:
            if not isinstance(f, str) or not f.strip():
                raise TypeError(f"fields must hold non-blank field names (str), got {f!r}")
    return {
        "include_deleted": True if include_deleted else opt(None),
        "fields": opt(field_list),
        "workspace_id": opt(
            None if workspace_id is None else check_id(workspace_id, "workspace_id")
        ),
    }


# ---------------------------------------------------------------------- the twins
# `data` of create/update/replace: the generated input model, or a mapping in either spelling.
Data = InputModel | Mapping[str, object]


class SyncEntities(SyncResource, Generic[M, I, S]):
    """list / get / create / update / replace / delete / restore for one entity kind."""

    kind: EntityKind[M, I, S]

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
        return fetch_sync(
            self._client, kind.list_op, kind.list_from, f"list {kind.name}s", **params
        )

    def _get(self, id: int, *, with_pages: bool = False) -> M:
        kind = self.kind
        entity_id = check_id(id, "id")
        if with_pages:  # withPages=1 (campaigns only); left out otherwise
            return fetch_sync(
                self._client, kind.get_op, kind.one_from, f"get {kind.name}", entity_id,
                with_pages=1,
            )  # fmt: skip
        return fetch_sync(self._client, kind.get_op, kind.one_from, f"get {kind.name}", entity_id)

    def get(self, id: int) -> M:
        """One entity by id; NotFoundError when there is none.

        Example: `pc.offers.get(5).url`
        """
        return self._get(id)

    def _create(self, data: Data | None, fields: Mapping[str, object]) -> S:
        """Create from a generated input model, a mapping and/or keyword fields.

        Returns the entity with its new id (fields the answer leaves out are filled from what was
        sent). Raises TypeError/ValueError for unknown or bad fields, before any request.
        """
        kind = self.kind
        body = kind.create_body(data, fields)
        return fetch_sync(
            self._client, kind.create_op, kind.entity_from(body, None), f"create {kind.name}",
            body=body,
        )  # fmt: skip

    def _update(self, id: int, data: Data | None, changes: Mapping[str, object]) -> S:
        """Change some fields: reads the entity, merges the changes, PUTs the whole object.

        The changes are checked before the entity is read, so a bad one sends nothing.
        """
        check_id(id, "id")
        updates = self.kind.changes(data, changes)
        current = self.get(id)
        return self._put(id, self.kind.merged_body(current, updates))

    def _replace(self, id: int, data: Data, fields: Mapping[str, object]) -> S:
        """PUT a complete body as is (fields left out are erased on the server)."""
        check_id(id, "id")
        return self._put(id, self.kind.replace_body(data, fields))

    def _put(self, id: int, body: I) -> S:
        kind = self.kind
        entity_id = check_id(id, "id")
        return fetch_sync(
            self._client, kind.update_op, kind.entity_from(body, entity_id),
            f"update {kind.name}", entity_id, body=body,
        )  # fmt: skip

    def delete(self, id: int) -> None:
        """Archive an entity (PeerClick keeps it with `deleted: true`; see `restore`).

        Example: `pc.campaigns.delete(12)`
        """
        kind = self.kind
        entity_id = check_id(id, "id")
        fetch_sync(self._client, kind.delete_op, None, f"delete {kind.name}", entity_id)

    def restore(self, ids: int | Iterable[int]) -> None:
        """Bring archived entities back.

        Example: `pc.campaigns.restore([12, 13])`
        """
        kind = self.kind
        body = IdList(ids=check_ids(ids, "ids"))
        fetch_sync(self._client, kind.restore_op, None, f"restore {kind.name}s", body=body)


class AsyncEntities(AsyncResource, Generic[M, I, S]):
    """Async twin of SyncEntities: the same methods, awaited."""

    kind: EntityKind[M, I, S]

    async def list(
        self,
        *,
        include_deleted: bool = False,
        fields: Iterable[str] | None = None,
        workspace_id: int | None = None,
    ) -> list[M]:
        """All entities of this kind; archived ones too with `include_deleted=True`.

        Example: `[o.name for o in await apc.offers.list(workspace_id=1)]`
        """
        kind = self.kind
        params = _list_params(include_deleted, fields, workspace_id)
        return await fetch_async(
            self._client, kind.list_op, kind.list_from, f"list {kind.name}s", **params
        )

    async def _get(self, id: int, *, with_pages: bool = False) -> M:
        kind = self.kind
        entity_id = check_id(id, "id")
        if with_pages:  # withPages=1 (campaigns only); left out otherwise
            return await fetch_async(
                self._client, kind.get_op, kind.one_from, f"get {kind.name}", entity_id,
                with_pages=1,
            )  # fmt: skip
        return await fetch_async(
            self._client, kind.get_op, kind.one_from, f"get {kind.name}", entity_id
        )

    async def get(self, id: int) -> M:
        """One entity by id; NotFoundError when there is none.

        Example: `(await apc.offers.get(5)).url`
        """
        return await self._get(id)

    async def _create(self, data: Data | None, fields: Mapping[str, object]) -> S:
        """Async twin of `SyncEntities._create`."""
        kind = self.kind
        body = kind.create_body(data, fields)
        return await fetch_async(
            self._client, kind.create_op, kind.entity_from(body, None), f"create {kind.name}",
            body=body,
        )  # fmt: skip

    async def _update(self, id: int, data: Data | None, changes: Mapping[str, object]) -> S:
        """Async twin of `SyncEntities._update` (changes checked before the read)."""
        check_id(id, "id")
        updates = self.kind.changes(data, changes)
        current = await self.get(id)
        return await self._put(id, self.kind.merged_body(current, updates))

    async def _replace(self, id: int, data: Data, fields: Mapping[str, object]) -> S:
        """Async twin of `SyncEntities._replace`."""
        check_id(id, "id")
        return await self._put(id, self.kind.replace_body(data, fields))

    async def _put(self, id: int, body: I) -> S:
        kind = self.kind
        entity_id = check_id(id, "id")
        return await fetch_async(
            self._client, kind.update_op, kind.entity_from(body, entity_id),
            f"update {kind.name}", entity_id, body=body,
        )  # fmt: skip

    async def delete(self, id: int) -> None:
        """Archive an entity (PeerClick keeps it with `deleted: true`; see `restore`).

        Example: `await apc.campaigns.delete(12)`
        """
        kind = self.kind
        entity_id = check_id(id, "id")
        await fetch_async(self._client, kind.delete_op, None, f"delete {kind.name}", entity_id)

    async def restore(self, ids: int | Iterable[int]) -> None:
        """Bring archived entities back.

        Example: `await apc.campaigns.restore([12, 13])`
        """
        kind = self.kind
        body = IdList(ids=check_ids(ids, "ids"))
        await fetch_async(self._client, kind.restore_op, None, f"restore {kind.name}s", body=body)
