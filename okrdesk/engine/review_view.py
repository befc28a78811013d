"""What a progress review shows of a workshop's approved OKRs: check-ins, trend and scores."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, Row, Select, bindparam, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from okrdesk.engine.changes import Change
from okrdesk.engine.scoring import (
    GUIDANCE,
    Grade,
    GradingGuidance,
    ObjectiveScore,
    Score,
    check_in_progress,
    cycle_elapsed,
    grade,
    not_ambitious,
    objective_score,
    score_of,
)
from okrdesk.models import (
    CheckIn,
    Commitment,
    Cycle,
    KeyResult,
    KeyResultKind,
    KeyResultScore,
    Objective,
    OrgUnit,
    Workshop,
)

_Q = TypeVar("_Q", bound="Select[*tuple[Any, ...]]")


@dataclass(frozen=True)
class CheckInView:
    """One check-in as recorded, and the progress it gives (a point of the trend)."""

    id: int
    at: datetime
    by: str | None
    value: Decimal | None  # a metric key result's
    done: bool | None  # a milestone's
    percent: int | None  # a milestone's (100 when done)
    confidence: int | None  # 0-10, None: not said
    comment: str | None
    progress: Decimal | None  # 0.0-1.0; None: a metric KR without a start or a target


@dataclass(frozen=True)
class ReviewKeyResult:
    """A key result in review: what it aims at, its check-ins, its progress and its score."""

    id: int
    title: str
    kind: KeyResultKind
    commitment: Commitment
    start: Decimal | None
    target: Decimal | None
    unit: str | None
    owner: str | None
    deadline: date | None
    history: tuple[CheckInView, ...]  # oldest first; the last is the latest
    score: Score
    grade: Grade | None

    @property
    def latest(self) -> CheckInView | None:
        return self.history[-1] if self.history else None

    @property
    def progress(self) -> Decimal | None:
        """Progress from start to target as of the latest check-in (None: none yet)."""
        latest = self.latest
        return None if latest is None else latest.progress


@dataclass(frozen=True)
class ReviewObjective:
    id: int
    title: str
    key_results: tuple[ReviewKeyResult, ...]
    score: ObjectiveScore  # the mean of its key results' scores (see ObjectiveScore)


@dataclass(frozen=True)
class ReviewView:
    """One workshop's approved OKRs in review, at ``now``.

    ``objectives`` are the selected objectives once the OKRs are approved (signed off and
    locked), in their order; before approval, or after a reopening, there are none.
    ``elapsed`` is the share of the cycle gone (0.0-1.0), to read progress against.
    """

    workshop_id: int
    title: str
    unit: str
    cycle: str
    starts_on: date
    ends_on: date
    elapsed: Decimal
    approved: bool
    imported: bool  # a parent's OKRs imported from elsewhere: checked in where they live
    objectives: tuple[ReviewObjective, ...]
    not_ambitious: bool  # every aspirational key result scored 1.0 (see scoring)
    guidance: GradingGuidance = GUIDANCE

    @property
    def accepts_check_ins(self) -> bool:
        return self.approved and not self.imported


def review_view(session: Session, workshop_id: int, now: datetime) -> ReviewView | None:
    """The workshop's review (one query per table, whatever the number of key results);
    None if the workshop is gone."""
    head = session.execute(
        select(
            Workshop.title,
            Workshop.locked,
            Workshop.imported_from,
            OrgUnit.name,
            Cycle.name,
            Cycle.starts_on,
            Cycle.ends_on,
        )
        .join(OrgUnit, OrgUnit.id == Workshop.unit_id)
        .join(Cycle, Cycle.id == Workshop.cycle_id)
        .where(Workshop.id == workshop_id)
    ).first()
    if head is None:
        return None
    title, locked, imported_from, unit, cycle, starts_on, ends_on = head
    objectives = _objectives(session, workshop_id) if locked else ()
    return ReviewView(
        workshop_id=workshop_id,
        title=title,
        unit=unit,
        cycle=cycle,
        starts_on=starts_on,
        ends_on=ends_on,
        elapsed=cycle_elapsed(starts_on, ends_on, now),
        approved=bool(locked),
        imported=imported_from is not None,
        objectives=objectives,
        not_ambitious=not_ambitious(
            (kr.commitment, kr.score.value) for o in objectives for kr in o.key_results
        ),
    )


def _objectives(session: Session, workshop_id: int) -> tuple[ReviewObjective, ...]:
    chosen = (Objective.workshop_id == workshop_id) & Objective.selected.is_(True)
    objectives = session.execute(
        select(Objective.id, Objective.title).where(chosen).order_by(Objective.position)
    ).all()
    if not objectives:
        return ()
    key_results = _read_key_results(session, _reads(by_key_result=False), {"workshop": workshop_id})
    by_objective: dict[int, list[ReviewKeyResult]] = defaultdict(list)
    for objective_id, key_result in key_results:
        by_objective[objective_id].append(key_result)
    return tuple(
        ReviewObjective(
            id=objective_id,
            title=objective_title,
            key_results=tuple(by_objective[objective_id]),
            score=objective_score(kr.score.value for kr in by_objective[objective_id]),
        )
        for objective_id, objective_title in objectives
    )


def _through_objective(query: _Q, key_result_id: InstrumentedAttribute[int] | None) -> _Q:
    """The query joined to its rows' key result (by this column; None: it reads key results)
    and objective, so a condition on either picks its rows."""
    if key_result_id is not None:
        query = query.join(KeyResult, KeyResult.id == key_result_id)
    return query.join(Objective, Objective.id == KeyResult.objective_id)


def key_results_query(where: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    """The key results a condition on them or their objective picks, with what the review and
    the all-hands show of each (what it measures, from and to what, whose, by when) and its
    objective's id, in their objectives' and their own order: one query."""
    return (
        _through_objective(
            select(
                KeyResult.id,
                KeyResult.objective_id,
                KeyResult.title,
                KeyResult.kind,
                KeyResult.commitment,
                KeyResult.start_value,
                KeyResult.target_value,
                KeyResult.unit,
                KeyResult.owner,
                KeyResult.deadline,
            ),
            None,
        )
        .where(where)
        .order_by(KeyResult.objective_id, KeyResult.position)
    )


class _Reads(NamedTuple):
    """The review's three reads of key results, check-ins and score entries, for one pick."""

    key_results: Select[*tuple[Any, ...]]
    check_ins: Select[*tuple[Any, ...]]
    scores: Select[*tuple[Any, ...]]


@cache
def _reads(*, by_key_result: bool) -> _Reads:
    """The reads of a workshop's approved key results (parameter ``workshop``), or of some key
    results by id (``ids``): built once, as a check-in in a room meeting reads them each time."""
    where = (
        KeyResult.id.in_(bindparam("ids", expanding=True))
        if by_key_result
        else (Objective.workshop_id == bindparam("workshop")) & Objective.selected.is_(True)
    )
    return _Reads(
        key_results=key_results_query(where),
        check_ins=_through_objective(
            select(
                CheckIn.key_result_id,
                CheckIn.id,
                CheckIn.recorded_at,
                CheckIn.recorded_by,
                CheckIn.value,
                CheckIn.done,
                CheckIn.percent,
                CheckIn.confidence,
                CheckIn.comment,
            ),
            CheckIn.key_result_id,
        )
        .where(where)
        .order_by(CheckIn.key_result_id, CheckIn.recorded_at, CheckIn.id),
        scores=_through_objective(
            select(
                KeyResultScore.key_result_id,
                KeyResultScore.score,
                KeyResultScore.reason,
                KeyResultScore.decided_by,
                KeyResultScore.decided_at,
            ),
            KeyResultScore.key_result_id,
        )
        .where(where)
        .order_by(KeyResultScore.id),
    )


def _read_key_results(
    session: Session, reads: _Reads, params: dict[str, Any]
) -> list[tuple[int, ReviewKeyResult]]:
    """The key results the reads pick, in their objectives' and their own order, each with its
    objective's id: one query per table."""
    # Plain rows through the session's connection: the ORM's layer for each statement cost
    # more than the statements themselves (a check-in's key result is read in about 1 ms).
    connection = session.connection()
    key_results = connection.execute(reads.key_results, params).all()
    history = _check_ins(
        connection.execute(reads.check_ins, params).all(),
        {kr.id: (kr.kind, kr.start_value, kr.target_value) for kr in key_results},
    )
    latest: dict[int, Row[*tuple[Any, ...]]] = {}
    for row in connection.execute(reads.scores, params):
        latest[row.key_result_id] = row  # the latest entry stands
    entries = {
        kr_id: KeyResultScore(
            key_result_id=kr_id,
            score=row.score,
            reason=row.reason,
            decided_by=row.decided_by,
            decided_at=row.decided_at,
        )
        for kr_id, row in latest.items()
    }
    found = []
    for kr in key_results:
        check_ins = history.get(kr.id, ())
        computed = check_ins[-1].progress if check_ins else None
        score = score_of(computed, entries.get(kr.id))
        found.append(
            (
                kr.objective_id,
                ReviewKeyResult(
                    id=kr.id,
                    title=kr.title,
                    kind=kr.kind,
                    commitment=kr.commitment,
                    start=kr.start_value,
                    target=kr.target_value,
                    unit=kr.unit,
                    owner=kr.owner,
                    deadline=kr.deadline,
                    history=check_ins,
                    score=score,
                    grade=grade(kr.commitment, score.value),
                ),
            )
        )
    return found


# The rows a check-in or a score entry writes, added or taken back: nothing else in the review
# changes with them, so the review follows them by reading their key results again.
_KEY_RESULT_ROWS = frozenset({"check_in", "key_result_score"})


def key_results_changed(change: Change) -> frozenset[int] | None:
    """The key results whose check-ins or score entries the change added or took back;
    None when it changed anything else (a title, an order, a sign-off: read the whole review)."""
    found = set()
    for row in change.rows:
        if row.table not in _KEY_RESULT_ROWS:
            return None
        image = row.after if row.after is not None else row.before
        if image is None or image.get("key_result_id") is None:
            return None
        found.add(int(image["key_result_id"]))
    return frozenset(found)


def review_key_results(
    session: Session, key_result_ids: Collection[int]
) -> dict[int, ReviewKeyResult]:
    """These key results as the review shows them (check-ins, progress, score), by id: what a
    check-in changes, read without the rest of the workshop (one query per table)."""
    if not key_result_ids:
        return {}
    read = _read_key_results(session, _reads(by_key_result=True), {"ids": list(key_result_ids)})
    return {kr.id: kr for _objective, kr in read}


def review_with(
    view: ReviewView, key_results: Mapping[int, ReviewKeyResult], now: datetime
) -> ReviewView:
    """The view with these key results in place of its own (their objectives' scores and the
    unit's ambition worked out again), at ``now``; a key result it does not show is left out."""
    objectives = tuple(
        objective
        if not any(kr.id in key_results for kr in objective.key_results)
        else _with(objective, key_results)
        for objective in view.objectives
    )
    return replace(
        view,
        elapsed=cycle_elapsed(view.starts_on, view.ends_on, now),
        objectives=objectives,
        not_ambitious=not_ambitious(
            (kr.commitment, kr.score.value) for o in objectives for kr in o.key_results
        ),
    )


def _with(
    objective: ReviewObjective, key_results: Mapping[int, ReviewKeyResult]
) -> ReviewObjective:
    shown = tuple(key_results.get(kr.id, kr) for kr in objective.key_results)
    return replace(
        objective,
        key_results=shown,
        score=objective_score(kr.score.value for kr in shown),
    )


def review_after(
    session: Session, view: ReviewView, change: Change, now: datetime
) -> ReviewView | None:
    """The review after the change, reading again only the key results it wrote to; None when
    the change is not a check-in's or a score's (then read the whole review: review_view)."""
    changed = key_results_changed(change)
    if changed is None:
        return None
    shown = {kr.id for objective in view.objectives for kr in objective.key_results}
    return review_with(view, review_key_results(session, changed & shown), now)


def _check_ins(
    rows: Sequence[Row[*tuple[Any, ...]]],
    measures: dict[int, tuple[KeyResultKind, Decimal | None, Decimal | None]],
) -> dict[int, tuple[CheckInView, ...]]:
    """Each key result's check-ins, oldest first; measures: its kind, start and target."""
    found: dict[int, list[CheckInView]] = defaultdict(list)
    for kr_id, check_in_id, at, by, value, done, percent, confidence, comment in rows:
        kind, start, target = measures[kr_id]
        progress = check_in_progress(kind, start, target, value, done, percent)
        found[kr_id].append(
            CheckInView(check_in_id, at, by, value, done, percent, confidence, comment, progress)
        )
    return {kr_id: tuple(views) for kr_id, views in found.items()}
