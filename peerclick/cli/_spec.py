"""`peerclick spec diff --against URL|FILE` and `peerclick sandbox serve`.

The spec the installed client was generated from ships inside the package (`peerclick/_data/`,
put there by the wheel build; an editable install reads the checkout's `openapi/`). A URL is
fetched only when one is given. Exit codes are the differ's: 0 no drift, 1 breaking drift,
3 non-breaking drift only, 2 the comparison could not run.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer

from peerclick import _specdiff
from peerclick.cli._errors import InputError

__all__ = ["sandbox_app", "shipped_spec_text", "spec_app"]

spec_app = typer.Typer(help="The API spec this client was built from.", no_args_is_help=True)
sandbox_app = typer.Typer(
    help="A local fake PeerClick for trying things out.", no_args_is_help=True
)

SHIPPED = "peerclick.yaml"
FETCH_TIMEOUT = 30.0


def shipped_spec_text() -> tuple[str, str]:
    """(text, label) of the spec inside the package, or of the checkout for editable installs."""
    packaged = importlib.resources.files("peerclick").joinpath("_data", SHIPPED)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8"), f"peerclick/_data/{SHIPPED} (shipped)"
    checkout = Path(__file__).resolve().parents[2] / "openapi" / SHIPPED
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8"), f"openapi/{SHIPPED} (shipped)"
    raise InputError("the spec that ships with peerclick is missing from this installation")


def _other_spec(against: str) -> tuple[dict[str, Any], str]:
    if against.startswith(("http://", "https://")):
        try:
            response = httpx.get(against, timeout=FETCH_TIMEOUT, follow_redirects=True)
        except httpx.HTTPError as exc:
            raise InputError(f"could not fetch {against}: {exc}") from None
        if response.status_code != 200:
            raise InputError(f"could not fetch {against}: HTTP {response.status_code}")
        text = response.text
    else:
        path = Path(against)
        if not path.is_file():
            raise InputError(f"no such spec file: {against}")
        text = path.read_text(encoding="utf-8")
    doc = _specdiff.parse_spec_text(text, against)
    if str(doc.get("swagger")) == "2.0":
        raise InputError(
            f"{against} is Swagger 2.0; convert it to OpenAPI 3 first (in a checkout: "
            "make pull-spec URL=..., which also normalises it)"
        )
    return doc, against


@spec_app.command("diff")
def diff(
    against: Annotated[str, typer.Option("--against", help="a spec file or URL to compare with")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """How a spec (e.g. PeerClick's current one) differs from the one this client was built from."""
    text, label = shipped_spec_text()
    shipped = _specdiff.parse_spec_text(text, label)
    other, other_label = _other_spec(against)
    changes = _specdiff.diff_specs(shipped, other)
    render = _specdiff.render_json if as_json else _specdiff.render_text
    typer.echo(render(changes, label, other_label))
    raise typer.Exit(_specdiff.exit_code(changes))


@sandbox_app.command("serve")
def serve(
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="0 picks a free one")] = 0,
    host: Annotated[str, typer.Option("--host", help="a loopback host")] = "127.0.0.1",
    seed: Annotated[int, typer.Option("--seed", help="seed of the synthetic traffic")] = 0,
    no_rate_limits: Annotated[
        bool, typer.Option("--no-rate-limits", help="switch the 3/s and 1/s budgets off")
    ] = False,
) -> None:
    """Serve the fake PeerClick on loopback until Ctrl-C; prints PEERCLICK_* settings to use."""
    from peerclick.testing.__main__ import main as serve_fake

    argv = ["serve", "--host", host, "--port", str(port), "--seed", str(seed)]
    if no_rate_limits:
        argv.append("--no-rate-limits")
    raise typer.Exit(serve_fake(argv))
