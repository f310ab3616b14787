"""The README's "Command line" examples run as written, in process, against the fake."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from peerclick.cli._spec import shipped_spec_text
from peerclick.testing import FakePeerClick
from tests.cli.conftest import Cli, make_fake

README = Path(__file__).resolve().parents[2] / "README.md"


def section() -> str:
    return README.read_text(encoding="utf-8").split("## Command line\n", 1)[1].split("\n## ", 1)[0]


def commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", section(), flags=re.S)
    return [
        line for block in blocks for line in block.splitlines() if line.startswith("peerclick ")
    ]


def files() -> dict[str, str]:
    """`name.csv` followed by a ```csv block: the file the examples read."""
    found = re.findall(r"`([\w.-]+\.csv)`[^\n]*\n+```csv\n(.*?)```", section(), flags=re.S)
    return dict(found)


@pytest.fixture
def fake() -> FakePeerClick:
    return make_fake(history_days=120)


def test_the_section_has_examples() -> None:
    """Every command group appears in an example; the files they read are shown."""
    text = " ".join(commands())
    for group in ("report", "campaigns", "offers", "costs", "conversions", "auth", "spec"):
        assert f"peerclick {group} " in text
    assert set(files()) == {"costs.csv", "conversions.csv"}


def test_every_example_runs(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `peerclick ...` line exits 0 with the files the README shows beside it."""
    monkeypatch.chdir(tmp_path)
    for name, content in files().items():
        (tmp_path / name).write_text(content)
    (tmp_path / "vendor-spec.json").write_text(shipped_spec_text()[0])
    for line in commands():
        out = cli(*shlex.split(line)[1:])
        assert out.exit_code == 0, f"{line}\n{out.stderr}"
    assert (tmp_path / "report.csv").read_text().count("\n") > 1
