"""Session tokens: random opaque strings with an expiry, tied to an account."""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Callable
from typing import Literal

import attrs

__all__ = ["Session", "Sessions", "TokenState"]

TokenState = Literal["ok", "expired", "revoked", "unknown", "missing"]


@attrs.define
class Session:
    """One issued token. `token_id` names it in request records; the token itself never prints."""

    token: str = attrs.field(repr=False)
    token_id: str
    account: str
    issued: float
    expires: float
    revoked: bool = False
    inaugural: bool = False


class Sessions:
    """Issues, checks and revokes tokens against an injectable clock."""

    def __init__(self, clock: Callable[[], float], lifetime: float) -> None:
        self._clock = clock
        self.lifetime = lifetime
        self._by_token: dict[str, Session] = {}
        self._ids = itertools.count(1)

    def issue(self, account: str) -> Session:
        now = self._clock()
        session = Session(
            token=secrets.token_hex(16),
            token_id=f"tok-{next(self._ids)}",
            account=account,
            issued=now,
            expires=now + self.lifetime,
        )
        self._by_token[session.token] = session
        return session

    def check(self, token: str | None) -> tuple[TokenState, Session | None]:
        """Classify a presented token; the session comes back unless missing or unknown."""
        if not token:
            return "missing", None
        session = self._by_token.get(token)
        if session is None:
            return "unknown", None
        if session.revoked:
            return "revoked", session
        if self._clock() >= session.expires:
            return "expired", session
        return "ok", session

    def revoke(self, token: str) -> bool:
        """End one session; False when the token was never issued."""
        session = self._by_token.get(token)
        if session is None:
            return False
        session.revoked = True
        return True

    def revoke_all(self, account: str | None = None) -> int:
        """End every session (of one account); returns how many were live."""
        count = 0
        for session in self._by_token.values():
            if not session.revoked and (account is None or session.account == account):
                session.revoked = True
                count += 1
        return count

    def expire(self, token: str) -> bool:
        """Make a token expired now, as if its lifetime had passed."""
        session = self._by_token.get(token)
        if session is None:
            return False
        session.expires = min(session.expires, self._clock())
        return True

    def all(self) -> list[Session]:
        return list(self._by_token.values())
