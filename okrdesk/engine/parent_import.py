"""Importing a parent unit's approved OKRs from another plan file or a plan JSON export.

A department that runs its workshop on a different laptop still aligns to the company's
approved OKRs: they come in as a locked, read-only copy of the parent's workshop, under the
same unit path and cycle, so the department's objectives can point at them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.snapshot import KeyResultView, PlanSnapshot
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import (
    Commitment,
    Cycle,
    Decision,
    KeyResult,
    KeyResultKind,
    Objective,
    OrgUnit,
    Phase,
    SignOff,
    UnitLevel,
    Workshop,
)


@dataclass(frozen=True)
class ParentObjective:
    title: str
    key_results: tuple[KeyResultView, ...]


@dataclass(frozen=True)
class ParentOkrs:
    """One approved workshop of another plan, as plain data."""

    source: str
    unit_path: tuple[tuple[str, str], ...]  # (level, name) from the company down
    cycle: str
    cycle_start: date
    cycle_end: date
    title: str
    signer: str
    approved_at: datetime | None
    objectives: tuple[ParentObjective, ...]

    @property
    def unit(self) -> str:
        return self.unit_path[-1][1]


def approved_okrs(snapshot: PlanSnapshot, source: str) -> list[ParentOkrs]:
    """Every approved workshop in the snapshot, with its selected OKRs."""
    units = {unit.id: unit for unit in snapshot.units}
    cycles = {cycle.id: cycle for cycle in snapshot.cycles}
    found: list[ParentOkrs] = []
    for workshop in snapshot.workshops:
        signoff = workshop.signoff
        if not workshop.locked or signoff is None or signoff.status != "approved":
            continue
        path: list[tuple[str, str]] = []
        unit = units.get(workshop.unit_id)
        while unit is not None:
            path.insert(0, (unit.level, unit.name))
            unit = units.get(unit.parent_id) if unit.parent_id is not None else None
        cycle = cycles[workshop.cycle_id]
        found.append(
            ParentOkrs(
                source=source,
                unit_path=tuple(path),
                cycle=cycle.name,
                cycle_start=cycle.start,
                cycle_end=cycle.end,
                title=workshop.title,
                signer=signoff.signer or "",
                approved_at=signoff.at,
                objectives=tuple(
                    ParentObjective(o.title, o.key_results)
                    for o in workshop.objectives
                    if o.selected
                ),
            )
        )
    return found


def _unit(ctx: OperationContext, path: tuple[tuple[str, str], ...]) -> OrgUnit:
    """The unit at the path, creating what is missing; the plan's company stands for theirs."""
    if not path or path[0][0] != UnitLevel.COMPANY.value:
        raise RuleError("rule.import_no_company")
    company = ctx.session.scalar(select(OrgUnit).where(OrgUnit.parent_id.is_(None)))
    if company is None:
        company = OrgUnit(name=path[0][1], level=UnitLevel.COMPANY, parent_id=None, position=0)
        ctx.session.add(company)
        ctx.session.flush()
    unit = company
    levels = tuple(UnitLevel)
    if len(path) > len(levels):
        raise RuleError("rule.person_has_no_units")
    for depth, (_level, name) in enumerate(path[1:], start=1):
        child = ctx.session.scalar(
            select(OrgUnit).where(OrgUnit.parent_id == unit.id, OrgUnit.name == name)
        )
        if child is None:
            child = OrgUnit(
                name=name,
                level=levels[depth],
                parent_id=unit.id,
                position=ctx.next_position(OrgUnit.position, OrgUnit.parent_id == unit.id),
            )
            ctx.session.add(child)
            ctx.session.flush()
        unit = child
    return unit


def _cycle(ctx: OperationContext, okrs: ParentOkrs) -> Cycle:
    cycle = ctx.session.scalar(select(Cycle).where(Cycle.name == okrs.cycle))
    if cycle is None:
        cycle = Cycle(name=okrs.cycle, starts_on=okrs.cycle_start, ends_on=okrs.cycle_end)
        ctx.session.add(cycle)
        ctx.session.flush()
    return cycle


@dataclass(frozen=True)
class ImportParentOkrs(OperationBase):
    """Bring in a parent unit's approved OKRs as a locked, read-only workshop."""

    okrs: ParentOkrs
    label = "op.import_parent"

    def apply(self, ctx: OperationContext) -> int:
        okrs = self.okrs
        if not okrs.objectives:
            raise RuleError("rule.import_nothing", title=okrs.title)
        unit = _unit(ctx, okrs.unit_path)
        cycle = _cycle(ctx, okrs)
        existing = ctx.session.scalar(
            select(Workshop.id).where(
                Workshop.unit_id == unit.id,
                Workshop.cycle_id == cycle.id,
                Workshop.title == okrs.title,
            )
        )
        if existing is not None:
            raise RuleError("rule.import_already_there", title=okrs.title, cycle=okrs.cycle)
        workshop = Workshop(
            title=okrs.title,
            unit_id=unit.id,
            cycle_id=cycle.id,
            phase=Phase.EXPORT,
            facilitator=None,
            anonymous=False,
            created_at=ctx.now,
            locked=True,
            imported_from=okrs.source[:300],
        )
        ctx.session.add(workshop)
        ctx.session.flush()
        for position, parent in enumerate(okrs.objectives):
            objective = Objective(
                workshop_id=workshop.id, title=parent.title, position=position, selected=True
            )
            ctx.session.add(objective)
            ctx.session.flush()
            for kr_position, kr in enumerate(parent.key_results):
                try:
                    kind, commitment = KeyResultKind(kr.kind), Commitment(kr.commitment)
                except ValueError as error:
                    raise ValidationError("validation.bad_choice", field=kr.title) from error
                ctx.session.add(
                    KeyResult(
                        objective_id=objective.id,
                        title=kr.title,
                        kind=kind,
                        start_value=kr.start,
                        target_value=kr.target,
                        unit=kr.unit,
                        deadline=kr.deadline,
                        owner=kr.owner,
                        commitment=commitment,
                        position=kr_position,
                    )
                )
        ctx.session.add(
            SignOff(
                workshop_id=workshop.id,
                round=1,
                decision=Decision.APPROVE,
                signer=okrs.signer or "?",
                comment=None,
                decided_at=okrs.approved_at or ctx.now,
            )
        )
        ctx.audit("imported_parent", workshop.id, source=okrs.source, unit=okrs.unit)
        return workshop.id
