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
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

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


def unit_paths(session: Session) -> dict[int, UnitPath]:
    """Every unit's path of (level, name) from the company down (one query)."""
    rows = {
        unit_id: (parent_id, level, name)
        for unit_id, parent_id, level, name in session.execute(
            select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.level, OrgUnit.name)
        )
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
    """The plan's own workshops as they would be published to ``store`` (nine queries);
    ``only``: just these workshops (the window's status reads again what a change touched)."""
    info = session.execute(select(PlanInfo.uuid, PlanInfo.organisation)).one()
    paths = unit_paths(session)
    cycles = {c.id: c for c in session.scalars(select(Cycle))}
    chosen = select(Workshop).where(Workshop.imported_from.is_(None))
    if only is not None:
        chosen = chosen.where(Workshop.id.in_(only))
    workshops = list(session.scalars(chosen.order_by(Workshop.id)))
    ids = [w.id for w in workshops]
    parent_o, parent_k = aliased(Objective), aliased(KeyResult)
    objectives: defaultdict[int, list[tuple[Objective, str | None, str | None]]]
    objectives = defaultdict(list)
    for objective, parent_objective, parent_key_result in session.execute(
        select(Objective, parent_o.uuid, parent_k.uuid)
        .outerjoin(Alignment, Alignment.objective_id == Objective.id)
        .outerjoin(parent_o, parent_o.id == Alignment.parent_objective_id)
        .outerjoin(parent_k, parent_k.id == Alignment.parent_key_result_id)
        .where(Objective.workshop_id.in_(ids))
        .order_by(Objective.position, Objective.id)
    ):
        objectives[objective.workshop_id].append((objective, parent_objective, parent_key_result))
    objective_ids = [o.id for rows in objectives.values() for o, _po, _pk in rows]
    key_results: defaultdict[int, list[KeyResult]] = defaultdict(list)
    for kr in session.scalars(
        select(KeyResult)
        .where(KeyResult.objective_id.in_(objective_ids))
        .order_by(KeyResult.position, KeyResult.id)
    ):
        key_results[kr.objective_id].append(kr)
    kr_ids = [kr.id for rows in key_results.values() for kr in rows]
    check_ins: defaultdict[int, list[OutCheckIn]] = defaultdict(list)
    for c in session.scalars(
        select(CheckIn).where(CheckIn.key_result_id.in_(kr_ids)).order_by(CheckIn.id)
    ):
        check_ins[c.key_result_id].append(
            OutCheckIn(
                c.recorded_at, c.recorded_by, c.value, c.done, c.percent, c.confidence, c.comment
            )
        )
    scores: defaultdict[int, list[OutScore]] = defaultdict(list)
    for s in session.scalars(
        select(KeyResultScore)
        .where(KeyResultScore.key_result_id.in_(kr_ids))
        .order_by(KeyResultScore.id)
    ):
        scores[s.key_result_id].append(
            OutScore(s.score, s.computed, s.reason, s.decided_by, s.decided_at)
        )
    sign_offs: defaultdict[int, list[OutSignOff]] = defaultdict(list)
    for so in session.scalars(
        select(SignOff).where(SignOff.workshop_id.in_(ids)).order_by(SignOff.round, SignOff.id)
    ):
        sign_offs[so.workshop_id].append(
            OutSignOff(so.round, so.decision, so.signer, so.comment, so.decided_at, so.signature)
        )
    published = {
        workshop_id: (version, digest)
        for workshop_id, version, digest in session.execute(
            select(Publication.workshop_id, Publication.version, Publication.digest).where(
                Publication.store == store
            )
        )
    }
    out: list[OutWorkshop] = []
    for w in workshops:
        cycle = cycles[w.cycle_id]
        workshop = OutWorkshop(
            id=w.id,
            uuid=w.uuid,
            unit_path=paths[w.unit_id],
            cycle=cycle.name,
            cycle_starts_on=cycle.starts_on,
            cycle_ends_on=cycle.ends_on,
            title=w.title,
            phase=w.phase,
            locked=w.locked,
            facilitator=w.facilitator,
            objectives=tuple(
                OutObjective(
                    uuid=o.uuid,
                    title=o.title,
                    position=o.position,
                    selected=o.selected,
                    parent_objective=po,
                    parent_key_result=pk,
                    key_results=tuple(
                        OutKeyResult(
                            uuid=kr.uuid,
                            title=kr.title,
                            kind=kr.kind,
                            start=kr.start_value,
                            target=kr.target_value,
                            unit=kr.unit,
                            deadline=kr.deadline,
                            owner=kr.owner,
                            commitment=kr.commitment,
                            position=kr.position,
                            check_ins=tuple(check_ins[kr.id]),
                            scores=tuple(scores[kr.id]),
                        )
                        for kr in key_results[o.id]
                    ),
                )
                for o, po, pk in objectives[w.id]
            ),
            sign_offs=tuple(sign_offs[w.id]),
        )
        out.append(_with_digest(workshop))
    return Outbox(info.uuid, info.organisation, label, tuple(out), published)


def _with_digest(workshop: OutWorkshop) -> OutWorkshop:
    from dataclasses import replace

    return replace(workshop, digest=digest_of(workshop))
