"""What a change was about, in the workshop's words: which part of which workshop, by whom.

Screens and the room server read a change through these words (ideas, dots, the phase...)
and never through table names, so the schema can change without every consumer changing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, select
from sqlalchemy.orm import Session

from okrdesk.models import KeyResult, Objective, SignOff, TieDecision, VoteRound
from okrdesk.models.changelog import RowChange


class Aspect(StrEnum):
    """A part of a plan a change can touch."""

    PLAN = "plan"  # the organisation's name and the plan's own settings
    CYCLES = "cycles"
    UNITS = "units"
    WORKSHOPS = "workshops"  # a workshop added, removed, renamed or its settings changed
    PARTICIPANTS = "participants"
    AGENDA = "agenda"  # the planned minutes of each phase
    PHASE = "phase"  # the room moved to another phase (and its timer)
    IDEAS = "ideas"
    OBJECTIVES = "objectives"
    KEY_RESULTS = "key_results"
    ALIGNMENT = "alignment"
    ROUNDS = "rounds"  # a vote round opened, closed or revealed; run-off candidates
    DOTS = "dots"  # dots on a ballot, paper counts
    BALLOTS = "ballots"  # a ballot handed in or taken back
    TIE_DECISION = "tie_decision"
    SIGNOFF = "signoff"  # a return, an approval, a reopening
    PHONES = "phones"  # the room opened, a phone joined, was approved or released
    CHECK_INS = "check_ins"  # a key result's progress recorded after sign-off
    SCORES = "scores"  # a key result's end-of-cycle score adjusted or its adjustment cleared
    RETROSPECTIVE = "retrospective"  # the retrospective started, its question, answers, groups
    INITIATIVES = "initiatives"  # a key result's first steps (an objective's rationale: OBJECTIVES)
    PUBLISHING = "publishing"  # a workshop published to the organisation store, or queued


class Actor(StrEnum):
    """Who made a change. Only the facilitator's own changes are on the window's undo stack."""

    FACILITATOR = "facilitator"
    BOOTH = "booth"  # a ballot handed in at the ballot booth
    PHONE = "phone"  # a participant's phone (the room server)
    ROOM = "room"  # the room server itself: giving the workshop its join code
    STORE = "store"  # publishing to the organisation store: a publish queued or recorded


# The aspect each table's rows belong to (a workshop row is read column by column below).
TABLE_ASPECTS: Mapping[str, Aspect] = {
    "plan_info": Aspect.PLAN,
    "cycle": Aspect.CYCLES,
    "org_unit": Aspect.UNITS,
    "participant": Aspect.PARTICIPANTS,
    "phase_plan": Aspect.AGENDA,
    "phase_visit": Aspect.PHASE,
    "idea": Aspect.IDEAS,
    "objective": Aspect.OBJECTIVES,
    "key_result": Aspect.KEY_RESULTS,
    "alignment": Aspect.ALIGNMENT,
    "vote_round": Aspect.ROUNDS,
    "runoff_candidate": Aspect.ROUNDS,
    "dot": Aspect.DOTS,
    "paper_tally": Aspect.DOTS,
    "ballot": Aspect.BALLOTS,
    "tie_decision": Aspect.TIE_DECISION,
    "tie_decision_choice": Aspect.TIE_DECISION,
    "sign_off": Aspect.SIGNOFF,
    "sign_off_note": Aspect.SIGNOFF,
    "room_phone": Aspect.PHONES,
    "check_in": Aspect.CHECK_INS,
    "key_result_score": Aspect.SCORES,
    "retrospective": Aspect.RETROSPECTIVE,
    "retro_group": Aspect.RETROSPECTIVE,
    "retro_answer": Aspect.RETROSPECTIVE,
    "carried_card": Aspect.IDEAS,  # where a card on the wall came from (the last cycle)
    "initiative": Aspect.INITIATIVES,
    "publication": Aspect.PUBLISHING,
    "publish_queue": Aspect.PUBLISHING,
    # room_request (a phone's idempotency record) is no part of what anyone sees.
}

# The table whose row ids Change.ids(aspect) reports.
ASPECT_TABLES: Mapping[Aspect, str] = {
    Aspect.CYCLES: "cycle",
    Aspect.UNITS: "org_unit",
    Aspect.WORKSHOPS: "workshop",
    Aspect.PARTICIPANTS: "participant",
    Aspect.IDEAS: "idea",
    Aspect.OBJECTIVES: "objective",
    Aspect.KEY_RESULTS: "key_result",
    Aspect.ALIGNMENT: "alignment",
    Aspect.ROUNDS: "vote_round",
    Aspect.BALLOTS: "ballot",
    Aspect.SIGNOFF: "sign_off",
    Aspect.PHONES: "room_phone",
    Aspect.CHECK_INS: "check_in",
    Aspect.SCORES: "key_result_score",
    Aspect.RETROSPECTIVE: "retro_answer",
    Aspect.INITIATIVES: "initiative",
}


def row_aspects(row: RowChange) -> set[Aspect]:
    """The aspects one changed row belongs to."""
    if row.table != "workshop":
        aspect = TABLE_ASPECTS.get(row.table)
        return set() if aspect is None else {aspect}
    if row.before is None or row.after is None:
        return {Aspect.WORKSHOPS}
    changed = {name for name in row.after if row.before.get(name) != row.after[name]}
    aspects: set[Aspect] = set()
    if "phase" in changed:
        aspects.add(Aspect.PHASE)
    if "locked" in changed:
        aspects.add(Aspect.SIGNOFF)
    if "room_code" in changed:
        aspects.add(Aspect.PHONES)
    if changed - {"phase", "locked", "room_code"}:
        aspects.add(Aspect.WORKSHOPS)
    return aspects


def _image(row: RowChange) -> Mapping[str, Any]:
    image = row.after if row.after is not None else row.before
    assert image is not None
    return image


def row_workshops(session: Session, rows: Iterable[RowChange]) -> frozenset[int]:
    """The workshops the rows belong to, looked up through their parents where needed.

    Runs inside the operation's transaction, so a row's parent is found as the operation left
    it; a parent the operation removed is found among the change's own rows instead.
    """
    rows = list(rows)
    found: set[int] = set()
    for row in rows:
        image = _image(row)
        if row.table == "workshop":
            found.add(int(image["id"]))
        elif image.get("workshop_id") is not None:
            found.add(int(image["workshop_id"]))
    objective_ids = _parent_ids(rows, ("key_result", "alignment", "sign_off_note"), "objective_id")
    round_ids = _parent_ids(
        rows, ("dot", "paper_tally", "ballot", "runoff_candidate", "tie_decision"), "round_id"
    )
    decision_ids = _parent_ids(rows, ("tie_decision_choice",), "decision_id")
    sign_off_ids = _parent_ids(rows, ("sign_off_note",), "sign_off_id")
    key_result_ids = _parent_ids(
        rows, ("check_in", "key_result_score", "initiative"), "key_result_id"
    )
    # A key result the change itself removed is found among its rows, the others in the plan.
    for row in rows:
        if row.table == "key_result" and int(_image(row)["id"]) in key_result_ids:
            key_result_ids.discard(int(_image(row)["id"]))
            objective_ids.add(int(_image(row)["objective_id"]))
    if key_result_ids:  # a check-in's, a score's: their workshops in one read
        found |= set(_parents(session, _KEY_RESULT_WORKSHOPS, key_result_ids))
    if decision_ids:
        round_ids |= set(_parents(session, _DECISION_ROUNDS, decision_ids))
    if objective_ids:
        found |= set(_parents(session, _OBJECTIVE_WORKSHOPS, objective_ids))
    if round_ids:
        found |= set(_parents(session, _ROUND_WORKSHOPS, round_ids))
    if sign_off_ids:
        found |= set(_parents(session, _SIGN_OFF_WORKSHOPS, sign_off_ids))
    return frozenset(found)


_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
# Built once: a change's workshops are looked up after every operation (every phone's dot).
_KEY_RESULT_WORKSHOPS = (
    select(Objective.workshop_id)
    .join(KeyResult, KeyResult.objective_id == Objective.id)
    .where(KeyResult.id.in_(_IDS))
)
_DECISION_ROUNDS = select(TieDecision.round_id).where(TieDecision.id.in_(_IDS))
_OBJECTIVE_WORKSHOPS = select(Objective.workshop_id).where(Objective.id.in_(_IDS))
_ROUND_WORKSHOPS = select(VoteRound.workshop_id).where(VoteRound.id.in_(_IDS))
_SIGN_OFF_WORKSHOPS = select(SignOff.workshop_id).where(SignOff.id.in_(_IDS))


def _parents(session: Session, lookup: Select[int], ids: set[int]) -> set[int]:
    """The parent ids of these rows (read on the operation's own connection)."""
    return set(session.connection().execute(lookup, {"ids": sorted(ids)}).scalars())


def _parent_ids(rows: list[RowChange], tables: tuple[str, ...], column: str) -> set[int]:
    ids = set()
    for row in rows:
        if row.table in tables:
            value = _image(row).get(column)
            if value is not None:
                ids.add(int(value))
    return ids
