"""Dot voting operations: open and close, cast and withdraw, reveal, run-off, decide, select."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from okrdesk.engine.context import OperationContext
from okrdesk.engine.dot_facts import RoundFacts, ballot_facts, round_facts
from okrdesk.engine.operation import OperationBase
from okrdesk.engine.queries import latest_round, open_round, settlement
from okrdesk.engine.selection import selection_notices
from okrdesk.engine.validation import clean_text, optional_text
from okrdesk.engine.voting import BallotLimits, ballot_limits, check_dot_allowed
from okrdesk.errors import ConfirmationNeededError, RuleError
from okrdesk.models import (
    AuditKind,
    Ballot,
    Dot,
    Objective,
    Participant,
    Phase,
    RoundKind,
    RoundStatus,
    RunoffCandidate,
    TieDecision,
    TieDecisionChoice,
    VoteRound,
    Workshop,
)


def _in_phase(workshop: Workshop, *phases: Phase) -> None:
    if workshop.phase not in phases:
        raise RuleError("rule.wrong_phase", phase=phases[0].value)


def round_limits(workshop: Workshop, vote_round: VoteRound) -> BallotLimits:
    """The budget and cap of a ballot in this round (see voting.ballot_limits)."""
    return ballot_limits(
        vote_round.kind == RoundKind.RUNOFF,
        vote_round.seats,
        workshop.dot_budget,
        workshop.dot_cap,
    )


@dataclass(frozen=True)
class OpenVoting(OperationBase):
    """Open the dot vote (or re-open it to let the room continue; the tally is hidden again)."""

    workshop_id: int
    confirm: bool = False
    label = "op.open_voting"

    def apply(self, ctx: OperationContext) -> int:
        workshop = ctx.workshop(self.workshop_id)
        _in_phase(workshop, Phase.VOTE)
        current = latest_round(ctx.session, workshop.id)
        if current is not None and current.status == RoundStatus.OPEN:
            raise RuleError("voting.already_open")
        candidates = len(workshop.objectives)
        if current is None:
            if candidates < 2:
                raise RuleError("phase.needs_candidates", count=candidates)
            current = VoteRound(
                workshop_id=workshop.id,
                number=1,
                kind=RoundKind.MAIN,
                status=RoundStatus.OPEN,
                revealed=False,
                seats=workshop.selection_size,
                opened_at=ctx.now,
            )
            ctx.session.add(current)
        else:
            if current.decision is not None:
                # New dots can change who is tied, so the decision on the old tie cannot stand.
                if not self.confirm:
                    raise ConfirmationNeededError("confirm.reopen_decided_vote")
                ctx.session.delete(current.decision)
            current.status, current.revealed, current.closed_at = RoundStatus.OPEN, False, None
        ctx.session.flush()
        ctx.audit(AuditKind.VOTING_OPENED, workshop.id, round=current.number)
        return current.id


@dataclass(frozen=True)
class CastDot(OperationBase):
    """One participant places one dot on one objective of the open round."""

    workshop_id: int
    participant_id: int
    objective_id: int
    label = "op.cast_dot"

    def apply(self, ctx: OperationContext) -> None:
        connection = ctx.session.connection()
        facts = _open_round_facts(connection, self.workshop_id)
        assert facts.round_id is not None and facts.seats is not None
        ballot = ballot_facts(connection, facts.round_id, self.participant_id, self.objective_id)
        if ballot.participant_workshop is None:
            raise RuleError("rule.not_found", what="participant", id=self.participant_id)
        if ballot.objective_workshop is None:
            raise RuleError("rule.not_found", what="objective", id=self.objective_id)
        if self.workshop_id != ballot.participant_workshop or (
            self.workshop_id != ballot.objective_workshop
        ):
            raise RuleError("rule.wrong_workshop")
        if ballot.handed_in:
            raise RuleError("voting.ballot_confirmed", name=ballot.participant_name)
        if facts.runoff and not ballot.on_ballot:
            raise RuleError("voting.not_on_ballot", title=ballot.objective_title)
        limits = ballot_limits(facts.runoff, facts.seats, facts.dot_budget, facts.dot_cap)
        check_dot_allowed(ballot.spent, ballot.on_objective, limits.budget, limits.cap)
        if ballot.dot_id is None:
            connection.execute(
                _NEW_DOT,
                {
                    "round_id": facts.round_id,
                    "participant_id": self.participant_id,
                    "objective_id": self.objective_id,
                    "count": 1,
                },
            )
        else:
            connection.execute(_MORE, {"dot": ballot.dot_id, "count": ballot.on_objective + 1})


@dataclass(frozen=True)
class WithdrawDot(OperationBase):
    """Take back one of a participant's dots from an objective while the round is open."""

    workshop_id: int
    participant_id: int
    objective_id: int
    label = "op.withdraw_dot"

    def apply(self, ctx: OperationContext) -> None:
        connection = ctx.session.connection()
        facts = _open_round_facts(connection, self.workshop_id)
        assert facts.round_id is not None
        ballot = ballot_facts(connection, facts.round_id, self.participant_id, self.objective_id)
        if ballot.participant_workshop is None:
            raise RuleError("rule.not_found", what="participant", id=self.participant_id)
        if ballot.handed_in:
            raise RuleError("voting.ballot_confirmed", name=ballot.participant_name)
        if ballot.dot_id is None:
            raise RuleError("voting.no_dot_to_withdraw")
        if ballot.on_objective > 1:
            connection.execute(_MORE, {"dot": ballot.dot_id, "count": ballot.on_objective - 1})
        else:
            connection.execute(_NO_DOT, {"dot": ballot.dot_id})


def _open_round_facts(connection: Connection, workshop_id: int) -> RoundFacts:
    """The workshop's open round, read without the ORM (a dot is the room's busiest write);
    refused as ``ctx.workshop`` and ``open_round`` refuse."""
    facts = round_facts(connection, workshop_id)
    if facts is None:
        raise RuleError("rule.not_found", what="workshop", id=workshop_id)
    if facts.locked:
        raise RuleError("rule.locked", title=facts.title)
    if facts.phase != Phase.VOTE:
        raise RuleError("rule.wrong_phase", phase=Phase.VOTE.value)
    if facts.round_id is None or not facts.round_open:
        raise RuleError("voting.not_open")
    return facts


_NEW_DOT = insert(Dot)
_MORE = update(Dot).where(Dot.id == bindparam("dot")).values(count=bindparam("count"))
_NO_DOT = delete(Dot).where(Dot.id == bindparam("dot"))


def ballot_of(ctx: OperationContext, vote_round: VoteRound, participant_id: int) -> Ballot | None:
    return ctx.session.scalar(
        select(Ballot).where(
            Ballot.round_id == vote_round.id, Ballot.participant_id == participant_id
        )
    )


def refuse_if_confirmed(
    ctx: OperationContext, vote_round: VoteRound, participant: Participant
) -> None:
    if ballot_of(ctx, vote_round, participant.id) is not None:
        raise RuleError("voting.ballot_confirmed", name=participant.name)


def open_round_for(ctx: OperationContext, workshop_id: int) -> tuple[Workshop, VoteRound]:
    workshop = ctx.workshop(workshop_id)
    _in_phase(workshop, Phase.VOTE)
    vote_round = open_round(ctx.session, workshop.id)
    if vote_round is None:
        raise RuleError("voting.not_open")
    return workshop, vote_round


@dataclass(frozen=True)
class CloseVoting(OperationBase):
    workshop_id: int
    label = "op.close_voting"

    def apply(self, ctx: OperationContext) -> None:
        workshop = ctx.workshop(self.workshop_id)
        vote_round = open_round(ctx.session, workshop.id)
        if vote_round is None:
            raise RuleError("voting.not_open")
        vote_round.status, vote_round.closed_at = RoundStatus.CLOSED, ctx.now
        ctx.audit(AuditKind.VOTING_CLOSED, workshop.id, round=vote_round.number)


@dataclass(frozen=True)
class RevealTally(OperationBase):
    """Show the room the result of the closed round: a deliberate facilitator action."""

    workshop_id: int
    label = "op.reveal_tally"

    def apply(self, ctx: OperationContext) -> None:
        workshop = ctx.workshop(self.workshop_id)
        vote_round = latest_round(ctx.session, workshop.id)
        if vote_round is None or vote_round.status == RoundStatus.OPEN:
            raise RuleError("voting.close_before_reveal")
        if vote_round.revealed:
            raise RuleError("voting.already_revealed")
        vote_round.revealed = True
        ctx.audit(AuditKind.TALLY_REVEALED, workshop.id, round=vote_round.number)


def _open_tie(ctx: OperationContext, workshop: Workshop) -> tuple[tuple[int, ...], int, int]:
    """The tied items, their open seats, and the round that tied; refused if there is no tie."""
    outcome = settlement(ctx.session, workshop)
    latest = latest_round(ctx.session, workshop.id)
    if latest is not None and latest.status == RoundStatus.OPEN:
        raise RuleError("voting.still_open")
    if outcome is None or outcome.settled or outcome.tied_round_id is None:
        raise RuleError("voting.no_tie")
    return outcome.tied, outcome.open_seats, outcome.tied_round_id


@dataclass(frozen=True)
class StartRunoff(OperationBase):
    """Open a run-off among the items tied at the cut-off: one dot per open seat."""

    workshop_id: int
    label = "op.start_runoff"

    def apply(self, ctx: OperationContext) -> int:
        workshop = ctx.workshop(self.workshop_id)
        _in_phase(workshop, Phase.VOTE, Phase.SELECT)
        tied, seats, _round_id = _open_tie(ctx, workshop)
        latest = latest_round(ctx.session, workshop.id)
        assert latest is not None
        if latest.kind == RoundKind.RUNOFF and not latest.revealed:
            raise RuleError("voting.reveal_runoff_first")
        runoff = VoteRound(
            workshop_id=workshop.id,
            number=latest.number + 1,
            kind=RoundKind.RUNOFF,
            status=RoundStatus.OPEN,
            revealed=False,
            seats=seats,
            opened_at=ctx.now,
        )
        ctx.session.add(runoff)
        ctx.session.flush()
        for objective_id in tied:
            ctx.session.add(RunoffCandidate(round_id=runoff.id, objective_id=objective_id))
        if workshop.phase != Phase.VOTE:
            from okrdesk.engine.phase_ops import enter_phase

            enter_phase(ctx, workshop, Phase.VOTE)
        ctx.audit(AuditKind.RUNOFF_STARTED, workshop.id, round=runoff.number, tied=list(tied))
        return runoff.id


@dataclass(frozen=True)
class DecideTie(OperationBase):
    """The facilitator settles a tie at the cut-off: which tied items go through, and why."""

    workshop_id: int
    chosen_ids: tuple[int, ...]
    reason: str
    decided_by: str | None = None
    label = "op.decide_tie"

    def apply(self, ctx: OperationContext) -> None:
        workshop = ctx.workshop(self.workshop_id)
        reason = clean_text(self.reason, "reason")
        tied, seats, round_id = _open_tie(ctx, workshop)
        chosen = tuple(dict.fromkeys(self.chosen_ids))
        if not set(chosen) <= set(tied):
            raise RuleError("voting.choose_from_tied")
        if len(chosen) != seats:
            raise RuleError("voting.choose_open_seats", seats=seats)
        decision = TieDecision(
            round_id=round_id,
            reason=reason,
            decided_by=optional_text(self.decided_by, "name"),
            decided_at=ctx.now,
        )
        ctx.session.add(decision)
        ctx.session.flush()
        for objective_id in chosen:
            ctx.session.add(TieDecisionChoice(decision_id=decision.id, objective_id=objective_id))
        ctx.audit(AuditKind.TIE_DECIDED, workshop.id, chosen=list(chosen), reason=reason)


@dataclass(frozen=True)
class ApplySelection(OperationBase):
    """Select exactly the objectives the vote chose (run-offs and decisions included)."""

    workshop_id: int
    label = "op.apply_selection"

    def apply(self, ctx: OperationContext) -> None:
        workshop = ctx.workshop(self.workshop_id)
        _in_phase(workshop, Phase.SELECT)
        outcome = settlement(ctx.session, workshop)
        if outcome is None:
            raise RuleError("phase.needs_revealed_vote")
        if not outcome.settled:
            raise RuleError("voting.tie_unresolved", count=len(outcome.tied))
        chosen = set(outcome.selected)
        for objective in workshop.objectives:
            objective.selected = objective.id in chosen
        ctx.audit(AuditKind.SELECTION_APPLIED, workshop.id, selected=sorted(chosen))
        ctx.notices.extend(selection_notices([o for o in workshop.objectives if o.selected]))


@dataclass(frozen=True)
class SetObjectiveSelected(OperationBase):
    """Select or drop one objective by hand (the room may decide beyond the vote)."""

    objective_id: int
    selected: bool
    label = "op.set_selected"

    def label_params(self) -> dict[str, Any]:
        return {}

    def apply(self, ctx: OperationContext) -> None:
        objective = ctx.get(Objective, self.objective_id)
        workshop = ctx.workshop(objective.workshop_id)
        _in_phase(workshop, Phase.SELECT)
        objective.selected = self.selected
        ctx.notices.extend(selection_notices([o for o in workshop.objectives if o.selected]))
