"""The progress review at the end of a big cycle: one check-in typed in, what the room waits for.

The issue's figure: in a cycle of 60 units, 250 objectives, 1,000 key results with 13 weekly
check-ins each (benchmarks/quarter_plan.py), the review screen's refresh per check-in p95 ≤
16 ms. Measured on the real window offscreen, its progress review open on a department's
workshop and the projector shown at 1920x1080 following it: the facilitator types a value
and presses Enter, so a step is RecordCheckIn through the session (the operation, its commit,
the change notice), the review following it (``review_after``: the key result read again, its
row and its objective's updated), the form moved to the next key result, and every repaint
that shows it, the projector's included (only what changed, which the measure waits for all
the same). The baseline, in the same run: one row inserted and committed by raw sqlite3 on
the same disk. Figures and where the time goes: docs/quarter.md, "The review's figure".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from itertools import count
from pathlib import Path

from benchmarks.core import Benchmark, Step
from benchmarks.engine_ops import BASELINE, _bare_commit
from benchmarks.quarter_plan import QuarterPlan, quarter_plan_copy
from benchmarks.window_ops import FRAME_MS, PaintWatch, _settle, _window_on

KEY_RESULTS_SHOWN = 4  # a round over the first objective's key results, again and again


@contextmanager
def _review() -> Iterator[tuple[Step, Step]]:
    plan: list[QuarterPlan] = []

    def write(path: Path) -> None:
        plan.append(quarter_plan_copy(path))

    with _window_on(write) as (window, path):
        from PySide6.QtWidgets import QWidget

        from okrdesk.ui.review_dialog import ReviewDialog

        session = window.session
        assert session is not None
        projector = window.projector.window
        projector.resize(1920, 1080)
        projector.show()
        dialog = ReviewDialog(
            session, plan[0].department_workshop, window, projector=projector.show_review
        )
        dialog.show()
        assert dialog.view is not None and dialog.current() is not None
        shown = sum(len(objective.key_results) for objective in dialog.view.objectives)
        assert shown >= KEY_RESULTS_SHOWN, shown
        watch = PaintWatch([projector, dialog.tree.viewport(), *dialog.findChildren(QWidget)])
        baseline, connection = _bare_commit(path)
        values = count(1)
        _settle(watch)

        def check_in() -> None:
            n = next(values)
            if n % KEY_RESULTS_SHOWN == 0:
                dialog.step(-KEY_RESULTS_SHOWN)  # the last one done: back to the first (Home)
            dialog.value.setText(str(n % 90 + 5))
            dialog.confidence.setValue(n % 11)
            dialog.record_check_in()
            _settle(watch)
            assert not dialog.problem.isVisible(), dialog.problem.text()

        with closing(connection):
            yield check_in, baseline
        dialog.close()


BENCHMARKS = [
    Benchmark(
        "review: a check-in, big cycle",
        "RecordCheckIn + commit + the review's list and form + projector, 60 units, 1,000 KRs"
        " with 13 check-ins each",
        BASELINE,
        _review,
        30.0,
        FRAME_MS,
        on_screen=True,
    ),
]
