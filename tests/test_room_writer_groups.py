"""Group commit: the phones' writes waiting for the room's writer are applied together, each as
if alone (its own change, a refusal rolled back alone), in one transaction and one commit."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from okrdesk.engine.aspects import Actor, Aspect
from okrdesk.engine.changes import Change
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.phones import token_hash
from okrdesk.engine.room_ops import JoinRoom, OpenRoom, PhoneAddIdea, PhoneCastDot
from okrdesk.errors import RuleError
from okrdesk.models.planfile import PlanFile
from okrdesk.room.writer import HeadlessWriter

TOKENS = ("ana", "bo", "chen")


def voting_room(room: Any) -> list[int]:
    """Three phones joined (Ana, Bo, 陈), the vote open on A and B; budget 5, cap 3."""
    code = room.do(OpenRoom(room.workshop))
    for person, token in enumerate(TOKENS):
        room.editor.apply(
            JoinRoom(room.workshop, code, room.people[person], token_hash(token)), Actor.PHONE
        )
    return room.to_voting(["A", "B"], krs=1)


def dots_in_file(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT coalesce(sum(count), 0) FROM dot").fetchone()[0])


@pytest.mark.unit
def test_operations_applied_together_are_each_as_if_alone(room: Any) -> None:
    a, b = voting_room(room)
    ana, bo = token_hash("ana"), token_hash("bo")
    dots = [PhoneCastDot(room.workshop, ana, f"a{n}", a) for n in range(4)]  # the 4th: cap 3
    answers = room.editor.apply_together(
        [
            *((dot, Actor.PHONE) for dot in dots),
            (PhoneCastDot(room.workshop, bo, "b", b), Actor.PHONE),
        ]
    )
    assert [type(x) for x in answers] == [Change, Change, Change, RuleError, Change]
    refusal = answers[3]
    assert isinstance(refusal, RuleError) and refusal.message_id == "voting.item_cap"
    changes = [x for x in answers if isinstance(x, Change)]
    assert all(change.touches(Aspect.DOTS) and change.actor == Actor.PHONE for change in changes)
    # Each change holds its own rows only (a notice of a dot names that dot).
    assert all(len(change.rows) >= 1 for change in changes)
    assert len({id(row) for change in changes for row in change.rows}) == sum(
        len(change.rows) for change in changes
    )
    assert dots_in_file(room.path) == 4  # committed: three of Ana's, one of Bo's


@pytest.mark.unit
def test_the_writer_answers_every_write_waiting_after_one_commit(room: Any) -> None:
    a, b = voting_room(room)
    room.editor.plan.close()

    async def crowd() -> tuple[list[Any], int]:
        writer = HeadlessWriter(room.path)
        await writer.start()
        try:
            writes = [
                PhoneCastDot(room.workshop, token_hash(token), f"{token}{n}", (a, b)[n % 2])
                for token in TOKENS
                for n in range(3)
            ]
            writes.append(PhoneAddIdea(room.workshop, token_hash("ana"), "late", ""))
            answers = await asyncio.gather(
                *(writer.submit(write) for write in writes), return_exceptions=True
            )
            return answers, writer.groups
        finally:
            await writer.close()

    answers, groups = asyncio.run(crowd())
    assert groups == 1  # ten writes waiting together: one transaction
    assert all(isinstance(x, Change) for x in answers[:-1])
    assert isinstance(answers[-1], RuleError)  # an empty idea, and the vote is on: refused alone
    assert dots_in_file(room.path) == 9


@pytest.mark.unit
def test_operations_all_refused_together_leave_the_file_as_it_was(room: Any) -> None:
    a, _b = voting_room(room)
    room.editor.plan.close()
    before = room.path.read_bytes()
    with PlanFile.open(room.path) as plan:
        answers = PlanEditor(plan).apply_together(
            [(PhoneCastDot(room.workshop, token_hash("nobody"), "k", a), Actor.PHONE)] * 2
        )
    assert all(isinstance(answer, RuleError) for answer in answers)
    assert room.path.read_bytes() == before  # no empty commit: not even the stamp moves


@pytest.mark.unit
def test_changes_applied_together_are_announced_as_one_per_actor(room: Any) -> None:
    """A group of phones' writes is announced once (the window re-reads once for the group),
    with every change's rows in order; the facilitator's change stays a step of its own."""
    from okrdesk.engine.changes import announced_together
    from okrdesk.engine.ops import AddIdea

    a, b = voting_room(room)
    ana, bo = token_hash("ana"), token_hash("bo")
    answers = room.editor.apply_together(
        [
            (PhoneCastDot(room.workshop, ana, "a1", a), Actor.PHONE),
            (PhoneCastDot(room.workshop, bo, "b1", b), Actor.PHONE),
            (PhoneCastDot(room.workshop, bo, "b2", b), Actor.PHONE),
        ]
    )
    changes = [x for x in answers if isinstance(x, Change)]
    (one,) = announced_together(changes)
    assert one.rows == tuple(row for change in changes for row in change.rows)
    assert one.actor == Actor.PHONE and one.workshops == frozenset({room.workshop})
    assert one.touches(Aspect.DOTS) and one.result is None
    own = room.editor.apply(AddIdea(room.workshop, "the facilitator's card", None))
    later = room.editor.apply_together([(PhoneCastDot(room.workshop, ana, "a2", b), Actor.PHONE)])
    announced = announced_together([changes[0], own, changes[1], *later])
    assert [c.actor for c in announced] == [Actor.PHONE, Actor.FACILITATOR, Actor.PHONE]
    assert announced[1] is own and announced[0] is changes[0]
    assert announced[2].rows == changes[1].rows + later[0].rows
