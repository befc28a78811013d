"""The end of a cycle: the retrospective's answers and groups, and cards carried over.

A retrospective hangs off the workshop whose OKRs it looks back on (so it has that
workshop's unit and cycle, and its answers may name that workshop's objectives); a
carried card remembers where it came from, so carrying over twice adds nothing twice.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from okrdesk.models.base import Base
from okrdesk.models.org import enum_column
from okrdesk.models.types import UtcDateTime


class RetroQuestion(StrEnum):
    """The seed's four questions for the end of a cycle, in the order they are asked.

    为什么我们没有实现这个目标? / 我们如何在下一个周期中改善这个问题? /
    哪些资源可以帮助我们实现这一目标? / 在下一个周期中,有什么我们必须少做或不做的吗?
    """

    WHY_MISSED = "why_missed"  # why did we not reach this objective?
    IMPROVE = "improve"  # how do we improve on it in the next cycle?
    RESOURCES = "resources"  # which resources would help us reach it?
    STOP = "stop"  # what must we do less of, or stop, in the next cycle?

    @property
    def message_id(self) -> str:
        """The question as the room reads it (a message in both languages)."""
        return f"summary.retro_question_{self.value}"

    @property
    def number(self) -> int:
        """1-4, as the seed numbers them."""
        return list(RetroQuestion).index(self) + 1


class CarriedKind(StrEnum):
    """What a card carried over into the next cycle's wall was in the last cycle."""

    OBJECTIVE = "objective"  # an unfinished objective, or one marked to carry
    LESSON = "lesson"  # an answer of the retrospective

    @property
    def message_id(self) -> str:
        """What the card's mark says (a message in both languages)."""
        return f"summary.carried_{self.value}"


class Retrospective(Base):
    """A workshop's retrospective, once started: which question the room is on."""

    __tablename__ = "retrospective"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )
    current_question: Mapped[RetroQuestion] = mapped_column(enum_column(RetroQuestion))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RetroGroup(Base):
    """A heading the room gathers answers of one question under."""

    __tablename__ = "retro_group"
    __table_args__ = (Index("ix_retro_group_workshop_question", "workshop_id", "question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    question: Mapped[RetroQuestion] = mapped_column(enum_column(RetroQuestion))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)


class RetroAnswer(Base):
    """One answer to one of the questions, like a card: by someone or anonymous, perhaps
    about one of the workshop's objectives, perhaps in a group."""

    __tablename__ = "retro_answer"
    __table_args__ = (
        Index("ix_retro_answer_workshop_question", "workshop_id", "question", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    question: Mapped[RetroQuestion] = mapped_column(enum_column(RetroQuestion))
    text: Mapped[str] = mapped_column(String(500))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objective.id", ondelete="SET NULL"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("retro_group.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CarriedCard(Base):
    """A card put on a workshop's wall from the unit's last cycle, and where it came from.

    The record stays when the card is deleted (``idea_id`` becomes None): the room declined
    it, and carrying over again does not bring it back.
    """

    __tablename__ = "carried_card"
    __table_args__ = (
        UniqueConstraint("workshop_id", "source_objective_id"),
        UniqueConstraint("workshop_id", "source_answer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    idea_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[CarriedKind] = mapped_column(enum_column(CarriedKind))
    source_objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objective.id", ondelete="SET NULL"), index=True
    )
    source_answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("retro_answer.id", ondelete="SET NULL"), index=True
    )
    carried_at: Mapped[datetime] = mapped_column(UtcDateTime())
