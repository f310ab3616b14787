"""`peerclick <entities> list|get|delete`: tables, JSON, and the errors PeerClick sends back."""

from __future__ import annotations

import json

import pytest

from peerclick.cli._entities import ENTITY_KINDS
from peerclick.testing import FakePeerClick
from tests.cli.conftest import Cli

KINDS = sorted(ENTITY_KINDS)


@pytest.mark.parametrize("command", KINDS)
def test_list_json_is_the_api_objects(cli: Cli, command: str) -> None:
    """`list --format json` prints a JSON list of objects with ids and names."""
    out = cli(command, "list", "--format", "json")
    assert out.exit_code == 0, out.stderr
    items = json.loads(out.stdout)
    assert isinstance(items, list) and items, f"the demo account has {command}"
    assert all(isinstance(i["id"], int) and "name" in i for i in items)


@pytest.mark.parametrize("command", KINDS)
def test_list_table_names_every_entity(cli: Cli, command: str) -> None:
    """The table shows each entity's id and name."""
    items = json.loads(cli(command, "list", "--format", "json").stdout)
    out = cli(command, "list")
    assert out.exit_code == 0, out.stderr
    for item in items:
        assert str(item["id"]) in out.stdout
        assert item["name"][:20] in out.stdout


@pytest.mark.parametrize("command", KINDS)
def test_get_shows_one_entity(cli: Cli, command: str) -> None:
    """`get ID` as JSON equals that item of the list; as a table it lists its fields."""
    first = json.loads(cli(command, "list", "--format", "json").stdout)[0]
    out = cli(command, "get", str(first["id"]), "--format", "json")
    assert out.exit_code == 0, out.stderr
    one = json.loads(out.stdout)
    assert one["id"] == first["id"] and one["name"] == first["name"]
    table = cli(command, "get", str(first["id"]))
    assert table.exit_code == 0
    assert "name" in table.stdout and first["name"][:20] in table.stdout


def test_get_unknown_id_exits_1_with_the_vendor_reason(cli: Cli) -> None:
    """A 404 is an API error: exit 1, one line on stderr with the status."""
    out = cli("offers", "get", "999999")
    assert out.exit_code == 1
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "404" in lines[0]


def test_delete_archives_the_entity(cli: Cli, fake: FakePeerClick) -> None:
    """`delete ID` sends DELETE, says so, and the entity leaves the default list."""
    first = json.loads(cli("landers", "list", "--format", "json").stdout)[0]
    out = cli("landers", "delete", str(first["id"]))
    assert out.exit_code == 0, out.stderr
    assert out.stdout.strip() == f"deleted lander {first['id']}"
    assert fake.requests_to(f"/lander/{first['id']}", "DELETE")
    remaining = json.loads(cli("landers", "list", "--format", "json").stdout)
    assert first["id"] not in [i["id"] for i in remaining]


def test_id_must_be_a_positive_integer(cli: Cli, fake: FakePeerClick) -> None:
    """`get abc` and `get 0` are usage errors (exit 2), refused before any request."""
    assert cli("campaigns", "get", "abc").exit_code == 2
    assert cli("campaigns", "get", "0").exit_code == 2
    assert fake.requests == []


def test_offer_table_shows_manual_payouts(cli: Cli) -> None:
    """Nested money is shown by its value ("2.5 USD"), references by their id."""
    out = cli("offers", "list")
    assert out.exit_code == 0
    assert "2.5 USD" in out.stdout and "AUTO" in out.stdout
