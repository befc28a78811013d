"""The heap settled once before a room opens, so the cycle collector's pauses stay short.

A room is the app's busiest time: two hundred phones' requests, reads and notices allocate
fast, and every so often Python's cycle collector walks the whole heap while every thread
(the projector's paint, the writer, the server) waits for it. Most of that heap is the
imported modules (SQLAlchemy, PySide6, reportlab, aiohttp: about two hundred thousand
objects) and never becomes garbage. ``gc.freeze()`` moves what lives now out of the
collector's way, as the Python documentation suggests for a long-lived process; the garbage
of the moment is collected first, so nothing frozen is garbage. Measured in the window with
200 phones (docs/room-server.md, "Load"): full collections of 106-315 ms became 30-126 ms.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_settled = False


def settle_heap() -> bool:
    """Collect, then freeze what lives, once in a process; whether this call did it."""
    global _settled
    with _lock:
        if _settled:
            return False
        gc.collect()
        gc.freeze()
        _settled = True
        return True
