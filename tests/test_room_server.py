"""The room server end to end: an aiohttp test client against make_app on a temporary plan."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import WSMsgType

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.room_ops import ApprovePhone, OpenRoom, ReleasePhone
from okrdesk.models import Phase
from okrdesk.resource_paths import resource_path
from okrdesk.room.server import make_app
from tests.room_server_helpers import Room, brainstorming, copy_plan, open_room, seconds

pytestmark = pytest.mark.asyncio

NASTY = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "\u202ecilbup\u202c تقرير الربع",
    "zero\u200bwidth\u200d\ufeff",
)


@dataclass
class Plan:
    path: Path
    workshop: int
    other_workshop: int
    people: dict[str, int]
    stranger: int


@pytest.fixture(scope="module")
def built_plan(tmp_path_factory: pytest.TempPathFactory, empty_plan_bytes: bytes) -> Plan:
    """Workshop A brainstorming with Ana, Bo and 陈; workshop B with a secret card."""
    plan_path = tmp_path_factory.mktemp("room") / "plan.okrdesk"
    with brainstorming(plan_path, empty_plan_bytes) as built:
        do, workshop, people = built.do, built.workshop, built.people
        other = do(ops.CreateWorkshop(built.company, built.cycle, "Sales"))
        stranger = do(ops.AddParticipant(other, "Stranger"))
        do(ops.ChangePhase(other, Phase.BRAINSTORM))
        do(ops.AddIdea(other, "secret of another workshop", stranger))
    return Plan(plan_path, workshop, other, people, stranger)


@pytest.fixture
def plan_file(built_plan: Plan, tmp_path: Path) -> Plan:
    return copy_plan(built_plan, tmp_path)


@pytest_asyncio.fixture
async def room(aiohttp_client: Callable[..., Any], plan_file: Plan) -> AsyncIterator[Room]:
    async for opened in open_room(aiohttp_client, plan_file, seconds(), Room):
        yield opened


async def test_a_phone_joins_and_its_idea_is_in_the_plan_file(room: Room) -> None:
    people = await (await room.client.get(room.url("api/people"))).json()
    assert [p["name"] for p in people["people"]] == ["Ana", "Bo", "陈"]
    joined = await room.join("陈")
    assert (joined["name"], joined["pending"]) == ("陈", False)
    status, added = await room.add(joined["token"], "更多市场线索", "k1")
    assert status == 200
    assert room.rows(f"SELECT text, author_id FROM idea WHERE id = {added['id']}") == [
        ("更多市场线索", room.plan.people["陈"])
    ]
    status, state = await room.call("GET", "api/state", joined["token"])
    assert status == 200
    assert state["phase"] == "brainstorm" and state["can_write_ideas"]
    assert [(c["text"], c["own"]) for c in state["cards"]] == [("更多市场线索", True)]
    # Only the token's hash is in the file.
    hashes = room.rows("SELECT token_sha256 FROM room_phone")
    assert len(hashes) == 1 and joined["token"] not in hashes[0][0]


async def test_the_phone_page_and_its_files_are_served(room: Room) -> None:
    page = await room.client.get(room.url(""))
    assert page.status == 200 and "room.js" in await page.text()
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    script = await room.client.get(room.url("room.js"))
    assert script.status == 200 and script.content_type == "text/javascript"
    body = await script.text()
    assert "innerHTML" not in body and "textContent" in body


@pytest.mark.parametrize("path", ["", "api/people", "api/state", "room.js", "ws", "../etc/passwd"])
async def test_a_wrong_code_gets_a_bare_404(room: Room, path: str) -> None:
    response = await room.client.get(room.url(path, code="WRONGCOD"))
    assert response.status == 404
    assert (await response.text()) == ""


async def test_nothing_outside_the_room_answers(room: Room) -> None:
    for path in ("/", "/r/", "/api/people"):
        assert (await room.client.get(path)).status == 404


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "not joined"), ("zh_CN", "尚未加入")],
)
async def test_a_wrong_token_is_refused_in_the_phones_language(
    room: Room, lang: str, words: str
) -> None:
    status, answer = await room.call("GET", "api/state", "made-up", lang=lang)
    assert status == 401 and words in answer["error"]["message"]
    status, answer = await room.add("made-up", "idea", "k")
    assert status == 401
    assert room.rows("SELECT count(*) FROM idea") == [(1,)]


async def test_accept_language_chooses_the_language(room: Room) -> None:
    response = await room.client.get(
        room.url("api/state"),
        headers={"Authorization": "Bearer nope", "Accept-Language": "zh-CN,zh;q=0.9"},
    )
    assert "尚未加入" in (await response.json())["error"]["message"]


@pytest.mark.parametrize(("lang", "words"), [("en", "released"), ("zh_CN", "已释放")])
async def test_a_released_phones_token_is_refused(room: Room, lang: str, words: str) -> None:
    joined = await room.join("Ana")
    phone = room.rows("SELECT id FROM room_phone")[0][0]
    # Read once first: the room keeps who a token is, and a release must end that at once.
    assert (await room.call("GET", "api/state", joined["token"]))[0] == 200
    await room.writer.submit(ReleasePhone(phone), Actor.FACILITATOR)
    for method, path in (("GET", "api/state"), ("POST", "api/ideas")):
        status, answer = await room.call(
            method, path, joined["token"], key="k", lang=lang, text="x"
        )
        assert status == 401 and words in answer["error"]["message"]
    assert room.rows("SELECT kind FROM audit_event WHERE kind LIKE 'phone%'") == [
        ("phone_released",)
    ]


async def test_a_token_of_another_workshop_is_unknown_here(
    room: Room, aiohttp_client: Callable[..., Any]
) -> None:
    code_b = (await room.writer.submit(OpenRoom(room.plan.other_workshop))).result
    other = await aiohttp_client(make_app(room.writer, room.plan.other_workshop, code_b))
    response = await other.post(
        f"/r/{code_b}/api/join", json={"participant_id": room.plan.stranger}
    )
    stranger_token = (await response.json())["token"]
    status, _ = await room.call("GET", "api/state", stranger_token)
    assert status == 401
    # Nor can a phone join this room as another workshop's participant.
    response = await room.client.post(
        room.url("api/join"), json={"participant_id": room.plan.stranger}
    )
    assert response.status == 404


async def test_a_second_phone_on_a_name_waits_until_approved(room: Room) -> None:
    first = await room.join("Bo")
    second = await room.join("Bo")
    assert second["pending"] is True
    status, answer = await room.add(second["token"], "too early", "k1")
    assert status == 403 and "approve" in answer["error"]["message"]
    status, state = await room.call("GET", "api/state", second["token"])
    assert state["pending"] and not state["can_write_ideas"] and state["cards"] == []
    pending = room.rows("SELECT id FROM room_phone WHERE participant_id IS NULL")[0][0]
    await room.writer.submit(ApprovePhone(pending), Actor.FACILITATOR)
    status, _ = await room.add(second["token"], "now it counts", "k2")
    assert status == 200
    # One person, one phone: the first phone was released by the approval.
    status, _ = await room.call("GET", "api/state", first["token"])
    assert status == 401
    assert room.rows("SELECT kind FROM audit_event WHERE kind LIKE 'phone%'") == [
        ("phone_approved",)
    ]


async def test_a_retried_write_returns_the_first_answer_and_adds_one_card(room: Room) -> None:
    joined = await room.join("Ana")
    first = await room.add(joined["token"], "one card", "same-key")
    again = await room.add(joined["token"], "one card", "same-key")
    assert first == again and first[0] == 200
    assert room.rows("SELECT count(*) FROM idea WHERE text = 'one card'") == [(1,)]
    assert room.rows("SELECT count(*) FROM room_request") == [(1,)]
    status, answer = await room.add(joined["token"], "no key", "")
    assert status == 400 and "Idempotency-Key" in answer["error"]["message"]


async def test_a_phone_edits_and_withdraws_only_its_own_ideas(room: Room) -> None:
    ana, bo = await room.join("Ana"), await room.join("Bo")
    _, mine = await room.add(ana["token"], "mine", "a1")
    _, theirs = await room.add(bo["token"], "theirs", "b1")
    status, _ = await room.call(
        "PATCH", f"api/ideas/{mine['id']}", ana["token"], key="a2", text="mine, better"
    )
    assert status == 200
    status, answer = await room.call(
        "PATCH", f"api/ideas/{theirs['id']}", ana["token"], key="a3", text="hijacked"
    )
    assert status == 403 and "own" in answer["error"]["message"]
    status, _ = await room.call("DELETE", f"api/ideas/{theirs['id']}", ana["token"], key="a4")
    assert status == 403
    secret = room.rows("SELECT id FROM idea WHERE text LIKE 'secret%'")[0][0]
    status, _ = await room.call("DELETE", f"api/ideas/{secret}", ana["token"], key="a5")
    assert status == 403
    status, _ = await room.call("DELETE", f"api/ideas/{mine['id']}", ana["token"], key="a6")
    assert status == 200
    assert room.rows("SELECT text FROM idea ORDER BY id") == [
        ("secret of another workshop",),
        ("theirs",),
    ]


async def test_once_grouping_starts_phones_no_longer_change_ideas(room: Room) -> None:
    ana = await room.join("Ana")
    _, mine = await room.add(ana["token"], "mine", "a1")
    await room.writer.submit(ops.ChangePhase(room.plan.workshop, Phase.GROUP), Actor.FACILITATOR)
    for method, path, key in (
        ("DELETE", f"api/ideas/{mine['id']}", "a2"),
        ("PATCH", f"api/ideas/{mine['id']}", "a3"),
        ("POST", "api/ideas", "a4"),
    ):
        status, answer = await room.call(method, path, ana["token"], key=key, text="late")
        assert status == 409 and "Grouping" in answer["error"]["message"]
    assert room.rows(f"SELECT text FROM idea WHERE id = {mine['id']}") == [("mine",)]
    status, state = await room.call("GET", "api/state", ana["token"])
    assert state["phase"] == "group" and not state["can_write_ideas"]


@pytest.mark.parametrize("text", NASTY)
async def test_hostile_texts_are_stored_verbatim_and_served_as_json_strings(
    room: Room, text: str
) -> None:
    ana = await room.join("Ana")
    status, added = await room.add(ana["token"], text, "k")
    assert status == 200
    assert room.rows(f"SELECT text FROM idea WHERE id = {added['id']}") == [(text,)]
    response = await room.client.get(
        room.url("api/state"), headers={"Authorization": f"Bearer {ana['token']}"}
    )
    assert response.content_type == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert [card["text"] for card in (await response.json())["cards"]] == [text]


async def test_an_overlong_idea_is_refused_like_the_window_refuses_it(room: Room) -> None:
    ana = await room.join("Ana")
    status, answer = await room.add(ana["token"], "x" * 501, "k")
    assert status == 422 and "too long" in answer["error"]["message"]


async def test_a_body_too_big_is_refused_with_413(room: Room) -> None:
    ana = await room.join("Ana")
    status, answer = await room.add(ana["token"], "x" * 5000, "k")
    assert status == 413 and "4096" in answer["error"]["message"]
    status, answer = await room.call(
        "POST", "api/ideas", ana["token"], key="k", lang="zh_CN", text="y" * 5000
    )
    assert status == 413 and "请求过大" in answer["error"]["message"]


async def test_too_many_writes_from_one_phone_get_429(
    aiohttp_client: Callable[..., Any], plan_file: Plan
) -> None:
    async for room in open_room(aiohttp_client, plan_file, lambda: 0.0, Room):
        ana = await room.join("Ana")
        statuses = [(await room.add(ana["token"], f"idea {n}", f"k{n}"))[0] for n in range(11)]
        assert statuses == [200] * 10 + [429]
        status, answer = await room.add(ana["token"], "more", "k-more")
        assert status == 429 and "Too many" in answer["error"]["message"]
        assert room.rows("SELECT count(*) FROM idea WHERE text LIKE 'idea %'") == [(10,)]


async def test_the_state_shows_nothing_of_another_workshop(room: Room) -> None:
    ana = await room.join("Ana")
    await room.add(ana["token"], "ours", "k")
    response = await room.client.get(
        room.url("api/state"), headers={"Authorization": f"Bearer {ana['token']}"}
    )
    body = await response.text()
    assert "ours" in body and "secret" not in body and "Sales" not in body
    people = await (await room.client.get(room.url("api/people"))).json()
    assert {p["id"] for p in people["people"]} == set(room.plan.people.values())


async def test_the_websocket_says_changed_after_a_write(room: Room) -> None:
    ana = await room.join("Ana")
    socket = await room.client.ws_connect(room.url("ws"))
    await socket.send_json({"token": ana["token"]})
    # Registered: the phone is told to read its state (it may have missed changes)...
    assert await socket.receive_json(timeout=5) == {"type": "changed"}
    # ...and a write by anyone about this room is announced.
    await room.writer.submit(ops.AddIdea(room.plan.workshop, "from the window"), Actor.FACILITATOR)
    message = await socket.receive_json(timeout=5)
    assert message == {"type": "changed"}
    await socket.close()


async def test_a_websocket_without_a_valid_token_is_closed(room: Room) -> None:
    socket = await room.client.ws_connect(room.url("ws"))
    await socket.send_json({"token": "made-up"})
    message = await socket.receive(timeout=5)
    assert (message.type, message.data) == (WSMsgType.CLOSE, 4401)


async def test_the_phone_page_is_small_and_loads_nothing_from_elsewhere() -> None:
    files = sorted(resource_path("room").iterdir())
    assert [f.name for f in files] == ["index.html", "room.css", "room.js"]
    assert sum(f.stat().st_size for f in files) < 150_000
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text


async def test_writes_sent_at_once_are_applied_one_at_a_time_and_a_doubled_one_once(
    room: Room,
) -> None:
    phones = [await room.join(name) for name in ("Ana", "Bo", "陈")]
    sends = [
        room.add(phone["token"], f"{n} from {index}", f"key-{n}")
        for index, phone in enumerate(phones)
        for n in range(4)
    ]
    doubled = room.add(phones[0]["token"], "0 from 0", "key-0")  # the same request again
    answers = await asyncio.gather(*sends, doubled)
    assert {status for status, _ in answers} == {200}
    assert answers[-1] == answers[0]
    rows = room.rows(
        f"SELECT text, position FROM idea WHERE workshop_id = {room.plan.workshop} ORDER BY id"
    )
    assert sorted(text for text, _ in rows) == sorted(
        f"{n} from {i}" for i in range(3) for n in range(4)
    )
    assert [position for _, position in rows] == list(range(12))
