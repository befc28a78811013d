"""Reading a plan from either of its forms: a plan file (read-only) or its JSON export."""

from __future__ import annotations

from pathlib import Path

from okrdesk.engine.context import Clock
from okrdesk.engine.snapshot import PlanSnapshot, plan_snapshot
from okrdesk.models.planfile import PlanFile
from okrdesk.models.types import utc_now


def read_snapshot(path: Path, clock: Clock = utc_now) -> PlanSnapshot:
    """A plan file (opened read-only, never changed) or a plan JSON export, as a snapshot.

    The clock dates a plan file's running phase (a JSON export carries its own minutes);
    the CLI and the window pass theirs, tests a fixed one.
    """
    if path.suffix.lower() == ".json":
        # Imported only to read a plan JSON: its schema (pydantic) slows every command's start.
        from okrdesk.engine.json_reader import read_plan_json

        return read_plan_json(path)
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        return plan_snapshot(session, clock)
