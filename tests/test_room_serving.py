"""RoomService: the room server on a thread of its own, started and stopped by its owner."""

from __future__ import annotations

import asyncio
import gc
import json
import socket
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from typing import Any

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


def _waiting_to_be_accepted(port: int) -> int:
    """Connections the kernel holds for the loopback listener on this port (Linux)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, state, queues = fields[1], fields[3], fields[4]
        if local == f"0100007F:{port:04X}" and state == "0A":  # 0A: listening
            return int(queues.split(":")[1], 16)
    raise AssertionError(f"nothing listens on port {port}")


def _somaxconn() -> int:
    cap = Path("/proc/sys/net/core/somaxconn")
    return int(cap.read_text()) if cap.exists() else 0


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc/net/tcp")
@pytest.mark.skipif(_somaxconn() < 300, reason="this kernel caps a listen queue below 300")
def test_a_room_holds_three_hundred_phones_connecting_at_once(
    tmp_path: Path, empty_plan_bytes: bytes
) -> None:
    """200 phones open their first page together, each browser with a connection or two:
    aiohttp's default backlog (128) made the kernel drop the rest, and their phones waited a
    second to try again. The room's loop is held busy here, so nothing is accepted and every
    connection must wait in the kernel's queue."""
    path = tmp_path / "plan.okrdesk"
    with brainstorming(path, empty_plan_bytes) as built:
        workshop = built.workshop
    service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
    port = service.start().port
    busy = threading.Event()
    free = threading.Event()

    def hold() -> None:
        busy.set()
        free.wait(60)

    phones: list[socket.socket] = []
    try:
        assert service._loop is not None
        service._loop.call_soon_threadsafe(hold)
        assert busy.wait(10)
        for _ in range(300):
            phone = socket.socket()
            phones.append(phone)
            phone.setblocking(False)
            phone.connect_ex(("127.0.0.1", port))
        deadline = time.monotonic() + 10
        while _waiting_to_be_accepted(port) < 300 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _waiting_to_be_accepted(port) == 300
    finally:
        free.set()
        for phone in phones:
            phone.close()
        service.stop()


def test_a_room_stopped_while_phones_wait_to_be_accepted_leaves_no_socket_open(
    tmp_path: Path, empty_plan_bytes: bytes
) -> None:
    """Found by the reviewer: connections the loop accepted as the room stopped were never
    closed (each a ResourceWarning when collected, an open socket until then). Here the
    room's loop is busy while fifty phones connect and the facilitator closes the room."""
    path = tmp_path / "plan.okrdesk"
    with brainstorming(path, empty_plan_bytes) as built:
        workshop = built.workshop
    service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
    port = service.start().port
    busy, free = threading.Event(), threading.Event()

    def hold() -> None:
        busy.set()
        free.wait(60)

    loop = service._loop
    assert loop is not None
    loop.call_soon_threadsafe(hold)
    assert busy.wait(10)
    phones = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(50)]
    queued = threading.Event()
    handing = loop.call_soon_threadsafe

    def hand(*args: Any) -> asyncio.Handle:  # the stop handed to the busy loop
        handle = handing(*args)
        queued.set()
        return handle

    loop.call_soon_threadsafe = hand  # type: ignore[method-assign]
    stopping = threading.Thread(target=service.stop)
    try:
        stopping.start()
        assert queued.wait(10)
        free.set()
        stopping.join(30)
        assert not stopping.is_alive()
        with warnings.catch_warnings(record=True) as unclosed:
            warnings.simplefilter("always", ResourceWarning)
            gc.collect()
    finally:
        free.set()
        for phone in phones:
            phone.close()
    assert [str(warning.message) for warning in unclosed] == []
