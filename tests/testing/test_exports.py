"""The public namespace of peerclick.testing."""

from __future__ import annotations

import peerclick.testing


def test_all_lists_the_public_names() -> None:
    """__all__ lists exactly the public names, once each."""
    names = peerclick.testing.__all__
    assert len(names) == len(set(names))
    assert all(hasattr(peerclick.testing, name) for name in names)
    public = {n for n in vars(peerclick.testing) if not n.startswith(("_", "@"))}
    assert public - set(names) <= {"annotations", "pytest_plugin"}
