"""argparse's own mistakes are said in the command line's language (one line, exit 2)."""

from __future__ import annotations

import pytest

from okrdesk.cli import main
from okrdesk.launch import main as launch
from okrdesk.usage_errors import said_in

CASES = [
    (
        ["import"],
        "error: the following arguments are required: PLAN, SOURCE, --workshop",
        "错误：缺少必需的参数：PLAN, SOURCE, --workshop",
    ),
    (
        ["export", "a.okrdesk", "b.pdf", "--paper", "b5"],
        "error: argument --paper: invalid choice: 'b5' (choose from 'a4', 'letter')",
        "错误：参数 --paper：无效的选项：'b5'（可选：'a4', 'letter'）",
    ),
    (
        ["info", "a.okrdesk", "--bogus", "x"],
        "error: unrecognized arguments: --bogus x",
        "错误：无法识别的参数：--bogus x",
    ),
    (
        ["check", "a.okrdesk", "--workshop"],
        "error: argument --workshop: expected one argument",
        "错误：参数 --workshop：需要一个值",
    ),
    (
        ["info", "a.okrdesk", "--workshop", "x"],
        "error: argument --workshop: not a workshop id: 'x' (a workshop's id is the number "
        "after # in 'okrdesk info PLAN')",
        "错误：参数 --workshop：不是研讨会编号：'x'（研讨会编号是「okrdesk info 计划文件」中 # "
        "后面的数字）",
    ),
]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(("args", "english", "chinese"), CASES)
def test_argparses_errors_follow_the_language(capsys, args, english, chinese, language):
    assert main([*args, "--lang", language]) == 2
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err == f"okrdesk: {english if language == 'en' else chinese}\n"


def test_the_system_language_is_followed_without_lang(capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert main(["check"]) == 2
    assert capsys.readouterr().err == "okrdesk: 错误：缺少必需的参数：PLAN\n"


def test_the_windows_own_options_are_said_in_chinese_too(capsys):
    assert launch(["--lang", "zh_CN", "--demo", "--bogus"]) == 2
    assert capsys.readouterr().err == "okrdesk: 错误：无法识别的参数：--bogus\n"


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("expected at most one argument", "最多需要一个值"),
        ("expected at least one argument", "至少需要一个值"),
        ("expected 2 arguments", "需要 2 个值"),
        ("invalid int value: 'x'", "无效的 int 值：'x'"),
        ("argument -a: not allowed with argument -b", "参数 -a：不能与参数 -b 同时使用"),
        ("one of the arguments -a -b is required", "参数 -a -b 中必须给出一个"),
        (
            "ambiguous option: --w could match --workshop, --wide",
            "选项不明确：--w 可能是 --workshop, --wide",
        ),
        ("a sentence argparse may add one day", "a sentence argparse may add one day"),
    ],
)
def test_each_sentence_argparse_writes_has_its_chinese(english, chinese):
    assert said_in(english, "zh_CN") == chinese
    assert said_in(english, "en") == english
