"""Following the meeting and walking in through the room server: an aiohttp test client
against make_app on a copy of a plan whose vote is revealed and whose two OKRs are selected,
read back from the plan file with sqlite3."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import pytest_asyncio

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.operation import Operation
from okrdesk.engine.room_ops import AllowWalkIns, OpenRoom
from okrdesk.models import Decision, Phase
from okrdesk.room import server
from okrdesk.room.handout import render_handout
from okrdesk.room.server import ROOM_KEY, make_app
from tests.room_server_helpers import Room, brainstorming, copy_plan, open_room, seconds

pytestmark = pytest.mark.asyncio
KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90"


@dataclass
class Plan:
    path: Path
    workshop: int
    people: dict[str, int]
    other_workshop: int
    stranger: int


@pytest.fixture(scope="module")
def built_plan(tmp_path_factory: pytest.TempPathFactory, empty_plan_bytes: bytes) -> Plan:
    """Northstar's meeting at Select: Grow and Keep selected (with their KRs), Drop not."""
    plan_path = tmp_path_factory.mktemp("room-follow") / "plan.okrdesk"
    with brainstorming(plan_path, empty_plan_bytes) as built:
        do, workshop, people = built.do, built.workshop, built.people
        do(ops.AddIdea(workshop, "a card", people["Ana"]))
        do(ops.ChangePhase(workshop, Phase.GROUP))
        objectives = []
        for title in ("Grow <b>revenue</b>", "Keep", "Drop"):
            objective = do(ops.CreateObjective(workshop, title))
            do(ops.AddKeyResult(objective, ops.KeyResultFields(f"{title} KR", target=10)))
            objectives.append(objective)
        do(ops.UpdateWorkshopSettings(workshop, selection_size=2))
        do(ops.ChangePhase(workshop, Phase.VOTE))
        do(ops.OpenVoting(workshop))
        for objective, dots in zip(objectives, (3, 2, 0), strict=True):
            for _ in range(dots):
                do(ops.CastDot(workshop, people["Ana"], objective))
        do(ops.CloseVoting(workshop))
        do(ops.RevealTally(workshop))
        do(ops.ChangePhase(workshop, Phase.SELECT))
        do(ops.ApplySelection(workshop))
        other = do(ops.CreateWorkshop(built.company, built.cycle, "Other meeting"))
        stranger = do(ops.AddParticipant(other, "Stranger"))
    return Plan(plan_path, workshop, people, other, stranger)


@pytest.fixture
def plan_file(built_plan: Plan, tmp_path: Path) -> Plan:
    return copy_plan(built_plan, tmp_path)


class FollowRoom(Room):
    async def follow(self, token: str, lang: str = "en") -> tuple[int, dict[str, Any]]:
        return await self.call("GET", "api/follow", token, lang=lang)

    async def facilitator(self, operation: Operation) -> None:
        await self.writer.submit(operation, Actor.FACILITATOR)

    async def sign_off(self) -> None:
        await self.facilitator(ops.ChangePhase(self.plan.workshop, Phase.SIGNOFF))
        await self.facilitator(ops.SignOffWorkshop(self.plan.workshop, Decision.APPROVE, "Mia"))

    async def walk_in(self, name: Any, key: str = KEY, lang: str = "en") -> tuple[int, Any]:
        response = await self.client.post(
            self.url("api/walkin") + f"?lang={lang}",
            json={"name": name},
            headers={"Idempotency-Key": key},
        )
        return response.status, await response.json()


@pytest_asyncio.fixture
async def room(aiohttp_client: Callable[..., Any], plan_file: Plan) -> AsyncIterator[FollowRoom]:
    async for opened in open_room(aiohttp_client, plan_file, seconds(), FollowRoom):
        yield opened


# -- following along -------------------------------------------------------------------------


async def test_from_select_a_phone_follows_the_result_and_the_selected_okrs(
    room: FollowRoom,
) -> None:
    ana = await room.token("Ana")
    status, seen = await room.follow(ana)
    assert status == 200
    assert seen["phase"] == "select" and seen["signoff"] is None
    assert [o["title"] for o in seen["objectives"]] == ["Grow <b>revenue</b>", "Keep"]
    assert seen["objectives"][0]["key_results"] == ["Grow <b>revenue</b> KR"]
    assert [s["dots"] for s in seen["result"]["standings"]] == [3, 2, 0]
    assert seen["handout"] is False and seen["handout_url"] is None


async def test_before_select_nothing_is_the_rooms_to_follow_yet(room: FollowRoom) -> None:
    ana = await room.token("Ana")
    await room.facilitator(ops.ChangePhase(room.plan.workshop, Phase.VOTE))
    status, seen = await room.follow(ana)
    assert status == 200
    assert (seen["objectives"], seen["result"], seen["signoff"], seen["handout_url"]) == (
        [],
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "once the workshop is signed off"), ("zh_CN", "签批后")]
)
async def test_no_handout_before_the_signoff(room: FollowRoom, lang: str, words: str) -> None:
    ana = await room.token("Ana")
    status, answer = await room.call("GET", "api/handout.pdf", ana, lang=lang)
    assert status == 409 and words in answer["error"]["message"]
    await room.facilitator(ops.ChangePhase(room.plan.workshop, Phase.SIGNOFF))
    status, seen = await room.follow(ana)
    assert seen["signoff"]["status"] == "pending" and seen["handout_url"] is None
    status, answer = await room.call("GET", "api/handout.pdf", ana, lang=lang)
    assert status == 409


async def test_a_returned_workshop_says_why_on_the_phone(room: FollowRoom) -> None:
    ana = await room.token("Ana")
    await room.facilitator(ops.ChangePhase(room.plan.workshop, Phase.SIGNOFF))
    await room.facilitator(
        ops.SignOffWorkshop(room.plan.workshop, Decision.RETURN, "Mia", "Make Keep measurable")
    )
    _, seen = await room.follow(ana)
    assert seen["phase"] == "select"
    assert seen["signoff"]["status"] == "returned"
    assert seen["signoff"]["reason"] == "Make Keep measurable"


async def test_once_signed_off_the_handout_downloads_in_the_phones_language(
    room: FollowRoom, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[str] = []
    real = render_handout

    def counted(*args: Any) -> bytes:
        drawn.append(args[2])
        return real(*args)

    monkeypatch.setattr(server, "render_handout", counted)
    ana = await room.token("Ana")
    await room.sign_off()
    _, seen = await room.follow(ana)
    assert seen["signoff"]["status"] == "approved" and seen["signoff"]["signer"] == "Mia"
    assert seen["handout"] is True and seen["handout_url"].startswith("api/handout.pdf?ticket=")

    # Twenty phones tapping at once: the handout is drawn once.
    async def download(lang: str) -> Any:
        return await room.client.get(room.url(seen["handout_url"]) + f"&lang={lang}")

    answers = await asyncio.gather(*(download("en") for _ in range(20)))
    assert [a.status for a in answers] == [200] * 20
    body = await answers[0].read()
    assert body.startswith(b"%PDF") and all([await a.read() == body for a in answers])
    assert answers[0].content_type == "application/pdf"
    disposition = answers[0].headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Management-meeting.pdf"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Management meeting.pdf"
    assert drawn == ["en"]

    # With the bearer token too, in Chinese: drawn once more, for that language.
    status = (
        await room.client.get(
            room.url("api/handout.pdf?lang=zh_CN"), headers={"Authorization": f"Bearer {ana}"}
        )
    ).status
    assert status == 200 and drawn == ["en", "zh_CN"]
    # A change about the workshop draws it anew.
    await room.facilitator(ops.ChangePhase(room.plan.workshop, Phase.EXPORT))
    assert (await download("en")).status == 200
    assert drawn == ["en", "zh_CN", "en"]
    # So does a change about another workshop: a handout names the objectives of the parent
    # workshop its own align to, and those change in their own workshop.
    await room.facilitator(ops.AddParticipant(room.plan.other_workshop, "Newcomer"))
    assert (await download("en")).status == 200
    assert drawn == ["en", "zh_CN", "en", "en"]


async def test_a_handout_link_is_refused_forged_expired_or_for_a_pending_phone(
    room: FollowRoom,
) -> None:
    ana = await room.token("Ana")
    await room.sign_off()
    _, seen = await room.follow(ana)
    url = seen["handout_url"]
    forged = url[:-4] + ("0000" if not url.endswith("0000") else "1111")
    response = await room.client.get(room.url(forged))
    assert response.status == 401
    hashed = url.split("ticket=")[1].split(".")[1]
    expired = room.client.app[ROOM_KEY].handout_ticket(hashed, issued=0.0)
    for lang, words in (("en", "expired"), ("zh_CN", "过期")):
        response = await room.client.get(room.url(f"api/handout.pdf?ticket={expired}&lang={lang}"))
        assert response.status == 403
        assert words in (await response.json())["error"]["message"]
    pending = await room.token("Ana")  # a second phone on Ana's name waits for approval
    for path in ("api/follow", "api/handout.pdf"):
        status, answer = await room.call("GET", path, pending, lang="zh_CN")
        assert status == 403 and "批准" in answer["error"]["message"]


async def test_a_token_of_another_workshop_follows_nothing_here(
    room: FollowRoom, aiohttp_client: Callable[..., Any]
) -> None:
    await room.sign_off()
    code_b = (await room.writer.submit(OpenRoom(room.plan.other_workshop))).result
    other = await aiohttp_client(make_app(room.writer, room.plan.other_workshop, code_b))
    response = await other.post(
        f"/r/{code_b}/api/join", json={"participant_id": room.plan.stranger}
    )
    stranger = (await response.json())["token"]
    for path in ("api/follow", "api/handout.pdf"):
        status, answer = await room.call("GET", path, stranger)
        assert status == 401, path
        assert "Grow" not in str(answer)


# -- walk-ins --------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("en", "not allowed"), ("zh_CN", "不允许")])
async def test_no_walk_ins_unless_the_facilitator_allows_them(
    room: FollowRoom, lang: str, words: str
) -> None:
    response = await room.client.get(room.url("api/people"))
    assert (await response.json())["walk_ins"] is False
    status, answer = await room.walk_in("Eve", lang=lang)
    assert status == 403 and words in answer["error"]["message"]
    assert room.rows("SELECT name FROM participant WHERE name = 'Eve'") == []


async def test_a_walk_in_joins_once_under_a_new_name(room: FollowRoom) -> None:
    await room.facilitator(AllowWalkIns(room.plan.workshop, True))
    response = await room.client.get(room.url("api/people"))
    assert (await response.json())["walk_ins"] is True
    status, first = await room.walk_in("  Eve <img src=x onerror=alert(1)>  ")
    assert status == 200 and first["pending"] is False
    assert first["name"] == "Eve <img src=x onerror=alert(1)>"
    status, again = await room.walk_in("Eve <img src=x onerror=alert(1)>")  # a lost reply
    assert status == 200 and again["token"] == first["token"]
    rows = room.rows(
        f"SELECT name FROM participant WHERE workshop_id = {room.plan.workshop} ORDER BY position"
    )
    assert rows[-1] == ("Eve <img src=x onerror=alert(1)>",) and len(rows) == 4
    status, state = await room.call("GET", "api/state", first["token"])
    assert status == 200 and state["name"] == "Eve <img src=x onerror=alert(1)>"
    response = await room.client.get(room.url("api/people"))
    assert (await response.json())["people"][-1]["name"] == "Eve <img src=x onerror=alert(1)>"


@pytest.mark.parametrize(("lang", "words"), [("en", "pick it from the list"), ("zh_CN", "名单")])
async def test_a_walk_in_under_a_listed_name_is_sent_to_the_list(
    room: FollowRoom, lang: str, words: str
) -> None:
    await room.facilitator(AllowWalkIns(room.plan.workshop, True))
    status, answer = await room.walk_in(" ana ", lang=lang)
    assert status == 409 and words in answer["error"]["message"]
    assert "Ana" in answer["error"]["message"]
    for name, key, expected in (
        ("", KEY, 422),
        ("x" * 101, KEY, 422),
        (42, KEY, 422),
        ("Eve", "short", 400),
    ):
        status, _ = await room.walk_in(name, key=key)
        assert status == expected, (name, key)


async def test_walk_ins_are_rate_limited_like_joins(
    aiohttp_client: Callable[..., Any], plan_file: Plan
) -> None:
    async for room in open_room(aiohttp_client, plan_file, lambda: 0.0, FollowRoom):
        await room.facilitator(AllowWalkIns(room.plan.workshop, True))
        statuses = [(await room.walk_in(f"Guest {n}", key=f"{KEY}{n}"))[0] for n in range(11)]
        assert statuses == [200] * 10 + [429]


async def test_a_reopened_workshop_gives_no_handout_even_one_already_drawn(
    room: FollowRoom,
) -> None:
    ana = await room.token("Ana")
    await room.sign_off()
    bearer = {"Authorization": f"Bearer {ana}"}
    response = await room.client.get(room.url("api/handout.pdf"), headers=bearer)
    assert response.status == 200
    await room.facilitator(ops.ReopenWorkshop(room.plan.workshop, "one more KR"))
    # Even were the change's notice still on its way, the drawn PDF is not handed out.
    room.client.app[ROOM_KEY].version -= 1
    status, answer = await room.call("GET", "api/handout.pdf", ana)
    assert status == 409 and "signed off" in answer["error"]["message"]
    _, seen = await room.follow(ana)
    assert seen["handout"] is False and seen["handout_url"] is None
