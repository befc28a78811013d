"""The quarter tests' signed-off plan as pytest fixtures, and the helpers they share.

A test module takes the fixture by importing it (pytest finds it by its name, ``plan``):

    from tests.quarter_fixtures import approved_plan  # noqa: F401 (the fixture)

``plan`` is then an editor on a fresh copy of the plan of tests/checkin_plan.py, which
conftest's ``approved_template`` builds once per test process (a few dozen operations).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from okrdesk.engine.review_view import ReviewView, review_view
from okrdesk.models import CheckIn
from tests.checkin_plan import Approved, open_copy

MID_FEBRUARY = datetime(2027, 2, 15, tzinfo=UTC)  # half of 2027-Q1 gone

Built = tuple[int, dict[str, int], dict[str, int]]


@pytest.fixture(name="plan")
def approved_plan(approved_template: tuple[Path, Built], tmp_path: Path) -> Iterator[Approved]:
    """An editor on the test's own copy of the signed-off plan."""
    path, built = approved_template
    opened = open_copy(path, built, tmp_path / "plan.okrdesk")
    yield opened
    opened.editor.plan.close()


def review(plan: Approved, now: datetime = MID_FEBRUARY) -> ReviewView | None:
    """The whole review of the plan's workshop, read afresh."""
    return plan.editor.view(review_view, plan.workshop, now)


def check_ins(plan: Approved) -> list[tuple[Any, ...]]:
    """Every check-in of the plan as stored, in the order recorded."""
    with plan.editor.plan.reader() as session:
        return [
            (c.key_result_id, c.value, c.done, c.percent, c.confidence, c.comment, c.recorded_by)
            for c in session.scalars(select(CheckIn).order_by(CheckIn.id))
        ]


def add_many(path: Path, objective_ids: list[int], per_objective: int, check_ins: int) -> int:
    """Many key results with many check-ins and score entries, written straight to the file."""
    db = sqlite3.connect(path)
    added = 0
    for objective_id in objective_ids:
        for position in range(10, 10 + per_objective):
            cursor = db.execute(
                "INSERT INTO key_result (objective_id, title, kind, start_value, target_value,"
                " commitment, position, uuid)"
                " VALUES (?, ?, 'metric', '0', '100', 'aspirational', ?, ?)",
                (objective_id, f"KR {position}", position, str(uuid.uuid4())),
            )
            for week in range(check_ins):
                db.execute(
                    "INSERT INTO check_in (key_result_id, recorded_at, value, confidence)"
                    " VALUES (?, ?, ?, 5)",
                    (cursor.lastrowid, f"2027-01-{week + 10:02d}T09:00:00.000000+00:00", week),
                )
            db.execute(
                "INSERT INTO key_result_score (key_result_id, score, reason, decided_at)"
                " VALUES (?, '0.5', 'agreed', '2027-04-01T09:00:00.000000+00:00')",
                (cursor.lastrowid,),
            )
            added += 1
    db.commit()
    db.close()
    return added
