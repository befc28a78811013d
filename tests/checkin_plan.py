"""A plan whose management meeting signed off its OKRs: the starting point of check-ins.

Built once (a few dozen operations; tests/quarter_fixtures.py builds it once per test process)
and copied for each test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import Commitment, Decision, KeyResultKind, Phase
from okrdesk.models.planfile import PlanFile
from tests.conftest import StepClock, table_state

# Key results of the approved OKRs, by a short name: (objective, fields).
KEY_RESULTS: dict[str, tuple[str, ops.KeyResultFields]] = {
    "delivery": (
        "Faster delivery",
        ops.KeyResultFields("Cut delivery from 21 to 7 days", start=21, target=7, unit="days"),
    ),
    "site": (
        "Faster delivery",
        ops.KeyResultFields(
            "Launch the tracking page",
            kind=KeyResultKind.MILESTONE,
            commitment=Commitment.ASPIRATIONAL,
        ),
    ),
    "leads": (
        "更多客户",
        ops.KeyResultFields(
            "Qualified leads from 0 to 150",
            start=0,
            target=150,
            commitment=Commitment.ASPIRATIONAL,
        ),
    ),
    "uptime": (
        "更多客户",
        ops.KeyResultFields("Hold uptime at 99.9%", start="99.9", target="99.9", unit="%"),
    ),
    "no_start": ("更多客户", ops.KeyResultFields("Reach 40 partners", target=40)),
}
CANDIDATE = "A candidate not chosen"


@dataclass
class Approved:
    """The plan's ids and an editor on a copy of it."""

    editor: PlanEditor
    path: Path
    workshop: int
    objectives: dict[str, int] = field(default_factory=dict)
    krs: dict[str, int] = field(default_factory=dict)

    def do(self, operation: Any) -> Any:
        return self.editor.apply(operation).result

    def state(self) -> dict[str, list[tuple[Any, ...]]]:
        return table_state(self.path)


def build_approved(path: Path) -> tuple[int, dict[str, int], dict[str, int]]:
    """Write the plan to path: one workshop whose two objectives were voted, selected and
    approved (a third stayed a candidate, with a key result of its own)."""
    with PlanFile.create(path, "Northstar") as plan:
        editor = PlanEditor(plan, clock=StepClock())

        def do(operation: Any) -> Any:
            return editor.apply(operation).result

        cycle = do(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = do(ops.CreateUnit("Northstar"))
        workshop = do(ops.CreateWorkshop(company, cycle, "Management meeting"))
        do(ops.UpdateWorkshopSettings(workshop, selection_size=2))
        person = do(ops.AddParticipant(workshop, "Ana"))
        do(ops.ChangePhase(workshop, Phase.BRAINSTORM))
        do(ops.AddIdea(workshop, "first card"))
        do(ops.ChangePhase(workshop, Phase.GROUP))
        objectives = {
            title: do(ops.CreateObjective(workshop, title))
            for title in ("Faster delivery", "更多客户", CANDIDATE)
        }
        krs = {
            name: do(ops.AddKeyResult(objectives[title], fields))
            for name, (title, fields) in KEY_RESULTS.items()
        }
        krs["candidate"] = do(
            ops.AddKeyResult(objectives[CANDIDATE], ops.KeyResultFields("Not chosen", target=1))
        )
        do(ops.ChangePhase(workshop, Phase.VOTE))
        do(ops.OpenVoting(workshop))
        for title, dots in (("Faster delivery", 3), ("更多客户", 2)):
            for _ in range(dots):
                do(ops.CastDot(workshop, person, objectives[title]))
        do(ops.CloseVoting(workshop))
        do(ops.RevealTally(workshop))
        do(ops.ChangePhase(workshop, Phase.SELECT))
        do(ops.ApplySelection(workshop))
        do(ops.ChangePhase(workshop, Phase.SIGNOFF))
        do(ops.SignOffWorkshop(workshop, Decision.APPROVE, "CEO Zhou"))
    return workshop, objectives, krs


def open_copy(template: Path, built: tuple[int, dict[str, int], dict[str, int]], to: Path):
    """An editor on a fresh copy of the built plan (the caller closes editor.plan)."""
    to.write_bytes(template.read_bytes())
    plan = PlanFile.open(to)
    workshop, objectives, krs = built
    return Approved(PlanEditor(plan, clock=StepClock()), to, workshop, objectives, krs)
