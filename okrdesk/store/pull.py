"""Pulling from the store: parents' approved OKRs, and check-ins entered elsewhere.

The parents come in exactly as a parent import from a file does (the same read-only copy,
ImportParentOkrs), for the units above this plan's own in the cycles it works in, from
the plan that owns each. The copy then takes the store's UUIDs, so what this plan aligns
to it is aligned to the parent's own objectives once published. Check-ins the store holds
for any key result of the plan (its own, or a copy's) that the plan lacks are added.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, and_, select
from sqlalchemy.orm import Session

from okrdesk.engine.context import Clock, OperationContext
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.operation import Operation, OperationBase
from okrdesk.engine.parent_import import ImportParentOkrs, ParentObjective, ParentOkrs
from okrdesk.engine.signature import parse_signature
from okrdesk.engine.snapshot import KeyResultView
from okrdesk.engine.snapshot_quarter import CheckInRecord, ScoreRecord
from okrdesk.errors import PlanFileError, ValidationError
from okrdesk.messages import translate
from okrdesk.models import (
    CheckIn,
    Cycle,
    Decision,
    KeyResult,
    Objective,
    PlanInfo,
    UnitLevel,
    Workshop,
)
from okrdesk.models.planfile import PlanFile
from okrdesk.store.connect import SessionLimits, StoreAddress, store_engine
from okrdesk.store.outbox import OutCheckIn, UnitPath, unit_paths
from okrdesk.store.publish import in_transaction, unit_key
from okrdesk.store.schema import (
    PATH_SEPARATOR,
    StoreCheckIn,
    StoreCycle,
    StoreKeyResult,
    StoreObjective,
    StoreScore,
    StoreSignOff,
    StoreUnit,
    StoreWorkshop,
    UnitCycleOwner,
)


@dataclass(frozen=True)
class PulledParent:
    okrs: ParentOkrs
    workshop_uuid: str
    # The selected objectives' UUIDs in order, each with its key results' UUIDs in order.
    identities: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Wanted:
    """What the plan asks the store for."""

    plan_uuid: str
    places: frozenset[tuple[str, str]]  # (unit key, cycle) of the plan's own workshops
    key_results: frozenset[str]  # the UUIDs of every key result the plan holds
    held: frozenset[tuple[str, str]]  # its check-ins: (key result UUID, UTC time)


@dataclass(frozen=True)
class Pulled:
    parents: int
    check_ins: int


def _wanted(session: Session) -> Wanted:
    paths = unit_paths(session)
    places = frozenset(
        (unit_key(paths[unit_id]), cycle)
        for unit_id, cycle in session.execute(
            select(Workshop.unit_id, Cycle.name)
            .join(Cycle, Cycle.id == Workshop.cycle_id)
            .where(Workshop.imported_from.is_(None))
        )
    )
    return Wanted(
        plan_uuid=session.scalars(select(PlanInfo.uuid)).one(),
        places=places,
        key_results=frozenset(session.scalars(select(KeyResult.uuid))),
        held=frozenset(
            (kr_uuid, _moment(at))
            for kr_uuid, at in session.execute(
                select(KeyResult.uuid, CheckIn.recorded_at).join(
                    CheckIn, CheckIn.key_result_id == KeyResult.id
                )
            ).all()
        ),
    )


def _moment(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


def _ancestors(places: frozenset[tuple[str, str]]) -> set[tuple[str, str]]:
    found = set()
    for key, cycle in places:
        names = key.split(PATH_SEPARATOR)
        for depth in range(1, len(names)):
            found.add((PATH_SEPARATOR.join(names[:depth]), cycle))
    return found - set(places)


def read_from_store(
    connection: Connection, wanted: Wanted, source: str
) -> tuple[list[PulledParent], list[tuple[str, OutCheckIn]]]:
    """The approved parents' OKRs and the check-ins the plan may lack (a few queries)."""
    session = Session(bind=connection)
    above = _ancestors(wanted.places)
    parents: list[PulledParent] = []
    if above:
        keys = {key for key, _cycle in above}
        rows = session.execute(
            select(StoreWorkshop, StoreUnit.path, StoreCycle)
            .join(StoreUnit, StoreUnit.id == StoreWorkshop.unit_id)
            .join(StoreCycle, StoreCycle.id == StoreWorkshop.cycle_id)
            .join(
                UnitCycleOwner,
                and_(
                    UnitCycleOwner.unit_id == StoreWorkshop.unit_id,
                    UnitCycleOwner.cycle_id == StoreWorkshop.cycle_id,
                    UnitCycleOwner.plan_uuid == StoreWorkshop.plan_uuid,
                ),
            )
            .where(
                StoreUnit.path.in_(keys),
                StoreCycle.name.in_({cycle for _key, cycle in above}),
                StoreWorkshop.locked.is_(True),
                StoreWorkshop.plan_uuid != wanted.plan_uuid,
            )
            .order_by(StoreUnit.path, StoreWorkshop.published_at)
        ).all()
        chosen = [(w, path, c) for w, path, c in rows if (path, c.name) in above]
        parents = _parents(session, chosen, source)
    kr_uuids = set(wanted.key_results) | {
        kr for parent in parents for _o, krs in parent.identities for kr in krs
    }
    check_ins = [
        (
            str(c.key_result_uuid),
            OutCheckIn(
                c.recorded_at,
                c.recorded_by,
                c.value,
                c.done,
                c.percent,
                c.confidence,
                c.comment,
            ),
        )
        for c in session.execute(
            select(StoreCheckIn)
            .where(StoreCheckIn.key_result_uuid.in_(kr_uuids))
            .order_by(StoreCheckIn.recorded_at, StoreCheckIn.id)
        ).scalars()
    ]
    return parents, check_ins


def _parents(
    session: Session, rows: list[tuple[StoreWorkshop, str, StoreCycle]], source: str
) -> list[PulledParent]:
    uuids = [w.uuid for w, _path, _cycle in rows]
    prefixes = {
        PATH_SEPARATOR.join(path.split(PATH_SEPARATOR)[:depth])
        for _w, path, _c in rows
        for depth in range(1, path.count(PATH_SEPARATOR) + 2)
    }
    levels = dict(
        session.execute(
            select(StoreUnit.path, StoreUnit.level).where(StoreUnit.path.in_(prefixes))
        ).all()
    )
    objectives: defaultdict[str, list[StoreObjective]] = defaultdict(list)
    for o in session.execute(
        select(StoreObjective)
        .where(StoreObjective.workshop_uuid.in_(uuids), StoreObjective.selected.is_(True))
        .order_by(StoreObjective.position)
    ).scalars():
        objectives[str(o.workshop_uuid)].append(o)
    key_results: defaultdict[str, list[StoreKeyResult]] = defaultdict(list)
    chosen_uuids = [o.uuid for found in objectives.values() for o in found]
    for kr in session.execute(
        select(StoreKeyResult)
        .where(StoreKeyResult.objective_uuid.in_(chosen_uuids))
        .order_by(StoreKeyResult.position)
    ).scalars():
        key_results[str(kr.objective_uuid)].append(kr)
    parent_krs = [kr.uuid for found in key_results.values() for kr in found]
    progress: defaultdict[str, list[CheckInRecord]] = defaultdict(list)
    for c in session.execute(
        select(StoreCheckIn)
        .where(StoreCheckIn.key_result_uuid.in_(parent_krs))
        .order_by(StoreCheckIn.recorded_at, StoreCheckIn.id)
    ).scalars():
        progress[str(c.key_result_uuid)].append(
            CheckInRecord(
                c.recorded_at, c.recorded_by, c.value, c.done, c.percent, c.confidence, c.comment
            )
        )
    scored: defaultdict[str, list[ScoreRecord]] = defaultdict(list)
    for e in session.execute(
        select(StoreScore)
        .where(StoreScore.key_result_uuid.in_(parent_krs))
        .order_by(StoreScore.decided_at, StoreScore.id)
    ).scalars():
        scored[str(e.key_result_uuid)].append(
            ScoreRecord(e.score, e.computed, e.reason, e.decided_by, e.decided_at)
        )
    approvals: dict[str, StoreSignOff] = {}
    for s in session.execute(
        select(StoreSignOff)
        .where(StoreSignOff.workshop_uuid.in_(uuids), StoreSignOff.decision == Decision.APPROVE)
        .order_by(StoreSignOff.round, StoreSignOff.id)
    ).scalars():
        approvals[str(s.workshop_uuid)] = s
    found = []
    for workshop, path, cycle in rows:
        names = path.split(PATH_SEPARATOR)
        unit_path: UnitPath = tuple(
            (UnitLevel(levels[PATH_SEPARATOR.join(names[: i + 1])]), name)
            for i, name in enumerate(names)
        )
        chosen = objectives[str(workshop.uuid)]
        approval = approvals.get(str(workshop.uuid))
        okrs = ParentOkrs(
            source=source,
            unit_path=tuple((level.value, name) for level, name in unit_path),
            cycle=cycle.name,
            cycle_start=cycle.starts_on,
            cycle_end=cycle.ends_on,
            title=workshop.title,
            signer=approval.signer if approval else "",
            approved_at=approval.decided_at if approval else None,
            signature=_drawn(approval.signature if approval else None),
            objectives=tuple(
                ParentObjective(
                    o.title,
                    tuple(
                        KeyResultView(
                            id=0,
                            title=kr.title,
                            kind=kr.kind,
                            start=kr.start_value,
                            target=kr.target_value,
                            unit=kr.unit,
                            deadline=kr.deadline,
                            owner=kr.owner,
                            commitment=kr.commitment,
                            check_ins=tuple(progress[str(kr.uuid)]),
                            score_entries=tuple(scored[str(kr.uuid)]),
                        )
                        for kr in key_results[str(o.uuid)]
                    ),
                )
                for o in chosen
            ),
        )
        identities = tuple(
            (str(o.uuid), tuple(str(kr.uuid) for kr in key_results[str(o.uuid)])) for o in chosen
        )
        if okrs.objectives:
            found.append(PulledParent(okrs, str(workshop.uuid), identities))
    return found


def _drawn(stored: str | None) -> str | None:
    """The approval's signature as the store holds it, if well formed: a malformed one (not
    written by okrdesk) leaves the copy unsigned rather than refusing the whole pull."""
    try:
        return None if parse_signature(stored) is None else stored
    except ValidationError:
        return None


@dataclass(frozen=True)
class AdoptStoreIdentities(OperationBase):
    """A pulled copy takes the store's UUIDs (its objectives and key results in order), so
    this plan's alignment to it points at the parent's own objectives in the store."""

    workshop_id: int
    workshop_uuid: str
    identities: tuple[tuple[str, tuple[str, ...]], ...]
    label = "op.pull_from_store"

    def apply(self, ctx: OperationContext) -> None:
        workshop = ctx.workshop(self.workshop_id, editable=False)
        objectives = list(workshop.objectives)
        rows: list[tuple[Workshop | Objective | KeyResult, str]] = [(workshop, self.workshop_uuid)]
        for objective, (objective_uuid, kr_uuids) in zip(objectives, self.identities, strict=False):
            rows.append((objective, objective_uuid))
            rows += list(zip(objective.key_results, kr_uuids, strict=False))
        # Through fresh values first: the store's order may have swapped two of them.
        for row, _value in rows:
            row.uuid = str(uuid.uuid4())
        ctx.session.flush()
        for row, value in rows:
            row.uuid = value
        ctx.session.flush()


@dataclass(frozen=True)
class AddPulledCheckIns(OperationBase):
    """Check-ins from the store that the plan lacks, added to its key results by UUID."""

    check_ins: tuple[tuple[str, OutCheckIn], ...]
    label = "op.pull_from_store"

    def apply(self, ctx: OperationContext) -> int:
        by_uuid = dict(
            ctx.session.execute(
                select(KeyResult.uuid, KeyResult.id).where(
                    KeyResult.uuid.in_({kr for kr, _c in self.check_ins})
                )
            ).all()
        )
        held = {
            (kr_id, at.astimezone(UTC).isoformat())
            for kr_id, at in ctx.session.execute(
                select(CheckIn.key_result_id, CheckIn.recorded_at).where(
                    CheckIn.key_result_id.in_(by_uuid.values())
                )
            ).all()
        }
        added = 0
        for kr_uuid, c in self.check_ins:
            kr_id = by_uuid.get(kr_uuid)
            if kr_id is None or (kr_id, c.recorded_at.astimezone(UTC).isoformat()) in held:
                continue
            held.add((kr_id, c.recorded_at.astimezone(UTC).isoformat()))
            ctx.session.add(
                CheckIn(
                    key_result_id=kr_id,
                    recorded_at=c.recorded_at,
                    recorded_by=c.recorded_by,
                    value=c.value,
                    done=c.done,
                    percent=c.percent,
                    confidence=c.confidence,
                    comment=c.comment,
                )
            )
            added += 1
        return added


@dataclass(frozen=True)
class FromStore:
    """What a pull read from the store, not yet in the plan."""

    parents: tuple[PulledParent, ...]
    check_ins: tuple[tuple[str, OutCheckIn], ...]
    new_check_ins: int  # of them, those the plan did not hold when it asked


def wanted_by(session: Session) -> Wanted:
    """What the plan asks the store for (read from the plan, before going to the store)."""
    return _wanted(session)


def read_pull(
    address: StoreAddress,
    wanted: Wanted,
    password: str | None = None,
    limits: SessionLimits | None = None,
) -> FromStore:
    """The network half of a pull: what the store holds for the plan (no plan access, so the
    window runs it off its thread); ``limits``: see SessionLimits."""
    engine = store_engine(address, password=password, limits=limits)
    try:
        (parents, check_ins), _retries = in_transaction(
            engine, address, lambda c: read_from_store(c, wanted, address.shown)
        )
    finally:
        engine.dispose()
    new = sum((kr, _moment(c.recorded_at)) not in wanted.held for kr, c in check_ins)
    return FromStore(tuple(parents), tuple(check_ins), new)


def pull_steps(found: FromStore, apply: Callable[[Operation], Any]) -> Pulled:
    """The plan half of a pull: its operations, through ``apply`` (inside one batch)."""
    for parent in found.parents:
        workshop_id = apply(ImportParentOkrs(parent.okrs))
        apply(AdoptStoreIdentities(workshop_id, parent.workshop_uuid, parent.identities))
    # A copy's check-ins came with it (the parent import replaces them); the plan's own
    # key results get those entered elsewhere.
    if found.check_ins:
        apply(AddPulledCheckIns(found.check_ins))
    return Pulled(len(found.parents), found.new_check_ins)


def pull(editor: PlanEditor, address: StoreAddress) -> Pulled:
    """Pull the parents' approved OKRs and the check-ins the plan lacks, as one change."""
    with editor.reading() as session:
        wanted = wanted_by(session)
    found = read_pull(address, wanted)
    with editor.batch("op.pull_from_store"):
        return pull_steps(found, lambda operation: editor.apply(operation).result)


def run_pull(path: Path, address: StoreAddress, language: str, clock: Clock) -> int:
    """``okrdesk pull PLAN --store URL``."""
    with PlanFile.open(path) as plan:
        if plan.read_only:
            raise PlanFileError("file.busy", path=str(path))
        pulled = pull(PlanEditor(plan, clock), address)
    print(
        translate(
            "store.pulled",
            language,
            address=address.shown,
            parents=pulled.parents,
            check_ins=pulled.check_ins,
        )
    )
    return 0
