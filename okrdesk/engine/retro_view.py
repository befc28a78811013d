"""What the window and the projector show of a retrospective: the four questions in order,
each with its groups and loose answers, and the question the room is on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.models import (
    Cycle,
    Objective,
    OrgUnit,
    Participant,
    RetroAnswer,
    RetroGroup,
    RetroQuestion,
    Retrospective,
    Workshop,
)


@dataclass(frozen=True)
class RetroAnswerView:
    id: int
    text: str
    author: str | None  # None: anonymous, or the workshop is anonymous (never shown then)
    objective_id: int | None  # the objective it is about, if any
    objective: str | None  # that objective's title
    group_id: int | None
    position: int


@dataclass(frozen=True)
class RetroGroupView:
    id: int
    title: str
    answers: tuple[RetroAnswerView, ...]


@dataclass(frozen=True)
class RetroQuestionView:
    """One question with its groups (in order) and the answers in none."""

    question: RetroQuestion
    groups: tuple[RetroGroupView, ...]
    loose: tuple[RetroAnswerView, ...]

    @property
    def message_id(self) -> str:
        return self.question.message_id

    @property
    def number(self) -> int:
        return self.question.number

    @property
    def count(self) -> int:
        """How many answers the question has, grouped or not."""
        return len(self.loose) + sum(len(g.answers) for g in self.groups)


@dataclass(frozen=True)
class RetroObjective:
    """An objective of the workshop an answer may be about, with whether it was selected."""

    id: int
    title: str
    selected: bool


@dataclass(frozen=True)
class RetrospectiveView:
    """A workshop's retrospective; ``started`` False (and no answers) until it is started.

    ``current`` is the question the room is on: the one the projector shows.
    """

    workshop_id: int
    title: str
    unit: str
    cycle: str
    approved: bool
    imported: bool
    started: bool
    current: RetroQuestion | None
    questions: tuple[RetroQuestionView, ...]  # all four, in the seed's order
    objectives: tuple[RetroObjective, ...]

    @property
    def can_start(self) -> bool:
        return self.approved and not self.imported and not self.started

    @property
    def on_projector(self) -> RetroQuestionView | None:
        """The current question alone, with its answers (None before the start)."""
        return next((q for q in self.questions if q.question == self.current), None)


def retrospective_view(session: Session, workshop_id: int) -> RetrospectiveView | None:
    """The workshop's retrospective (four queries, whatever the number of answers);
    None if the workshop is gone."""
    head = session.execute(
        select(
            Workshop.title,
            Workshop.locked,
            Workshop.imported_from,
            Workshop.anonymous,
            OrgUnit.name,
            Cycle.name,
            Retrospective.current_question,
        )
        .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
        .join(Cycle, Cycle.id == Workshop.cycle_id)
        .outerjoin(Retrospective, Retrospective.workshop_id == Workshop.id)
        .where(Workshop.id == workshop_id)
    ).first()
    if head is None:
        return None
    title, locked, imported_from, anonymous, unit, cycle, current = head
    objectives = tuple(
        RetroObjective(row.id, row.title, row.selected)
        for row in session.execute(
            select(Objective.id, Objective.title, Objective.selected)
            .where(Objective.workshop_id == workshop_id)
            .order_by(Objective.selected.desc(), Objective.position)
        )
    )
    titles = {o.id: o.title for o in objectives}
    answers = session.execute(
        select(
            RetroAnswer.id,
            RetroAnswer.question,
            RetroAnswer.text,
            Participant.name,
            RetroAnswer.objective_id,
            RetroAnswer.group_id,
            RetroAnswer.position,
        )
        .outerjoin(Participant, Participant.id == RetroAnswer.author_id)
        .where(RetroAnswer.workshop_id == workshop_id)
        .order_by(RetroAnswer.position, RetroAnswer.id)
    ).all()
    grouped: defaultdict[int, list[RetroAnswerView]] = defaultdict(list)
    loose: defaultdict[RetroQuestion, list[RetroAnswerView]] = defaultdict(list)
    for row in answers:
        view = RetroAnswerView(
            id=row.id,
            text=row.text,
            author=None if anonymous else row.name,
            objective_id=row.objective_id,
            objective=None if row.objective_id is None else titles.get(row.objective_id),
            group_id=row.group_id,
            position=row.position,
        )
        if row.group_id is None:
            loose[row.question].append(view)
        else:
            grouped[row.group_id].append(view)
    groups: defaultdict[RetroQuestion, list[RetroGroupView]] = defaultdict(list)
    for group in session.execute(
        select(RetroGroup.id, RetroGroup.question, RetroGroup.title)
        .where(RetroGroup.workshop_id == workshop_id)
        .order_by(RetroGroup.position, RetroGroup.id)
    ):
        groups[group.question].append(
            RetroGroupView(group.id, group.title, tuple(grouped[group.id]))
        )
    return RetrospectiveView(
        workshop_id=workshop_id,
        title=title,
        unit=unit,
        cycle=cycle,
        approved=bool(locked),
        imported=imported_from is not None,
        started=current is not None,
        current=current,
        questions=tuple(
            RetroQuestionView(q, tuple(groups[q]), tuple(loose[q])) for q in RetroQuestion
        ),
        objectives=objectives,
    )
