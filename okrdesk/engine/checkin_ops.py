"""After sign-off: recording a key result's progress, and adjusting its end-of-cycle score.

Every operation adds a row and changes none: a correction is a new check-in, a changed score
a new score entry; undo takes the added row away again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import bindparam, insert, select

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.scoring import ONE, ZERO, computed_score
from okrdesk.engine.validation import check_range, optional_text, parse_decimal
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import CheckIn, KeyResult, KeyResultKind, KeyResultScore, Objective, Workshop

Number = Decimal | int | float | str


# The key result with what approves it, in one read (a check-in is typed every few seconds in
# a review meeting; its objective and workshop exist while it does: their keys cascade).
_APPROVAL = (
    select(
        KeyResult,
        Objective.selected,
        Objective.title,
        Workshop.locked,
        Workshop.imported_from,
        Workshop.title,
    )
    .join(Objective, Objective.id == KeyResult.objective_id)
    .join(Workshop, Workshop.id == Objective.workshop_id)
    .where(KeyResult.id == bindparam("key_result"))
)

_ADD_CHECK_IN = insert(CheckIn)


def approved_key_result(ctx: OperationContext, key_result_id: int) -> KeyResult:
    """The key result, if it belongs to approved OKRs of this plan; else a refusal.

    Approved means signed off and locked (a reopened workshop is not, until approved again)
    and selected for the cycle; OKRs imported from a parent are checked in where they live.
    """
    found = ctx.session.execute(_APPROVAL, {"key_result": key_result_id}).one_or_none()
    if found is None:
        raise RuleError("rule.not_found", what=KeyResult.__tablename__, id=key_result_id)
    key_result, selected, objective_title, locked, imported_from, workshop_title = found
    if imported_from is not None:
        raise RuleError("rule.imported_read_only", source=imported_from)
    if not locked:
        raise RuleError("rule.check_in_not_approved", title=workshop_title)
    if not selected:
        raise RuleError("rule.check_in_not_selected", title=objective_title)
    return key_result


@dataclass(frozen=True)
class RecordCheckIn(OperationBase):
    """A key result's progress as the room reports it: a metric's value, or a milestone's
    done / not yet with a percentage; the room's confidence (0-10), a comment, who and when.

    A milestone may be given as done, as a percentage, or both (done is 100%); ``at`` is
    when the progress was reported (default: now).
    """

    key_result_id: int
    value: Number | None = None
    done: bool | None = None
    percent: int | None = None
    confidence: int | None = None
    comment: str | None = None
    who: str | None = None
    at: datetime | None = None
    label = "op.record_check_in"

    def apply(self, ctx: OperationContext) -> int:
        key_result = approved_key_result(ctx, self.key_result_id)
        value, done, percent = self._progress(key_result.kind)
        if self.at is not None and self.at.tzinfo is None:
            raise ValidationError("validation.not_a_date", field="date")
        # One INSERT, not the unit of work's flush: nothing else is loaded or changed.
        added = ctx.session.connection().execute(
            _ADD_CHECK_IN,
            {
                "key_result_id": key_result.id,
                "recorded_at": ctx.now if self.at is None else self.at,
                "recorded_by": optional_text(self.who, "name"),
                "value": value,
                "done": done,
                "percent": percent,
                "confidence": None
                if self.confidence is None
                else check_range(self.confidence, "confidence", 0, 10),
                "comment": optional_text(self.comment, "comment"),
            },
        )
        key = added.inserted_primary_key
        assert key is not None
        return int(key[0])

    def _progress(self, kind: KeyResultKind) -> tuple[Decimal | None, bool | None, int | None]:
        return checked_progress(kind, self.value, self.done, self.percent)


def checked_progress(
    kind: KeyResultKind, value: Number | None, done: bool | None, percent: int | None
) -> tuple[Decimal | None, bool | None, int | None]:
    """The value, or done and percent, as the key result's kind takes them (else a refusal);
    the check-in import checks a sheet's rows with it before anything is recorded."""
    if kind == KeyResultKind.METRIC:
        if done is not None or percent is not None:
            raise ValidationError("validation.check_in_metric")
        number = parse_decimal(value, "value")
        if number is None:
            raise ValidationError("validation.check_in_needs_value")
        return number, None, None
    if value is not None and not (isinstance(value, str) and not value.strip()):
        raise ValidationError("validation.check_in_milestone")
    if done is None and percent is None:
        raise ValidationError("validation.check_in_needs_done")
    if done is not None and not isinstance(done, bool):
        raise ValidationError("validation.bad_choice", field="done")
    share = None if percent is None else check_range(percent, "percent", 0, 100)
    finished = share == 100 if done is None else done
    if (finished and share not in (None, 100)) or (not finished and share == 100):
        raise ValidationError("validation.check_in_done_percent")
    return None, finished, 100 if finished else (share or 0)


def _score(value: Number | None) -> Decimal:
    score = parse_decimal(value, "score")
    if score is None:
        raise ValidationError("validation.empty", field="score")
    if not ZERO <= score <= ONE:
        raise ValidationError("validation.out_of_range", field="score", low="0.0", high="1.0")
    return score


def _current_entry(ctx: OperationContext, key_result_id: int) -> KeyResultScore | None:
    return ctx.session.scalars(
        select(KeyResultScore)
        .where(KeyResultScore.key_result_id == key_result_id)
        .order_by(KeyResultScore.id.desc())
        .limit(1)
    ).first()


@dataclass(frozen=True)
class AdjustScore(OperationBase):
    """Set a key result's end-of-cycle score (0.0-1.0) over the computed one, with a reason."""

    key_result_id: int
    score: Number
    reason: str
    by: str | None = None
    label = "op.adjust_score"

    def apply(self, ctx: OperationContext) -> int:
        key_result = approved_key_result(ctx, self.key_result_id)
        score = _score(self.score)
        reason = optional_text(self.reason, "reason")
        if reason is None:
            raise ValidationError("validation.score_needs_reason")
        entry = KeyResultScore(
            key_result_id=key_result.id,
            score=score,
            computed=computed_score(ctx.session, key_result),
            reason=reason,
            decided_by=optional_text(self.by, "name"),
            decided_at=ctx.now,
        )
        ctx.session.add(entry)
        ctx.session.flush()
        return entry.id


@dataclass(frozen=True)
class ClearScoreAdjustment(OperationBase):
    """Let the computed score stand again (the adjustment stays in the history)."""

    key_result_id: int
    by: str | None = None
    label = "op.clear_score_adjustment"

    def apply(self, ctx: OperationContext) -> int:
        key_result = approved_key_result(ctx, self.key_result_id)
        current = _current_entry(ctx, key_result.id)
        if current is None or current.score is None:
            raise RuleError("rule.score_not_adjusted", title=key_result.title)
        entry = KeyResultScore(
            key_result_id=key_result.id,
            score=None,
            computed=computed_score(ctx.session, key_result),
            reason=None,
            decided_by=optional_text(self.by, "name"),
            decided_at=ctx.now,
        )
        ctx.session.add(entry)
        ctx.session.flush()
        return entry.id
