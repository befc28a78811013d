"""Ballots: handed in, taken back or started again, and dots counted from paper."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete

from okrdesk.engine.context import OperationContext
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.validation import check_range
from okrdesk.engine.vote_ops import ballot_of, open_round_for, refuse_if_confirmed
from okrdesk.errors import RuleError
from okrdesk.models import Ballot, Dot, Objective, PaperTally, Participant


@dataclass(frozen=True)
class ConfirmBallot(OperationBase):
    """A participant confirms their dots: the ballot is in (the room sees only that)."""

    workshop_id: int
    participant_id: int
    label = "op.confirm_ballot"

    def apply(self, ctx: OperationContext) -> int:
        workshop, vote_round = open_round_for(ctx, self.workshop_id)
        participant = ctx.get(Participant, self.participant_id)
        if participant.workshop_id != workshop.id:
            raise RuleError("rule.wrong_workshop")
        refuse_if_confirmed(ctx, vote_round, participant)
        ballot = Ballot(round_id=vote_round.id, participant_id=participant.id, cast_at=ctx.now)
        ctx.session.add(ballot)
        ctx.session.flush()
        return ballot.id


@dataclass(frozen=True)
class RedoBallot(OperationBase):
    """A participant takes their ballot back to vote again (while the vote is open).

    Their dots are cleared with it: whoever is at the laptop never sees a handed-in ballot.
    """

    workshop_id: int
    participant_id: int
    label = "op.redo_ballot"

    def apply(self, ctx: OperationContext) -> None:
        _workshop, vote_round = open_round_for(ctx, self.workshop_id)
        ballot = ballot_of(ctx, vote_round, self.participant_id)
        if ballot is None:
            raise RuleError("voting.no_ballot")
        ctx.session.delete(ballot)
        ctx.session.execute(
            delete(Dot).where(
                Dot.round_id == vote_round.id, Dot.participant_id == self.participant_id
            )
        )


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
