"""Phones in the retrospective, through the room server: an aiohttp test client against
make_app on a copy of a plan whose OKRs are signed off, read back from the plan file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.phone_retro import PhoneAddRetroAnswer
from okrdesk.engine.phones import token_hash
from okrdesk.engine.retro_ops import (
    AddRetroGroup,
    MoveRetroAnswer,
    ShowRetroQuestion,
    StartRetrospective,
)
from okrdesk.messages import translate
from okrdesk.models import Decision, Phase, RetroQuestion
from okrdesk.room.server import phones_hear_of
from tests.room_server_helpers import Room, brainstorming, copy_plan, open_room, seconds

pytestmark = pytest.mark.asyncio


@dataclass
class Plan:
    path: Path
    workshop: int
    people: dict[str, int]


@pytest.fixture(scope="module")
def built_plan(tmp_path_factory: pytest.TempPathFactory, empty_plan_bytes: bytes) -> Plan:
    """Northstar's meeting signed off: Grow chosen over Keep, each with a key result."""
    plan_path = tmp_path_factory.mktemp("room-retro") / "plan.okrdesk"
    with brainstorming(plan_path, empty_plan_bytes) as built:
        do, workshop, people = built.do, built.workshop, built.people
        do(ops.AddIdea(workshop, "a card", people["Ana"]))
        do(ops.ChangePhase(workshop, Phase.GROUP))
        objective = do(ops.CreateObjective(workshop, "Grow"))
        do(ops.AddKeyResult(objective, ops.KeyResultFields("Grow KR", target=10)))
        other = do(ops.CreateObjective(workshop, "Keep"))
        do(ops.AddKeyResult(other, ops.KeyResultFields("Keep KR", target=10)))
        do(ops.UpdateWorkshopSettings(workshop, selection_size=1))
        do(ops.ChangePhase(workshop, Phase.VOTE))
        do(ops.OpenVoting(workshop))
        do(ops.CastDot(workshop, people["Ana"], objective))
        do(ops.CloseVoting(workshop))
        do(ops.RevealTally(workshop))
        do(ops.ChangePhase(workshop, Phase.SELECT))
        do(ops.ApplySelection(workshop))
        do(ops.ChangePhase(workshop, Phase.SIGNOFF))
        do(ops.SignOffWorkshop(workshop, Decision.APPROVE, "Mia"))
    return Plan(plan_path, workshop, people)


@pytest.fixture
def plan_file(built_plan: Plan, tmp_path: Path) -> Plan:
    return copy_plan(built_plan, tmp_path)


class RetroRoom(Room):
    async def retro(self, token: str, lang: str = "en") -> Any:
        status, seen = await self.call("GET", "api/retro", token, lang=lang)
        assert status == 200, seen
        return seen["retro"]

    async def answer(self, token: str, text: Any, key: str) -> tuple[int, Any]:
        return await self.call("POST", "api/retro/answers", token, key=key, text=text)

    async def facilitator(self, operation: Any) -> Any:
        return (await self.writer.submit(operation, Actor.FACILITATOR)).result


@pytest_asyncio.fixture
async def room(aiohttp_client: Callable[..., Any], plan_file: Plan) -> AsyncIterator[RetroRoom]:
    async for opened in open_room(aiohttp_client, plan_file, seconds(), RetroRoom):
        yield opened


async def test_before_the_start_a_phone_has_no_question_and_its_answer_is_refused(
    room: RetroRoom,
) -> None:
    ana = await room.token("Ana")
    assert await room.retro(ana) is None
    status, refused = await room.answer(ana, "Too many projects", "k1")
    assert status == 409, refused
    assert refused["error"]["id"] == "rule.room_retro_not_started"
    assert "has not started" in refused["error"]["message"]
    assert room.rows("SELECT count(*) FROM retro_answer") == [(0,)]


async def test_a_phone_answers_the_question_on_the_projector_and_sees_its_own_only(
    room: RetroRoom,
) -> None:
    workshop = room.plan.workshop
    ana, bo = await room.token("Ana"), await room.token("Bo")
    await room.facilitator(StartRetrospective(workshop))
    seen = await room.retro(ana, lang="zh_CN")
    assert (seen["question"], seen["number"], seen["answers"]) == ("why_missed", 1, [])
    assert seen["text"] == translate(RetroQuestion.WHY_MISSED.message_id, "zh_CN")
    status, added = await room.answer(ana, "项目太多，资源分散", "k1")
    assert status == 200
    assert await room.answer(ana, "项目太多，资源分散", "k1") == (200, added)  # a retry: once
    await room.answer(bo, "No owner for the launch", "k2")
    assert room.rows("SELECT question, text, author_id FROM retro_answer ORDER BY id") == [
        ("why_missed", "项目太多，资源分散", room.plan.people["Ana"]),
        ("why_missed", "No owner for the launch", room.plan.people["Bo"]),
    ]
    mine = await room.retro(ana)
    assert [(a["id"], a["text"]) for a in mine["answers"]] == [(added["id"], "项目太多，资源分散")]
    # The room moves on: the next question, and no answers of Ana's to it yet.
    await room.facilitator(ShowRetroQuestion(workshop, RetroQuestion.IMPROVE))
    moved = await room.retro(ana)
    assert (moved["question"], moved["number"], moved["answers"]) == ("improve", 2, [])
    assert moved["text"] == "How do we improve on this in the next cycle?"


async def test_a_phone_takes_back_its_own_answer_until_it_is_grouped(room: RetroRoom) -> None:
    workshop = room.plan.workshop
    ana, bo = await room.token("Ana"), await room.token("Bo")
    await room.facilitator(StartRetrospective(workshop))
    _status, first = await room.answer(ana, "One", "k1")
    _status, second = await room.answer(ana, "Two", "k2")
    status, refused = await room.call("DELETE", f"api/retro/answers/{first['id']}", bo, key="k3")
    assert status == 409 and "only your own" in refused["error"]["message"]
    deleted = await room.call("DELETE", f"api/retro/answers/{first['id']}", ana, key="k4")
    assert deleted == (200, {"id": first["id"]})
    group = await room.facilitator(AddRetroGroup(workshop, RetroQuestion.WHY_MISSED, "Focus"))
    await room.facilitator(MoveRetroAnswer(second["id"], group))
    status, refused = await room.call("DELETE", f"api/retro/answers/{second['id']}", ana, key="k5")
    assert status == 409 and "grouped" in refused["error"]["message"]
    seen = await room.retro(ana)
    assert [(a["text"], a["grouped"]) for a in seen["answers"]] == [("Two", True)]
    assert room.rows("SELECT text FROM retro_answer") == [("Two",)]


async def test_a_phones_own_answer_is_not_told_to_the_other_phones(room: RetroRoom) -> None:
    workshop = room.plan.workshop
    ana = await room.token("Ana")
    started = await room.writer.submit(StartRetrospective(workshop), Actor.FACILITATOR)
    answered = await room.writer.submit(
        PhoneAddRetroAnswer(workshop, token_hash(ana), "k1", text="An answer")
    )
    moved = await room.writer.submit(
        ShowRetroQuestion(workshop, RetroQuestion.STOP), Actor.FACILITATOR
    )
    assert phones_hear_of(started) and phones_hear_of(moved)  # every phone's question
    assert not phones_hear_of(answered)
