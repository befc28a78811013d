"""The heap settled while a room is open, so the cycle collector's pauses stay short.

A room is the app's busiest time: two hundred phones' requests, reads and notices allocate
fast, and every so often Python's cycle collector walks the whole heap while every thread
(the projector's paint, the writer, the server) waits for it. Most of that heap is the
imported modules (SQLAlchemy, PySide6, reportlab, aiohttp: about two hundred thousand
objects) and never becomes garbage. ``gc.freeze()`` moves what lives now out of the
collector's way, as the Python documentation suggests for a long-lived process; the garbage
of the moment is collected first, so nothing frozen is garbage. When the room closes the heap
is unfrozen, so what was alive then (a plan closed since) can be collected again. Measured in
the window with 200 phones (docs/room-server.md, "Load"): full collections of 106-315 ms
became 30-126 ms.
"""

from __future__ import annotations

import gc


def settle_heap() -> bool:
    """Collect, then freeze what lives; whether this call did it (not while already frozen)."""
    if gc.get_freeze_count():
        return False
    gc.collect()
    gc.freeze()
    return True


def release_heap() -> None:
    """Unfreeze: what the room's time kept, once garbage, is the collector's again."""
    gc.unfreeze()
