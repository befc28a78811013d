"""Phones in the retrospective: the question the room is on, and each person's own answers.

Once the facilitator has started a workshop's retrospective, the phones that joined its room
answer the question on the projector as they added ideas to the wall: an answer from a phone
is the retrospective's own AddRetroAnswer, by the phone's person, to the current question
(the facilitator groups it in the window with the others). A phone sees the question and its
own answers to it, never another person's; it can take its own back until the facilitator has
put it in a group.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.context import OperationContext
from okrdesk.engine.phones import PhoneIdentity, active_phone
from okrdesk.engine.retro_ops import AddRetroAnswer, DeleteRetroAnswer
from okrdesk.engine.room_ops import PhoneWrite
from okrdesk.errors import RuleError
from okrdesk.models import RetroAnswer, RetroQuestion, Retrospective

__all__ = [
    "PhoneAddRetroAnswer",
    "PhoneRetro",
    "PhoneRetroAnswer",
    "PhoneWithdrawRetroAnswer",
    "phone_retro",
]


@dataclass(frozen=True)
class PhoneRetroAnswer:
    """One of the person's own answers to the current question."""

    id: int
    text: str
    grouped: bool  # the facilitator has put it in a group: it can no longer be taken back


@dataclass(frozen=True)
class PhoneRetro:
    """A phone's retrospective screen: the question the room is on, and its own answers."""

    question: RetroQuestion
    number: int  # 1-4
    answers: tuple[PhoneRetroAnswer, ...]


def _current(session: Session, workshop_id: int) -> RetroQuestion | None:
    return session.scalar(
        select(Retrospective.current_question).where(Retrospective.workshop_id == workshop_id)
    )


def phone_retro(session: Session, workshop_id: int, token_sha256: str) -> PhoneRetro | None:
    """The phone's retrospective screen; None until the retrospective is started. Refused
    for an unknown, released or pending phone."""
    phone = active_phone(session, workshop_id, token_sha256)
    question = _current(session, workshop_id)
    if question is None:
        return None
    rows = session.execute(
        select(RetroAnswer.id, RetroAnswer.text, RetroAnswer.group_id)
        .where(
            RetroAnswer.workshop_id == workshop_id,
            RetroAnswer.question == question,
            RetroAnswer.author_id == phone.participant_id,
        )
        .order_by(RetroAnswer.id)
    )
    answers = tuple(PhoneRetroAnswer(i, text, group is not None) for i, text, group in rows)
    return PhoneRetro(question, question.number, answers)


@dataclass(frozen=True)
class PhoneAddRetroAnswer(PhoneWrite):
    """A person answers the question the room is on from their phone (answers its id)."""

    text: str = ""
    label = "op.phone_add_retro_answer"

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        question = _current(ctx.session, self.workshop_id)
        if question is None:
            raise RuleError("rule.room_retro_not_started")
        answer = AddRetroAnswer(
            self.workshop_id, question, self.text, author_id=self._voter(phone)
        ).apply(ctx)
        return int(answer)


@dataclass(frozen=True)
class PhoneWithdrawRetroAnswer(PhoneWrite):
    """A person takes one of their own answers back, until it is grouped (answers its id)."""

    answer_id: int = 0
    label = "op.phone_withdraw_retro_answer"

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        answer = ctx.session.get(RetroAnswer, self.answer_id)
        if (
            answer is None
            or answer.workshop_id != self.workshop_id
            or answer.author_id != self._voter(phone)
        ):
            raise RuleError("rule.room_not_your_answer")
        if answer.group_id is not None:
            raise RuleError("rule.room_answer_grouped")
        DeleteRetroAnswer(self.answer_id).apply(ctx)
        return self.answer_id
