"""Generation is deterministic, isolated and leaves nothing but the package behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts._codegen import GENERATED, PACKAGE, SPEC, CodegenError, generate
from scripts.check_drift import compare_trees, tree_files
from scripts.regenerate import regenerate


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    """Generating twice from the same spec gives the same files, byte for byte."""
    generate(SPEC, tmp_path / "a")
    generate(SPEC, tmp_path / "b")
    assert compare_trees(tmp_path / "a", tmp_path / "b") == ([], [], [])


def test_output_has_no_cache_and_is_typed(tmp_path: Path) -> None:
    generate(SPEC, tmp_path / "pkg")
    files = tree_files(tmp_path / "pkg")
    assert "py.typed" in files
    assert "client.py" in files
    assert not any(".ruff_cache" in f for f in files)


def test_generated_folder_holds_only_the_package_and_readme() -> None:
    names = {p.name for p in GENERATED.iterdir() if p.name != "__pycache__"}
    assert names == {PACKAGE, "README.md"}


def test_regenerate_replaces_stray_files(tmp_path: Path) -> None:
    """A file the spec does not generate disappears (unlike the generator's --overwrite)."""
    out = tmp_path / PACKAGE
    out.mkdir()
    (out / "stray.py").write_text("x = 1\n")
    regenerate(SPEC, out)
    assert not (out / "stray.py").exists()
    assert (out / "client.py").is_file()


def test_a_failed_generation_leaves_the_old_package(tmp_path: Path) -> None:
    out = tmp_path / PACKAGE
    out.mkdir()
    (out / "keep.py").write_text("x = 1\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n")
    with pytest.raises(CodegenError):
        regenerate(bad, out)
    assert (out / "keep.py").read_text() == "x = 1\n"
