"""The plan file's typed entities and schema (SQLAlchemy 2.0, no Qt)."""

from okrdesk.models.base import Base
from okrdesk.models.checkin import CheckIn, KeyResultScore
from okrdesk.models.enums import (
    AuditKind,
    Commitment,
    Decision,
    DecisionKind,
    KeyResultKind,
    Phase,
    RoundKind,
    RoundStatus,
    SignoffStatus,
    UnitLevel,
)
from okrdesk.models.okr import Alignment, Idea, Initiative, KeyResult, Objective
from okrdesk.models.org import Cycle, OrgUnit, PlanInfo
from okrdesk.models.publish import Publication, PublishQueue
from okrdesk.models.retro import (
    CarriedCard,
    CarriedKind,
    RetroAnswer,
    RetroGroup,
    RetroQuestion,
    Retrospective,
)
from okrdesk.models.room import RoomPhone, RoomRequest
from okrdesk.models.signoff import AuditEvent, SignOff, SignOffNote
from okrdesk.models.stamp import PlanStamp
from okrdesk.models.voting import (
    Ballot,
    Dot,
    PaperTally,
    RunoffCandidate,
    TieDecision,
    TieDecisionChoice,
    VoteRound,
)
from okrdesk.models.workshop import Participant, PhasePlan, PhaseVisit, Workshop

__all__ = [
    "Alignment",
    "AuditEvent",
    "AuditKind",
    "Ballot",
    "Base",
    "CarriedCard",
    "CarriedKind",
    "CheckIn",
    "Commitment",
    "Cycle",
    "Decision",
    "DecisionKind",
    "Dot",
    "Idea",
    "Initiative",
    "KeyResult",
    "KeyResultKind",
    "KeyResultScore",
    "Objective",
    "OrgUnit",
    "PaperTally",
    "Participant",
    "Phase",
    "PhasePlan",
    "PhaseVisit",
    "PlanInfo",
    "PlanStamp",
    "Publication",
    "PublishQueue",
    "RetroAnswer",
    "RetroGroup",
    "RetroQuestion",
    "Retrospective",
    "RoomPhone",
    "RoomRequest",
    "RoundKind",
    "RoundStatus",
    "RunoffCandidate",
    "SignOff",
    "SignOffNote",
    "SignoffStatus",
    "TieDecision",
    "TieDecisionChoice",
    "UnitLevel",
    "VoteRound",
    "Workshop",
]
