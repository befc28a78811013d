"""The closed sets of values a plan file stores: phases, levels, kinds, decisions."""

from __future__ import annotations

from enum import StrEnum

# The phases live where the window can name them before the database layer loads.
from okrdesk.vocabulary import Phase as Phase


class UnitLevel(StrEnum):
    """Where an org unit sits in the company tree."""

    COMPANY = "company"
    DEPARTMENT = "department"
    TEAM = "team"
    PERSON = "person"


class KeyResultKind(StrEnum):
    """A key result is measured by a number (start -> target) or is a milestone."""

    METRIC = "metric"
    MILESTONE = "milestone"


class Commitment(StrEnum):
    """Committed key results must be met; aspirational ones are stretch goals."""

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class RoundKind(StrEnum):
    """The first vote of a workshop, or a run-off among items tied at the cut-off."""

    MAIN = "main"
    RUNOFF = "runoff"


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Decision(StrEnum):
    """A signer approves the workshop's OKRs or returns them for another round."""

    APPROVE = "approve"
    RETURN = "return"


class DecisionKind(StrEnum):
    """An entry of a workshop's sign-off history: a decision, or approved OKRs reopened."""

    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"


class AuditKind(StrEnum):
    """What a kept audit event records (the plan stores the value)."""

    PHASE = "phase"
    ROOM_MOVED_BACK = "room_moved_back"  # the facilitator moved the room back on purpose
    PARTICIPANT_REMOVED = "participant_removed"
    OBJECTIVE_DELETED = "objective_deleted"
    OBJECTIVES_MERGED = "objectives_merged"
    IMPORTED_PARENT = "imported_parent"
    VOTING_OPENED = "voting_opened"
    VOTING_CLOSED = "voting_closed"
    TALLY_REVEALED = "tally_revealed"
    RUNOFF_STARTED = "runoff_started"
    TIE_DECIDED = "tie_decided"
    SELECTION_APPLIED = "selection_applied"
    SIGNOFF_APPROVE = "signoff_approve"
    SIGNOFF_RETURN = "signoff_return"
    REOPENED = "reopened"
    UNDO = "undo"
    REDO = "redo"
    PHONE_APPROVED = "phone_approved"  # a phone given a name another phone held
    PHONE_RELEASED = "phone_released"  # a phone's token made void by the facilitator
    IDEA_REMOVED = "idea_removed"  # the facilitator took a card of a person on a phone away


class SignoffStatus(StrEnum):
    """Where a workshop stands with its signer."""

    PENDING = "pending"
    APPROVED = "approved"
    RETURNED = "returned"
