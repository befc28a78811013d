"""The retrospective: started for a workshop, its question moved on, answers written like
cards (edited, deleted, grouped under titles); every operation can be undone.

A retrospective looks back on a workshop's approved OKRs, so it belongs to that workshop
(its unit and its cycle) and is held after sign-off: unlike the OKRs themselves, its answers
are written while the workshop is locked. One unit has one retrospective per cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import clean_text
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import (
    Objective,
    Participant,
    RetroAnswer,
    RetroGroup,
    RetroQuestion,
    Retrospective,
    Workshop,
)


def _question(value: RetroQuestion | str) -> RetroQuestion:
    try:
        return RetroQuestion(value)
    except ValueError:
        raise ValidationError("validation.bad_choice", field="question") from None


def retro_workshop(ctx: OperationContext, workshop_id: int) -> Workshop:
    """The workshop, if its retrospective has started and it is this plan's own; else a
    refusal (an imported copy's retrospective is held where its OKRs live)."""
    workshop = ctx.workshop(workshop_id, editable=False)
    if workshop.imported_from is not None:
        raise RuleError("rule.imported_read_only", source=workshop.imported_from)
    if ctx.session.get(Retrospective, workshop_id) is None:
        raise RuleError("rule.retro_not_started", title=workshop.title)
    return workshop


def _member(
    ctx: OperationContext, entity: type[Participant] | type[Objective], key: int, workshop_id: int
) -> int:
    row = ctx.get(entity, key)
    if row.workshop_id != workshop_id:
        raise RuleError("rule.wrong_workshop")
    return row.id


def _next_answer(ctx: OperationContext, answer: RetroAnswer, group_id: int | None) -> int:
    """One past the last answer of the question in that group (or among the loose ones)."""
    where = (
        (RetroAnswer.workshop_id == answer.workshop_id)
        & (RetroAnswer.question == answer.question)
        & (RetroAnswer.id != answer.id)
    )
    where &= (
        RetroAnswer.group_id.is_(None) if group_id is None else RetroAnswer.group_id == group_id
    )
    highest = ctx.session.scalar(select(func.max(RetroAnswer.position)).where(where))
    return 0 if highest is None else highest + 1


@dataclass(frozen=True)
class StartRetrospective(OperationBase):
    """Start the retrospective of a workshop's approved OKRs, on the first question."""

    workshop_id: int
    label = "op.start_retrospective"

    def apply(self, ctx: OperationContext) -> int:
        workshop = ctx.workshop(self.workshop_id, editable=False)
        if workshop.imported_from is not None:
            raise RuleError("rule.imported_read_only", source=workshop.imported_from)
        if not workshop.locked:
            raise RuleError("rule.retro_not_approved", title=workshop.title)
        held = ctx.session.scalar(
            select(Workshop.title)
            .join(Retrospective, Retrospective.workshop_id == Workshop.id)
            .where(Workshop.unit_id == workshop.unit_id, Workshop.cycle_id == workshop.cycle_id)
        )
        if held is not None:
            raise RuleError("rule.retro_already_there", title=held)
        ctx.session.add(
            Retrospective(
                workshop_id=workshop.id,
                current_question=RetroQuestion.WHY_MISSED,
                started_at=ctx.now,
            )
        )
        return workshop.id


@dataclass(frozen=True)
class ShowRetroQuestion(OperationBase):
    """Put the room on one of the four questions (the projector shows one at a time)."""

    workshop_id: int
    question: RetroQuestion
    label = "op.show_retro_question"

    def label_params(self) -> dict[str, Any]:
        return {"number": _question(self.question).number}

    def apply(self, ctx: OperationContext) -> None:
        retro_workshop(ctx, self.workshop_id)
        retrospective = ctx.get(Retrospective, self.workshop_id)
        retrospective.current_question = _question(self.question)


@dataclass(frozen=True)
class AddRetroAnswer(OperationBase):
    """An answer to one question, last among its loose answers: by someone or anonymous,
    perhaps about one of the workshop's objectives."""

    workshop_id: int
    question: RetroQuestion
    text: str
    author_id: int | None = None
    objective_id: int | None = None
    label = "op.add_retro_answer"

    def apply(self, ctx: OperationContext) -> int:
        retro_workshop(ctx, self.workshop_id)
        answer = RetroAnswer(
            workshop_id=self.workshop_id,
            question=_question(self.question),
            text=clean_text(self.text, "answer"),
            author_id=None
            if self.author_id is None
            else _member(ctx, Participant, self.author_id, self.workshop_id),
            objective_id=None
            if self.objective_id is None
            else _member(ctx, Objective, self.objective_id, self.workshop_id),
            group_id=None,
            created_at=ctx.now,
        )
        answer.position = _next_answer(ctx, answer, None)
        ctx.session.add(answer)
        ctx.session.flush()
        return answer.id


@dataclass(frozen=True)
class EditRetroAnswer(OperationBase):
    """Change an answer's text; and, if given, its author or objective (0: none)."""

    answer_id: int
    text: str
    author_id: int | None = None
    objective_id: int | None = None
    label = "op.edit_retro_answer"

    def apply(self, ctx: OperationContext) -> None:
        answer = ctx.get(RetroAnswer, self.answer_id)
        retro_workshop(ctx, answer.workshop_id)
        answer.text = clean_text(self.text, "answer")
        if self.author_id == 0:
            answer.author_id = None
        elif self.author_id is not None:
            answer.author_id = _member(ctx, Participant, self.author_id, answer.workshop_id)
        if self.objective_id == 0:
            answer.objective_id = None
        elif self.objective_id is not None:
            answer.objective_id = _member(ctx, Objective, self.objective_id, answer.workshop_id)


@dataclass(frozen=True)
class DeleteRetroAnswer(OperationBase):
    """Take an answer away."""

    answer_id: int
    label = "op.delete_retro_answer"

    def apply(self, ctx: OperationContext) -> None:
        answer = ctx.get(RetroAnswer, self.answer_id)
        retro_workshop(ctx, answer.workshop_id)
        ctx.session.delete(answer)


@dataclass(frozen=True)
class AddRetroGroup(OperationBase):
    """A titled group for answers of one question (last among that question's groups)."""

    workshop_id: int
    question: RetroQuestion
    title: str
    label = "op.add_retro_group"

    def apply(self, ctx: OperationContext) -> int:
        retro_workshop(ctx, self.workshop_id)
        question = _question(self.question)
        group = RetroGroup(
            workshop_id=self.workshop_id,
            question=question,
            title=clean_text(self.title, "title"),
            position=ctx.next_position(
                RetroGroup.position,
                RetroGroup.workshop_id == self.workshop_id,
                RetroGroup.question == question,
            ),
        )
        ctx.session.add(group)
        ctx.session.flush()
        return group.id


@dataclass(frozen=True)
class RenameRetroGroup(OperationBase):
    """Give a group another title."""

    group_id: int
    title: str
    label = "op.rename_retro_group"

    def apply(self, ctx: OperationContext) -> None:
        group = ctx.get(RetroGroup, self.group_id)
        retro_workshop(ctx, group.workshop_id)
        group.title = clean_text(self.title, "title")


@dataclass(frozen=True)
class DeleteRetroGroup(OperationBase):
    """Remove a group; its answers stay, loose again, after the loose ones."""

    group_id: int
    label = "op.delete_retro_group"

    def apply(self, ctx: OperationContext) -> None:
        group = ctx.get(RetroGroup, self.group_id)
        retro_workshop(ctx, group.workshop_id)
        members = list(
            ctx.session.scalars(
                select(RetroAnswer)
                .where(RetroAnswer.group_id == group.id)
                .order_by(RetroAnswer.position, RetroAnswer.id)
            )
        )
        for answer in members:
            answer.position = _next_answer(ctx, answer, None)
            answer.group_id = None
            ctx.session.flush()
        ctx.session.delete(group)


@dataclass(frozen=True)
class MoveRetroAnswer(OperationBase):
    """Move an answer into a group of its question (or out of any, None), at an index
    among the group's answers (None: last)."""

    answer_id: int
    group_id: int | None
    index: int | None = None
    label = "op.move_retro_answer"

    def apply(self, ctx: OperationContext) -> None:
        answer = ctx.get(RetroAnswer, self.answer_id)
        retro_workshop(ctx, answer.workshop_id)
        if self.group_id is not None:
            group = ctx.get(RetroGroup, self.group_id)
            if group.workshop_id != answer.workshop_id:
                raise RuleError("rule.wrong_workshop")
            if group.question != answer.question:
                raise RuleError("rule.retro_other_question")
        siblings = [
            a
            for a in ctx.session.scalars(
                select(RetroAnswer)
                .where(
                    RetroAnswer.workshop_id == answer.workshop_id,
                    RetroAnswer.question == answer.question,
                    RetroAnswer.group_id.is_(None)
                    if self.group_id is None
                    else RetroAnswer.group_id == self.group_id,
                    RetroAnswer.id != answer.id,
                )
                .order_by(RetroAnswer.position, RetroAnswer.id)
            )
        ]
        at = len(siblings) if self.index is None else max(0, min(self.index, len(siblings)))
        siblings.insert(at, answer)
        answer.group_id = self.group_id
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                sibling.position = position
