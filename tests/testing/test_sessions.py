"""Sessions: logging in with an access key or a password, expiry, revocation and logout."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from peerclick.testing import FakeClock, FakePeerClick

from .conftest import BASE, assert_error


def _login(client: httpx.Client, fake: FakePeerClick) -> httpx.Response:
    return client.post(
        "/auth/access/session", json={"accessId": fake.access_id, "accessKey": fake.access_key}
    )


class TestLogin:
    def test_access_key_gives_an_opaque_token_with_an_expiry(
        self, anon: httpx.Client, fake: FakePeerClick, clock: FakeClock
    ) -> None:
        """POST /auth/access/session answers a token and an ISO-8601 UTC expiry a day ahead."""
        body = _login(anon, fake).json()
        assert len(body["token"]) == 32
        expires = datetime.fromisoformat(body["expirationTimestamp"].replace("Z", "+00:00"))
        assert expires == datetime.fromtimestamp(clock() + 86400, UTC)
        assert body["inaugural"] is True
        assert _login(anon, fake).json()["inaugural"] is False

    def test_every_login_gets_a_new_token(self, anon: httpx.Client, fake: FakePeerClick) -> None:
        """Tokens are random, not derived from the credentials."""
        assert _login(anon, fake).json()["token"] != _login(anon, fake).json()["token"]

    def test_email_and_password(self, anon: httpx.Client, fake: FakePeerClick) -> None:
        """POST /auth/session takes the configured email/password pair."""
        reply = anon.post("/auth/session", json={"email": fake.email, "password": fake.password})
        assert reply.status_code == 200
        assert anon.get("/offer/1", headers={"api-token": reply.json()["token"]}).status_code == 200

    @pytest.mark.parametrize(
        ("path", "body"),
        [
            ("/auth/access/session", {"accessId": "demo-access-id", "accessKey": "wrong"}),
            ("/auth/access/session", {"accessId": "nobody", "accessKey": "demo-access-key"}),
            ("/auth/session", {"email": "demo@peerclick.test", "password": "wrong"}),
        ],
    )
    def test_bad_credentials_are_401(
        self, anon: httpx.Client, path: str, body: dict[str, str]
    ) -> None:
        """Wrong ids, keys or passwords answer 401 BAD_CREDENTIALS."""
        assert_error(anon.post(path, json=body), 401, "BAD_CREDENTIALS")

    def test_malformed_body_is_400_naming_the_field(self, anon: httpx.Client) -> None:
        """A missing field is a 400 that names it."""
        body = assert_error(anon.post("/auth/access/session", json={"accessId": "x"}), 400)
        assert "accessKey" in str(body["description"])

    def test_configured_credentials(self) -> None:
        """Constructor arguments replace the demo credentials."""
        fake = FakePeerClick(access_keys={"id-1": "key-1"}, users={"a@b.c": "pw"}, rate_limits=None)
        with fake.http_client() as client:
            ok = client.post(
                "/auth/access/session", json={"accessId": "id-1", "accessKey": "key-1"}
            )
            demo = client.post(
                "/auth/access/session",
                json={"accessId": "demo-access-id", "accessKey": "demo-access-key"},
            )
        assert (ok.status_code, demo.status_code) == (200, 401)


class TestTokens:
    def test_missing_and_unknown_tokens_are_401(self, anon: httpx.Client) -> None:
        """Every operation but login needs a token the fake issued."""
        assert_error(anon.get("/offer/1"), 401, "BAD_CREDENTIALS")
        assert_error(anon.get("/offer/1", headers={"api-token": "0" * 32}), 401, "BAD_CREDENTIALS")

    def test_token_expires_with_the_clock(self, http: httpx.Client, clock: FakeClock) -> None:
        """After token_lifetime seconds the token answers 401."""
        assert http.get("/offer/1").status_code == 200
        clock.advance(86399)
        assert http.get("/offer/1").status_code == 200
        clock.advance(1)
        assert_error(http.get("/offer/1"), 401)

    def test_token_lifetime_is_configurable(self, clock: FakeClock) -> None:
        """token_lifetime sets both the expiry and the expirationTimestamp."""
        fake = FakePeerClick(clock=clock, token_lifetime=60, rate_limits=None)
        with fake.http_client(headers={"api-token": fake.login()}) as client:
            clock.advance(59)
            assert client.get("/domain").status_code == 200
            clock.advance(1)
            assert client.get("/domain").status_code == 401

    def test_revoked_token_is_401(self, http: httpx.Client, fake: FakePeerClick) -> None:
        """fake.revoke(token) ends a session at once."""
        assert fake.revoke(http.headers["api-token"]) is True
        assert_error(http.get("/offer/1"), 401)
        assert fake.revoke("never-issued") is False


class TestSessionEndpoints:
    def test_get_session_reports_alive(self, http: httpx.Client, clock: FakeClock) -> None:
        """GET /auth/session: alive true while valid, then 200 alive false once expired."""
        body = http.get("/auth/session").json()
        assert body["alive"] is True and body["time"] == int(clock())
        clock.advance(86400)
        expired = http.get("/auth/session")
        assert expired.status_code == 200 and expired.json()["alive"] is False

    def test_get_session_without_a_known_token_is_401(self, anon: httpx.Client) -> None:
        """Only tokens the fake issued can be probed."""
        assert_error(anon.get("/auth/session", headers={"api-token": "nope"}), 401)

    def test_delete_session_logs_out(self, http: httpx.Client) -> None:
        """DELETE /auth/session answers 200 with an empty body; the token is dead afterwards."""
        reply = http.delete("/auth/session")
        assert (reply.status_code, reply.content) == (200, b"")
        assert_error(http.get("/offer/1"), 401)


def test_base_url_prefixes(fake: FakePeerClick) -> None:
    """v1_1 and v1 are served; paths without a prefix only when asked for."""
    token = fake.login()
    with httpx.Client(transport=fake.transport(), headers={"api-token": token}) as client:
        assert client.get(f"{BASE}/offer/1").status_code == 200
        assert client.get("https://api.peerclick.com/v1/offer/1").status_code == 200
        assert client.get("https://api.peerclick.com/offer/1").status_code == 404
        assert client.get("https://api.peerclick.com/v2/offer/1").status_code == 404
    loose = FakePeerClick(allow_unversioned=True, rate_limits=None)
    with httpx.Client(transport=loose.transport(), headers={"api-token": loose.login()}) as client:
        assert client.get("http://localhost/offer/1").status_code == 200
