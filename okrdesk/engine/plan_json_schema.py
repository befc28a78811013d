"""The shape and types of the plan JSON format (docs/json-format.md), as pydantic models.

Every leaf is checked by one of a few validators whose error types name the problem
("count": a whole number ≥ 0, "moment": a time with its offset...), which the reader turns
into a message.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainValidator
from pydantic_core import PydanticCustomError

from okrdesk.engine.signature import parse_signature, signature_json
from okrdesk.errors import ValidationError
from okrdesk.models import Commitment, Decision, KeyResultKind, Phase, RoundKind, UnitLevel

LARGEST_ID = 2**63 - 1  # SQLite's largest row id
LARGEST_VALUE = Decimal(10) ** 15  # as for a key result typed in the window
MOST_DECIMALS = 15
MOST_MINUTES = 10**7  # some 19 years


def _refuse(kind: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, kind, context or None)


def _whole(value: Any, lowest: int, kind: str) -> int:
    if type(value) is not int or not lowest <= value <= LARGEST_ID:  # bool is not a number
        raise _refuse(kind)
    return value


def _positive(value: Any) -> int:
    return _whole(value, 1, "positive")


def _count(value: Any) -> int:
    return _whole(value, 0, "count")


def _decimal(value: Any) -> Decimal | None:
    """A JSON number as an exact decimal (a float from another parser as written); else None."""
    if type(value) is int:
        return Decimal(value)
    if type(value) is float and math.isfinite(value):
        return Decimal(repr(value))
    return value if isinstance(value, Decimal) and value.is_finite() else None


def _number(value: Any) -> Decimal:
    """A key result's start or target: exact, below 10^15, at most 15 decimals."""
    number = _decimal(value)
    if number is None or abs(number) >= LARGEST_VALUE:
        raise _refuse("number")
    _sign, digits, exponent = number.as_tuple()
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if not isinstance(exponent, int) or exponent + trailing_zeros < -MOST_DECIMALS:
        raise _refuse("number")
    return number


def _minutes(value: Any) -> float:
    number = _decimal(value)
    if number is None or not 0 <= number <= MOST_MINUTES:
        raise _refuse("minutes")
    return float(number)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _refuse("text")
    try:
        value.encode("utf-8")  # a lone \ud800 escape is JSON, but no text can hold it
    except UnicodeEncodeError as error:
        raise _refuse("surrogate") from error
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _refuse("flag")
    return value


def _day(value: Any) -> date:
    try:
        return date.fromisoformat(_text(value))
    except (ValueError, PydanticCustomError) as error:
        raise _refuse("date") from error


def _moment(value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(_text(value))
    except (ValueError, PydanticCustomError) as error:
        raise _refuse("moment") from error
    if moment.tzinfo is None:
        raise _refuse("moment")
    return moment


def _one_of(choices: Collection[str]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise _refuse("choice", choices=", ".join(choices))
        return value

    return check


def _signature(value: Any) -> str | None:
    """A drawn signature, stored as the window stores it; None when it has no strokes."""
    try:
        signature = parse_signature(json.dumps(value, default=float))
    except (ValidationError, TypeError, ValueError, RecursionError) as error:
        raise _refuse("signature") from error
    return None if signature is None else signature_json(signature)


def _or_null(check: Callable[[Any], Any]) -> PlainValidator:
    return PlainValidator(lambda value: None if value is None else check(value))


Positive = Annotated[int, PlainValidator(_positive)]
Count = Annotated[int, PlainValidator(_count)]
Minutes = Annotated[float, PlainValidator(_minutes)]
Text = Annotated[str, PlainValidator(_text)]
Flag = Annotated[bool, PlainValidator(_flag)]
Day = Annotated[date, PlainValidator(_day)]
Moment = Annotated[datetime, PlainValidator(_moment)]
PositiveOrNull = Annotated[int | None, _or_null(_positive)]
CountOrNull = Annotated[int | None, _or_null(_count)]
NumberOrNull = Annotated[Decimal | None, _or_null(_number)]
TextOrNull = Annotated[str | None, _or_null(_text)]
DayOrNull = Annotated[date | None, _or_null(_day)]
MomentOrNull = Annotated[datetime | None, _or_null(_moment)]
SignatureOrNull = Annotated[str | None, _or_null(_signature)]
PhaseName = Annotated[str, PlainValidator(_one_of(tuple(Phase)))]
LevelName = Annotated[str, PlainValidator(_one_of(tuple(UnitLevel)))]
KindName = Annotated[str, PlainValidator(_one_of(tuple(KeyResultKind)))]
CommitmentName = Annotated[str, PlainValidator(_one_of(tuple(Commitment)))]
RoundKindName = Annotated[str, PlainValidator(_one_of(tuple(RoundKind)))]
ParentKind = Annotated[str, PlainValidator(_one_of(("objective", "key_result")))]
Status = Annotated[str, PlainValidator(_one_of(("pending", "approved", "returned")))]
DecisionName = Annotated[str, PlainValidator(_one_of((*tuple(Decision), "reopen")))]


class _Part(BaseModel):
    """Objects are objects, lists are lists; fields added in later versions are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class CycleJson(_Part):
    id: Positive
    name: Text
    start: Day
    end: Day


class UnitJson(_Part):
    id: Positive
    name: Text
    parent_id: PositiveOrNull = None
    level: LevelName


class ParticipantJson(_Part):
    id: Positive
    name: Text


class IdeaJson(_Part):
    id: Positive
    text: Text
    author: TextOrNull = None
    objective_id: PositiveOrNull = None
    merged_into_id: PositiveOrNull = None
    dots: CountOrNull = None


class ParentJson(_Part):
    type: ParentKind
    id: Positive
    title: Text
    workshop_id: Positive


class KeyResultJson(_Part):
    id: Positive
    title: Text
    kind: KindName = "metric"
    start: NumberOrNull = None
    target: NumberOrNull = None
    unit: TextOrNull = None
    deadline: DayOrNull = None
    owner: TextOrNull = None
    commitment: CommitmentName = "committed"


class ObjectiveJson(_Part):
    id: Positive
    title: Text
    selected: Flag = False
    dots: CountOrNull = None
    parent: ParentJson | None = None
    key_results: list[KeyResultJson] = []


class PhaseTimeJson(_Part):
    phase: PhaseName
    planned_minutes: CountOrNull = None
    actual_minutes: Minutes = 0.0


class VotingJson(_Part):
    round: Positive
    kind: RoundKindName
    open: Flag
    revealed: Flag
    ballots_cast: Count
    ballots_expected: Count
    not_voted: list[Text] = []
    tied_at_cutoff: list[Positive] = []


class NoteJson(_Part):
    objective: Text
    comment: Text


class DecisionJson(_Part):
    round: Count
    decision: DecisionName
    signer: Text
    at: Moment
    comment: TextOrNull = None
    notes: list[NoteJson] = []
    signature: SignatureOrNull = None


class SignoffJson(_Part):
    status: Status
    signer: TextOrNull = None
    at: MomentOrNull = None
    rounds: Count = 0
    comment: TextOrNull = None
    history: list[DecisionJson] = []


class WorkshopJson(_Part):
    id: Positive
    title: Text
    unit_id: Positive
    cycle_id: Positive
    phase: PhaseName
    locked: Flag = False
    facilitator: TextOrNull = None
    dot_budget: Count = 5
    dot_cap: Count = 3
    selection_size: Count = 3
    participants: list[ParticipantJson] = []
    ideas: list[IdeaJson] = []
    objectives: list[ObjectiveJson] = []
    phases: list[PhaseTimeJson] = []
    voting: VotingJson | None = None
    signoff: SignoffJson | None = None
    imported_from: TextOrNull = None
    created_at: MomentOrNull = None


class PlanJson(_Part):
    """A whole plan; ``format`` and ``format_version`` are checked before this."""

    organisation: Text = ""
    cycles: list[CycleJson] = []
    units: list[UnitJson] = []
    workshops: list[WorkshopJson] = []
