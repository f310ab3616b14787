"""What changed between two OpenAPI 3 documents, and does it break this client?

Compares operations (added, removed, moved), their parameters, request and response bodies
(`$ref`s resolved, nested objects and arrays followed to MAX_DEPTH), closed `enum`s and open
`x-known-values`, security and servers. Each change is marked breaking when the client generated
from the old spec, or the facade written against it, can fail with the new one: a removed operation,
parameter or field, a retyped field, a newly required input, a new closed-enum value in a response
(the generated code rejects unknown enum values), a new security requirement, a lost server. Added
optional inputs, added operations and added response fields are not.

It lives in the package so that `peerclick spec diff` works where scripts/ is not installed;
scripts/spec_diff.py and scripts/check_drift.py use it with the facade map of a checkout (which
facade methods call each operation, recorded by the contract suite: scripts/facade_map.json).
Exit codes (`exit_code`): 0 no drift, 1 breaking drift, 3 non-breaking drift only.

Why not a library: the maintained OpenAPI differs are oasdiff (Go), Optic and api-smart-diff
(Node), none on PyPI. api-smart-diff installs offline from npm, so it was measured against this
module on the same 32 cases (tests/scripts/test_smart_diff.py): it got 7 wrong, and 4 more right
only through the copy under components/ while its verdict on the operation itself was wrong
(scripts/spec_diff.py lists them). It does not know which way a field travels (a removed request
or response field, an int widened to number), that the generator's CSV handling or a server
variable matters, or that moving properties into allOf changes nothing. The PyPI ones we looked at
(openapispecdiff, api-schema-diff, schemawatch, ...) are small, young or abandoned, and deepdiff
diffs raw trees without resolving `$ref`s. This module is that one job; the tests pin it down.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from peerclick._openapi import Doc, Operation, is_spec, load_text, operations
from peerclick._openapi import resolve as _resolve

__all__ = [
    "BREAKING",
    "CANNOT_RUN",
    "NON_BREAKING",
    "NO_DRIFT",
    "Change",
    "CsvParam",
    "csv_array_params",
    "diff_specs",
    "exit_code",
    "parse_spec_text",
    "render_json",
    "render_text",
]

MAX_DEPTH = 10
# String formats the generator maps to their own Python types (datetime, date, File, UUID).
TYPED_FORMATS = {"date", "date-time", "binary", "uuid"}
# Safe widenings of a value the client sends: an int is a valid number.
WIDENINGS = {("integer", "number")}

NO_DRIFT, BREAKING, CANNOT_RUN, NON_BREAKING = 0, 1, 2, 3


@dataclass(frozen=True)
class Change:
    """One difference. `operation` is "GET /path" ("" for spec-wide changes)."""

    breaking: bool
    kind: str
    operation: str
    operation_id: str
    where: str
    detail: str
    module: str = ""
    facade: tuple[str, ...] = ()

    def line(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{place}{self.detail}"


@dataclass(frozen=True)
class CsvParam:
    """An array parameter the API wants joined into one value, which the generator won't do."""

    operation: str
    operation_id: str
    location: str
    name: str
    delimiter: str


# --- reading documents ------------------------------------------------------------------------


def _path_key(path: str) -> str:
    """Template parameter names don't make two paths different endpoints."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def _operations(doc: Doc) -> dict[tuple[str, str], Operation]:
    return {(op.method, _path_key(op.path)): op for op in operations(doc)}


def _params(doc: Doc, op: Operation) -> dict[tuple[str, str], dict[str, Any]]:
    """Effective parameters keyed by (in, name): operation-level ones override path-level ones."""
    out = {}
    for raw in [*(op.item.get("parameters") or []), *(op.op.get("parameters") or [])]:
        param, _ = _resolve(doc, raw)
        if isinstance(param, dict) and "name" in param:
            out[(str(param.get("in", "")), str(param["name"]))] = param
    return out


def _security(doc: Doc, op: dict[str, Any]) -> list[frozenset[str]]:
    reqs = op.get("security", doc.get("security")) or []
    return [frozenset(r) for r in reqs if isinstance(r, dict)]


# --- comparing --------------------------------------------------------------------------------


@dataclass
class _Ctx:
    old: Doc
    new: Doc
    out: list[tuple[bool, str, str, str]] = field(default_factory=list)

    def add(self, breaking: bool, kind: str, where: str, detail: str) -> None:
        self.out.append((breaking, kind, where, detail))


@dataclass(frozen=True)
class _At:
    """Where a schema sits: a section ("response 200 body") and a path inside it ("rows[].id")."""

    section: str
    path: str = ""

    def __str__(self) -> str:
        return f"{self.section}: {self.path}" if self.path else self.section

    def prop(self, name: str) -> _At:
        return _At(self.section, f"{self.path}.{name}" if self.path else name)

    def suffix(self, text: str) -> _At:
        return _At(self.section, f"{self.path}{text}")


def _type_of(schema: Any) -> str:
    if not isinstance(schema, dict):
        return "any"
    t = schema.get("type")
    if isinstance(t, list):
        t = "|".join(sorted(str(x) for x in t if x != "null")) or "null"
    if t:
        return str(t)
    if "properties" in schema or "allOf" in schema:
        return "object"
    if "items" in schema:
        return "array"
    if "oneOf" in schema or "anyOf" in schema:
        return "union"
    return "any"


def _nullable(schema: dict[str, Any]) -> bool:
    t = schema.get("type")
    return bool(schema.get("nullable")) or (isinstance(t, list) and "null" in t)


def _flatten(doc: Doc, schema: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """Fold `allOf` members into one schema: properties and required lists are unioned."""
    if "allOf" not in schema or depth > MAX_DEPTH:
        return schema
    out = {k: v for k, v in schema.items() if k != "allOf"}
    props = dict(out.get("properties") or {})
    required = list(out.get("required") or [])
    for member in schema["allOf"]:
        member = _flatten(doc, _resolve(doc, member)[0], depth + 1)
        if not isinstance(member, dict):
            continue
        props.update(member.get("properties") or {})
        required += [r for r in member.get("required") or [] if r not in required]
        for key in ("type", "additionalProperties", "items", "enum", "nullable"):
            if key in member:
                out.setdefault(key, member[key])
    out["properties"], out["required"] = props, required
    out.setdefault("type", "object")
    return out


def _variants(doc: Doc, schema: dict[str, Any]) -> set[str]:
    members = schema.get("oneOf") or schema.get("anyOf") or []
    names = set()
    for member in members:
        target, ref = _resolve(doc, member)
        names.add(ref.rsplit("/", 1)[-1] if ref else _type_of(target))
    return names


def _diff_schema(
    ctx: _Ctx,
    old_raw: Any,
    new_raw: Any,
    at: _At,
    direction: str,
    depth: int = 0,
    seen: frozenset[tuple[str, str]] = frozenset(),
) -> None:
    """Compare two schemas; `direction` is "request" (the client sends it) or "response"."""
    old, old_ref = _resolve(ctx.old, old_raw)
    new, new_ref = _resolve(ctx.new, new_raw)
    if depth > MAX_DEPTH or ((old_ref or new_ref) and (old_ref, new_ref) in seen):
        return
    seen = seen | {(old_ref, new_ref)}
    if not isinstance(old, dict) or not isinstance(new, dict):
        return
    old, new = _flatten(ctx.old, old), _flatten(ctx.new, new)
    sending = direction == "request"
    where = str(at)
    t_old, t_new = _type_of(old), _type_of(new)
    if t_old != t_new:
        widening = (t_old, t_new) if sending else (t_new, t_old)
        ctx.add(widening not in WIDENINGS, "retyped", where, f"retyped {t_old} -> {t_new}")
        return
    f_old, f_new = old.get("format"), new.get("format")
    if f_old != f_new:
        typed = t_old == "string" and bool({f_old, f_new} & TYPED_FORMATS)
        ctx.add(typed, "format-changed", where, f"format {f_old} -> {f_new}")
    n_old, n_new = _nullable(old), _nullable(new)
    if n_old != n_new:
        breaking = n_new != sending  # a response may now be null; a request may no longer be
        ctx.add(breaking, "nullable-changed", where, "now nullable" if n_new else "not nullable")
    _diff_enum(ctx, old, new, where, sending)
    _diff_known_values(ctx, old, new, where)
    if t_old == "union":
        v_old, v_new = _variants(ctx.old, old), _variants(ctx.new, new)
        if v_new - v_old:
            detail = f"variants added: {', '.join(sorted(v_new - v_old))}"
            ctx.add(not sending, "variants-added", where, detail)
        if v_old - v_new:
            detail = f"variants removed: {', '.join(sorted(v_old - v_new))}"
            ctx.add(sending, "variants-removed", where, detail)
    if t_old == "array":
        _diff_schema(
            ctx, old.get("items"), new.get("items"), at.suffix("[]"), direction, depth + 1, seen
        )
    if "properties" in old or "properties" in new:
        _diff_properties(ctx, old, new, at, direction, depth, seen)
    ap_old, ap_new = old.get("additionalProperties"), new.get("additionalProperties")
    if isinstance(ap_old, dict) and isinstance(ap_new, dict):
        _diff_schema(ctx, ap_old, ap_new, at.suffix("{*}"), direction, depth + 1, seen)


def _diff_enum(
    ctx: _Ctx, old: dict[str, Any], new: dict[str, Any], where: str, sending: bool
) -> None:
    e_old, e_new = old.get("enum"), new.get("enum")
    if e_old is None and e_new is None:
        return
    if e_old is None:
        ctx.add(True, "enum-added", where, "now a closed enum")
        return
    if e_new is None:
        ctx.add(False, "enum-dropped", where, "no longer a closed enum")
        return
    added = [v for v in e_new if v not in e_old]
    removed = [v for v in e_old if v not in e_new]
    if added:
        ctx.add(not sending, "enum-values-added", where, f"enum values added: {_vals(added)}")
    if removed:
        ctx.add(sending, "enum-values-removed", where, f"enum values removed: {_vals(removed)}")


def _diff_known_values(ctx: _Ctx, old: dict[str, Any], new: dict[str, Any], where: str) -> None:
    """x-known-values lists an open set: changes are news, never breakage."""
    k_old, k_new = old.get("x-known-values") or [], new.get("x-known-values") or []
    added = [v for v in k_new if v not in k_old]
    removed = [v for v in k_old if v not in k_new]
    if added:
        ctx.add(False, "known-values-added", where, f"known values added: {_vals(added)}")
    if removed:
        ctx.add(False, "known-values-removed", where, f"known values removed: {_vals(removed)}")


def _vals(values: list[Any]) -> str:
    return ", ".join(json.dumps(v) for v in values)


def _diff_properties(
    ctx: _Ctx,
    old: dict[str, Any],
    new: dict[str, Any],
    at: _At,
    direction: str,
    depth: int,
    seen: frozenset[tuple[str, str]],
) -> None:
    sending = direction == "request"
    p_old, p_new = old.get("properties") or {}, new.get("properties") or {}
    r_old, r_new = set(old.get("required") or []), set(new.get("required") or [])
    for name in [n for n in p_old if n not in p_new]:
        ctx.add(True, "field-removed", str(at.prop(name)), "field removed")
    for name in [n for n in p_new if n not in p_old]:
        required = name in r_new
        detail = f"{'required' if required else 'optional'} field added"
        ctx.add(sending and required, "field-added", str(at.prop(name)), detail)
    for name in [n for n in p_old if n in p_new]:
        here = at.prop(name)
        if name not in r_old and name in r_new:
            ctx.add(sending, "made-required", str(here), "now required")
        elif name in r_old and name not in r_new:
            ctx.add(not sending, "made-optional", str(here), "no longer required")
        _diff_schema(ctx, p_old[name], p_new[name], here, direction, depth + 1, seen)


def _diff_content(
    ctx: _Ctx, old: dict[str, Any], new: dict[str, Any], section: str, direction: str
) -> None:
    c_old, c_new = old.get("content") or {}, new.get("content") or {}
    for media in [m for m in c_old if m not in c_new]:
        ctx.add(True, "media-type-removed", section, f"media type {media} removed")
    for media in [m for m in c_new if m not in c_old]:
        ctx.add(False, "media-type-added", section, f"media type {media} added")
    for media in [m for m in c_old if m in c_new]:
        body = f"{section} body" if len(c_old) == 1 else f"{section} {media} body"
        o_schema = (c_old[media] or {}).get("schema")
        n_schema = (c_new[media] or {}).get("schema")
        _diff_schema(ctx, o_schema, n_schema, _At(body), direction)


def _diff_params(ctx: _Ctx, old: Operation, new: Operation) -> None:
    p_old, p_new = _params(ctx.old, old), _params(ctx.new, new)
    for loc, name in sorted(p_old.keys() - p_new.keys()):
        ctx.add(True, "param-removed", f"{loc} param {name}", "parameter removed")
    for key in sorted(p_new.keys() - p_old.keys()):
        required = bool(p_new[key].get("required"))
        detail = f"{'required' if required else 'optional'} parameter added"
        ctx.add(required, "param-added", f"{key[0]} param {key[1]}", detail)
    for key in sorted(p_old.keys() & p_new.keys()):
        a, b = p_old[key], p_new[key]
        here = f"{key[0]} param {key[1]}"
        if bool(a.get("required")) != bool(b.get("required")):
            now = bool(b.get("required"))
            ctx.add(now, "param-required-changed", here, "now required" if now else "now optional")
        if _serialization(a) != _serialization(b):
            detail = f"serialized {_serialization(a)} -> {_serialization(b)}"
            ctx.add(True, "param-serialization-changed", here, detail)
        _diff_schema(ctx, a.get("schema"), b.get("schema"), _At(here), "request")


def _serialization(param: dict[str, Any]) -> str:
    style = param.get("style") or ("form" if param.get("in") in ("query", "cookie") else "simple")
    explode = param.get("explode", style == "form")
    return f"{style}{'' if explode else ',explode=false'}"


def _diff_request_body(ctx: _Ctx, old: Operation, new: Operation) -> None:
    b_old, _ = _resolve(ctx.old, old.op.get("requestBody"))
    b_new, _ = _resolve(ctx.new, new.op.get("requestBody"))
    if not b_old and not b_new:
        return
    if not b_new:
        ctx.add(True, "request-body-removed", "request", "request body removed")
        return
    if not b_old:
        required = bool(b_new.get("required"))
        detail = f"{'required' if required else 'optional'} request body added"
        ctx.add(required, "request-body-added", "request", detail)
        return
    if not b_old.get("required") and b_new.get("required"):
        ctx.add(True, "request-body-required", "request", "request body now required")
    _diff_content(ctx, b_old, b_new, "request", "request")


def _diff_responses(ctx: _Ctx, old: Operation, new: Operation) -> None:
    r_old, r_new = old.op.get("responses") or {}, new.op.get("responses") or {}
    for code in sorted(r_old.keys() - r_new.keys(), key=str):
        success = str(code).startswith("2")
        ctx.add(success, "response-removed", f"response {code}", "response removed")
    for code in sorted(r_new.keys() - r_old.keys(), key=str):
        ctx.add(False, "response-added", f"response {code}", "response added")
    for code in sorted(r_old.keys() & r_new.keys(), key=str):
        if not str(code).startswith("2"):
            continue  # error bodies are read by the facade's error mapping, not the models
        a, _ = _resolve(ctx.old, r_old[code])
        b, _ = _resolve(ctx.new, r_new[code])
        if isinstance(a, dict) and isinstance(b, dict):
            _diff_content(ctx, a, b, f"response {code}", "response")


def _diff_operation(ctx: _Ctx, old: Operation, new: Operation) -> None:
    _diff_params(ctx, old, new)
    _diff_request_body(ctx, old, new)
    _diff_responses(ctx, old, new)
    s_old, s_new = _security(ctx.old, old.op), _security(ctx.new, new.op)
    if set(s_old) != set(s_new):
        had = set().union(*s_old) if s_old else set()
        # Breaking only if every way in now needs a scheme the client never sent.
        breaking = bool(s_new) and all(req - had for req in s_new)
        detail = f"security {_reqs(s_old)} -> {_reqs(s_new)}"
        ctx.add(breaking, "security-changed", "security", detail)
    if new.op.get("deprecated") and not old.op.get("deprecated"):
        ctx.add(False, "deprecated", "", "operation deprecated")


def _reqs(reqs: list[frozenset[str]]) -> str:
    return "[" + ", ".join("+".join(sorted(r)) or "none" for r in reqs) + "]" if reqs else "[]"


def _diff_global(old: Doc, new: Doc) -> Iterator[tuple[bool, str, str, str]]:
    urls_old = [s.get("url") for s in old.get("servers") or [] if isinstance(s, dict)]
    urls_new = [s.get("url") for s in new.get("servers") or [] if isinstance(s, dict)]
    for url in urls_old:
        if url not in urls_new:
            yield True, "server-removed", "servers", f"server {url} removed"
    for url in urls_new:
        if url not in urls_old:
            yield False, "server-added", "servers", f"server {url} added"
    for s_old in old.get("servers") or []:
        s_new = next(
            (s for s in new.get("servers") or [] if s.get("url") == s_old.get("url")), None
        )
        if not s_new:
            continue
        for name, var in (s_old.get("variables") or {}).items():
            new_var = (s_new.get("variables") or {}).get(name)
            where = f"server {s_old['url']} variable {name}"
            if new_var is None:
                yield True, "server-variable-removed", where, "variable removed"
                continue
            lost = [v for v in var.get("enum") or [] if v not in (new_var.get("enum") or [])]
            if lost and new_var.get("enum"):
                yield True, "server-variable-changed", where, f"values removed: {_vals(lost)}"
            if var.get("default") != new_var.get("default"):
                detail = f"default {var.get('default')} -> {new_var.get('default')}"
                yield False, "server-variable-changed", where, detail
    sch_old = (old.get("components") or {}).get("securitySchemes") or {}
    sch_new = (new.get("components") or {}).get("securitySchemes") or {}
    for name in sorted(sch_old.keys() - sch_new.keys()):
        yield True, "security-scheme-removed", f"security scheme {name}", "scheme removed"
    for name in sorted(sch_new.keys() - sch_old.keys()):
        yield False, "security-scheme-added", f"security scheme {name}", "scheme added"
    for name in sorted(sch_old.keys() & sch_new.keys()):
        a, b = sch_old[name], sch_new[name]
        for key in ("type", "in", "name", "scheme"):
            if a.get(key) != b.get(key):
                detail = f"{key} {a.get(key)} -> {b.get(key)}"
                yield True, "security-scheme-changed", f"security scheme {name}", detail


def diff_specs(
    old: Doc,
    new: Doc,
    facade: dict[str, list[str]] | None = None,
    modules: dict[str, str] | None = None,
) -> list[Change]:
    """Every change from `old` to `new`, breaking ones first.

    `facade` maps an operationId (or "METHOD path") to the facade methods calling it; `modules`
    maps "tag_module.operation_module" (the generated module, as generated from `old`) to its
    operationId (or "METHOD path"). Both come from scripts/facade_map.py in a checkout; without
    them changes carry no facade or module names.
    """
    modules = {op_id: key for key, op_id in (modules or {}).items()}
    facade = facade or {}
    changes = [Change(b, k, "", "", w, d) for b, k, w, d in _diff_global(old, new)]
    ops_old, ops_new = _operations(old), _operations(new)
    removed = {k: v for k, v in ops_old.items() if k not in ops_new}
    added = {k: v for k, v in ops_new.items() if k not in ops_old}
    pairs = [(ops_old[k], ops_new[k]) for k in ops_old if k in ops_new]
    by_id = {v.op_id: k for k, v in added.items() if v.op_id}
    for key, op in list(removed.items()):
        if op.op_id and op.op_id in by_id:
            moved = added.pop(by_id[op.op_id])
            del removed[key]
            pairs.append((op, moved))
            changes.append(_op_change(True, "operation-moved", op, f"moved to {moved.label}"))
    for op in removed.values():
        changes.append(_op_change(True, "operation-removed", op, "operation removed"))
    for op in added.values():
        changes.append(_op_change(False, "operation-added", op, "operation added"))
    for op_old, op_new in pairs:
        ctx = _Ctx(old, new)
        _diff_operation(ctx, op_old, op_new)
        changes += [_op_change(b, k, op_old, d, w) for b, k, w, d in ctx.out]
    out = []
    for change in changes:
        named = (change.operation_id or change.operation) if change.operation else ""
        methods = tuple(facade.get(named, ())) if named else ()
        out.append(replace(change, module=modules.get(named, ""), facade=methods))
    return sorted(out, key=lambda c: (not c.breaking, c.operation, c.where, c.kind))


def _op_change(breaking: bool, kind: str, op: Operation, detail: str, where: str = "") -> Change:
    return Change(breaking, kind, op.label, op.op_id, where, detail)


def exit_code(changes: list[Change]) -> int:
    """1 when anything breaks, 3 when something changed harmlessly, 0 when nothing changed."""
    if any(c.breaking for c in changes):
        return BREAKING
    return NON_BREAKING if changes else NO_DRIFT


# --- CSV arrays ---------------------------------------------------------------------------------

_DELIMITERS = {"form": ",", "simple": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


def csv_array_params(doc: Doc) -> list[CsvParam]:
    """Array parameters serialized as one delimited value (Swagger 2's `collectionFormat: csv`).

    swagger2openapi turns `csv` into `style: form, explode: false`; openapi-python-client ignores
    that and sends `a=1&a=2`, so the facade must join such values itself (`",".join(values)`).
    """
    out = []
    for op in _operations(doc).values():
        for (loc, name), param in sorted(_params(doc, op).items()):
            schema, _ = _resolve(doc, param.get("schema"))
            if loc not in ("query", "header", "cookie") or _type_of(schema) != "array":
                continue
            style = param.get("style") or "form"
            if param.get("explode", style == "form") and style == "form":
                continue
            delimiter = _DELIMITERS.get(style, ",")
            out.append(CsvParam(op.label, op.op_id, loc, name, delimiter))
    return out


# --- reports ------------------------------------------------------------------------------------


def render_text(changes: list[Change], old_label: str, new_label: str) -> str:
    """A report for people: breaking changes first, grouped by operation, with facade methods."""
    breaking = [c for c in changes if c.breaking]
    harmless = [c for c in changes if not c.breaking]
    if not changes:
        return f"no drift: {new_label} matches {old_label}"
    lines = [
        f"spec drift from {old_label} to {new_label}: "
        f"{len(breaking)} breaking, {len(harmless)} non-breaking"
    ]
    for title, group, mark in (("BREAKING", breaking, "!"), ("non-breaking", harmless, "+")):
        if not group:
            continue
        lines.append(f"{title} ({len(group)})")
        current = None
        for change in group:
            if change.operation != current:
                current = change.operation
                head = change.operation or "spec-wide"
                if change.operation_id:
                    head += f" ({change.operation_id})"
                if change.facade:
                    head += f"  facade: {', '.join(change.facade)}"
                lines.append(f"  {head}")
            lines.append(f"    {mark} {change.line()}")
    touched = sorted({m for c in breaking for m in c.facade})
    if touched:
        lines.append(f"facade methods touched by breaking changes: {', '.join(touched)}")
    return "\n".join(lines)


def render_json(changes: list[Change], old_label: str, new_label: str) -> str:
    """The same report for machines; `exit_code` is what the command returns."""
    return json.dumps(
        {
            "old": old_label,
            "new": new_label,
            "exit_code": exit_code(changes),
            "breaking": sum(c.breaking for c in changes),
            "non_breaking": sum(not c.breaking for c in changes),
            "facade_touched": sorted({m for c in changes if c.breaking for m in c.facade}),
            "changes": [asdict(c) for c in changes],
        },
        indent=2,
    )


def parse_spec_text(text: str, where: str) -> Doc:
    """A JSON or YAML OpenAPI document, or ValueError."""
    import yaml

    try:
        doc = load_text(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"{where} is neither JSON nor YAML: {exc}") from None
    if not is_spec(doc):
        raise ValueError(f"{where} is not an OpenAPI document")
    return dict(doc)
