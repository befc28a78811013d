"""The wall every phone shows is built once per change and answers as the engine's view does."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from okrdesk.engine import ops
from okrdesk.engine.phones import phone_state, token_hash
from okrdesk.errors import StorageError
from okrdesk.room import shared_wall
from okrdesk.room.server import ROOM_KEY
from tests.room_server_helpers import Room, brainstorming, copy_plan, open_room, seconds

pytestmark = pytest.mark.asyncio


@dataclass
class Plan:
    path: Path
    workshop: int
    people: dict[str, int]


@pytest.fixture(scope="module")
def built_plan(tmp_path_factory: pytest.TempPathFactory, empty_plan_bytes: bytes) -> Plan:
    path = tmp_path_factory.mktemp("wall") / "plan.okrdesk"
    with brainstorming(path, empty_plan_bytes) as built:
        built.do(ops.AddIdea(built.workshop, "<b>Ana's</b> idea 更多", built.people["Ana"]))
        built.do(ops.AddIdea(built.workshop, "Nobody's idea"))
    return Plan(path, built.workshop, built.people)


@pytest_asyncio.fixture
async def room(
    aiohttp_client: Callable[..., Any], built_plan: Plan, tmp_path: Path
) -> AsyncIterator[Room]:
    async for opened in open_room(aiohttp_client, copy_plan(built_plan, tmp_path), seconds(), Room):
        yield opened


async def _state(room: Room, token: str) -> dict[str, Any]:
    status, answer = await room.call("GET", "api/state", token)
    assert status == 200, answer
    return answer


async def _engine_state(room: Room, token: str) -> dict[str, Any]:
    view = await room.writer.view(
        phone_state, room.plan.workshop, token_hash(token), room.writer.now()
    )
    return json.loads(json.dumps(asdict(view), ensure_ascii=False))


async def test_each_phone_gets_the_engines_state_its_own_cards_marked(room: Room) -> None:
    ana, bo = await room.token("Ana"), await room.token("Bo")
    second_ana = await room.join("Ana")  # waits for approval: no wall
    for token in (ana, bo, str(second_ana["token"])):
        assert await _state(room, token) == await _engine_state(room, token)
    own = {card["text"]: card["own"] for card in (await _state(room, ana))["cards"]}
    assert own == {"<b>Ana's</b> idea 更多": True, "Nobody's idea": False}
    assert (await _state(room, str(second_ana["token"])))["cards"] == []
    # A new card is on every phone's wall at once (the kept wall is built anew).
    status, _ = await room.add(bo, "Bo's idea", "k1")
    assert status == 200
    texts = [card["text"] for card in (await _state(room, ana))["cards"]]
    assert "Bo's idea" in texts
    assert await _state(room, bo) == await _engine_state(room, bo)


async def test_twenty_phones_asking_at_once_build_the_wall_once(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = [await room.token(name) for name in ("Ana", "Bo", "陈")]
    built = []
    engine_wall = shared_wall.phone_wall

    def counted(*args: Any) -> Any:
        built.append(args)
        return engine_wall(*args)

    monkeypatch.setattr(shared_wall, "phone_wall", counted)
    room.client.app[ROOM_KEY].shared_wall.changed()  # as after a change
    answers = await asyncio.gather(*(_state(room, tokens[n % 3]) for n in range(20)))
    assert len(built) == 1
    assert {len(answer["cards"]) for answer in answers} == {2}


async def test_a_wall_that_failed_to_build_is_built_again_on_the_next_read(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = await room.token("Ana")
    engine_wall = shared_wall.phone_wall
    failures = [StorageError("file.disk_full", path="plan.okrdesk")]

    def failing_once(*args: Any) -> Any:
        if failures:
            raise failures.pop()
        return engine_wall(*args)

    monkeypatch.setattr(shared_wall, "phone_wall", failing_once)
    room.client.app[ROOM_KEY].shared_wall.changed()
    status, _answer = await room.call("GET", "api/state", ana)
    assert status == 503  # the disk's refusal, said to the phone
    assert len((await _state(room, ana))["cards"]) == 2  # and not kept: the next read works


async def test_a_new_card_encodes_only_itself_and_an_edit_is_encoded_anew(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = await room.token("Ana")
    await _state(room, ana)
    encoded = []
    encode = shared_wall._card

    def counted(card_id: int, text: str, author: str | None, own: bool) -> str:
        encoded.append(text)
        return encode(card_id, text, author, own)

    monkeypatch.setattr(shared_wall, "_card", counted)
    _status, added = await room.add(ana, "A third idea", "k1")
    assert "A third idea" in [card["text"] for card in (await _state(room, ana))["cards"]]
    assert encoded == ["A third idea", "A third idea"]  # as others see it, and as its own
    encoded.clear()
    await room.call("PATCH", f"api/ideas/{added['id']}", ana, key="k2", text="Edited")
    assert "Edited" in [card["text"] for card in (await _state(room, ana))["cards"]]
    assert encoded == ["Edited", "Edited"]
    assert await _state(room, ana) == await _engine_state(room, ana)
