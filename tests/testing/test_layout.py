"""The fake's two halves stay apart: the simulation never reaches into the HTTP shell.

Read from the source (every `import`, at any depth), so a late import inside a function
counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import peerclick.testing

PACKAGE = Path(peerclick.testing.__file__).parent
SHARED = ("_clock", "_schemas", "_wire")  # the vocabulary both halves speak


def _imports(path: Path) -> set[str]:
    """Absolute module names `path` imports (this package uses absolute imports only)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: relative import"
            names.add(node.module or "")
    return names


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).glob("*.py"))


@pytest.mark.parametrize("path", _modules("_sim"), ids=lambda p: p.stem)
def test_the_simulation_never_imports_the_http_shell(path: Path) -> None:
    """_sim/ uses itself and the shared vocabulary only."""
    ours = {n for n in _imports(path) if n.startswith("peerclick")}
    allowed = {f"peerclick.testing.{m}" for m in SHARED}
    assert {n for n in ours if not n.startswith("peerclick.testing._sim.")} <= allowed


@pytest.mark.parametrize("name", SHARED)
def test_the_shared_vocabulary_imports_neither_half(name: str) -> None:
    ours = {n for n in _imports(PACKAGE / f"{name}.py") if n.startswith("peerclick")}
    assert not {
        n for n in ours if n.startswith(("peerclick.testing._http", "peerclick.testing._sim"))
    }


def test_the_fake_does_not_depend_on_the_sdk_it_tests() -> None:
    """Only the pytest plugin uses the client (inside its fixtures); the fake stands alone."""
    users = sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if any(
            n == "peerclick"
            or (n.startswith("peerclick.") and not n.startswith("peerclick.testing"))
            for n in _imports(path)
        )
    )
    assert users == ["pytest_plugin.py"]


def test_both_halves_are_packages_with_modules() -> None:
    assert (PACKAGE / "_http" / "__init__.py").is_file() and len(_modules("_http")) > 1
    assert (PACKAGE / "_sim" / "__init__.py").is_file() and len(_modules("_sim")) > 1
    loose = sorted(p.stem for p in PACKAGE.glob("_*.py") if p.stem != "__init__")
    assert loose == ["__main__", *sorted(SHARED)]
