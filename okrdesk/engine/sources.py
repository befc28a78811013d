"""Reading a plan from either of its forms: a plan file (read-only) or its JSON export."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from okrdesk.engine.context import Clock
from okrdesk.engine.snapshot import PlanSnapshot, plan_snapshot, workshop_snapshot
from okrdesk.models.planfile import Checks, PlanFile
from okrdesk.models.plantext import check_plan_text
from okrdesk.models.types import utc_now


def read_snapshot(
    path: Path, clock: Clock = utc_now, workshop_id: int | None = None
) -> PlanSnapshot:
    """A plan file (opened read-only, never changed) or a plan JSON export, as a snapshot.

    With a workshop, the snapshot holds that workshop only (none if there is none such):
    from a plan file only that workshop is read (``workshop_snapshot``), and what is checked
    on opening follows that part, not the whole plan (``Checks.PART``): a text or a number
    of the workshop's rows that the read cannot take is then named as a whole-plan opening
    names it. The clock dates a
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
    if workshop_id is None:
        with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
            return plan_snapshot(session, clock)
    with PlanFile.open(path, read_only=True, checks=Checks.PART) as plan:
        try:
            with plan.reader() as session:
                return workshop_snapshot(session, workshop_id, clock())
        except Exception:
            # A row the read met holds bytes that are not UTF-8, or a number that is none:
            # the whole text check names where (a PlanFileError). Anything else stands.
            check_plan_text(path)
            raise
