"""No cyclic-garbage passes while a large answer is turned into objects.

Parsing a 10,000-item list and building its models allocates some 100,000 containers in one
burst; CPython's collector runs a pass every 700 of them and, as the survivors pile up, full
passes over everything alive. None of it can be garbage (the objects form a tree that is being
built), so those passes are pure cost: about a third of ``campaigns.list()`` of 10,000 items.

:func:`collector_paused` turns the collector off for such a burst and back on afterwards, only if
it was on. It is process-wide state, so entries are counted across threads: the collector comes
back when the last burst ends. Reference counting frees everything as usual meanwhile; only cycle
detection waits, and its next pass runs as soon as it is back on. Small answers never touch it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["LARGE_BODY_BYTES", "collector_paused"]

#: Bodies from this size on are parsed with the collector paused (a 100-item list is ~25 KiB).
LARGE_BODY_BYTES = 256 * 1024

_lock = threading.Lock()
_holders = 0
_restore = False  # whether the collector was on when the first holder came


@contextmanager
def collector_paused() -> Iterator[None]:
    """The block runs without cyclic-GC passes (see the module docstring)."""
    global _holders, _restore
    with _lock:
        if _holders == 0:
            _restore = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _restore:
                gc.enable()
