"""A plain, frozen picture of a plan: what reports, exports and summaries are built from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.context import Clock
from okrdesk.engine.queries import (
    BallotProgress,
    PhaseTime,
    ballot_progress,
    latest_round,
    main_round,
    phase_times,
    reopenings,
    round_tally,
    settlement,
    signoff_state,
)
from okrdesk.models import (
    Alignment,
    Cycle,
    Idea,
    KeyResult,
    Objective,
    OrgUnit,
    Phase,
    PlanInfo,
    RoundStatus,
    Workshop,
)


@dataclass(frozen=True)
class ParentRef:
    """What an objective aligns to."""

    kind: str  # "objective" or "key_result"
    id: int
    title: str
    workshop_id: int


def plain_number(value: Decimal | None) -> str:
    """A decimal as people write it: 150, 2.1, 1800 (no exponent, no trailing zeros)."""
    return "" if value is None else format(value.normalize(), "f")


def value_span(kr: KeyResultView) -> str:
    """'0 → 150 leads' for a key result with a start or a target, else ''."""
    if kr.start is None and kr.target is None:
        return ""
    span = f"{plain_number(kr.start) or '?'} → {plain_number(kr.target) or '?'}"
    return f"{span} {kr.unit}" if kr.unit else span


@dataclass(frozen=True)
class KeyResultView:
    id: int
    title: str
    kind: str
    start: Decimal | None
    target: Decimal | None
    unit: str | None
    deadline: date | None
    owner: str | None
    commitment: str


def key_result_view(kr: KeyResult) -> KeyResultView:
    return KeyResultView(
        id=kr.id,
        title=kr.title,
        kind=kr.kind.value,
        start=kr.start_value,
        target=kr.target_value,
        unit=kr.unit,
        deadline=kr.deadline,
        owner=kr.owner,
        commitment=kr.commitment.value,
    )


@dataclass(frozen=True)
class ObjectiveView:
    id: int
    title: str
    selected: bool
    dots: int | None
    parent: ParentRef | None
    key_results: tuple[KeyResultView, ...]


@dataclass(frozen=True)
class IdeaView:
    id: int
    text: str
    author: str | None
    objective_id: int | None
    merged_into_id: int | None
    dots: int | None


@dataclass(frozen=True)
class DecisionView:
    """One sign-off decision: a return (with its comments) or the approval."""

    round: int
    decision: str  # "approve" or "return"
    signer: str
    at: datetime
    comment: str | None
    notes: tuple[tuple[str, str], ...]  # (objective title, comment)
    signature: str | None  # the drawn signature's JSON (engine.signature), if any


@dataclass(frozen=True)
class SignoffView:
    status: str
    signer: str | None
    at: datetime | None
    rounds: int
    comment: str | None
    history: tuple[DecisionView, ...] = ()


@dataclass(frozen=True)
class VotingView:
    round_number: int
    kind: str
    open: bool
    revealed: bool
    ballots: BallotProgress
    tied: tuple[int, ...]


@dataclass(frozen=True)
class WorkshopView:
    id: int
    title: str
    unit_id: int
    cycle_id: int
    phase: str
    locked: bool
    facilitator: str | None
    dot_budget: int
    dot_cap: int
    selection_size: int
    participants: tuple[tuple[int, str], ...]
    ideas: tuple[IdeaView, ...]
    objectives: tuple[ObjectiveView, ...]
    voting: VotingView | None
    signoff: SignoffView | None
    phases: tuple[PhaseTime, ...]
    imported_from: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class UnitView:
    id: int
    name: str
    parent_id: int | None
    level: str


@dataclass(frozen=True)
class CycleView:
    id: int
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class PlanSnapshot:
    organisation: str
    cycles: tuple[CycleView, ...]
    units: tuple[UnitView, ...]
    workshops: tuple[WorkshopView, ...]


def _parent(alignment: Alignment | None) -> ParentRef | None:
    if alignment is None:
        return None
    if alignment.parent_key_result is not None:
        kr = alignment.parent_key_result
        return ParentRef("key_result", kr.id, kr.title, kr.objective.workshop_id)
    objective = alignment.parent_objective
    assert objective is not None
    return ParentRef("objective", objective.id, objective.title, objective.workshop_id)


def _history(session: Session, workshop: Workshop) -> tuple[DecisionView, ...]:
    """Every decision, and every reopening after an approval, in the order they happened."""
    decisions = [
        DecisionView(
            round=d.round,
            decision=d.decision.value,
            signer=d.signer,
            at=d.decided_at,
            comment=d.comment,
            notes=tuple((n.objective_title, n.comment) for n in d.notes),
            signature=d.signature,
        )
        for d in workshop.signoffs
    ]
    for reopening in reopenings(session, workshop.id):
        before = sum(1 for d in workshop.signoffs if d.decided_at <= reopening.at)
        decisions.append(
            DecisionView(
                round=before,
                decision="reopen",
                signer=reopening.by or "",
                at=reopening.at,
                comment=reopening.reason,
                notes=(),
                signature=None,
            )
        )
    return tuple(sorted(decisions, key=lambda d: (d.at, d.decision == "reopen")))


def units_in_tree_order(session: Session) -> list[OrgUnit]:
    """Units depth-first from the company, siblings by position (one query)."""
    units = session.scalars(select(OrgUnit).order_by(OrgUnit.position, OrgUnit.id)).all()
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[OrgUnit] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        unit = stack.pop()
        ordered.append(unit)
        stack.extend(reversed(children.get(unit.id, [])))
    return ordered


def workshop_view(session: Session, workshop: Workshop, now: datetime) -> WorkshopView:
    """Everything about one workshop that a report may show (tallies only once revealed)."""
    main = main_round(session, workshop.id)
    tally = round_tally(session, main.id) if main is not None and main.revealed else None
    objectives = tuple(
        ObjectiveView(
            id=o.id,
            title=o.title,
            selected=o.selected,
            dots=None if tally is None else tally.get(o.id, 0),
            parent=_parent(o.alignment),
            key_results=tuple(key_result_view(kr) for kr in o.key_results),
        )
        for o in session.scalars(
            select(Objective)
            .where(Objective.workshop_id == workshop.id)
            .order_by(Objective.position, Objective.id)
        )
    )
    ideas = tuple(
        IdeaView(
            id=i.id,
            text=i.text,
            author=None if workshop.anonymous or i.author is None else i.author.name,
            objective_id=i.objective_id,
            merged_into_id=i.merged_into_id,
            dots=None if tally is None or i.objective_id is None else tally.get(i.objective_id, 0),
        )
        for i in session.scalars(
            select(Idea).where(Idea.workshop_id == workshop.id).order_by(Idea.position, Idea.id)
        )
    )
    current = latest_round(session, workshop.id)
    voting = None
    if current is not None:
        outcome = settlement(session, workshop)
        voting = VotingView(
            round_number=current.number,
            kind=current.kind.value,
            open=current.status == RoundStatus.OPEN,
            revealed=current.revealed,
            ballots=ballot_progress(session, current),
            tied=() if outcome is None else outcome.tied,
        )
    state = signoff_state(workshop)
    signoff = None
    if state.rounds or workshop.phase.index >= Phase.SIGNOFF.index:
        latest = state.latest
        signoff = SignoffView(
            status=state.status,
            signer=None if latest is None else latest.signer,
            at=None if latest is None else latest.decided_at,
            rounds=state.rounds,
            comment=None if latest is None else latest.comment,
            history=_history(session, workshop),
        )
    return WorkshopView(
        id=workshop.id,
        title=workshop.title,
        unit_id=workshop.unit_id,
        cycle_id=workshop.cycle_id,
        phase=workshop.phase.value,
        locked=workshop.locked,
        facilitator=workshop.facilitator,
        dot_budget=workshop.dot_budget,
        dot_cap=workshop.dot_cap,
        selection_size=workshop.selection_size,
        participants=tuple((p.id, p.name) for p in workshop.participants),
        ideas=ideas,
        objectives=objectives,
        voting=voting,
        signoff=signoff,
        phases=tuple(phase_times(workshop, now)),
        imported_from=workshop.imported_from,
        created_at=workshop.created_at,
    )


def plan_snapshot(session: Session, clock: Clock) -> PlanSnapshot:
    """The whole plan: cycles by start date, units in tree order, workshops by unit order.

    The clock says when "now" is: a running phase's minutes count up to it. The CLI and the
    window pass the real clock; tests pass a fixed one, so two reads give the same plan.
    """
    now = clock()
    info = session.scalar(select(PlanInfo).limit(1))
    units = units_in_tree_order(session)
    unit_order = {unit.id: index for index, unit in enumerate(units)}
    workshops = sorted(
        session.scalars(select(Workshop)),
        key=lambda w: (w.cycle.starts_on, unit_order.get(w.unit_id, 0), w.id),
    )
    return PlanSnapshot(
        organisation="" if info is None else info.organisation,
        cycles=tuple(
            CycleView(c.id, c.name, c.starts_on, c.ends_on)
            for c in session.scalars(select(Cycle).order_by(Cycle.starts_on, Cycle.id))
        ),
        units=tuple(UnitView(u.id, u.name, u.parent_id, u.level.value) for u in units),
        workshops=tuple(workshop_view(session, w, now) for w in workshops),
    )
