"""Survey imports in the facilitator's flow: one length for a card, departments kept, a
title row above the header (through the command line; no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrdesk.engine.survey_columns import header_row
from tests.test_survey_import import ideas_of, run, survey_plan


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
        ([["survey: Q1"], ["a"], ["b"], ["c"], ["d"], ["e"], ["name", "idea"]], 0),  # too far
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
