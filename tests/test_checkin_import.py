"""Check-ins from the owners' spreadsheet: matched by KR (id or text, English or Chinese
headers), every bad row said by its number and true cause, all recorded in one undo or none."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from okrdesk.engine import ops
from okrdesk.engine.checkin_import import (
    CheckInEntry,
    ImportCheckIns,
    RowError,
    arrival,
    read_check_in_sheet,
)
from okrdesk.engine.review_view import review_view
from okrdesk.engine.source_files import read_source
from okrdesk.export.checkin_template import template_rows, write_check_in_template
from okrdesk.models import CheckIn, KeyResultKind
from tests.checkin_plan import Approved
from tests.conftest import counting
from tests.quarter_fixtures import (
    approved_plan,  # noqa: F401 (the fixture)
    check_ins,
)

NOW = datetime(2027, 2, 15, 9, 0, tzinfo=UTC)
SHANGHAI = timezone(timedelta(hours=8))


def sheet_of(plan: Approved, rows, zone=UTC, workshop=None):
    return plan.editor.view(read_check_in_sheet, workshop or plan.workshop, rows, NOW, zone)


def count(plan: Approved) -> int:
    with plan.editor.plan.reader() as session:
        return session.scalar(select(func.count()).select_from(CheckIn)) or 0


def filled_template(plan: Approved, language: str) -> list[list]:
    """The template as an owner hands it back: every key result reported but one."""
    review = plan.editor.view(review_view, plan.workshop, NOW)
    rows = template_rows(review, language)
    by_title = {row[2]: row for row in rows[1:]}
    by_title["Cut delivery from 21 to 7 days"][7:14] = ["14", "", "", "7", "新仓库", "李", ""]
    by_title["Launch the tracking page"][7:14] = ["", "", "60%", "8", "", "", "2027-02-10"]
    by_title["Qualified leads from 0 to 150"][7:14] = ["60", "", "", "5/10", "", "", ""]
    by_title["Hold uptime at 99.9%"][7:14] = ["99.9%", "", "", "", "", "", ""]
    return [[("" if c is None else str(c)) for c in row] for row in rows]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_template_filled_in_imports_in_one_undoable_change(plan, language):
    rows = filled_template(plan, language)
    sheet = sheet_of(plan, rows)
    assert sheet.ready, sheet.refusals()
    assert sheet.blank == 1  # "Reach 40 partners": nobody reported on it
    assert [e.row for e in sheet.entries] == [2, 3, 4, 5]
    change = plan.editor.apply(ImportCheckIns(plan.workshop, sheet.entries))
    assert change.result.check_ins == 4
    assert sorted(check_ins(plan)) == sorted(
        [
            (plan.krs["delivery"], Decimal("14"), None, None, 7, "新仓库", "李"),
            (plan.krs["site"], None, False, 60, 8, None, None),
            (plan.krs["leads"], Decimal("60"), None, None, 5, None, None),
            (plan.krs["uptime"], Decimal("99.9"), None, None, None, None, None),
        ]
    )
    assert arrival(change.result, "en", sheet) == (
        "Imported 4 check-ins on 4 key results; 1 key results left blank."
    )
    assert arrival(change.result, "zh_CN", sheet).startswith("已导入 4 条进展记录")
    undo = plan.editor.revert(change)
    assert count(plan) == 0  # one undo takes every check-in of the sheet away
    plan.editor.revert(undo)
    assert count(plan) == 4


def test_the_workbook_template_round_trips(plan, tmp_path):
    review = plan.editor.view(review_view, plan.workshop, NOW)
    out = tmp_path / "check-ins.xlsx"
    write_check_in_template(review, out, "zh_CN")
    rows = [row + [None] * (14 - len(row)) for row in read_source(out).rows]
    assert rows[0][:3] == ["KR编号", "目标", "关键结果"]
    assert rows[1][0] == plan.krs["delivery"]
    assert rows[1][4:6] == [21, 7]  # start and target, as numbers
    rows[1][7] = 12.5  # a number typed into the workbook
    rows[2][9] = 0.4  # a percent-formatted cell: 40%
    rows[2][8] = None
    sheet = sheet_of(plan, rows)
    assert sheet.ready, sheet.refusals()
    assert [(e.key_result_id, e.value, e.done, e.percent) for e in sheet.entries] == [
        (plan.krs["delivery"], Decimal("12.5"), None, None),
        (plan.krs["site"], None, False, 40),
    ]


def test_the_csv_template_is_read_in_its_encoding(plan, tmp_path):
    review = plan.editor.view(review_view, plan.workshop, NOW)
    out = tmp_path / "check-ins.csv"
    write_check_in_template(review, out, "zh_CN")
    assert out.read_bytes().startswith("\ufeffKR编号,目标,关键结果".encode())
    # An owner's spreadsheet program saves it again in the legacy Chinese encoding.
    lines = out.read_text("utf-8-sig").splitlines()
    lines[1] = lines[1].replace(",,,,,", ",18,,,6,仓库搬迁中,", 1)
    source = tmp_path / "gbk.csv"
    source.write_bytes("\r\n".join(lines).encode("gb18030"))
    read = read_source(source)
    assert read.encoding is not None and "18030" in read.encoding.replace("-", "")
    sheet = sheet_of(plan, read.rows)
    assert sheet.ready, sheet.refusals()
    (entry,) = sheet.entries
    assert (entry.value, entry.confidence, entry.comment) == (Decimal("18"), 6, "仓库搬迁中")


def test_chinese_headers_and_rows_matched_by_text_alone(plan):
    rows = [
        ["关键结果", "当前值", "是否完成", "信心", "备注", "填写人", "日期"],
        ["cut delivery  FROM 21 to 7 days", "15", "", "6", "", "王", "2027年2月1日"],
        ["Launch the tracking page", "", "是", "9", "上线了", "", "2027/2/3 18:30"],
    ]
    sheet = sheet_of(plan, rows, zone=SHANGHAI)
    assert sheet.ready, sheet.refusals()
    first, second = sheet.entries
    assert first.key_result_id == plan.krs["delivery"]
    assert first.at == datetime(2027, 2, 1, 12, 0, tzinfo=SHANGHAI)  # a date alone: noon
    assert (second.done, second.percent) == (True, 100)
    assert second.at == datetime(2027, 2, 3, 18, 30, tzinfo=SHANGHAI)


def test_every_bad_row_is_said_by_number_and_cause_and_nothing_is_imported(plan):
    rows = [
        ["OKR check-ins, week 7"],  # a title line above the header
        ["KR", "Value", "Done", "Percent", "Confidence", "Date"],
        ["Cut delivery from 21 to 7 days", "about half", "", "", "", ""],  # row 3
        ["Launch the tracking page", "40", "", "", "", ""],  # row 4: a milestone's value
        ["Qualified leads from 0 to 150", "60", "", "", "11", ""],  # row 5
        ["Not chosen", "1", "", "", "", ""],  # row 6: the candidate's KR
        ["Grow revenue", "1", "", "", "", ""],  # row 7: no such KR
        ["Hold uptime at 99.9%", "99.9", "", "", "", "next Monday"],  # row 8
        ["Reach 40 partners", "12", "", "", "", "2027-03-01"],  # row 9: after NOW
        ["", "", "", "", "", ""],
        ["Launch the tracking page", "", "maybe", "", "", ""],  # row 11
        ["Launch the tracking page", "", "yes", "60", "", ""],  # row 12
        ["Cut delivery from 21 to 7 days", "", "", "50", "", ""],  # row 13: metric's percent
    ]
    sheet = sheet_of(plan, rows)
    assert not sheet.ready
    said = sheet.refusals("en")
    assert said == [
        "Row 3: The value must be a number, such as 150 or 7.5.",
        "Row 4: This key result is a milestone: say whether it is done, or give its "
        "percentage, not a value.",
        "Row 5: The confidence must be between 0 and 10.",
        "Row 6: “Not chosen” belongs to the objective “A candidate not chosen”, which was not "
        "selected for this cycle: it takes no check-ins.",
        "Row 7: the approved OKRs of “Management meeting” have no key result called "
        "“Grow revenue”.",
        "Row 8: “next Monday” is not a date (write it as 2027-02-15).",
        "Row 9: The date 2027-03-01 is in the future; a check-in reports progress already made.",
        "Row 11: “maybe” does not say whether it is done (write yes or no, 是 or 否).",
        "Row 12: A milestone that is done is at 100%, and one at 100% is done: give one or "
        "make them agree.",
        "Row 13: This key result is measured by a number: give its current value, not done or "
        "a percentage.",
    ]
    chinese = sheet.refusals("zh_CN")
    assert chinese[0] == "第 3 行：当前值必须是数字，例如 150 或 7.5。"
    assert "Row" not in "".join(chinese)
    assert count(plan) == 0


def test_the_id_column_decides_and_a_mismatch_is_said(plan):
    delivery = plan.krs["delivery"]
    rows = [
        ["KR id", "Key result", "Value"],
        [str(delivery), "Cut delivery from 21 to 7 days", "13"],
        [str(plan.krs["leads"]), "Cut delivery from 21 to 7 days", "10"],
        ["99999", "", "1"],
        ["twelve", "", "1"],
        [str(plan.krs["candidate"]), "", "1"],
    ]
    sheet = sheet_of(plan, rows)
    assert [p.message("en") for p in sheet.problems] == [
        f"Row 3: key result #{plan.krs['leads']} is “Qualified leads from 0 to 150”, but the row "
        "says “Cut delivery from 21 to 7 days”; correct the id or the text.",
        "Row 4: this plan has no key result #99999.",
        "Row 5: “twelve” is not a key result's id (a whole number, as in the template).",
        f"Row 6: “#{plan.krs['candidate']}” belongs to the objective “A candidate not chosen”, "
        "which was not selected for this cycle: it takes no check-ins.",
    ]
    assert [e.key_result_id for e in sheet.entries] == [delivery]


def test_a_sheet_without_the_columns_it_needs_is_refused_whole(plan):
    no_kr = sheet_of(plan, [["Name", "Value"], ["x", "1"]])
    assert no_kr.refusal is not None
    assert no_kr.refusals("en")[0].startswith("No column names the key result")
    assert no_kr.refusals("zh_CN")[0].startswith("没有一列写明关键结果")
    no_progress = sheet_of(plan, [["Key result", "Comment"], ["x", "1"]])
    assert no_progress.refusals("en")[0].startswith("No column holds the progress")
    blank = sheet_of(plan, [["Key result", "Value"], ["Reach 40 partners", ""]])
    assert blank.refusals("en") == [
        "The sheet has no check-ins to import: every key result's row is blank."
    ]


def test_a_workshop_not_approved_takes_no_sheet(plan):
    plan.do(ops.ReopenWorkshop(plan.workshop, "a KR was wrong"))
    sheet = sheet_of(plan, [["Key result", "Value"], ["Reach 40 partners", "3"]])
    assert sheet.refusals("en") == [
        "“Management meeting” is not approved: progress is recorded, and scores given, only on "
        "the key results of signed-off OKRs."
    ]
    assert sheet.refusals("zh_CN")[0].startswith("「Management meeting」尚未签批通过")


def test_a_sheet_imported_again_adds_nothing_and_says_so(plan):
    rows = [
        ["Key result", "Value", "Date", "Who"],
        ["Reach 40 partners", "12", "2027-02-01", "Ana"],
        ["Reach 40 partners", "15", "2027-02-08", "Ana"],
    ]
    first = sheet_of(plan, rows)
    plan.editor.apply(ImportCheckIns(plan.workshop, first.entries))
    rows.append(["Reach 40 partners", "18", "2027-02-15", "Ana"])
    again = sheet_of(plan, rows)
    assert (len(again.entries), again.already_there) == (1, 2)
    change = plan.editor.apply(ImportCheckIns(plan.workshop, again.entries))
    assert arrival(change.result, "en", again) == (
        "Imported 1 check-ins on 1 key results; 2 already in the plan, not imported again."
    )
    third = sheet_of(plan, rows)
    assert third.refusals("en") == [
        "The plan already has these 3 check-ins (the file was imported before): nothing new "
        "to import."
    ]
    assert count(plan) == 3


def test_an_undated_sheet_imported_again_the_same_day_adds_nothing(plan):
    # An undated row is recorded at the import's time, so its time never matched: the same
    # sheet imported twice doubled every check-in.
    rows = [
        ["Key result", "Value", "Confidence", "Who"],
        ["Reach 40 partners", "12", "6", "Ana"],
        ["Reach 40 partners", "", "", ""],
    ]
    today = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)  # the editor's clock's day (StepClock)

    def sheet(now: datetime, zone=UTC):
        return plan.editor.view(read_check_in_sheet, plan.workshop, rows, now, zone)

    plan.editor.apply(ImportCheckIns(plan.workshop, sheet(today).entries))
    again = sheet(today)
    assert (len(again.entries), again.already_there) == (0, 1)
    assert again.refusals("en") == [
        "The plan already has these 1 check-ins (the file was imported before): nothing new "
        "to import."
    ]
    assert count(plan) == 1
    # The same report a day later is a check-in of its own (no progress is worth recording),
    # and "today" is the laptop's: 01:00 UTC on the 14th is still the 13th in New York.
    assert len(sheet(today + timedelta(days=1)).entries) == 1
    new_york = timezone(timedelta(hours=-5))
    assert len(sheet(datetime(2026, 12, 14, 3, 0, tzinfo=UTC), new_york).entries) == 0
    assert len(sheet(datetime(2026, 12, 14, 9, 0, tzinfo=UTC), new_york).entries) == 1


def test_a_row_refused_while_recording_rolls_the_whole_sheet_back(plan):
    good = CheckInEntry(
        2,
        plan.krs["leads"],
        "Qualified leads",
        "更多客户",
        KeyResultKind.METRIC,
        Decimal(10),
        None,
        None,
        None,
        None,
        None,
        None,
    )
    stale = CheckInEntry(
        3,
        plan.krs["candidate"],
        "Not chosen",
        "A candidate",
        KeyResultKind.METRIC,
        Decimal(1),
        None,
        None,
        None,
        None,
        None,
        None,
    )
    with pytest.raises(RowError) as refused:
        plan.editor.apply(ImportCheckIns(plan.workshop, (good, stale)))
    assert refused.value.message("en") == (
        "Row 3: “A candidate not chosen” was not selected for this cycle's OKRs, so its key "
        "results take no check-ins and no scores. Nothing was imported."
    )
    assert refused.value.message("zh_CN").startswith("第 3 行：")
    assert refused.value.message("zh_CN").endswith("未导入任何内容。")
    assert count(plan) == 0


def test_a_workbook_date_is_read_in_the_laptops_zone(plan):
    rows = [
        ["Key result", "Done", "Date"],
        ["Launch the tracking page", True, datetime(2027, 2, 2, 8, 0)],
        ["Launch the tracking page", False, date(2027, 2, 1)],
    ]
    sheet = sheet_of(plan, rows, zone=SHANGHAI)
    assert [e.at for e in sheet.entries] == [
        datetime(2027, 2, 2, 8, 0, tzinfo=SHANGHAI),
        datetime(2027, 2, 1, 12, 0, tzinfo=SHANGHAI),
    ]


def test_reading_a_sheet_asks_the_plan_the_same_whatever_its_rows(plan):
    """No query per row: twenty unknown key results and ids cost what two do."""

    def sheet(rows: int) -> list[list[str]]:
        body = [[f"Unknown {n}", str(90_000 + n), "1"] for n in range(rows)]
        good = [["Reach 40 partners", str(plan.krs["no_start"]), "3"]] * rows
        return [["Key result", "KR id", "Value"], *body, *good]

    counts = []
    for rows in (2, 20):
        with counting() as seen:
            read = sheet_of(plan, sheet(rows))
        assert len(read.problems) == rows and len(read.entries) == rows
        counts.append(len(seen))
    assert counts[0] == counts[1]
