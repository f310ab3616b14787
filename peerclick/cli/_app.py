"""The `peerclick` typer app: global options, the command tree and the one error boundary.

typer (on click) was chosen over argparse for typed options, subcommand groups, help text and
`CliRunner` for tests; rich draws tables and the progress bar. Every command runs inside
`failures_to_exit_codes` (see `_errors`), installed once in `_Group.invoke`, so no command has its
own try/except for API errors or Ctrl-C.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from peerclick.cli._auth import auth_app
from peerclick.cli._conversions import conversions_app
from peerclick.cli._costs import costs_app
from peerclick.cli._entities import ENTITY_KINDS, entity_app
from peerclick.cli._errors import failures_to_exit_codes
from peerclick.cli._report import report
from peerclick.cli._spec import sandbox_app, spec_app
from peerclick.cli._state import CliState, Seams

__all__ = ["app"]


class _Group(TyperGroup):
    """The top-level group: failures below it become one stderr line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        with failures_to_exit_codes(debug=bool(ctx.params.get("debug"))):
            return super().invoke(ctx)


app = typer.Typer(
    name="peerclick",
    cls=_Group,
    help="The PeerClick tracker API from the shell: reports, entities, costs, conversions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # never print locals (they can hold credentials)
    rich_markup_mode=None,
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="API base URL (default: $PEERCLICK_BASE_URL or PeerClick)"),
    ] = None,
    api_version: Annotated[
        str | None, typer.Option("--api-version", help="version path segment (default v1_1)")
    ] = None,
    no_token_cache: Annotated[
        bool, typer.Option("--no-token-cache", help="log in afresh; do not read or write a token")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="print tracebacks of errors")] = False,
) -> None:
    """Credentials come from PEERCLICK_ACCESS_ID / PEERCLICK_ACCESS_KEY (or PEERCLICK_EMAIL /
    PEERCLICK_PASSWORD, or PEERCLICK_TOKEN). Exit codes: 0 ok, 1 API or network error,
    2 usage or input error, 130 interrupted."""
    seams = ctx.obj if isinstance(ctx.obj, Seams) else Seams()
    ctx.obj = CliState(
        seams=seams,
        base_url=base_url,
        api_version=api_version,
        token_cache=not no_token_cache,
        debug=debug,
    )


app.command("report")(report)
for _name in ENTITY_KINDS:
    app.add_typer(entity_app(_name), name=_name)
app.add_typer(costs_app, name="costs")
app.add_typer(conversions_app, name="conversions")
app.add_typer(auth_app, name="auth")
app.add_typer(spec_app, name="spec")
app.add_typer(sandbox_app, name="sandbox")
