"""Which facade methods call which generated operation, read from the code with `ast`.

A hand-kept list would rot the first time someone adds a method; the imports cannot. The facade
imports generated operations as modules (`from peerclick_api.api.report import get_report`) and
calls `get_report.sync_detailed(...)` or hands `get_report` to a helper. For every public method
(`Class.method`) and public module-level function of the facade we collect the operation modules it
names, directly or through what it reaches: `self.x` / `cls.x` / `super().x` (resolved along the
class's bases, including class attributes such as `_op = get_offer`), module-level functions,
variables and `Class.x`, and names imported from other modules of the package.

Operation modules are named as openapi-python-client names them, with its own `PythonIdentifier`:
the first tag gives the folder, the operationId (or, without one, method and path) the module.

Usage: python scripts/facade_map.py [--facade DIR] [--spec FILE] [--json]
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._codegen import ROOT, SPEC

__all__ = [
    "FACADE",
    "facade_map",
    "facade_usage",
    "missing_operations",
    "operation_modules",
]

FACADE = ROOT / "peerclick"
API = "peerclick_api.api"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


# --- the spec side: which operation modules does a spec generate? ---------------------------------


def operation_modules(doc: dict[str, Any]) -> dict[str, str]:
    """Map "tag_module.operation_module" to the operationId (or "METHOD path") it comes from."""
    from openapi_python_client.parser.openapi import generate_operation_id
    from openapi_python_client.schema.untrusted_string import UntrustedString
    from openapi_python_client.strings import PythonIdentifier

    out: dict[str, str] = {}
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            tags = op.get("tags") or ["default"]
            tag = PythonIdentifier(str(tags[0]), prefix="tag")
            op_id = op.get("operationId")
            if op_id:
                module = PythonIdentifier(str(op_id), prefix="field_")
            else:
                module = generate_operation_id(
                    path=UntrustedString(path), method=method, prefix="field_"
                )
            out[f"{tag}.{module}"] = str(op_id or f"{method.upper()} {path}")
    return out


# --- the code side: what does each facade method reach? ------------------------------------------


@dataclass
class _Body:
    """What one function, method or assigned value names: operations and code it reaches."""

    ops: set[str] = field(default_factory=set)
    self_attrs: set[str] = field(default_factory=set)  # self.x used whole
    self_fields: set[tuple[str, str]] = field(default_factory=set)  # self.x.y
    super_attrs: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # x used whole
    name_fields: set[tuple[str, str]] = field(default_factory=set)  # x.y
    # For an assigned value: what `value.y` is, so `self.kind.get_op` reaches only get_op.
    fields: dict[str, _Body] = field(default_factory=dict)
    value_name: str | None = None  # `kind = OFFER`
    call_class: str | None = None  # `OFFER = EntityKind(...)`


@dataclass
class _Class:
    module: str
    name: str
    bases: list[str]
    members: dict[str, _Body] = field(default_factory=dict)
    methods: set[str] = field(default_factory=set)  # members defined with `def`


@dataclass
class _Module:
    name: str
    bindings: dict[str, tuple[str, str]] = field(default_factory=dict)  # local -> (kind, value)
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # local -> (module, name)
    functions: dict[str, _Body] = field(default_factory=dict)
    variables: dict[str, _Body] = field(default_factory=dict)
    classes: dict[str, _Class] = field(default_factory=dict)


def _module_name(path: Path, package_dir: Path) -> str:
    rel = path.relative_to(package_dir.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(module: str, is_package: bool, level: int, target: str | None) -> str:
    """Resolve a relative import (`from ..x import y`) against the importing module."""
    if level == 0:
        return target or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    parts = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*parts, target] if target else parts)


def _bind_import(mod: _Module, node: ast.Import | ast.ImportFrom, is_package: bool) -> None:
    if isinstance(node, ast.Import):
        for alias in node.names:
            name = alias.name
            if name.split(".")[0] != "peerclick_api":
                continue
            if not alias.asname or name == "peerclick_api":
                mod.bindings[alias.asname or "peerclick_api"] = ("pkg", "")
            elif name == API:
                mod.bindings[alias.asname] = ("api", "")
            elif name.startswith(API + "."):
                rest = name[len(API) + 1 :].split(".")
                kind = "op" if len(rest) >= 2 else "tag"
                mod.bindings[alias.asname] = (kind, ".".join(rest[:2]) if kind == "op" else rest[0])
        return
    source = _absolute(mod.name, is_package, node.level, node.module)
    for alias in node.names:
        local = alias.asname or alias.name
        if source == "peerclick_api" and alias.name == "api":
            mod.bindings[local] = ("api", "")
        elif source == API:
            mod.bindings[local] = ("tag", alias.name)
        elif source.startswith(API + "."):
            rest = source[len(API) + 1 :].split(".")
            # `from …api.report import get_report` names a module; `from …report.get_report
            # import sync_detailed` names a function of that module: both mean that operation.
            key = f"{rest[0]}.{alias.name}" if len(rest) == 1 else ".".join(rest[:2])
            mod.bindings[local] = ("op", key)
        else:
            mod.imports[local] = (source, alias.name)


def _chain(node: ast.expr) -> list[str] | None:
    """`a.b["c"]` as ["a", "b", "c"]; None for anything that does not start at a plain name."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            parts.append(node.slice.value)
            node = node.value
        else:
            break
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def _op_of(chain: list[str], bindings: dict[str, tuple[str, str]]) -> str | None:
    kind, value = bindings.get(chain[0], ("", ""))
    rest = chain[1:]
    if kind == "op":
        return value
    if kind == "tag" and rest:
        return f"{value}.{rest[0]}"
    if kind == "api" and len(rest) >= 2:
        return f"{rest[0]}.{rest[1]}"
    if kind == "pkg" and len(rest) >= 3 and rest[0] == "api":
        return f"{rest[1]}.{rest[2]}"
    return None


class _Scanner:
    """Collects what a piece of code names, following `kind = self.kind` style local aliases."""

    def __init__(self, mod: _Module) -> None:
        self.mod = mod
        self.body = _Body()
        self.aliases: dict[str, list[str]] = {}

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, chain = node.targets[0], _chain(node.value)
            if isinstance(target, ast.Name) and chain and chain[0] in ("self", "cls"):
                self.aliases[target.id] = chain
                return
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            return
        if isinstance(node, ast.Attribute | ast.Name | ast.Subscript):
            chain = _chain(node)
            if chain is not None:
                self.use(chain)
                if isinstance(node, ast.Subscript):
                    self.visit(node.slice)
                return
            if isinstance(node, ast.Attribute) and _is_super_call(node.value):
                self.body.super_attrs.add(node.attr)
                return
        for child in ast.iter_child_nodes(node):
            self.visit(child)

    def use(self, chain: list[str]) -> None:
        if chain[0] in self.aliases:
            chain = self.aliases[chain[0]] + chain[1:]
        body = self.body
        op = _op_of(chain, self.mod.bindings)
        if op:
            body.ops.add(op)
        elif chain[0] in ("self", "cls") and len(chain) >= 3:
            body.self_fields.add((chain[1], chain[2]))
        elif chain[0] in ("self", "cls") and len(chain) == 2:
            body.self_attrs.add(chain[1])
        elif len(chain) >= 2:
            body.name_fields.add((chain[0], chain[1]))
        elif chain[0] not in ("self", "cls"):
            body.names.add(chain[0])


def _scan_body(nodes: list[ast.AST], mod: _Module) -> _Body:
    scanner = _Scanner(mod)
    for node in nodes:
        scanner.visit(node)
    return scanner.body


def _scan_value(value: ast.expr, mod: _Module) -> _Body:
    """An assigned value, with per-field bodies for `Kind(get_op=...)` and `{"get": ...}`."""
    body = _scan_body([value], mod)
    if isinstance(value, ast.Name):
        body.value_name = value.id
    elif isinstance(value, ast.Call):
        body.call_class = value.func.id if isinstance(value.func, ast.Name) else None
        for kw in value.keywords:
            if kw.arg:
                body.fields[kw.arg] = _scan_body([kw.value], mod)
    elif isinstance(value, ast.Dict):
        for key, item in zip(value.keys, value.values, strict=True):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                body.fields[key.value] = _scan_body([item], mod)
    return body


def _is_super_call(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def _parse_module(path: Path, package_dir: Path) -> _Module | None:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (SyntaxError, UnicodeDecodeError, ValueError) as exc:
        print(f"facade_map: skipping {path.name}: {exc}", file=sys.stderr)
        return None
    mod = _Module(_module_name(path, package_dir))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            _bind_import(mod, node, is_package)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            mod.functions[node.name] = _scan_body([node], mod)
        elif isinstance(node, ast.ClassDef):
            bases = [b.value if isinstance(b, ast.Subscript) else b for b in node.bases]
            cls = _Class(mod.name, node.name, [ast.unparse(b) for b in bases])
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    cls.members[item.name] = _scan_body([item], mod)
                    cls.methods.add(item.name)
                for name, value in _assignments(item):
                    cls.members[name] = _scan_value(value, mod)
            mod.classes[node.name] = cls
        else:
            for name, value in _assignments(node):
                mod.variables[name] = _scan_value(value, mod)
    return mod


def _assignments(node: ast.stmt) -> Iterator[tuple[str, ast.expr]]:
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Name):
                yield target.id, node.value
    elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
        yield node.target.id, node.value


class _Index:
    """Every module of the facade package, with name resolution across them."""

    def __init__(self, package_dir: Path) -> None:
        self.modules: dict[str, _Module] = {}
        for path in sorted(package_dir.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            mod = _parse_module(path, package_dir)
            if mod is not None:
                self.modules[mod.name] = mod

    def lookup(self, module: str, name: str, depth: int = 0) -> tuple[_Module, str] | None:
        """The module that defines `name` as seen from `module`, following package imports."""
        mod = self.modules.get(module)
        if mod is None or depth > 10:
            return None
        if name in mod.functions or name in mod.classes or name in mod.variables:
            return mod, name
        if name in mod.imports:
            source, original = mod.imports[name]
            if f"{source}.{original}" in self.modules:
                return None  # a submodule, not a definition
            return self.lookup(source, original, depth + 1)
        return None

    def mro(self, cls: _Class) -> list[_Class]:
        """The class and its bases defined in the package, depth first, left to right."""
        out: list[_Class] = []
        stack = [cls]
        while stack:
            current = stack.pop(0)
            if any(c is current for c in out):
                continue
            out.append(current)
            for base in current.bases:
                found = self.lookup(current.module, base.split(".")[-1])
                if found and found[1] in found[0].classes:
                    stack.append(found[0].classes[found[1]])
        return out

    def member(
        self, cls: _Class, name: str, skip_first: bool = False
    ) -> tuple[_Class, _Body] | None:
        classes = self.mro(cls)[1:] if skip_first else self.mro(cls)
        for c in classes:
            if name in c.members:
                return c, c.members[name]
        return None

    def reach(self, start: _Body, module: str, cls: _Class | None) -> set[str]:
        """Operation modules reachable from `start`, transitively, with `self` bound to `cls`."""
        ops: set[str] = set()
        seen: set[tuple[int, str, int]] = set()
        stack: list[_Frame] = [(start, module, cls)]
        while stack:
            body, mod_name, self_cls = stack.pop()
            key = (id(body), mod_name, id(self_cls))
            if key in seen:
                continue
            seen.add(key)
            ops |= body.ops
            if self_cls is not None:
                for attr in body.self_attrs:
                    stack.extend(self._member(self_cls, attr))
                for attr, name in body.self_fields:
                    for found in self._member(self_cls, attr):
                        stack.extend(self._field(found, name))
                for attr in body.super_attrs:
                    stack.extend(self._member(self_cls, attr, skip_first=True))
            for name in body.names:
                stack.extend(self._named(mod_name, name))
            for name, attr in body.name_fields:
                for found in self._named(mod_name, name, whole=False):
                    stack.extend(self._field(found, attr))
        return ops

    def _member(self, cls: _Class, name: str, skip_first: bool = False) -> list[_Frame]:
        found = self.member(cls, name, skip_first)
        return [(found[1], found[0].module, cls)] if found else []

    def _named(self, module: str, name: str, whole: bool = True) -> list[_Frame]:
        """What a bare name is: a function or variable body, or (for `Name.x`) a class."""
        found = self.lookup(module, name)
        if found is None:
            return []
        mod, real = found
        if real in mod.functions:
            return [(mod.functions[real], mod.name, None)]
        if real in mod.variables:
            return [(mod.variables[real], mod.name, None)]
        if real in mod.classes and not whole:
            return [(_Body(), mod.name, mod.classes[real])]
        return []

    def _field(self, frame: _Frame, name: str, depth: int = 0) -> list[_Frame]:
        """`value.name` for a value found as `frame`: one keyword, one member, or all of it."""
        body, module, cls = frame
        if depth > 10:
            return [frame]
        if not body.ops and not body.fields and body.value_name is None and cls is not None:
            return self._member(cls, name)  # `ClassName.x`
        if name in body.fields:
            return [(body.fields[name], module, None)]
        if body.value_name is not None:
            return [
                f
                for target in self._named(module, body.value_name, whole=False)
                for f in self._field(target, name, depth + 1)
            ]
        if body.call_class is not None:
            # `kind.parse_list` on `EntityKind(...)`: a method of the class, not a keyword.
            return [
                m
                for _, _, klass in self._named(module, body.call_class, whole=False)
                if klass is not None
                for m in self._member(klass, name)
            ]
        return [] if body.fields else [frame]


_Frame = tuple[_Body, str, "_Class | None"]


def facade_usage(package_dir: Path = FACADE) -> dict[str, set[str]]:
    """Map each public facade method ("Class.method", "module.function") to operation modules."""
    if not package_dir.is_dir():
        return {}
    index = _Index(package_dir)
    usage: dict[str, set[str]] = {}
    for mod in index.modules.values():
        tail = mod.name.rsplit(".", 1)[-1]
        for name, body in mod.functions.items():
            if not name.startswith("_"):
                _add(usage, f"{tail}.{name}", index.reach(body, mod.name, None))
        for cls in mod.classes.values():
            if cls.name.startswith("_"):
                continue
            names = {n for c in index.mro(cls) for n in c.methods if not n.startswith("_")}
            for name in sorted(names):
                found = index.member(cls, name)
                if found:
                    _add(usage, f"{cls.name}.{name}", index.reach(found[1], found[0].module, cls))
    return usage


def _add(usage: dict[str, set[str]], name: str, ops: set[str]) -> None:
    if ops:
        usage.setdefault(name, set()).update(ops)


def facade_map(package_dir: Path, doc: dict[str, Any]) -> dict[str, list[str]]:
    """operationId -> sorted facade methods that use it (operations the spec lacks are skipped)."""
    modules = operation_modules(doc)
    out: dict[str, list[str]] = {}
    for method, ops in facade_usage(package_dir).items():
        for op in ops:
            if op in modules:
                out.setdefault(modules[op], []).append(method)
    return {op_id: sorted(methods) for op_id, methods in sorted(out.items())}


def missing_operations(package_dir: Path, doc: dict[str, Any]) -> dict[str, list[str]]:
    """Operation modules the facade uses that `doc` does not generate -> the methods using them."""
    modules = operation_modules(doc)
    out: dict[str, list[str]] = {}
    for method, ops in facade_usage(package_dir).items():
        for op in ops - modules.keys():
            out.setdefault(op, []).append(method)
    return {op: sorted(methods) for op, methods in sorted(out.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facade", type=Path, default=FACADE)
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    doc = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    mapping = facade_map(args.facade, doc)
    missing = missing_operations(args.facade, doc)
    if args.json:
        print(json.dumps({"operations": mapping, "missing": missing}, indent=2, sort_keys=True))
    else:
        for op_id, methods in mapping.items():
            print(f"{op_id}: {', '.join(methods)}")
        for op, methods in missing.items():
            print(f"MISSING {API}.{op}: {', '.join(methods)}")
        if not mapping and not missing:
            print(f"no facade method in {args.facade.name}/ uses a generated operation yet")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
