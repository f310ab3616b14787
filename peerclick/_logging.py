"""The `peerclick` logger, and the PEERCLICK_LOG switch that sends it to stderr.

Log lines carry the method, the path, statuses, timings and retry decisions: never headers, query
strings or bodies, since those can hold the access key, the password or the token.
"""

from __future__ import annotations

import logging
import os

__all__ = ["logger", "setup_from_env"]

logger = logging.getLogger("peerclick")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_HANDLER_NAME = "peerclick-env-stderr"


def setup_from_env() -> None:
    """Attach one stderr handler when PEERCLICK_LOG=debug|info|warning (idempotent)."""
    level = _LEVELS.get(os.environ.get("PEERCLICK_LOG", "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if any(h.get_name() == _HANDLER_NAME for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
