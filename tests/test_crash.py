"""Kill -9 while random operations commit: every acknowledged change survives, nothing else.

A child process drives random operations (add, edit, delete an idea; undo the last change)
and says what the plan's ideas will be before each commit ("intent") and that the commit
returned ("ack"). The test kills it at a random moment, reopens the plan (recovering its
log) and checks the ideas are those of the last acknowledged commit, or of the one in
flight when the kill came. A few runs in the normal suite; ``pytest -m soak`` runs many.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

from okrdesk.models import Idea, Phase
from okrdesk.models.planfile import PlanFile

DRIVER = r"""
import json, random, sys
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import Idea, Phase
from okrdesk.models.planfile import PlanFile
from sqlalchemy import select

path, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
plan = PlanFile.open(path)
editor = PlanEditor(plan)
with plan.reader() as session:
    ideas = {i.id: i.text for i in session.scalars(select(Idea))}
history = []  # (change, ideas before it)
number = 0

def say(kind, state):
    print(kind, json.dumps(sorted(state.values()), ensure_ascii=False), flush=True)

while True:
    number += 1
    choice = rng.random()
    if history and choice < 0.15:
        change, before = history.pop()
        say("intent", before)
        editor.revert(change)
        ideas = before
    elif ideas and choice < 0.35:
        target = rng.choice(sorted(ideas))
        after = {k: v for k, v in ideas.items() if k != target}
        say("intent", after)
        history.append((editor.apply(ops.DeleteIdea(target)), ideas))
        ideas = after
    elif ideas and choice < 0.55:
        target = rng.choice(sorted(ideas))
        text = f"edited {seed}-{number} 改"
        after = {**ideas, target: text}
        say("intent", after)
        history.append((editor.apply(ops.EditIdea(target, text)), ideas))
        ideas = after
    else:
        text = f"idea {seed}-{number} 想法"
        say("intent", {**ideas, -number: text})
        change = editor.apply(ops.AddIdea(1, text))
        history.append((change, ideas))
        ideas = {**ideas, change.result: text}
    say("ack", ideas)
"""


def crash_once(plan: Path, seed: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(plan), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    wanted = random.Random(seed).randint(1, 25)
    record: list[str] = []
    try:
        for line in child.stdout:
            record.append(line)
            wanted -= line.startswith("ack")
            if wanted == 0:
                break
    finally:
        # The child goes on committing while the signal travels: the kill lands anywhere.
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    # Everything it printed before it died is in the pipe or already in our reader's
    # buffer: read the rest through the same reader, so no line is skipped (but for a last
    # line the kill cut short: that commit is only in flight).
    rest = child.stdout.read()
    child.stdout.close()
    errors = child.stderr.read() if child.stderr is not None else ""
    if child.stderr is not None:
        child.stderr.close()
    record.extend(rest.splitlines(keepends=True))
    if record and not record[-1].endswith("\n"):
        record.pop()
    assert any(entry.startswith("ack") for entry in record), f"the driver failed: {errors}"
    acknowledged: list[str] | None = None
    in_flight: list[str] | None = None
    for line in record:
        kind, _, state = line.partition(" ")
        if kind == "ack":
            acknowledged, in_flight = json.loads(state), None
        elif kind == "intent":
            in_flight = json.loads(state)
    with PlanFile.open(plan) as reopened, reopened.reader() as session:
        found = sorted(session.scalars(select(Idea.text)))
    with closing(sqlite3.connect(f"{plan.resolve().as_uri()}?mode=ro", uri=True)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert found in (acknowledged, in_flight), (
        f"run {seed}: the plan holds {found}; last acknowledged {acknowledged}, "
        f"in flight {in_flight}"
    )


@pytest.fixture
def crash_plan(room, plan_path) -> Path:
    room.go(Phase.BRAINSTORM)
    room.idea("before any crash")
    room.editor.plan.close()
    return plan_path


@pytest.mark.parametrize("seed", range(4))
def test_a_kill_during_random_operations_loses_no_acknowledged_change(crash_plan, seed):
    crash_once(crash_plan, seed)


@pytest.mark.soak
def test_many_kills_during_random_operations_lose_nothing(crash_plan):
    for seed in range(100, 160):
        crash_once(crash_plan, seed)
