"""`make demo` end to end: the sandbox starts, the script runs through the public API, it stops."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scripts import demo


def test_demo_runs_against_the_sandbox(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.csv"
    assert demo.main(["--csv", str(out)], env={}) == 0
    printed = capsys.readouterr().out
    assert "created campaign #" in printed
    assert "sandbox stopped" in printed
    with out.open() as f:
        rows = list(csv.DictReader(f))
    assert rows, "the report CSV has rows"
    assert {"campaignName", "day", "visits", "revenue"} <= rows[0].keys()
