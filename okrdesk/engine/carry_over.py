"""Carry-over: the next cycle's wall is offered what the unit's last cycle left unfinished
(objectives scored below 0.7 or marked to carry) and its retrospective's lessons.

The last cycle is the one that started last before the new workshop's cycle; the unit's own
workshops in it (not imported copies) are looked at. Carrying over adds each offered item
once, as a card marked carried over: a card already carried, or carried and then deleted by
the room (declined), is not offered again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.review_view import review_view
from okrdesk.errors import RuleError
from okrdesk.models import (
    CarriedCard,
    CarriedKind,
    Cycle,
    Idea,
    Objective,
    OrgUnit,
    RetroAnswer,
    RetroQuestion,
    Workshop,
)

# An objective scored below this did not get done (the "unfinished": below 0.7; an
# aspirational objective at 0.6-0.7 counts as success, so 0.7 and above is finished).
FINISHED_AT = Decimal("0.7")
# The questions whose answers are lessons for the next cycle: how to improve, which
# resources, what to do less of or stop. "Why did we not reach it" explains the last cycle;
# its answers stay with the objective they are about.
LESSON_QUESTIONS = (RetroQuestion.IMPROVE, RetroQuestion.RESOURCES, RetroQuestion.STOP)


@dataclass(frozen=True)
class CarryObjective:
    """An objective of the last cycle offered to the new wall."""

    objective_id: int
    title: str
    workshop_id: int  # the last cycle's workshop it is from
    score: Decimal | None  # its score (the mean of its key results'); None: never scored
    unfinished: bool  # selected, approved, and scored below 0.7 or not at all
    marked: bool  # marked to carry, whatever its score
    carried: bool  # already carried into this workshop (on the wall, or declined)


@dataclass(frozen=True)
class CarryLesson:
    """An answer of the last cycle's retrospective offered to the new wall."""

    answer_id: int
    question: RetroQuestion
    text: str
    objective: str | None  # the objective it is about, if any
    carried: bool


@dataclass(frozen=True)
class CarryOverOffer:
    """What carrying over would bring to a workshop's wall, and what it already brought."""

    workshop_id: int
    unit: str
    cycle: str
    previous_cycle: str | None  # None: the plan has no earlier cycle
    previous_workshops: tuple[int, ...]
    objectives: tuple[CarryObjective, ...]
    lessons: tuple[CarryLesson, ...]

    @property
    def pending(self) -> int:
        """How many cards carrying over would add now."""
        return sum(not o.carried for o in self.objectives) + sum(
            not lesson.carried for lesson in self.lessons
        )


@dataclass(frozen=True)
class CarriedCards:
    """Which cards of a wall were carried over from the last cycle, and as what."""

    objectives: frozenset[int]  # idea ids of cards that were objectives
    lessons: frozenset[int]  # idea ids of cards that were retrospective answers

    def kind_of(self, idea_id: int) -> CarriedKind | None:
        if idea_id in self.objectives:
            return CarriedKind.OBJECTIVE
        if idea_id in self.lessons:
            return CarriedKind.LESSON
        return None


def carried_cards(session: Session, workshop_id: int) -> CarriedCards:
    """The wall's carried-over cards (one query), for the wall to mark them."""
    rows = session.execute(
        select(CarriedCard.idea_id, CarriedCard.kind).where(CarriedCard.workshop_id == workshop_id)
    ).all()
    return CarriedCards(
        objectives=frozenset(
            i for i, kind in rows if i is not None and kind == CarriedKind.OBJECTIVE
        ),
        lessons=frozenset(i for i, kind in rows if i is not None and kind == CarriedKind.LESSON),
    )


def previous_cycle(session: Session, cycle_id: int) -> Cycle | None:
    """The cycle that started last before this one (None: it is the plan's first)."""
    starts = select(Cycle.starts_on).where(Cycle.id == cycle_id).scalar_subquery()
    return session.scalars(
        select(Cycle).where(Cycle.starts_on < starts).order_by(Cycle.starts_on.desc()).limit(1)
    ).first()


def _scores(
    session: Session, workshop_ids: Sequence[int], at: datetime
) -> dict[int, Decimal | None]:
    """Each approved objective's score in the workshops (through the review's own view)."""
    scores: dict[int, Decimal | None] = {}
    for workshop_id in workshop_ids:
        review = review_view(session, workshop_id, at)
        if review is not None:
            scores.update({o.id: o.score.value for o in review.objectives})
    return scores


def carry_over_offer(session: Session, workshop_id: int) -> CarryOverOffer | None:
    """What the unit's last cycle offers this workshop's wall; None if the workshop is gone."""
    head = session.execute(
        select(Workshop.unit_id, Workshop.cycle_id, OrgUnit.name, Cycle.name)
        .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
        .join(Cycle, Cycle.id == Workshop.cycle_id)
        .where(Workshop.id == workshop_id)
    ).first()
    if head is None:
        return None
    unit_id, cycle_id, unit, cycle = head
    last = previous_cycle(session, cycle_id)
    if last is None:
        return CarryOverOffer(workshop_id, unit, cycle, None, (), (), ())
    previous = tuple(
        session.scalars(
            select(Workshop.id)
            .where(
                Workshop.unit_id == unit_id,
                Workshop.cycle_id == last.id,
                Workshop.imported_from.is_(None),
            )
            .order_by(Workshop.id)
        )
    )
    carried = session.execute(
        select(CarriedCard.source_objective_id, CarriedCard.source_answer_id).where(
            CarriedCard.workshop_id == workshop_id
        )
    ).all()
    carried_objectives = {row[0] for row in carried if row[0] is not None}
    carried_answers = {row[1] for row in carried if row[1] is not None}
    # The scores as they stood when the last cycle ended (the review's clock: its end).
    scores = _scores(session, previous, datetime.combine(last.ends_on, time(), UTC))
    objectives = []
    for row in session.execute(
        select(Objective.id, Objective.title, Objective.workshop_id, Objective.carry)
        .where(Objective.workshop_id.in_(previous))
        .order_by(Objective.workshop_id, Objective.position, Objective.id)
    ):
        approved = row.id in scores
        score = scores.get(row.id)
        unfinished = approved and (score is None or score < FINISHED_AT)
        if unfinished or row.carry:
            objectives.append(
                CarryObjective(
                    objective_id=row.id,
                    title=row.title,
                    workshop_id=row.workshop_id,
                    score=score,
                    unfinished=unfinished,
                    marked=row.carry,
                    carried=row.id in carried_objectives,
                )
            )
    about = Objective.__table__.alias("about")
    answers = session.execute(
        select(RetroAnswer.id, RetroAnswer.question, RetroAnswer.text, about.c.title)
        .outerjoin(about, about.c.id == RetroAnswer.objective_id)
        .where(
            RetroAnswer.workshop_id.in_(previous),
            RetroAnswer.question.in_(LESSON_QUESTIONS),
        )
        .order_by(RetroAnswer.workshop_id, RetroAnswer.position, RetroAnswer.id)
    ).all()
    lessons = sorted(
        (
            CarryLesson(row.id, row.question, row.text, row.title, row.id in carried_answers)
            for row in answers
        ),
        key=lambda lesson: LESSON_QUESTIONS.index(lesson.question),
    )
    return CarryOverOffer(
        workshop_id=workshop_id,
        unit=unit,
        cycle=cycle,
        previous_cycle=last.name,
        previous_workshops=previous,
        objectives=tuple(objectives),
        lessons=tuple(lessons),
    )


@dataclass(frozen=True)
class CarryMark:
    """An objective of a workshop as the retrospective shows it for carrying over: offered
    to the next cycle because it is unfinished, or because it is marked to carry."""

    objective_id: int
    title: str
    score: Decimal | None  # None: never scored
    unfinished: bool  # below 0.7 or never scored: offered whatever the mark
    marked: bool  # marked to carry

    @property
    def offered(self) -> bool:
        """Whether the next cycle's wall will be offered it."""
        return self.unfinished or self.marked


def carry_marks(session: Session, workshop_id: int) -> tuple[CarryMark, ...]:
    """The workshop's approved objectives with their scores (at the cycle's end, as carrying
    over reads them) and marks, then any other objective marked to carry."""
    ends = session.scalar(
        select(Cycle.ends_on)
        .join(Workshop, Workshop.cycle_id == Cycle.id)
        .where(Workshop.id == workshop_id)
    )
    if ends is None:
        return ()
    scores = _scores(session, (workshop_id,), datetime.combine(ends, time(), UTC))
    marks: list[CarryMark] = []
    others: list[CarryMark] = []
    for row in session.execute(
        select(Objective.id, Objective.title, Objective.carry)
        .where(Objective.workshop_id == workshop_id)
        .order_by(Objective.position, Objective.id)
    ):
        approved = row.id in scores
        score = scores.get(row.id)
        unfinished = approved and (score is None or score < FINISHED_AT)
        mark = CarryMark(row.id, row.title, score, unfinished, bool(row.carry))
        if approved:
            marks.append(mark)
        elif mark.marked:
            others.append(mark)
    return tuple(marks + others)


def _objective(ctx: OperationContext, objective_id: int) -> Objective:
    objective = ctx.get(Objective, objective_id)
    workshop = ctx.workshop(objective.workshop_id, editable=False)
    if workshop.imported_from is not None:
        raise RuleError("rule.imported_read_only", source=workshop.imported_from)
    return objective


@dataclass(frozen=True)
class MarkToCarry(OperationBase):
    """Mark an objective to be carried into the unit's next cycle whatever its score
    (allowed after sign-off: it changes what is offered next time, not the OKRs)."""

    objective_id: int
    label = "op.mark_to_carry"

    def apply(self, ctx: OperationContext) -> None:
        _objective(ctx, self.objective_id).carry = True


@dataclass(frozen=True)
class UnmarkToCarry(OperationBase):
    """Take an objective's mark to carry away (its score decides again)."""

    objective_id: int
    label = "op.unmark_to_carry"

    def apply(self, ctx: OperationContext) -> None:
        _objective(ctx, self.objective_id).carry = False


@dataclass(frozen=True)
class CarryOver(OperationBase):
    """Put what the last cycle offers on this workshop's wall, each as a card marked carried
    over (objectives first, then lessons); returns how many cards were added (0: nothing
    left to carry, and a notice says so).

    ``objective_ids`` / ``answer_ids``: only those of the offer (the facilitator's ticks);
    None: all of them."""

    new_workshop_id: int
    objective_ids: tuple[int, ...] | None = None
    answer_ids: tuple[int, ...] | None = None
    label = "op.carry_over"

    def apply(self, ctx: OperationContext) -> int:
        ctx.workshop(self.new_workshop_id)
        offer = carry_over_offer(ctx.session, self.new_workshop_id)
        assert offer is not None  # the workshop was found just above
        last = ctx.session.scalar(
            select(func.max(Idea.position)).where(Idea.workshop_id == self.new_workshop_id)
        )
        position = 0 if last is None else last + 1
        items: list[tuple[str, CarriedKind, int | None, int | None]] = [
            (o.title, CarriedKind.OBJECTIVE, o.objective_id, None)
            for o in offer.objectives
            if not o.carried
            and (self.objective_ids is None or o.objective_id in self.objective_ids)
        ]
        items += [
            (lesson.text, CarriedKind.LESSON, None, lesson.answer_id)
            for lesson in offer.lessons
            if not lesson.carried
            and (self.answer_ids is None or lesson.answer_id in self.answer_ids)
        ]
        for text, kind, objective_id, answer_id in items:
            card = Idea(
                workshop_id=self.new_workshop_id,
                text=text,
                author_id=None,
                position=position,
                created_at=ctx.now,
            )
            ctx.session.add(card)
            ctx.session.flush()
            ctx.session.add(
                CarriedCard(
                    workshop_id=self.new_workshop_id,
                    idea_id=card.id,
                    kind=kind,
                    source_objective_id=objective_id,
                    source_answer_id=answer_id,
                    carried_at=ctx.now,
                )
            )
            position += 1
        if not items:
            ctx.notice("notice.carry_nothing")
        return len(items)
