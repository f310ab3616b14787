"""The public namespace: what design.md promises is importable, sorted and owned by `peerclick`."""

from __future__ import annotations

import peerclick
import peerclick.errors
import peerclick.types


def test_all_resolves_without_duplicates() -> None:
    """(Ordering is ruff's RUF022 job.)"""
    for module in (peerclick, peerclick.errors, peerclick.types):
        names = list(module.__all__)
        assert len(names) == len(set(names))
        for name in names:
            assert hasattr(module, name), f"{module.__name__}.{name}"


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
