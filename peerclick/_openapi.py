"""Reading OpenAPI documents: one way to load one, list its operations and follow its `$ref`s.

The shipped differ (`peerclick._specdiff`, behind `peerclick spec diff`) and the maintenance
scripts (`scripts/_spec.py` re-exports this module) need the same three pieces. scripts/ is not
installed with the wheel, so the shared core lives here, where both can import it.

`$ref`s are local JSON Pointers (RFC 6901 in a URI fragment): `JSONPointer` from python-jsonpath
(also the scripts' JSONPath engine) resolves them, `~0`/`~1` and percent-escapes included, rather
than a hand-written walk. PyYAML and python-jsonpath come with the `cli` extra and are imported
on first use, so `import peerclick` never pays for them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml
    from jsonpath import JSONPointer

__all__ = ["HTTP_METHODS", "Doc", "Operation", "is_spec", "load_text", "operations", "resolve"]

# The path item's operation fields, in the order OpenAPI 3 lists them.
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Doc = dict[str, Any]


@dataclass(frozen=True)
class Operation:
    """One operation: `method` in capitals, the path as written, the operation and its path item."""

    method: str
    path: str
    op: dict[str, Any]
    item: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def op_id(self) -> str:
        return str(self.op.get("operationId") or "")


def operations(doc: Doc) -> Iterator[Operation]:
    """Every operation of `doc`, in document order (a path item may itself be a `$ref`)."""
    for path, raw in (doc.get("paths") or {}).items():
        item, _ = resolve(doc, raw)
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if method in HTTP_METHODS and isinstance(op, dict):
                yield Operation(method.upper(), str(path), op, item)


@functools.lru_cache(maxsize=1024)
def _pointer(fragment: str) -> JSONPointer:
    from jsonpath import JSONPointer

    return JSONPointer(fragment, uri_decode=True)


def resolve(doc: Doc, node: Any) -> tuple[Any, str]:
    """Follow local `$ref`s from `node`; return the target and the last ref followed ("" if none).

    A remote, broken or circular ref stops the walk at the node holding it.
    """
    from jsonpath import JSONPointerError

    ref, seen = "", set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            return node, ref
        seen.add(ref)
        try:
            node = _pointer(ref[1:]).resolve(doc)
        except JSONPointerError:
            return node, ref
    return node, ref


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    import yaml

    class SpecLoader(yaml.SafeLoader):
        """SafeLoader keeping dates as text: a spec is JSON data; `2024-01-01` is a string."""

    SpecLoader.yaml_implicit_resolvers = {
        key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return SpecLoader


def load_text(text: str) -> Any:
    """Parse JSON or YAML text (YAML is a superset of JSON); dates stay strings.

    Raises yaml.YAMLError on text that is neither.
    """
    import yaml

    return yaml.load(text, Loader=_loader())  # a SafeLoader subclass


def is_spec(doc: Any) -> bool:
    """Whether a parsed document claims to be OpenAPI 3 or Swagger 2."""
    return isinstance(doc, dict) and ("openapi" in doc or "swagger" in doc)
