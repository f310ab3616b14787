"""`peerclick auth check`: who is logged in and until when; never a secret."""

from __future__ import annotations

import json
from datetime import datetime

from peerclick.testing import FakePeerClick
from tests.cli.conftest import Cli


def test_check_names_the_account_and_the_expiry(cli: Cli, fake: FakePeerClick) -> None:
    """Text output: the access id, the base URL and the session's expiry; exit 0."""
    out = cli("auth", "check")
    assert out.exit_code == 0, out.stderr
    assert f"access id {fake.access_id}" in out.stdout
    assert "base URL: https://api.peerclick.com/v1_1" in out.stdout
    assert "session expires: " in out.stdout


def test_json_output_carries_the_same_facts(cli: Cli, fake: FakePeerClick) -> None:
    """JSON: auth kind, identity, alive, an ISO expiry; the fake's session answer agrees."""
    out = cli("auth", "check", "--format", "json")
    assert out.exit_code == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["auth"] == "access id" and info["identity"] == fake.access_id
    assert info["alive"] is True
    assert datetime.fromisoformat(info["expires_at"].replace("Z", "+00:00")).tzinfo is not None
    assert fake.requests_to("/auth/session", "GET")


def test_no_secret_in_any_output(cli: Cli, fake: FakePeerClick) -> None:
    """Neither the access key nor the session token appears on stdout or stderr."""
    out = cli("auth", "check", "--format", "json")
    tokens = [s.token for s in fake.sessions.all()]
    assert tokens
    for secret in [fake.access_key, *tokens]:
        assert secret not in out.stdout and secret not in out.stderr
    assert "token" not in json.loads(out.stdout)


def test_email_and_password_login_is_named_by_email(cli: Cli, fake: FakePeerClick) -> None:
    """With PEERCLICK_EMAIL/PASSWORD the account is named by its email, never the password."""
    env = {"PEERCLICK_EMAIL": fake.email, "PEERCLICK_PASSWORD": fake.password}
    out = cli("auth", "check", env=env)
    assert out.exit_code == 0, out.stderr
    assert f"email {fake.email}" in out.stdout
    assert fake.password not in out.stdout + out.stderr


def test_wrong_key_exits_1_with_the_vendor_reason(cli: Cli, fake: FakePeerClick) -> None:
    """Refused credentials: exit 1, one line with PeerClick's reason, and no key in it."""
    env = {"PEERCLICK_ACCESS_ID": fake.access_id, "PEERCLICK_ACCESS_KEY": "wrong-key-123"}
    out = cli("auth", "check", env=env)
    assert out.exit_code == 1
    assert "401" in out.stderr
    assert "wrong-key-123" not in out.stderr + out.stdout
    assert len(out.stderr.strip().splitlines()) == 1


def test_half_a_key_pair_is_a_usage_error(cli: Cli, fake: FakePeerClick) -> None:
    """PEERCLICK_ACCESS_ID without the key: exit 2 before any request."""
    out = cli("auth", "check", env={"PEERCLICK_ACCESS_ID": fake.access_id})
    assert out.exit_code == 2
    assert "access_key" in out.stderr
    assert fake.requests == []


def test_a_fixed_token_that_has_ended_exits_1(cli: Cli, fake: FakePeerClick) -> None:
    """PEERCLICK_TOKEN whose session expired: PeerClick says alive: false; exit 1, and still
    no token printed."""
    token = fake.login()
    fake.sessions.expire(token)
    out = cli("--no-token-cache", "auth", "check", env={"PEERCLICK_TOKEN": token})
    assert out.exit_code == 1
    assert "logged in: fixed token" in out.stdout
    assert "session alive: no" in out.stdout
    assert token not in out.stdout + out.stderr


def test_a_live_fixed_token(cli: Cli, fake: FakePeerClick) -> None:
    """A live PEERCLICK_TOKEN: exit 0; the JSON names the kind only."""
    token = fake.login()
    out = cli("--no-token-cache", "auth", "check", "-f", "json", env={"PEERCLICK_TOKEN": token})
    assert out.exit_code == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["auth"] == "fixed token" and info["identity"] is None and info["alive"] is True
    assert token not in out.stdout
