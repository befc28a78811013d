"""Voting from phones through the room server: an aiohttp test client against make_app on a
temporary plan whose vote is open, read back from the plan file with sqlite3."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.operation import Operation
from okrdesk.engine.phones import token_hash
from okrdesk.engine.room_ops import PhoneCastDot, PhoneHandIn
from okrdesk.models import Phase
from okrdesk.room.server import ROOM_KEY, phones_hear_of
from tests.room_server_helpers import Room, brainstorming, copy_plan, open_room, seconds

pytestmark = pytest.mark.asyncio


@dataclass
class Plan:
    path: Path
    workshop: int
    people: dict[str, int]
    candidates: list[int]  # A, B, C in the ballot's order


@pytest.fixture(scope="module")
def built_plan(tmp_path_factory: pytest.TempPathFactory, empty_plan_bytes: bytes) -> Plan:
    """A workshop voting (budget 5, cap 3) on A, B, C, with Ana, Bo and 陈."""
    plan_path = tmp_path_factory.mktemp("room-vote") / "plan.okrdesk"
    with brainstorming(plan_path, empty_plan_bytes) as built:
        do, workshop, people = built.do, built.workshop, built.people
        do(ops.AddIdea(workshop, "a card", people["Ana"]))
        do(ops.ChangePhase(workshop, Phase.GROUP))
        candidates = []
        for title in ("A", "B", "C"):
            objective = do(ops.CreateObjective(workshop, title))
            do(ops.AddKeyResult(objective, ops.KeyResultFields(f"{title} KR", target=10)))
            candidates.append(objective)
        do(ops.ChangePhase(workshop, Phase.VOTE))
        do(ops.OpenVoting(workshop))
    return Plan(plan_path, workshop, people, candidates)


@pytest.fixture
def plan_file(built_plan: Plan, tmp_path: Path) -> Plan:
    return copy_plan(built_plan, tmp_path)


class VoteRoom(Room):
    """The room with a phone's votes: dots, its ballot, the booth beside it."""

    async def dot(self, token: str, objective: int, key: str, lang: str = "en") -> Any:
        return await self.call(
            "POST", "api/dots", token, key=key, lang=lang, objective_id=objective
        )

    async def ballot(self, token: str) -> dict[str, Any]:
        status, ballot = await self.call("GET", "api/ballot", token)
        assert status == 200, ballot
        return ballot

    async def booth(self, operation: Operation) -> None:
        await self.writer.submit(operation, Actor.FACILITATOR)

    def dots(self, name: str) -> dict[int, int]:
        person = self.plan.people[name]
        rows = self.rows(f"SELECT objective_id, count FROM dot WHERE participant_id = {person}")
        return dict(rows)


@pytest_asyncio.fixture
async def room(aiohttp_client: Callable[..., Any], plan_file: Plan) -> AsyncIterator[VoteRoom]:
    async for opened in open_room(aiohttp_client, plan_file, seconds(), VoteRoom):
        yield opened


async def test_a_phone_casts_withdraws_hands_in_and_takes_back(room: VoteRoom) -> None:
    a, _b, c = room.plan.candidates
    ana = await room.token("Ana")
    assert await room.dot(ana, a, "k1") == (200, {"id": a})
    await room.dot(ana, a, "k2")
    await room.dot(ana, c, "k3")
    assert await room.call("DELETE", f"api/dots/{a}", ana, key="k4") == (200, {"id": a})
    assert room.dots("Ana") == {a: 1, c: 1}
    ballot = await room.ballot(ana)
    assert (ballot["budget"], ballot["cap"], ballot["placed"], ballot["dots_left"]) == (5, 3, 2, 3)
    assert ballot["voting"] and ballot["accepting"] and not ballot["handed_in"]
    assert [
        (x["number"], x["title"], x["key_results"], x["dots"]) for x in ballot["candidates"]
    ] == [
        (1, "A", ["A KR"], 1),
        (2, "B", ["B KR"], 0),
        (3, "C", ["C KR"], 1),
    ]
    status, handed = await room.call("POST", "api/handin", ana, key="k5")
    assert status == 200 and room.rows("SELECT id FROM ballot") == [(handed["id"],)]
    ballot = await room.ballot(ana)
    assert ballot["handed_in"] and not ballot["accepting"]
    assert await room.call("POST", "api/takeback", ana, key="k6") == (200, {"id": 0})
    assert room.rows("SELECT id FROM ballot") == [] and room.dots("Ana") == {}


@pytest.mark.parametrize(
    ("lang", "cap", "budget"),
    [
        ("en", "At most 3 dots per item.", "All 5 dots are placed"),
        ("zh_CN", "每项最多 3 票。", "5 票已全部投出"),
    ],
)
async def test_budget_and_cap_are_refused_with_the_engines_messages(
    room: Room, lang: str, cap: str, budget: str
) -> None:
    a, b, c = room.plan.candidates
    ana = await room.token("Ana")
    for n in range(3):
        await room.dot(ana, a, f"a{n}")
    status, refused = await room.dot(ana, a, "a3", lang)
    assert status == 409 and refused["error"]["id"] == "voting.item_cap"
    assert refused["error"]["message"] == cap
    await room.dot(ana, b, "b0")
    await room.dot(ana, b, "b1")
    status, refused = await room.dot(ana, c, "c0", lang)
    assert status == 409 and refused["error"]["id"] == "voting.budget_spent"
    assert refused["error"]["message"].startswith(budget)
    assert room.dots("Ana") == {a: 3, b: 2}


async def test_a_handed_in_ballot_is_frozen_and_a_retry_does_not_double_a_dot(
    room: VoteRoom,
) -> None:
    a, b, _c = room.plan.candidates
    ana = await room.token("Ana")
    for _ in range(3):
        assert await room.dot(ana, a, "same") == (200, {"id": a})
    assert room.dots("Ana") == {a: 1}
    first = await room.call("POST", "api/handin", ana, key="in")
    assert await room.call("POST", "api/handin", ana, key="in") == first  # the reply was lost
    status, refused = await room.dot(ana, b, "after")
    assert status == 409 and refused["error"]["id"] == "voting.ballot_confirmed"
    # In the phone's words: its button is "Take back", not the booth's "Redo my ballot".
    assert (
        refused["error"]["message"] == "Ana's ballot is already in; tap “Take back” to change it."
    )
    status, refused = await room.call("DELETE", f"api/dots/{a}", ana, key="after2")
    assert status == 409 and refused["error"]["id"] == "voting.ballot_confirmed"
    assert room.dots("Ana") == {a: 1} and len(room.rows("SELECT id FROM ballot")) == 1


async def test_a_name_in_a_refusal_turns_only_itself_around(room: VoteRoom) -> None:
    """A name typed in the window (or read from a spreadsheet) with a right-to-left override,
    and an isolate's end before it that would close ours early: the phone's message showed
    "...ti egnahc ot "kcab ekaT" pat ;ni ydaerla si tollab s'Ana" after it."""
    a, b, _c = room.plan.candidates
    with sqlite3.connect(room.plan.path) as db:
        db.execute(
            "UPDATE participant SET name = ? WHERE id = ?",
            ("\u2069\u202eanA", room.plan.people["Ana"]),
        )
    ana = await room.token("Ana")
    await room.dot(ana, a, "k1")
    await room.call("POST", "api/handin", ana, key="in")
    for lang, words in (
        ("en", "'s ballot is already in; tap “Take back” to change it."),
        ("zh_CN", " 的选票已提交；如需修改，请点“取回重投”。"),
    ):
        status, refused = await room.dot(ana, b, f"after-{lang}", lang)
        assert status == 409
        assert refused["error"]["message"] == "\u2068\u202eanA\u2069" + words


async def test_every_vote_write_needs_a_key_and_a_well_formed_body(room: VoteRoom) -> None:
    ana = await room.token("Ana")
    status, refused = await room.call("POST", "api/handin", ana)
    assert status == 400 and refused["error"]["id"] == "rule.room_key_needed"
    status, refused = await room.call("POST", "api/dots", ana, key="k", objective_id="1")
    assert status == 400 and refused["error"]["id"] == "rule.room_bad_request"
    status, refused = await room.call("DELETE", "api/dots/x", ana, key="k")
    assert status == 400
    status, refused = await room.call("GET", "api/ballot", "made-up")
    assert status == 401
    assert room.dots("Ana") == {}


async def test_a_phone_never_sees_another_persons_dots_nor_a_count_before_the_reveal(
    room: Room,
) -> None:
    a, b, c = room.plan.candidates
    ana = await room.token("Ana")
    bo = await room.token("Bo")
    for n in range(3):
        await room.dot(bo, b, f"bo{n}")
    await room.call("POST", "api/handin", bo, key="bo-in")
    await room.booth(ops.CastDot(room.plan.workshop, room.plan.people["陈"], c))
    await room.dot(ana, a, "ana")
    for read in ("api/ballot", "api/state"):
        status, seen = await room.call("GET", read, ana)
        assert status == 200
        text = json.dumps(seen)
        assert "Bo" not in text and "陈" not in text  # nobody else, not even as a name
    ballot = await room.ballot(ana)
    assert [x["dots"] for x in ballot["candidates"]] == [1, 0, 0]
    assert ballot["result"] is None
    await room.booth(ops.CloseVoting(room.plan.workshop))
    closed = await room.ballot(ana)
    assert not closed["voting"] and closed["result"] is None
    assert [x["dots"] for x in closed["candidates"]] == [1, 0, 0]
    await room.booth(ops.RevealTally(room.plan.workshop))
    revealed = await room.ballot(ana)
    assert revealed["candidates"] == []
    assert [(s["title"], s["dots"]) for s in revealed["result"]["standings"]] == [
        ("B", 3),
        ("A", 1),
        ("C", 1),
    ]


async def test_the_booth_and_a_phone_cannot_both_hand_in_for_one_person(room: VoteRoom) -> None:
    a, _b, _c = room.plan.candidates
    ana = await room.token("Ana")
    await room.booth(ops.ConfirmBallot(room.plan.workshop, room.plan.people["Ana"]))
    status, refused = await room.call("POST", "api/handin", ana, key="in", lang="zh_CN")
    assert status == 409 and refused["error"]["id"] == "voting.ballot_confirmed"
    assert refused["error"]["message"] == "Ana 的选票已提交；如需修改，请点“取回重投”。"
    status, _ = await room.dot(ana, a, "dot")
    assert status == 409
    assert len(room.rows("SELECT id FROM ballot")) == 1
    assert (await room.ballot(ana))["handed_in"]


async def test_a_pending_phone_cannot_vote(room: VoteRoom) -> None:
    a, _b, _c = room.plan.candidates
    await room.token("Bo")
    second = await room.token("Bo")  # waits for the facilitator
    status, refused = await room.dot(second, a, "k")
    assert status == 403 and refused["error"]["id"] == "rule.room_phone_pending"
    assert (await room.call("POST", "api/handin", second, key="k"))[0] == 403
    assert (await room.call("GET", "api/ballot", second))[0] == 403
    assert room.dots("Bo") == {} and room.rows("SELECT id FROM ballot") == []


async def test_vote_writes_are_rate_limited_like_ideas(
    aiohttp_client: Callable[..., Any], plan_file: Plan
) -> None:
    async for room in open_room(aiohttp_client, plan_file, lambda: 0.0, VoteRoom):
        a, b, c = room.plan.candidates
        ana = await room.token("Ana")
        answers = [await room.dot(ana, (a, b, c)[n % 3], f"k{n}") for n in range(11)]
        assert [status for status, _ in answers[:5]] == [200] * 5
        assert answers[-1][0] == 429


async def test_the_phone_page_has_a_vote_screen_wired_to_the_vote_routes(room: VoteRoom) -> None:
    page = await (await room.client.get(f"/r/{room.code}/")).text()
    for element in ('id="vote"', 'id="candidates"', 'id="hand-in"', 'id="take-back"'):
        assert element in page
    script = await (await room.client.get(f"/r/{room.code}/room.js")).text()
    for route in ('"api/ballot"', '"api/dots"', '"api/dots/"', '"api/handin"', '"api/takeback"'):
        assert route in script
    assert "innerHTML" not in script


async def test_a_vote_change_tells_the_phones_to_refresh_and_nothing_more(room: VoteRoom) -> None:
    a, _b, _c = room.plan.candidates
    ana = await room.token("Ana")
    bo = await room.token("Bo")
    socket = await room.client.ws_connect(f"/r/{room.code}/ws")
    await socket.send_json({"token": ana})
    assert await socket.receive_json(timeout=5) == {"type": "changed"}
    await room.dot(bo, a, "bo")  # another phone's dot: nothing Ana's phone shows (below)
    await room.booth(ops.CloseVoting(room.plan.workshop))
    assert await socket.receive_json(timeout=5) == {"type": "changed"}
    assert not (await room.ballot(ana))["voting"]
    await socket.close()


async def test_a_persons_own_dots_and_ballot_are_not_told_to_the_other_phones(
    room: VoteRoom,
) -> None:
    """Nobody's phone shows another's dots or ballot: two hundred phones reading their state
    after every dot would only read what they already show."""
    a, _b, _c = room.plan.candidates
    bo = await room.token("Bo")
    writer = room.writer
    workshop = room.plan.workshop
    dot = await writer.submit(PhoneCastDot(workshop, token_hash(bo), "d1", objective_id=a))
    handed_in = await writer.submit(PhoneHandIn(workshop, token_hash(bo), "h1"))
    at_the_booth = await writer.submit(
        ops.CastDot(workshop, room.plan.people["陈"], a), Actor.BOOTH
    )
    closing = await writer.submit(ops.CloseVoting(workshop), Actor.FACILITATOR)
    assert not phones_hear_of(dot) and not phones_hear_of(handed_in)
    assert not phones_hear_of(at_the_booth)
    assert phones_hear_of(closing)  # every phone's screen changes


async def test_the_ballots_frame_is_read_once_for_every_phone_until_the_round_changes(
    room: VoteRoom,
) -> None:
    """Every phone reads its ballot after each of its dots: the round and its candidates are
    read from the plan once and kept; each phone's read asks the plan only for its marks."""
    a, b, _c = room.plan.candidates
    phones = [await room.token(name) for name in ("Ana", "Bo", "陈")]
    kept = room.client.app[ROOM_KEY].ballot_frame
    for number, token in enumerate(phones):
        await room.dot(token, a, f"a{number}")
        await room.dot(token, b, f"b{number}")
        ballot = await room.ballot(token)
        assert [x["dots"] for x in ballot["candidates"]] == [1, 1, 0]  # its own, only
    assert kept.builds == 1
    await room.booth(ops.CloseVoting(room.plan.workshop))
    assert not (await room.ballot(phones[0]))["voting"]
    assert kept.builds == 2
