"""A room served without the window (``okrdesk room``): the facilitator lets a waiting phone in
or releases one by typing at the terminal, as the window's Room panel does with its buttons.

Before: a phone that picked a name another phone held waited for an approval that nobody
could give without the window."""

from __future__ import annotations

import io
import json
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from okrdesk.room.console import RoomConsole
from okrdesk.room.serving import RoomService
from okrdesk.room.writer import HeadlessWriter
from tests.demo_plans import copy_demo
from tests.room_server_helpers import brainstorming

WAIT = 20.0


def _post(
    url: str, body: dict[str, object], token: str | None = None
) -> tuple[int, dict[str, Any]]:
    # A new key each request: a join's key makes its token, so two joins sharing one would be
    # one phone asking twice, not a second phone.
    headers = {"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=WAIT) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as refused:
        with refused:
            return refused.code, json.load(refused)


class Terminal:
    """The console's words, one line at a time, as the facilitator reads them."""

    def __init__(self) -> None:
        self.lines: queue.Queue[str] = queue.Queue()

    def say(self, text: str) -> None:
        self.lines.put(text)

    def next(self) -> str:
        return self.lines.get(timeout=WAIT)


@contextmanager
def room_with_a_console(
    tmp_path: Path, empty_plan_bytes: bytes, language: str = "en"
) -> Iterator[tuple[RoomConsole, Terminal, str, dict[str, int], Path]]:
    path = tmp_path / "plan.okrdesk"
    with brainstorming(path, empty_plan_bytes) as built:
        workshop, people = built.workshop, built.people
    service = RoomService(HeadlessWriter(path), workshop, "127.0.0.1")
    (url,) = service.start().urls
    terminal = Terminal()
    console = RoomConsole(service, workshop, language, terminal.say)
    console.watch()
    try:
        yield console, terminal, url, people, path
    finally:
        service.stop()


def test_a_waiting_phone_is_told_and_approve_lets_it_in(
    tmp_path: Path, empty_plan_bytes: bytes
) -> None:
    with room_with_a_console(tmp_path, empty_plan_bytes) as (console, terminal, url, people, path):
        _status, first = _post(url + "api/join", {"participant_id": people["Ana"]})
        _status, second = _post(url + "api/join", {"participant_id": people["Ana"]})
        assert second["pending"] is True
        with sqlite3.connect(path) as db:
            ((waiting,),) = db.execute("SELECT max(id) FROM room_phone").fetchall()
        assert terminal.next() == (
            f"Phone {waiting} asks for the name Ana, which is already taking part (on another"
            f" phone, or it has voted at the booth): type “approve {waiting}” to let it in."
        )
        console.handle(f"approve {waiting}\n")
        assert terminal.next() == (
            f"Phone {waiting} now takes part as Ana; the phone that held the name before is"
            " released."
        )
        idea = {"text": "from the second phone"}
        assert _post(url + "api/ideas", idea, second["token"])[0] == 200
        status, refused = _post(url + "api/ideas", idea, first["token"])
        assert status == 401 and refused["error"]["id"] == "rule.room_phone_released"
    with sqlite3.connect(path) as db:
        audit = db.execute("SELECT kind FROM audit_event ORDER BY id").fetchall()
    assert ("phone_approved",) in audit


def test_phones_lists_them_and_release_stops_one(tmp_path: Path, empty_plan_bytes: bytes) -> None:
    with room_with_a_console(tmp_path, empty_plan_bytes) as (console, terminal, url, people, path):
        console.handle("phones")
        assert terminal.next() == "No phone has joined yet."
        _status, bo = _post(url + "api/join", {"participant_id": people["Bo"]})
        with sqlite3.connect(path) as db:
            ((phone,),) = db.execute("SELECT id FROM room_phone").fetchall()
        console.handle("phones")
        assert terminal.next() == f"  phone {phone}: Bo (not connected now)"
        console.handle(f"release {phone}")
        assert terminal.next() == (
            f"Phone {phone} (Bo) is released: it can no longer write (its ideas stay)."
        )
        status, refused = _post(url + "api/ideas", {"text": "too late"}, bo["token"])
        assert status == 401 and refused["error"]["id"] == "rule.room_phone_released"
        console.handle("phones")
        assert terminal.next() == "No phone has joined yet."  # a released phone is gone
        console.handle(f"release {phone}")  # not in the room any more
        assert terminal.next() == (
            f"There is no phone {phone} in this room; type “phones” to list them."
        )


def test_anything_else_gets_the_commands_and_a_refusal_its_reason(
    tmp_path: Path, empty_plan_bytes: bytes
) -> None:
    with room_with_a_console(tmp_path, empty_plan_bytes, "zh_CN") as (
        console,
        terminal,
        url,
        people,
        _path,
    ):
        for typed in ("approve", "approve me", "dance 3", "phones please"):
            console.handle(typed)
            assert terminal.next() == (
                "输入“phones”列出手机，“approve N”批准等待中的手机 N 参与，“release N”释放手机 N"
                "（其想法保留）。"
            )
        console.handle("")  # an empty line says nothing
        _post(url + "api/join", {"participant_id": people["陈"]})
        console.handle("phones")
        line = terminal.next()
        phone = int(line.split()[1].split("：")[0])
        assert line == f"  手机 {phone}：陈（当前未连接）"
        console.handle(f"approve {phone}")  # it holds its name already: nothing to approve
        assert "等待" in terminal.next()
        assert terminal.lines.empty()


def test_commands_are_read_line_by_line_until_the_input_ends(
    tmp_path: Path, empty_plan_bytes: bytes
) -> None:
    with room_with_a_console(tmp_path, empty_plan_bytes) as (console, terminal, *_rest):
        reading = console.read(io.StringIO("phones\nhelp\n"))
        reading.join(WAIT)
        assert not reading.is_alive()
        assert [terminal.next(), terminal.next()] == [
            "No phone has joined yet.",
            terminal_commands(),
        ]


def terminal_commands() -> str:
    return (
        "Type “phones” to list the phones, “approve N” to let waiting phone N take part,"
        " “release N” to stop phone N (its ideas stay)."
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_the_room_command_reads_the_facilitators_commands(tmp_path: Path) -> None:
    plan = tmp_path / "demo.okrdesk"
    copy_demo(plan, "brainstorm", "en")
    command = [sys.executable, "-m", "okrdesk", "room", str(plan), "--workshop", "1"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--lang", "en"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    said: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None and process.stdin is not None
    reader = threading.Thread(target=lambda: [said.put(line) for line in process.stdout or ()])
    reader.start()
    try:
        assert "The room is open" in said.get(timeout=WAIT)
        address = said.get(timeout=WAIT).strip()
        while said.get(timeout=WAIT) != terminal_commands() + "\n":
            pass  # the walk-ins line and "Press Ctrl+C", then the commands
        with urllib.request.urlopen(address + "api/people", timeout=WAIT) as answer:
            person = json.load(answer)["people"][0]
        _post(address + "api/join", {"participant_id": person["id"]})
        _post(address + "api/join", {"participant_id": person["id"]})
        told = said.get(timeout=WAIT)
        assert told.startswith("Phone ") and f"asks for the name {person['name']}," in told
        waiting = int(told.split()[1])
        process.stdin.write(f"approve {waiting}\n")
        process.stdin.flush()
        assert said.get(timeout=WAIT).startswith(f"Phone {waiting} now takes part as ")
        process.send_signal(signal.SIGTERM)
        process.wait(WAIT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(WAIT)
        for pipe in (process.stdin, process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
    assert process.returncode == 0
    assert "The room is closed.\n" in list(said.queue)
