"""`peerclick conversions upload`: the whole file checked first, bad lines numbered."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerclick import PeerClick
from peerclick.testing import FakePeerClick, Rules
from tests.cli.conftest import FAST, Cli, make_fake


@pytest.fixture
def fake() -> FakePeerClick:
    """A fake that rejects unknown click ids, as PeerClick does."""
    return make_fake(rules=Rules(unknown_click_ids="reject"))


def live_click_ids(fake: FakePeerClick, count: int) -> list[str]:
    """Click ids the fake really generated (its live click feed)."""
    with PeerClick(
        access_id=fake.access_id, access_key=fake.access_key, transport=fake.transport(), **FAST
    ) as pc:
        ids = [str(row["clickId"]) for row in pc.reports.live_clicks(1)]
    assert len(ids) >= count
    return ids[:count]


def posts(fake: FakePeerClick) -> int:
    return len(fake.requests_to("/conversion", "POST"))


def test_a_good_file_is_uploaded(cli: Cli, fake: FakePeerClick, tmp_path: Path) -> None:
    """Every row goes out; the command reports how many PeerClick accepted."""
    a, b, c = live_click_ids(fake, 3)
    path = tmp_path / "conv.csv"
    path.write_text(
        f"click_id,payout,transaction_id,status\n{a},2.5,tx-1,sale\n{b},,tx-2,lead\n{c},1.25,,\n"
    )
    out = cli("conversions", "upload", str(path))
    assert out.exit_code == 0, out.stderr
    assert out.stdout.strip() == "uploaded 3 conversion(s); PeerClick accepted 3"
    assert posts(fake) == 1
    assert len(fake.account.uploads) == 3


def test_bad_lines_are_numbered_and_nothing_is_uploaded(
    cli: Cli, fake: FakePeerClick, tmp_path: Path
) -> None:
    """Lines 3 and 5 are bad: both are named with the reason; no request is sent at all."""
    (a,) = live_click_ids(fake, 1)
    sent_before = len(fake.requests)
    path = tmp_path / "conv.csv"
    path.write_text(
        "clickId,payout,timestamp\n"
        f"{a},2.5,2026-11-20T10:00:00\n"
        f"{a},lots,\n"
        f"{a},1.0,2026-11-20T11:00:00\n"
        f"{a},1.0,yesterday\n"
    )
    out = cli("conversions", "upload", str(path))
    assert out.exit_code == 2
    lines = out.stderr.strip().splitlines()
    assert lines[0].startswith(f"{path}: line 3: ") and "payout" in lines[0]
    assert lines[1].startswith(f"{path}: line 5: ") and "timestamp" in lines[1]
    assert "nothing was uploaded" in lines[-1]
    assert len(fake.requests) == sent_before


def test_a_missing_click_id_and_a_short_row(cli: Cli, fake: FakePeerClick, tmp_path: Path) -> None:
    """An empty click id and a row with too few fields are both reported."""
    path = tmp_path / "conv.csv"
    path.write_text("click_id,payout\n,2.0\nabc\n")
    out = cli("conversions", "upload", str(path))
    assert out.exit_code == 2
    assert "line 2: " in out.stderr and "click_id" in out.stderr
    assert "line 3: expected 2 fields, got 1" in out.stderr
    assert posts(fake) == 0


def test_an_unknown_column_is_reported(cli: Cli, fake: FakePeerClick, tmp_path: Path) -> None:
    """A header the library does not know is named (on every line it affects)."""
    path = tmp_path / "conv.csv"
    path.write_text("click_id,revenue\nabc,2\n")
    out = cli("conversions", "upload", str(path))
    assert out.exit_code == 2
    assert "revenue" in out.stderr
    assert posts(fake) == 0


def test_peerclick_refusing_the_upload_exits_1(
    cli: Cli, fake: FakePeerClick, tmp_path: Path
) -> None:
    """Click ids PeerClick does not know: the vendor's reason, exit 1."""
    path = tmp_path / "conv.csv"
    path.write_text("click_id,payout\nno-such-click,2\n")
    out = cli("conversions", "upload", str(path))
    assert out.exit_code == 1
    assert "400" in out.stderr and "no-such-click" in out.stderr
