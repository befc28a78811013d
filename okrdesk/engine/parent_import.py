"""Importing a parent unit's approved OKRs from another plan file or a plan JSON export.

A department that runs its workshop on a different laptop still aligns to the company's
approved OKRs: they come in as a locked, read-only copy of the parent's workshop, under the
same unit path and cycle, so the department's objectives can point at them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from okrdesk.engine.context import OperationContext
from okrdesk.engine.key_result_ops import KeyResultFields
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.signature import parse_signature, signature_json
from okrdesk.engine.snapshot import KeyResultView, PlanSnapshot
from okrdesk.engine.validation import LIMITS, clean_text, optional_text
from okrdesk.errors import PlanFileError, RuleError
from okrdesk.models import (
    AuditKind,
    CheckIn,
    Cycle,
    Decision,
    DecisionKind,
    Initiative,
    KeyResult,
    KeyResultScore,
    Objective,
    OrgUnit,
    Phase,
    SignOff,
    SignoffStatus,
    UnitLevel,
    Workshop,
)


@dataclass(frozen=True)
class ParentObjective:
    title: str
    key_results: tuple[KeyResultView, ...]  # with their check-ins, scores and initiatives
    rationale: str = ""


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
    # The approval's drawn signature as stored (engine.signature's JSON), if one was drawn:
    # the copy's handout shows the parent's sign-off as signed.
    signature: str | None = None

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
        if not workshop.locked or signoff is None or signoff.status != SignoffStatus.APPROVED:
            continue
        path: list[tuple[str, str]] = []
        unit = units.get(workshop.unit_id)
        while unit is not None:
            if len(path) > len(units):  # the units form a loop: not a plan okrdesk wrote
                raise PlanFileError("file.not_plan_json", path=source)
            path.insert(0, (unit.level, unit.name))
            unit = units.get(unit.parent_id) if unit.parent_id is not None else None
        cycle = cycles.get(workshop.cycle_id)
        if cycle is None or not path:
            raise PlanFileError("file.not_plan_json", path=source)
        approval = next(
            (d for d in reversed(signoff.history) if d.decision is DecisionKind.APPROVE), None
        )
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
                    ParentObjective(o.title, o.key_results, o.rationale)
                    for o in workshop.objectives
                    if o.selected
                ),
                signature=None if approval is None else approval.signature,
            )
        )
    return found


def importable_parents(session: Session, offered: Sequence[ParentOkrs]) -> tuple[ParentOkrs, ...]:
    """The offered OKRs this plan could align to (one query).

    Not a person's OKRs (nothing sits below a person), nor a workshop this plan holds itself
    (same title and unit, not an imported copy).
    """
    own = set(
        session.execute(
            select(Workshop.title, OrgUnit.name)
            .join(OrgUnit, Workshop.unit_id == OrgUnit.id)
            .where(
                Workshop.imported_from.is_(None),
                Workshop.title.in_({okrs.title for okrs in offered}),
            )
        ).all()
    )
    return tuple(
        okrs
        for okrs in offered
        if okrs.unit_path[-1][0] != UnitLevel.PERSON.value and (okrs.title, okrs.unit) not in own
    )


def _child(ctx: OperationContext, parent: OrgUnit, name: str, level: UnitLevel) -> OrgUnit:
    """The parent's child unit of that name, created if missing."""
    child = ctx.session.scalar(
        select(OrgUnit).where(OrgUnit.parent_id == parent.id, OrgUnit.name == name)
    )
    if child is None:
        child = OrgUnit(
            name=name,
            level=level,
            parent_id=parent.id,
            position=ctx.next_position(OrgUnit.position, OrgUnit.parent_id == parent.id),
        )
        ctx.session.add(child)
        ctx.session.flush()
    return child


def _unit(ctx: OperationContext, path: tuple[tuple[str, str], ...]) -> OrgUnit:
    """The unit at the path, creating what is missing.

    The plan's company stands for theirs. But a plan whose only unit is a lone one with
    another name (a department's laptop that started with its own unit at the top) gets
    the parent's path above it: that unit moves under the imported one, so its
    objectives can align to what was imported.
    """
    if not path or path[0][0] != UnitLevel.COMPANY.value:
        raise RuleError("rule.import_no_company")
    levels = tuple(UnitLevel)
    if len(path) > len(levels):
        raise RuleError("rule.person_has_no_units")
    top = ctx.session.scalar(select(OrgUnit).where(OrgUnit.parent_id.is_(None)))
    lone = (
        top is not None
        and top.name != path[0][1]
        and not top.children
        and len(path) < len(levels)
        and all(name != top.name for _level, name in path)
    )
    if top is None or lone:
        company = OrgUnit(name=path[0][1], level=UnitLevel.COMPANY, parent_id=None, position=0)
        ctx.session.add(company)
        ctx.session.flush()
    else:
        company = top
    unit = company
    for depth, (_level, name) in enumerate(path[1:], start=1):
        unit = _child(ctx, unit, name, levels[depth])
    if lone:
        assert top is not None
        top.parent_id, top.level, top.position = unit.id, levels[len(path)], 0
        ctx.notice("notice.unit_moved_under", unit=top.name, parent=unit.name)
        ctx.session.flush()
    return unit


def _cycle(ctx: OperationContext, okrs: ParentOkrs) -> Cycle:
    cycle = ctx.session.scalar(select(Cycle).where(Cycle.name == okrs.cycle))
    if cycle is None:
        cycle = Cycle(name=okrs.cycle, starts_on=okrs.cycle_start, ends_on=okrs.cycle_end)
        ctx.session.add(cycle)
        ctx.session.flush()
    return cycle


def _fill_key_result(key_result: KeyResult, kr: KeyResultView) -> None:
    """The key result's fields, validated as if typed in this plan."""
    KeyResultFields.of(kr).write_to(key_result)


def _fill_progress(ctx: OperationContext, key_result: KeyResult, kr: KeyResultView) -> None:
    """The parent's check-ins, score entries and initiatives, replacing the copy's: the copy
    shows the parent's progress as the parent recorded it (docs/json-format.md)."""
    for table in (CheckIn, KeyResultScore, Initiative):
        ctx.session.execute(delete(table).where(table.key_result_id == key_result.id))
    for c in kr.check_ins:
        ctx.session.add(
            CheckIn(
                key_result_id=key_result.id,
                recorded_at=c.at,
                recorded_by=optional_text(c.by, "name"),
                value=c.value,
                done=c.done,
                percent=c.percent,
                confidence=c.confidence,
                comment=optional_text(c.comment, "comment"),
            )
        )
    for e in kr.score_entries:
        ctx.session.add(
            KeyResultScore(
                key_result_id=key_result.id,
                score=e.score,
                computed=e.computed,
                # An adjustment has its reason (a file without one still says it was adjusted).
                reason=e.reason if e.score is None else (e.reason or ""),
                decided_by=optional_text(e.by, "name"),
                decided_at=e.at,
            )
        )
    for position, text in enumerate(kr.initiatives):
        ctx.session.add(
            Initiative(
                key_result_id=key_result.id,
                text=clean_text(text, "initiative"),
                position=position,
            )
        )


def _fill_objectives(ctx: OperationContext, workshop: Workshop, okrs: ParentOkrs) -> None:
    """Make the workshop's OKRs those of the parent, matching by position.

    Objectives and key results at the same place are updated, so what this plan aligned
    to them stays aligned; those the parent dropped are removed.
    """
    existing = list(workshop.objectives)
    for position, parent in enumerate(okrs.objectives):
        if position < len(existing):
            objective = existing[position]
        else:
            objective = Objective(workshop_id=workshop.id, position=position)
            ctx.session.add(objective)
        objective.title = clean_text(parent.title, "title")
        objective.rationale = optional_text(parent.rationale, "rationale") or ""
        objective.selected = True
        ctx.session.flush()
        key_results = list(objective.key_results)
        for kr_position, kr in enumerate(parent.key_results):
            if kr_position < len(key_results):
                key_result = key_results[kr_position]
            else:
                key_result = KeyResult(objective_id=objective.id, position=kr_position)
                ctx.session.add(key_result)
            _fill_key_result(key_result, kr)
            ctx.session.flush()
            _fill_progress(ctx, key_result, kr)
        for dropped in key_results[len(parent.key_results) :]:
            ctx.session.delete(dropped)
    for dropped_objective in existing[len(okrs.objectives) :]:
        ctx.session.delete(dropped_objective)
    ctx.session.flush()


@dataclass(frozen=True)
class ImportParentOkrs(OperationBase):
    """Bring in a parent unit's approved OKRs as a locked, read-only workshop.

    Importing the same workshop again (the parent revised its OKRs) updates the copy.
    """

    okrs: ParentOkrs
    label = "op.import_parent"

    def apply(self, ctx: OperationContext) -> int:
        okrs = self.okrs
        if not okrs.objectives:
            raise RuleError("rule.import_nothing", title=okrs.title)
        title = clean_text(okrs.title, "title")
        signer = clean_text(okrs.signer, "signer")
        # Checked as the window's pad's is: a malformed one is refused, an empty one is none.
        drawn = parse_signature(okrs.signature)
        signature = None if drawn is None else signature_json(drawn)
        unit = _unit(ctx, okrs.unit_path)
        cycle = _cycle(ctx, okrs)
        workshop = ctx.session.scalar(
            select(Workshop).where(
                Workshop.unit_id == unit.id, Workshop.cycle_id == cycle.id, Workshop.title == title
            )
        )
        if workshop is not None and workshop.imported_from is None:
            raise RuleError("rule.import_already_there", title=title, cycle=okrs.cycle)
        if workshop is None:
            workshop = Workshop(
                title=title,
                unit_id=unit.id,
                cycle_id=cycle.id,
                phase=Phase.EXPORT,
                facilitator=None,
                anonymous=False,
                created_at=ctx.now,
                locked=True,
            )
            ctx.session.add(workshop)
            ctx.session.flush()
            ctx.session.add(
                SignOff(
                    workshop_id=workshop.id,
                    round=1,
                    decision=Decision.APPROVE,
                    signer=signer,
                    comment=None,
                    decided_at=okrs.approved_at or ctx.now,
                    signature=signature,
                )
            )
        else:
            approval = workshop.signoffs[-1]
            approval.signer, approval.decided_at = signer, okrs.approved_at or ctx.now
            approval.signature = signature
        workshop.imported_from = okrs.source[: LIMITS["source"]]
        _fill_objectives(ctx, workshop, okrs)
        ctx.audit(AuditKind.IMPORTED_PARENT, workshop.id, source=okrs.source, unit=okrs.unit)
        ctx.notice("notice.parent_imported", title=title, unit=okrs.unit, source=okrs.source)
        return workshop.id
