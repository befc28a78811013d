"""Publishing a plan to the store: one transaction per publish, safe with many at once.

Each publish locks what it writes in one order (units and cycles by name, ownership and
workshops by key), so two publishes never wait on each other in a circle; a serialisation
failure or a deadlock PostgreSQL reports anyway is retried from the start. Per workshop an
optimistic check: the store must still hold the version this plan last published, else
another copy of the plan published since, and the publish is refused (nothing written).
The first plan to publish a unit's workshops for a cycle owns them; another plan is refused
with the owner's name until ownership is handed over (recorded).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Enum,
    TextClause,
    and_,
    literal,
    select,
    text,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError, OperationalError

from okrdesk.store.connect import StoreAddress
from okrdesk.store.errors import (
    OwnedElsewhereError,
    StoreConflictError,
    StoreError,
    StoreUnreachableError,
)
from okrdesk.store.outbox import Outbox, OutWorkshop, UnitPath
from okrdesk.store.schema import (
    PATH_SEPARATOR,
    HandOver,
    StoreAlignment,
    StoreCheckIn,
    StoreCycle,
    StoreKeyResult,
    StoreObjective,
    StorePlan,
    StoreScore,
    StoreSignOff,
    StoreUnit,
    StoreWorkshop,
    UnitCycleOwner,
)
from okrdesk.store.version import check_store

log = logging.getLogger("okrdesk.store")

# PostgreSQL's codes for "try the transaction again": a serialisation failure, a deadlock.
RETRY_CODES = frozenset({"40001", "40P01"})
# Refusals at login (a wrong password, no such role or database): not a network problem.
REFUSED_CODES_PREFIXES = ("28", "3D")
# A role that may only read (views, pull) tried to write.
NO_PERMISSION = "42501"
MAX_ATTEMPTS = 8
T = TypeVar("T")


@dataclass(frozen=True)
class Published:
    """What a publish did: each workshop's new store version and digest, sent or not."""

    versions: tuple[tuple[int, int, str], ...]  # (workshop id, store version, digest)
    sent: int  # workshops written (unchanged ones are not sent again)
    drafts: int  # of the plan's workshops, those published as drafts
    # The PostgreSQL codes of the attempts retried before it went through (40001, 40P01).
    retried: tuple[str, ...] = ()


def unit_key(path: UnitPath) -> str:
    """A unit's key in the store: its names from the company down."""
    return PATH_SEPARATOR.join(name for _level, name in path)


def shown_unit(key: str) -> str:
    return key.replace(PATH_SEPARATOR, " / ")


def connect(engine: Engine, address: StoreAddress) -> Connection:
    """A connection to the store; a server that cannot be reached is said as such."""
    try:
        return engine.connect()
    except OperationalError as error:
        code = getattr(error.orig, "sqlstate", None) or ""
        reason = _reason(error)
        log.info("store %s: connection failed: %s", address.shown, reason)
        # libpq says a password is missing itself, with no code: a refusal too.
        if code.startswith(REFUSED_CODES_PREFIXES) or "password" in reason.lower():
            raise StoreError("store.refused", address=address.shown, reason=reason) from error
        raise StoreUnreachableError(
            "store.unreachable", address=address.shown, reason=reason
        ) from error


def _reason(error: DBAPIError) -> str:
    """The driver's first line about the failure (it names host and port, not passwords)."""
    text = str(error.orig).strip().splitlines()
    return text[0] if text else type(error.orig).__name__


def in_transaction(
    engine: Engine, address: StoreAddress, work: Callable[[Connection], T]
) -> tuple[T, tuple[str, ...]]:
    """Run ``work`` in one transaction on a checked store, again on a serialisation failure
    or deadlock (with a short random wait); its result and the codes of the retried tries."""
    retried: list[str] = []
    for attempt in range(MAX_ATTEMPTS):
        connection = connect(engine, address)
        try:
            with connection.begin():
                check_store(connection, address.shown)
                return work(connection), tuple(retried)
        except DBAPIError as error:
            code = getattr(error.orig, "sqlstate", None)
            if code == NO_PERMISSION:
                raise StoreError(
                    "store.no_permission", address=address.shown, reason=_reason(error)
                ) from error
            if code not in RETRY_CODES or attempt == MAX_ATTEMPTS - 1:
                raise
            log.info("store %s: retrying after %s", address.shown, code)
            retried.append(str(code))
            time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
        finally:
            connection.close()
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def publish(engine: Engine, address: StoreAddress, outbox: Outbox, now: datetime) -> Published:
    """Publish the outbox's workshops in one transaction (see the module's docstring).

    The organisation's units and cycles it names are read in that transaction. Those
    missing (a plan's first publish) are made first, in a short transaction of their own:
    every department's publish names the same company unit and cycles, and a row one
    transaction is inserting makes the others wait for its end. Made apart, they wait a
    few milliseconds at most, once; a unit so made stands whatever the publish does.
    """
    workshops = outbox.workshops
    retried: tuple[str, ...] = ()
    for _attempt in range(2):
        result, more = in_transaction(
            engine, address, lambda connection: _publish_if_known(connection, outbox, now)
        )
        retried += more
        if result is not None:
            break
        _made, more = in_transaction(
            engine,
            address,
            lambda connection: (
                _cycles(connection, workshops),
                _units(connection, [w.unit_path for w in workshops]),
            ),
        )
        retried += more
    else:  # pragma: no cover - what was just made cannot be missing (units are never removed)
        raise AssertionError("the publish's units and cycles are missing after being made")
    log.info(
        "published plan %s to %s: %d workshops sent, retried after %s",
        outbox.plan_uuid,
        address.shown,
        result.sent,
        ", ".join(retried) or "nothing",
    )
    return Published(result.versions, result.sent, result.drafts, retried)


def _publish_if_known(connection: Connection, outbox: Outbox, now: datetime) -> Published | None:
    """The publish, if the store knows every unit and cycle it names (else None, nothing
    written)."""
    workshops = outbox.workshops
    names = sorted({w.cycle for w in workshops})
    paths = sorted(
        {
            unit_key(w.unit_path[:depth])
            for w in workshops
            for depth in range(1, len(w.unit_path) + 1)
        }
    )
    cycles: dict[str, int] = {}
    units: dict[str, int] = {}
    for kind, key, key_id in connection.execute(
        union_all(
            select(literal("cycle"), StoreCycle.name, StoreCycle.id).where(
                StoreCycle.name.in_(names)
            ),
            select(literal("unit"), StoreUnit.path, StoreUnit.id).where(StoreUnit.path.in_(paths)),
        )
    ):
        (cycles if kind == "cycle" else units)[key] = key_id
    if len(cycles) < len(names) or len(units) < len(paths):
        return None
    return _publish(connection, outbox, now, cycles, units)


def _publish(
    connection: Connection,
    outbox: Outbox,
    now: datetime,
    cycles: dict[str, int],
    units: dict[str, int],
) -> Published:
    _plan(connection, outbox, now)
    places = {w.id: (units[unit_key(w.unit_path)], cycles[w.cycle]) for w in outbox.workshops}
    _claim(connection, outbox, sorted(set(places.values())), units, cycles, now)
    found = dict(
        connection.execute(
            select(StoreWorkshop.uuid, StoreWorkshop.version)
            .where(StoreWorkshop.uuid.in_([w.uuid for w in outbox.workshops]))
            .order_by(StoreWorkshop.uuid)
            .with_for_update()
        ).all()
    )
    versions: list[tuple[int, int, str]] = []
    changed: list[OutWorkshop] = []
    rows: list[dict[str, Any]] = []
    for workshop in outbox.workshops:
        expected = outbox.published.get(workshop.id)
        stored = found.get(workshop.uuid)
        if stored is not None and expected is not None and stored != expected[0]:
            raise StoreConflictError(
                "store.conflict", title=workshop.title, found=stored, expected=expected[0]
            )
        if stored is not None and expected is not None and expected[1] == workshop.digest:
            versions.append((workshop.id, stored, workshop.digest))  # the store has it already
            continue
        version = (stored or 0) + 1
        versions.append((workshop.id, version, workshop.digest))
        changed.append(workshop)
        unit_id, cycle_id = places[workshop.id]
        rows.append(
            {
                "uuid": workshop.uuid,
                "plan_uuid": outbox.plan_uuid,
                "unit_id": unit_id,
                "cycle_id": cycle_id,
                "title": workshop.title,
                "phase": workshop.phase,
                "locked": workshop.locked,
                "draft": workshop.draft,
                "facilitator": workshop.facilitator,
                "version": version,
                "published_at": now,
            }
        )
    if changed:
        _upsert(connection, StoreWorkshop, rows)
        _contents(connection, changed)
    return Published(tuple(versions), len(changed), sum(w.draft for w in outbox.workshops))


def _plan(connection: Connection, outbox: Outbox, now: datetime) -> None:
    statement = insert(StorePlan).values(
        uuid=outbox.plan_uuid,
        organisation=outbox.organisation,
        label=outbox.label,
        first_published_at=now,
        last_published_at=now,
    )
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[StorePlan.uuid],
            set_={
                "organisation": statement.excluded.organisation,
                "label": statement.excluded.label,
                "last_published_at": statement.excluded.last_published_at,
            },
        )
    )


def _cycles(connection: Connection, workshops: Sequence[OutWorkshop]) -> dict[str, int]:
    rows = {w.cycle: (w.cycle_starts_on, w.cycle_ends_on) for w in workshops}
    if not rows:
        return {}
    connection.execute(
        insert(StoreCycle).on_conflict_do_nothing(index_elements=[StoreCycle.name]),
        [
            {"name": name, "starts_on": starts, "ends_on": ends}
            for name, (starts, ends) in sorted(rows.items())
        ],
    )
    return dict(
        connection.execute(
            select(StoreCycle.name, StoreCycle.id).where(StoreCycle.name.in_(rows))
        ).all()
    )


def _units(connection: Connection, paths: Iterable[UnitPath]) -> dict[str, int]:
    """The store's id of every unit on the paths (and above them), made where missing,
    a level at a time so a parent is always there before its children."""
    wanted: dict[str, tuple[UnitPath, int]] = {}
    for path in paths:
        for depth in range(1, len(path) + 1):
            wanted[unit_key(path[:depth])] = (path[:depth], depth)
    ids: dict[str, int] = {}
    for depth in sorted({d for _p, d in wanted.values()}):
        level = sorted(key for key, (_p, d) in wanted.items() if d == depth)
        rows = []
        for key in level:
            path, _depth = wanted[key]
            parent = ids.get(unit_key(path[:-1])) if depth > 1 else None
            rows.append(
                {
                    "path": key,
                    "name": path[-1][1],
                    "level": path[-1][0],
                    "parent_id": parent,
                    "position": 0,
                }
            )
        connection.execute(
            insert(StoreUnit).on_conflict_do_nothing(index_elements=[StoreUnit.path]), rows
        )
        ids.update(
            connection.execute(
                select(StoreUnit.path, StoreUnit.id).where(StoreUnit.path.in_(level))
            ).all()
        )
    return ids


def _claim(
    connection: Connection,
    outbox: Outbox,
    places: Sequence[tuple[int, int]],
    units: dict[str, int],
    cycles: dict[str, int],
    now: datetime,
) -> None:
    """Own every unit and cycle published, or be refused naming the plan that owns one."""
    if not places:
        return
    connection.execute(
        insert(UnitCycleOwner).on_conflict_do_nothing(),
        [
            {"unit_id": u, "cycle_id": c, "plan_uuid": outbox.plan_uuid, "since": now}
            for u, c in places
        ],
    )
    owners = connection.execute(
        select(
            UnitCycleOwner.unit_id,
            UnitCycleOwner.cycle_id,
            UnitCycleOwner.since,
            StorePlan.uuid,
            StorePlan.label,
            StorePlan.organisation,
        )
        .join(StorePlan, StorePlan.uuid == UnitCycleOwner.plan_uuid)
        .where(tuple_(UnitCycleOwner.unit_id, UnitCycleOwner.cycle_id).in_(places))
        .order_by(UnitCycleOwner.unit_id, UnitCycleOwner.cycle_id)
        .with_for_update(of=UnitCycleOwner)
    ).all()
    unit_names = {v: k for k, v in units.items()}
    cycle_names = {v: k for k, v in cycles.items()}
    for unit_id, cycle_id, since, plan_uuid, label, organisation in owners:
        if plan_uuid != outbox.plan_uuid:
            raise OwnedElsewhereError(
                "store.owned_elsewhere",
                unit=shown_unit(unit_names[unit_id]),
                cycle=cycle_names[cycle_id],
                owner=label,
                organisation=organisation,
                since=since.date().isoformat(),
            )


# The objectives and key results a publish no longer holds, and its workshops' alignments
# and sign-offs: one round trip instead of four (each part sees the statement's start).
_REMOVED = text(
    """
    WITH gone_objectives AS (
        DELETE FROM objectives
        WHERE workshop_uuid = ANY(CAST(:workshops AS uuid[]))
            AND NOT uuid = ANY(CAST(:objectives AS uuid[]))
    ), gone_key_results AS (
        DELETE FROM key_results
        WHERE objective_uuid = ANY(CAST(:objectives AS uuid[]))
            AND NOT uuid = ANY(CAST(:key_results AS uuid[]))
    ), gone_alignments AS (
        DELETE FROM alignments WHERE objective_uuid = ANY(CAST(:objectives AS uuid[]))
    )
    DELETE FROM sign_offs WHERE workshop_uuid = ANY(CAST(:workshops AS uuid[]))
    """
)


def _contents(connection: Connection, workshops: Sequence[OutWorkshop]) -> None:
    """Make the workshops' OKRs, alignment, sign-offs, check-ins and scores the plan's:
    objectives and key results by UUID (so check-ins entered elsewhere stay), those the
    plan removed removed; sign-offs replaced; check-ins and scores added if new."""
    objectives = [(w, o) for w in workshops for o in w.objectives]
    key_results = [(o, kr) for _w, o in objectives for kr in o.key_results]
    # What the plan no longer says goes first, in one statement: objectives and key
    # results the room removed, the alignments and the sign-offs (both sent again whole).
    connection.execute(
        _REMOVED,
        {
            "workshops": [w.uuid for w in workshops],
            "objectives": [o.uuid for _w, o in objectives],
            "key_results": [kr.uuid for _o, kr in key_results],
        },
    )
    if objectives:
        rows = [
            {
                "uuid": o.uuid,
                "workshop_uuid": w.uuid,
                "title": o.title,
                "position": o.position,
                "selected": o.selected,
            }
            for w, o in objectives
        ]
        _upsert(connection, StoreObjective, rows)
    if key_results:
        rows = [
            {
                "uuid": kr.uuid,
                "objective_uuid": o.uuid,
                "title": kr.title,
                "kind": kr.kind,
                "start_value": kr.start,
                "target_value": kr.target,
                "unit": kr.unit,
                "deadline": kr.deadline,
                "owner": kr.owner,
                "commitment": kr.commitment,
                "position": kr.position,
            }
            for o, kr in key_results
        ]
        _upsert(connection, StoreKeyResult, rows)
    aligned = [
        {
            "objective_uuid": o.uuid,
            "parent_objective_uuid": o.parent_objective,
            "parent_key_result_uuid": o.parent_key_result,
        }
        for _w, o in objectives
        if o.parent_objective or o.parent_key_result
    ]
    if aligned:
        _insert_many(connection, StoreAlignment, aligned)
    signed = [
        {
            "workshop_uuid": w.uuid,
            "round": s.round,
            "decision": s.decision,
            "signer": s.signer,
            "comment": s.comment,
            "decided_at": s.decided_at,
            "signature": s.signature,
        }
        for w in workshops
        for s in w.sign_offs
    ]
    if signed:
        _insert_many(connection, StoreSignOff, signed)
    checked = [
        {
            "key_result_uuid": kr.uuid,
            "recorded_at": c.recorded_at,
            "recorded_by": c.recorded_by,
            "value": c.value,
            "done": c.done,
            "percent": c.percent,
            "confidence": c.confidence,
            "comment": c.comment,
        }
        for _o, kr in key_results
        for c in kr.check_ins
    ]
    if checked:
        _insert_many(connection, StoreCheckIn, checked, "ON CONFLICT DO NOTHING")
    scored = [
        {
            "key_result_uuid": kr.uuid,
            "score": s.score,
            "computed": s.computed,
            "reason": s.reason,
            "decided_by": s.decided_by,
            "decided_at": s.decided_at,
        }
        for _o, kr in key_results
        for s in kr.scores
    ]
    if scored:
        _insert_many(connection, StoreScore, scored, "ON CONFLICT DO NOTHING")


def _upsert(connection: Connection, entity: type[Any], rows: list[dict[str, Any]]) -> None:
    """Insert the rows, or update those whose UUID is there (one statement, many rows)."""
    names = tuple(rows[0])
    updated = ", ".join(f"{_quoted(n)} = excluded.{_quoted(n)}" for n in names if n != "uuid")
    _insert_many(connection, entity, rows, f"ON CONFLICT (uuid) DO UPDATE SET {updated}")


def _insert_many(
    connection: Connection, entity: type[Any], rows: list[dict[str, Any]], then: str = ""
) -> None:
    """The rows inserted by one statement, each column's values sent as one array and
    unnested by PostgreSQL. The statement's text is the same whatever the number of rows:
    short, made once, and prepared by the driver after a few uses (a statement of many
    VALUES differed with the number of rows and, over 4 kB, was parsed again by the driver
    at every publish)."""
    statement, arrays = _unnested(entity, tuple(rows[0]), then)
    connection.execute(
        statement,
        {
            name: [row[name] for row in rows]
            if convert is None
            else [None if row[name] is None else convert(row[name]) for row in rows]
            for name, convert in arrays
        },
    )


def _quoted(name: str) -> str:
    return str(_PG.identifier_preparer.quote(name))


_PG = postgresql.dialect()  # type: ignore[no-untyped-call]  # the dialect class is unannotated
_Unnested = tuple[TextClause, tuple[tuple[str, Callable[[Any], Any] | None], ...]]
_UNNESTED: dict[tuple[str, tuple[str, ...], str], _Unnested] = {}


def _unnested(entity: type[Any], names: tuple[str, ...], then: str) -> _Unnested:
    """``INSERT INTO table (names) SELECT * FROM unnest(:name::type[], ...) then``, and how
    each column's values are sent (an enum by its value); made once."""
    table = entity.__table__
    key = (table.name, names, then)
    if key in _UNNESTED:
        return _UNNESTED[key]
    casts = ", ".join(
        f"CAST(:{name} AS {table.c[name].type.compile(dialect=_PG)}[])" for name in names
    )
    columns = ", ".join(_quoted(name) for name in names)
    statement = text(f"INSERT INTO {table.name} ({columns}) SELECT * FROM unnest({casts}) {then}")
    arrays = tuple(
        (name, _enum_value if isinstance(table.c[name].type, Enum) else None) for name in names
    )
    _UNNESTED[key] = statement, arrays
    return _UNNESTED[key]


def _enum_value(member: Any) -> Any:
    return member.value


def hand_over(
    engine: Engine,
    address: StoreAddress,
    unit_path: Sequence[str],
    cycle: str,
    to_plan: str,
    handed_by: str,
    reason: str | None,
    now: datetime,
    to_label: str | None = None,
) -> None:
    """Give a unit's workshops in a cycle to another plan; the hand-over is recorded.
    ``to_label``: how the store names the new owner until it publishes (its file's name)."""
    key = PATH_SEPARATOR.join(unit_path)

    def work(connection: Connection) -> None:
        unit_id = connection.scalar(select(StoreUnit.id).where(StoreUnit.path == key))
        if unit_id is None:
            raise StoreError("store.no_unit", unit=shown_unit(key))
        cycle_id = connection.scalar(select(StoreCycle.id).where(StoreCycle.name == cycle))
        if cycle_id is None:
            raise StoreError("store.no_cycle", cycle=cycle)
        owner = connection.scalar(
            select(UnitCycleOwner.plan_uuid)
            .where(and_(UnitCycleOwner.unit_id == unit_id, UnitCycleOwner.cycle_id == cycle_id))
            .with_for_update()
        )
        if owner is None:
            raise StoreError("store.no_owner", unit=shown_unit(key), cycle=cycle)
        # The plan that takes over may not have published yet: it is known from now on.
        connection.execute(
            insert(StorePlan)
            .values(
                uuid=to_plan,
                organisation="",
                label=to_label or to_plan,
                first_published_at=now,
                last_published_at=now,
            )
            .on_conflict_do_nothing()
        )
        connection.execute(
            update(UnitCycleOwner)
            .where(UnitCycleOwner.unit_id == unit_id, UnitCycleOwner.cycle_id == cycle_id)
            .values(plan_uuid=to_plan, since=now)
        )
        connection.execute(
            insert(HandOver).values(
                unit_id=unit_id,
                cycle_id=cycle_id,
                from_plan=owner,
                to_plan=to_plan,
                handed_by=handed_by,
                reason=reason,
                at=now,
            )
        )

    in_transaction(engine, address, work)
    log.info("handed %s in %s over to plan %s", shown_unit(key), cycle, to_plan)
