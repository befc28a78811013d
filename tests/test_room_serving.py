"""RoomService: the room server on a thread of its own, started and stopped by its owner."""

from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from okrdesk.engine.phones import token_hash
from okrdesk.room.serving import RoomService
from okrdesk.room.writer import HeadlessWriter
from tests.room_server_helpers import brainstorming


def _get(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=10) as response:
        answer: dict[str, object] = json.load(response)
    return answer


def test_a_started_room_answers_and_a_stopped_one_listens_no_more(
    tmp_path: Path, empty_plan_bytes: bytes
) -> None:
    path = tmp_path / "plan.okrdesk"
    with brainstorming(path, empty_plan_bytes) as built:
        workshop = built.workshop
    service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
    address = service.start()
    try:
        assert service.running
        assert address.hosts == ("127.0.0.1",)
        (url,) = address.urls
        assert url == f"http://127.0.0.1:{address.port}/r/{address.code}/"
        people = _get(url + "api/people")["people"]
        assert [person["name"] for person in people] == ["Ana", "Bo", "陈"]  # type: ignore[attr-defined]
    finally:
        service.stop()
    assert not service.running
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "api/people", timeout=5)
    with sqlite3.connect(path) as db:
        (code,) = db.execute("SELECT room_code FROM workshop WHERE id = ?", (workshop,)).fetchone()
    assert code == address.code
    # Opened again, the room keeps its code: the QR codes people photographed still work.
    again = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
    try:
        assert again.start().code == address.code
    finally:
        again.stop()


def test_a_taken_port_is_refused_and_leaves_nothing_running(
    tmp_path: Path, empty_plan_bytes: bytes
) -> None:
    path = tmp_path / "plan.okrdesk"
    with brainstorming(path, empty_plan_bytes) as built:
        workshop = built.workshop
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1", port)
        with pytest.raises(OSError):
            service.start()
    assert not service.running
    service.stop()  # stopping a room that never started does nothing
    # The writer closed the plan: another writer opens it at once.
    other = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
    try:
        assert other.start().port != 0
    finally:
        other.stop()


def test_a_phone_with_its_socket_open_is_present_and_one_never_joined_is_not(
    tmp_path: Path, empty_plan_bytes: bytes
) -> None:
    path = tmp_path / "plan.okrdesk"
    with brainstorming(path, empty_plan_bytes) as built:
        workshop, ana = built.workshop, built.people["Ana"]
    service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
    (url,) = service.start().urls

    async def phone() -> tuple[frozenset[str], frozenset[str]]:
        async with aiohttp.ClientSession() as client:
            async with client.post(url + "api/join", json={"participant_id": ana}) as answer:
                token = (await answer.json())["token"]
            async with client.ws_connect(url + "ws") as socket:
                await socket.send_json({"token": "made-up"})  # refused: never present
                assert (await socket.receive()).type == aiohttp.WSMsgType.CLOSE
            async with client.ws_connect(url + "ws") as socket:
                await socket.send_json({"token": token})
                assert (await socket.receive_json()) == {"type": "changed"}
                return service.present(), frozenset({token_hash(token)})

    try:
        present, ana_phone = asyncio.run(phone())
    finally:
        service.stop()
    assert present == ana_phone
    assert service.present() == frozenset()  # a stopped room has no one in it


def test_a_coroutine_runs_on_the_rooms_loop_only_while_it_serves(
    tmp_path: Path, empty_plan_bytes: bytes
) -> None:
    path = tmp_path / "plan.okrdesk"
    with brainstorming(path, empty_plan_bytes) as built:
        workshop = built.workshop
    service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")

    async def where() -> bool:
        return asyncio.get_running_loop() is service._loop

    with pytest.raises(RuntimeError):
        service.call(where())
    service.start()
    try:
        assert service.call(where())
    finally:
        service.stop()
