"""`Progress`: the hook long calls take as `progress=` (re-exported as `peerclick.Progress`).

A module of its own so that `import peerclick` stays light: `peerclick.types` pulls in every
generated model.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Progress"]


class Progress(Protocol):
    """Told after every page: rows done so far, and the result's total once known (else None).

    Any callable with this signature works, e.g. ``lambda done, total: print(done, total)`` or
    a progress bar's update method. It runs in the calling thread (or task) between pages; an
    exception it raises stops the call (an export then leaves the previous file untouched).
    """

    def __call__(self, done: int, total: int | None) -> None: ...
