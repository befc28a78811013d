"""What a plan publishes: its own workshops as plain data, read in a few queries.

A workshop imported as a read-only copy of a parent's is not this plan's to publish. Each
workshop carries a digest of what it says, so a publish that would send the same again
sends nothing, and the window can tell a workshop changed since it was published.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    and_,
    bindparam,
    column,
    func,
    select,
)
from sqlalchemy.orm import Session

from okrdesk.models import (
    Alignment,
    CheckIn,
    Commitment,
    Cycle,
    Decision,
    KeyResult,
    KeyResultKind,
    KeyResultScore,
    Objective,
    OrgUnit,
    Phase,
    PlanInfo,
    Publication,
    SignOff,
    UnitLevel,
    Workshop,
)
from okrdesk.store.compiled import PlanStatement

UnitPath = tuple[tuple[UnitLevel, str], ...]  # (level, name) from the company down


@dataclass(frozen=True)
class OutCheckIn:
    recorded_at: datetime
    recorded_by: str | None
    value: Decimal | None
    done: bool | None
    percent: int | None
    confidence: int | None
    comment: str | None


@dataclass(frozen=True)
class OutScore:
    score: Decimal | None
    computed: Decimal | None
    reason: str | None
    decided_by: str | None
    decided_at: datetime


@dataclass(frozen=True)
class OutKeyResult:
    uuid: str
    title: str
    kind: KeyResultKind
    start: Decimal | None
    target: Decimal | None
    unit: str | None
    deadline: date | None
    owner: str | None
    commitment: Commitment
    position: int
    check_ins: tuple[OutCheckIn, ...] = ()
    scores: tuple[OutScore, ...] = ()


@dataclass(frozen=True)
class OutObjective:
    uuid: str
    title: str
    position: int
    selected: bool
    parent_objective: str | None  # the parent's UUID (this plan's, or a pulled copy's)
    parent_key_result: str | None
    key_results: tuple[OutKeyResult, ...] = ()


@dataclass(frozen=True)
class OutSignOff:
    round: int
    decision: Decision
    signer: str
    comment: str | None
    decided_at: datetime
    signature: str | None


@dataclass(frozen=True)
class OutWorkshop:
    id: int  # the plan's own row id (to record what was published)
    uuid: str
    unit_path: UnitPath
    cycle: str
    cycle_starts_on: date
    cycle_ends_on: date
    title: str
    phase: Phase
    locked: bool
    facilitator: str | None
    objectives: tuple[OutObjective, ...] = ()
    sign_offs: tuple[OutSignOff, ...] = ()
    digest: str = field(default="", compare=False)

    @property
    def draft(self) -> bool:
        """Not signed off (locked): published, but a draft wherever it is shown."""
        return not self.locked


@dataclass(frozen=True)
class Outbox:
    """A plan's workshops to publish, and what each was last published as to one store."""

    plan_uuid: str
    organisation: str
    label: str  # how other plans' refusals name this one (its file's name)
    workshops: tuple[OutWorkshop, ...]
    published: dict[int, tuple[int, str]]  # workshop id -> (store version, digest)


def _plain(value: Any) -> Any:
    """``dataclasses.asdict``'s result without its deep copies (the values here are
    immutable: text, numbers, dates, enums), so the same digest in a third of the time."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def digest_of(workshop: OutWorkshop) -> str:
    """A digest of everything the workshop says (not of its row id)."""
    content = _plain(workshop)
    content.pop("id"), content.pop("digest")
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The plan's tables read as columns (no ORM objects, no identity map): the statements are
# built once, so each publish only binds and runs them (their compiled form is cached).
_UNIT = OrgUnit.__table__.c
_WORKSHOP = Workshop.__table__.c
_OBJECTIVE = Objective.__table__.c
_KEY_RESULT = KeyResult.__table__.c
_ALIGNMENT = Alignment.__table__.c
_CHECK_IN = CheckIn.__table__.c
_SCORE = KeyResultScore.__table__.c
_SIGN_OFF = SignOff.__table__.c
_CYCLE = Cycle.__table__.c
_PUBLICATION = Publication.__table__.c
_PLAN_INFO = PlanStatement(select(PlanInfo.__table__.c.uuid, PlanInfo.__table__.c.organisation))
_UNITS = PlanStatement(select(_UNIT.id, _UNIT.parent_id, _UNIT.level, _UNIT.name))
_CYCLES = PlanStatement(select(_CYCLE.id, _CYCLE.name, _CYCLE.starts_on, _CYCLE.ends_on))
_PUBLISHED = PlanStatement(
    select(_PUBLICATION.workshop_id, _PUBLICATION.version, _PUBLICATION.digest).where(
        _PUBLICATION.store == bindparam("store")
    )
)


@dataclass(frozen=True)
class _Reads:
    """The statements reading the plan's own workshops (not imported copies) and what they
    hold, each joined to its workshop, so no list of ids is sent back and forth."""

    workshops: PlanStatement
    objectives: PlanStatement
    key_results: PlanStatement
    check_ins: PlanStatement
    scores: PlanStatement
    sign_offs: PlanStatement


def _reads(only: bool) -> _Reads:
    """``only``: the workshops restricted to those whose ids the parameter ``only`` lists
    (a JSON array: one parameter, so one compiled statement whatever their number)."""
    own: ColumnElement[bool] = _WORKSHOP.imported_from.is_(None)
    if only:
        chosen: Select[tuple[Any]] = select(column("value")).select_from(
            func.json_each(bindparam("only"))
        )
        own = and_(own, _WORKSHOP.id.in_(chosen.scalar_subquery()))
    workshop, objective, key_result = (
        Workshop.__table__,
        Objective.__table__,
        KeyResult.__table__,
    )
    parent_o, parent_k = objective.alias("parent_o"), key_result.alias("parent_k")
    of_objective = objective.join(workshop, _WORKSHOP.id == _OBJECTIVE.workshop_id)
    of_key_result = key_result.join(of_objective, _OBJECTIVE.id == _KEY_RESULT.objective_id)

    def beneath(table: FromClause, *columns: ColumnElement[Any]) -> PlanStatement:
        """A table's rows under the plan's own key results (check-ins, score entries), these
        columns of them, in the order they were written."""
        return PlanStatement(
            select(*columns)
            .select_from(table.join(of_key_result, _KEY_RESULT.id == table.c.key_result_id))
            .where(own)
            .order_by(table.c.id)
        )

    return _Reads(
        workshops=PlanStatement(
            select(
                _WORKSHOP.id,
                _WORKSHOP.uuid,
                _WORKSHOP.unit_id,
                _WORKSHOP.cycle_id,
                _WORKSHOP.title,
                _WORKSHOP.phase,
                _WORKSHOP.locked,
                _WORKSHOP.facilitator,
            )
            .where(own)
            .order_by(_WORKSHOP.id)
        ),
        objectives=PlanStatement(
            select(
                _OBJECTIVE.workshop_id,
                _OBJECTIVE.id,
                _OBJECTIVE.uuid,
                _OBJECTIVE.title,
                _OBJECTIVE.position,
                _OBJECTIVE.selected,
                parent_o.c.uuid,
                parent_k.c.uuid,
            )
            .select_from(
                of_objective.outerjoin(
                    Alignment.__table__, _ALIGNMENT.objective_id == _OBJECTIVE.id
                )
                .outerjoin(parent_o, parent_o.c.id == _ALIGNMENT.parent_objective_id)
                .outerjoin(parent_k, parent_k.c.id == _ALIGNMENT.parent_key_result_id)
            )
            .where(own)
            .order_by(_OBJECTIVE.position, _OBJECTIVE.id)
        ),
        key_results=PlanStatement(
            select(
                _KEY_RESULT.objective_id,
                _KEY_RESULT.id,
                _KEY_RESULT.uuid,
                _KEY_RESULT.title,
                _KEY_RESULT.kind,
                _KEY_RESULT.start_value,
                _KEY_RESULT.target_value,
                _KEY_RESULT.unit,
                _KEY_RESULT.deadline,
                _KEY_RESULT.owner,
                _KEY_RESULT.commitment,
                _KEY_RESULT.position,
            )
            .select_from(of_key_result)
            .where(own)
            .order_by(_KEY_RESULT.position, _KEY_RESULT.id)
        ),
        check_ins=beneath(
            CheckIn.__table__,
            _CHECK_IN.key_result_id,
            _CHECK_IN.recorded_at,
            _CHECK_IN.recorded_by,
            _CHECK_IN.value,
            _CHECK_IN.done,
            _CHECK_IN.percent,
            _CHECK_IN.confidence,
            _CHECK_IN.comment,
        ),
        scores=beneath(
            KeyResultScore.__table__,
            _SCORE.key_result_id,
            _SCORE.score,
            _SCORE.computed,
            _SCORE.reason,
            _SCORE.decided_by,
            _SCORE.decided_at,
        ),
        sign_offs=PlanStatement(
            select(
                _SIGN_OFF.workshop_id,
                _SIGN_OFF.round,
                _SIGN_OFF.decision,
                _SIGN_OFF.signer,
                _SIGN_OFF.comment,
                _SIGN_OFF.decided_at,
                _SIGN_OFF.signature,
            )
            .select_from(SignOff.__table__.join(workshop, _WORKSHOP.id == _SIGN_OFF.workshop_id))
            .where(own)
            .order_by(_SIGN_OFF.round, _SIGN_OFF.id)
        ),
    )


_ALL, _ONLY = _reads(only=False), _reads(only=True)


def unit_paths(session: Session) -> dict[int, UnitPath]:
    """Every unit's path of (level, name) from the company down (one query)."""
    return _unit_paths(session.connection())


def _unit_paths(connection: Connection) -> dict[int, UnitPath]:
    rows = {
        unit_id: (parent_id, level, name)
        for unit_id, parent_id, level, name in _UNITS.rows(connection)
    }
    paths: dict[int, UnitPath] = {}

    def path(unit_id: int, depth: int = 0) -> UnitPath:
        if unit_id in paths:
            return paths[unit_id]
        parent_id, level, name = rows[unit_id]
        if depth > len(rows):  # a loop: no plan okrdesk wrote
            raise ValueError("the plan's units form a loop")
        above = () if parent_id is None else path(parent_id, depth + 1)
        paths[unit_id] = (*above, (UnitLevel(level), name))
        return paths[unit_id]

    for unit_id in rows:
        path(unit_id)
    return paths


def plan_outbox(
    session: Session, store: str, label: str, only: Collection[int] | None = None
) -> Outbox:
    """The plan's own workshops as they would be published to ``store`` (nine queries of
    columns through the session's connection); ``only``: just these workshops (the window's
    status reads again what a change touched)."""
    connection = session.connection()
    ((plan_uuid, organisation),) = _PLAN_INFO.rows(connection)
    paths = _unit_paths(connection)
    cycles = {row[0]: row for row in _CYCLES.rows(connection)}
    reads, bound = (_ALL, None) if only is None else (_ONLY, {"only": json.dumps(sorted(only))})
    workshops = reads.workshops.rows(connection, bound)
    sign_offs: defaultdict[int, list[OutSignOff]] = defaultdict(list)
    for workshop_id, *sign_off in reads.sign_offs.rows(connection, bound):
        sign_offs[workshop_id].append(OutSignOff(*sign_off))
    check_ins: defaultdict[int, list[OutCheckIn]] = defaultdict(list)
    for key_result_id, *check_in in reads.check_ins.rows(connection, bound):
        check_ins[key_result_id].append(OutCheckIn(*check_in))
    scores: defaultdict[int, list[OutScore]] = defaultdict(list)
    for key_result_id, *score in reads.scores.rows(connection, bound):
        scores[key_result_id].append(OutScore(*score))
    key_results: defaultdict[int, list[OutKeyResult]] = defaultdict(list)
    for (
        objective_id,
        kr_id,
        kr_uuid,
        title,
        kind,
        start,
        target,
        unit,
        deadline,
        owner,
        commitment,
        position,
    ) in reads.key_results.rows(connection, bound):
        key_results[objective_id].append(
            OutKeyResult(
                kr_uuid,
                title,
                kind,
                start,
                target,
                unit,
                deadline,
                owner,
                commitment,
                position,
                tuple(check_ins.get(kr_id, ())),
                tuple(scores.get(kr_id, ())),
            )
        )
    objectives: defaultdict[int, list[OutObjective]] = defaultdict(list)
    for (
        workshop_id,
        objective_id,
        o_uuid,
        title,
        position,
        selected,
        parent_objective,
        parent_key_result,
    ) in reads.objectives.rows(connection, bound):
        objectives[workshop_id].append(
            OutObjective(
                o_uuid,
                title,
                position,
                selected,
                parent_objective,
                parent_key_result,
                tuple(key_results.get(objective_id, ())),
            )
        )
    published = {
        workshop_id: (version, digest)
        for workshop_id, version, digest in _PUBLISHED.rows(connection, {"store": store})
    }
    out: list[OutWorkshop] = []
    for workshop_id, uuid, unit_id, cycle_id, title, phase, locked, facilitator in workshops:
        _id, cycle, starts_on, ends_on = cycles[cycle_id]
        workshop = OutWorkshop(
            workshop_id,
            uuid,
            paths[unit_id],
            cycle,
            starts_on,
            ends_on,
            title,
            phase,
            locked,
            facilitator,
            tuple(objectives.get(workshop_id, ())),
            tuple(sign_offs.get(workshop_id, ())),
        )
        out.append(_with_digest(workshop))
    return Outbox(plan_uuid, organisation, label, tuple(out), published)


def _with_digest(workshop: OutWorkshop) -> OutWorkshop:
    return replace(workshop, digest=digest_of(workshop))
