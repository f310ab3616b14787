"""Small private files of the CLI (resume state, cached tokens): owner-only and written atomically.

Directories are created 0700 and files 0600 (`tempfile.mkstemp` creates them so), then renamed
into place with `os.replace`, so a reader sees the old content or the new, never half of it.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["private_dir", "read_json", "write_private_json"]


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed; the leaf is made owner-only (0700)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and (path.stat().st_mode & 0o777) != 0o700:
        os.chmod(path, 0o700)
    return path


def write_private_json(path: Path, value: Any) -> None:
    """Write JSON to `path` atomically, readable by the owner only (0600)."""
    private_dir(path.parent)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def read_json(path: Path) -> Any:
    """The JSON in `path`, or None when it is missing or unreadable (a cache, not a record)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
