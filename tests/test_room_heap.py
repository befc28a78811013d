"""A room settles the heap before the phones come (okrdesk/room/heap.py): the garbage of the
moment collected, what lives frozen out of the cycle collector's way; and unfrozen when the
room stops, so what it kept (a plan closed since) is the collector's again. In a process of
its own, as the app is: the freeze is for a whole process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import gc, json, sys, weakref
from pathlib import Path
from okrdesk.demo import write_demo
from okrdesk.models.planfile import PlanFile
from okrdesk.models import Workshop
from okrdesk.room.heap import settle_heap
from okrdesk.room.serving import RoomService
from okrdesk.room.writer import HeadlessWriter

path = Path(sys.argv[1])
write_demo(path, "brainstorm")
with PlanFile.open(path) as plan, plan.reader() as session:
    workshop = session.query(Workshop.id).order_by(Workshop.id).first()[0]

class Node:
    pass

garbage = Node()
garbage.me = garbage  # a cycle: only the collector frees it
dead = weakref.ref(garbage)
del garbage
kept = Node()
kept.me = kept  # alive when the room starts (a plan open then), let go while it runs
let_go = weakref.ref(kept)
service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
service.start()
frozen_at_start = gc.get_freeze_count()
collected = dead() is None
again = settle_heap()  # while the room is open: nothing more
del kept
gc.collect()
kept_while_open = let_go() is not None
service.stop()
frozen_after = gc.get_freeze_count()
gc.collect()
freed_after = let_go() is None
print(json.dumps([frozen_at_start, collected, again, kept_while_open, frozen_after, freed_after]))
"""


def test_a_room_freezes_the_heap_while_it_serves_and_unfreezes_it_after(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "plan.okrdesk")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    at_start, collected, again, kept_while_open, after, freed = json.loads(
        done.stdout.splitlines()[-1]
    )
    assert at_start > 10_000  # the imported modules' objects, out of the collector's way
    assert collected  # the garbage of the moment was collected first, not frozen
    assert again is False
    assert kept_while_open  # frozen: the collector leaves it while the room runs
    assert after == 0 and freed  # the room stopped: the collector's again
