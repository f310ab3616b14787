"""`python -m peerclick` and the `peerclick` console script.

The command line lives in `peerclick.cli` and needs the optional extra (typer, rich, platformdirs).
Without it this entry point still runs, says how to get it and exits 2, instead of a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

INSTALL_HINT = "pip install 'peerclick[cli]'"
_CLI_DEPENDENCIES = frozenset({"typer", "rich", "platformdirs", "yaml"})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code (0 ok, 1 API error, 2 usage error, 130 Ctrl-C)."""
    try:
        from peerclick.cli import run
    except ImportError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing not in _CLI_DEPENDENCIES:
            raise
        print(
            f"error: the peerclick command line needs the optional 'cli' extra ({missing} is "
            f"not installed): {INSTALL_HINT}",
            file=sys.stderr,
        )
        return 2
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
