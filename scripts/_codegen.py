"""Shared plumbing for the code-generation scripts: where things are, and one generator run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "peerclick.yaml"
CONFIG = ROOT / "openapi" / "config.yml"
GENERATED = ROOT / "generated"
PACKAGE = "peerclick_api"

# These two decide every byte of generated/; pyproject.toml's `codegen` extra pins the same.
PINNED = {"openapi-python-client": "0.29.1", "ruff": "0.17.6"}


class CodegenError(RuntimeError):
    """The generator could not run, warned, or runs at an unpinned version."""


def check_pins() -> None:
    """Refuse to generate with versions other than the pinned ones: output would drift."""
    for dist, wanted in PINNED.items():
        try:
            found = metadata.version(dist)
        except metadata.PackageNotFoundError:
            raise CodegenError(f"{dist} is not installed; run `make install`") from None
        if found != wanted:
            raise CodegenError(
                f"{dist} {found} is installed but {wanted} is pinned; run `make install`"
            )


def generate(spec: Path, dest: Path, config: Path = CONFIG) -> None:
    """Write the generated package for `spec` to `dest` (which must not exist yet).

    The generator runs in a scratch folder with this interpreter's bin directory first on PATH, so
    its ruff post hooks use the pinned ruff and nothing in the caller's environment.
    """
    check_pins()
    if dest.exists():
        raise CodegenError(f"{dest} already exists")
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    with tempfile.TemporaryDirectory(prefix="peerclick-gen-") as scratch:
        out = Path(scratch) / PACKAGE
        cmd = [
            os.path.join(bindir, "openapi-python-client"),
            "generate",
            "--path", str(spec),
            "--config", str(config),
            "--meta", "none",
            "--fail-on-warning",
            "--output-path", str(out),
        ]  # fmt: skip
        proc = subprocess.run(cmd, cwd=scratch, env=env, capture_output=True, text=True)
        if proc.returncode != 0 or not out.is_dir():
            raise CodegenError(f"generation failed:\n{proc.stdout}{proc.stderr}")
        # The hooks run with --no-cache, but stay defensive: nothing but code may ship.
        for cache in out.rglob(".ruff_cache"):
            shutil.rmtree(cache)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(out), str(dest))
