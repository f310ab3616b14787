"""`peerclick costs update` and `peerclick costs sync FILE.csv`.

`sync` is made for cron: the whole file is checked first (bad lines are listed with their numbers
and nothing is sent), long ranges are split into PeerClick's 31-day chunks, and the tasks are paced
by PeerClick's 3 cost updates per campaign per hour. `pc.costs.update` refuses a 4th one before
sending with `CostUpdateLimitError.retry_at`; sync then moves on to other campaigns and, when only
blocked ones are left, waits until the earliest `retry_at` (or, with `--no-wait`, stops with exit 1
saying when to run again). A server 429 is never retried in a loop: sync stops the same way.

Every finished task is recorded in a state file in the user cache dir, named by the sha256 of the
CSV, so running the same file again skips what was done (each task is a "set the total" and so
harmless to repeat, but the hourly allowance is not). `--restart` ignores the state.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from peerclick.cli._costfile import CostFile, CostTask, read_cost_file
from peerclick.cli._errors import EXIT_API, EXIT_USAGE
from peerclick.cli._files import read_json, write_private_json
from peerclick.cli._state import CliState, cache_dir
from peerclick.errors import CostUpdateLimitError, RateLimitError

__all__ = ["costs_app"]

costs_app = typer.Typer(help="Manual costs: one update, or a whole CSV.", no_args_is_help=True)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@costs_app.command("update")
def update(
    ctx: typer.Context,
    campaign: Annotated[int, typer.Option("--campaign", min=1, help="the campaign id")],
    date_from: Annotated[str, typer.Option("--from", help="start (inclusive)")],
    date_to: Annotated[str, typer.Option("--to", help="end (exclusive); at most 31 days on")],
    cost: Annotated[float, typer.Option("--cost", help="the range's new total cost")],
    tz: Annotated[str, typer.Option("--tz", help="the traffic source's time zone")] = "UTC",
    currency: Annotated[str | None, typer.Option("--currency", help="ISO 4217 code")] = None,
) -> None:
    """Set a campaign's total cost for [from, to)."""
    state: CliState = ctx.obj
    with state.client() as pc:
        pc.costs.update(
            campaign_id=campaign,
            date_from=date_from,
            date_to=date_to,
            cost=cost,
            timezone=tz,
            currency=currency,
        )
    typer.echo(f"cost update queued: campaign {campaign}, {date_from} .. {date_to}, total {cost}")


def _state_path(state: CliState, costs: CostFile) -> Path:
    return cache_dir(state.seams) / "costs-sync" / f"{costs.digest}.json"


def _load_done(path: Path) -> set[str]:
    saved = read_json(path)
    done = saved.get("done") if isinstance(saved, dict) else None
    return {d for d in done if isinstance(d, str)} if isinstance(done, list) else set()


def _save_done(path: Path, costs: CostFile, done: set[str]) -> None:
    write_private_json(path, {"file": costs.path.name, "done": sorted(done)})


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


@costs_app.command("sync")
def sync(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV: campaign,from,to,cost[,timezone,currency]")],
    tz: Annotated[str, typer.Option("--tz", help="zone for rows without one")] = "UTC",
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="stop instead of waiting for the hourly limit")
    ] = False,
    restart: Annotated[
        bool, typer.Option("--restart", help="forget what earlier runs of this file did")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="check and plan; send nothing")
    ] = False,
) -> None:
    """Apply a CSV of total costs, resumably, within PeerClick's limits."""
    state: CliState = ctx.obj
    costs, problems = read_cost_file(file, tz)
    if problems:
        for problem in problems:
            _err(f"{file}: {problem}")
        _err(f"error: {len(problems)} bad line(s) in {file}; nothing was sent")
        raise typer.Exit(EXIT_USAGE)
    state_path = _state_path(state, costs)
    done = set() if restart else _load_done(state_path)
    pending = [t for t in costs.tasks if t.key not in done]
    skipped = len(costs.tasks) - len(pending)
    if skipped:
        _err(f"{skipped} of {len(costs.tasks)} cost update(s) were done by an earlier run: skipped")
    if dry_run:
        for task in pending:
            typer.echo(_describe(task))
        return
    sent = _run(state, pending, done, lambda: _save_done(state_path, costs, done), no_wait)
    typer.echo(f"costs sync: {sent} sent, {skipped} skipped, {len(costs.tasks)} planned")


def _describe(task: CostTask) -> str:
    span = f"{task.date_from.isoformat()} .. {task.date_to.isoformat()}"
    where = f"line {task.line}: campaign {task.campaign_id}"
    return f"{where}, {span}, total {task.cost} ({task.timezone})"


def _run(
    state: CliState,
    pending: list[CostTask],
    done: set[str],
    save: Callable[[], None],
    no_wait: bool,
) -> int:
    """Send the tasks in passes; a campaign at its hourly limit sits out the rest of a pass.

    Time comes only from the library's refusals (`retry_after`, on the client's own clock), so
    the waits are right whatever clock the client runs on.
    """
    sent = 0
    with state.client() as pc:
        while pending:
            refusals: dict[int, CostUpdateLimitError] = {}
            for task in list(pending):
                if task.campaign_id in refusals:
                    continue
                try:
                    pc.costs.update(
                        campaign_id=task.campaign_id,
                        date_from=task.date_from,
                        date_to=task.date_to,
                        cost=float(task.cost),
                        timezone=task.timezone,
                        currency=task.currency,
                    )
                except CostUpdateLimitError as exc:
                    refusals[task.campaign_id] = exc
                    continue
                except RateLimitError as exc:
                    _stop(
                        f"PeerClick refused a cost update for campaign {task.campaign_id} ({exc})",
                        sent,
                        len(pending),
                        exc.retry_after,
                    )
                pending.remove(task)
                done.add(task.key)
                save()
                sent += 1
                _err(f"sent {_describe(task)}")
            if not pending:
                break
            first = min(refusals.values(), key=lambda e: e.retry_after or 0.0)
            reason = "PeerClick allows 3 cost updates per campaign per hour"
            if no_wait:
                _stop(reason, sent, len(pending), first.retry_after)
            _err(f"{reason}; waiting until {_stamp(first.retry_at)} ({len(pending)} left)")
            state.seams.sleep(first.retry_after or 0.0)
    return sent


def _stop(reason: str, sent: int, left: int, retry_after: float | None) -> NoReturn:
    when = "later"
    if retry_after is not None:
        when = f"after {_stamp(datetime.fromtimestamp(time.time() + retry_after, UTC))}"
    _err(f"error: {reason}; {sent} sent, {left} left: run again {when} to go on")
    raise typer.Exit(EXIT_API)
