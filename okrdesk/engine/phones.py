"""What the room server reads for a phone: who it is, the names to pick, its own view.

A phone proves itself by its token; the plan keeps only the token's SHA-256. Every view
here reads one workshop and tells a phone nothing of another person's dots, a tally before
the reveal, or another workshop.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from okrdesk.engine.ballot_frame import BallotFrame, PersonMarks, ballot_frame, person_marks
from okrdesk.engine.room_view import RoomCard, RoomResult, room_view
from okrdesk.engine.voting import dot_refusal
from okrdesk.errors import RuleError
from okrdesk.models import Idea, Participant, Phase, RoomPhone, Workshop

# A walk-in's Idempotency-Key is the seed of its token: it must be as hard to guess.
WALK_IN_KEY_LENGTH = 16


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of a phone's token: what the plan keeps instead of the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def walk_in_token(key: str) -> tuple[str, str]:
    """A walk-in's token and its hash, made from the request's Idempotency-Key.

    The phone makes the key at random (128 bits) and sends it once, with its retries: a
    retry whose answer was lost gets the same token again, and the plan still keeps only
    the token's hash.
    """
    return _keyed_token(b"okrdesk walk-in\0", key)


def join_token(key: str) -> tuple[str, str]:
    """A join's token and its hash, made from the request's Idempotency-Key as a walk-in's
    is (never the same token as a walk-in's with that key)."""
    return _keyed_token(b"okrdesk join\0", key)


def _keyed_token(purpose: bytes, key: str) -> tuple[str, str]:
    digest = hashlib.sha256(purpose + key.encode("utf-8")).digest()
    token = base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
    return token, token_hash(token)


@dataclass(frozen=True)
class PhoneIdentity:
    """A phone that joined a workshop's room, as its token shows it."""

    phone_id: int
    workshop_id: int
    participant_id: int | None  # None: waiting for the facilitator to approve its claim
    name: str  # the participant it holds or claims


_PHONE = (
    select(
        RoomPhone.id,
        RoomPhone.workshop_id,
        RoomPhone.participant_id,
        RoomPhone.released_at,
        Participant.name,
    )
    .join(
        Participant,
        Participant.id == func.coalesce(RoomPhone.participant_id, RoomPhone.claimed_id),
    )
    .where(RoomPhone.token_sha256 == bindparam("token"))
)


def identify_phone(session: Session, workshop_id: int, token_sha256: str) -> PhoneIdentity:
    """The phone holding this token in this workshop; refused if unknown or released.

    A token of another workshop is as unknown as a made-up one: a phone learns nothing of
    other workshops by trying.
    """
    found = session.connection().execute(_PHONE, {"token": token_sha256}).one_or_none()
    if found is None or found.workshop_id != workshop_id:
        raise RuleError("rule.room_token_unknown")
    if found.released_at is not None:
        raise RuleError("rule.room_phone_released")
    return PhoneIdentity(found.id, found.workshop_id, found.participant_id, found.name)


def active_phone(session: Session, workshop_id: int, token_sha256: str) -> PhoneIdentity:
    """Like identify_phone, and refused while the phone's claim waits for approval."""
    return active(identify_phone(session, workshop_id, token_sha256))


def active(phone: PhoneIdentity) -> PhoneIdentity:
    """The phone, refused while its claim to a name waits for the facilitator's approval."""
    if phone.participant_id is None:
        raise RuleError("rule.room_phone_pending", name=phone.name)
    return phone


@dataclass(frozen=True)
class RoomPerson:
    """A name a phone can pick in the room."""

    participant_id: int
    name: str


def room_people(session: Session, workshop_id: int) -> tuple[RoomPerson, ...]:
    """The workshop's participants in their order (this workshop's, nobody else's)."""
    rows = session.execute(
        select(Participant.id, Participant.name)
        .where(Participant.workshop_id == workshop_id)
        .order_by(Participant.position, Participant.id)
    )
    return tuple(RoomPerson(participant_id, name) for participant_id, name in rows)


@dataclass(frozen=True)
class RoomSettings:
    """The room's settings as the window shows them."""

    code: str | None  # None: the room was never opened
    walk_ins: bool  # phones may join under a name not on the list (AllowWalkIns)


def room_settings(session: Session, workshop_id: int) -> RoomSettings | None:
    """The workshop's room settings; None if there is no such workshop."""
    found = session.execute(
        select(Workshop.room_code, Workshop.walk_ins).where(Workshop.id == workshop_id)
    ).one_or_none()
    return None if found is None else RoomSettings(found.room_code, found.walk_ins)


@dataclass(frozen=True)
class RoomJoinList:
    """The join screen: the names to pick, and whether a new name may be typed."""

    people: tuple[RoomPerson, ...]
    walk_ins: bool


def room_join_list(session: Session, workshop_id: int) -> RoomJoinList:
    """The workshop's names and whether walk-ins are allowed (none, off: no such workshop)."""
    settings = room_settings(session, workshop_id)
    return RoomJoinList(
        room_people(session, workshop_id), settings is not None and settings.walk_ins
    )


def room_code_of(session: Session, workshop_id: int) -> str | None:
    """The workshop's join code (None: its room was never opened or there is no workshop)."""
    return session.scalar(select(Workshop.room_code).where(Workshop.id == workshop_id))


def phones_write_ideas(phase: Phase) -> bool:
    """Whether phones may add, edit and withdraw ideas: until grouping starts."""
    return phase.order <= Phase.BRAINSTORM.order


@dataclass(frozen=True)
class PhoneCard:
    """A card on the wall as one phone sees it."""

    id: int
    text: str
    author: str | None  # None on an anonymous wall (as the projector shows it)
    own: bool  # this phone's person wrote it (they may edit or withdraw it)


@dataclass(frozen=True)
class PhoneState:
    """Everything one phone shows: who it is, the phase and, for now, the brainstorm wall.

    Built from the projector's room view, so a phone sees what the room sees and no more,
    plus which cards are its own.
    """

    workshop_title: str
    phase: Phase
    name: str
    pending: bool  # the phone's claim on the name waits for the facilitator
    can_write_ideas: bool
    cards: tuple[PhoneCard, ...]


def phone_state(session: Session, workshop_id: int, token_sha256: str, now: datetime) -> PhoneState:
    """The phone's own view; refused for an unknown or released token."""
    phone = identify_phone(session, workshop_id, token_sha256)
    view = room_view(session, workshop_id, now)
    if view is None:
        raise RuleError("rule.room_token_unknown")
    pending = phone.participant_id is None
    cards: tuple[PhoneCard, ...] = ()
    if not pending and view.cards:
        own = set(
            session.scalars(
                select(Idea.id).where(
                    Idea.workshop_id == workshop_id, Idea.author_id == phone.participant_id
                )
            )
        )
        cards = tuple(_phone_card(card, card.id in own) for card in view.cards)
    return PhoneState(
        workshop_title=view.title,
        phase=view.phase,
        name=phone.name,
        pending=pending,
        can_write_ideas=not pending and phones_write_ideas(view.phase),
        cards=cards,
    )


@dataclass(frozen=True)
class PhoneWall:
    """What every phone's state shares: the workshop's title, its phase and the wall as the
    room sees it (the room server builds it once per change and serves it to every phone)."""

    workshop_title: str
    phase: Phase
    cards: tuple[RoomCard, ...]
    # Each card's author's participant id, for marking a phone's own cards on the server;
    # never sent to a phone (an anonymous wall names nobody).
    authors: tuple[int | None, ...]


def phone_wall(session: Session, workshop_id: int, now: datetime) -> PhoneWall | None:
    """The shared part of every phone's state (None: no such workshop)."""
    view = room_view(session, workshop_id, now)
    if view is None:
        return None
    rows = session.execute(
        select(Idea.id, Idea.author_id).where(
            Idea.workshop_id == workshop_id, Idea.merged_into_id.is_(None)
        )
    )
    author_of: dict[int, int | None] = {card_id: author for card_id, author in rows}
    authors = tuple(author_of.get(card.id) for card in view.cards)
    return PhoneWall(view.title, view.phase, view.cards, authors)


def _phone_card(card: RoomCard, own: bool) -> PhoneCard:
    return PhoneCard(card.id, card.text, card.author, own)


@dataclass(frozen=True)
class PhoneCandidate:
    """A candidate on a phone's ballot: its number on the ballot, and this person's dots."""

    number: int  # 1, 2, ... in the ballot's order (the booth's and the projector's)
    objective_id: int
    title: str
    key_results: tuple[str, ...]
    dots: int  # this phone's person's dots only, never anyone else's
    can_add: bool
    can_take_back: bool


@dataclass(frozen=True)
class PhoneBallot:
    """A phone's vote screen: its own ballot while the vote runs, the room's result after.

    Built from the booth's ballot view for the phone's own participant (never another's
    dots, never a count) and, once revealed, the projector's result: nothing more private.
    """

    phase: Phase
    round_number: int | None  # None: no vote has started
    runoff: bool
    voting: bool  # a round takes ballots now (the phone shows its ballot)
    accepting: bool  # this person may place and take back dots now (not handed in)
    handed_in: bool
    budget: int
    cap: int
    placed: int
    dots_left: int
    candidates: tuple[PhoneCandidate, ...]
    result: RoomResult | None  # the revealed round as the room sees it


def phone_ballot(
    session: Session, workshop_id: int, token_sha256: str, now: datetime
) -> PhoneBallot:
    """The phone's own ballot (or the room's result once revealed); refused for an unknown,
    released or pending phone.

    The ballot's frame (the round and its candidates) joined with the person's own marks: the
    room server keeps the frame between changes and reads only the marks (ballot_frame.py).
    """
    phone = active_phone(session, workshop_id, token_sha256)
    assert phone.participant_id is not None
    frame = ballot_frame(session, workshop_id, now)
    return ballot_of(frame, person_marks(session, frame.round_id, phone.participant_id))


def ballot_of(frame: BallotFrame, marks: PersonMarks) -> PhoneBallot:
    """The ballot a phone shows: the frame every phone shares, with this person's marks."""
    if frame.result is not None:
        return PhoneBallot(
            frame.phase,
            frame.round_number,
            frame.runoff,
            False,
            False,
            False,
            0,
            0,
            0,
            0,
            (),
            frame.result,
        )
    if frame.round_id is None:
        return PhoneBallot(frame.phase, None, False, False, False, False, 0, 0, 0, 0, (), None)
    accepting = frame.accepting and not marks.handed_in
    placed = marks.placed
    return PhoneBallot(
        phase=frame.phase,
        round_number=frame.round_number,
        runoff=frame.runoff,
        voting=frame.voting,
        accepting=accepting,
        handed_in=marks.handed_in,
        budget=frame.budget,
        cap=frame.cap,
        placed=placed,
        dots_left=max(0, frame.budget - placed),
        candidates=tuple(
            PhoneCandidate(
                number=number,
                objective_id=candidate.objective_id,
                title=candidate.title,
                key_results=candidate.key_results,
                dots=marks.on(candidate.objective_id),
                can_add=accepting
                and dot_refusal(placed, marks.on(candidate.objective_id), frame.budget, frame.cap)
                is None,
                can_take_back=accepting and marks.on(candidate.objective_id) > 0,
            )
            for number, candidate in enumerate(frame.candidates, start=1)
        ),
        result=None,
    )
