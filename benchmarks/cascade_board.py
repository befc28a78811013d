"""The cascade board of the big cycle, as the facilitator waits for it: read and shown again.

The issue's figure: the cascade board for a cycle of 60 units (benchmarks/quarter_plan.py)
within 100 ms. Measured on the real window offscreen with Workshop → Cascade Board open and
the projector shown at 1920x1080 following it. The big cycle is taken two weeks in: a fifth
of its units not yet approved (in progress or returned), and four people under every team
and department (240 person units, counted on their unit's row). A step is what a change
notice or the turn of the day makes the board do: ``cascade_board`` read through the
session, every row's words made, the rows whose words changed set in place, and every
repaint that shows it, the projector's included. The steps alternate between two days (two
days left of the two weeks; five days past them), so each one changes the count, a fifth of
the rows' words and their red, as a real change does.

The baseline, in the same run: a bare QTreeWidget of the same 60 rows of four texts, every
text changed and the tree repainted (what Qt alone costs for a board this size).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from sqlalchemy import insert, select, update

from benchmarks.core import Benchmark, Step, sized
from benchmarks.quarter_plan import QuarterPlan, quarter_plan_copy
from benchmarks.window_ops import PaintWatch, _settle, _window_on
from okrdesk.models import Decision, OrgUnit, Phase, SignOff, UnitLevel, Workshop
from okrdesk.models.planfile import PlanFile

TARGET_MS = 100.0
PEOPLE_PER_UNIT = 4
# Two days either side of the deadline (1 January 2027): the rows not approved turn red.
DAYS = (datetime(2026, 12, 30, 10, 0, tzinfo=UTC), datetime(2027, 1, 6, 10, 0, tzinfo=UTC))


def write_cascade_plan(path: Path) -> QuarterPlan:
    """The big cycle two weeks in: every fifth unit's OKRs not approved yet (in progress, or
    returned by the signer), and people under each unit but the company."""
    plan = quarter_plan_copy(path)
    pending = plan.workshops[1::5]
    with PlanFile.open(path) as opened, opened.transaction() as session:
        for n, workshop in enumerate(pending):
            returned = n % 2 == 1
            session.execute(
                update(Workshop)
                .where(Workshop.id == workshop)
                .values(locked=False, phase=Phase.GROUP if returned else Phase.SELECT)
            )
            if returned:
                session.execute(
                    insert(SignOff).values(
                        workshop_id=workshop,
                        round=2,
                        decision=Decision.RETURN,
                        signer="周总 CEO Zhou",
                        comment="请与公司目标对齐",
                        decided_at=datetime(2026, 12, 24, 9, 0, tzinfo=UTC),
                    )
                )
        units = session.scalars(select(OrgUnit.id).where(OrgUnit.parent_id.is_not(None))).all()
        people = [
            {
                "name": f"成员 {unit}-{n}",
                "level": UnitLevel.PERSON,
                "parent_id": unit,
                "position": n,
            }
            for unit in units
            for n in range(sized(PEOPLE_PER_UNIT, 1))
        ]
        session.execute(insert(OrgUnit), people)
    return plan


@contextmanager
def _board() -> Iterator[tuple[Step, Step]]:
    plan: list[QuarterPlan] = []

    def write(path: Path) -> None:
        plan.append(write_cascade_plan(path))

    with _window_on(write) as (window, _path):
        from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

        from okrdesk.ui.cascade_dialog import CascadeDialog

        session = window.session
        assert session is not None
        days = count()
        session.editor.clock = lambda: DAYS[0]
        projector = window.projector.window
        projector.resize(1920, 1080)
        projector.show()
        dialog = CascadeDialog(session, plan[0].cycle_id, window, projector=projector.show_cascade)
        dialog.show()
        assert dialog.board is not None and len(dialog.board.units) == 60
        watch = PaintWatch([projector, dialog.tree.viewport(), *dialog.findChildren(QWidget)])
        _settle(watch)

        def refresh() -> None:
            day = DAYS[next(days) % 2 - 1]  # the other day than the one shown
            session.editor.clock = lambda: day
            dialog.refresh()
            _settle(watch)

        bare = QTreeWidget()
        bare.setColumnCount(4)
        rows = [QTreeWidgetItem(bare, ["", "", "", ""]) for _ in range(60)]
        bare.resize(900, 700)
        bare.show()
        bare_watch = PaintWatch([bare.viewport()])
        turns = count()

        def baseline() -> None:
            turn = next(turns)
            for n, item in enumerate(rows):
                for column in range(4):
                    item.setText(column, f"单位 {n} · {column} · {turn % 2}")
            _settle(bare_watch)

        _settle(bare_watch)
        yield refresh, baseline
        dialog.close()
        bare.close()


BENCHMARKS = [
    Benchmark(
        "cascade: the board refreshed, big cycle",
        "cascade_board read + rows set in place + repaints (window and projector), 60 units,"
        " 240 people, a fifth not approved",
        "a bare QTreeWidget: 60 rows of 4 texts changed and repainted",
        _board,
        max_ms=TARGET_MS,
        on_screen=True,
    ),
]
