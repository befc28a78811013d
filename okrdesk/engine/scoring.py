"""Scores at the end of a cycle: a key result's from its check-ins, an objective's from its KRs.

Pure functions over exact decimals (no rounding until a score is shown), the grading
guidance as data for the screens, and a view of one key result's score for the place where
the facilitator adjusts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.models import CheckIn, Commitment, KeyResult, KeyResultKind, KeyResultScore

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
# Aspirational key results: this band is success (the seed's "0.6 to 0.7").
ASPIRATIONAL_SUCCESS = (Decimal("0.6"), Decimal("0.7"))
# "Consistently 1.0": at least this many aspirational key results, every one at 1.0.
NOT_AMBITIOUS_AT_LEAST = 2


class ScoreSource(StrEnum):
    """Where a key result's score comes from."""

    NONE = "none"  # no check-in yet (or a metric KR without a start or target): no score
    COMPUTED = "computed"  # from the latest check-in
    ADJUSTED = "adjusted"  # set by the facilitator, with a reason


class Grade(StrEnum):
    """A score read against the grading guidance for its commitment."""

    MET = "met"  # committed, at 1.0: as expected
    SHORT = "short"  # committed, below 1.0
    LOW = "low"  # aspirational, below 0.6
    SUCCESS = "success"  # aspirational, 0.6 to 0.7
    BEYOND = "beyond"  # aspirational, above 0.7 and below 1.0
    FULL = "full"  # aspirational at 1.0: if all are, the goals were not ambitious enough


@dataclass(frozen=True)
class GradingGuidance:
    """What the screens show where scores are entered (message ids in messages.*.json)."""

    committed_expected: Decimal = ONE
    aspirational_success: tuple[Decimal, Decimal] = ASPIRATIONAL_SUCCESS
    not_ambitious_at_least: int = NOT_AMBITIOUS_AT_LEAST
    committed_text: str = "summary.grading_committed"
    aspirational_text: str = "summary.grading_aspirational"
    not_ambitious_text: str = "summary.grading_not_ambitious"


GUIDANCE = GradingGuidance()


@dataclass(frozen=True)
class Score:
    """A key result's score: the computed one, the adjustment (if any) and which stands."""

    computed: Decimal | None
    adjusted: Decimal | None = None
    reason: str | None = None  # why it was adjusted
    adjusted_by: str | None = None
    adjusted_at: datetime | None = None

    @property
    def value(self) -> Decimal | None:
        """The score that stands: the adjustment when there is one, else the computed."""
        return self.adjusted if self.adjusted is not None else self.computed

    @property
    def source(self) -> ScoreSource:
        if self.adjusted is not None:
            return ScoreSource.ADJUSTED
        return ScoreSource.NONE if self.computed is None else ScoreSource.COMPUTED


@dataclass(frozen=True)
class ObjectiveScore:
    """The mean of the scores of an objective's key results that have one.

    A key result without a score (no check-in yet) is left out of the mean, not counted as
    0, and counted in ``unscored`` so the screens can say "2 of 3 key results scored".
    """

    value: Decimal | None
    scored: int
    unscored: int


def clamp(number: Decimal) -> Decimal:
    return max(ZERO, min(ONE, number))


def metric_progress(
    start: Decimal | None, target: Decimal | None, value: Decimal | None
) -> Decimal | None:
    """How far a value has come from start to target, 0.0-1.0, either direction.

    "Reduce from 21 to 7 days" counts down: 14 is 0.5, 7 or less is 1.0, 21 or more 0.0.
    A key result that holds a level (start == target) is reached (1.0) only at the level
    itself: which side is better is not written down, so anything else is 0.0 and the
    facilitator adjusts it. Without a value, a start or a target there is no progress (None).
    """
    if value is None or start is None or target is None:
        return None
    if start == target:
        return ONE if value == target else ZERO
    return clamp((value - start) / (target - start))


def milestone_progress(done: bool | None, percent: int | None) -> Decimal:
    """A milestone is 1.0 when done, else its percentage (none given: 0.0)."""
    if done:
        return ONE
    return clamp(Decimal(percent or 0) / HUNDRED)


def check_in_progress(
    kind: KeyResultKind,
    start: Decimal | None,
    target: Decimal | None,
    value: Decimal | None,
    done: bool | None,
    percent: int | None,
) -> Decimal | None:
    """The progress one check-in of a key result gives: its value, or done and percent."""
    if kind == KeyResultKind.MILESTONE:
        return milestone_progress(done, percent)
    return metric_progress(start, target, value)


def objective_score(scores: Iterable[Decimal | None]) -> ObjectiveScore:
    """The mean of the scores given; those without one (None) are counted, not averaged."""
    listed = list(scores)
    given = [score for score in listed if score is not None]
    value = sum(given, ZERO) / len(given) if given else None
    return ObjectiveScore(value=value, scored=len(given), unscored=len(listed) - len(given))


def grade(commitment: Commitment, score: Decimal | None) -> Grade | None:
    """The score read against the guidance for its commitment (None: no score)."""
    if score is None:
        return None
    if commitment == Commitment.COMMITTED:
        return Grade.MET if score >= GUIDANCE.committed_expected else Grade.SHORT
    low, high = GUIDANCE.aspirational_success
    if score >= ONE:
        return Grade.FULL
    if score > high:
        return Grade.BEYOND
    return Grade.SUCCESS if score >= low else Grade.LOW


def not_ambitious(scored: Iterable[tuple[Commitment, Decimal | None]]) -> bool:
    """Whether every aspirational key result scored 1.0 (at least NOT_AMBITIOUS_AT_LEAST of
    them, all scored): the goals were set where the team already stood."""
    aspirational = [score for commitment, score in scored if commitment == Commitment.ASPIRATIONAL]
    return len(aspirational) >= GUIDANCE.not_ambitious_at_least and all(
        score is not None and score >= ONE for score in aspirational
    )


def shown(score: Decimal | None) -> str:
    """A score as people read it: two places ("0.50"), or an empty text for none."""
    if score is None:
        return ""
    return str(score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def cycle_elapsed(starts_on: date, ends_on: date, now: datetime) -> Decimal:
    """The share of the cycle gone at ``now``, 0.0-1.0; the cycle runs from the start of its
    first day to the end of its last, in UTC."""
    start = datetime.combine(starts_on, time(), UTC)
    end = datetime.combine(ends_on, time(), UTC) + timedelta(days=1)
    total = (end - start).total_seconds()
    if total <= 0:
        return ONE if now >= start else ZERO
    gone = Decimal(int((now - start).total_seconds())) / Decimal(int(total))
    return clamp(gone)


@dataclass(frozen=True)
class ScoreEntry:
    """One entry of a key result's score history: an adjustment, or its clearing (None)."""

    score: Decimal | None
    computed: Decimal | None  # what the check-ins gave when the entry was made
    reason: str | None
    by: str | None
    at: datetime


@dataclass(frozen=True)
class KeyResultScoreView:
    """A key result's score where the facilitator adjusts it, with the guidance to read it."""

    key_result_id: int
    title: str
    kind: KeyResultKind
    commitment: Commitment
    score: Score
    grade: Grade | None
    history: tuple[ScoreEntry, ...]  # oldest first
    guidance: GradingGuidance = GUIDANCE


def latest_check_in(session: Session, key_result_id: int) -> CheckIn | None:
    """The key result's latest check-in (by when it was recorded, then by order recorded)."""
    return session.scalars(
        select(CheckIn)
        .where(CheckIn.key_result_id == key_result_id)
        .order_by(CheckIn.recorded_at.desc(), CheckIn.id.desc())
        .limit(1)
    ).first()


def computed_score(session: Session, key_result: KeyResult) -> Decimal | None:
    """What the key result's latest check-in gives (None: no check-in yet)."""
    latest = latest_check_in(session, key_result.id)
    if latest is None:
        return None
    return check_in_progress(
        key_result.kind,
        key_result.start_value,
        key_result.target_value,
        latest.value,
        latest.done,
        latest.percent,
    )


def score_of(computed: Decimal | None, entry: KeyResultScore | None) -> Score:
    """The score with the latest score entry applied (a cleared entry leaves the computed)."""
    if entry is None or entry.score is None:
        return Score(computed=computed)
    return Score(
        computed=computed,
        adjusted=entry.score,
        reason=entry.reason,
        adjusted_by=entry.decided_by,
        adjusted_at=entry.decided_at,
    )


def key_result_score(session: Session, key_result_id: int) -> KeyResultScoreView | None:
    """One key result's score, its history of adjustments and the guidance (three queries);
    None if the key result is gone."""
    key_result = session.get(KeyResult, key_result_id)
    if key_result is None:
        return None
    entries = list(
        session.scalars(
            select(KeyResultScore)
            .where(KeyResultScore.key_result_id == key_result_id)
            .order_by(KeyResultScore.id)
        )
    )
    score = score_of(computed_score(session, key_result), entries[-1] if entries else None)
    return KeyResultScoreView(
        key_result_id=key_result.id,
        title=key_result.title,
        kind=key_result.kind,
        commitment=key_result.commitment,
        score=score,
        grade=grade(key_result.commitment, score.value),
        history=tuple(
            ScoreEntry(e.score, e.computed, e.reason, e.decided_by, e.decided_at) for e in entries
        ),
    )
