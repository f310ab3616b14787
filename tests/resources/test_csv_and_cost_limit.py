"""CsvSink (atomic files, formula escaping, streaming) and CostTaskHistory (rolling hour)."""

from __future__ import annotations

import csv
import io
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from peerclick.errors import CostUpdateLimitError, RateLimitError
from peerclick.resources._cost_limit import CostTaskHistory
from peerclick.resources._csv import CsvSink, check_csv_target, escape_cell
from peerclick.testing import FakeClock

ROWS = [{"name": "=1+2", "v": 1}, {"name": "+x", "v": -2}, {"name": "-y"}, {"name": "@z"}]


class TestEscaping:
    @pytest.mark.parametrize(
        ("value", "written"),
        [
            ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("plain", "plain"),
            ("a=b", "a=b"),
            ("", ""),
            (-5, -5),
            (1.5, 1.5),
            (None, None),
        ],
    )
    def test_escape_cell(self, value: object, written: object) -> None:
        """Text starting with = + - @ tab or CR gets a leading quote; numbers never do."""
        assert escape_cell(value) == written

    def test_sink_escapes_by_default_and_can_write_raw(self) -> None:
        """The default escapes; escape_formulas=False writes the cells as they are."""
        safe, raw = io.StringIO(), io.StringIO()
        with CsvSink(safe) as sink:
            assert sink.write(["name", "v"], ROWS) == 4
        with CsvSink(raw, escape_formulas=False) as sink:
            sink.write(["name", "v"], ROWS)
        assert list(csv.reader(io.StringIO(safe.getvalue()))) == [
            ["name", "v"],
            ["'=1+2", "1"],
            ["'+x", "-2"],
            ["'-y", ""],
            ["'@z", ""],
        ]
        assert list(csv.reader(io.StringIO(raw.getvalue())))[1] == ["=1+2", "1"]


class TestAtomicFile:
    def test_complete_write_replaces_the_file(self, tmp_path: Path) -> None:
        """Only on a clean exit does the new content replace the old; no temporary file stays."""
        target = tmp_path / "out.csv"
        target.write_text("old\n")
        with CsvSink(target) as sink:
            sink.write(["v"], [{"v": 1}])
            assert target.read_text() == "old\n"  # not yet
            assert len(list(tmp_path.iterdir())) == 2  # the target and the temporary file
        assert target.read_bytes() == b"v\r\n1\r\n"
        assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]

    @pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
    def test_an_exception_keeps_the_old_file(self, tmp_path: Path, error: type) -> None:
        """An error or Ctrl-C mid-write: the old file as it was, the temporary file removed."""
        target = tmp_path / "out.csv"
        target.write_text("old\n")
        with pytest.raises(error), CsvSink(target) as sink:
            sink.write(["v"], [{"v": 1}])
            raise error
        assert target.read_text() == "old\n"
        assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]

    def test_no_previous_file_and_a_failure_leaves_nothing(self, tmp_path: Path) -> None:
        """Without a previous file a failed export leaves no file at all."""
        with pytest.raises(ValueError), CsvSink(tmp_path / "new.csv"):
            raise ValueError("page 2 failed")
        assert list(tmp_path.iterdir()) == []

    def test_new_file_gets_the_umask_mode(self, tmp_path: Path) -> None:
        """A new export is created like any file (0666 less the umask), not 0600."""
        old = os.umask(0o022)
        try:
            with CsvSink(tmp_path / "n.csv") as sink:
                sink.write(["v"], [])
        finally:
            os.umask(old)
        assert (tmp_path / "n.csv").stat().st_mode & 0o777 == 0o644

    def test_a_symlink_is_replaced(self, tmp_path: Path) -> None:
        """The symlink itself becomes the file; its target is left as it was."""
        target = tmp_path / "real.txt"
        target.write_text("mine\n")
        link = tmp_path / "link.csv"
        link.symlink_to(target)
        with CsvSink(link) as sink:
            sink.write(["v"], [{"v": 2}])
        assert not link.is_symlink() and link.read_bytes() == b"v\r\n2\r\n"
        assert target.read_text() == "mine\n"

    def test_open_file_is_streamed_and_left_open(self) -> None:
        """A file object is written as rows arrive and left open."""
        buffer = io.StringIO()
        with CsvSink(buffer) as sink:
            sink.write(["v"], [{"v": 1}])
            assert buffer.getvalue() == "v\r\n1\r\n"
        assert not buffer.closed

    @pytest.mark.parametrize(
        ("target", "words"),
        [(42, "path_or_file"), ("", "empty"), (b"x.csv", "path_or_file")],
    )
    def test_bad_targets(self, target: object, words: str) -> None:
        """Neither a path nor a text file: refused before anything is opened."""
        with pytest.raises((TypeError, ValueError), match=words):
            check_csv_target(target, True)

    def test_bad_escape_flag(self, tmp_path: Path) -> None:
        """escape_formulas must be a bool."""
        with pytest.raises(TypeError, match="escape_formulas"):
            CsvSink(tmp_path / "x.csv", escape_formulas="no")  # type: ignore[arg-type]


class TestCostTaskHistory:
    def test_three_per_rolling_hour(self) -> None:
        """The 4th within an hour of the first is refused with when it becomes possible."""
        clock = FakeClock(datetime(2026, 11, 27, 12, tzinfo=UTC))
        history = CostTaskHistory(clock=clock)
        for _ in range(3):
            history.reserve(7)
            clock.advance(600)
        with pytest.raises(CostUpdateLimitError) as raised:
            history.reserve(7)
        error = raised.value
        assert isinstance(error, RateLimitError)
        assert error.campaign_id == 7 and error.status_code is None
        assert error.retry_at == datetime(2026, 11, 27, 13, tzinfo=UTC)
        assert error.retry_after == 1800
        assert "campaign 7" in str(error) and "13:00:00" in str(error)
        history.reserve(8)  # another campaign has its own allowance
        clock.advance(1800)
        history.reserve(7)  # the first task left the window
        assert history.sent(7) == 3

    def test_release_gives_the_slot_back(self) -> None:
        """A refused task does not count."""
        clock = FakeClock()
        history = CostTaskHistory(clock=clock)
        stamps = [history.reserve(1) for _ in range(3)]
        history.release(1, stamps[1])
        history.reserve(1)
        assert history.sent(1) == 3

    def test_block_after_the_servers_429(self) -> None:
        """A 429 blocks the campaign for its Retry-After (an hour when it gave none)."""
        clock = FakeClock()
        history = CostTaskHistory(clock=clock)
        history.block(1, 120.0)
        with pytest.raises(CostUpdateLimitError) as raised:
            history.reserve(1)
        assert raised.value.retry_after == 120
        clock.advance(120)
        history.reserve(1)
        history.block(2, None)
        clock.advance(3599)
        with pytest.raises(CostUpdateLimitError):
            history.reserve(2)

    def test_threads_never_book_more_than_three(self) -> None:
        """Eight threads racing for one campaign: exactly three bookings succeed."""
        history = CostTaskHistory(clock=FakeClock())
        barrier, won, lost = threading.Barrier(8), [], []

        def race() -> None:
            barrier.wait()
            try:
                won.append(history.reserve(5))
            except CostUpdateLimitError:
                lost.append(1)

        threads = [threading.Thread(target=race) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert (len(won), len(lost)) == (3, 5)

    def test_bad_settings(self) -> None:
        """clock must be callable, limit a positive int."""
        with pytest.raises(TypeError, match="clock"):
            CostTaskHistory(clock=3)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="limit"):
            CostTaskHistory(limit=0)
