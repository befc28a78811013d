"""The documented JSON format of a plan (see docs/json-format.md)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from okrdesk import __version__
from okrdesk.engine.scoring import check_in_progress, objective_score
from okrdesk.engine.snapshot import (
    KeyResultView,
    ObjectiveView,
    ParentRef,
    PlanSnapshot,
    WorkshopView,
)
from okrdesk.engine.snapshot_quarter import RetroRecord
from okrdesk.engine.vote_result import VoteResult

FORMAT_NAME = "okrdesk-plan"
FORMAT_VERSION = 1


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _parent(parent: ParentRef | None) -> dict[str, Any] | None:
    if parent is None:
        return None
    return {
        "type": parent.kind,
        "id": parent.id,
        "title": parent.title,
        "workshop_id": parent.workshop_id,
    }


def _scores(kr: KeyResultView) -> tuple[Decimal | None, Decimal | None, str | None]:
    """The computed score (from the latest check-in), the adjustment standing and its reason."""
    latest = kr.check_ins[-1] if kr.check_ins else None
    computed = (
        None
        if latest is None
        else check_in_progress(
            kr.kind, kr.start, kr.target, latest.value, latest.done, latest.percent
        )
    )
    entry = kr.score_entries[-1] if kr.score_entries else None
    if entry is None or entry.score is None:
        return computed, None, None
    return computed, entry.score, entry.reason


def _score(kr: KeyResultView) -> dict[str, Any]:
    """The score that stands: computed from the latest check-in, or adjusted with a reason."""
    computed, adjusted, reason = _scores(kr)
    return {
        "value": _number(computed if adjusted is None else adjusted),
        "computed": _number(computed),
        "adjusted": _number(adjusted),
        "reason": reason,
    }


def _key_result(kr: KeyResultView) -> dict[str, Any]:
    return {
        "id": kr.id,
        "title": kr.title,
        "kind": kr.kind,
        "start": _number(kr.start),
        "target": _number(kr.target),
        "unit": kr.unit,
        "deadline": None if kr.deadline is None else kr.deadline.isoformat(),
        "owner": kr.owner,
        "commitment": kr.commitment,
        "initiatives": list(kr.initiatives),
        "check_ins": [
            {
                "at": c.at.isoformat(),
                "by": c.by,
                "value": _number(c.value),
                "done": c.done,
                "percent": c.percent,
                "confidence": c.confidence,
                "comment": c.comment,
            }
            for c in kr.check_ins
        ],
        "score_entries": [
            {
                "score": _number(e.score),
                "computed": _number(e.computed),
                "reason": e.reason,
                "by": e.by,
                "at": e.at.isoformat(),
            }
            for e in kr.score_entries
        ],
        "score": _score(kr),
    }


def _objective(objective: ObjectiveView) -> dict[str, Any]:
    standing = (_scores(kr) for kr in objective.key_results)
    score = objective_score(
        computed if adjusted is None else adjusted for computed, adjusted, _ in standing
    )
    return {
        "id": objective.id,
        "title": objective.title,
        "selected": objective.selected,
        "dots": objective.dots,
        "parent": _parent(objective.parent),
        "rationale": objective.rationale,
        "breakdown": objective.breakdown,
        "carry": objective.carry,
        "score": None if score.value is None else round(float(score.value), 4),
        "key_results": [_key_result(kr) for kr in objective.key_results],
    }


def _retrospective(retro: RetroRecord | None) -> dict[str, Any] | None:
    if retro is None:
        return None
    return {
        "current_question": retro.current_question.value,
        "started_at": retro.started_at.isoformat(),
        "groups": [
            {"id": g.id, "question": g.question.value, "title": g.title} for g in retro.groups
        ],
        "answers": [
            {
                "id": a.id,
                "question": a.question.value,
                "text": a.text,
                "author": a.author,
                "objective_id": a.objective_id,
                "group_id": a.group_id,
            }
            for a in retro.answers
        ],
    }


def _vote_result(result: VoteResult | None) -> dict[str, Any] | None:
    """The revealed vote followed through run-offs and any tie decision (docs/json-format.md)."""
    if result is None:
        return None
    decision = result.decision
    return {
        "seats": result.seats,
        "tie": result.tie.value,
        "selected": list(result.selected),
        "tied": list(result.tied),
        "open_seats": result.open_seats,
        "rounds": [
            {
                "round": ranking.number,
                "kind": ranking.kind.value,
                "seats": ranking.seats,
                "cutoff": ranking.cutoff,
                "standings": [
                    {
                        "objective_id": row.objective_id,
                        "rank": row.rank,
                        "dots": row.dots,
                        "status": row.status.value,
                    }
                    for row in ranking.rows
                ],
            }
            for ranking in result.rounds
        ],
        "decision": None
        if decision is None
        else {
            "round": decision.round_number,
            "chosen": list(decision.chosen),
            "passed_over": list(decision.passed_over),
            "reason": decision.reason,
            "decided_by": decision.decided_by,
            "decided_at": decision.decided_at.isoformat(),
        },
    }


def _workshop(workshop: WorkshopView) -> dict[str, Any]:
    voting = workshop.voting
    signoff = workshop.signoff
    return {
        "id": workshop.id,
        "title": workshop.title,
        "unit_id": workshop.unit_id,
        "cycle_id": workshop.cycle_id,
        "phase": workshop.phase,
        "locked": workshop.locked,
        "facilitator": workshop.facilitator,
        "dot_budget": workshop.dot_budget,
        "dot_cap": workshop.dot_cap,
        "selection_size": workshop.selection_size,
        "participants": _participants(workshop),
        "ideas": [
            {
                "id": idea.id,
                "text": idea.text,
                "author": idea.author,
                "objective_id": idea.objective_id,
                "merged_into_id": idea.merged_into_id,
                "dots": idea.dots,
            }
            for idea in workshop.ideas
        ],
        "objectives": [_objective(o) for o in workshop.objectives],
        "phases": [
            {
                "phase": time.phase.value,
                "planned_minutes": time.planned_minutes,
                "actual_minutes": round(time.actual_minutes, 1),
            }
            for time in workshop.phases
        ],
        "voting": None
        if voting is None
        else {
            "round": voting.round_number,
            "kind": voting.kind.value,
            "open": voting.open,
            "revealed": voting.revealed,
            "ballots_cast": voting.ballots.cast,
            "ballots_expected": voting.ballots.expected,
            "not_voted": list(voting.ballots.missing),
            "tied_at_cutoff": list(voting.tied),
            "result": _vote_result(voting.result),
        },
        "signoff": None
        if signoff is None
        else {
            "status": signoff.status,
            "signer": signoff.signer,
            "at": None if signoff.at is None else signoff.at.isoformat(),
            "rounds": signoff.rounds,
            "comment": signoff.comment,
            "history": [
                {
                    "round": d.round,
                    "decision": d.decision,
                    "signer": d.signer,
                    "at": d.at.isoformat(),
                    "comment": d.comment,
                    "notes": [{"objective": title, "comment": text} for title, text in d.notes],
                    "signature": None if d.signature is None else json.loads(d.signature),
                }
                for d in signoff.history
            ],
        },
        "imported_from": workshop.imported_from,
        "created_at": None if workshop.created_at is None else workshop.created_at.isoformat(),
        "retrospective": _retrospective(workshop.retrospective),
    }


def plan_to_json(snapshot: PlanSnapshot) -> dict[str, Any]:
    """The plan as a JSON-ready dict."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "generator": f"okrdesk {__version__}",
        "organisation": snapshot.organisation,
        "cycles": [
            {"id": c.id, "name": c.name, "start": c.start.isoformat(), "end": c.end.isoformat()}
            for c in snapshot.cycles
        ],
        "units": [
            {"id": u.id, "name": u.name, "parent_id": u.parent_id, "level": u.level}
            for u in snapshot.units
        ],
        "workshops": [_workshop(w) for w in snapshot.workshops],
    }


def _participants(workshop: WorkshopView) -> list[dict[str, Any]]:
    """Each participant, with the department a survey gave (the key only when one is known)."""
    departments = dict(workshop.departments)
    return [
        {
            "id": pid,
            "name": name,
            **({"department": departments[pid]} if pid in departments else {}),
        }
        for pid, name in workshop.participants
    ]
