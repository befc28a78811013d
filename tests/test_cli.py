"""The command line, run as a person runs it: in a subprocess, reading stdout, stderr and exit
codes."""

import json
import os
import subprocess
import sys

import pytest

from okrdesk import __version__


def okrdesk(*args, env_extra=None, cwd=None):
    env = {**os.environ, "LANG": "en_US.UTF-8", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "okrdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    """One demo plan per stage, written once through the real command."""
    folder = tmp_path_factory.mktemp("demos")
    files = {}
    for stage in ("brainstorm", "grouped", "voting", "voted", "selected", "signed"):
        path = folder / f"{stage}.okrdesk"
        result = okrdesk("demo", path, "--stage", stage, "--lang", "en")
        assert result.returncode == 0, result.stderr
        files[stage] = path
    return files


def info_json(path):
    result = okrdesk("info", path, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_version():
    result = okrdesk("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"okrdesk {__version__}")


def test_starting_a_command_loads_neither_the_workbook_reader_nor_the_json_schema():
    """openpyxl and pydantic cost a quarter of a second: loaded only to read an .xlsx or a .json."""
    code = (
        "import sys, okrdesk.cli; "
        "print(sorted(m for m in ('openpyxl', 'pydantic') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr


def test_info_json_has_the_documented_shape(demo_files):
    plan = info_json(demo_files["signed"])
    assert plan["format"] == "okrdesk-plan" and plan["format_version"] == 1
    assert plan["cycles"] == [
        {"id": 1, "name": "2027-Q1", "start": "2027-01-01", "end": "2027-03-31"}
    ]
    levels = {unit["name"]: unit["level"] for unit in plan["units"]}
    assert levels["Northstar Software"] == "company" and levels["Marketing"] == "department"
    assert set(plan["units"][0]) == {"id", "name", "parent_id", "level"}
    workshop = plan["workshops"][0]
    for key in (
        "id",
        "title",
        "unit_id",
        "cycle_id",
        "phase",
        "participants",
        "ideas",
        "objectives",
        "signoff",
    ):
        assert key in workshop
    assert set(workshop["participants"][0]) == {"id", "name"}
    assert {"id", "text", "dots"} <= set(workshop["ideas"][0])
    objective = workshop["objectives"][0]
    assert {"id", "title", "dots", "parent", "key_results"} <= set(objective)
    kr = objective["key_results"][0]
    assert {"id", "title", "start", "target", "unit", "deadline", "owner", "kind"} <= set(kr)
    assert set(workshop["signoff"]) >= {"status", "signer", "at", "rounds"}


def room_workshops(plan):
    """The workshops held in a room (a person's light-form OKRs are not)."""
    people = {u["id"] for u in plan["units"] if u["level"] == "person"}
    return [w for w in plan["workshops"] if w["unit_id"] not in people]


def person_workshop(plan):
    people = {u["id"] for u in plan["units"] if u["level"] == "person"}
    (workshop,) = [w for w in plan["workshops"] if w["unit_id"] in people]
    return workshop


def test_the_demo_has_a_company_and_departments_with_realistic_workshops(demo_files):
    plan = info_json(demo_files["signed"])
    departments = [u for u in plan["units"] if u["level"] == "department"]
    assert len(departments) >= 2 and "Marketing" in {d["name"] for d in departments}
    for workshop in room_workshops(plan):
        assert 8 <= len(workshop["participants"]) <= 12
        assert len(workshop["ideas"]) >= 15
        assert workshop["objectives"] and all(o["key_results"] for o in workshop["objectives"])
        assert workshop["signoff"]["status"] == "approved" and workshop["locked"]
    company = plan["workshops"][0]
    company_objectives = {o["id"] for o in company["objectives"]}
    company_krs = {kr["id"] for o in company["objectives"] for kr in o["key_results"]}
    for workshop in plan["workshops"][1:]:
        parents = [o["parent"] for o in workshop["objectives"] if o["parent"]]
        assert parents, workshop["title"]
    department_parents = [
        o["parent"]
        for w in plan["workshops"]
        if w["unit_id"] in {d["id"] for d in departments}
        for o in w["objectives"]
        if o["parent"]
    ]
    assert all(
        (p["type"] == "objective" and p["id"] in company_objectives)
        or (p["type"] == "key_result" and p["id"] in company_krs)
        for p in department_parents
    )
    assert any(w["signoff"]["rounds"] == 2 for w in plan["workshops"])  # one was returned once


def test_dots_are_null_until_the_tally_is_revealed(demo_files):
    for stage in ("brainstorm", "grouped", "voting"):
        for workshop in info_json(demo_files[stage])["workshops"]:
            assert all(o["dots"] is None for o in workshop["objectives"])
            assert all(i["dots"] is None for i in workshop["ideas"])
    for stage in ("voted", "selected", "signed"):
        for workshop in room_workshops(info_json(demo_files[stage])):
            assert all(isinstance(o["dots"], int) for o in workshop["objectives"])


def test_demo_dots_follow_the_rules(demo_files):
    import sqlite3

    db = sqlite3.connect(demo_files["voted"])
    per_voter = db.execute(
        "SELECT MAX(total) FROM"
        " (SELECT SUM(count) AS total FROM dot GROUP BY round_id, participant_id)"
    )
    assert per_voter.fetchone()[0] <= 5
    assert db.execute("SELECT MAX(count) FROM dot").fetchone()[0] <= 3
    db.close()


@pytest.mark.parametrize(
    ("stage", "phase", "signoff"),
    [
        ("brainstorm", "brainstorm", None),
        ("grouped", "group", None),
        ("voting", "vote", None),
        ("voted", "vote", None),
        ("selected", "select", None),
        ("signed", "export", "approved"),
    ],
)
def test_each_stage_carries_every_workshop_to_it(demo_files, stage, phase, signoff):
    for workshop in room_workshops(info_json(demo_files[stage])):
        assert workshop["phase"] == phase
        assert (workshop["signoff"] or {}).get("status") == signoff
        if stage == "voting":
            assert (
                workshop["voting"]["open"]
                and workshop["voting"]["ballots_cast"] < workshop["voting"]["ballots_expected"]
            )
        if stage == "selected":
            assert any(o["selected"] for o in workshop["objectives"])
        if stage == "brainstorm":
            assert workshop["objectives"] == []


@pytest.mark.parametrize(
    ("stage", "phase", "signoff"),
    [
        ("brainstorm", "setup", None),
        ("voted", "group", None),
        ("selected", "signoff", "pending"),
        ("signed", "export", "approved"),
    ],
)
def test_the_demos_person_writes_okrs_in_the_light_form(demo_files, stage, phase, signoff):
    plan = info_json(demo_files[stage])
    workshop = person_workshop(plan)
    assert (workshop["phase"], (workshop["signoff"] or {}).get("status")) == (phase, signoff)
    assert workshop["ideas"] == [] and workshop["voting"] is None
    if stage != "brainstorm":
        assert len(workshop["objectives"]) == 2
        assert all(o["parent"] and len(o["key_results"]) == 2 for o in workshop["objectives"])


def test_chinese_demo_and_readable_summary(tmp_path):
    path = tmp_path / "演示.okrdesk"
    assert okrdesk("demo", path, "--stage", "voting", "--lang", "zh_CN").returncode == 0
    result = okrdesk("info", path, "--lang", "zh_CN")
    assert result.returncode == 0
    assert (
        "北辰软件" in result.stdout and "投票进行中" in result.stdout and "市场部" in result.stdout
    )
    english = okrdesk("info", path, "--lang", "en")
    assert "Voting open" in english.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("info",),
        ("demo",),
        ("demo", "x.okrdesk", "--stage", "finished"),
        ("import", "plan.okrdesk", "ideas.csv"),
        ("--no-such-flag",),
        ("info", "plan.okrdesk", "--lang", "fr"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(tmp_path, args):
    result = okrdesk(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [b"", b"hello", b"%PDF-1.4\n"])
def test_unreadable_files_give_one_line_and_exit_2_and_stay_unchanged(tmp_path, content):
    path = tmp_path / "notes.okrdesk"
    path.write_bytes(content)
    result = okrdesk("info", path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert path.read_bytes() == content


def test_errors_speak_chinese_when_asked(tmp_path):
    result = okrdesk("info", tmp_path / "missing.okrdesk", env_extra={"LANG": "zh_CN.UTF-8"})
    assert result.returncode == 2 and "找不到" in result.stderr


def test_demo_never_overwrites(tmp_path):
    path = tmp_path / "mine.okrdesk"
    path.write_text("my notes")
    result = okrdesk("demo", path)
    assert result.returncode == 2 and path.read_text() == "my notes"


@pytest.mark.parametrize(
    "args",
    [("demo", ""), ("import", "p.okrdesk", "s.csv", "--workshop", "99999999999999999999999")],
)
def test_odd_arguments_are_usage_errors(tmp_path, args):
    result = okrdesk(*args, cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_content_corruption_that_sqlite_accepts_is_one_line(tmp_path, demo_files):
    import shutil
    import sqlite3

    path = tmp_path / "odd.okrdesk"
    shutil.copyfile(demo_files["brainstorm"], path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("UPDATE workshop SET created_at = 'yesterday-ish'")
    db.commit()
    db.close()
    result = okrdesk("info", path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_closed_pipe_is_not_an_error(demo_files):
    command = f'"{sys.executable}" -m okrdesk info "{demo_files["signed"]}" --json | head -c 10'
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_an_older_plan_passes_the_window_pre_check(tmp_path):
    from okrdesk.cli import main
    from okrdesk.models.fileformat import check_openable
    from tests.test_planfile import first_schema_plan

    path = tmp_path / "old.okrdesk"
    first_schema_plan(path)
    check_openable(path)  # no refusal: the window will upgrade it (with a backup)
    assert main(["info", str(tmp_path / "nothing.okrdesk")]) == 2


def test_a_failure_in_a_command_that_reads_no_file_is_not_blamed_on_a_file(
    tmp_path, monkeypatch, capsys
):
    from okrdesk import cli

    def broken(*_args):
        raise IndexError("list index out of range")

    monkeypatch.setattr(cli, "write_demo", broken)
    assert cli.main(["demo", str(tmp_path / "d.okrdesk"), "--lang", "en"]) == 2
    error = capsys.readouterr().err
    assert error == "okrdesk: unexpected error: list index out of range\n"


@pytest.mark.parametrize("stage", ["voting", "signed"])
def test_a_fresh_demo_shows_timers_counting_down_not_in_overtime(demo_files, stage):
    import sqlite3
    from datetime import UTC, datetime

    written = datetime.fromtimestamp(demo_files[stage].stat().st_mtime, UTC)
    db = sqlite3.connect(demo_files[stage])
    running = db.execute(
        "SELECT v.started_at, p.planned_minutes FROM phase_visit v "
        "JOIN phase_plan p ON p.workshop_id = v.workshop_id AND p.phase = v.phase "
        "WHERE v.ended_at IS NULL"
    ).fetchall()
    db.close()
    assert len(running) == 6
    for started, planned in running:
        elapsed = (written - datetime.fromisoformat(started)).total_seconds() / 60
        assert 0 < elapsed < planned  # when written, every timer still counted down


def test_info_json_of_one_workshop_is_that_workshop_of_the_whole_plan(demo_files):
    whole = info_json(demo_files["signed"])
    result = okrdesk("info", demo_files["signed"], "--json", "--workshop", 2)
    assert result.returncode == 0, result.stderr
    one = json.loads(result.stdout)
    (workshop,) = one["workshops"]
    same = next(w for w in whole["workshops"] if w["id"] == 2)
    # (The running phase counts up to each run's own clock: compared apart from it.)
    assert {**workshop, "phases": None} == {**same, "phases": None}
    assert one["organisation"] == whole["organisation"]
    assert {u["id"] for u in one["units"]} <= {u["id"] for u in whole["units"]}
    missing = okrdesk("info", demo_files["signed"], "--json", "--workshop", 999, "--lang", "en")
    assert missing.returncode == 2 and "999" in missing.stderr and missing.stdout == ""
