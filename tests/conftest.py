"""Shared fixtures: real plan files in tmp_path, an editor, and a workshop ready to use."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import Phase
from okrdesk.models.changelog import UNCAPTURED_TABLES
from okrdesk.models.planfile import PlanFile


class StepClock:
    """A deterministic clock: one second later on every call."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 14, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user's default plan."""
    monkeypatch.setenv("OKRDESK_DATA_DIR", str(tmp_path / "user-data"))


@pytest.fixture(scope="session")
def empty_plan_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("template") / "empty.okrdesk"
    PlanFile.create(path, "Northstar").close()
    return path.read_bytes()


@pytest.fixture
def plan_path(tmp_path: Path, empty_plan_bytes: bytes) -> Path:
    path = tmp_path / "plan.okrdesk"
    path.write_bytes(empty_plan_bytes)
    return path


@pytest.fixture
def plan(plan_path: Path) -> Iterator[PlanFile]:
    opened = PlanFile.open(plan_path)
    yield opened
    opened.close()


@pytest.fixture
def editor(plan: PlanFile) -> PlanEditor:
    return PlanEditor(plan, clock=StepClock())


def table_state(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every undoable row of the plan, exactly as stored (audit log excluded by design)."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if name not in UNCAPTURED_TABLES and name != "alembic_version"
        ]
        return {name: db.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall() for name in names}
    finally:
        db.close()


@dataclass
class Room:
    """A workshop with participants, and shortcuts for driving it through its phases."""

    editor: PlanEditor
    path: Path
    cycle: int
    company: int
    workshop: int
    people: list[int] = field(default_factory=list)

    def do(self, operation: Any) -> Any:
        return self.editor.apply(operation).result

    def state(self) -> dict[str, list[tuple[Any, ...]]]:
        return table_state(self.path)

    def go(self, phase: Phase) -> None:
        self.do(ops.ChangePhase(self.workshop, phase))

    def idea(self, text: str, author: int | None = None) -> int:
        return self.do(ops.AddIdea(self.workshop, text, author))

    def objective(self, title: str, krs: int = 0) -> int:
        objective_id = self.do(ops.CreateObjective(self.workshop, title))
        for number in range(krs):
            self.do(
                ops.AddKeyResult(
                    objective_id,
                    ops.KeyResultFields(f"{title}: KR {number + 1} reaches {10 * (number + 1)}", target=10),
                )
            )
        return objective_id

    def to_voting(self, titles: list[str], krs: int = 2) -> list[int]:
        """Brainstorm one card, group the given objectives, and open the vote."""
        self.go(Phase.BRAINSTORM)
        self.idea("first card")
        self.go(Phase.GROUP)
        objectives = [self.objective(title, krs) for title in titles]
        self.go(Phase.VOTE)
        self.do(ops.OpenVoting(self.workshop))
        return objectives

    def dots(self, person: int, objective: int, count: int) -> None:
        for _ in range(count):
            self.do(ops.CastDot(self.workshop, person, objective))

    def close_and_reveal(self) -> None:
        self.do(ops.CloseVoting(self.workshop))
        self.do(ops.RevealTally(self.workshop))


@pytest.fixture
def room(editor: PlanEditor, plan_path: Path) -> Room:
    cycle = editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))).result
    company = editor.apply(ops.CreateUnit("Northstar")).result
    workshop = editor.apply(ops.CreateWorkshop(company, cycle, "Management meeting")).result
    room = Room(editor, plan_path, cycle, company, workshop)
    room.people = [room.do(ops.AddParticipant(workshop, name)) for name in ("Ana", "Bo", "陈", "Dee")]
    return room


@pytest.fixture(autouse=True)
def _answer_yes_to_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question would wait forever in a test: say yes (tests that care check the text)."""
    from okrdesk.ui import dialogs

    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _question: True)
