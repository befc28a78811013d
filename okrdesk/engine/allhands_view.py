"""The all-hands (step 7 of the seed): what the CEO presents of a workshop's OKRs, slide by slide.

Last cycle's results (each objective's score, the best-scored key results), this cycle's
OKRs with the why of each, the worked breakdowns the facilitator marked (objective -> key
results -> their first initiatives), the department OKRs aligned beneath each objective, and
the closing slide with the two-week date of the cascade. The window's presenter, the
projector and the PDF all draw this one view, in this order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from okrdesk.engine.cascade import cascade_deadline, days_left, on_weekend
from okrdesk.engine.review_view import key_results_query, review_view
from okrdesk.models import (
    Alignment,
    Commitment,
    Cycle,
    Decision,
    Initiative,
    KeyResult,
    KeyResultKind,
    Objective,
    OrgUnit,
    PlanInfo,
    SignOff,
    UnitLevel,
    Workshop,
)

# The best-scored key results of the last cycle shown as its highlights.
HIGHLIGHTS = 3


class SlideKind(StrEnum):
    """What one slide of the all-hands shows, in the order they come."""

    OPENING = "opening"  # the unit, the cycle: "this quarter's OKRs"
    RESULTS = "results"  # last cycle: each objective's score
    HIGHLIGHTS = "highlights"  # last cycle: the best-scored key results
    OBJECTIVE = "objective"  # one of this cycle's objectives, its why and its key results
    BREAKDOWN = "breakdown"  # a marked objective worked down to its KRs' first initiatives
    ALIGNED = "aligned"  # the department objectives aligned beneath one objective
    CLOSING = "closing"  # "we start now", and the two weeks' last day


@dataclass(frozen=True)
class ResultKeyResult:
    """A key result of the last cycle with the score that stands."""

    title: str
    objective: str
    commitment: Commitment
    score: Decimal


@dataclass(frozen=True)
class ResultObjective:
    """An objective of the last cycle and its score (None: never scored)."""

    title: str
    score: Decimal | None
    scored: int  # key results with a score
    key_results: int


@dataclass(frozen=True)
class LastCycle:
    """The unit's last cycle, as its approved OKRs ended."""

    cycle: str
    objectives: tuple[ResultObjective, ...]
    highlights: tuple[ResultKeyResult, ...]  # best first, at most HIGHLIGHTS


@dataclass(frozen=True)
class ShownKeyResult:
    """A key result as the room reads it, with its first initiatives."""

    id: int
    title: str
    kind: KeyResultKind
    commitment: Commitment
    start: Decimal | None
    target: Decimal | None
    unit: str | None
    owner: str | None
    initiatives: tuple[str, ...]  # their texts, in order
    initiative_ids: tuple[int, ...]  # their ids, in the same order


@dataclass(frozen=True)
class AlignedObjective:
    """An objective of a unit below, aligned to a presented objective or one of its KRs."""

    id: int
    title: str
    unit: str
    level: UnitLevel
    key_result: str | None  # the presented KR it supports; None: the objective itself
    approved: bool


@dataclass(frozen=True)
class ShownObjective:
    """One of the cycle's objectives presented: why it was chosen, its key results, and
    what the units below set under it."""

    id: int
    title: str
    rationale: str  # empty: not written
    breakdown: bool  # shown as a worked breakdown
    key_results: tuple[ShownKeyResult, ...]
    aligned: tuple[AlignedObjective, ...]  # unit by unit, in the units' order


@dataclass(frozen=True)
class Slide:
    """One slide: its kind and, for the objective's slides, which objective."""

    kind: SlideKind
    objective_id: int | None = None


@dataclass(frozen=True)
class AllHandsView:
    """The presentation of one workshop's OKRs (normally the company's) for its cycle."""

    workshop_id: int
    organisation: str
    unit: str
    cycle: str
    approved: bool  # signed off (a draft presentation otherwise)
    last: LastCycle | None  # None: no earlier cycle, or nothing approved in it
    objectives: tuple[ShownObjective, ...]
    approved_on: date | None  # the day the OKRs were first approved
    deadline: date | None  # the last day of the two weeks for the units below
    days_left: int | None
    deadline_on_weekend: bool
    slides: tuple[Slide, ...]

    def objective(self, objective_id: int | None) -> ShownObjective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    @property
    def breakdowns(self) -> tuple[ShownObjective, ...]:
        return tuple(o for o in self.objectives if o.breakdown)


def allhands_view(session: Session, workshop_id: int, now: datetime) -> AllHandsView | None:
    """The workshop's all-hands at ``now`` (an aware time: its zone dates the approval and
    today); None if the workshop is gone. A fixed number of queries, one per table, however
    many objectives, key results, initiatives and aligned units there are."""
    head = session.execute(
        select(
            Workshop.unit_id,
            Workshop.cycle_id,
            Workshop.locked,
            OrgUnit.name,
            Cycle.name,
            Cycle.starts_on,
            Cycle.ends_on,
        )
        .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
        .join(Cycle, Cycle.id == Workshop.cycle_id)
        .where(Workshop.id == workshop_id)
    ).first()
    if head is None:
        return None
    unit_id, cycle_id, locked, unit, cycle, starts_on, ends_on = head
    organisation = session.scalar(select(PlanInfo.organisation).limit(1)) or ""
    objectives = _objectives(session, workshop_id, cycle_id)
    approvals = session.scalars(
        select(SignOff.decided_at)
        .where(SignOff.workshop_id == workshop_id, SignOff.decision == Decision.APPROVE)
        .order_by(SignOff.round, SignOff.id)
    ).all()
    zone = now.tzinfo
    approved_on = approvals[0].astimezone(zone).date() if approvals else None
    deadline = None if approved_on is None else cascade_deadline(approved_on, ends_on)
    last = _last_cycle(session, unit_id, starts_on, now)
    slides = [Slide(SlideKind.OPENING)]
    if last is not None:
        slides.append(Slide(SlideKind.RESULTS))
        if last.highlights:
            slides.append(Slide(SlideKind.HIGHLIGHTS))
    slides += [Slide(SlideKind.OBJECTIVE, o.id) for o in objectives]
    slides += [Slide(SlideKind.BREAKDOWN, o.id) for o in objectives if o.breakdown]
    slides += [Slide(SlideKind.ALIGNED, o.id) for o in objectives if o.aligned]
    slides.append(Slide(SlideKind.CLOSING))
    return AllHandsView(
        workshop_id=workshop_id,
        organisation=organisation,
        unit=unit,
        cycle=cycle,
        approved=bool(locked),
        last=last,
        objectives=objectives,
        approved_on=approved_on,
        deadline=deadline,
        days_left=None if deadline is None else days_left(deadline, now.date()),
        deadline_on_weekend=deadline is not None and on_weekend(deadline),
        slides=tuple(slides),
    )


def _objectives(session: Session, workshop_id: int, cycle_id: int) -> tuple[ShownObjective, ...]:
    chosen = (Objective.workshop_id == workshop_id) & Objective.selected.is_(True)
    objectives = session.execute(
        select(Objective.id, Objective.title, Objective.rationale, Objective.breakdown)
        .where(chosen)
        .order_by(Objective.position, Objective.id)
    ).all()
    if not objectives:
        return ()
    # The review's query of the chosen key results, its order made total by the id.
    key_results = session.execute(key_results_query(chosen).order_by(KeyResult.id)).all()
    initiatives: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
    for key_result_id, initiative_id, text in session.execute(
        select(Initiative.key_result_id, Initiative.id, Initiative.text)
        .join(KeyResult, KeyResult.id == Initiative.key_result_id)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .where(chosen)
        .order_by(Initiative.key_result_id, Initiative.position, Initiative.id)
    ):
        initiatives[key_result_id].append((initiative_id, text))
    by_objective: defaultdict[int, list[ShownKeyResult]] = defaultdict(list)
    kr_titles: dict[int, str] = {}
    for kr in key_results:
        kr_titles[kr.id] = kr.title
        by_objective[kr.objective_id].append(
            ShownKeyResult(
                id=kr.id,
                title=kr.title,
                kind=kr.kind,
                commitment=kr.commitment,
                start=kr.start_value,
                target=kr.target_value,
                unit=kr.unit,
                owner=kr.owner,
                initiatives=tuple(text for _id, text in initiatives[kr.id]),
                initiative_ids=tuple(initiative_id for initiative_id, _t in initiatives[kr.id]),
            )
        )
    aligned = _aligned(session, cycle_id, {o.id for o in objectives}, kr_titles)
    return tuple(
        ShownObjective(
            id=objective_id,
            title=title,
            rationale=rationale,
            breakdown=bool(breakdown),
            key_results=tuple(by_objective[objective_id]),
            aligned=aligned.get(objective_id, ()),
        )
        for objective_id, title, rationale, breakdown in objectives
    )


def _aligned(
    session: Session, cycle_id: int, objective_ids: set[int], kr_titles: dict[int, str]
) -> dict[int, tuple[AlignedObjective, ...]]:
    """The chosen objectives of the cycle's other workshops aligned directly to the presented
    objectives or their key results, grouped by the presented objective (one query)."""
    child = aliased(Objective)
    parent_kr = aliased(KeyResult)
    rows = session.execute(
        select(
            child.id,
            child.title,
            OrgUnit.name,
            OrgUnit.level,
            Workshop.locked,
            Alignment.parent_objective_id,
            Alignment.parent_key_result_id,
            parent_kr.objective_id,
        )
        .join(child, child.id == Alignment.objective_id)
        .join(Workshop, Workshop.id == child.workshop_id)
        .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
        .outerjoin(parent_kr, parent_kr.id == Alignment.parent_key_result_id)
        .where(
            Workshop.cycle_id == cycle_id,
            child.selected.is_(True),
            or_(
                Alignment.parent_objective_id.in_(objective_ids),
                Alignment.parent_key_result_id.in_(kr_titles),
            ),
        )
        .order_by(OrgUnit.position, OrgUnit.id, child.position, child.id)
    ).all()
    found: defaultdict[int, list[AlignedObjective]] = defaultdict(list)
    for child_id, title, unit, level, locked, parent_objective, parent_key_result, kr_of in rows:
        under = parent_objective if parent_objective is not None else kr_of
        found[under].append(
            AlignedObjective(
                id=child_id,
                title=title,
                unit=unit,
                level=level,
                key_result=None if parent_key_result is None else kr_titles[parent_key_result],
                approved=bool(locked),
            )
        )
    return {objective_id: tuple(listed) for objective_id, listed in found.items()}


def _last_cycle(session: Session, unit_id: int, starts_on: date, now: datetime) -> LastCycle | None:
    """The unit's approved OKRs of the cycle that started last before this one, scored."""
    previous = session.execute(
        select(Cycle.id, Cycle.name)
        .where(Cycle.starts_on < starts_on)
        .order_by(Cycle.starts_on.desc(), Cycle.id.desc())
        .limit(1)
    ).first()
    if previous is None:
        return None
    workshops = session.scalars(
        select(Workshop.id)
        .where(
            Workshop.cycle_id == previous.id,
            Workshop.unit_id == unit_id,
            Workshop.locked.is_(True),
            Workshop.imported_from.is_(None),
        )
        .order_by(Workshop.id)
    ).all()
    objectives: list[ResultObjective] = []
    scored: list[ResultKeyResult] = []
    # A unit has one approved workshop in a cycle, seldom two: a review per workshop, each a
    # fixed number of queries.
    for workshop in workshops:
        review = review_view(session, workshop, now)
        if review is None:
            continue
        for objective in review.objectives:
            objectives.append(
                ResultObjective(
                    title=objective.title,
                    score=objective.score.value,
                    scored=objective.score.scored,
                    key_results=len(objective.key_results),
                )
            )
            scored += [
                ResultKeyResult(kr.title, objective.title, kr.commitment, kr.score.value)
                for kr in objective.key_results
                if kr.score.value is not None
            ]
    if not objectives:
        return None
    # Best first; among equals, the aspirational ones (reaching them says more) and then
    # the plan's order.
    order = sorted(
        range(len(scored)),
        key=lambda i: (-scored[i].score, scored[i].commitment != Commitment.ASPIRATIONAL, i),
    )
    return LastCycle(
        cycle=previous.name,
        objectives=tuple(objectives),
        highlights=tuple(scored[i] for i in order[:HIGHLIGHTS]),
    )


@dataclass(frozen=True)
class ObjectiveWhy:
    """An objective's rationale as the Select and Sign-off pages show it for writing."""

    id: int
    title: str
    rationale: str
    editable: bool  # False for an imported copy of a parent's OKRs (written where they live)


def objective_why(session: Session, objective_id: int) -> ObjectiveWhy | None:
    """The objective's why (one query); None if it is gone."""
    found = session.execute(
        select(Objective.title, Objective.rationale, Workshop.imported_from)
        .join(Workshop, Workshop.id == Objective.workshop_id)
        .where(Objective.id == objective_id)
    ).first()
    if found is None:
        return None
    title, rationale, imported_from = found
    return ObjectiveWhy(objective_id, title, rationale, imported_from is None)


def allhands_workshop(session: Session, today: date) -> int | None:
    """The workshop whose all-hands is meant when none is named: the company's approved OKRs
    of the latest cycle that has them (the management meeting is often held before its cycle
    starts); without any, the company's workshop of the cycle under way today."""
    from okrdesk.engine.cascade_cycle import board_cycle_id

    company = session.execute(
        select(Workshop.id, Workshop.locked, Workshop.cycle_id)
        .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
        .join(Cycle, Cycle.id == Workshop.cycle_id)
        .where(OrgUnit.level == UnitLevel.COMPANY, Workshop.imported_from.is_(None))
        .order_by(Cycle.starts_on.desc(), Workshop.id)
    ).all()
    approved = [row.id for row in company if row.locked]
    if approved:
        return int(approved[0])
    cycle = board_cycle_id(session, None, today)
    return next((int(row.id) for row in company if row.cycle_id == cycle), None)
