"""Moving a workshop between phases, with the history of when each phase ran."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from okrdesk.engine.aspects import Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.phases import (
    PhaseFacts,
    check_phase_change,
    forward_phase,
    light_form,
    phases_for,
)
from okrdesk.engine.queries import main_round, open_round
from okrdesk.engine.selection import selection_notices
from okrdesk.errors import RuleError, ValidationError
from okrdesk.messages import translate
from okrdesk.models import AuditKind, Idea, Objective, Phase, PhaseVisit, Workshop


def enter_phase(
    ctx: OperationContext, workshop: Workshop, phase: Phase, kind: AuditKind = AuditKind.PHASE
) -> None:
    """Close the running phase visit and start one for the new phase (audited as kind)."""
    running = ctx.session.scalar(
        select(PhaseVisit).where(
            PhaseVisit.workshop_id == workshop.id, PhaseVisit.ended_at.is_(None)
        )
    )
    if running is not None:
        running.ended_at = ctx.now
    ctx.session.add(PhaseVisit(workshop_id=workshop.id, phase=phase, started_at=ctx.now))
    ctx.audit(kind, workshop.id, **{"from": workshop.phase.value, "to": phase.value})
    workshop.phase = phase


def phase_facts(ctx: OperationContext, workshop: Workshop) -> PhaseFacts:
    return facts_of(ctx.session, workshop)


def facts_of(session: Session, workshop: Workshop) -> PhaseFacts:
    """What the phase guards need to know about the workshop (a few counts)."""
    main = main_round(session, workshop.id)
    count = session.scalar(
        select(func.count(Idea.id)).where(
            Idea.workshop_id == workshop.id, Idea.merged_into_id.is_(None)
        )
    )
    candidates = session.scalar(
        select(func.count(Objective.id)).where(Objective.workshop_id == workshop.id)
    )
    selected = session.scalar(
        select(func.count(Objective.id)).where(
            Objective.workshop_id == workshop.id, Objective.selected.is_(True)
        )
    )
    light = light_form(workshop.unit.level)
    return PhaseFacts(
        ideas=count or 0,
        candidates=candidates or 0,
        voting_open=open_round(session, workshop.id) is not None,
        vote_revealed=main is not None and main.revealed,
        selected=selected or 0,
        locked=workshop.locked,
        light=light,
    )


def _phase(value: Phase | str) -> Phase:
    """The phase an operation names, or a refusal saying the choice is not one."""
    try:
        return Phase(value)
    except ValueError as error:
        raise ValidationError("validation.bad_choice", field="phase") from error


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
        phase = _phase(self.phase)
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


@dataclass(frozen=True)
class MoveRoomBack(OperationBase):
    """Move the room (its phase, timer and projector) back to an earlier phase, on purpose.

    Looking back at a page never moves the room; this is the facilitator's explicit,
    confirmed step, kept in the audit log as such (and undoable like every step).
    """

    workshop_id: int
    phase: Phase
    label = "op.move_room_back"

    def label_params(self) -> dict[str, Any]:
        return {"phase": self.phase.value}

    def apply(self, ctx: OperationContext) -> None:
        workshop = ctx.workshop(self.workshop_id, editable=False)
        phase = _phase(self.phase)
        if phase.order >= workshop.phase.order:
            raise RuleError("phase.not_back", phase=workshop.phase.value)
        check_phase_change(workshop.phase, phase, phase_facts(ctx, workshop))
        enter_phase(ctx, workshop, phase, AuditKind.ROOM_MOVED_BACK)


@dataclass(frozen=True)
class PhaseStop:
    """One phase in the navigator: where the room is, done, ahead, and whether it opens."""

    phase: Phase
    number: int  # its place among the workshop's phases (Ctrl+number), from 1
    done: bool  # the room has been past it: the page can be looked back at
    room: bool  # the room is here
    reachable: bool  # its page can be shown (done, the room's, or the next step)
    # Why the room cannot go there yet (a message id and its parameters), if it cannot.
    blocked: str | None = None
    blocked_params: tuple[tuple[str, str | int], ...] = ()

    def why_not(self, language: str) -> str:
        """Why the phase cannot be reached yet, in words ("" if it can)."""
        if self.blocked is None:
            return ""
        return translate(self.blocked, language, **dict(self.blocked_params))


@dataclass(frozen=True)
class PhaseMap:
    """The phases a workshop goes through, where its room is, and where it goes on to."""

    workshop_id: int
    room: Phase
    light: bool
    locked: bool
    stops: tuple[PhaseStop, ...]
    # The phase "Next" moves the room on to (Select from Group once the vote is done).
    forward: Phase | None
    ideas: int = 0  # the cards on the wall the guards counted (merged duplicates aside)

    def stop(self, phase: Phase) -> PhaseStop | None:
        return next((s for s in self.stops if s.phase == phase), None)

    @property
    def sequence(self) -> tuple[Phase, ...]:
        return tuple(s.phase for s in self.stops)


def phase_map(session: Session, workshop_id: int) -> PhaseMap | None:
    """Each phase of the workshop as the navigator shows it, by the engine's phase rules."""
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        return None
    facts = facts_of(session, workshop)
    room = workshop.phase
    stops: list[PhaseStop] = []
    for number, phase in enumerate(phases_for(facts.light), start=1):
        done, here = phase.order < room.order, phase == room
        blocked: RuleError | None = None
        if not (done or here):
            try:
                check_phase_change(room, phase, facts)
            except RuleError as error:
                blocked = error
        stops.append(
            PhaseStop(
                phase=phase,
                number=number,
                done=done,
                room=here,
                reachable=blocked is None,
                blocked=None if blocked is None else blocked.message_id,
                blocked_params=()
                if blocked is None
                else tuple(sorted((k, v) for k, v in blocked.params.items())),
            )
        )
    return PhaseMap(
        workshop_id=workshop.id,
        room=room,
        light=facts.light,
        locked=workshop.locked,
        stops=tuple(stops),
        forward=forward_phase(room, facts),
        ideas=facts.ideas,
    )


def phase_map_after(phases: PhaseMap, change: Change) -> PhaseMap | None:
    """The workshop's phase map after a change to its cards alone, worked out from the
    change's rows; None when it must be read again (any other change, or the wall's first
    card or its last one: the guards count cards only to ask for a first one).

    A room typing ideas, or undoing them, re-reads no map for each card.
    """
    if not change.aspects <= {Aspect.IDEAS}:
        return None
    ideas = phases.ideas
    for row in change.rows:
        if row.table == "idea":
            ideas += _on_wall(row.after, phases.workshop_id) - _on_wall(
                row.before, phases.workshop_id
            )
    if (ideas > 0) != (phases.ideas > 0):
        return None
    return replace(phases, ideas=ideas)


def _on_wall(image: Mapping[str, Any] | None, workshop_id: int) -> int:
    """1 if the row image is a card the guards count in the workshop (not a duplicate)."""
    counted = (
        image is not None
        and image.get("workshop_id") == workshop_id
        and image.get("merged_into_id") is None
    )
    return 1 if counted else 0
