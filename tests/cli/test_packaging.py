"""The wheel: the console script's entry point, the CLI modules and the spec inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout (hatchling, as `pip install` would), unpacked."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    (wheel,) = out.glob("peerclick-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_the_wheel_ships_the_spec_and_the_entry_point(unpacked: Path) -> None:
    """peerclick/_data/peerclick.yaml is the checkout's spec; `peerclick` is a console script."""
    shipped = unpacked / "peerclick" / "_data" / "peerclick.yaml"
    assert shipped.read_bytes() == (ROOT / "openapi" / "peerclick.yaml").read_bytes()
    (entry_points,) = unpacked.glob("peerclick-*.dist-info/entry_points.txt")
    assert "peerclick = peerclick.__main__:main" in entry_points.read_text()
    assert (unpacked / "peerclick" / "cli" / "__init__.py").is_file()


def test_spec_diff_runs_from_the_installed_package(unpacked: Path, tmp_path: Path) -> None:
    """Away from the checkout (no openapi/, no scripts/) `spec diff` reads the shipped spec."""
    other = tmp_path / "vendor.yaml"
    other.write_bytes((ROOT / "openapi" / "peerclick.yaml").read_bytes())
    code = (
        "import sys, peerclick\n"
        f"assert peerclick.__file__.startswith({str(unpacked)!r}), peerclick.__file__\n"
        "from peerclick.__main__ import main\n"
        f"sys.exit(main(['spec', 'diff', '--against', {str(other)!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "no drift" in done.stdout and "peerclick/_data/peerclick.yaml" in done.stdout


def test_import_peerclick_does_not_load_the_cli() -> None:
    """`import peerclick` stays light: neither peerclick.cli nor typer nor rich is imported."""
    code = (
        "import sys, peerclick\n"
        "loaded = [m for m in ('peerclick.cli', 'typer', 'rich') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
