"""The window room's benchmark runs the Qt thread's event loop as the app does: idle, it lets
the room's own threads run.

``QTest.qWait`` sleeps holding Python's GIL: a benchmark pumping with it gave the room's
event loop and readers a fraction of the processor time they get under
``QApplication.exec``, and reported a window room four to six times slower than the
facilitator's (p99 of 400-630 ms at a person's pace against 94 ms).
"""

from __future__ import annotations

import sys
import threading
import time

from pytestqt.qtbot import QtBot

from benchmarks.room_load_window import _pump

PUMP_MS = 50
PUMPS = 20  # a second at most; the other thread runs during the first pump on a quiet machine


def test_another_python_thread_runs_while_the_pump_idles(qtbot: QtBot) -> None:
    go = threading.Lock()
    go.acquire()
    ran: list[float] = []

    def other() -> None:
        with go:  # waits without the GIL; wakes wanting it
            ran.append(time.perf_counter())

    thread = threading.Thread(target=other)
    pumps: list[tuple[float, float]] = []
    interval = sys.getswitchinterval()
    sys.setswitchinterval(30.0)  # no forced switches: the GIL changes hands when given up
    try:
        thread.start()
        go.release()  # the other thread now wants the GIL, which this thread holds
        while not ran and len(pumps) < PUMPS:
            began = time.perf_counter()
            _pump(PUMP_MS)
            pumps.append((began, time.perf_counter()))
    finally:
        sys.setswitchinterval(interval)
        thread.join(10)
    assert ran
    assert any(began <= ran[0] <= ended for began, ended in pumps), (
        "the other thread ran only between pumps: the pump holds the GIL while it idles"
    )
