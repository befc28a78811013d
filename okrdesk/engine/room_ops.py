"""The room's operations: opening it, walk-ins allowed, phones joining (from the list or as
walk-ins), approved or released, phones' ideas and phones' votes.

A phone's write and its idempotency record commit in one transaction: a retried request
(its reply lost on the Wi-Fi) finds the record and gets the first answer, never a second
card. The room server runs these as Actor.PHONE, so the facilitator's undo never takes
back what a person sent from their phone.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import bindparam, exists, insert, select, update

from okrdesk.engine.ballot_ops import ConfirmBallot, RedoBallot
from okrdesk.engine.context import OperationContext
from okrdesk.engine.idea_ops import AddIdea, DeleteIdea, EditIdea
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.phones import (
    WALK_IN_KEY_LENGTH,
    PhoneIdentity,
    active_phone,
    phones_write_ideas,
    walk_in_token,
)
from okrdesk.engine.setup_ops import AddParticipant
from okrdesk.engine.validation import clean_text
from okrdesk.engine.vote_ops import CastDot, WithdrawDot
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import (
    AuditKind,
    Ballot,
    Dot,
    Idea,
    Participant,
    RoomPhone,
    RoomRequest,
    RoundStatus,
    VoteRound,
    Workshop,
)

# No 0/O, 1/I/L: a code read off the projector is typed right the first time.
ROOM_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ROOM_CODE_LENGTH = 8
IDEMPOTENCY_KEY_LENGTH = 100
# Direction overrides, embeddings and isolates: they reorder what follows them, so a typed
# name could show as one on the list. A walk-in's name may not hold them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def new_room_code() -> str:
    """A fresh join code: 8 characters from the unambiguous alphabet (about 40 bits)."""
    return "".join(secrets.choice(ROOM_CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))


@dataclass(frozen=True)
class OpenRoom(OperationBase):
    """Give the workshop its room's join code (the first time; afterwards the same one)."""

    workshop_id: int
    label = "op.open_room"

    def apply(self, ctx: OperationContext) -> str:
        # A signed-off workshop's room stays open to follow along and take the handout.
        workshop = ctx.workshop(self.workshop_id, editable=False)
        if workshop.room_code is None:
            workshop.room_code = new_room_code()
        return workshop.room_code


_HOLDER = select(RoomPhone.id).where(
    RoomPhone.participant_id == bindparam("participant"), RoomPhone.released_at.is_(None)
)
_OPEN_ROUNDS = select(VoteRound.id).where(
    VoteRound.workshop_id == bindparam("workshop"), VoteRound.status == RoundStatus.OPEN
)
# The person has voted in the open round (at the booth, on paper's side or from a phone since
# released): a phone taking the name could take that ballot back or change its dots.
_VOTED = select(
    exists().where(
        Ballot.participant_id == bindparam("participant"), Ballot.round_id.in_(_OPEN_ROUNDS)
    )
    | exists().where(Dot.participant_id == bindparam("participant"), Dot.round_id.in_(_OPEN_ROUNDS))
)


@dataclass(frozen=True)
class JoinRoom(OperationBase):
    """A phone joins as a participant; a name another phone holds, or whose person has
    already voted in the open round (at the booth), waits for approval.

    The server makes the token from the request's Idempotency-Key (join_token) when it has
    one: a retry whose answer was lost finds the phone its first try made (never a second
    phone waiting for approval of the person's own name)."""

    workshop_id: int
    code: str
    participant_id: int
    token_sha256: str
    label = "op.join_room"

    def apply(self, ctx: OperationContext) -> int:
        workshop = ctx.workshop(self.workshop_id, editable=False)
        _check_code(workshop, self.code)
        participant = ctx.session.get(Participant, self.participant_id)
        if participant is None or participant.workshop_id != self.workshop_id:
            raise RuleError("rule.room_unknown_person")
        before = ctx.session.execute(
            select(
                RoomPhone.id, RoomPhone.workshop_id, RoomPhone.participant_id, RoomPhone.claimed_id
            ).where(RoomPhone.token_sha256 == self.token_sha256)
        ).one_or_none()
        if before is not None:  # a retry (the token was made from its key): the same phone
            asked = (before.participant_id, before.claimed_id)
            if before.workshop_id != self.workshop_id or self.participant_id not in asked:
                raise RuleError("rule.room_key_needed", limit=IDEMPOTENCY_KEY_LENGTH)
            return int(before.id)
        holder = ctx.session.execute(_HOLDER, {"participant": self.participant_id}).first()
        voted = ctx.session.execute(
            _VOTED, {"participant": self.participant_id, "workshop": self.workshop_id}
        ).scalar()
        held = holder is not None or bool(voted)
        phone = RoomPhone(
            workshop_id=self.workshop_id,
            participant_id=None if held else self.participant_id,
            claimed_id=self.participant_id if held else None,
            token_sha256=self.token_sha256,
            joined_at=ctx.now,
        )
        ctx.session.add(phone)
        ctx.session.flush()
        return phone.id


def _check_code(workshop: Workshop, code: str) -> None:
    if workshop.room_code is None or not secrets.compare_digest(
        workshop.room_code.encode(), code.encode()
    ):
        raise RuleError("rule.room_wrong_code")


@dataclass(frozen=True)
class AllowWalkIns(OperationBase):
    """The facilitator lets phones join under a name not on the list (or stops it).

    A setting like the workshop's anonymity: undoable, not audited. Names already added by
    walk-ins stay on the list when it is turned off.
    """

    workshop_id: int
    allowed: bool
    label = "op.allow_walk_ins"

    def apply(self, ctx: OperationContext) -> None:
        ctx.workshop(self.workshop_id).walk_ins = self.allowed


@dataclass(frozen=True)
class WalkIn(OperationBase):
    """A phone joins under a name not on the list: a new participant, the phone bound to it.

    Allowed only while the facilitator allows walk-ins. The phone's token is made from the
    request's Idempotency-Key (walk_in_token), so a retried request finds the phone its first
    try made and answers the same: one person, never two. A name already on the list (after
    cleaning, whatever its case, width, composition or invisible characters: name_key) is
    refused: that person picks it from the list instead.
    """

    workshop_id: int
    code: str
    name: str
    key: str
    label = "op.walk_in"

    def apply(self, ctx: OperationContext) -> int:
        if len(self.key) < WALK_IN_KEY_LENGTH or len(self.key) > IDEMPOTENCY_KEY_LENGTH:
            raise RuleError("rule.room_walk_in_key", low=WALK_IN_KEY_LENGTH)
        workshop = ctx.workshop(self.workshop_id, editable=False)
        _check_code(workshop, self.code)
        hashed = walk_in_token(self.key)[1]
        before = ctx.session.execute(
            select(RoomPhone.id, RoomPhone.workshop_id).where(RoomPhone.token_sha256 == hashed)
        ).one_or_none()
        if before is not None:
            if before.workshop_id != self.workshop_id:
                raise RuleError("rule.room_walk_in_key", low=WALK_IN_KEY_LENGTH)
            return int(before.id)  # the retry of a walk-in that was made
        if not workshop.walk_ins:
            raise RuleError("rule.room_walk_ins_off")
        name = clean_text(self.name, "name")
        if any(char in _BIDI_CONTROLS for char in name):  # "\u202eoB" shows as "Bo"
            raise ValidationError("validation.control_character", field="name")
        wanted = name_key(name)
        if not wanted:  # invisible characters alone: a blank name on the list
            raise ValidationError("validation.empty", field="name")
        for listed in ctx.session.scalars(
            select(Participant.name).where(Participant.workshop_id == self.workshop_id)
        ):
            if name_key(listed) == wanted:
                raise RuleError("rule.room_walk_in_listed", name=listed)
        participant_id = AddParticipant(self.workshop_id, name).apply(ctx)
        phone = RoomPhone(
            workshop_id=self.workshop_id,
            participant_id=participant_id,
            token_sha256=hashed,
            joined_at=ctx.now,
        )
        ctx.session.add(phone)
        ctx.session.flush()
        return phone.id


def name_key(name: str) -> str:
    """A name as a reader of the list sees it: a walk-in whose name differs from a listed one
    only in case, width (ＡＮＡ), composition (é or e + ◌́), invisible format characters
    (zero-width, direction marks) or spacing is the listed person, not a new one."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    visible = "".join(char for char in folded if unicodedata.category(char) != "Cf")
    return " ".join(unicodedata.normalize("NFKC", visible).split())


def _something_to_read(text: str) -> None:
    """Refuse a phone's card of invisible characters alone (zero-width spaces, joiners): a
    blank card on the wall and the projector that nobody can say who sent."""
    if text.strip() and not name_key(text):
        raise ValidationError("validation.empty", field="idea")


def _phone(ctx: OperationContext, phone_id: int) -> RoomPhone:
    phone = ctx.get(RoomPhone, phone_id)
    if phone.released_at is not None:
        raise RuleError("rule.room_phone_released")
    return phone


@dataclass(frozen=True)
class ApprovePhone(OperationBase):
    """The facilitator gives a waiting phone the name it claimed (its other phone is released)."""

    phone_id: int
    label = "op.approve_phone"

    def apply(self, ctx: OperationContext) -> None:
        phone = _phone(ctx, self.phone_id)
        if phone.participant_id is not None or phone.claimed_id is None:
            raise RuleError("rule.room_phone_not_pending")
        participant = ctx.get(Participant, phone.claimed_id)
        # One person, one phone: the phone that held the name until now stops working.
        ctx.session.execute(
            update(RoomPhone)
            .where(RoomPhone.participant_id == participant.id, RoomPhone.released_at.is_(None))
            .values(released_at=ctx.now)
        )
        phone.participant_id, phone.claimed_id = participant.id, None
        ctx.audit(AuditKind.PHONE_APPROVED, phone.workshop_id, name=participant.name)


@dataclass(frozen=True)
class ReleasePhone(OperationBase):
    """The facilitator releases a phone: its token works no more (its ideas stay)."""

    phone_id: int
    label = "op.release_phone"

    def apply(self, ctx: OperationContext) -> None:
        phone = _phone(ctx, self.phone_id)
        phone.released_at = ctx.now
        name = ctx.session.scalar(
            select(Participant.name).where(
                Participant.id.in_([phone.participant_id or 0, phone.claimed_id or 0])
            )
        )
        ctx.audit(AuditKind.PHONE_RELEASED, phone.workshop_id, name=name)


_ANSWERED = select(RoomRequest.result).where(
    RoomRequest.phone_id == bindparam("phone"), RoomRequest.key == bindparam("key")
)
_REMEMBER = insert(RoomRequest)
_PHASE = select(Workshop.phase).where(Workshop.id == bindparam("workshop"))


@dataclass(frozen=True)
class PhoneWrite(OperationBase):
    """A write sent by a phone: checked against its token, remembered by its key."""

    workshop_id: int
    token_sha256: str
    key: str

    def apply(self, ctx: OperationContext) -> int:
        """The write, once: a key seen before gets the answer it was given then."""
        phone, answered = self._phone(ctx)
        if answered is not None:
            return int(answered)
        result = self._write(ctx, phone)
        self._remember(ctx, phone, result)
        return result

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        """The phone's change itself (its answer: the row it concerns)."""
        raise NotImplementedError

    @staticmethod
    def _voter(phone: PhoneIdentity) -> int:
        """The person a bound phone votes as (active_phone refuses a pending phone)."""
        if phone.participant_id is None:
            raise RuleError("rule.room_phone_pending", name=phone.name)
        return phone.participant_id

    def _phone(self, ctx: OperationContext) -> tuple[PhoneIdentity, str | None]:
        """The phone, and the answer it was given if this key was seen before."""
        if not self.key or len(self.key) > IDEMPOTENCY_KEY_LENGTH:
            raise RuleError("rule.room_key_needed", limit=IDEMPOTENCY_KEY_LENGTH)
        phone = active_phone(ctx.session, self.workshop_id, self.token_sha256)
        connection = ctx.session.connection()
        answered = connection.execute(_ANSWERED, {"phone": phone.phone_id, "key": self.key})
        return phone, answered.scalar()

    def _check_brainstorm(self, ctx: OperationContext) -> None:
        phase = ctx.session.connection().execute(_PHASE, {"workshop": self.workshop_id}).scalar()
        if phase is None or not phones_write_ideas(phase):
            raise RuleError("rule.room_brainstorm_over")

    def _own_card(self, ctx: OperationContext, phone: PhoneIdentity, idea_id: int) -> None:
        idea = ctx.session.get(Idea, idea_id)
        if idea is None or idea.workshop_id != self.workshop_id:
            raise RuleError("rule.room_not_your_idea")
        if idea.author_id != phone.participant_id:
            raise RuleError("rule.room_not_your_idea")
        if idea.objective_id is not None or idea.merged_into_id is not None:
            raise RuleError("rule.room_brainstorm_over")

    def _remember(self, ctx: OperationContext, phone: PhoneIdentity, result: int) -> None:
        ctx.session.connection().execute(
            _REMEMBER, {"phone_id": phone.phone_id, "key": self.key, "result": str(result)}
        )


@dataclass(frozen=True)
class PhoneAddIdea(PhoneWrite):
    """A person adds an idea from their phone, as its author, while the room brainstorms."""

    text: str = ""
    label = "op.phone_add_idea"

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        self._check_brainstorm(ctx)
        _something_to_read(self.text)
        return AddIdea(self.workshop_id, self.text, phone.participant_id).apply(ctx)


@dataclass(frozen=True)
class PhoneEditIdea(PhoneWrite):
    """A person rewrites one of their own ideas, until grouping starts."""

    idea_id: int = 0
    text: str = ""
    label = "op.phone_edit_idea"

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        self._check_brainstorm(ctx)
        self._own_card(ctx, phone, self.idea_id)
        _something_to_read(self.text)
        EditIdea(self.idea_id, self.text).apply(ctx)
        return self.idea_id


@dataclass(frozen=True)
class PhoneWithdrawIdea(PhoneWrite):
    """A person takes one of their own ideas off the wall, until grouping starts."""

    idea_id: int = 0
    label = "op.phone_withdraw_idea"

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        self._check_brainstorm(ctx)
        self._own_card(ctx, phone, self.idea_id)
        DeleteIdea(self.idea_id, by_its_phone=True).apply(ctx)
        return self.idea_id


# -- votes -----------------------------------------------------------------------------------
# A phone votes by the booth's own operations (same budget, cap, phase and open-round checks,
# same refusals): a person has one ballot whether it was filled at the booth, on paper or on a
# phone, and a second hand-in is refused by ConfirmBallot as at the booth.


@dataclass(frozen=True)
class PhoneCastDot(PhoneWrite):
    """A person places one dot on a candidate from their phone (answers the objective)."""

    objective_id: int = 0
    label = "op.phone_cast_dot"

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        CastDot(self.workshop_id, self._voter(phone), self.objective_id).apply(ctx)
        return self.objective_id


@dataclass(frozen=True)
class PhoneWithdrawDot(PhoneWrite):
    """A person takes one of their dots back from a candidate (answers the objective)."""

    objective_id: int = 0
    label = "op.phone_withdraw_dot"

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        WithdrawDot(self.workshop_id, self._voter(phone), self.objective_id).apply(ctx)
        return self.objective_id


@dataclass(frozen=True)
class PhoneHandIn(PhoneWrite):
    """A person hands their ballot in from their phone (answers the ballot's id)."""

    label = "op.phone_hand_in"

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        return ConfirmBallot(self.workshop_id, self._voter(phone)).apply(ctx)


@dataclass(frozen=True)
class PhoneTakeBack(PhoneWrite):
    """A person takes their handed-in ballot back while the vote is open (dots cleared, as
    at the booth); answers 0."""

    label = "op.phone_take_back"

    def _write(self, ctx: OperationContext, phone: PhoneIdentity) -> int:
        RedoBallot(self.workshop_id, self._voter(phone)).apply(ctx)
        return 0
