"""Key results: every field stored exactly, moved between objectives, validated."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.errors import RuleError, ValidationError
from okrdesk.models import Commitment, KeyResult, KeyResultKind


def key_results(room, objective):
    with room.editor.plan.reader() as session:
        return session.scalars(
            select(KeyResult)
            .where(KeyResult.objective_id == objective)
            .order_by(KeyResult.position)
        ).all()


def test_every_field_round_trips_exactly(room):
    objective = room.objective("让官网成为最好的销售")
    fields = ops.KeyResultFields(
        title="试用注册转化率从 2.1% 提升到 3.0%",
        kind=KeyResultKind.METRIC,
        start="2.1",
        target="3.0",
        unit="%",
        deadline=date(2027, 3, 31),
        owner="林娜",
        commitment=Commitment.ASPIRATIONAL,
    )
    room.do(ops.AddKeyResult(objective, fields))
    (kr,) = key_results(room, objective)
    assert (kr.title, kr.kind, kr.start_value, kr.target_value, kr.unit) == (
        "试用注册转化率从 2.1% 提升到 3.0%",
        KeyResultKind.METRIC,
        Decimal("2.1"),
        Decimal("3.0"),
        "%",
    )
    assert (kr.deadline, kr.owner, kr.commitment) == (
        date(2027, 3, 31),
        "林娜",
        Commitment.ASPIRATIONAL,
    )


def test_a_milestone_needs_no_numbers(room):
    objective = room.objective("Launch")
    room.do(
        ops.AddKeyResult(
            objective,
            ops.KeyResultFields(
                "Setup wizard live", kind=KeyResultKind.MILESTONE, deadline=date(2027, 2, 28)
            ),
        )
    )
    (kr,) = key_results(room, objective)
    assert kr.start_value is None and kr.target_value is None


def test_edit_replaces_the_fields(room):
    objective = room.objective("O")
    kr = room.do(ops.AddKeyResult(objective, ops.KeyResultFields("old", target=1)))
    room.do(ops.EditKeyResult(kr, ops.KeyResultFields("new", start=5, target="1,200", owner="Bo")))
    (row,) = key_results(room, objective)
    assert (row.title, row.start_value, row.target_value, row.owner) == ("new", 5, 1200, "Bo")


@pytest.mark.parametrize(
    "fields",
    [
        ops.KeyResultFields(" "),
        ops.KeyResultFields("ok", target="lots"),
        ops.KeyResultFields("ok", deadline="2027-03-31"),
        ops.KeyResultFields("k" * 301),
    ],
)
def test_invalid_fields_are_refused_and_nothing_is_written(room, fields):
    objective = room.objective("O")
    before = room.state()
    with pytest.raises(ValidationError):
        room.do(ops.AddKeyResult(objective, fields))
    assert room.state() == before


def test_move_between_objectives_at_a_position(room):
    a, b = room.objective("A", krs=1), room.objective("B", krs=2)
    moving = key_results(room, a)[0].id
    room.do(ops.MoveKeyResult(moving, b, index=1))
    assert [kr.id for kr in key_results(room, b)][1] == moving
    assert key_results(room, a) == []


def test_move_to_another_workshop_is_refused(room):
    a = room.objective("A", krs=1)
    other = room.do(ops.CreateWorkshop(room.company, room.cycle, "Other"))
    foreign = room.do(ops.CreateObjective(other, "Foreign"))
    with pytest.raises(RuleError):
        room.do(ops.MoveKeyResult(key_results(room, a)[0].id, foreign))


def test_delete(room):
    a = room.objective("A", krs=2)
    room.do(ops.DeleteKeyResult(key_results(room, a)[0].id))
    assert len(key_results(room, a)) == 1
