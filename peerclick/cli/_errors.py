"""One line on stderr and one exit code for every way a command can fail.

0 ok, 1 PeerClick or the network failed, 2 the command line or an input file is wrong, 130 Ctrl-C.
Messages come from the SDK's errors, which are built without secrets (see peerclick.errors); the
traceback appears only with `--debug`.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from peerclick.errors import APIError, ConfigurationError, PeerClickError

__all__ = [
    "EXIT_API",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "InputError",
    "exit_code_for",
    "failures_to_exit_codes",
    "message_for",
]

EXIT_OK = 0
EXIT_API = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


class InputError(ValueError):
    """An input file or argument the command line itself refuses (exit 2)."""


def exit_code_for(exc: BaseException) -> int:
    """The exit code of a failure that reached the top of a command."""
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, ConfigurationError):
        return EXIT_USAGE
    if isinstance(exc, PeerClickError):
        return EXIT_API
    if isinstance(exc, ValueError | TypeError | OSError):
        return EXIT_USAGE
    return EXIT_API


def message_for(exc: BaseException) -> str:
    """One line: what failed, with PeerClick's own reason when it sent one."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, APIError) and exc.description and exc.description not in text:
        text += f" ({exc.description})"
    return text


@contextmanager
def failures_to_exit_codes(*, debug: bool) -> Iterator[None]:
    """Turn an exception into `error: ...` on stderr and `typer.Exit(code)`.

    typer's own exits and usage errors pass through untouched (they print and exit 2 themselves).
    """
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except BrokenPipeError:
        # `peerclick report --format csv | head`: the reader has what it wanted. Point stdout at
        # /dev/null so the interpreter's final flush does not fail again, and stop quietly.
        _silence_stdout()
        raise typer.Exit(EXIT_OK) from None
    except (Exception, KeyboardInterrupt) as exc:
        if debug:
            traceback.print_exc(file=sys.stderr)
        prefix = "" if isinstance(exc, KeyboardInterrupt) else "error: "
        known = isinstance(
            exc, PeerClickError | ValueError | TypeError | OSError | KeyboardInterrupt
        )
        hint = "" if known or debug else " (run with --debug for the traceback)"
        print(f"{prefix}{message_for(exc)}{hint}", file=sys.stderr, flush=True)
        raise typer.Exit(exit_code_for(exc)) from None


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (CliRunner): nothing to do
        pass
