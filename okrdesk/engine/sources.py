"""Reading a plan from either of its forms: a plan file (read-only) or its JSON export."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from okrdesk.engine.context import Clock
from okrdesk.engine.snapshot import PlanSnapshot, plan_snapshot, workshop_snapshot
from okrdesk.models.planfile import PlanFile
from okrdesk.models.types import utc_now


def read_snapshot(
    path: Path, clock: Clock = utc_now, workshop_id: int | None = None
) -> PlanSnapshot:
    """A plan file (opened read-only, never changed) or a plan JSON export, as a snapshot.

    With a workshop, the snapshot holds that workshop only (none if there is none such):
    from a plan file only that workshop is read (``workshop_snapshot``). The clock dates a
    plan file's running phase (a JSON export carries its own minutes); the CLI and the
    window pass theirs, tests a fixed one.
    """
    if path.suffix.lower() == ".json":
        # Imported only to read a plan JSON: its schema (pydantic) slows every command's start.
        from okrdesk.engine.json_reader import read_plan_json

        snapshot = read_plan_json(path)
        if workshop_id is None:
            return snapshot
        return dataclasses.replace(
            snapshot, workshops=tuple(w for w in snapshot.workshops if w.id == workshop_id)
        )
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        if workshop_id is not None:
            return workshop_snapshot(session, workshop_id, clock())
        return plan_snapshot(session, clock)
