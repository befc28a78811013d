"""A tie decided is a tie resolved in every output: info --json, the plan JSON read back, the
handout (its vote results and its minutes) and the Markdown minutes (no Qt)."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from okrdesk.cli import main
from okrdesk.engine import ops
from okrdesk.engine.json_reader import snapshot_from_json
from okrdesk.export.plan_json import plan_to_json

NOON = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)
REASON = "Closest to the company objectives; 更贴近公司战略"


def decided_after_a_tied_run_off(room: Any) -> list[int]:
    """Four objectives, three seats: A in, B C D tied; the run-off ties again; decided."""
    a, b, c, d = room.to_voting(["Grow the east", "Keep calm", "Ship weekly", "Cut churn"])
    ana, bo, chen, _dee = room.people
    room.dots(ana, a, 3)
    room.dots(bo, b, 2)
    room.dots(chen, c, 2)
    room.dots(ana, d, 2)
    room.close_and_reveal()
    room.do(ops.StartRunoff(room.workshop))
    room.dots(ana, b, 1)
    room.dots(ana, c, 1)
    room.dots(bo, c, 1)
    room.dots(bo, d, 1)
    room.dots(chen, b, 1)
    room.dots(chen, d, 1)
    room.close_and_reveal()  # two each: tied again for the two seats
    room.do(ops.DecideTie(room.workshop, (b, d), REASON, "Lin"))
    return [a, b, c, d]


def info_json(room: Any, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["info", str(room.path), "--json"], clock=lambda: NOON) == 0
    return capsys.readouterr().out


def test_info_json_says_the_tie_was_decided_and_why(room, capsys):
    a, b, c, d = decided_after_a_tied_run_off(room)
    printed = info_json(room, capsys)
    assert info_json(room, capsys) == printed  # an unchanged plan at a frozen clock: same bytes
    (workshop,) = json.loads(printed)["workshops"]
    voting = workshop["voting"]
    assert (voting["round"], voting["kind"], voting["tied_at_cutoff"]) == (2, "runoff", [])
    result = voting["result"]
    assert (result["tie"], result["seats"], result["selected"]) == ("decided", 3, [a, b, d])
    assert (result["tied"], result["open_seats"]) == ([], 0)
    main_round, runoff = result["rounds"]
    assert {s["objective_id"]: s["status"] for s in main_round["standings"]} == {
        a: "in",
        b: "chosen_by_decision",
        c: "passed_over",
        d: "chosen_by_decision",
    }
    assert (runoff["round"], runoff["kind"], runoff["seats"], runoff["cutoff"]) == (
        2,
        "runoff",
        2,
        2,
    )
    assert [s["dots"] for s in runoff["standings"]] == [2, 2, 2]
    decision = result["decision"]
    assert decision["round"] == 2 and decision["reason"] == REASON
    assert (decision["chosen"], decision["passed_over"], decision["decided_by"]) == (
        [b, d],
        [c],
        "Lin",
    )
    assert datetime.fromisoformat(decision["decided_at"]).tzinfo is not None


def test_the_decision_reads_back_from_plan_json(room, capsys):
    decided_after_a_tied_run_off(room)
    document = json.loads(info_json(room, capsys))
    snapshot = snapshot_from_json(document, "plan.json")
    assert plan_to_json(snapshot) == document
    result = snapshot.workshops[0].voting.result
    assert result.decision.chosen_titles == ("Keep calm", "Cut churn")
    assert result.decision.reason == REASON


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(text.stdout.split())  # lines joined: a sentence may wrap


@pytest.mark.parametrize("source", ["plan", "json"])
def test_the_handout_shows_the_decision_and_its_reason(room, tmp_path, capsys, source):
    decided_after_a_tied_run_off(room)
    plan = room.path
    if source == "json":  # a handout made from an exported plan JSON says the same
        plan = tmp_path / "plan.json"
        plan.write_text(info_json(room, capsys), encoding="utf-8")
    out = tmp_path / "handout.pdf"
    assert main(["export", str(plan), str(out), "--lang", "en"], clock=lambda: NOON) == 0
    text = pdf_text(out)
    decided = "Tie at the cut-off decided by Lin: Keep calm, Cut churn."
    vote_part = text[text.index("Dot-vote results") : text.index("Meeting minutes")]
    assert decided in vote_part and f"Reason: {REASON}" in vote_part
    minutes = text[text.index("Meeting minutes") :]
    assert decided in minutes and f"Reason: {REASON}" in minutes and "round 2" in minutes
    assert "run-off or a facilitator decision will follow" not in text


def test_the_chinese_handout_says_it_in_chinese(room, tmp_path):
    decided_after_a_tied_run_off(room)
    out = tmp_path / "handout.pdf"
    assert main(["export", str(room.path), str(out), "--lang", "zh_CN"], clock=lambda: NOON) == 0
    text = pdf_text(out).replace(" ", "")
    assert "入选线上的平票已由Lin决定：Keepcalm、Cutchurn。" in text
    assert "理由：" in text and "更贴近公司战略" in text


def test_the_markdown_minutes_show_the_decision_and_its_reason(room, tmp_path):
    decided_after_a_tied_run_off(room)
    out = tmp_path / "minutes.md"
    assert main(["export", str(room.path), str(out), "--lang", "en"], clock=lambda: NOON) == 0
    text = out.read_text(encoding="utf-8")
    assert "### Dot-vote results" in text
    assert "- Tie at the cut-off decided by Lin: Keep calm, Cut churn." in text
    assert f"- Reason: {REASON}" in text


def test_an_open_tie_is_said_as_open_everywhere(room, tmp_path, capsys):
    a, b, c, d = room.to_voting(["Grow the east", "Keep calm", "Ship weekly", "Cut churn"])
    room.dots(room.people[0], a, 3)
    room.dots(room.people[1], b, 2)
    room.dots(room.people[2], c, 1)
    room.dots(room.people[2], d, 1)
    room.close_and_reveal()  # three seats: C and D tied for the last one
    result = json.loads(info_json(room, capsys))["workshops"][0]["voting"]["result"]
    assert (result["tie"], sorted(result["tied"]), result["open_seats"]) == ("tied", [c, d], 1)
    assert result["decision"] is None
    out = tmp_path / "minutes.md"
    assert main(["export", str(room.path), str(out), "--lang", "en"], clock=lambda: NOON) == 0
    assert "- Tied at the cut-off: 2 objectives for 1 seat(s)" in out.read_text(encoding="utf-8")


def test_the_text_summary_says_the_tie_was_decided_and_why(room, capsys):
    decided_after_a_tied_run_off(room)
    assert main(["info", str(room.path), "--lang", "en"], clock=lambda: NOON) == 0
    text = capsys.readouterr().out
    assert "Tie at the cut-off decided by Lin: Keep calm, Cut churn." in text
    assert f"Reason: {REASON}" in text
    assert "tied" not in text.replace("decided", "")  # no "still tied" line beside it


def test_one_dot_is_one_dot_in_the_summary_and_the_handout(room, tmp_path, capsys):
    from okrdesk.models import Phase

    room.go(Phase.BRAINSTORM)
    cards = [room.idea("Grow the east"), room.idea("Keep calm")]
    room.go(Phase.GROUP)
    a, b = (room.do(ops.MakeObjectiveFromIdea(card)) for card in cards)
    for objective in (a, b):
        room.do(ops.AddKeyResult(objective, ops.KeyResultFields("Reach 10 customers", target=10)))
    room.go(Phase.VOTE)
    room.do(ops.OpenVoting(room.workshop))
    room.dots(room.people[0], a, 2)
    room.dots(room.people[1], b, 1)
    room.close_and_reveal()
    assert main(["info", str(room.path), "--lang", "en"], clock=lambda: NOON) == 0
    text = capsys.readouterr().out
    assert "Grow the east [2 dots]" in text and "Keep calm [1 dot]" in text
    out = tmp_path / "handout.pdf"
    assert main(["export", str(room.path), str(out), "--lang", "en"], clock=lambda: NOON) == 0
    handout = pdf_text(out)
    assert "Keep calm — 1 dot" in handout and "Grow the east — 2 dots" in handout
    assert "1 dots" not in handout
