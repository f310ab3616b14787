"""The distribution ships both packages, typed, and exposes its version."""

from __future__ import annotations

import importlib
from importlib import metadata
from pathlib import Path


def test_version_is_exposed_and_matches_metadata() -> None:
    import peerclick

    assert peerclick.__version__ == metadata.version("peerclick")


def test_both_packages_import_and_are_typed() -> None:
    for name in ("peerclick", "peerclick_api"):
        module = importlib.import_module(name)
        assert module.__file__ is not None
        assert (Path(module.__file__).parent / "py.typed").is_file(), name


def test_generated_client_is_importable_as_top_level_package() -> None:
    """peerclick_api is a package of its own; its types.py must not shadow the stdlib's."""
    import types

    from peerclick_api import AuthenticatedClient

    assert AuthenticatedClient.__module__ == "peerclick_api.client"
    assert hasattr(types, "SimpleNamespace")
