"""`peerclick auth check`: who is logged in, where, and until when. Never the token.

It asks PeerClick (`GET /auth/session` through `pc.api`, logging in first if no live token is
cached) so a wrong key, a dead session or an unreachable host shows up here, before a cron job.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from enum import StrEnum
from typing import IO, Annotated, Any

import typer

from peerclick._config import resolve_credentials
from peerclick.cli._errors import EXIT_API
from peerclick.cli._output import output_stream, write_json
from peerclick.cli._state import CliState

__all__ = ["auth_app"]

auth_app = typer.Typer(help="The session: check who is logged in.", no_args_is_help=True)


class AuthFormat(StrEnum):
    text = "text"
    json = "json"


def _identity() -> tuple[str, str | None]:
    creds = resolve_credentials(
        access_id=None, access_key=None, email=None, password=None, token=None
    )
    label = {"access_key": "access id", "password": "email", "token": "fixed token"}[creds.kind]
    return label, creds.identity


def _expiry(parsed: Any, fallback: float | None) -> datetime | None:
    stamp = getattr(parsed, "expiration_timestamp", None)
    if isinstance(stamp, datetime):
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    if fallback is not None:
        return datetime.fromtimestamp(fallback, UTC)
    return None


def _left(expires: datetime) -> str:
    seconds = int(expires.timestamp() - time.time())
    if seconds <= 0:
        return "expired"
    hours, rest = divmod(seconds, 3600)
    return f"in {hours}h{rest // 60:02d}m"


@auth_app.command("check")
def check(
    ctx: typer.Context,
    fmt: Annotated[AuthFormat, typer.Option("--format", "-f")] = AuthFormat.text,
) -> None:
    """Log in (or reuse the cached token) and show the account and the session's expiry."""
    from peerclick_api.api.auth import get_session

    state: CliState = ctx.obj
    label, identity = _identity()
    with state.client() as pc:
        response = get_session.sync_detailed(client=pc.api)
        expires = _expiry(response.parsed, pc.auth.token_expires_at)
        alive = getattr(response.parsed, "alive", True)
        base_url = str(pc.base_url)
    info: dict[str, Any] = {
        "base_url": base_url,
        "auth": label,
        "identity": identity,
        "alive": alive is not False,
        "expires_at": expires.isoformat().replace("+00:00", "Z") if expires else None,
    }
    with output_stream(None) as stream:
        if fmt is AuthFormat.json:
            write_json(stream, info)
        else:
            _describe(stream, info, expires)
    if not info["alive"]:
        raise typer.Exit(EXIT_API)


def _describe(stream: IO[str], info: dict[str, Any], expires: datetime | None) -> None:
    """The text form of `info`."""
    label, identity = info["auth"], info["identity"]
    who = f"{label} {identity}" if identity else label
    stream.write(f"logged in: {who}\nbase URL: {info['base_url']}\n")
    if expires is not None:
        stamp = expires.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        stream.write(f"session expires: {stamp} ({_left(expires)})\n")
    else:
        stream.write("session expires: unknown (a fixed token)\n")
    if not info["alive"]:
        stream.write("session alive: no (PeerClick says it has ended)\n")
