"""The rest of the quarter in the plain plan snapshot: each key result's check-ins, score
entries and initiatives, and each workshop's retrospective, read a table at a time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from okrdesk.models import (
    CheckIn,
    Initiative,
    KeyResult,
    KeyResultScore,
    Objective,
    Participant,
    RetroAnswer,
    RetroGroup,
    RetroQuestion,
    Retrospective,
)

RowsT = TypeVar("RowsT")


@dataclass(frozen=True)
class CheckInRecord:
    """A check-in as recorded: a metric's value, or a milestone's done and percent."""

    at: datetime
    by: str | None
    value: Decimal | None
    done: bool | None
    percent: int | None
    confidence: int | None
    comment: str | None


@dataclass(frozen=True)
class ScoreRecord:
    """An entry of a key result's score: an adjustment (score and reason) or its clearing."""

    score: Decimal | None
    computed: Decimal | None
    reason: str | None
    by: str | None
    at: datetime


@dataclass(frozen=True)
class RetroGroupRecord:
    id: int
    question: RetroQuestion
    title: str


@dataclass(frozen=True)
class RetroAnswerRecord:
    id: int
    question: RetroQuestion
    text: str
    author: str | None  # None: anonymous (or an anonymous workshop)
    objective_id: int | None
    group_id: int | None


@dataclass(frozen=True)
class RetroRecord:
    """A workshop's retrospective: the question it is on, its groups and answers in order."""

    current_question: RetroQuestion
    started_at: datetime
    groups: tuple[RetroGroupRecord, ...] = ()
    answers: tuple[RetroAnswerRecord, ...] = ()


@dataclass
class QuarterRecords:
    """What the quarter added, by key result id and by workshop id."""

    check_ins: dict[int, list[CheckInRecord]] = field(default_factory=lambda: defaultdict(list))
    scores: dict[int, list[ScoreRecord]] = field(default_factory=lambda: defaultdict(list))
    initiatives: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    retros: dict[int, RetroRecord] = field(default_factory=dict)


def quarter_records(
    session: Session, workshop_ids: Collection[int] | None, anonymous: Collection[int] = ()
) -> QuarterRecords:
    """The records of the workshops (None: all), six queries whatever their number; answers
    of an anonymous workshop are read without their authors."""
    found = QuarterRecords()
    key_results = (
        None
        if workshop_ids is None
        else select(KeyResult.id)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .where(Objective.workshop_id.in_(workshop_ids))
    )

    def limited(query: Select[RowsT], column: InstrumentedAttribute[int]) -> Select[RowsT]:
        return query if key_results is None else query.where(column.in_(key_results))

    for c in session.scalars(
        limited(select(CheckIn), CheckIn.key_result_id).order_by(
            CheckIn.key_result_id, CheckIn.recorded_at, CheckIn.id
        )
    ):
        found.check_ins[c.key_result_id].append(
            CheckInRecord(
                c.recorded_at, c.recorded_by, c.value, c.done, c.percent, c.confidence, c.comment
            )
        )
    for s in session.scalars(
        limited(select(KeyResultScore), KeyResultScore.key_result_id).order_by(
            KeyResultScore.key_result_id, KeyResultScore.id
        )
    ):
        found.scores[s.key_result_id].append(
            ScoreRecord(s.score, s.computed, s.reason, s.decided_by, s.decided_at)
        )
    initiatives = select(Initiative).order_by(
        Initiative.key_result_id, Initiative.position, Initiative.id
    )
    for initiative in session.scalars(limited(initiatives, Initiative.key_result_id)):
        found.initiatives[initiative.key_result_id].append(initiative.text)
    _retros(session, workshop_ids, set(anonymous), found)
    return found


def _retros(
    session: Session,
    workshop_ids: Collection[int] | None,
    anonymous: set[int],
    found: QuarterRecords,
) -> None:
    retros = select(Retrospective)
    groups = select(RetroGroup).order_by(RetroGroup.workshop_id, RetroGroup.position, RetroGroup.id)
    answers = (
        select(RetroAnswer, Participant.name)
        .outerjoin(Participant, Participant.id == RetroAnswer.author_id)
        .order_by(RetroAnswer.workshop_id, RetroAnswer.question, RetroAnswer.id)
    )
    if workshop_ids is not None:
        retros = retros.where(Retrospective.workshop_id.in_(workshop_ids))
        groups = groups.where(RetroGroup.workshop_id.in_(workshop_ids))
        answers = answers.where(RetroAnswer.workshop_id.in_(workshop_ids))
    started = {r.workshop_id: r for r in session.scalars(retros)}
    if not started:
        return
    group_rows: dict[int, list[RetroGroupRecord]] = defaultdict(list)
    for g in session.scalars(groups):
        group_rows[g.workshop_id].append(RetroGroupRecord(g.id, g.question, g.title))
    answer_rows: dict[int, list[RetroAnswerRecord]] = defaultdict(list)
    for a, name in session.execute(answers):
        author = None if a.workshop_id in anonymous else name
        answer_rows[a.workshop_id].append(
            RetroAnswerRecord(a.id, a.question, a.text, author, a.objective_id, a.group_id)
        )
    for workshop_id, retro in started.items():
        found.retros[workshop_id] = RetroRecord(
            retro.current_question,
            retro.started_at,
            tuple(group_rows[workshop_id]),
            tuple(answer_rows[workshop_id]),
        )
