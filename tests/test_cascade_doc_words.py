"""The cascade board in words (okrdesk/engine/cascade_words.py), the same in the window, on the
projector and in the PDF: the count, each unit's row and the totals, in English and Chinese."""

import dataclasses
from datetime import date

from okrdesk.engine.cascade import CascadeBoard, CascadeState, CascadeUnit
from okrdesk.engine.cascade_words import (
    RowMark,
    board_rows,
    column_titles,
    countdown_line,
    day_text,
    deadline_line,
    people_text,
    row_mark,
    time_text,
    totals_line,
)
from okrdesk.models import UnitLevel


def unit(unit_id: int, state: CascadeState, **changes) -> CascadeUnit:
    values = {
        "unit_id": unit_id,
        "name": f"Unit {unit_id}",
        "level": UnitLevel.DEPARTMENT,
        "depth": 1,
        "state": state,
        "workshop_id": None,
        "approved_on": None,
        "overdue": False,
        "late": False,
        "people": 0,
        "people_confirmed": 0,
    }
    return CascadeUnit(**{**values, **changes})


def board(today: date, *units: CascadeUnit, approved: date | None = date(2026, 12, 18)):
    deadline = None if approved is None else date(2027, 1, 1)  # a Friday... in 2027 it is
    return CascadeBoard(
        cycle_id=1,
        cycle="2027-Q1",
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 3, 31),
        today=today,
        company_approved_on=approved,
        deadline=deadline,
        days_left=None if deadline is None else (deadline - today).days,
        units=units,
        people=sum(u.people for u in units),
        people_confirmed=sum(u.people_confirmed for u in units),
    )


def test_a_date_is_said_with_its_weekday_in_both_languages():
    assert day_text(date(2027, 1, 1), "en") == "Fri 2027-01-01"
    assert day_text(date(2027, 1, 2), "zh_CN") == "2027-01-02（周六）"


def test_the_deadline_line_says_when_the_two_weeks_began_and_end_and_a_weekend_stays():
    friday = board(date(2026, 12, 28))
    assert deadline_line(friday, "en") == (
        "The company's OKRs were approved on Fri 2026-12-18: every unit sets its OKRs"
        " by Fri 2027-01-01."
    )
    saturday = dataclasses.replace(friday, deadline=date(2027, 1, 2))
    assert deadline_line(saturday, "en").endswith(
        "The deadline falls on a weekend and stays there."
    )
    assert "不顺延" in deadline_line(saturday, "zh_CN")
    waiting = board(date(2026, 12, 1), approved=None)
    assert "not approved yet" in deadline_line(waiting, "en")
    assert countdown_line(waiting, "en") == ""


def test_the_countdown_counts_days_left_today_and_after():
    said = {
        today: countdown_line(board(today), "en")
        for today in (
            date(2026, 12, 27),
            date(2026, 12, 31),
            date(2027, 1, 1),
            date(2027, 1, 2),
            date(2027, 1, 4),
            date(2027, 4, 1),
        )
    }
    assert list(said.values()) == [
        "5 days left of the two weeks",
        "1 day left of the two weeks",
        "The two weeks end today",
        "The two weeks ended yesterday",
        "The two weeks ended 3 days ago",
        "The cycle has ended",
    ]
    assert countdown_line(board(date(2027, 1, 4)), "zh_CN") == "两周期限已过去 3 天"


def test_each_row_says_where_its_unit_stands_against_the_two_weeks():
    on_time = unit(1, CascadeState.APPROVED, approved_on=date(2026, 12, 22))
    late = unit(2, CascadeState.APPROVED, approved_on=date(2027, 1, 5), late=True)
    overdue = unit(3, CascadeState.IN_PROGRESS, overdue=True)
    not_started = unit(4, CascadeState.NOT_STARTED, overdue=True)
    after = board(date(2027, 1, 6), on_time, late, overdue, not_started)
    assert [time_text(u, after, "en") for u in after.units] == [
        "approved Tue 2026-12-22",
        "approved late, Tue 2027-01-05",
        "5 days overdue",
        "5 days overdue",
    ]
    assert [row_mark(u, after) for u in after.units] == [
        RowMark.DONE,
        RowMark.LATE,
        RowMark.OVERDUE,
        RowMark.OVERDUE,
    ]
    assert time_text(overdue, board(date(2027, 1, 2), overdue), "zh_CN") == "逾期 1 天"
    running = unit(5, CascadeState.RETURNED)
    assert time_text(running, board(date(2026, 12, 31), running), "en") == "1 day left"
    assert time_text(running, board(date(2027, 1, 1), running), "zh_CN") == "今天截止"
    assert time_text(running, board(date(2026, 12, 1), running, approved=None), "en") == "—"
    assert row_mark(running, board(date(2026, 12, 1), running, approved=None)) == RowMark.NONE


def test_people_and_totals_are_counted_n_of_m():
    sales = unit(
        1, CascadeState.APPROVED, people=5, people_confirmed=3, approved_on=date(2027, 1, 1)
    )
    legal = unit(2, CascadeState.NOT_STARTED, overdue=True)
    shown = board(date(2027, 1, 4), sales, legal)
    assert people_text(sales, "en") == "3 of 5" and people_text(sales, "zh_CN") == "3/5 人"
    assert people_text(legal, "en") == "—"
    assert totals_line(shown, "en") == (
        "Units approved: 1 of 2 · overdue: 1 · people's OKRs confirmed: 3 of 5"
    )
    alone = board(date(2027, 1, 4), legal)
    assert totals_line(alone, "zh_CN") == "已批准单位：0/1 · 逾期：1"
    rows = board_rows(shown, "zh_CN")
    assert [(r.name, r.state_text, r.people, r.time) for r in rows] == [
        ("Unit 1", "已批准", "3/5 人", "2027-01-01（周五）批准"),
        ("Unit 2", "未开始", "—", "逾期 3 天"),
    ]
    assert column_titles("en") == ("Unit", "State", "People's OKRs confirmed", "Two weeks")
