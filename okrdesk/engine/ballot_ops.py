"""Ballots: handed in, taken back or started again, and dots counted from paper."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, insert, select

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import check_range
from okrdesk.engine.vote_ops import open_round_for, refuse_if_confirmed
from okrdesk.errors import RuleError
from okrdesk.models import (
    Ballot,
    Dot,
    Objective,
    PaperTally,
    Participant,
    Phase,
    RoundStatus,
    VoteRound,
    Workshop,
)

# Ballots are handed in and taken back one after another at the booth (and, with phones, by a
# room at once): these two operations read and write through prebuilt statements on the
# transaction's connection, in the order and with the refusals of the rules they share with
# the other vote operations (open_round_for, refuse_if_confirmed).
_WORKSHOP = select(Workshop.locked, Workshop.title, Workshop.phase).where(
    Workshop.id == bindparam("workshop")
)
_NEWEST_ROUND = (
    select(VoteRound.id, VoteRound.status)
    .where(VoteRound.workshop_id == bindparam("workshop"))
    .order_by(VoteRound.number.desc())
    .limit(1)
)
_PERSON = select(Participant.workshop_id, Participant.name).where(
    Participant.id == bindparam("participant")
)
_BALLOT = select(Ballot.id).where(
    Ballot.round_id == bindparam("round"), Ballot.participant_id == bindparam("participant")
)
_HAND_IN = insert(Ballot)
_TAKE_BACK = delete(Ballot).where(Ballot.id == bindparam("ballot"))
_CLEAR_DOTS = delete(Dot).where(
    Dot.round_id == bindparam("round"), Dot.participant_id == bindparam("participant")
)


def _open_round_id(connection: Connection, workshop_id: int) -> int:
    """The workshop's open round, or the refusal open_round_for gives."""
    workshop = connection.execute(_WORKSHOP, {"workshop": workshop_id}).one_or_none()
    if workshop is None:
        raise RuleError("rule.not_found", what=Workshop.__tablename__, id=workshop_id)
    if workshop.locked:
        raise RuleError("rule.locked", title=workshop.title)
    if workshop.phase != Phase.VOTE:
        raise RuleError("rule.wrong_phase", phase=Phase.VOTE.value)
    newest = connection.execute(_NEWEST_ROUND, {"workshop": workshop_id}).one_or_none()
    if newest is None or newest.status != RoundStatus.OPEN:
        raise RuleError("voting.not_open")
    return int(newest.id)


@dataclass(frozen=True)
class ConfirmBallot(OperationBase):
    """A participant confirms their dots: the ballot is in (the room sees only that)."""

    workshop_id: int
    participant_id: int
    label = "op.confirm_ballot"

    def apply(self, ctx: OperationContext) -> int:
        connection = ctx.session.connection()
        round_id = _open_round_id(connection, self.workshop_id)
        keys = {"round": round_id, "participant": self.participant_id}
        person = connection.execute(_PERSON, keys).one_or_none()
        if person is None:
            raise RuleError(
                "rule.not_found", what=Participant.__tablename__, id=self.participant_id
            )
        if person.workshop_id != self.workshop_id:
            raise RuleError("rule.wrong_workshop")
        if connection.execute(_BALLOT, keys).first() is not None:
            raise RuleError("voting.ballot_confirmed", name=person.name)
        handed_in = connection.execute(
            _HAND_IN,
            {"round_id": round_id, "participant_id": self.participant_id, "cast_at": ctx.now},
        )
        return handed_in.lastrowid  # the ballot's id: its rowid in the plan file


@dataclass(frozen=True)
class RedoBallot(OperationBase):
    """A participant takes their ballot back to vote again (while the vote is open).

    Their dots are cleared with it: whoever is at the laptop never sees a handed-in ballot.
    """

    workshop_id: int
    participant_id: int
    label = "op.redo_ballot"

    def apply(self, ctx: OperationContext) -> None:
        connection = ctx.session.connection()
        round_id = _open_round_id(connection, self.workshop_id)
        keys = {"round": round_id, "participant": self.participant_id}
        ballot = connection.execute(_BALLOT, keys).scalar()
        if ballot is None:
            raise RuleError("voting.no_ballot")
        connection.execute(_TAKE_BACK, {"ballot": ballot})
        connection.execute(_CLEAR_DOTS, keys)


@dataclass(frozen=True)
class ClearDots(OperationBase):
    """Take back every dot of a participant who has not handed the ballot in (a fresh start)."""

    workshop_id: int
    participant_id: int
    label = "op.clear_dots"

    def apply(self, ctx: OperationContext) -> None:
        _workshop, vote_round = open_round_for(ctx, self.workshop_id)
        refuse_if_confirmed(ctx, vote_round, ctx.get(Participant, self.participant_id))
        ctx.session.execute(
            delete(Dot).where(
                Dot.round_id == vote_round.id, Dot.participant_id == self.participant_id
            )
        )


@dataclass(frozen=True)
class SetPaperTally(OperationBase):
    """Tally mode: the dots counted on paper for one objective (0 clears it)."""

    workshop_id: int
    objective_id: int
    count: int
    label = "op.paper_tally"

    def apply(self, ctx: OperationContext) -> None:
        workshop, vote_round = open_round_for(ctx, self.workshop_id)
        objective = ctx.get(Objective, self.objective_id)
        if objective.workshop_id != workshop.id:
            raise RuleError("rule.wrong_workshop")
        count = check_range(self.count, "dots", 0, 10_000)
        tally = ctx.session.get(PaperTally, (vote_round.id, objective.id))
        if count == 0:
            if tally is not None:
                ctx.session.delete(tally)
        elif tally is None:
            ctx.session.add(
                PaperTally(round_id=vote_round.id, objective_id=objective.id, count=count)
            )
        else:
            tally.count = count
