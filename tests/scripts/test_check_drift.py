"""`make drift`: the committed generated/ matches the spec, and a hand edit is caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts import check_drift
from scripts._codegen import GENERATED, PACKAGE, SPEC


def test_committed_generated_code_matches_the_spec() -> None:
    """Fails when someone edits the spec without regenerating, or edits generated/ by hand."""
    assert check_drift.check_generated(SPEC, GENERATED / PACKAGE) == []


@pytest.fixture
def copy_of_generated(tmp_path: Path) -> Path:
    dest = tmp_path / PACKAGE
    shutil.copytree(GENERATED / PACKAGE, dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def test_hand_edit_is_reported_with_a_diff(
    copy_of_generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    client = copy_of_generated / "client.py"
    client.write_text(client.read_text() + "# edited by hand\n")
    code = check_drift.main(["--generated", str(copy_of_generated)])
    out = capsys.readouterr().out
    assert code == 1
    assert "differs: client.py" in out
    assert "+# edited by hand" in out


def test_added_and_removed_files_are_reported(
    copy_of_generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (copy_of_generated / "extra.py").write_text("")
    (copy_of_generated / "types.py").unlink()
    assert check_drift.main(["--generated", str(copy_of_generated)]) == 1
    out = capsys.readouterr().out
    assert "extra:   extra.py" in out
    assert "missing: types.py" in out


def test_clean_tree_exits_zero(copy_of_generated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_drift.main(["--generated", str(copy_of_generated)]) == 0
    assert "no drift" in capsys.readouterr().out


def test_summary_prints_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_drift.main(["--summary"]) == 0
    out = capsys.readouterr().out
    assert "operations in peerclick.yaml" in out
    assert "observed" in out
