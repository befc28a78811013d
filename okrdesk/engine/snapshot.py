"""A plain, frozen picture of a plan: what reports, exports and summaries are built from."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, joinedload, selectinload

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.context import Clock
from okrdesk.engine.queries import (
    BallotProgress,
    PhaseTime,
    Reopening,
    phase_times,
    reopenings_by_workshop,
    signoff_state,
)
from okrdesk.engine.snapshot_quarter import (
    CheckInRecord,
    QuarterRecords,
    RetroRecord,
    ScoreRecord,
    quarter_records,
)
from okrdesk.engine.vote_result import VoteResult, vote_state
from okrdesk.engine.workshop_list import tree_order, units_in_tree_order, workshops_in_order
from okrdesk.models import (
    Alignment,
    Commitment,
    Cycle,
    DecisionKind,
    Idea,
    KeyResult,
    KeyResultKind,
    Objective,
    OrgUnit,
    Phase,
    PlanInfo,
    RoundKind,
    SignOff,
    SignoffStatus,
    UnitLevel,
    VoteRound,
    Workshop,
)

RowT = TypeVar("RowT")
RowsT = TypeVar("RowsT")


@dataclass(frozen=True)
class ParentRef:
    """What an objective aligns to."""

    kind: ParentKind
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
    kind: KeyResultKind
    start: Decimal | None
    target: Decimal | None
    unit: str | None
    deadline: date | None
    owner: str | None
    commitment: Commitment
    # After sign-off (docs/quarter.md): check-ins oldest first, score entries in order (the
    # last stands), the first initiatives.
    check_ins: tuple[CheckInRecord, ...] = ()
    score_entries: tuple[ScoreRecord, ...] = ()
    initiatives: tuple[str, ...] = ()


def key_result_view(kr: KeyResult, quarter: QuarterRecords | None = None) -> KeyResultView:
    return KeyResultView(
        id=kr.id,
        title=kr.title,
        kind=kr.kind,
        start=kr.start_value,
        target=kr.target_value,
        unit=kr.unit,
        deadline=kr.deadline,
        owner=kr.owner,
        commitment=kr.commitment,
        check_ins=() if quarter is None else tuple(quarter.check_ins.get(kr.id, ())),
        score_entries=() if quarter is None else tuple(quarter.scores.get(kr.id, ())),
        initiatives=() if quarter is None else tuple(quarter.initiatives.get(kr.id, ())),
    )


@dataclass(frozen=True)
class ObjectiveView:
    id: int
    title: str
    selected: bool
    dots: int | None
    parent: ParentRef | None
    key_results: tuple[KeyResultView, ...]
    rationale: str = ""  # why it was chosen, said at the all-hands
    breakdown: bool = False  # shown at the all-hands as a worked breakdown
    carry: bool = False  # marked to carry into the next cycle


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
    decision: DecisionKind
    signer: str
    at: datetime
    comment: str | None
    notes: tuple[tuple[str, str], ...]  # (objective title, comment)
    signature: str | None  # the drawn signature's JSON (engine.signature), if any


@dataclass(frozen=True)
class SignoffView:
    status: SignoffStatus
    signer: str | None
    at: datetime | None
    rounds: int
    comment: str | None
    history: tuple[DecisionView, ...] = ()


@dataclass(frozen=True)
class VotingView:
    """The workshop's vote: its newest round, and once revealed the result (vote_result)."""

    round_number: int
    kind: RoundKind
    open: bool
    revealed: bool
    ballots: BallotProgress
    tied: tuple[int, ...]
    # The main vote followed through run-offs and any tie decision (None until revealed).
    result: VoteResult | None = None


@dataclass(frozen=True)
class WorkshopView:
    id: int
    title: str
    unit_id: int
    cycle_id: int
    phase: Phase
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
    # (participant id, department) for those a survey gave one (none in an anonymous workshop)
    departments: tuple[tuple[int, str], ...] = ()
    retrospective: RetroRecord | None = None


@dataclass(frozen=True)
class UnitView:
    id: int
    name: str
    parent_id: int | None
    level: UnitLevel


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
    # (workshop id, unit id) of every workshop in the plan, when ``workshops`` holds fewer
    # (a one-workshop snapshot): an objective's parent names its workshop's unit.
    workshop_units: tuple[tuple[int, int], ...] = ()

    def unit_of_workshop(self) -> dict[int, int]:
        """Each workshop's unit id, for every workshop the snapshot knows of."""
        units = dict(self.workshop_units)
        units.update((w.id, w.unit_id) for w in self.workshops)
        return units


def _parent(alignment: Alignment | None) -> ParentRef | None:
    if alignment is None:
        return None
    if alignment.parent_key_result is not None:
        kr = alignment.parent_key_result
        return ParentRef(ParentKind.KEY_RESULT, kr.id, kr.title, kr.objective.workshop_id)
    objective = alignment.parent_objective
    assert objective is not None
    return ParentRef(ParentKind.OBJECTIVE, objective.id, objective.title, objective.workshop_id)


def _history(workshop: Workshop, reopened: Sequence[Reopening]) -> tuple[DecisionView, ...]:
    """Every decision, and every reopening after an approval, in the order they happened."""
    decisions = [
        DecisionView(
            round=d.round,
            decision=DecisionKind(d.decision.value),
            signer=d.signer,
            at=d.decided_at,
            comment=d.comment,
            notes=tuple((n.objective_title, n.comment) for n in d.notes),
            signature=d.signature,
        )
        for d in workshop.signoffs
    ]
    for reopening in reopened:
        before = sum(1 for d in workshop.signoffs if d.decided_at <= reopening.at)
        decisions.append(
            DecisionView(
                round=before,
                decision=DecisionKind.REOPEN,
                signer=reopening.by or "",
                at=reopening.at,
                comment=reopening.reason,
                notes=(),
                signature=None,
            )
        )
    return tuple(sorted(decisions, key=lambda d: (d.at, d.decision == DecisionKind.REOPEN)))


def _voting(
    session: Session, workshop: Workshop
) -> tuple[VotingView | None, dict[int, int] | None]:
    """The workshop's vote as a report shows it, and the main round's tally once revealed.

    Run only for a workshop that has vote rounds (a few queries each).
    """
    state = vote_state(session, workshop.id)
    current = None if state is None else state.round
    if state is None or current is None:
        return None, None
    result = state.result
    voting = VotingView(
        round_number=current.number,
        kind=current.kind,
        open=current.open,
        revealed=current.revealed,
        ballots=current.ballots,
        tied=() if result is None else result.tied,
        result=result,
    )
    # The main vote's dots (every candidate, 0 without any), once revealed.
    tally = None if result is None else {row.objective_id: row.dots for row in result.rows}
    return voting, tally


def _loaded_workshops(session: Session, workshop_ids: Collection[int] | None) -> list[Workshop]:
    """The workshops (None: all) with their participants, agenda, visits and sign-offs."""
    query = select(Workshop).options(
        selectinload(Workshop.participants),
        selectinload(Workshop.phase_plans),
        selectinload(Workshop.phase_visits),
        selectinload(Workshop.signoffs).selectinload(SignOff.notes),
    )
    if workshop_ids is not None:
        query = query.where(Workshop.id.in_(workshop_ids))
    return list(session.scalars(query))


def _grouped(rows: Iterable[RowT], key: Callable[[RowT], int]) -> dict[int, list[RowT]]:
    grouped: dict[int, list[RowT]] = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def _within(
    query: Select[RowsT], column: InstrumentedAttribute[int], only: Collection[int] | None
) -> Select[RowsT]:
    """The query limited to rows of the workshops (None: no limit)."""
    return query if only is None else query.where(column.in_(only))


def workshop_views(
    session: Session, workshops: Sequence[Workshop], now: datetime
) -> list[WorkshopView]:
    """The views of the workshops, in their order, read together: a fixed number of queries
    for all of them (plus a few for each workshop that has vote rounds)."""
    ids = [w.id for w in workshops]
    if not ids:
        return []
    everyone = len(ids) == session.scalar(select(func.count(Workshop.id)))
    only: Collection[int] | None = None if everyone else ids

    objectives = _grouped(
        session.scalars(
            _within(select(Objective), Objective.workshop_id, only)
            .order_by(Objective.position, Objective.id)
            .options(
                selectinload(Objective.key_results),
                selectinload(Objective.alignment).options(
                    joinedload(Alignment.parent_objective),
                    joinedload(Alignment.parent_key_result).joinedload(KeyResult.objective),
                ),
            )
        ),
        lambda o: o.workshop_id,
    )
    ideas = _grouped(
        session.scalars(
            # An idea's author is one of its workshop's participants, loaded with the
            # workshop: found in the session, not read again.
            _within(select(Idea), Idea.workshop_id, only).order_by(Idea.position, Idea.id)
        ),
        lambda i: i.workshop_id,
    )
    with_rounds = set(
        session.scalars(
            _within(select(VoteRound.workshop_id).distinct(), VoteRound.workshop_id, only)
        )
    )
    reopened = reopenings_by_workshop(session, only)
    quarter = quarter_records(session, only, [w.id for w in workshops if w.anonymous])
    views = []
    for workshop in workshops:
        voting, tally = _voting(session, workshop) if workshop.id in with_rounds else (None, None)
        views.append(
            _workshop_view(
                workshop,
                objectives.get(workshop.id, []),
                ideas.get(workshop.id, []),
                voting,
                tally,
                reopened.get(workshop.id, []),
                now,
                quarter,
            )
        )
    return views


def _workshop_view(
    workshop: Workshop,
    objectives: Sequence[Objective],
    ideas: Sequence[Idea],
    voting: VotingView | None,
    tally: dict[int, int] | None,
    reopened: Sequence[Reopening],
    now: datetime,
    quarter: QuarterRecords | None = None,
) -> WorkshopView:
    state = signoff_state(workshop)
    signoff = None
    if state.rounds or workshop.phase.order >= Phase.SIGNOFF.order:
        latest = state.latest
        signoff = SignoffView(
            status=state.status,
            signer=None if latest is None else latest.signer,
            at=None if latest is None else latest.decided_at,
            rounds=state.rounds,
            comment=None if latest is None else latest.comment,
            history=_history(workshop, reopened),
        )
    return WorkshopView(
        id=workshop.id,
        title=workshop.title,
        unit_id=workshop.unit_id,
        cycle_id=workshop.cycle_id,
        phase=workshop.phase,
        locked=workshop.locked,
        facilitator=workshop.facilitator,
        dot_budget=workshop.dot_budget,
        dot_cap=workshop.dot_cap,
        selection_size=workshop.selection_size,
        participants=tuple((p.id, p.name) for p in workshop.participants),
        departments=()
        if workshop.anonymous
        else tuple((p.id, p.department) for p in workshop.participants if p.department),
        ideas=tuple(
            IdeaView(
                id=i.id,
                text=i.text,
                author=None if workshop.anonymous or i.author is None else i.author.name,
                objective_id=i.objective_id,
                merged_into_id=i.merged_into_id,
                dots=None
                if tally is None or i.objective_id is None
                else tally.get(i.objective_id, 0),
            )
            for i in ideas
        ),
        objectives=tuple(
            ObjectiveView(
                id=o.id,
                title=o.title,
                selected=o.selected,
                dots=None if tally is None else tally.get(o.id, 0),
                parent=_parent(o.alignment),
                key_results=tuple(key_result_view(kr, quarter) for kr in o.key_results),
                rationale=o.rationale,
                breakdown=o.breakdown,
                carry=o.carry,
            )
            for o in objectives
        ),
        voting=voting,
        signoff=signoff,
        phases=tuple(phase_times(workshop, now)),
        imported_from=workshop.imported_from,
        created_at=workshop.created_at,
        retrospective=None if quarter is None else quarter.retros.get(workshop.id),
    )


def workshop_view(session: Session, workshop: Workshop, now: datetime) -> WorkshopView:
    """Everything about one workshop that a report may show (tallies only once revealed)."""
    return workshop_views(session, [workshop], now)[0]


def _plan_parts(session: Session) -> tuple[str, tuple[CycleView, ...], list[OrgUnit]]:
    info = session.scalar(select(PlanInfo).limit(1))
    cycles = tuple(
        CycleView(c.id, c.name, c.starts_on, c.ends_on)
        for c in session.scalars(select(Cycle).order_by(Cycle.starts_on, Cycle.id))
    )
    return "" if info is None else info.organisation, cycles, units_in_tree_order(session)


def plan_snapshot(session: Session, clock: Clock, cycle_id: int | None = None) -> PlanSnapshot:
    """The whole plan: cycles by start date, units in tree order, workshops by unit order;
    with ``cycle_id``, only that cycle's workshops are read.

    The clock says when "now" is: a running phase's minutes count up to it. The CLI and the
    window pass the real clock; tests pass a fixed one, so two reads give the same plan.
    """
    now = clock()
    organisation, cycles, units = _plan_parts(session)
    workshops = workshops_in_order(session, units, cycle_id)
    # Loaded again with what a view needs (the identity map keeps one object per row).
    _loaded_workshops(session, None if cycle_id is None else [w.id for w in workshops])
    return PlanSnapshot(
        organisation=organisation,
        cycles=cycles,
        units=tuple(UnitView(u.id, u.name, u.parent_id, u.level) for u in units),
        workshops=tuple(workshop_views(session, workshops, now)),
    )


def workshop_snapshot(session: Session, workshop_id: int, now: datetime) -> PlanSnapshot:
    """The plan around one workshop, read in a fixed number of queries whatever the plan's size.

    It holds that workshop only (none if there is no such workshop), its cycle, and the units
    a report of it names: its unit and those above it, and the units of the workshops its
    objectives align to (``workshop_units`` says which unit each of those workshops is).
    What a one-workshop report, export or ``info --workshop`` is built from.
    """
    info = session.scalar(select(PlanInfo).limit(1))
    workshops = _loaded_workshops(session, (workshop_id,))
    views = workshop_views(session, workshops, now)
    parents = {
        o.parent.workshop_id for w in views for o in w.objectives if o.parent is not None
    } - {workshop_id}
    workshop_units = (
        tuple(
            (int(parent), int(unit))
            for parent, unit in session.execute(
                select(Workshop.id, Workshop.unit_id)
                .where(Workshop.id.in_(parents))
                .order_by(Workshop.id)
            )
        )
        if parents
        else ()
    )
    unit_ids = {w.unit_id for w in views} | {unit for _, unit in workshop_units}
    units = _units_and_above(session, unit_ids)
    cycle_ids = {w.cycle_id for w in views}
    cycles = tuple(
        CycleView(c.id, c.name, c.starts_on, c.ends_on)
        for c in session.scalars(
            select(Cycle).where(Cycle.id.in_(cycle_ids)).order_by(Cycle.starts_on, Cycle.id)
        )
    )
    return PlanSnapshot(
        organisation="" if info is None else info.organisation,
        cycles=cycles,
        units=tuple(UnitView(u.id, u.name, u.parent_id, u.level) for u in units),
        workshops=tuple(views),
        workshop_units=workshop_units,
    )


def _units_and_above(session: Session, unit_ids: Collection[int]) -> list[OrgUnit]:
    """The units and every unit above them, in tree order (one query)."""
    if not unit_ids:
        return []
    above = (
        select(OrgUnit.id, OrgUnit.parent_id)
        .where(OrgUnit.id.in_(unit_ids))
        .cte("above", recursive=True)
    )
    above = above.union(
        select(OrgUnit.id, OrgUnit.parent_id).join(above, OrgUnit.id == above.c.parent_id)
    )
    units = session.scalars(
        select(OrgUnit)
        .where(OrgUnit.id.in_(select(above.c.id)))
        .order_by(OrgUnit.position, OrgUnit.id)
    ).all()
    return tree_order(units)
