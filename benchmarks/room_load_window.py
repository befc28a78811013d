"""200 phones in the window's room, the projector open: acknowledgements and the projector's
paint (issue 14: the projector's paint stays within a frame while the phones write).

The same room as benchmarks/room_load.py, served as the window serves it: the real window
(offscreen) on the plan, its Room panel's RoomControl starting the room on loopback, every
phone's operation and read run by the WindowWriter on the window's PlanSession on the Qt
thread, the facilitator's own operations through the same session, and the projector
(1920x1080, offscreen) showing the workshop: the wall while the ideas come, the ballots
during the vote. The phones go at a person's pace, or all at once as the issue's burst
(benchmarks/phone_crowd.py); each pace has rooms of its own.

Two figures from the same rooms, at each pace: a room's p99 from request to
acknowledgement (against the same crowd on a bare aiohttp server, as in room_load.py), and
the p95 of the projector's paints during the room (each paint event timed around the
window's own handling), against the p95 of the same projector repainting the room's last
screen (the ballots) once the phones are done.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.core import FRAME_MS, Benchmark, Setup, Step, Target, percentile, sized
from benchmarks.room_load import (
    HOST,
    PHONES,
    SMOKE_PACE,
    Crowd,
    Run,
    _run,
    _writes,
    bare_run,
    check_retries,
    first_cards,
    read_back,
    write_room_plan,
)
from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.models import Phase

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QObject

    from okrdesk.ui.session import PlanSession

WIDTH, HEIGHT = 1920, 1080
IDLE_PAINTS = 30  # repaints of the room's last screen once the phones are done: the baseline
PUMP_MS = 5  # the Qt thread runs its event loop this long between looks at the phones' news


class PaintTimes:
    """How long each paint of a widget took: the widget's own handling of the paint event."""

    def __init__(self) -> None:
        self.ms: list[float] = []
        self.at: list[float] = []  # when each paint started (perf_counter seconds)
        self.whole: list[bool] = []  # whether each paint covered the whole widget

    def watch(self, widget: QObject) -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtGui import QPaintEvent, QRegion
        from PySide6.QtWidgets import QWidget

        times, starts, whole = self.ms, self.at, self.whole

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
                if event.type() != QEvent.Type.Paint:
                    return False
                assert isinstance(event, QPaintEvent) and isinstance(watched, QWidget)
                whole.append(QRegion(watched.rect()).subtracted(event.region()).isEmpty())
                start = time.perf_counter()
                starts.append(start)
                watched.event(event)  # the widget paints (filters are not run again)
                times.append((time.perf_counter() - start) * 1000)
                return True

        self._filter = Filter(widget)
        widget.installEventFilter(self._filter)


@dataclass(frozen=True)
class WindowRun:
    """One room in the window: the phones' writes, and the projector's paints."""

    writes: Run
    paints: tuple[float, ...]  # during the room, milliseconds
    whole: tuple[bool, ...]  # whether each of them repainted the whole screen
    gap: float  # the longest time without a paint during the room, seconds
    seconds: float  # how long the room ran
    idle_paints: tuple[float, ...]  # the same screen repainted once the phones were done
    # The slowest paints: milliseconds, seconds into the room, whether of the whole screen.
    slowest: tuple[tuple[float, float, bool], ...] = ()

    def line(self) -> str:
        whole = [ms for ms, all_of_it in zip(self.paints, self.whole, strict=True) if all_of_it]
        parts = [ms for ms, all_of_it in zip(self.paints, self.whole, strict=True) if not all_of_it]

        def p95(paints: list[float]) -> str:
            return f"{percentile(paints, 0.95):.1f}" if paints else "-"

        return (
            f"    projector: {len(self.paints)} paints in {self.seconds:.0f} s (its clock asks"
            f" for two a second), the longest gap {self.gap:.1f} s; p50 "
            f"{percentile(list(self.paints), 0.5):.1f} ms, p95 "
            f"{percentile(list(self.paints), 0.95):.1f} ms, max {max(self.paints):.1f} ms"
            f" ({len(whole)} of the whole screen, p95 {p95(whole)} ms; {len(parts)} of a part,"
            f" p95 {p95(parts)} ms); the same screen after, nobody writing, p95 "
            f"{percentile(list(self.idle_paints), 0.95):.1f} ms; the slowest: "
            + ", ".join(
                f"{ms:.0f} ms at {at:.1f} s{' (whole)' if all_of_it else ''}"
                for ms, at, all_of_it in self.slowest
            )
        )


def _pump(ms: int = PUMP_MS) -> None:
    """The Qt thread's own event loop for a moment, as the app runs it (``exec``): the window
    writer runs phones' work here. Not ``QTest.qWait``: it sleeps holding Python's GIL, so
    the room's loop and readers, on threads of their own, would get a fraction of the time
    they get in the app (tests/test_room_load_window_pump.py shows this pump lets them run)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def facilitator_opens_the_vote(session: PlanSession, workshop: int) -> None:
    """What the facilitator does in the window: a dozen cards made candidates, the vote on."""
    cards = session.view(first_cards, workshop)
    session.apply_for(ops.ChangePhase(workshop, Phase.GROUP), Actor.FACILITATOR)
    for card in cards:
        session.apply_for(ops.MakeObjectiveFromIdea(card), Actor.FACILITATOR)
    session.apply_for(ops.ChangePhase(workshop, Phase.VOTE), Actor.FACILITATOR)
    session.apply_for(ops.OpenVoting(workshop), Actor.FACILITATOR)


def window_run(
    source: Path, workshop: int, people: list[int], folder: Path, *, pace: float
) -> WindowRun:
    """One room from a fresh copy of the plan, in the window with the projector shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtTest import QTest

    from okrdesk.ui.app import build_window

    path = folder / "room.okrdesk"
    shutil.copyfile(source, path)
    os.environ["OKRDESK_DATA_DIR"] = str(folder)
    window = build_window(path, demo=False, language="zh_CN")
    window.show()
    try:
        session = window.session
        assert session is not None
        projector = window.projector.window
        paints = PaintTimes()
        paints.watch(projector)
        projector.resize(WIDTH, HEIGHT)
        projector.show()
        QTest.qWaitForWindowExposed(projector)
        control = window.room.control
        control.host = HOST  # loopback only
        problem = control.start(workshop)
        if problem:
            raise RuntimeError(problem)
        address = control.address
        assert address is not None
        # The paints of showing the projector (its fonts loaded, the wall laid out) came
        # before any phone: the figure is the paints while the phones write.
        paints.ms.clear()
        paints.at.clear()
        paints.whole.clear()
        began = time.perf_counter()
        base = f"http://{HOST}:{address.port}/r/{address.code}/"
        crowd = Crowd(base, people, pace, pump=_pump)
        try:
            ideas = crowd.expect("ideas")
            facilitator_opens_the_vote(session, workshop)
            crowd.vote()
            done = crowd.expect("done")
        finally:
            crowd.close()
            control.stop()
        during, whole, ended = tuple(paints.ms), tuple(paints.whole), time.perf_counter()
        slowest = tuple(
            sorted(zip(during, (at - began for at in paints.at), whole, strict=True), reverse=True)[
                :5
            ]
        )
        moments = [began, *paints.at, ended]
        gap = max(later - earlier for earlier, later in itertools.pairwise(moments))
        paints.ms.clear()
        paints.whole.clear()
        for _ in range(IDLE_PAINTS):
            projector.repaint()  # the screen the room ended on, nobody writing
        idle = tuple(paints.ms)
    finally:
        window.close_plan()
        window.projector.window.close()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    first, retries = _writes(done)
    check_retries(first, retries)
    lost, duplicated = read_back(path, first, people)
    writes = _run(done, ideas["seconds"] + done["seconds"], lost, duplicated)
    return WindowRun(writes, during, whole, gap, ended - began, idle, slowest)


class Rooms:
    """The rooms run for both figures (a step of either takes the n-th, running it once)."""

    def __init__(self) -> None:
        self.rooms: list[WindowRun] = []
        self.bare: list[Run] = []
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._plan: tuple[Path, int, list[int]] | None = None
        self.size = 0

    def plan(self, phones: int) -> tuple[Path, int, list[int]]:
        if self._plan is None or self.size != phones:
            self.rooms, self.bare, self.size = [], [], phones
            self._folder = tempfile.TemporaryDirectory(prefix="okrdesk-bench-")
            source = Path(self._folder.name) / "plan.okrdesk"
            workshop, people = write_room_plan(source, phones)
            self._plan = (source, workshop, people)
        return self._plan

    def room(self, n: int, phones: int, pace: float) -> WindowRun:
        source, workshop, people = self.plan(phones)
        assert self._folder is not None
        while len(self.rooms) <= n:
            crowd = people if self.rooms else people[: max(2, phones // 10)]
            done = window_run(source, workshop, crowd, Path(self._folder.name), pace=pace)
            label = f"window room, {len(crowd)} phones"
            print(done.writes.line(label), file=sys.stderr, flush=True)
            print(done.line(), file=sys.stderr, flush=True)
            if done.writes.lost or done.writes.duplicated:
                raise RuntimeError(f"lost {done.writes.lost}, duplicated {done.writes.duplicated}")
            self.rooms.append(done)
        return self.rooms[n]

    def bare_room(self, n: int, phones: int, pace: float) -> Run:
        _source, _workshop, people = self.plan(phones)
        while len(self.bare) <= n:
            crowd = people if self.bare else people[: max(2, phones // 10)]
            done = bare_run(crowd, pace=pace)
            print(done.line(f"bare, {len(crowd)} phones"), file=sys.stderr, flush=True)
            self.bare.append(done)
        return self.bare[n]


AT_A_PERSONS_PACE = Rooms()
AT_ONCE = Rooms()


def _figure(of_paints: bool, rooms: Rooms, person_pace: float) -> Setup:
    @contextmanager
    def setup() -> Iterator[tuple[Step, Step]]:
        phones = sized(PHONES, 5)
        pace = person_pace if sized(1, 0) else person_pace * SMOKE_PACE
        calls = [0, 0]

        def measured() -> float:
            done = rooms.room(calls[0], phones, pace)
            calls[0] += 1
            if of_paints:
                return percentile(list(done.paints), 0.95)
            return done.writes.percentile(0.99)

        def baseline() -> float:
            n = calls[1]
            calls[1] += 1
            if of_paints:
                return percentile(list(rooms.room(n, phones, pace).idle_paints), 0.95)
            return rooms.bare_room(n, phones, pace).percentile(0.99)

        yield measured, baseline

    return setup


WRITES = (
    f"{PHONES} phones as in room: ...{{pace}}, their operations run by the window's writer on"
    " the Qt thread, the projector shown; a room's p99, request sent to acknowledgement;"
    " 0 lost, 0 duplicated"
)
PAINTS = (
    "the p95 of the projector's paints (1920x1080, the wall then the ballots) while"
    f" {PHONES} phones write{{pace}} through the window's writer"
)
PERSONS_PACE = " at a person's pace"
ALL_AT_ONCE = " all at once (the issue's burst)"
BARE = "the same phones against a bare aiohttp server (parse the JSON, answer, notify)"
IDLE = "the same projector repainting the room's last screen once the phones were done"
BENCHMARKS = [
    benchmark
    for name, words, rooms, pace in (
        ("200 phones at a person's pace", PERSONS_PACE, AT_A_PERSONS_PACE, 1.0),
        ("200 phones at once", ALL_AT_ONCE, AT_ONCE, 0.0),
    )
    for benchmark in (
        Benchmark(
            f"room in the window: {name}, a write acknowledged",
            WRITES.format(pace=words),
            BARE,
            _figure(False, rooms, pace),
            runs=1,
            target=Target(max_ms=50.0),
        ),
        Benchmark(
            "room in the window: the projector's paint during 200 phones"
            + ("" if pace else " at once"),
            PAINTS.format(pace=words),
            IDLE,
            _figure(True, rooms, pace),
            runs=1,
            target=Target(max_ms=FRAME_MS),
        ),
    )
]
