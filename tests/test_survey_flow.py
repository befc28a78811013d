"""Survey imports in the facilitator's flow: one length for a card, departments kept, a
title row above the header (through the command line; no Qt)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from okrdesk.engine import ops
from okrdesk.engine.card_rows import card_wall
from okrdesk.engine.editor import PlanEditor
from okrdesk.engine.importer import ImportIdeas, ImportRow, plan_import, read_source
from okrdesk.engine.participants import ParticipantRow, participant_list
from okrdesk.engine.sources import read_snapshot
from okrdesk.engine.survey_columns import header_row
from okrdesk.models.fileformat import read_schema_revision
from okrdesk.models.planfile import PlanFile
from tests.test_survey_import import SURVEYS, ideas_of, run, survey_plan


@pytest.fixture
def plan(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "plan.okrdesk"
    return path, survey_plan(path)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Row 3: the idea in column A “idea” is 201 characters long; a card holds at most"),
        ("zh_CN", "第 3 行：A “idea” 列中的想法有 201 个字符；一张卡片最多 200 个字符"),
    ],
)
def test_an_idea_longer_than_a_card_is_refused_naming_its_row_never_cut(
    plan, capsys, tmp_path: Path, language: str, said: str
):
    path, workshops = plan
    source = tmp_path / "long.csv"
    source.write_text(f"idea,author\nShort one,Ana\n{'长' * 201},Bo\n", encoding="utf-8")
    code, out, err = run(
        capsys, "import", path, source, "--workshop", workshops["open"], "--lang", language
    )
    assert (code, out) == (2, "")
    assert err.startswith(f"okrdesk: {said}")
    assert ideas_of(path, workshops["open"]) == []


def test_an_idea_of_exactly_a_cards_length_is_imported_whole(plan, capsys, tmp_path: Path):
    path, workshops = plan
    source = tmp_path / "full.csv"
    source.write_text(f"idea\n{'满' * 200}\n", encoding="utf-8")
    code, _, err = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert (code, err) == (0, "")
    assert ideas_of(path, workshops["open"]) == [("满" * 200, None)]


@pytest.mark.parametrize(
    ("rows", "header"),
    [
        ([["idea", "author"], ["x", "Ana"]], 0),
        (
            [
                ["2027年第一季度目标征集问卷"],
                ["序号", "1、您的姓名", "2、目标"],
                ["1", "王丽", "x"],
            ],
            1,
        ),
        ([["问卷标题：各部门目标征集"], [], ["序号", "1、您的姓名"], ["1", "王丽"]], 2),
        ([["各部门目标征集问卷", ""], ["姓名", "部门", "目标"]], 1),  # 部门 in a title
        ([["idea"], ["x", "extra"]], 0),  # a one-column header is no title
        ([["idea"], ["x"], ["y"]], 0),  # one column all the way down
        ([["Q1 ideas"], ["a"], ["b"], ["c"], ["d"], ["e"], ["name", "idea"]], 0),  # too far
        ([["问卷标题：", "2027Q1"], ["导出时间：", "2026-12-01"], ["姓名", "目标"]], 2),
        ([[], ["idea"], ["x"]], 1),  # a blank row above a one-column list's header
        ([[], []], 0),  # nothing at all: the first row (refused as no header)
    ],
)
def test_the_header_row_is_found_below_a_surveys_title(rows, header):
    assert header_row(rows) == header


def test_rows_below_a_title_are_numbered_as_in_the_file(plan, capsys, tmp_path: Path):
    path, workshops = plan
    source = tmp_path / "titled.csv"
    source.write_text("问卷标题：Q1\n\n姓名,想法\n王丽,x\n张伟,y,z\n", encoding="utf-8")
    code, _, err = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert code == 2 and err.startswith("okrdesk: Row 5 has more cells than there are columns")


def departments_of(path: Path, workshop: int) -> dict[str, str | None]:
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        return {row.name: row.department for row in participant_list(session, workshop)}


SURVEY_DEPARTMENTS = {
    "Ana": None,
    "陈静": "人力资源部",  # there before the import: given the department the survey says
    "王丽": "市场部",
    "张伟": "设计部",
    "刘洋": "研发部",
    "赵磊": "客服部",
}


def test_each_authors_department_is_kept_through_the_command_line(plan, capsys):
    path, workshops = plan
    source = SURVEYS / "tencent_titled.csv"
    code, _, _ = run(capsys, "import", path, source, "--workshop", workshops["open"])
    assert code == 0
    assert departments_of(path, workshops["open"]) == SURVEY_DEPARTMENTS
    with PlanFile.open(path, read_only=True) as opened, opened.reader() as session:
        wang = next(p for p in participant_list(session, workshops["open"]) if p.name == "王丽")
        assert wang.label == "王丽 · 市场部"
        cards = card_wall(session, workshops["open"]).cards
    assert (cards[0].author, cards[0].department) == ("王丽", "市场部")


@pytest.mark.parametrize(
    ("option", "expected"),
    [("-", None), ("H", "人力资源部"), ("2、您所在的部门", "人力资源部"), ("4", "微信")],
)
def test_the_department_column_is_chosen_or_left_out_on_the_command_line(
    plan, capsys, option, expected
):
    path, workshops = plan
    source = SURVEYS / "wenjuanxing_gb18030.csv"
    code, _, err = run(
        capsys, "import", path, source, "--workshop", workshops["open"],
        "--department-column", option,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert departments_of(path, workshops["open"])["陈静"] == expected


def test_an_import_undone_takes_the_departments_back(tmp_path: Path):
    path = tmp_path / "plan.okrdesk"
    workshops = survey_plan(path)
    rows = plan_import(read_source(SURVEYS / "tencent_utf8_bom.csv").rows).rows
    with PlanFile.open(path) as opened:
        editor = PlanEditor(opened)
        change = editor.apply(ImportIdeas(workshops["open"], rows))
        editor.revert(change)
    assert departments_of(path, workshops["open"]) == {"Ana": None, "陈静": None}


def test_a_department_said_before_is_not_overwritten_by_another_file(tmp_path: Path):
    path = tmp_path / "plan.okrdesk"
    workshops = survey_plan(path)
    first = [ImportRow(2, "x", "王丽", "市场部")]
    second = [ImportRow(2, "y", "王丽", "销售部"), ImportRow(3, None, "Ana", "财务部")]
    with PlanFile.open(path) as opened:
        editor = PlanEditor(opened)
        editor.apply(ImportIdeas(workshops["open"], tuple(first)))
        editor.apply(ImportIdeas(workshops["open"], tuple(second)))
    departments = departments_of(path, workshops["open"])
    assert (departments["王丽"], departments["Ana"]) == ("市场部", "财务部")


def test_departments_travel_in_the_plan_json_and_never_from_an_anonymous_workshop(
    plan, capsys, tmp_path: Path
):
    path, workshops = plan
    run(capsys, "import", path, SURVEYS / "tencent_utf8_bom.csv", "--workshop", workshops["open"])
    code, out, _ = run(capsys, "info", path, "--json", "--workshop", workshops["open"])
    assert code == 0
    people = json.loads(out)["workshops"][0]["participants"]
    assert people[0] == {"id": people[0]["id"], "name": "Ana"}  # no department: no key
    assert {"name": "王丽", "department": "市场部"}.items() <= people[2].items()
    exported = tmp_path / "plan.json"
    exported.write_text(out, encoding="utf-8")
    read_back = read_snapshot(exported).workshops[0]
    assert dict(read_back.departments)[people[2]["id"]] == "市场部"
    with PlanFile.open(path) as opened:
        PlanEditor(opened).apply(ops.UpdateWorkshopSettings(workshops["open"], anonymous=True))
    _, out, _ = run(capsys, "info", path, "--json", "--workshop", workshops["open"])
    assert all("department" not in p for p in json.loads(out)["workshops"][0]["participants"])
    with PlanFile.open(path, read_only=True) as opened, opened.reader() as session:
        assert all(c.department is None for c in card_wall(session, workshops["open"]).cards)


def test_a_plan_from_before_departments_is_upgraded_keeping_its_people(tmp_path: Path):
    path = tmp_path / "old.okrdesk"
    with PlanFile.create(path, "Old Co") as created:
        editor = PlanEditor(created)
        cycle = editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)))
        unit = editor.apply(ops.CreateUnit("Old Co")).result
        workshop = editor.apply(ops.CreateWorkshop(unit, cycle.result, "Old")).result
        editor.apply(ops.AddParticipant(workshop, "王丽"))
    db = sqlite3.connect(path)  # as revision 0006 left it: no department column
    db.execute("ALTER TABLE participant DROP COLUMN department")
    # ...nor what revision 0008 added (the room server's code and tables).
    db.execute("DROP TABLE room_request")
    db.execute("DROP TABLE room_phone")
    db.execute("ALTER TABLE workshop DROP COLUMN room_code")
    db.execute("ALTER TABLE workshop DROP COLUMN walk_ins")  # ...nor what 0009 added
    db.execute("DROP TABLE check_in")  # ...nor 0010's check-ins and scores
    db.execute("DROP TABLE key_result_score")
    for table in ("carried_card", "retro_answer", "retro_group", "retrospective"):
        db.execute(f"DROP TABLE {table}")  # ...nor 0011's retrospective and carry-over
    db.execute("ALTER TABLE objective DROP COLUMN carry")
    db.execute("DROP TABLE initiative")  # ...nor 0012's rationale, breakdown and initiatives
    db.execute("ALTER TABLE objective DROP COLUMN rationale")
    db.execute("ALTER TABLE objective DROP COLUMN breakdown")
    db.execute("DROP TABLE publication")  # ...nor 0013's identities and publish queue
    db.execute("DROP TABLE publish_queue")
    db.execute("ALTER TABLE plan_info DROP COLUMN uuid")
    for table in ("org_unit", "workshop", "objective", "key_result"):
        db.execute(f"DROP INDEX ix_{table}_uuid")
        db.execute(f"ALTER TABLE {table} DROP COLUMN uuid")
    db.execute("UPDATE alembic_version SET version_num = '0006'")
    db.commit()
    db.close()
    with PlanFile.open(path) as opened:
        assert opened.backup_path is not None
        with opened.reader() as session:
            assert participant_list(session, workshop) == (ParticipantRow(1, "王丽", None),)
    assert read_schema_revision(path) == "0013"
