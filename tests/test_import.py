"""Importing ideas and participants from CSV and XLSX: all or nothing, bad rows named."""

import hashlib
import json
import os
import subprocess
import sys
from contextlib import contextmanager

import pytest
from openpyxl import Workbook

from okrdesk.cli import main
from okrdesk.engine import ops
from okrdesk.engine.importer import SourceFileError, parse_rows, read_rows
from tests.demo_plans import copy_demo
from tests.test_storage_errors import a_fifo


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
    copy_demo(path, "brainstorm", "en")  # as `okrdesk demo --stage brainstorm` writes it (LANG=en)
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
    said = (
        "Imported 3 ideas from 2 people; 1 without a name, kept anonymous; "
        "2 new participants added."
    )
    assert said in result.stdout
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
    # Zhang Wei's "Win the mid-market" is on the demo's wall already: not imported twice.
    assert "1 already in the workshop, not imported again" in result.stdout
    ideas = [i["text"] for i in workshop_json(plan_with_workshop)["ideas"]]
    assert ideas.count("Win the mid-market") == 1 and ideas[-1] == "2027"


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
    assert refused.value.message_id == "import.no_idea_column"
    odd = tmp_path / "ideas.doc"
    odd.write_text("idea\nx\n")
    assert run("import", plan_with_workshop, odd, "--workshop", 1).returncode == 2
    good = tmp_path / "good.csv"
    good.write_text("idea\nx\n")
    result = run("import", plan_with_workshop, good, "--workshop", 99)
    assert result.returncode == 2 and "99" in result.stderr


@contextmanager
def odd_source(kind, folder, suffix):
    """An import source of the kind (named with the suffix), the message id that names it,
    and the words it says in English."""
    path = folder / f"ideas{suffix}"
    if kind == "fifo":
        with a_fifo(path):  # holding bytes: opening and reading it would not hang, but answer
            yield path, "import.not_regular", "is not a regular file (it is a device or a pipe)"
    elif kind == "device":
        path.symlink_to("/dev/zero")
        yield path, "import.not_regular", "is not a regular file (it is a device or a pipe)"
    elif kind == "link loop":
        path.symlink_to(folder / f"other{suffix}")
        (folder / f"other{suffix}").symlink_to(path)
        yield path, "import.link_loop", "is a link that loops back on itself"
    elif kind == "broken link":
        path.symlink_to(folder / f"moved{suffix}")
        yield (
            path,
            "import.broken_link",
            f"is a link to {folder / f'moved{suffix}'}, where there is no file",
        )
    elif kind == "folder":
        path.mkdir()
        yield path, "import.not_a_file", "is a folder, not a file"
    else:
        yield path, "import.not_found", "No file at"


@pytest.mark.skipif(os.name != "posix", reason="pipes, devices and links as on Linux and macOS")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(
    "kind", ["fifo", "device", "link loop", "broken link", "folder", "missing"]
)
def test_an_odd_import_source_is_named_for_what_it_is(kind, suffix, plan_path, tmp_path, capsys):
    """Only the source's type is looked at: a pipe or a device is never opened."""
    before = plan_digests(plan_path)
    with odd_source(kind, tmp_path, suffix) as (source, message_id, words):
        for language in ("en", "zh_CN"):
            arguments = [
                "import",
                str(plan_path),
                str(source),
                "--workshop",
                "1",
                "--lang",
                language,
            ]
            assert main(arguments) == 2
            said = capsys.readouterr()
            assert said.out == "" and said.err.count("\n") == 1, said.err
            assert said.err.startswith("okrdesk: ") and str(source) in said.err
            if language == "en":
                assert words in said.err and "nothing was imported" in said.err.lower()
            else:
                assert "未导入任何内容" in said.err
        with pytest.raises(SourceFileError) as refused:
            read_rows(source)
        assert refused.value.message_id == message_id
    assert plan_digests(plan_path) == before


def test_import_is_one_undo_step(room, tmp_path):
    source = tmp_path / "ideas.csv"
    source.write_text("idea;author\nA;Ana\nB;Zed\n")
    before = room.state()
    change = room.editor.apply(ops_import(room.workshop, parse_rows(read_rows(source))))
    assert (change.result.ideas, change.result.new_participants) == (2, 1)
    room.editor.revert(change)
    assert room.state() == before


def ops_import(workshop, rows):
    from okrdesk.engine.importer import ImportIdeas

    return ImportIdeas(workshop, tuple(rows))


def test_ops_module_exports_every_operation():
    assert "InsertTemplate" in ops.__all__
