"""Every spec operation is reachable through a facade method, or allowlisted with a reason."""

from __future__ import annotations

import yaml

from scripts._codegen import SPEC
from scripts.check_drift import operations
from scripts.facade_map import FACADE, facade_map

# operationId -> why no facade method wraps it (pc.api still reaches it, token, limits and all).
# (getSession left the list when `peerclick auth check` started calling it.)
ALLOWLIST: dict[str, str] = {}


def test_every_operation_has_a_facade_method_or_a_reason() -> None:
    doc = yaml.safe_load(SPEC.read_text())
    mapped = facade_map(FACADE, doc)
    ids = {op["operationId"] for _, _, op in operations(doc)}
    missing = sorted(ids - mapped.keys() - ALLOWLIST.keys())
    assert missing == [], (
        f"operations with neither a facade method nor an allowlist reason: {missing}"
    )


def test_allowlist_names_only_real_unwrapped_operations() -> None:
    doc = yaml.safe_load(SPEC.read_text())
    ids = {op["operationId"] for _, _, op in operations(doc)}
    assert ALLOWLIST.keys() <= ids
    assert not ALLOWLIST.keys() & facade_map(FACADE, doc).keys()
    assert all(reason.strip() for reason in ALLOWLIST.values())
