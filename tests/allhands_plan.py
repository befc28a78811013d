"""A plan for the all-hands: last cycle scored, this cycle's company OKRs approved and
explained, departments aligned beneath (one approved, one still working). Built once per
test process (conftest's allhands_template) and copied for each test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from okrdesk.engine import ops
from okrdesk.engine.checkin_ops import RecordCheckIn
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.initiative_ops import AddInitiative
from okrdesk.engine.rationale_ops import MarkBreakdown, SetRationale
from okrdesk.models import Commitment, Decision, KeyResultKind, Phase
from okrdesk.models.planfile import PlanFile
from tests.conftest import StepClock

# When the company approved this cycle's OKRs (a Friday evening in UTC, Saturday in Shanghai).
APPROVED_AT = datetime(2026, 12, 18, 23, 30, tzinfo=UTC)
WHY_DELIVERY = "客户抱怨交付太慢：三周里有两周在等仓库。Customers wait three weeks for an order."


@dataclass
class AllHandsPlan:
    """The ids of the plan written (titles to ids)."""

    company_workshop: int = 0
    last_workshop: int = 0
    sales_workshop: int = 0
    ops_workshop: int = 0
    objectives: dict[str, int] = field(default_factory=dict)
    krs: dict[str, int] = field(default_factory=dict)


def run_workshop(
    do: Callable[[Any], Any],
    unit: int,
    cycle: int,
    title: str,
    okrs: dict[str, list[ops.KeyResultFields]],
) -> tuple[int, dict[str, int], dict[str, int]]:
    """A workshop taken to the sign-off phase with ``okrs`` selected (and a candidate not)."""
    workshop = do(ops.CreateWorkshop(unit, cycle, title))
    do(ops.UpdateWorkshopSettings(workshop, selection_size=len(okrs)))
    person = do(ops.AddParticipant(workshop, "Ana"))
    do(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    do(ops.AddIdea(workshop, "a card"))
    do(ops.ChangePhase(workshop, Phase.GROUP))
    titles = [*okrs, "A candidate not chosen"]
    objectives = {t: do(ops.CreateObjective(workshop, t)) for t in titles}
    krs = {
        f.title: do(ops.AddKeyResult(objectives[t], f))
        for t, fields in okrs.items()
        for f in fields
    }
    do(ops.ChangePhase(workshop, Phase.VOTE))
    do(ops.OpenVoting(workshop))
    for t in okrs:
        do(ops.CastDot(workshop, person, objectives[t]))
    do(ops.CloseVoting(workshop))
    do(ops.RevealTally(workshop))
    do(ops.ChangePhase(workshop, Phase.SELECT))
    do(ops.ApplySelection(workshop))
    do(ops.ChangePhase(workshop, Phase.SIGNOFF))
    return workshop, objectives, krs


def build_allhands(path: Path) -> AllHandsPlan:
    ids = AllHandsPlan()
    with PlanFile.create(path, "Northstar 北极星") as plan:
        editor = PlanEditor(plan, clock=StepClock())

        def do(operation: Any) -> Any:
            return editor.apply(operation).result

        last = do(ops.CreateCycle("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)))
        cycle = do(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        company = do(ops.CreateUnit("Northstar"))
        sales = do(ops.CreateUnit("Sales 销售部", parent_id=company))
        operations = do(ops.CreateUnit("Operations", parent_id=company))

        ids.last_workshop, _o, old = run_workshop(
            do,
            company,
            last,
            "Q4 management meeting",
            {
                "Win the north": [
                    ops.KeyResultFields("Open 4 stores", start=0, target=4),
                    ops.KeyResultFields(
                        "Leads from 0 to 100",
                        start=0,
                        target=100,
                        commitment=Commitment.ASPIRATIONAL,
                    ),
                ],
                "上线新系统": [
                    ops.KeyResultFields("新系统上线", kind=KeyResultKind.MILESTONE),
                ],
            },
        )
        do(ops.SignOffWorkshop(ids.last_workshop, Decision.APPROVE, "CEO Zhou"))
        at = datetime(2026, 12, 12, 9, tzinfo=UTC)
        do(RecordCheckIn(old["Open 4 stores"], value=4, at=at))  # 1.0
        do(RecordCheckIn(old["Leads from 0 to 100"], value=70, at=at))  # 0.7
        do(RecordCheckIn(old["新系统上线"], percent=40, at=at))  # 0.4

        ids.company_workshop, objectives, krs = run_workshop(
            do,
            company,
            cycle,
            "Management meeting",
            {
                "Faster delivery": [
                    ops.KeyResultFields(
                        "Cut delivery from 21 to 7 days", start=21, target=7, unit="days"
                    ),
                    ops.KeyResultFields("Launch the tracking page", kind=KeyResultKind.MILESTONE),
                ],
                "更多客户": [
                    ops.KeyResultFields(
                        "Qualified leads from 0 to 150",
                        start=0,
                        target=150,
                        commitment=Commitment.ASPIRATIONAL,
                    ),
                ],
            },
        )
        ids.objectives.update(objectives)
        ids.krs.update(krs)
        editor.clock = lambda: APPROVED_AT
        do(ops.SignOffWorkshop(ids.company_workshop, Decision.APPROVE, "CEO Zhou"))
        editor.clock = StepClock()
        do(SetRationale(objectives["Faster delivery"], WHY_DELIVERY))
        do(MarkBreakdown(objectives["更多客户"]))
        for text in ("Call the ten biggest shops", "参加上海的两个展会"):
            do(AddInitiative(krs["Qualified leads from 0 to 150"], text))

        ids.sales_workshop, sales_objectives, _k = run_workshop(
            do,
            sales,
            cycle,
            "Sales meeting",
            {"Sell to chains 连锁店": [ops.KeyResultFields("Sign 3 chains", target=3)]},
        )
        do(
            ops.AlignObjective(
                sales_objectives["Sell to chains 连锁店"],
                parent_key_result_id=krs["Qualified leads from 0 to 150"],
            )
        )
        do(ops.SignOffWorkshop(ids.sales_workshop, Decision.APPROVE, "CEO Zhou"))
        ids.ops_workshop, ops_objectives, _k = run_workshop(
            do,
            operations,
            cycle,
            "Operations meeting",
            {"Own the warehouse": [ops.KeyResultFields("Pick in 1 day", target=1)]},
        )
        do(ops.AlignObjective(ops_objectives["Own the warehouse"], objectives["Faster delivery"]))
        ids.objectives.update(sales_objectives)
        ids.objectives.update(ops_objectives)
    return ids
