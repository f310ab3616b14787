"""`python -m peerclick` and the `peerclick` console script.

The command line lives in `peerclick.cli` and needs the optional extra (typer, rich, platformdirs).
Without it this entry point still runs, says how to get it and exits 2, instead of a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

INSTALL_HINT = "pip install 'peerclick[cli]'"
# import name -> distribution name, for the message
_CLI_DEPENDENCIES = {
    "typer": "typer",
    "rich": "rich",
    "platformdirs": "platformdirs",
    "yaml": "pyyaml",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code (0 ok, 1 API error, 2 usage error, 130 Ctrl-C)."""
    missing = _missing_dependency()
    if missing is None:
        try:
            from peerclick.cli import run
        except KeyboardInterrupt:  # Ctrl-C while the command line is still loading
            return 130
        except ImportError as exc:
            missing = (exc.name or "").split(".")[0]
            if missing not in _CLI_DEPENDENCIES:
                raise
        else:
            return run(argv)
    print(
        f"error: the peerclick command line needs the optional 'cli' extra "
        f"({_CLI_DEPENDENCIES.get(missing, missing)} is "
        f"not installed): {INSTALL_HINT}",
        file=sys.stderr,
    )
    return 2


def _missing_dependency() -> str | None:
    """The first dependency of the extra that cannot be imported (some load only when used)."""
    import importlib.util

    for name in sorted(_CLI_DEPENDENCIES):
        try:
            if importlib.util.find_spec(name) is None:
                return name
        except (ImportError, ValueError):  # ValueError: sys.modules[name] is None
            return name
    return None


if __name__ == "__main__":
    sys.exit(main())
