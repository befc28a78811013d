"""Moving a workshop between phases, with the history of when each phase ran."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.phases import PhaseFacts, check_phase_change, light_form
from okrdesk.engine.queries import main_round, open_round
from okrdesk.engine.selection import selection_notices
from okrdesk.errors import ValidationError
from okrdesk.models import AuditKind, Idea, Objective, Phase, PhaseVisit, Workshop


def enter_phase(ctx: OperationContext, workshop: Workshop, phase: Phase) -> None:
    """Close the running phase visit and start one for the new phase."""
    running = ctx.session.scalar(
        select(PhaseVisit).where(
            PhaseVisit.workshop_id == workshop.id, PhaseVisit.ended_at.is_(None)
        )
    )
    if running is not None:
        running.ended_at = ctx.now
    ctx.session.add(PhaseVisit(workshop_id=workshop.id, phase=phase, started_at=ctx.now))
    ctx.audit(AuditKind.PHASE, workshop.id, **{"from": workshop.phase.value, "to": phase.value})
    workshop.phase = phase


def phase_facts(ctx: OperationContext, workshop: Workshop) -> PhaseFacts:
    main = main_round(ctx.session, workshop.id)
    count = ctx.session.scalar(
        select(func.count(Idea.id)).where(
            Idea.workshop_id == workshop.id, Idea.merged_into_id.is_(None)
        )
    )
    candidates = ctx.session.scalar(
        select(func.count(Objective.id)).where(Objective.workshop_id == workshop.id)
    )
    selected = ctx.session.scalar(
        select(func.count(Objective.id)).where(
            Objective.workshop_id == workshop.id, Objective.selected.is_(True)
        )
    )
    light = light_form(workshop.unit.level)
    return PhaseFacts(
        ideas=count or 0,
        candidates=candidates or 0,
        voting_open=open_round(ctx.session, workshop.id) is not None,
        vote_revealed=main is not None and main.revealed,
        selected=selected or 0,
        locked=workshop.locked,
        light=light,
    )


@dataclass(frozen=True)
class ChangePhase(OperationBase):
    """Move the workshop one phase on, or back to any earlier phase."""

    workshop_id: int
    phase: Phase
    label = "op.change_phase"

    def label_params(self) -> dict[str, Any]:
        return {"phase": self.phase.value}

    def apply(self, ctx: OperationContext) -> None:
        workshop = ctx.workshop(self.workshop_id, editable=False)
        try:
            phase = Phase(self.phase)
        except ValueError as error:
            raise ValidationError("validation.bad_choice", field="phase") from error
        check_phase_change(workshop.phase, phase, phase_facts(ctx, workshop))
        enter_phase(ctx, workshop, phase)
        if self.phase == Phase.VOTE:
            loose = ctx.session.scalar(
                select(func.count(Idea.id)).where(
                    Idea.workshop_id == workshop.id,
                    Idea.objective_id.is_(None),
                    Idea.merged_into_id.is_(None),
                )
            )
            if loose:
                ctx.notice("notice.loose_cards", count=loose)
        if self.phase == Phase.SIGNOFF:
            if light_form(workshop.unit.level):
                # Everything written in the light form is what the manager confirms.
                for objective in workshop.objectives:
                    objective.selected = True
            ctx.notices.extend(selection_notices([o for o in workshop.objectives if o.selected]))
