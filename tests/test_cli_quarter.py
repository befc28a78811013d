"""The quarter from the command line: the check-in sheet written, filled and imported (all or
nothing), a check-in recorded, the review listed (text and JSON), a score adjusted and cleared;
help and refusals in both languages."""

import csv
import json
import shutil
from datetime import UTC, datetime

import pytest

from okrdesk import cli
from tests.demo_plans import copy_demo


def clock():
    return datetime(2027, 2, 15, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "signed.okrdesk"
    copy_demo(path, "signed", "en")
    return path


@pytest.fixture
def plan(signed, tmp_path):
    copy = tmp_path / "plan.okrdesk"
    shutil.copyfile(signed, copy)
    return copy


def run(capsys, *args):
    status = cli.main([str(a) for a in args], clock=clock)
    out, err = capsys.readouterr()
    return status, out, err


def review_json(capsys, plan):
    status, out, _ = run(capsys, "review", plan, "--workshop", 1, "--json")
    assert status == 0
    return json.loads(out)


def key_results(review):
    return {kr["id"]: kr for o in review["objectives"] for kr in o["key_results"]}


def test_the_sheet_is_written_filled_in_and_imported_once(plan, tmp_path, capsys):
    sheet = tmp_path / "week7.csv"
    status, out, _ = run(
        capsys, "checkin", "template", plan, sheet, "--workshop", 1, "--lang", "en"
    )
    assert (status, out.strip()) == (0, f"Written: {sheet}")
    with sheet.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["KR id", "Objective", "Key result"]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 9)]
    rows[1][7:14] = ["46", "", "", "7", "two big deals", "Chen", "2027-02-10"]
    rows[4][7:14] = ["14", "", "", "6", "", "", "2027-02-10"]
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    status, out, err = run(
        capsys, "checkin", "import", plan, sheet, "--workshop", 1, "--lang", "en"
    )
    assert status == 0, err
    assert out.strip() == (
        "Imported 2 check-ins on 2 key results; 6 key results left blank. "
        "The file was read as UTF-8 (Unicode)."
    )
    krs = key_results(review_json(capsys, plan))
    assert krs[1]["check_ins"][0]["value"] == 46 and krs[1]["progress"] == pytest.approx(4 / 13)
    assert krs[4]["check_ins"][0]["comment"] is None and krs[4]["progress"] == 0.5
    # The same sheet again: nothing new, said in Chinese too.
    status, _, err = run(
        capsys, "checkin", "import", plan, sheet, "--workshop", 1, "--lang", "zh_CN"
    )
    assert status == 1
    assert "计划中已有这 2 条进展记录" in err
    # An existing file is not replaced without --force.
    status, _, err = run(
        capsys, "checkin", "template", plan, sheet, "--workshop", 1, "--lang", "en"
    )
    assert status == 2 and "already exists" in err


def test_a_sheet_with_a_bad_row_imports_nothing_and_names_every_row(plan, tmp_path, capsys):
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "关键结果,当前值,信心\n"
        "Raise NPS from 31 to 45,38,7\n"
        "Raise NPS from 31 to 45,大约一半,7\n"
        "Grow profit,3,\n"
        "Get 150 qualified leads from email marketing,40,\n",
        encoding="utf-8",
    )
    status, out, err = run(
        capsys, "checkin", "import", plan, sheet, "--workshop", 1, "--lang", "en"
    )
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "okrdesk: Row 3: The value must be a number, such as 150 or 7.5.",
        "okrdesk: Row 4: the approved OKRs of “Management meeting 2027-Q1” have no key result "
        "called “Grow profit”.",
        "okrdesk: Row 5: “Get 150 qualified leads from email marketing” is a key result of "
        "another workshop, “Marketing OKR workshop 2027-Q1” (#2): import its rows there.",
        "okrdesk: Nothing was imported: correct these rows and import the sheet again.",
    ]
    assert all(not kr["check_ins"] for kr in key_results(review_json(capsys, plan)).values())


def test_a_check_in_recorded_and_the_review_listed(plan, capsys):
    status, out, err = run(
        capsys,
        "checkin",
        "record",
        plan,
        "--kr",
        6,
        "--value",
        "12",
        "--confidence",
        5,
        "--comment",
        "剪辑中",
        "--who",
        "Liu Yang",
        "--date",
        "2027-02-12",
        "--lang",
        "en",
    )
    assert (status, out.strip()) == (0, "Check-in recorded for key result #6."), err
    status, out, _ = run(capsys, "review", plan, "--workshop", 1, "--lang", "en")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Progress review of “Management meeting 2027-Q1” (Northstar Software, 2027-Q1): "
        "50% of the cycle gone."
    )
    at = lines.index("  KR #6 Publish 30 video tutorials by 15 March (committed; 0 → 30 videos)")
    assert lines[at + 1 : at + 3] == [
        "    progress 40% · latest 12 videos on 2027-02-12 · confidence 5/10 · "
        "score 0.40 (short of the 1.0 committed)",
        "    “剪辑中”",
    ]
    status, out, _ = run(capsys, "review", plan, "--workshop", 1, "--lang", "zh_CN")
    assert "  关键结果 #6 Publish 30 video tutorials by 15 March（承诺型；0 → 30 videos）" in out


def test_a_percentage_for_a_number_is_refused_in_both_languages(plan, capsys):
    args = ("checkin", "record", plan, "--kr", 6, "--percent", "40")
    status, _, err = run(capsys, *args, "--lang", "en")
    assert status == 2
    assert err.strip() == (
        "okrdesk: This key result is measured by a number: give its current value, not done or "
        "a percentage."
    )
    status, _, err = run(capsys, *args, "--lang", "zh_CN")
    assert err.strip() == "okrdesk: 该关键结果以数值衡量：请填写当前值，而不是是否完成或百分比。"


def test_a_score_adjusted_with_its_reason_and_cleared(plan, capsys):
    run(capsys, "checkin", "record", plan, "--kr", 4, "--value", "14")
    status, out, _ = run(
        capsys,
        "score",
        plan,
        "--kr",
        4,
        "--set",
        "0.7",
        "--reason",
        "新流程上线晚",
        "--by",
        "Zhou",
        "--lang",
        "en",
    )
    assert (status, out.strip()) == (
        0,
        "Key result #4: score 0.70 (adjusted from 0.50: 新流程上线晚).",
    )
    score = key_results(review_json(capsys, plan))[4]["score"]
    assert score == {
        "value": 0.7,
        "computed": 0.5,
        "adjusted": 0.7,
        "reason": "新流程上线晚",
        "adjusted_by": "Zhou",
        "adjusted_at": "2027-02-15T09:00:00+00:00",
    }
    status, out, _ = run(capsys, "score", plan, "--kr", 4, "--clear", "--lang", "zh_CN")
    assert (status, out.strip()) == (0, "关键结果 #4：评分 0.50。")
    assert key_results(review_json(capsys, plan))[4]["score"]["adjusted"] is None


@pytest.mark.parametrize(
    ("args", "english", "chinese"),
    [
        (
            ("--set", "0.7"),
            "okrdesk: An adjusted score needs a reason, kept with the score.",
            "okrdesk: 调整评分需要填写理由，理由会与评分一起保存。",
        ),
        (
            ("--clear", "--reason", "x"),
            "okrdesk: --clear takes no --reason: clearing lets the computed score stand again.",
            "okrdesk: --clear 不需要 --reason：清除调整后即恢复计算出的评分。",
        ),
    ],
)
def test_score_refusals_in_both_languages(plan, capsys, args, english, chinese):
    status, _, err = run(capsys, "score", plan, "--kr", 4, *args, "--lang", "en")
    assert (status, err.strip()) == (2, english)
    status, _, err = run(capsys, "score", plan, "--kr", 4, *args, "--lang", "zh_CN")
    assert (status, err.strip()) == (2, chinese)


def test_an_unknown_key_result_is_said_as_such(plan, capsys):
    status, _, err = run(capsys, "score", plan, "--kr", 99, "--clear", "--lang", "en")
    assert (status, err.strip()) == (2, "okrdesk: There is no key result with id 99 in this plan.")


def test_the_checkin_help_names_every_action(capsys):
    with pytest.raises(SystemExit):
        cli.main(["checkin", "--help", "--lang", "en"])
    text = capsys.readouterr().out
    assert "okrdesk checkin import PLAN FILE --workshop ID" in text
    assert "okrdesk checkin record PLAN --kr ID" in text
    with pytest.raises(SystemExit):
        cli.main(["checkin", "import", "--help", "--lang", "zh_CN"])
    text = capsys.readouterr().out
    assert "导入负责人填写的进展记录表" in text and "计划文件（.okrdesk）" in text


@pytest.mark.parametrize(
    ("language", "documents"),
    [
        ("en", ["progress review", "retrospective", "all-hands slides", "cascade board"]),
        ("zh_CN", ["进展回顾", "复盘", "全员大会幻灯片", "逐级制定看板"]),
    ],
)
def test_the_commands_list_says_export_writes_the_quarters_documents(capsys, language, documents):
    with pytest.raises(SystemExit):
        cli.main(["--help", "--lang", language])
    (export,) = [line for line in capsys.readouterr().out.splitlines() if "  export  " in line]
    for document in documents:
        assert document in export, document
