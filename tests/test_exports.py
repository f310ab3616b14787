"""The public namespace: what design.md promises is importable, sorted and owned by `peerclick`."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import peerclick

PUBLIC = {
    "peerclick": [
        "APIConnectionError", "APIError", "APITimeoutError", "AsyncPeerClick",
        "AuthenticationError", "BadRequestError", "BudgetState", "ClientClosedError",
        "ConfigurationError", "ConflictError", "LimiterState", "MemoryTokenStore", "NotFoundError",
        "PeerClick", "PeerClickError", "PermissionDeniedError", "Progress", "RateLimitError",
        "RateLimiter", "RateLimits", "ResponseValidationError", "RetryPolicy", "ServerError",
        "StoredToken", "TokenStore", "UnprocessableEntityError", "__version__", "errors",
    ],
    "peerclick.errors": [
        "APIConnectionError", "APIError", "APITimeoutError", "AuthenticationError",
        "BadRequestError", "ClientClosedError", "ConfigurationError", "ConflictError",
        "CostUpdateLimitError", "NotFoundError", "PeerClickError", "PermissionDeniedError",
        "RateLimitError", "RateLimiterUnavailableError", "ResponseValidationError", "ServerError",
        "UnprocessableEntityError", "body_text", "error_for_response", "excerpt", "lenient_json",
        "parse_body",
    ],
}  # fmt: skip
# peerclick.types re-exports the models and facade types as they come: its namespace is checked
# against its __all__ (below), its list is not pinned here.
MODULES = [*PUBLIC, "peerclick.types"]
INCLUDED_PRIVATE = {"__version__"}  # the one dunder that is part of the surface

_NAMESPACE = """
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
print(json.dumps(sorted(dir(module))))  # dir(): peerclick loads its names lazily (__dir__)
"""


def _namespace_after_import(name: str) -> list[str]:
    """The module's names in a fresh interpreter, right after importing it alone: other tests'
    imports (peerclick.resources, peerclick.testing, ...) would add submodules to this one's."""
    out = subprocess.run(
        [sys.executable, "-c", _NAMESPACE, name],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    names: list[str] = json.loads(out.stdout)
    return [n for n in names if not n.startswith("_") or n in INCLUDED_PRIVATE]


@pytest.mark.parametrize("name", MODULES)
def test_all_is_the_exact_public_namespace(name: str) -> None:
    """As httpx's test_exported_members: every public attribute is in __all__, and nothing else."""
    module = importlib.import_module(name)
    assert sorted(_namespace_after_import(name)) == sorted(module.__all__)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_all_is_the_designed_surface(name: str) -> None:
    """A name joins or leaves the public surface only through this list (no duplicates either;
    the order is ruff's RUF022 job)."""
    module = importlib.import_module(name)
    assert len(module.__all__) == len(set(module.__all__))
    assert sorted(module.__all__) == sorted(PUBLIC[name])
    for member in module.__all__:
        assert hasattr(module, member), f"{name}.{member}"


def test_public_classes_are_owned_by_their_public_module() -> None:
    """help() and tracebacks say peerclick.PeerClick and peerclick.errors.NotFoundError, never the
    private module that defines them."""
    for name in ("peerclick", "peerclick.errors"):
        module = importlib.import_module(name)
        for member in module.__all__:
            value = getattr(module, member)
            if isinstance(value, type):
                assert value.__module__ in ("peerclick", "peerclick.errors"), f"{name}.{member}"


def test_design_names_are_public() -> None:
    from peerclick import AsyncPeerClick, PeerClick, errors

    for name in (
        "PeerClickError", "APIError", "BadRequestError", "AuthenticationError",
        "PermissionDeniedError", "NotFoundError", "ConflictError", "UnprocessableEntityError",
        "RateLimitError", "ServerError", "APIConnectionError", "APITimeoutError",
        "ResponseValidationError", "ConfigurationError",
    ):  # fmt: skip
        assert issubclass(getattr(errors, name), errors.PeerClickError)
    assert PeerClick.__module__ == "peerclick"
    assert AsyncPeerClick.__module__ == "peerclick"


def test_error_tree_matches_the_design() -> None:
    e = peerclick.errors
    assert issubclass(e.APITimeoutError, e.APIConnectionError)
    assert issubclass(e.ConfigurationError, ValueError)
    for cls in (
        e.BadRequestError,
        e.AuthenticationError,
        e.NotFoundError,
        e.RateLimitError,
        e.ServerError,
    ):
        assert issubclass(cls, e.APIError)


def test_resources_exist_on_both_clients() -> None:
    names = [
        "reports", "campaigns", "offers", "landers", "flows", "traffic_sources",
        "affiliate_networks", "workspaces", "domains", "costs", "conversions",
    ]  # fmt: skip
    for client in (peerclick.PeerClick, peerclick.AsyncPeerClick):
        for name in names:
            assert hasattr(client, name), f"{client.__name__}.{name}"


def test_every_public_resource_method_has_a_docstring_with_an_example() -> None:
    import inspect

    import peerclick.resources as res

    missing = []
    for cls_name in res.__all__:
        cls = getattr(res, cls_name)
        if not inspect.isclass(cls) or not cls_name.endswith("s"):
            continue
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            if name.startswith("_") or cls_name in {"Report", "Conversion"}:
                continue
            doc = inspect.getdoc(member) or ""
            if "example" not in doc.lower() and "pc." not in doc:
                missing.append(f"{cls_name}.{name}")
    assert missing == []
