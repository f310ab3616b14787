"""`peerclick costs update` and `costs sync`: validated first, split, paced, resumable."""

from __future__ import annotations

import json
import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from peerclick.cli._costfile import split_range
from peerclick.testing import FakeClock, FakePeerClick
from tests.cli.conftest import Cli, make_fake

MICROS = 1_000_000


@pytest.fixture
def fake() -> FakePeerClick:
    """History long enough for ranges over 31 days (the fake's day is 2026-11-27)."""
    return make_fake(history_days=120)


def cost_posts(fake: FakePeerClick) -> list[int]:
    """Statuses of the manual-cost requests the fake received."""
    return [r.status for r in fake.requests_to("/report/manual-cost", "POST")]


def campaign_cost(fake: FakePeerClick, campaign: int) -> int:
    """The campaign's cost in micros, summed over the hours the fake spread it on."""
    return sum(v for (cid, _), v in fake.account.cost_hours.items() if cid == campaign)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


class TestUpdate:
    def test_update_sets_the_total(self, cli: Cli, fake: FakePeerClick) -> None:
        """One update: exit 0, one POST, the fake holds the new total."""
        out = cli(
            "costs", "update", "--campaign", "1", "--from", "2026-11-20", "--to", "2026-11-21",
            "--cost", "25.5", "--tz", "UTC",
        )  # fmt: skip
        assert out.exit_code == 0, out.stderr
        assert "campaign 1" in out.stdout
        assert len(cost_posts(fake)) == 1
        assert campaign_cost(fake, 1) == 25_500_000

    def test_a_range_over_31_days_is_refused_before_sending(
        self, cli: Cli, fake: FakePeerClick
    ) -> None:
        """The library's 31-day rule: exit 2, the limit named, nothing sent."""
        out = cli(
            "costs", "update", "--campaign", "1", "--from", "2026-09-01", "--to", "2026-11-01",
            "--cost", "10",
        )  # fmt: skip
        assert out.exit_code == 2
        assert "31" in out.stderr
        assert cost_posts(fake) == []

    def test_the_vendor_reason_reaches_stderr(self, cli: Cli, fake: FakePeerClick) -> None:
        """PeerClick's refusal (unknown campaign): exit 1 and its message on one line."""
        out = cli(
            "costs", "update", "--campaign", "4242", "--from", "2026-11-20", "--to",
            "2026-11-21", "--cost", "1",
        )  # fmt: skip
        assert out.exit_code == 1
        assert "404" in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1


class TestSyncValidation:
    def test_every_bad_line_is_listed_and_nothing_is_sent(
        self, cli: Cli, fake: FakePeerClick, tmp_path: Path
    ) -> None:
        """Bad lines are printed with their numbers; exit 2; not even the good lines go out."""
        path = write(
            tmp_path / "costs.csv",
            "campaign,from,to,cost\n"
            "1,2026-11-20,2026-11-21,10\n"
            "x,2026-11-20,2026-11-21,10\n"
            "1,2026-11-22,2026-11-21,10\n"
            "1,2026-11-20,2026-11-21,-3\n"
            "1,2026-11-20,2026-11-21\n"
            "1,2026-11-20T10:30,2026-11-21,4\n",
        )
        out = cli("costs", "sync", str(path))
        assert out.exit_code == 2
        for line in (3, 4, 5, 6, 7):
            assert f"line {line}: " in out.stderr
        assert "line 2: " not in out.stderr
        assert "nothing was sent" in out.stderr
        assert fake.requests == []

    def test_a_bad_time_zone_is_named(self, cli: Cli, fake: FakePeerClick, tmp_path: Path) -> None:
        """A row's unknown zone is reported on its line."""
        path = write(
            tmp_path / "c.csv",
            "campaign,from,to,cost,timezone\n1,2026-11-20,2026-11-21,1,Mars/Base\n",
        )
        out = cli("costs", "sync", str(path))
        assert out.exit_code == 2
        assert "line 2: " in out.stderr and "Mars/Base" in out.stderr
        assert fake.requests == []

    def test_a_wrong_header_is_a_usage_error(self, cli: Cli, tmp_path: Path) -> None:
        """The header must name campaign, from, to and cost."""
        out = cli("costs", "sync", str(write(tmp_path / "c.csv", "id,start,end\n1,2,3\n")))
        assert out.exit_code == 2
        assert "campaign" in out.stderr

    def test_a_missing_file_is_a_usage_error(self, cli: Cli, tmp_path: Path) -> None:
        """No such file: exit 2 with its name."""
        out = cli("costs", "sync", str(tmp_path / "nope.csv"))
        assert out.exit_code == 2
        assert "nope.csv" in out.stderr


class TestSyncSplitting:
    def test_split_range_keeps_the_total_exact(self) -> None:
        """85 days -> 31 + 31 + 23 days; the shares add up to the total exactly."""
        from datetime import date

        chunks = split_range(date(2026, 9, 1), date(2026, 11, 25), Decimal("100"))
        assert [(b - a).days for a, b, _ in chunks] == [31, 31, 23]
        assert sum(c for _, _, c in chunks) == Decimal("100")
        assert chunks[0][1] == chunks[1][0] and chunks[1][1] == chunks[2][0]

    def test_a_long_row_is_sent_in_31_day_chunks(
        self, cli: Cli, fake: FakePeerClick, tmp_path: Path
    ) -> None:
        """A 70-day row becomes 3 updates whose costs add up to the row's total."""
        path = write(tmp_path / "c.csv", "campaign,from,to,cost\n1,2026-09-10,2026-11-19,700\n")
        out = cli("costs", "sync", str(path))
        assert out.exit_code == 0, out.stderr
        assert cost_posts(fake) == [202, 202, 202]
        assert campaign_cost(fake, 1) == 700 * MICROS
        assert "3 sent" in out.stdout


class TestSyncResume:
    ROWS = "".join(f"1,2026-11-{d:02d},2026-11-{d + 1:02d},{d}\n" for d in range(10, 15))

    def test_a_rerun_skips_what_was_done(
        self, cli: Cli, fake: FakePeerClick, tmp_path: Path, cache_dir: Path
    ) -> None:
        """5 updates for one campaign: the hourly limit stops the first run after 3 (exit 1,
        saying when to go on); an hour later the same file sends only the 2 that are left."""
        path = write(tmp_path / "costs.csv", "campaign,from,to,cost\n" + self.ROWS)
        first = cli("costs", "sync", str(path), "--no-wait")
        assert first.exit_code == 1
        assert "run again" in first.stderr
        assert cost_posts(fake).count(202) == 3
        states = list((cache_dir / "costs-sync").glob("*.json"))
        assert len(states) == 1
        assert stat.S_IMODE(os.stat(states[0]).st_mode) == 0o600
        assert len(json.loads(states[0].read_text())["done"]) == 3

        assert isinstance(fake.clock, FakeClock)
        fake.clock.advance(3601)
        second = cli("costs", "sync", str(path), "--no-wait")
        assert second.exit_code == 0, second.stderr
        assert "3 of 5" in second.stderr and "2 sent" in second.stdout
        assert cost_posts(fake).count(202) == 5
        assert campaign_cost(fake, 1) == sum(range(10, 15)) * MICROS

        third = cli("costs", "sync", str(path), "--no-wait")
        assert third.exit_code == 0 and "0 sent" in third.stdout
        assert cost_posts(fake).count(202) == 5

    def test_without_no_wait_it_waits_for_the_hour_and_finishes(
        self, cli: Cli, fake: FakePeerClick, tmp_path: Path
    ) -> None:
        """The 4th update waits (on the injected sleep, which moves the fake's clock) until the
        library says the campaign may go again; all 5 are sent in one run."""
        path = write(tmp_path / "costs.csv", "campaign,from,to,cost\n" + self.ROWS)
        assert isinstance(fake.clock, FakeClock)
        start = fake.clock()
        out = cli("costs", "sync", str(path))
        assert out.exit_code == 0, out.stderr
        assert "waiting until" in out.stderr
        assert cost_posts(fake) == [202] * 5  # never a refused request
        assert fake.clock() - start >= 3600
        assert campaign_cost(fake, 1) == sum(range(10, 15)) * MICROS

    def test_other_campaigns_go_on_while_one_waits(
        self, cli: Cli, fake: FakePeerClick, tmp_path: Path
    ) -> None:
        """4 rows for campaign 1 and one for campaign 3: campaign 3 is sent before the wait."""
        rows = [*self.ROWS.splitlines()[:4], "3,2026-11-20,2026-11-21,7"]
        path = write(tmp_path / "c.csv", "campaign,from,to,cost\n" + "\n".join(rows) + "\n")
        out = cli("costs", "sync", str(path), "--no-wait")
        assert out.exit_code == 1
        assert "campaign 3" in out.stderr.split("error:")[0]
        assert campaign_cost(fake, 3) == 7 * MICROS

    def test_restart_forgets_the_state(self, cli: Cli, fake: FakePeerClick, tmp_path: Path) -> None:
        """--restart sends a finished file again."""
        path = write(tmp_path / "c.csv", "campaign,from,to,cost\n3,2026-11-20,2026-11-21,5\n")
        assert cli("costs", "sync", str(path)).exit_code == 0
        assert "0 sent" in cli("costs", "sync", str(path)).stdout
        assert "1 sent" in cli("costs", "sync", str(path), "--restart").stdout
        assert cost_posts(fake) == [202, 202]

    def test_a_repeated_row_is_sent_once(
        self, cli: Cli, fake: FakePeerClick, tmp_path: Path
    ) -> None:
        """The same campaign, range and cost twice in a file: one update."""
        row = "3,2026-11-20,2026-11-21,5\n"
        path = write(tmp_path / "c.csv", "campaign,from,to,cost\n" + row + row)
        out = cli("costs", "sync", str(path))
        assert out.exit_code == 0, out.stderr
        assert cost_posts(fake) == [202]

    def test_dry_run_plans_without_sending(
        self, cli: Cli, fake: FakePeerClick, tmp_path: Path
    ) -> None:
        """--dry-run lists the updates it would send and sends none."""
        path = write(tmp_path / "c.csv", "campaign,from,to,cost\n3,2026-11-20,2026-11-21,5\n")
        out = cli("costs", "sync", str(path), "--dry-run")
        assert out.exit_code == 0
        assert "campaign 3" in out.stdout
        assert fake.requests == []
