"""`peerclick report`: every format, the whole report, atomic --output, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs

from peerclick import PeerClick
from peerclick.cli import Seams
from peerclick.testing import FakePeerClick
from tests.cli.conftest import FAST, Cli

QUERY = [
    "report",
    "--group-by", "campaign,day",
    "--from", "2026-11-20",
    "--to", "2026-11-26",
    "--columns", "visits,conversions,revenue",
    "--tz", "UTC",
]  # fmt: skip


def no_retries(cli: Cli) -> Seams:
    """The CLI's client without retries, so an injected 5xx fails the run at once."""
    seams = cli.seams()
    return attrs.evolve(seams, client_options={**seams.client_options, "max_retries": 0})


def expected_rows(fake: FakePeerClick) -> list[dict[str, object]]:
    """The same report through the library: what the CLI must print, row for row."""
    with PeerClick(
        access_id=fake.access_id, access_key=fake.access_key, transport=fake.transport(), **FAST
    ) as pc:
        return list(
            pc.reports.iter_rows(
                ["campaign", "day"], "2026-11-20", "2026-11-26",
                columns=["visits", "conversions", "revenue"], timezone="UTC",
            )
        )  # fmt: skip


class TestFormats:
    def test_csv_streams_every_row_with_a_header(self, cli: Cli, fake: FakePeerClick) -> None:
        """CSV on stdout holds every row of the report, across pages, and nothing on stderr."""
        want = expected_rows(fake)
        out = cli(*QUERY, "--format", "csv", "--page-size", "7")
        assert out.exit_code == 0, out.stderr
        rows = list(csv.DictReader(io.StringIO(out.stdout)))
        assert len(rows) == len(want) > 7
        assert [r["campaignName"] for r in rows] == [str(w["campaignName"]) for w in want]
        assert out.stderr == ""  # no progress bar when stderr is not a terminal

    def test_jsonl_is_one_object_per_row(self, cli: Cli, fake: FakePeerClick) -> None:
        """JSON lines: each line parses on its own and equals the library's row."""
        want = expected_rows(fake)
        out = cli(*QUERY, "--format", "jsonl", "--page-size", "10")
        assert out.exit_code == 0, out.stderr
        lines = out.stdout.splitlines()
        assert [json.loads(line) for line in lines] == want

    def test_json_has_rows_and_totals(self, cli: Cli, fake: FakePeerClick) -> None:
        """JSON is one document: columns, every row, totals and the row count."""
        want = expected_rows(fake)
        out = cli(*QUERY, "--format", "json")
        assert out.exit_code == 0, out.stderr
        doc = json.loads(out.stdout)
        assert doc["rows"] == want
        assert doc["total_rows"] == len(want)
        assert set(doc["totals"]) >= {"visits", "conversions", "revenue"}
        assert "campaignName" in doc["columns"]

    def test_table_shows_rows_and_totals(self, cli: Cli, fake: FakePeerClick) -> None:
        """The table names the columns and each campaign; the footer carries the totals."""
        want = expected_rows(fake)
        out = cli(*QUERY)
        assert out.exit_code == 0, out.stderr
        assert "campaignName" in out.stdout and "visits" in out.stdout
        for name in {str(w["campaignName"]) for w in want}:
            assert name in out.stdout

    def test_limit_caps_the_rows(self, cli: Cli) -> None:
        """--limit N prints at most N rows, in every format."""
        for fmt in ("csv", "jsonl", "json"):
            out = cli(*QUERY, "--format", fmt, "--limit", "3")
            assert out.exit_code == 0, out.stderr
            if fmt == "csv":
                assert len(list(csv.DictReader(io.StringIO(out.stdout)))) == 3
            elif fmt == "jsonl":
                assert len(out.stdout.splitlines()) == 3
            else:
                assert len(json.loads(out.stdout)["rows"]) == 3


class TestOutputFile:
    def test_output_writes_the_file_and_nothing_to_stdout(self, cli: Cli, tmp_path: Path) -> None:
        """--output FILE gets the data; stdout stays empty; no temporary file is left."""
        target = tmp_path / "out" / "report.csv"
        target.parent.mkdir()
        out = cli(*QUERY, "--format", "csv", "--output", str(target))
        assert out.exit_code == 0, out.stderr
        assert out.stdout == ""
        assert target.read_text().startswith("campaign") or "visits" in target.read_text()
        assert sorted(p.name for p in target.parent.iterdir()) == ["report.csv"]

    def test_a_failure_leaves_the_previous_file_untouched(
        self, cli: Cli, fake: FakePeerClick, tmp_path: Path
    ) -> None:
        """A 500 on the second page: exit 1, the old file as it was, no partial file beside it."""
        target = tmp_path / "report.csv"
        target.write_text("previous export\n")
        fake.faults.delay(0.0, times=1, path="/report")  # the first page goes through
        fake.faults.fail(500, times=None, path="/report")
        out = cli(
            *QUERY, "--format", "csv", "--page-size", "5", "--output", str(target),
            seams=no_retries(cli),
        )  # fmt: skip
        assert out.exit_code == 1
        assert target.read_text() == "previous export\n"
        assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == ["report.csv"]
        assert out.stderr.startswith("error: ") and "500" in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1

    def test_jsonl_output_is_atomic_too(
        self, cli: Cli, fake: FakePeerClick, tmp_path: Path
    ) -> None:
        """The streamed JSONL export is renamed into place only when complete."""
        target = tmp_path / "rows.jsonl"
        fake.faults.delay(0.0, times=1, path="/report")
        fake.faults.fail(503, times=None, path="/report")
        out = cli(
            *QUERY, "--format", "jsonl", "--page-size", "5", "-o", str(target),
            seams=no_retries(cli),
        )  # fmt: skip
        assert out.exit_code == 1
        assert not target.exists()
        assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == []


class TestBadInput:
    def test_unknown_dimension_is_a_usage_error_before_any_request(
        self, cli: Cli, fake: FakePeerClick
    ) -> None:
        """A group_by the library refuses: exit 2, one line naming it, nothing sent."""
        out = cli("report", "--group-by", "campain", "--from", "2026-11-20", "--format", "csv")
        assert out.exit_code == 2
        assert "campain" in out.stderr
        assert out.stderr.startswith("error: ")
        assert fake.requests_to("/report") == []

    def test_empty_list_item_is_refused(self, cli: Cli, fake: FakePeerClick) -> None:
        """`--columns visits,,revenue` is an input error."""
        out = cli(*QUERY[:-4], "--columns", "visits,,revenue")
        assert out.exit_code == 2
        assert "--columns" in out.stderr
        assert fake.requests == []

    def test_bad_format_is_a_usage_error(self, cli: Cli) -> None:
        """typer refuses an unknown --format with exit 2."""
        out = cli(*QUERY, "--format", "xml")
        assert out.exit_code == 2

    def test_missing_credentials_exit_2_with_the_variables_named(self, cli: Cli) -> None:
        """No PEERCLICK_* credentials: exit 2 and the message says what to set."""
        out = cli(*QUERY, env={})
        assert out.exit_code == 2
        assert "PEERCLICK_ACCESS_ID" in out.stderr


def test_an_unwritable_output_is_refused_before_any_request(
    cli: Cli, fake: FakePeerClick, tmp_path: Path
) -> None:
    """--output in a missing directory, or naming a directory: exit 2, nothing sent."""
    for target in (tmp_path / "missing" / "r.csv", tmp_path):
        out = cli(*QUERY, "--format", "csv", "--output", str(target))
        assert out.exit_code == 2
        assert "--output" in out.stderr
    assert fake.requests == []


def test_table_to_a_file_is_plain_text(cli: Cli, tmp_path: Path) -> None:
    """A table written to --output has no terminal colour codes."""
    target = tmp_path / "report.txt"
    out = cli(*QUERY, "--output", str(target))
    assert out.exit_code == 0, out.stderr
    text = target.read_text()
    assert "campaignName" in text and "\x1b[" not in text
