"""For the all-hands: an objective's rationale (why the room chose it) and its breakdown mark.

Both explain the OKRs, they do not change them: they may be written after sign-off, when the
all-hands is prepared (a locked workshop takes them), but not on an imported copy of a
parent's OKRs, whose rationale is written where they live.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import optional_text
from okrdesk.errors import RuleError
from okrdesk.models import Objective


def explained_objective(ctx: OperationContext, objective_id: int) -> Objective:
    """The objective, if its workshop is this plan's own (locked or not); else a refusal."""
    objective = ctx.get(Objective, objective_id)
    workshop = ctx.workshop(objective.workshop_id, editable=False)
    if workshop.imported_from is not None:
        raise RuleError("rule.imported_read_only", source=workshop.imported_from)
    return objective


@dataclass(frozen=True)
class SetRationale(OperationBase):
    """Write why the objective was chosen (blank text clears it), as said at the all-hands."""

    objective_id: int
    text: str
    label = "op.set_rationale"

    def apply(self, ctx: OperationContext) -> None:
        objective = explained_objective(ctx, self.objective_id)
        text = optional_text(self.text, "rationale") or ""
        if objective.rationale != text:
            objective.rationale = text


@dataclass(frozen=True)
class MarkBreakdown(OperationBase):
    """Show the objective at the all-hands as a worked breakdown (its KRs, their initiatives)."""

    objective_id: int
    label = "op.mark_breakdown"

    def apply(self, ctx: OperationContext) -> None:
        objective = explained_objective(ctx, self.objective_id)
        if not objective.breakdown:
            objective.breakdown = True


@dataclass(frozen=True)
class UnmarkBreakdown(OperationBase):
    """No worked breakdown of the objective at the all-hands."""

    objective_id: int
    label = "op.unmark_breakdown"

    def apply(self, ctx: OperationContext) -> None:
        objective = explained_objective(ctx, self.objective_id)
        if objective.breakdown:
            objective.breakdown = False
