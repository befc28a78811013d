"""A command line that explains itself: help for every command and option in both languages,
an unknown command named (with a suggestion), one overwrite policy for demo and export, and an
option that does not apply to the format refused (not ignored)."""

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from okrdesk import cli, launch
from okrdesk.launch import COMMANDS
from tests.demo_plans import copy_demo


def clock():
    return datetime(2027, 1, 10, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "signed.okrdesk"
    copy_demo(path, "signed", "en")
    return path


def run(capsys, *args):
    status = cli.main([str(a) for a in args], clock=clock)
    out, err = capsys.readouterr()
    return status, out, err


def help_of(capsys, *args):
    with pytest.raises(SystemExit) as done:
        cli.main([*args, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_the_window_help_lists_every_command_with_a_line_each(capsys):
    with pytest.raises(SystemExit):
        launch.main(["--lang", "en", "--help"])
    text = capsys.readouterr().out
    for command, line in (
        ("demo", "write a demo plan file"),
        ("info", "summarise a plan"),
        ("import", "import ideas and participants"),
        ("check", "check the OKRs' quality"),
        ("export", "write a PDF"),
    ):
        assert any(row.split()[:1] == [command] and line in row for row in text.splitlines())
    assert "okrdesk info PLAN" in text  # where a workshop's id is found
    assert "never remembered as the last plan" in text  # --demo


def test_the_help_speaks_chinese(capsys):
    with pytest.raises(SystemExit):
        launch.main(["--lang", "zh_CN", "--help"])
    text = capsys.readouterr().out
    assert text.startswith("用法：") and "选项" in text and "写出一个演示计划文件" in text
    zh = help_of(capsys, "export", "--lang", "zh_CN")
    assert "仅限 PDF：纸张大小" in zh
    assert "「okrdesk info 计划文件」输出中 # 后的数字" in zh


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_explains_its_options(capsys, command):
    text = help_of(capsys, command, "--lang", "en")
    assert "show this help and exit" in text
    assert "language of the output" in text
    if command not in ("demo", "store"):  # the store's actions take its URL, not a plan
        assert "PLAN" in text and "the plan file (.okrdesk)" in text
    if command in ("info", "import", "check", "export"):
        assert "--workshop ID" in text and "number after # in 'okrdesk info PLAN'" in text


def test_the_export_help_says_the_formats_the_pdf_options_and_the_overwrite_policy(capsys):
    text = " ".join(help_of(capsys, "export", "--lang", "en").split())
    assert ".pdf, .md, .csv or .json" in text
    assert "PDF only: the paper size" in text and "PDF only: handout (default)" in text
    assert "--force" in text and "replace OUT if it exists" in text


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["exprot", "plan.okrdesk", "x.pdf"], "unknown command 'exprot' (did you mean 'export'?)"),
        (["chek", "plan.okrdesk"], "unknown command 'chek' (did you mean 'check'?)"),
        (["frobnicate"], "unknown command 'frobnicate'. Commands: demo, info"),
    ],
)
def test_a_mistyped_command_is_said_as_unknown(capsys, argv, said):
    status, _out, err = run(capsys, *argv, "--lang", "en")
    assert status == cli.EXIT_USAGE and said in err
    assert launch.main([*argv, "--lang", "en"]) == launch.EXIT_USAGE  # never opens a window
    assert said in capsys.readouterr().err


def test_a_mistyped_command_after_the_options_is_said_too(capsys):
    assert launch.main(["--lang", "en", "--demo", "exprot"]) == launch.EXIT_USAGE
    assert "unknown command 'exprot'" in capsys.readouterr().err


def test_an_unknown_command_in_chinese(capsys):
    status, _out, err = run(capsys, "exprot", "--lang", "zh_CN")
    assert status == cli.EXIT_USAGE
    assert "未知命令「exprot」（是否想输入「export」？）" in err


def test_a_plan_file_name_is_not_taken_for_a_command(tmp_path, monkeypatch):
    assert launch.unknown_command(["plan.okrdesk"], "en") is None
    assert launch.unknown_command([str(tmp_path / "plan")], "en") is None
    existing = tmp_path / "plan"
    existing.write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert launch.unknown_command(["plan"], "en") is None


def test_export_never_overwrites_unless_forced(plan, tmp_path, capsys):
    out = tmp_path / "handout.md"
    assert run(capsys, "export", plan, out, "--lang", "en")[0] == 0
    out.write_text("kept", encoding="utf-8")
    status, _out, err = run(capsys, "export", plan, out, "--lang", "en")
    assert status == cli.EXIT_USAGE and "already exists" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "kept"
    assert run(capsys, "export", plan, out, "--force", "--lang", "en")[0] == 0
    assert out.read_text(encoding="utf-8") != "kept"
    # The plan itself is refused as such, even with --force.
    status, _out, err = run(capsys, "export", plan, plan, "--force", "--lang", "en")
    assert status == cli.EXIT_USAGE and "already exists" not in err
    # The demo command keeps the same policy: an existing file is never replaced.
    status, _out, err = run(capsys, "demo", out, "--lang", "en")
    assert status == cli.EXIT_USAGE and "already exists" in err


@pytest.mark.parametrize("option", [["--paper", "letter"], ["--document", "wall"]])
@pytest.mark.parametrize("suffix", [".md", ".csv", ".json"])
def test_a_pdf_option_for_another_format_is_refused(plan, tmp_path, capsys, option, suffix):
    out = tmp_path / f"out{suffix}"
    status, _out, err = run(capsys, "export", plan, out, *option, "--lang", "en")
    assert status == cli.EXIT_USAGE
    assert f"{option[0]} applies to a PDF export only" in err
    assert not out.exists()
    status, _out, err = run(capsys, "export", plan, out, *option, "--lang", "zh_CN")
    assert f"{option[0]} 仅适用于 PDF 导出" in err


def test_the_pdf_options_still_apply_to_a_pdf(plan, tmp_path, capsys):
    out = tmp_path / "wall.pdf"
    status, _out, err = run(capsys, "export", plan, out, "--document", "wall", "--paper", "letter")
    assert status == 0, err
    assert out.read_bytes().startswith(b"%PDF")


def test_an_encoding_for_a_workbook_is_refused(plan, tmp_path, capsys):
    book = tmp_path / "survey.xlsx"
    book.write_bytes(b"not read")
    status, _out, err = run(
        capsys, "import", plan, book, "--workshop", "1", "--encoding", "gbk", "--lang", "en"
    )
    assert status == cli.EXIT_USAGE and "--encoding applies to a text file" in err


def test_help_as_a_person_runs_it():
    result = subprocess.run(
        [sys.executable, "-m", "okrdesk", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""},
        timeout=120,
    )
    assert result.returncode == 0 and "命令" in result.stdout and "export" in result.stdout


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "(until Ctrl+C). Type “phones” to list the phones, “approve N”"),
        ("zh_CN", "（按 Ctrl+C 停止）。输入“phones”列出手机，“approve N”"),
    ],
)
def test_the_room_commands_help_names_what_the_facilitator_may_type(capsys, language, words):
    shown = " ".join(help_of(capsys, "room", "--lang", language).split())
    assert words in shown
