"""The `peerclick` logger, and the PEERCLICK_LOG switch that sends it to stderr.

Log lines carry the method, the path, statuses, timings and retry decisions: never headers, query
strings or bodies, since those can hold the access key, the password or the token.
"""

from __future__ import annotations

import logging
import os
import warnings

__all__ = ["logger", "setup_from_env"]

logger = logging.getLogger("peerclick")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_HANDLER_NAME = "peerclick-env-stderr"


def setup_from_env() -> None:
    """Attach one stderr handler when PEERCLICK_LOG=debug|info|warning (idempotent)."""
    value = os.environ.get("PEERCLICK_LOG", "").strip().lower()
    if not value:
        return
    level = _LEVELS.get(value)
    if level is None:  # said, not ignored: a typo would otherwise look like "nothing to log"
        warnings.warn(
            f"PEERCLICK_LOG={value!r} is not one of {', '.join(_LEVELS)}; logging stays off",
            RuntimeWarning,
            stacklevel=3,
        )
        return
    logger.setLevel(level)
    if any(h.get_name() == _HANDLER_NAME for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
