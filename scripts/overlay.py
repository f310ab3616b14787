"""Apply openapi/overlay.yaml, our declared fixes to the vendor's spec, after every pull.

The format is OpenAPI Overlay 1.0 (spec.openapis.org/overlay/v1.0.0): `overlay: 1.0.x`, an `info`
with title and version, and an ordered list of `actions`. Each action has an RFC 9535 JSONPath
`target` and either `update` (merged into every selected object, appended to every selected array)
or `remove: true` (every selected node leaves its parent). Fixes live here rather than as hand edits
of the pulled file so the next pull applies them again, and one that stops matching is reported.

Stale is not the same as "selected nothing". A filter (`[?@.tags[0] == 'Reports API']`,
`[?!@['x-evidence']]`) selects what still needs the fix, so it selects nothing once the spec has it:
the pull also runs over specs that already carry their fixes (the reconstruction, a re-pull), and
there an empty filter means "nothing to fix", which is not worth a line. An action is stale when a
step of its target that is not a filter selects nothing (`$.paths['/gone']`): what it was written
for has moved or gone. `ActionResult.stale` names that step; `apply_overlay` computes it by running
the target's prefixes, one segment longer each time, until one comes back empty.

JSONPath comes from python-jsonpath in strict (RFC 9535) mode rather than a home-made subset, so a
target that works in other Overlay tools works here too.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonpath import JSONPath, JSONPathEnvironment, JSONPathError
from jsonpath.selectors import Filter

from scripts import _spec

__all__ = ["ActionResult", "OverlayError", "apply_overlay", "load_overlay", "merge"]

_ENV = JSONPathEnvironment(strict=True)
_VERSION = re.compile(r"^1\.0\.\d+$")
_ACTION_KEYS = {"target", "description", "update", "remove"}


class OverlayError(ValueError):
    """The overlay document is malformed, or an action cannot apply to what it selects."""


@dataclass(frozen=True)
class ActionResult:
    """How one action went: how many nodes its target selected, and whether it is stale.

    `stale` is the first non-filter step of the target that selects nothing ("" otherwise).
    """

    index: int
    target: str
    description: str
    matched: int
    stale: str = ""

    def stale_message(self) -> str:
        """One line naming the stale action, what no longer matches and what it was for."""
        what = f" ({self.description.strip()})" if self.description.strip() else ""
        return (
            f"overlay action {self.index} is stale: {self.stale} selects nothing in the pulled "
            f"spec{what}; delete it if the vendor has fixed this (target {self.target})"
        )


def load_overlay(path: Path) -> dict[str, Any]:
    """Read and check an overlay document; the shape errors name the action at fault."""
    try:
        doc = _spec.load_text(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise OverlayError(f"cannot read overlay {path.name}: {exc}") from exc
    check_overlay(doc)
    return dict(doc)


def check_overlay(doc: Any) -> None:
    """Raise OverlayError unless `doc` is an Overlay 1.0 document whose targets all compile."""
    if not isinstance(doc, dict):
        raise OverlayError("overlay must be a mapping")
    if not _VERSION.match(str(doc.get("overlay", ""))):
        raise OverlayError(f"overlay: expected 1.0.x, got {doc.get('overlay')!r}")
    info = doc.get("info")
    if not isinstance(info, dict) or not {"title", "version"} <= info.keys():
        raise OverlayError("overlay info needs a title and a version")
    actions = doc.get("actions")
    if not isinstance(actions, list):
        raise OverlayError("overlay actions must be a list")
    for i, action in enumerate(actions):
        where = f"overlay action {i}"
        if not isinstance(action, dict):
            raise OverlayError(f"{where} must be a mapping")
        unknown = {k for k in action if k not in _ACTION_KEYS and not str(k).startswith("x-")}
        if unknown:
            raise OverlayError(f"{where} has unknown keys {sorted(unknown)}")
        target = action.get("target")
        if not isinstance(target, str) or not target.startswith("$"):
            raise OverlayError(f"{where} needs a JSONPath target starting with $")
        try:
            _ENV.compile(target)
        except JSONPathError as exc:
            raise OverlayError(f"{where}: bad target {target!r}: {exc}") from None
        if action.get("remove") is not True and "update" not in action:
            raise OverlayError(f"{where} needs `update` or `remove: true`")


def merge(target: dict[str, Any], update: dict[str, Any]) -> None:
    """Merge `update` into `target` in place: objects merge recursively, anything else replaces."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def apply_overlay(
    doc: dict[str, Any], overlay: dict[str, Any]
) -> tuple[dict[str, Any], list[ActionResult]]:
    """Return a copy of `doc` with every action applied in order, and what each one matched."""
    check_overlay(overlay)
    out = copy.deepcopy(doc)
    results = []
    for i, action in enumerate(overlay["actions"]):
        matches = list(_ENV.finditer(action["target"], out))
        if action.get("remove") is True:
            _remove(matches, i)
        else:
            for match in matches:
                _update(match.obj, action["update"], i, match.path)
        stale = "" if matches else _empty_step(action["target"], out)
        description = str(action.get("description", ""))
        results.append(ActionResult(i, action["target"], description, len(matches), stale))
    return out, results


def _empty_step(target: str, doc: dict[str, Any]) -> str:
    """The shortest prefix of `target` that selects nothing, unless it ends in a filter."""
    path = _ENV.compile(target)
    if not isinstance(path, JSONPath):
        return ""  # a union of paths (not RFC 9535): no single step to blame
    segments = path.segments
    for n in range(1, len(segments) + 1):
        prefix = JSONPath(env=_ENV, segments=segments[:n])
        if not prefix.findall(doc):
            if all(isinstance(s, Filter) for s in segments[n - 1].selectors):
                return ""  # every candidate already has what the filter looks for
            return str(prefix)
    return ""


def _update(node: object, update: Any, index: int, path: str) -> None:
    if isinstance(node, dict):
        if not isinstance(update, dict):
            raise OverlayError(f"overlay action {index}: {path} is an object; update must be one")
        merge(node, update)
    elif isinstance(node, list):
        node.append(copy.deepcopy(update))
    else:
        raise OverlayError(f"overlay action {index}: {path} is a scalar; target its parent")


def _remove(matches: list[Any], index: int) -> None:
    # Delete list items from the highest index down so earlier deletions don't shift later ones.
    keyed = []
    for match in matches:
        if match.parent is None:
            raise OverlayError(f"overlay action {index}: the document root cannot be removed")
        keyed.append((id(match.parent.obj), match.parts[-1], match.parent.obj))
    for _, key, parent in sorted(keyed, key=_removal_order, reverse=True):
        if isinstance(parent, dict):
            parent.pop(key, None)
        elif isinstance(parent, list) and isinstance(key, int) and key < len(parent):
            del parent[key]


def _removal_order(item: tuple[int, object, object]) -> tuple[int, int]:
    parent_id, key, _ = item
    return parent_id, key if isinstance(key, int) else -1
