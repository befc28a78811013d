"""The window with 1,000 cards: a change, its commit and every view's refresh, and start-up."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from itertools import count
from pathlib import Path

from benchmarks.core import Benchmark, Step
from benchmarks.engine_ops import BASELINE, _bare_commit, big_plan_ids, write_big_plan
from okrdesk.engine import ops

FRAME_MS = 16.0  # one frame at 60 Hz


@contextmanager
def _window_on(write: Callable[[Path], None]) -> Iterator[tuple[object, Path]]:
    """The real window, offscreen, on a plan written for the benchmark; torn down after."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent

    from okrdesk.ui.app import build_window

    with tempfile.TemporaryDirectory(prefix="okrdesk-bench-") as folder:
        os.environ["OKRDESK_DATA_DIR"] = folder
        path = Path(folder) / "bench.okrdesk"
        write(path)
        window = build_window(path, demo=False, language="zh_CN")
        window.show()
        try:
            yield window, path
        finally:
            window.close_plan()
            window.projector.window.close()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _setup(kind: str) -> Callable[[], AbstractContextManager[tuple[Step, Step]]]:
    @contextmanager
    def setup() -> Iterator[tuple[Step, Step]]:
        from PySide6.QtWidgets import QApplication

        with _window_on(write_big_plan) as (window, path):
            session = window.session  # type: ignore[attr-defined]
            with session.read() as reading:
                _people, ideas, objectives = big_plan_ids(reading)
            baseline, connection = _bare_commit(path)
            numbers = count()

            def settle() -> None:
                # Let the views repaint what changed: part of "the change is on screen".
                QApplication.processEvents()

            def add_card() -> None:
                session.run(ops.AddIdea(1, f"新想法 {next(numbers)}"))
                settle()

            def move_card() -> None:
                n = next(numbers)
                session.run(ops.MoveIdea(ideas[100 + n % 500], objectives[n % len(objectives)], 0))
                settle()

            def undo_add() -> float:
                session.run(ops.AddIdea(1, "撤销我"))
                settle()
                start = time.perf_counter()
                session.undo_stack.undo()
                settle()
                return (time.perf_counter() - start) * 1000

            def undo_move() -> float:
                n = next(numbers)
                session.run(ops.MoveIdea(ideas[100 + n % 500], objectives[n % len(objectives)], 0))
                settle()
                start = time.perf_counter()
                session.undo_stack.undo()
                settle()
                return (time.perf_counter() - start) * 1000

            steps = {
                "add": add_card,
                "move": move_card,
                "undo_add": undo_add,
                "undo_move": undo_move,
            }
            with closing(connection):
                yield steps[kind], baseline

    return setup


def write_voting_plan(path: Path, candidates: int = 200, people: int = 50) -> None:
    """One workshop voting on 200 candidate objectives with 50 participants."""
    from datetime import date

    from okrdesk.engine.editor import PlanEditor
    from okrdesk.models import Phase
    from okrdesk.models.planfile import PlanFile

    with PlanFile.create(path, "Bench Co") as plan:
        editor = PlanEditor(plan)
        with editor.batch("op.generic"):
            cycle = editor.apply(
                ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
            ).result
            unit = editor.apply(ops.CreateUnit("Bench Co")).result
            workshop = editor.apply(ops.CreateWorkshop(unit, cycle, "投票大会")).result
            editor.apply(ops.UpdateWorkshopSettings(workshop, dot_budget=20, dot_cap=20))
            for n in range(people):
                editor.apply(ops.AddParticipant(workshop, f"参与者 {n}"))
            editor.apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
            editor.apply(ops.AddIdea(workshop, "第一张卡片"))
            editor.apply(ops.ChangePhase(workshop, Phase.GROUP))
            for n in range(candidates):
                editor.apply(ops.CreateObjective(workshop, f"候选目标 {n}：提升客户满意度"))
            editor.apply(ops.ChangePhase(workshop, Phase.VOTE))
            editor.apply(ops.OpenVoting(workshop))


def _projector_voting(kind: str) -> Callable[[], AbstractContextManager[tuple[Step, Step]]]:
    return lambda: _voting_room(kind)


@contextmanager
def _voting_room(kind: str) -> Iterator[tuple[Step, Step]]:
    from PySide6.QtWidgets import QApplication

    with _window_on(write_voting_plan) as (window, path):
        window.projector.window.resize(1920, 1080)  # type: ignore[attr-defined]
        window.projector.window.show()  # type: ignore[attr-defined]
        session = window.session  # type: ignore[attr-defined]
        baseline, connection = _bare_commit(path)
        numbers = count()

        def ballot_in() -> None:
            # Each step changes what the room sees ("ballots in" goes up, or down when a
            # voter takes the ballot back), so the projector really redraws every time.
            n = next(numbers)
            person = 1 + n % 50
            if (n // 50) % 2 == 0:
                session.run(ops.ConfirmBallot(1, person))
            else:
                session.run(ops.RedoBallot(1, person))
            QApplication.processEvents()  # the projector repaints what changed

        def cast_dot() -> None:
            n = next(numbers)
            session.run(ops.CastDot(1, 1 + n % 50, 1 + (n * 7) % 200))
            QApplication.processEvents()

        with closing(connection):
            yield (cast_dot if kind == "dot" else ballot_in), baseline


BARE_WINDOW = textwrap.dedent(
    """
    import sys
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("okrdesk"))
    window.resize(1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    """
)
OKRDESK_WINDOW = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtTest import QTest
    from okrdesk.ui.app import build_window
    window = build_window(Path(sys.argv[1]), demo=False, language="zh_CN")
    window.show()
    QTest.qWaitForWindowExposed(window)
    assert window.view.pages[window.view.phase].isVisible()
    """
)


@contextmanager
def _startup() -> Iterator[tuple[Step, Step]]:
    """Whole processes, from start to a shown window: what a facilitator waits for."""
    with tempfile.TemporaryDirectory(prefix="okrdesk-bench-") as folder:
        path = Path(folder) / "big.okrdesk"
        write_big_plan(path)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OKRDESK_DATA_DIR": folder}

        def launch(script: str) -> Step:
            def step() -> None:
                subprocess.run([sys.executable, "-c", script, str(path)], env=env, check=True)

            return step

        yield launch(OKRDESK_WINDOW), launch(BARE_WINDOW)


BENCHMARKS = [
    Benchmark(
        "window: add card", "AddIdea + commit + views", BASELINE, _setup("add"), 20.0, FRAME_MS
    ),
    Benchmark(
        "window: move card", "MoveIdea + commit + views", BASELINE, _setup("move"), 20.0, FRAME_MS
    ),
    Benchmark(
        "window: undo add",
        "undo an added card + views",
        BASELINE,
        _setup("undo_add"),
        20.0,
        FRAME_MS,
    ),
    Benchmark(
        "window: undo move", "undo a move + views", BASELINE, _setup("undo_move"), 20.0, FRAME_MS
    ),
    Benchmark(
        "projector: cast a dot",
        "CastDot + commit + laptop and projector, 200 candidates, 50 voters",
        BASELINE,
        _projector_voting("dot"),
        30.0,
        FRAME_MS,
    ),
    Benchmark(
        "projector: a ballot comes in",
        "ConfirmBallot/RedoBallot + commit + projector redraw, 200 candidates, 50 voters",
        BASELINE,
        _projector_voting("ballot"),
        30.0,
        FRAME_MS,
    ),
    Benchmark(
        "startup: 1,000-card plan",
        "process start to the plan's window shown",
        "process start to a bare PySide6 window shown",
        _startup,
        # The issue asks for 1.5x, but importing SQLAlchemy alone takes longer than the bare
        # window's whole start (see README): 1.5x is out of reach with the fixed stack.
        # This ceiling guards against getting slower than today (about 7x).
        8.0,
    ),
]
