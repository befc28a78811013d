"""Importing ideas and participants from CSV and XLSX: all or nothing, bad rows named."""

import hashlib
import json
import os
import subprocess
import sys

import pytest
from openpyxl import Workbook

from okrdesk.engine import ops
from okrdesk.engine.importer import SourceFileError, parse_rows, read_rows


def run(*args):
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "okrdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def plan_with_workshop(tmp_path):
    path = tmp_path / "plan.okrdesk"
    assert run("demo", path, "--stage", "brainstorm").returncode == 0
    return path


def workshop_json(path, workshop_id=1):
    plan = json.loads(run("info", path, "--json").stdout)
    return next(w for w in plan["workshops"] if w["id"] == workshop_id)


def test_csv_import_adds_ideas_and_new_participants(tmp_path, plan_with_workshop):
    source = tmp_path / "ideas.csv"
    source.write_text(
        "想法,作者\n提高续约率,Wang Li\nGrow MRR 📈,New Person\n匿名想法,\n,Only A Participant\n\n",
        encoding="utf-8-sig",
    )
    before = workshop_json(plan_with_workshop)
    result = run("import", plan_with_workshop, source, "--workshop", 1)
    assert result.returncode == 0, result.stderr
    assert "Imported ideas: 3; new participants: 2." in result.stdout
    after = workshop_json(plan_with_workshop)
    assert [i["text"] for i in after["ideas"][-3:]] == ["提高续约率", "Grow MRR 📈", "匿名想法"]
    names = {p["name"] for p in after["participants"]}
    assert {"New Person", "Only A Participant"} <= names
    assert len(after["participants"]) == len(before["participants"]) + 2


def test_xlsx_import(tmp_path, plan_with_workshop):
    book = Workbook()
    sheet = book.active
    sheet.append(["Idea", "Author"])
    sheet.append(["Win the mid-market", "Zhang Wei"])
    sheet.append([2027, None])
    source = tmp_path / "ideas.xlsx"
    book.save(source)
    result = run("import", plan_with_workshop, source, "--workshop", 1)
    assert result.returncode == 0, result.stderr
    assert [i["text"] for i in workshop_json(plan_with_workshop)["ideas"][-2:]] == [
        "Win the mid-market",
        "2027",
    ]


def test_a_gb18030_csv_from_chinese_excel_is_read(tmp_path):
    source = tmp_path / "ideas.csv"
    source.write_bytes("想法,作者\n降低获客成本,刘洋\n".encode("gb18030"))
    rows = parse_rows(read_rows(source))
    assert (rows[0].idea, rows[0].author) == ("降低获客成本", "刘洋")


@pytest.mark.parametrize(
    ("content", "row"),
    [
        ("idea,author\nfine,Ana\n" + "x" * 501 + ",Bo\n", 3),
        ("idea,author\nfine,Ana\nok,Bo,surprise\n", 3),
        ("idea\nfine\nbad \x07 bell\n", 3),
        ("idea,notes,author\n,only a note,\n", 2),
    ],
)
def test_a_malformed_row_is_named_and_nothing_is_imported(
    tmp_path, plan_with_workshop, content, row
):
    source = tmp_path / "ideas.csv"
    source.write_text(content, encoding="utf-8")
    before = plan_digests(plan_with_workshop)
    result = run("import", plan_with_workshop, source, "--workshop", 1)
    assert result.returncode == 2
    assert f"Row {row}" in result.stderr and "nothing was imported" in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1
    assert plan_digests(plan_with_workshop) == before


def plan_digests(path):
    """The SHA-256 of the plan file and of anything beside it (-wal, -shm): unchanged if refused."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in path.parent.glob(path.name + "*")
    }


def test_missing_header_unknown_type_and_unknown_workshop(tmp_path, plan_with_workshop):
    no_header = tmp_path / "ideas.csv"
    no_header.write_text("just,some\nvalues,here\n")
    with pytest.raises(SourceFileError) as refused:
        parse_rows(read_rows(no_header))
    assert refused.value.message_id == "import.no_header"
    odd = tmp_path / "ideas.txt"
    odd.write_text("idea\nx\n")
    assert run("import", plan_with_workshop, odd, "--workshop", 1).returncode == 2
    good = tmp_path / "good.csv"
    good.write_text("idea\nx\n")
    result = run("import", plan_with_workshop, good, "--workshop", 99)
    assert result.returncode == 2 and "99" in result.stderr


def test_import_is_one_undo_step(room, tmp_path):
    source = tmp_path / "ideas.csv"
    source.write_text("idea;author\nA;Ana\nB;Zed\n")
    before = room.state()
    change = room.editor.apply(ops_import(room.workshop, parse_rows(read_rows(source))))
    assert change.result == (2, 1)
    room.editor.revert(change)
    assert room.state() == before


def ops_import(workshop, rows):
    from okrdesk.engine.importer import ImportIdeas

    return ImportIdeas(workshop, tuple(rows))


def test_ops_module_exports_every_operation():
    assert "InsertTemplate" in ops.__all__
