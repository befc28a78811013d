"""``okrdesk room``: a real process serves the room on 127.0.0.1 and stops on SIGTERM."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.demo_plans import copy_demo


def start_room(
    plan: Path, stage: str = "brainstorm", *options: str
) -> tuple[subprocess.Popen[str], str]:
    """``okrdesk room`` on the demo's first workshop, on 127.0.0.1; the process and address."""
    copy_demo(plan, stage, "en")
    command = [sys.executable, "-m", "okrdesk", "room", str(plan), "--workshop", "1", *options]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", "0", "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    opened = process.stdout.readline()
    address = process.stdout.readline().strip()
    if "The room is open" not in opened:
        process.kill()
        pytest.fail(opened + process.communicate()[1])
    return process, address


def call(address: str, path: str, body: dict[str, object], **headers: str) -> dict[str, object]:
    request = urllib.request.Request(
        address + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **headers},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, object] = json.load(response)
    return answer


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_the_room_command_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    process, address = start_room(tmp_path / "demo.okrdesk")
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/r/[2-9A-Z]{8}/", address), address
        with urllib.request.urlopen(address + "api/people", timeout=10) as response:
            people = json.load(response)["people"]
        assert people and all(set(person) == {"id", "name"} for person in people)
        with pytest.raises(urllib.error.HTTPError) as wrong:
            urllib.request.urlopen(address.rsplit("/r/", 1)[0] + "/r/WRONG234/", timeout=10)
        wrong.value.close()
        assert wrong.value.code == 404
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "The room is closed." in out


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")
def test_every_acknowledged_idea_is_in_the_file_after_kill_9(tmp_path: Path) -> None:
    plan = tmp_path / "demo.okrdesk"
    process, address = start_room(plan)
    try:
        joined = call(address, "api/join", {"participant_id": 2})
        token = f"Bearer {joined['token']}"
        acknowledged = [
            call(
                address,
                "api/ideas",
                {"text": f"phone idea {n}"},
                Authorization=token,
                **{"Idempotency-Key": f"k{n}"},
            )["id"]
            for n in range(5)
        ]
        process.kill()
        process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    db = sqlite3.connect(plan)
    try:
        stored = db.execute(
            "SELECT id, text, author_id FROM idea WHERE text LIKE 'phone idea %' ORDER BY id"
        ).fetchall()
    finally:
        db.close()
    assert stored == [(i, f"phone idea {n}", 2) for n, i in enumerate(acknowledged)]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")
def test_every_acknowledged_dot_and_ballot_is_in_the_file_after_kill_9(tmp_path: Path) -> None:
    plan = tmp_path / "demo.okrdesk"
    process, address = start_room(plan, "voting")
    try:
        with urllib.request.urlopen(address + "api/people", timeout=10) as response:
            people = {person["name"]: person["id"] for person in json.load(response)["people"]}
        person = people["Ma Jun"]  # the voting demo has no ballot of his yet
        token = f"Bearer {call(address, 'api/join', {'participant_id': person})['token']}"
        request = urllib.request.Request(address + "api/ballot", headers={"Authorization": token})
        with urllib.request.urlopen(request, timeout=10) as response:
            candidates = [c["objective_id"] for c in json.load(response)["candidates"]]
        placed = [candidates[0], candidates[0], candidates[1], candidates[2], candidates[2]]
        for n, objective in enumerate(placed):
            key = {"Idempotency-Key": f"dot-{n}"}
            assert call(
                address, "api/dots", {"objective_id": objective}, Authorization=token, **key
            )
        handed_in = call(
            address, "api/handin", {}, Authorization=token, **{"Idempotency-Key": "in"}
        )
        process.kill()
        process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    db = sqlite3.connect(plan)
    try:
        dots = db.execute(
            "SELECT objective_id, count FROM dot WHERE participant_id = ? ORDER BY objective_id",
            (person,),
        ).fetchall()
        ballots = db.execute("SELECT id FROM ballot WHERE participant_id = ?", (person,)).fetchall()
    finally:
        db.close()
    assert dots == sorted({(o, placed.count(o)) for o in placed})
    assert ballots == [(handed_in["id"],)]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_the_room_command_allows_walk_ins_and_stops_them_again(tmp_path: Path) -> None:
    plan = tmp_path / "demo.okrdesk"
    process, address = start_room(plan, "brainstorm", "--walk-ins")
    try:
        assert process.stdout is not None
        said = process.stdout.readline()  # after the addresses, before "Press Ctrl+C"
        assert said.startswith("Names not on the list may join too"), said
        with urllib.request.urlopen(address + "api/people", timeout=10) as response:
            assert json.load(response)["walk_ins"] is True
        key = {"Idempotency-Key": "a-walk-in-key-0001"}
        joined = call(address, "api/walkin", {"name": "Ingrid Walk-In"}, **key)
        assert joined["name"] == "Ingrid Walk-In" and joined["pending"] is False
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    db = sqlite3.connect(plan)
    try:
        assert db.execute("SELECT walk_ins FROM workshop WHERE id = 1").fetchall() == [(1,)]
    finally:
        db.close()
    # The workshop keeps the setting; --no-walk-ins stops it.
    command = [sys.executable, "-m", "okrdesk", "room", str(plan), "--workshop", "1"]
    process = subprocess.Popen(
        [*command, "--no-walk-ins", "--host", "127.0.0.1", "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        process.stdout.readline()
        address = process.stdout.readline().strip()
        with urllib.request.urlopen(address + "api/people", timeout=10) as response:
            assert json.load(response)["walk_ins"] is False
        with pytest.raises(urllib.error.HTTPError) as refused:
            call(address, "api/walkin", {"name": "Someone Else"}, **{"Idempotency-Key": "k" * 20})
        refused.value.close()
        assert refused.value.code == 403
        process.send_signal(signal.SIGTERM)
        out, _err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Names not on the list" not in out


def test_the_room_command_names_a_workshop_the_plan_does_not_have(tmp_path: Path) -> None:
    plan = tmp_path / "demo.okrdesk"
    copy_demo(plan, "brainstorm", "en")
    before = plan.read_bytes()
    command = [sys.executable, "-m", "okrdesk", "room", str(plan), "--workshop", "99"]
    done = subprocess.run(
        [*command, "--host", "127.0.0.1", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "99" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "The room is open" not in done.stdout
    assert plan.read_bytes() == before
