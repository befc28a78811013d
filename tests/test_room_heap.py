"""A room settles the heap once before the phones come (okrdesk/room/heap.py): the garbage of
the moment collected, what lives frozen out of the cycle collector's way. In a process of its
own, as the app is: the freeze is for a whole process, once."""

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
frozen_before = gc.get_freeze_count()
service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
service.start()
frozen_at_start = gc.get_freeze_count()
collected = dead() is None
service.stop()
frozen_again = settle_heap()  # a room again, or anyone: settled once in a process
print(json.dumps([frozen_before, frozen_at_start, collected, frozen_again]))
"""


def test_a_room_collects_then_freezes_the_heap_once_before_serving(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "plan.okrdesk")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    before, at_start, collected, again = json.loads(done.stdout.splitlines()[-1])
    assert before == 0
    assert at_start > 10_000  # the imported modules' objects, out of the collector's way
    assert collected  # the garbage of the moment was collected first, not frozen
    assert again is False
