"""The README's Reports, Entities and Costs/conversions examples run as written, on the fake;
its pytest example passes under pytest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from peerclick import PeerClick
from peerclick.testing import FakeClock, FakePeerClick, Rules

README = Path(__file__).resolve().parents[1] / "README.md"
SECTIONS = ("## Reports", "## Entities", "## Costs and conversions")


def _blocks(section: str) -> list[str]:
    text = README.read_text()
    body = text.split(section, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", body, flags=re.S)


@pytest.mark.parametrize("section", SECTIONS)
def test_readme_section_runs(section: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _blocks(section)
    assert blocks, f"no python example under {section}"
    fake = FakePeerClick(
        clock=FakeClock(),  # the fake's traffic is dated from this fixed day, not the wall clock
        rate_limits=None,
        rules=Rules(check_references=False, unknown_click_ids="ignore"),
    )
    monkeypatch.chdir(tmp_path)  # examples write report.csv / big.csv
    with PeerClick(
        access_id=fake.access_id,
        access_key=fake.access_key,
        transport=fake.transport(),
        rate_limits={"general": 1000, "report": 1000},
    ) as pc:
        namespace = {"pc": pc, "campaign_id": 1}
        for block in blocks:
            exec(compile(block, f"README {section}", "exec"), namespace)
    assert all(r.status < 400 for r in fake.requests), [
        (r.method, r.path, r.status) for r in fake.requests if r.status >= 400
    ]


def test_readme_pytest_example_passes_under_pytest(tmp_path: Path) -> None:
    """The Testing section's example is a test file: pytest runs it with the installed plugin."""
    import subprocess
    import sys

    (block,) = _blocks("## Testing your code against a fake PeerClick")
    (tmp_path / "test_example.py").write_text(block)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
