"""What a phone follows after the vote: the result, the selected OKRs, the sign-off, the handout.

Built from the projector's room view (a phone sees what the room sees and nothing more): the
revealed result as the room saw it, the objectives with their key results from Select on,
the sign-off outcome from Sign-off on (the signer and the time once approved; the signer's
reason once returned, which the room works on next), and whether the handout can be taken
home (once the workshop is signed off, as the window's Export step requires).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.engine.phones import active_phone
from okrdesk.engine.room_view import RoomObjective, RoomResult, room_result, room_view
from okrdesk.engine.snapshot import PlanSnapshot, workshop_snapshot
from okrdesk.errors import RuleError
from okrdesk.models import Decision, Phase, SignOff, SignOffNote, SignoffStatus, Workshop

__all__ = [
    "PhoneFollow",
    "PhoneNote",
    "PhoneSignoff",
    "follows",
    "handout_allowed",
    "handout_snapshot",
    "phone_follow",
]


def follows(phase: Phase) -> bool:
    """Whether the phone shows the follow-along screen: from Select on."""
    return phase.order >= Phase.SELECT.order


@dataclass(frozen=True)
class PhoneNote:
    """The signer's note on one objective, given with a return."""

    objective: str
    comment: str


@dataclass(frozen=True)
class PhoneSignoff:
    """Where the workshop stands with its signer, as the room is told."""

    status: SignoffStatus
    signer: str | None  # approved: by whom
    at: str | None  # approved: when (ISO 8601, UTC)
    reason: str | None  # returned: the signer's reason, if given overall
    notes: tuple[PhoneNote, ...]  # returned: the signer's notes per objective


@dataclass(frozen=True)
class PhoneFollow:
    """A phone's follow-along screen (from Select on; empty before)."""

    phase: Phase
    result: RoomResult | None  # the revealed vote as the room saw it
    objectives: tuple[RoomObjective, ...]  # the selected OKRs with their key results
    signoff: PhoneSignoff | None  # from Sign-off on, and back at Select after a return
    handout: bool  # the handout PDF can be downloaded (the workshop is signed off)


def phone_follow(
    session: Session, workshop_id: int, token_sha256: str, now: datetime
) -> PhoneFollow:
    """The phone's follow-along view; refused for an unknown, released or pending phone.

    Before Select it holds the phase alone: no objectives, no sign-off, no handout.
    """
    active_phone(session, workshop_id, token_sha256)
    view = room_view(session, workshop_id, now)
    if view is None:
        raise RuleError("rule.room_token_unknown")
    if not follows(view.phase):
        return PhoneFollow(view.phase, None, (), None, False)
    signoff = _signoff(session, workshop_id, view.signoff)
    if view.approval is not None and view.signoff is not None:
        signoff = PhoneSignoff(view.signoff, view.approval.signer, view.approval.at, None, ())
    return PhoneFollow(
        phase=view.phase,
        result=room_result(session, workshop_id),
        objectives=view.objectives,
        signoff=signoff,
        handout=view.signoff == SignoffStatus.APPROVED,
    )


def _signoff(
    session: Session, workshop_id: int, status: SignoffStatus | None
) -> PhoneSignoff | None:
    """The status as the room is told it; for a return, the signer's reason and notes.

    Back at Select after a return the projector shows the OKRs alone: the phone still says
    they were returned and why (what the room refines them for). Two small queries at most.
    """
    if status not in (None, SignoffStatus.RETURNED):
        return PhoneSignoff(status, None, None, None, ())
    latest = session.execute(
        select(SignOff.id, SignOff.decision, SignOff.comment)
        .where(SignOff.workshop_id == workshop_id)
        .order_by(SignOff.round.desc(), SignOff.id.desc())
        .limit(1)
    ).one_or_none()
    if latest is None or latest.decision != Decision.RETURN:
        return None if status is None else PhoneSignoff(status, None, None, None, ())
    notes = tuple(
        PhoneNote(objective, comment)
        for objective, comment in session.execute(
            select(SignOffNote.objective_title, SignOffNote.comment)
            .where(SignOffNote.sign_off_id == latest.id)
            .order_by(SignOffNote.id)
        )
    )
    return PhoneSignoff(SignoffStatus.RETURNED, None, None, latest.comment, notes)


def handout_allowed(session: Session, workshop_id: int, token_sha256: str) -> bool:
    """Whether this phone may take the handout now: a bound phone, a signed-off workshop
    (refused for an unknown, released or pending phone). One read, checked on every download
    even when the PDF is already drawn."""
    active_phone(session, workshop_id, token_sha256)
    return bool(session.scalar(select(Workshop.locked).where(Workshop.id == workshop_id)))


def handout_snapshot(session: Session, workshop_id: int, now: datetime) -> PlanSnapshot | None:
    """What the workshop's handout is made from, once it is signed off (None before: the
    window's Export step needs the sign-off too). Frozen data: the PDF is drawn elsewhere."""
    locked = session.scalar(select(Workshop.locked).where(Workshop.id == workshop_id))
    if not locked:
        return None
    return workshop_snapshot(session, workshop_id, now)
