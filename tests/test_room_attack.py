"""The room attacked as a hostile phone would (issue 14's review): an aiohttp test client
against make_app on a copy of a brainstorming plan, read back from the plan file with sqlite3.

Each test is a finding: what an attacker could do before, refused now."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import pytest_asyncio
from aiohttp import WSMsgType, WSServerHandshakeError
from aiohttp.test_utils import make_mocked_request
from pypdf import PdfReader

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.phones import token_hash
from okrdesk.engine.room_ops import AllowWalkIns, ReleasePhone
from okrdesk.models import Decision, Phase
from okrdesk.room import server
from okrdesk.room.server import (
    IDEA_WINDOW_SECONDS,
    IDEAS_PER_ADDRESS,
    JOINS_PER_ADDRESS,
    READS_PER_SECOND,
    ROOM_KEY,
    SOCKETS_PER_ADDRESS,
    SOCKETS_PER_PHONE,
    WRITES_PER_ADDRESS,
    sender,
)
from tests.room_server_helpers import Room, brainstorming, copy_plan, open_room, seconds

pytestmark = pytest.mark.asyncio
KEY = "f0e1d2c3b4a5968778695a4b3c2d1e0f"


@dataclass
class Plan:
    path: Path
    workshop: int
    people: dict[str, int]
    other_workshop: int


@pytest.fixture(scope="module")
def built_plan(tmp_path_factory: pytest.TempPathFactory, empty_plan_bytes: bytes) -> Plan:
    """Northstar's meeting brainstorming with Ana, Bo, 陈 and José (é composed), walk-ins
    allowed; another workshop beside it."""
    plan_path = tmp_path_factory.mktemp("room-attack") / "plan.okrdesk"
    with brainstorming(plan_path, empty_plan_bytes) as built:
        do, workshop = built.do, built.workshop
        built.people["José"] = do(ops.AddParticipant(workshop, "Jos\u00e9"))
        do(AllowWalkIns(workshop, True))
        other = do(ops.CreateWorkshop(built.company, built.cycle, "Sales"))
        do(ops.AddParticipant(other, "Stranger"))
        do(ops.ChangePhase(other, Phase.BRAINSTORM))
    return Plan(plan_path, workshop, built.people, other)


@pytest.fixture
def plan_file(built_plan: Plan, tmp_path: Path) -> Plan:
    return copy_plan(built_plan, tmp_path)


class AttackRoom(Room):
    async def walk_in(self, name: Any, key: str = KEY) -> tuple[int, Any]:
        response = await self.client.post(
            self.url("api/walkin") + "?lang=en",
            json={"name": name},
            headers={"Idempotency-Key": key},
        )
        return response.status, await response.json()

    async def raw(
        self, method: str, path: str, data: bytes, token: str | None = None, key: str = KEY
    ) -> tuple[int, str]:
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        response = await self.client.request(method, self.url(path), data=data, headers=headers)
        return response.status, await response.text()


@pytest_asyncio.fixture
async def room(aiohttp_client: Callable[..., Any], plan_file: Plan) -> AsyncIterator[AttackRoom]:
    async for opened in open_room(aiohttp_client, plan_file, seconds(), AttackRoom):
        yield opened


# -- walk-ins passing for a listed person ---------------------------------------------------


async def test_a_walk_in_cannot_pass_for_a_listed_person(room: AttackRoom) -> None:
    """Before: only the case was folded, so ＡＮＡ (full width), José with a combining accent,
    Ana with a zero-width character, or "\u202eoB" (shown as "Bo") walked in as a second
    person of that name, voting and writing under the name of someone on the list."""
    lookalikes = (
        ("\uff21\uff2e\uff21", "Ana"),  # ＡＮＡ
        ("Jose\u0301", "José"),
        ("JOSE\u0301", "José"),
        ("A\u200bna", "Ana"),
        ("Ana\u200d", "Ana"),
        ("\ufeffBo", "Bo"),
        ("\u9648", "陈"),  # the same character, written as an escape
    )
    for number, (name, listed) in enumerate(lookalikes):
        status, answer = await room.walk_in(name, key=f"{KEY}{number}")
        assert status == 409, (name, answer)
        assert answer["error"]["id"] == "rule.room_walk_in_listed"
        assert listed in answer["error"]["message"]
    status, answer = await room.walk_in("\u200b\u200d", key=f"{KEY}blank")
    assert status == 422 and answer["error"]["id"] == "validation.empty"
    # Direction controls reorder what follows: "\u202eoB" shows as "Bo".
    for name in ("\u202eoB", "\u2067oB\u2069", "\u202eAna\u202c", "Eve\u202d"):
        status, answer = await room.walk_in(name, key=f"{KEY}{name}")
        assert status == 422 and answer["error"]["id"] == "validation.control_character"
    status, eve = await room.walk_in("Eve", key=f"{KEY}eve")
    assert status == 200 and eve["name"] == "Eve"
    status, answer = await room.walk_in("\uff25\uff36\uff25", key=f"{KEY}eve2")  # ＥＶＥ
    assert status == 409 and "Eve" in answer["error"]["message"]
    rows = room.rows(f"SELECT name FROM participant WHERE workshop_id = {room.plan.workshop}")
    assert sorted(name for (name,) in rows) == sorted([*room.plan.people, "Eve"])


# -- bodies and paths the parser or the database choked on ----------------------------------


async def test_deep_json_and_ids_past_sqlite_are_refused_not_a_server_error(
    room: AttackRoom,
) -> None:
    """Before: ``[[[[…`` (a RecursionError in the JSON parser) and ids past SQLite's 64 bits
    (an OverflowError in the driver) were 500s, raised inside the writer."""
    ana = await room.token("Ana")
    huge = b"99999999999999999999999"
    for method, path, data, status in (
        ("POST", "api/join", b"[" * 4000, 400),
        ("POST", "api/walkin", b"[" * 4000, 400),
        ("POST", "api/ideas", b'{"text": ' + b"[" * 4000 + b"}", 400),
        ("POST", "api/join", b'{"participant_id": ' + huge + b"}", 404),
        ("POST", "api/join", b'{"participant_id": -1}', 404),
        ("POST", "api/join", b'{"participant_id": 1e3}', 404),
        ("POST", "api/join", b'{"participant_id": NaN}', 404),
        ("PATCH", "api/ideas/" + huge.decode(), b'{"text": "x"}', 403),
        ("DELETE", "api/ideas/" + huge.decode(), b"", 403),
        ("DELETE", "api/ideas/%D9%A1", b"", 403),  # an Arabic-Indic digit one
        ("POST", "api/dots", b'{"objective_id": ' + huge + b"}", 400),
        ("DELETE", "api/dots/" + huge.decode(), b"", 400),
    ):
        got, text = await room.raw(method, path, data, ana)
        assert got == status, (method, path, data[:30], got, text)
    status, _ = await room.add(ana, "still here", "k1")
    assert status == 200 and room.rows("SELECT text FROM idea") == [("still here",)]


# -- memory ---------------------------------------------------------------------------------


async def test_made_up_tokens_do_not_pile_up_in_the_rate_limit(
    aiohttp_client: Callable[..., Any], plan_file: Plan
) -> None:
    """Before: every made-up bearer token kept a count in the rate limit for ever (it is
    counted before the token is checked): a loop of random tokens grew the server's memory
    without bound."""
    now = [0.0]
    async for room in open_room(aiohttp_client, plan_file, lambda: now[0], AttackRoom):
        limit = room.client.app[ROOM_KEY].limit
        for number in range(200):  # ten a second, from one address: within its limit
            status, _ = await room.add(f"made-up-{number}", "x", f"k{number}")
            assert status == 401
            now[0] += 0.1
        assert len(limit) <= 21  # the last second or two's, not all two hundred
        now[0] += 5.0
        ana = await room.token("Ana")
        assert (await room.add(ana, "an idea", "k-ana"))[0] == 200
        assert len(limit) <= 2  # the join's address and Ana's phone


# -- floods ---------------------------------------------------------------------------------


async def test_one_address_cannot_fill_the_list_with_walk_ins(
    aiohttp_client: Callable[..., Any], plan_file: Plan
) -> None:
    """Before: only ten walk-ins a second per address, so one phone going slowly added
    thousands of people to the list (each one more name "not voted yet" on the projector)."""
    now = [0.0]
    async for room in open_room(aiohttp_client, plan_file, lambda: now[0], AttackRoom):
        statuses = []
        for number in range(11):
            statuses.append((await room.walk_in(f"Guest {number}", key=f"{KEY}{number}"))[0])
            now[0] += 60.0  # a minute apart: never too fast
        assert statuses == [200] * 10 + [429]
        status, answer = await room.walk_in("Guest 11", key=f"{KEY}11")
        assert status == 429 and answer["error"]["id"] == "rule.room_walk_ins_too_many"
        assert "facilitator" in answer["error"]["message"]
        count = f"SELECT count(*) FROM participant WHERE workshop_id = {room.plan.workshop}"
        assert room.rows(count) == [(len(room.plan.people) + 10,)]
        now[0] += 3600.0  # an hour on: one more
        assert (await room.walk_in("Guest 12", key=f"{KEY}12"))[0] == 200


async def test_one_address_and_one_phone_hold_few_websockets(room: AttackRoom) -> None:
    """Before: any number of sockets from one address (each waiting ten seconds for a hello
    that never came, or said with a pending phone's token) and from one phone, each one a
    connection and a task on the server for as long as it stayed open."""
    silent = [await room.client.ws_connect(room.url("ws")) for _ in range(SOCKETS_PER_ADDRESS)]
    with pytest.raises(WSServerHandshakeError) as refused:
        await room.client.ws_connect(room.url("ws"))
    assert refused.value.status == 429
    for socket in silent:
        await socket.close()
    ana = await room.token("Ana")
    sockets = []
    for _ in range(SOCKETS_PER_PHONE + 1):
        socket = await room.client.ws_connect(room.url("ws"))
        await socket.send_json({"token": ana})
        assert await socket.receive_json(timeout=5) == {"type": "changed"}
        sockets.append(socket)
    # The phone's newest sockets stay; its oldest was closed to make room.
    message = await sockets[0].receive(timeout=5)
    assert (message.type, message.data) == (WSMsgType.CLOSE, 4409)
    presence = room.client.app[ROOM_KEY].presence
    assert presence._sockets[token_hash(ana)] == SOCKETS_PER_PHONE
    await room.add(ana, "an idea", "k-socket")
    for socket in sockets[1:]:
        assert await socket.receive_json(timeout=5) == {"type": "changed"}
        await socket.close()


# -- texts from phones in the handout -------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>",
    '<img src="/etc/passwd"/> onerror',
    "<font size=90>BIG</font> &amp; &lt;b&gt;",
    "\u202eevil\u202c right-to-left",
)


async def test_texts_from_phones_are_plain_text_in_the_handout(
    room: AttackRoom, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked, held: walk-in names and ideas made objectives reach the PDF as typed (the
    exporter builds its paragraphs without reportlab's markup parser), never as markup."""
    workshop = room.plan.workshop
    status, eve = await room.walk_in("Eve " + HOSTILE[1])
    assert status == 200
    ideas = []
    for number, text in enumerate(HOSTILE):
        status, added = await room.add(eve["token"], text, f"k{number}")
        assert status == 200
        ideas.append(added["id"])

    async def do(operation: Any) -> Any:
        return (await room.writer.submit(operation, Actor.FACILITATOR)).result

    await do(ops.ChangePhase(workshop, Phase.GROUP))
    objectives = [await do(ops.MakeObjectiveFromIdea(idea)) for idea in ideas]
    for objective in objectives:
        await do(ops.AddKeyResult(objective, ops.KeyResultFields("KR", target=10)))
    await do(ops.UpdateWorkshopSettings(workshop, selection_size=2))
    await do(ops.ChangePhase(workshop, Phase.VOTE))
    await do(ops.OpenVoting(workshop))
    for objective in objectives[:2]:
        await do(ops.CastDot(workshop, room.plan.people["Ana"], objective))
    await do(ops.CloseVoting(workshop))
    await do(ops.RevealTally(workshop))
    await do(ops.ChangePhase(workshop, Phase.SELECT))
    await do(ops.ApplySelection(workshop))
    await do(ops.ChangePhase(workshop, Phase.SIGNOFF))
    await do(ops.SignOffWorkshop(workshop, Decision.APPROVE, "Mia"))
    response = await room.client.get(
        room.url("api/handout.pdf"), headers={"Authorization": f"Bearer {eve['token']}"}
    )
    assert response.status == 200, await response.text()
    pages = PdfReader(io.BytesIO(await response.read())).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    for hostile in (*HOSTILE, "Eve " + HOSTILE[1]):
        assert " ".join(hostile.split()) in text
    # Before: every join (a phone, nothing the handout shows) had the next download draw the
    # PDF anew, about a second of the laptop's time a join. Now only other changes do.
    drawn: list[str] = []
    real = server.render_handout

    def counted(*args: Any) -> bytes:
        drawn.append(args[2])
        return real(*args)

    monkeypatch.setattr(server, "render_handout", counted)
    await room.join("Bo")
    await room.join("Bo")  # a claim waiting for approval
    response = await room.client.get(
        room.url("api/handout.pdf"), headers={"Authorization": f"Bearer {eve['token']}"}
    )
    assert response.status == 200 and drawn == []
    await do(ops.ChangePhase(workshop, Phase.EXPORT))
    response = await room.client.get(
        room.url("api/handout.pdf"), headers={"Authorization": f"Bearer {eve['token']}"}
    )
    assert response.status == 200 and drawn == ["en"]


async def test_one_address_cannot_read_in_a_loop(
    aiohttp_client: Callable[..., Any], plan_file: Plan
) -> None:
    """Before: reads had no limit at all: one phone (or a script without a token, on
    api/people) reading in a loop kept the writer's readers busy and every other phone
    waiting behind it."""
    now = [0.0]
    async for room in open_room(aiohttp_client, plan_file, lambda: now[0], AttackRoom):
        ana = await room.token("Ana")
        for _ in range(READS_PER_SECOND - 1):
            assert (await room.call("GET", "api/state", ana))[0] == 200
        assert (await room.client.get(room.url("api/people"))).status == 200
        for path in ("api/state", "api/ballot", "api/follow", "api/people", "api/handout.pdf"):
            status, answer = await room.call("GET", path, ana)
            assert (status, answer["error"]["id"]) == (429, "rule.room_too_many"), path
        now[0] += 1.0
        assert (await room.call("GET", "api/state", ana))[0] == 200


async def test_a_busy_room_tells_each_phone_once_per_moment(
    room: AttackRoom, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: every change was pushed to every phone at once, and each page read its state
    on every push: two hundred ideas in a burst meant two hundred reads per phone. Now a
    phone told lately is told once more when PUSH_SECONDS have passed."""
    monkeypatch.setattr(server, "PUSH_SECONDS", 0.3)
    ana = await room.token("Ana")
    socket = await room.client.ws_connect(room.url("ws"))
    await socket.send_json({"token": ana})
    assert await socket.receive_json(timeout=5) == {"type": "changed"}  # hello
    change = await room.writer.submit(ops.AddIdea(room.plan.workshop, "one"), Actor.FACILITATOR)
    assert await socket.receive_json(timeout=5) == {"type": "changed"}  # told at once
    for _ in range(20):  # twenty more changes within the moment
        room.client.app[ROOM_KEY].changed(change)
    assert await socket.receive_json(timeout=5) == {"type": "changed"}  # told once for them
    with pytest.raises(TimeoutError):
        await socket.receive_json(timeout=0.6)
    await socket.close()


async def test_one_address_cannot_flood_the_facilitator_with_claims(
    aiohttp_client: Callable[..., Any], plan_file: Plan
) -> None:
    """Before: ten joins a second per address without end, each one a phone in the plan and,
    for a name another phone holds, one more claim waiting in the window's Room panel."""
    now = [0.0]
    async for room in open_room(aiohttp_client, plan_file, lambda: now[0], AttackRoom):
        status, _ = await room.raw("POST", "api/join", b'{"participant_id": 999}')
        assert status == 404  # a refused join is not counted...
        for _ in range(JOINS_PER_ADDRESS):
            await room.join("Ana")  # the first holds Ana; the others wait for approval
            now[0] += 60.0
        response = await room.client.post(
            room.url("api/join"), json={"participant_id": room.plan.people["Bo"]}
        )
        answer = await response.json()  # ...but the limit holds for any name
        assert (response.status, answer["error"]["id"]) == (429, "rule.room_joins_too_many")
        assert "facilitator" in answer["error"]["message"]
        assert room.rows("SELECT count(*) FROM room_phone") == [(JOINS_PER_ADDRESS,)]
        now[0] += 3600.0
        assert (await room.join("Bo"))["pending"] is False


async def test_a_card_of_invisible_characters_alone_is_refused(room: AttackRoom) -> None:
    """Before: two hundred zero-width spaces (or joiners, or a byte-order mark) made a blank
    card on the wall and the projector; a phone could fill the wall with them."""
    ana = await room.token("Ana")
    for number, text in enumerate(("\u200b" * 200, "\u200d\ufeff\u2060", " \u200b \u200c ")):
        status, answer = await room.add(ana, text, f"k{number}")
        assert (status, answer["error"]["id"]) == (422, "validation.empty")
    status, added = await room.add(ana, "real\u200bidea", "k-real")
    assert status == 200
    status, answer = await room.call(
        "PATCH", f"api/ideas/{added['id']}", ana, key="k-edit", text="\u200b\u200b"
    )
    assert (status, answer["error"]["id"]) == (422, "validation.empty")
    assert room.rows("SELECT text FROM idea") == [("real\u200bidea",)]


def _from(remote: str) -> str:
    transport = mock.Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: (
        (remote, 50000) if name == "peername" else default
    )
    return sender(make_mocked_request("GET", "/", transport=transport))


async def test_the_per_address_limits_count_an_ipv6_phone_by_its_64() -> None:
    """Before: counted per address, so a phone on IPv6 (the room served on ::) escaped every
    per-address limit by taking new addresses within its /64, which it may at will."""
    assert _from("2001:db8:1:2::1") == _from("2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert _from("2001:db8:1:2::1") != _from("2001:db8:1:3::1")
    assert _from("::ffff:192.168.1.20") == _from("192.168.1.20") == "address:192.168.1.20"
    assert _from("192.168.1.20") != _from("192.168.1.21")


async def test_a_phone_holding_many_names_is_still_limited_as_one(
    aiohttp_client: Callable[..., Any], plan_file: Plan
) -> None:
    """Before: writes were limited per token only, so one phone that joined under every name
    not yet taken wrote ten times a second with each, all of it queued for the writer (the
    window's own thread)."""
    async for room in open_room(aiohttp_client, plan_file, lambda: 0.0, AttackRoom):
        tokens = [await room.token(name) for name in ("Ana", "Bo", "陈", "José")]
        statuses = []
        for number in range(WRITES_PER_ADDRESS + 1):
            status, _ = await room.add(tokens[number % len(tokens)], f"idea {number}", f"k{number}")
            statuses.append(status)
        assert statuses == [200] * WRITES_PER_ADDRESS + [429]
        assert room.rows("SELECT count(*) FROM idea") == [(WRITES_PER_ADDRESS,)]


async def test_a_websocket_hello_nested_past_the_parser_is_closed_like_a_wrong_one(
    room: AttackRoom,
) -> None:
    """Before: a hello of ``[[[[…`` raised RecursionError out of the socket's handler (an
    error in the server's log, the socket dropped without a word)."""
    for hello in ("[" * 4000, '{"token": ' + "[" * 4000 + "}", "not json"):
        socket = await room.client.ws_connect(room.url("ws"))
        await socket.send_str(hello)
        message = await socket.receive(timeout=5)
        assert (message.type, message.data) == (WSMsgType.CLOSE, 4401), hello[:12]
        await socket.close()


# -- a join retried ---------------------------------------------------------------------------


async def test_a_join_retried_after_its_reply_was_lost_gets_the_same_phone(
    room: AttackRoom,
) -> None:
    """Before: a join had no key; the page's retry after a lost reply (its fetch failed) made
    a second phone for the same person, which then waited for the facilitator's approval of
    the person's own name, held by the first phone whose token never arrived."""

    async def join(name: str, key: str) -> tuple[int, Any]:
        response = await room.client.post(
            room.url("api/join"),
            json={"participant_id": room.plan.people[name]},
            headers={"Idempotency-Key": key},
        )
        return response.status, await response.json()

    status, first = await join("Ana", KEY)
    assert status == 200 and first["pending"] is False
    status, again = await join("Ana", KEY)  # the retry
    assert status == 200 and again == first
    assert room.rows("SELECT count(*) FROM room_phone") == [(1,)]
    status, answer = await join("Bo", KEY)  # the key of another join: not Bo's phone
    assert (status, answer["error"]["id"]) == (400, "rule.room_key_needed")
    status, other = await join("Ana", KEY + "2")  # another phone asks for Ana: it waits
    assert status == 200 and other["pending"] is True and other["token"] != first["token"]
    # A walk-in's key never finds a join's phone, nor the other way round.
    status, answer = await room.walk_in("Eve", key=KEY)
    assert status == 200 and answer["token"] != first["token"]
    assert (await room.call("GET", "api/state", first["token"]))[1]["name"] == "Ana"


async def test_one_address_cannot_bury_the_wall_in_cards(
    aiohttp_client: Callable[..., Any], plan_file: Plan
) -> None:
    """Before: ten cards a second from a phone, without end; they stay on the wall when the
    facilitator releases the phone, who then removes them one by one."""
    now = [0.0]
    async for room in open_room(aiohttp_client, plan_file, lambda: now[0], AttackRoom):
        ana, bo = await room.token("Ana"), await room.token("Bo")
        for number in range(IDEAS_PER_ADDRESS):
            status, _ = await room.add((ana, bo)[number % 2], f"idea {number}", f"k{number}")
            assert status == 200
            now[0] += 1.0
        status, answer = await room.add(ana, "one more", "k-more")
        assert (status, answer["error"]["id"]) == (429, "rule.room_ideas_too_many")
        assert "facilitator" in answer["error"]["message"]
        assert room.rows("SELECT count(*) FROM idea") == [(IDEAS_PER_ADDRESS,)]
        now[0] += IDEA_WINDOW_SECONDS
        assert (await room.add(ana, "one more", "k-more"))[0] == 200


async def test_a_released_phone_hears_no_more_of_the_room(room: AttackRoom) -> None:
    """Before: a released phone's open WebSocket went on hearing every change and counted as
    connected in the window's Room panel for as long as its owner kept it open."""
    ana = await room.token("Ana")
    socket = await room.client.ws_connect(room.url("ws"))
    await socket.send_json({"token": ana})
    assert await socket.receive_json(timeout=5) == {"type": "changed"}
    presence = room.client.app[ROOM_KEY].presence
    assert token_hash(ana) in presence.present()
    (phone,) = room.rows("SELECT id FROM room_phone")
    await room.writer.submit(ReleasePhone(phone[0]), Actor.FACILITATOR)
    message = await socket.receive(timeout=5)
    while message.type == WSMsgType.TEXT:  # the release's own notice may come first
        message = await socket.receive(timeout=5)
    assert (message.type, message.data) == (WSMsgType.CLOSE, 4401)
    await socket.close()
    async with asyncio.timeout(5):  # the server's side of the socket ends
        while token_hash(ana) in presence._sockets:
            await asyncio.sleep(0.01)
