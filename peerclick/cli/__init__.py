"""The `peerclick` command line (extra `peerclick[cli]`): built on the facade, nothing below it.

    peerclick report --group-by campaign,day --from 2026-11-01 --to 2026-11-08 -f csv -o report.csv
    peerclick campaigns list
    peerclick costs sync costs.csv
    peerclick auth check

`run(argv)` is what the console script and `python -m peerclick` call; `app` is the typer app
(drive it in tests with `typer.testing.CliRunner().invoke(app, args, obj=Seams(transport=...))`).
"""

from __future__ import annotations

from collections.abc import Sequence

from peerclick.cli._app import app
from peerclick.cli._errors import EXIT_INTERRUPTED
from peerclick.cli._state import Seams

__all__ = ["Seams", "app", "run"]


def run(argv: Sequence[str] | None = None, *, seams: Seams | None = None) -> int:
    """Run one command line; return the exit code instead of exiting."""
    try:
        app(args=None if argv is None else list(argv), prog_name="peerclick", obj=seams)
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    return 0
