"""Reading the documented plan JSON (docs/json-format.md) back into a plan snapshot.

The one reader of plan JSON, for every entry point (info, export, check, the parent import
and the window): the text is decoded safely (json_text), its shape and types checked
(plan_json_schema), its ids checked (plan_json_links), and only then turned into a snapshot.
Anything wrong is refused with one PlanFileError naming where in the document it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError as ShapeError
from pydantic_core import ErrorDetails

from okrdesk.engine.alignment import ParentKind
from okrdesk.engine.json_text import MAX_BYTES, decode_json, json_path
from okrdesk.engine.plan_json_links import check_links
from okrdesk.engine.plan_json_schema import (
    DecisionJson,
    KeyResultJson,
    ObjectiveJson,
    PlanJson,
    RetrospectiveJson,
    SignoffJson,
    VoteResultJson,
    WorkshopJson,
)
from okrdesk.engine.queries import BallotProgress, PhaseTime
from okrdesk.engine.snapshot import (
    CycleView,
    DecisionView,
    IdeaView,
    KeyResultView,
    ObjectiveView,
    ParentRef,
    PlanSnapshot,
    SignoffView,
    UnitView,
    VotingView,
    WorkshopView,
)
from okrdesk.engine.snapshot_quarter import (
    CheckInRecord,
    RetroAnswerRecord,
    RetroGroupRecord,
    RetroRecord,
    ScoreRecord,
)
from okrdesk.engine.vote_result import (
    ResultRow,
    RoundRanking,
    SeatStatus,
    TieDecisionView,
    TieState,
    VoteResult,
)
from okrdesk.errors import PlanFileError
from okrdesk.models import (
    Commitment,
    DecisionKind,
    KeyResultKind,
    Phase,
    RetroQuestion,
    RoundKind,
    SignoffStatus,
    UnitLevel,
)
from okrdesk.models.fileformat import regular_file_size

FORMAT_NAME = "okrdesk-plan"
FORMAT_VERSIONS = {1}


# The message for each kind of problem; every one takes the file and the place in it.
_PROBLEMS = {
    "positive": "file.plan_json_positive",
    "count": "file.plan_json_count",
    "number": "file.plan_json_number",
    "minutes": "file.plan_json_minutes",
    "text": "file.plan_json_text",
    "surrogate": "file.plan_json_surrogate",
    "flag": "file.plan_json_flag",
    "date": "file.plan_json_date",
    "moment": "file.plan_json_moment",
    "choice": "file.plan_json_choice",
    "signature": "file.plan_json_signature",
    "long_text": "file.plan_json_long_text",
    "too_many_entries": "file.plan_json_too_many_entries",
    "range": "file.plan_json_range",
    "share": "file.plan_json_share",
    "missing": "file.plan_json_missing",
    "model_type": "file.plan_json_object",
    "list_type": "file.plan_json_list",
}


def _problem(error: ErrorDetails) -> tuple[str, dict[str, Any]]:
    """The message id and its parameters: ``where``, and what the problem tells (``choices``
    for a choice, ``length`` and ``limit`` for long text...)."""
    message_id = _PROBLEMS.get(error["type"], "file.plan_json_shape")
    location = tuple(part for part in error["loc"] if isinstance(part, int | str))
    params: dict[str, Any] = {"where": json_path(location)}
    if error["type"] in ("choice", "long_text", "too_many_entries", "range"):
        params.update(error.get("ctx") or {})
    return message_id, params


def _objective(o: ObjectiveJson) -> ObjectiveView:
    parent = o.parent
    return ObjectiveView(
        id=o.id,
        title=o.title,
        selected=o.selected,
        dots=o.dots,
        parent=None
        if parent is None
        else ParentRef(ParentKind(parent.type), parent.id, parent.title, parent.workshop_id),
        key_results=tuple(_key_result(kr) for kr in o.key_results),
        rationale=o.rationale,
        breakdown=o.breakdown,
        carry=o.carry,
    )


def _key_result(kr: KeyResultJson) -> KeyResultView:
    return KeyResultView(
        kr.id,
        kr.title,
        KeyResultKind(kr.kind),
        kr.start,
        kr.target,
        kr.unit,
        kr.deadline,
        kr.owner,
        Commitment(kr.commitment),
        check_ins=tuple(
            CheckInRecord(c.at, c.by, c.value, c.done, c.percent, c.confidence, c.comment)
            for c in kr.check_ins
        ),
        score_entries=tuple(
            ScoreRecord(e.score, e.computed, e.reason, e.by, e.at) for e in kr.score_entries
        ),
        initiatives=tuple(kr.initiatives),
    )


def _retrospective(r: RetrospectiveJson | None) -> RetroRecord | None:
    if r is None:
        return None
    return RetroRecord(
        RetroQuestion(r.current_question),
        r.started_at,
        tuple(RetroGroupRecord(g.id, RetroQuestion(g.question), g.title) for g in r.groups),
        tuple(
            RetroAnswerRecord(
                a.id, RetroQuestion(a.question), a.text, a.author, a.objective_id, a.group_id
            )
            for a in r.answers
        ),
    )


def _decision(d: DecisionJson) -> DecisionView:
    return DecisionView(
        round=d.round,
        decision=DecisionKind(d.decision),
        signer=d.signer,
        at=d.at,
        comment=d.comment,
        notes=tuple((n.objective, n.comment) for n in d.notes),
        signature=d.signature,
    )


def _vote_result(
    r: VoteResultJson | None, workshop_id: int, titles: dict[int, str]
) -> VoteResult | None:
    if r is None or not r.rounds:
        return None
    d = r.decision
    return VoteResult(
        workshop_id=workshop_id,
        seats=r.seats,
        rounds=tuple(
            RoundRanking(
                number=ranking.round,
                kind=RoundKind(ranking.kind),
                seats=ranking.seats,
                rows=tuple(
                    ResultRow(
                        s.rank,
                        s.objective_id,
                        titles.get(s.objective_id, "?"),
                        s.dots,
                        SeatStatus(s.status),
                    )
                    for s in ranking.standings
                ),
                cutoff=ranking.cutoff,
            )
            for ranking in r.rounds
        ),
        tie=TieState(r.tie),
        selected=tuple(r.selected),
        tied=tuple(r.tied),
        open_seats=r.open_seats,
        decision=None
        if d is None
        else TieDecisionView(
            round_number=d.round,
            chosen=tuple(d.chosen),
            chosen_titles=tuple(titles.get(i, "?") for i in d.chosen),
            passed_over=tuple(d.passed_over),
            passed_over_titles=tuple(titles.get(i, "?") for i in d.passed_over),
            reason=d.reason,
            decided_by=d.decided_by,
            decided_at=d.decided_at,
        ),
    )


def _voting(w: WorkshopJson) -> VotingView | None:
    v = w.voting
    if v is None:
        return None
    ballots = BallotProgress(v.ballots_cast, v.ballots_expected, tuple(v.not_voted))
    titles = {o.id: o.title for o in w.objectives}
    return VotingView(
        v.round,
        RoundKind(v.kind),
        v.open,
        v.revealed,
        ballots,
        tuple(v.tied_at_cutoff),
        _vote_result(v.result, w.id, titles),
    )


def _signoff(s: SignoffJson | None) -> SignoffView | None:
    if s is None:
        return None
    history = tuple(_decision(d) for d in s.history)
    return SignoffView(SignoffStatus(s.status), s.signer, s.at, s.rounds, s.comment, history)


def _workshop(w: WorkshopJson) -> WorkshopView:
    return WorkshopView(
        id=w.id,
        title=w.title,
        unit_id=w.unit_id,
        cycle_id=w.cycle_id,
        phase=Phase(w.phase),
        locked=w.locked,
        facilitator=w.facilitator,
        dot_budget=w.dot_budget,
        dot_cap=w.dot_cap,
        selection_size=w.selection_size,
        participants=tuple((p.id, p.name) for p in w.participants),
        departments=tuple((p.id, p.department) for p in w.participants if p.department),
        ideas=tuple(
            IdeaView(i.id, i.text, i.author, i.objective_id, i.merged_into_id, i.dots)
            for i in w.ideas
        ),
        objectives=tuple(_objective(o) for o in w.objectives),
        voting=_voting(w),
        signoff=_signoff(w.signoff),
        phases=tuple(
            PhaseTime(Phase(p.phase), p.planned_minutes, p.actual_minutes) for p in w.phases
        ),
        imported_from=w.imported_from,
        created_at=w.created_at,
        retrospective=_retrospective(w.retrospective),
    )


def _checked_plan(document: Any, source: str) -> PlanJson:
    """The document as a plan of the known format, its shape, types and ids checked."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise PlanFileError("file.not_plan_json", path=source)
    version = document.get("format_version")
    if type(version) is not int or version not in FORMAT_VERSIONS:
        too_new = type(version) is int and version > max(FORMAT_VERSIONS)
        message_id = "file.plan_json_too_new" if too_new else "file.plan_json_version"
        raise PlanFileError(message_id, path=source)
    try:
        plan = PlanJson.model_validate(document)
    except ShapeError as error:
        message_id, params = _problem(error.errors(include_url=False)[0])
        raise PlanFileError(message_id, path=source, **params) from None
    check_links(plan, source)
    return plan


def snapshot_from_json(document: Any, source: str) -> PlanSnapshot:
    """The snapshot a plan JSON describes; refused (one clear message) if it is not one."""
    plan = _checked_plan(document, source)
    return PlanSnapshot(
        organisation=plan.organisation,
        cycles=tuple(CycleView(c.id, c.name, c.start, c.end) for c in plan.cycles),
        units=tuple(UnitView(u.id, u.name, u.parent_id, UnitLevel(u.level)) for u in plan.units),
        workshops=tuple(_workshop(w) for w in plan.workshops),
    )


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refused before reading if it cannot be a plan JSON."""
    name = str(path)
    try:
        size = regular_file_size(path)  # a pipe or a device is never opened: it could block
    except PlanFileError as refused:
        if refused.message_id == "file.not_regular":
            raise PlanFileError("file.plan_json_special", path=name) from refused
        raise
    if size > MAX_BYTES:  # refused without reading it
        raise PlanFileError("file.plan_json_too_big", path=name, limit=MAX_BYTES // 2**20)
    try:
        with path.open("rb") as stream:
            return stream.read(MAX_BYTES + 1)  # one byte over is enough to refuse it
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise PlanFileError("file.unreadable", path=name, reason=reason) from error


def read_plan_json(path: Path) -> PlanSnapshot:
    """The plan in a JSON file, read in full or refused with one message; never changed."""
    return snapshot_from_json(decode_json(_read_bytes(path), str(path)), str(path))
