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

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainValidator
from pydantic_core import PydanticCustomError

from okrdesk.engine.signature import parse_signature, signature_json
from okrdesk.engine.validation import LIMITS, STORED_IDEA_LENGTH
from okrdesk.engine.vote_result import SeatStatus, TieState
from okrdesk.errors import ValidationError
from okrdesk.models import (
    Commitment,
    Decision,
    KeyResultKind,
    Phase,
    RetroQuestion,
    RoundKind,
    UnitLevel,
)

LARGEST_ID = 2**63 - 1  # SQLite's largest row id
LARGEST_VALUE = Decimal(10) ** 15  # as for a key result typed in the window
MOST_DECIMALS = 15
MOST_MINUTES = 10**7  # some 19 years

# The most entries each list holds: far above a 40-department company with a team workshop
# per unit every quarter for years, or a workshop that imported a full source (MAX_ROWS ideas),
# yet small enough that every export of the plan stays quick.
MOST_ENTRIES = {
    "cycles": 200,
    "units": 2_000,
    "workshops": 5_000,
    "participants": 500,
    "ideas": 25_000,
    "objectives": 500,
    "key_results": 50,
    "phases": 50,
    "history": 1_000,
    "notes": 500,
    "rounds": 1_000,
    # After sign-off: a key result's weekly check-ins for years, its score entries, its first
    # initiatives; a retrospective's answers and groups.
    "check_ins": 1_000,
    "score_entries": 500,
    "initiatives": 50,
    "answers": 5_000,
    "groups": 500,
}


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


def _whole_within(low: int, high: int) -> Callable[[Any], int]:
    """A whole number from low to high (a percentage, a confidence)."""

    def check(value: Any) -> int:
        if type(value) is not int or not low <= value <= high:
            raise _refuse("range", low=low, high=high)
        return value

    return check


def _share(value: Any) -> Decimal:
    """A score: a number from 0 to 1."""
    number = _decimal(value)
    if number is None or not 0 <= number <= 1:
        raise _refuse("share")
    return _number(number)


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


def _text_up_to(field: str, limit: int | None = None) -> Callable[[Any], str]:
    """Text no longer than the window accepts for that field (validation.LIMITS), or than
    the limit given."""
    limit = LIMITS[field] if limit is None else limit

    def check(value: Any) -> str:
        text = _text(value)
        length = len(text.strip())  # measured as clean_text measures it
        if length > limit:
            raise _refuse("long_text", length=length, limit=limit)
        return text

    return check


def _entries(kind: str) -> BeforeValidator:
    """A list of at most MOST_ENTRIES[kind] entries, counted before any entry is checked."""
    limit = MOST_ENTRIES[kind]

    def check(value: Any) -> Any:
        if isinstance(value, list) and len(value) > limit:
            raise _refuse("too_many_entries", count=len(value), limit=limit)
        return value

    return BeforeValidator(check)


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
Flag = Annotated[bool, PlainValidator(_flag)]
Day = Annotated[date, PlainValidator(_day)]
Moment = Annotated[datetime, PlainValidator(_moment)]
PositiveOrNull = Annotated[int | None, _or_null(_positive)]
CountOrNull = Annotated[int | None, _or_null(_count)]
NumberOrNull = Annotated[Decimal | None, _or_null(_number)]
Title = Annotated[str, PlainValidator(_text_up_to("title"))]
ObjectiveTitle = Annotated[str, PlainValidator(_text_up_to("objective"))]
KeyResultTitle = Annotated[str, PlainValidator(_text_up_to("key_result"))]
IdeaText = Annotated[str, PlainValidator(_text_up_to("idea", STORED_IDEA_LENGTH))]
Name = Annotated[str, PlainValidator(_text_up_to("name"))]
NameOrNull = Annotated[str | None, _or_null(_text_up_to("name"))]
Signer = Annotated[str, PlainValidator(_text_up_to("signer"))]
SignerOrNull = Annotated[str | None, _or_null(_text_up_to("signer"))]
Comment = Annotated[str, PlainValidator(_text_up_to("comment"))]
CommentOrNull = Annotated[str | None, _or_null(_text_up_to("comment"))]
MeasureOrNull = Annotated[str | None, _or_null(_text_up_to("unit"))]  # "M CNY", "%"
SourceOrNull = Annotated[str | None, _or_null(_text_up_to("source"))]
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
SeatName = Annotated[str, PlainValidator(_one_of(tuple(SeatStatus)))]
TieName = Annotated[str, PlainValidator(_one_of(tuple(TieState)))]
Reason = Annotated[str, PlainValidator(_text_up_to("reason"))]
ReasonOrNull = Annotated[str | None, _or_null(_text_up_to("reason"))]
FlagOrNull = Annotated[bool | None, _or_null(_flag)]
PercentOrNull = Annotated[int | None, _or_null(_whole_within(0, 100))]
ConfidenceOrNull = Annotated[int | None, _or_null(_whole_within(0, 10))]
ShareOrNull = Annotated[Decimal | None, _or_null(_share)]
Rationale = Annotated[str, PlainValidator(_text_up_to("rationale"))]
InitiativeText = Annotated[str, PlainValidator(_text_up_to("initiative"))]
AnswerText = Annotated[str, PlainValidator(_text_up_to("answer"))]
QuestionName = Annotated[str, PlainValidator(_one_of(tuple(RetroQuestion)))]


class _Part(BaseModel):
    """Objects are objects, lists are lists; fields added in later versions are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class CycleJson(_Part):
    id: Positive
    name: Annotated[str, PlainValidator(_text_up_to("cycle"))]
    start: Day
    end: Day


class UnitJson(_Part):
    id: Positive
    name: Name
    parent_id: PositiveOrNull = None
    level: LevelName


class ParticipantJson(_Part):
    id: Positive
    name: Name
    department: NameOrNull = None  # as a survey of ideas gave it


class IdeaJson(_Part):
    id: Positive
    text: IdeaText
    author: NameOrNull = None
    objective_id: PositiveOrNull = None
    merged_into_id: PositiveOrNull = None
    dots: CountOrNull = None


class ParentJson(_Part):
    type: ParentKind
    id: Positive
    title: KeyResultTitle  # an objective's or a key result's, so the longer limit
    workshop_id: Positive


class CheckInJson(_Part):
    at: Moment
    by: NameOrNull = None
    value: NumberOrNull = None
    done: FlagOrNull = None
    percent: PercentOrNull = None
    confidence: ConfidenceOrNull = None
    comment: CommentOrNull = None


class ScoreEntryJson(_Part):
    score: ShareOrNull = None  # an adjustment; none: the adjustment cleared
    computed: ShareOrNull = None
    reason: ReasonOrNull = None
    by: NameOrNull = None
    at: Moment


class KeyResultJson(_Part):
    id: Positive
    title: KeyResultTitle
    kind: KindName = "metric"
    start: NumberOrNull = None
    target: NumberOrNull = None
    unit: MeasureOrNull = None
    deadline: DayOrNull = None
    owner: NameOrNull = None
    commitment: CommitmentName = "committed"
    initiatives: Annotated[list[InitiativeText], _entries("initiatives")] = []
    check_ins: Annotated[list[CheckInJson], _entries("check_ins")] = []
    score_entries: Annotated[list[ScoreEntryJson], _entries("score_entries")] = []
    # "score" (the one standing) is written for readers and worked out again when read.


class ObjectiveJson(_Part):
    id: Positive
    title: ObjectiveTitle
    selected: Flag = False
    dots: CountOrNull = None
    parent: ParentJson | None = None
    key_results: Annotated[list[KeyResultJson], _entries("key_results")] = []
    rationale: Rationale = ""
    breakdown: Flag = False
    carry: Flag = False


class PhaseTimeJson(_Part):
    phase: PhaseName
    planned_minutes: CountOrNull = None
    actual_minutes: Minutes = 0.0


ObjectiveIds = Annotated[list[Positive], _entries("objectives")]


class StandingJson(_Part):
    objective_id: Positive
    rank: Positive
    dots: Count
    status: SeatName


class RoundRankingJson(_Part):
    round: Positive
    kind: RoundKindName
    seats: Count
    cutoff: Count
    standings: Annotated[list[StandingJson], _entries("objectives")] = []


class TieDecisionJson(_Part):
    round: Positive
    chosen: ObjectiveIds = []
    passed_over: ObjectiveIds = []
    reason: Reason
    decided_by: NameOrNull = None
    decided_at: Moment


class VoteResultJson(_Part):
    seats: Count
    tie: TieName
    selected: ObjectiveIds = []
    tied: ObjectiveIds = []
    open_seats: Count = 0
    rounds: Annotated[list[RoundRankingJson], _entries("rounds")] = []
    decision: TieDecisionJson | None = None


class VotingJson(_Part):
    round: Positive
    kind: RoundKindName
    open: Flag
    revealed: Flag
    ballots_cast: Count
    ballots_expected: Count
    not_voted: Annotated[list[Name], _entries("participants")] = []
    tied_at_cutoff: ObjectiveIds = []
    result: VoteResultJson | None = None  # older files have none: no result is shown


class NoteJson(_Part):
    objective: ObjectiveTitle
    comment: Comment


class DecisionJson(_Part):
    round: Count
    decision: DecisionName
    signer: Signer
    at: Moment
    comment: CommentOrNull = None
    notes: Annotated[list[NoteJson], _entries("notes")] = []
    signature: SignatureOrNull = None


class SignoffJson(_Part):
    status: Status
    signer: SignerOrNull = None
    at: MomentOrNull = None
    rounds: Count = 0
    comment: CommentOrNull = None
    history: Annotated[list[DecisionJson], _entries("history")] = []


class RetroGroupJson(_Part):
    id: Positive
    question: QuestionName
    title: Title


class RetroAnswerJson(_Part):
    id: Positive
    question: QuestionName
    text: AnswerText
    author: NameOrNull = None
    objective_id: PositiveOrNull = None
    group_id: PositiveOrNull = None


class RetrospectiveJson(_Part):
    current_question: QuestionName
    started_at: Moment
    groups: Annotated[list[RetroGroupJson], _entries("groups")] = []
    answers: Annotated[list[RetroAnswerJson], _entries("answers")] = []


class WorkshopJson(_Part):
    id: Positive
    title: Title
    unit_id: Positive
    cycle_id: Positive
    phase: PhaseName
    locked: Flag = False
    facilitator: NameOrNull = None
    dot_budget: Count = 5
    dot_cap: Count = 3
    selection_size: Count = 3
    participants: Annotated[list[ParticipantJson], _entries("participants")] = []
    ideas: Annotated[list[IdeaJson], _entries("ideas")] = []
    objectives: Annotated[list[ObjectiveJson], _entries("objectives")] = []
    phases: Annotated[list[PhaseTimeJson], _entries("phases")] = []
    voting: VotingJson | None = None
    signoff: SignoffJson | None = None
    imported_from: SourceOrNull = None
    created_at: MomentOrNull = None
    retrospective: RetrospectiveJson | None = None


class PlanJson(_Part):
    """A whole plan; ``format`` and ``format_version`` are checked before this."""

    organisation: Annotated[str, PlainValidator(_text_up_to("organisation"))] = ""
    cycles: Annotated[list[CycleJson], _entries("cycles")] = []
    units: Annotated[list[UnitJson], _entries("units")] = []
    workshops: Annotated[list[WorkshopJson], _entries("workshops")] = []
