"""Setting a plan up: cycles, the unit tree, workshops, participants and timeboxes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from okrdesk.engine.agenda import default_timeboxes
from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import check_range, clean_text, optional_text
from okrdesk.errors import ConfirmationNeededError, RuleError, ValidationError
from okrdesk.models import (
    AuditKind,
    Cycle,
    Dot,
    Idea,
    OrgUnit,
    Participant,
    Phase,
    PhasePlan,
    PhaseVisit,
    PlanInfo,
    RoundKind,
    UnitLevel,
    VoteRound,
    Workshop,
)

_CHILD_LEVEL = {
    UnitLevel.COMPANY: UnitLevel.DEPARTMENT,
    UnitLevel.DEPARTMENT: UnitLevel.TEAM,
    UnitLevel.TEAM: UnitLevel.PERSON,
}


@dataclass(frozen=True)
class CreateCycle(OperationBase):
    """Add an OKR cycle such as 2027-Q1."""

    name: str
    starts_on: date
    ends_on: date
    label = "op.create_cycle"

    def apply(self, ctx: OperationContext) -> int:
        name = clean_text(self.name, "cycle")
        if self.ends_on < self.starts_on:
            raise ValidationError("validation.cycle_dates")
        if ctx.session.scalar(select(Cycle.id).where(Cycle.name == name)) is not None:
            raise ValidationError("validation.duplicate_cycle", name=name)
        cycle = Cycle(name=name, starts_on=self.starts_on, ends_on=self.ends_on)
        ctx.session.add(cycle)
        ctx.session.flush()
        return cycle.id


_LEVELS = tuple(UnitLevel)  # from the top down


def default_child_level(parent: UnitLevel | None) -> UnitLevel | None:
    """The level a new unit gets below a parent at this level: company → department →
    team → person (the company itself has no parent); None below a person."""
    return UnitLevel.COMPANY if parent is None else _CHILD_LEVEL.get(parent)


def levels_below(parent: UnitLevel | None) -> tuple[UnitLevel, ...]:
    """The levels a unit below this parent may have (the default first)."""
    if parent is None:
        return (UnitLevel.COMPANY,)
    return _LEVELS[_LEVELS.index(parent) + 1 :]


@dataclass(frozen=True)
class CreateUnit(OperationBase):
    """Add a unit to the tree: the company (no parent) or a child below its parent, one level
    down by default (a level further down may be given: a person reporting to a department)."""

    name: str
    parent_id: int | None = None
    level: UnitLevel | None = None
    label = "op.create_unit"

    def apply(self, ctx: OperationContext) -> int:
        name = clean_text(self.name, "name")
        if self.parent_id is None:
            if ctx.session.scalar(select(OrgUnit.id).where(OrgUnit.parent_id.is_(None))):
                raise RuleError("rule.one_company")
            allowed = levels_below(None)
        else:
            parent = ctx.get(OrgUnit, self.parent_id)
            allowed = levels_below(parent.level)
            if not allowed:
                raise RuleError("rule.person_has_no_units")
        level = allowed[0] if self.level is None else self.level
        if level not in allowed:
            raise RuleError("rule.unit_level_below_parent")
        unit = OrgUnit(
            name=name,
            level=level,
            parent_id=self.parent_id,
            position=ctx.next_position(OrgUnit.position, OrgUnit.parent_id == self.parent_id),
        )
        ctx.session.add(unit)
        ctx.session.flush()
        return unit.id


@dataclass(frozen=True)
class RenameOrganisation(OperationBase):
    """Name whose plan this is (the handout's and the projector's heading)."""

    name: str
    label = "op.rename_organisation"

    def apply(self, ctx: OperationContext) -> None:
        name = clean_text(self.name, "organisation")
        info = ctx.session.scalar(select(PlanInfo).order_by(PlanInfo.id).limit(1))
        if info is None:
            ctx.session.add(PlanInfo(organisation=name, created_at=ctx.now))
        elif info.organisation != name:
            info.organisation = name


@dataclass(frozen=True)
class CreateWorkshop(OperationBase):
    """Plan a workshop for a unit in a cycle, with the default timebox for each phase."""

    unit_id: int
    cycle_id: int
    title: str
    facilitator: str | None = None
    label = "op.create_workshop"

    def label_params(self) -> dict[str, Any]:
        return {"title": self.title}

    def apply(self, ctx: OperationContext) -> int:
        unit = ctx.get(OrgUnit, self.unit_id)
        ctx.get(Cycle, self.cycle_id)
        workshop = Workshop(
            title=clean_text(self.title, "title"),
            unit_id=unit.id,
            cycle_id=self.cycle_id,
            phase=Phase.SETUP,
            facilitator=optional_text(self.facilitator, "name"),
            anonymous=False,
            created_at=ctx.now,
            dot_budget=5,
            dot_cap=3,
            selection_size=3,
            locked=False,
        )
        ctx.session.add(workshop)
        ctx.session.flush()
        for phase, minutes in default_timeboxes(unit.level).items():
            ctx.session.add(
                PhasePlan(workshop_id=workshop.id, phase=phase, planned_minutes=minutes)
            )
        ctx.session.add(PhaseVisit(workshop_id=workshop.id, phase=Phase.SETUP, started_at=ctx.now))
        return workshop.id


@dataclass(frozen=True)
class UpdateWorkshopSettings(OperationBase):
    """Change a workshop's title, facilitator, anonymity, dot budget, item cap or cut-off.

    Fields left as None keep their value.
    """

    workshop_id: int
    title: str | None = None
    facilitator: str | None = None
    anonymous: bool | None = None
    dot_budget: int | None = None
    dot_cap: int | None = None
    selection_size: int | None = None
    label = "op.update_workshop"

    def apply(self, ctx: OperationContext) -> None:
        workshop = ctx.workshop(self.workshop_id)
        if self.title is not None:
            workshop.title = clean_text(self.title, "title")
        if self.facilitator is not None:
            workshop.facilitator = optional_text(self.facilitator, "name")
        if self.anonymous is not None:
            workshop.anonymous = self.anonymous
        if self.dot_budget is not None or self.dot_cap is not None:
            if _main_round_has_dots(ctx, workshop.id):
                raise RuleError("rule.voting_rules_frozen")
            if self.dot_budget is not None:
                workshop.dot_budget = check_range(self.dot_budget, "dot_budget", 1, 20)
            if self.dot_cap is not None:
                workshop.dot_cap = check_range(self.dot_cap, "dot_cap", 1, 20)
        if self.selection_size is not None:
            workshop.selection_size = check_range(self.selection_size, "selection_size", 1, 20)


def _main_round_has_dots(ctx: OperationContext, workshop_id: int) -> bool:
    """Once dots are cast, the rules they were cast under stay (withdraw them to change)."""
    return (
        ctx.session.scalar(
            select(func.count(Dot.id))
            .join(VoteRound, VoteRound.id == Dot.round_id)
            .where(VoteRound.workshop_id == workshop_id, VoteRound.kind == RoundKind.MAIN)
        )
        or 0
    ) > 0


@dataclass(frozen=True)
class SetTimebox(OperationBase):
    """Give a phase of the workshop a number of minutes on the agenda."""

    workshop_id: int
    phase: Phase
    minutes: int
    label = "op.set_timebox"

    def apply(self, ctx: OperationContext) -> None:
        ctx.workshop(self.workshop_id)
        minutes = check_range(self.minutes, "minutes", 1, 24 * 60)
        plan = ctx.session.get(PhasePlan, (self.workshop_id, self.phase))
        if plan is None:
            ctx.session.add(
                PhasePlan(workshop_id=self.workshop_id, phase=self.phase, planned_minutes=minutes)
            )
        else:
            plan.planned_minutes = minutes


@dataclass(frozen=True)
class AddParticipant(OperationBase):
    """Add a person to the workshop's participant list."""

    workshop_id: int
    name: str
    label = "op.add_participant"

    def label_params(self) -> dict[str, Any]:
        return {"name": self.name}

    def apply(self, ctx: OperationContext) -> int:
        ctx.workshop(self.workshop_id)
        name = clean_text(self.name, "name")
        _refuse_duplicate_name(ctx, self.workshop_id, name)
        participant = Participant(
            workshop_id=self.workshop_id,
            name=name,
            position=ctx.next_position(
                Participant.position, Participant.workshop_id == self.workshop_id
            ),
        )
        ctx.session.add(participant)
        ctx.session.flush()
        return participant.id


def _refuse_duplicate_name(ctx: OperationContext, workshop_id: int, name: str) -> None:
    taken = ctx.session.scalar(
        select(Participant.id).where(
            Participant.workshop_id == workshop_id, Participant.name == name
        )
    )
    if taken is not None:
        raise ValidationError("validation.duplicate_participant", name=name)


@dataclass(frozen=True)
class RenameParticipant(OperationBase):
    participant_id: int
    name: str
    label = "op.rename_participant"

    def apply(self, ctx: OperationContext) -> None:
        participant = ctx.get(Participant, self.participant_id)
        ctx.workshop(participant.workshop_id)
        name = clean_text(self.name, "name")
        if name != participant.name:
            _refuse_duplicate_name(ctx, participant.workshop_id, name)
            participant.name = name


@dataclass(frozen=True)
class RemoveParticipant(OperationBase):
    """Take a person off the list; their ideas become anonymous and their dots go (confirm)."""

    participant_id: int
    confirm: bool = False
    label = "op.remove_participant"

    def apply(self, ctx: OperationContext) -> None:
        participant = ctx.get(Participant, self.participant_id)
        ctx.workshop(participant.workshop_id)
        dots = ctx.session.scalar(
            select(func.coalesce(func.sum(Dot.count), 0)).where(
                Dot.participant_id == participant.id
            )
        )
        ideas = ctx.session.scalar(
            select(func.count(Idea.id)).where(Idea.author_id == participant.id)
        )
        if (dots or ideas) and not self.confirm:
            raise ConfirmationNeededError(
                "confirm.remove_participant", name=participant.name, dots=dots, ideas=ideas
            )
        if dots:
            ctx.audit(
                AuditKind.PARTICIPANT_REMOVED,
                participant.workshop_id,
                name=participant.name,
                dots=dots,
            )
        ctx.session.delete(participant)
