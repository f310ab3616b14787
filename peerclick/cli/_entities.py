"""`peerclick campaigns|offers|landers|flows|traffic-sources|affiliate-networks list|get|delete`.

One small typer app per entity kind, all made by `entity_app`: each command calls the matching
`pc.<resource>` method and prints the generated models as a table or as the API's JSON.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from peerclick.cli._output import jsonable, output_stream, print_table, write_json
from peerclick.cli._state import CliState

__all__ = ["ENTITY_KINDS", "EntityFormat", "entity_app"]


class EntityFormat(StrEnum):
    table = "table"
    json = "json"


# command name -> (client attribute, singular for messages, extra table columns)
ENTITY_KINDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "campaigns": ("campaigns", "campaign", ("trafficSource", "country", "url")),
    "offers": ("offers", "offer", ("country", "affiliateNetwork", "payout", "url")),
    "landers": ("landers", "lander", ("country", "url")),
    "flows": ("flows", "flow", ("country",)),
    "traffic-sources": ("traffic_sources", "traffic source", ("currency",)),
    "affiliate-networks": ("affiliate_networks", "affiliate network", ("postbackUrl",)),
}

FormatOption = Annotated[EntityFormat, typer.Option("--format", "-f")]
IdArgument = Annotated[int, typer.Argument(help="the entity's id", min=1)]


def _short(value: Any) -> Any:
    """Nested references shown by their id or code in a table (`{"id": 7}` -> 7)."""
    if isinstance(value, dict):
        if value.get("value") is not None:  # money: {"type": "MANUAL", "value": 2.5, ...}
            return f"{value['value']} {value.get('currency') or ''}".strip()
        for key in ("id", "code", "type"):
            if key in value and len(value) <= 3:
                return value[key]
    return value


def entity_app(command: str) -> typer.Typer:
    """The `list`, `get` and `delete` commands of one entity kind."""
    attribute, singular, extra = ENTITY_KINDS[command]
    app = typer.Typer(help=f"{singular.capitalize()}s: list, get, delete.", no_args_is_help=True)

    def resource(pc: Any) -> Any:
        return getattr(pc, attribute)

    @app.command("list")
    def list_(
        ctx: typer.Context,
        fmt: FormatOption = EntityFormat.table,
        include_deleted: Annotated[
            bool, typer.Option("--include-deleted", help="archived ones too")
        ] = False,
    ) -> None:
        """Every entity of this kind."""
        state: CliState = ctx.obj
        with state.client() as pc:
            items = [jsonable(m) for m in resource(pc).list(include_deleted=include_deleted)]
        with output_stream(None) as stream:
            if fmt is EntityFormat.json:
                write_json(stream, items)
                return
            present = [c for c in extra if any(c in item for item in items)]
            rows = [{k: _short(v) for k, v in item.items()} for item in items]
            print_table(stream, ["id", "name", *present], rows)

    @app.command("get")
    def get(
        ctx: typer.Context, entity_id: IdArgument, fmt: FormatOption = EntityFormat.table
    ) -> None:
        """One entity by id."""
        state: CliState = ctx.obj
        with state.client() as pc:
            item = jsonable(resource(pc).get(entity_id))
        with output_stream(None) as stream:
            if fmt is EntityFormat.json:
                write_json(stream, item)
            else:
                rows = [{"field": k, "value": v} for k, v in item.items()]
                print_table(stream, ["field", "value"], rows)

    @app.command("delete")
    def delete(ctx: typer.Context, entity_id: IdArgument) -> None:
        """Archive an entity (PeerClick keeps it; it can be restored)."""
        state: CliState = ctx.obj
        with state.client() as pc:
            resource(pc).delete(entity_id)
        typer.echo(f"deleted {singular} {entity_id}")

    return app
