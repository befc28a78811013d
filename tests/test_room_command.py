"""``okrdesk room``: a real process serves the room on 127.0.0.1 and stops on SIGTERM."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from okrdesk.demo import write_demo


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_the_room_command_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    plan = tmp_path / "demo.okrdesk"
    write_demo(plan, "brainstorm", "en")
    command = [sys.executable, "-m", "okrdesk", "room", str(plan), "--workshop", "1"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", "0", "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        opened = process.stdout.readline()
        address = process.stdout.readline().strip()
        assert "The room is open" in opened, opened + process.stderr.read()
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
