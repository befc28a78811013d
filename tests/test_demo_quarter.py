"""The demo through the rest of the quarter (okrdesk/demo_quarter.py): a cycle in review with
check-ins inside it, dated from the demo's clock; scored; a retrospective answered; the next
cycle's wall with last cycle's unfinished objectives and lessons carried over. Both languages."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from okrdesk import demo, demo_quarter
from okrdesk.cli import _command_parser
from okrdesk.demo_quarter import quarter_dates, quarter_of, retitled, write_quarter_demo
from okrdesk.engine.carry_over import carried_cards, carry_over_offer
from okrdesk.engine.cascade import CascadeState, cascade_board
from okrdesk.engine.retro_view import retrospective_view
from okrdesk.engine.review_view import review_view
from okrdesk.engine.workshop_list import workshop_list
from okrdesk.models import CheckIn, KeyResult, KeyResultScore, Objective, Phase
from okrdesk.models.planfile import PlanFile

NOW = datetime(2026, 12, 2, 10, 30, tzinfo=UTC)  # a Wednesday in the year's last quarter


@contextmanager
def in_utc() -> Iterator[None]:
    """The laptop's clock read in UTC (the demo dates its meetings in the laptop's zone)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture(scope="module")
def last_stage(tmp_path_factory):
    """The last stage in Chinese at NOW (built once: every stage before it is part of it)."""
    path = tmp_path_factory.mktemp("demo-quarter") / "next-cycle.okrdesk"
    with in_utc():
        write_quarter_demo(path, "next-cycle", "zh_CN", now=NOW)
    return path


def test_the_quarters_are_calendar_quarters_and_the_review_meetings_every_other_monday():
    with in_utc():
        quarters_and_meetings()


def quarters_and_meetings() -> None:
    assert quarter_of(date(2026, 12, 2)) == ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_of(date(2027, 2, 28)) == ("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
    review = quarter_dates("review", NOW.replace(tzinfo=UTC))
    assert review.cycle[0] == "2026-Q4" and review.next_cycle is None
    assert [m.date() for m in review.check_ins] == [
        date(2026, 10, 5),
        date(2026, 10, 19),
        date(2026, 11, 2),
        date(2026, 11, 16),
        date(2026, 11, 30),
    ]
    ended = quarter_dates("scored", NOW)
    assert (ended.cycle[0], ended.next_cycle and ended.next_cycle[0]) == ("2026-Q3", "2026-Q4")
    assert len(ended.check_ins) == 7 and ended.check_ins[-1].date() == date(2026, 9, 28)
    # The first morning of a quarter: one check-in, not none.
    first = quarter_dates("review", datetime(2027, 1, 1, 12, 0, tzinfo=UTC))
    assert len(first.check_ins) == 1 and first.check_ins[0].date() == date(2027, 1, 1)
    assert retitled(
        ["Sales OKR workshop 2027-Q1", "销售部 2027年第一季度 OKR 研讨会"], "2026-Q4"
    ) == [
        "Sales OKR workshop 2026-Q4",
        "销售部 2026年第四季度 OKR 研讨会",
    ]


def test_the_cli_offers_the_quarters_stages_and_write_demo_hands_them_over(monkeypatch, tmp_path):
    parser = _command_parser("demo")
    for stage in demo.QUARTER_STAGES:
        assert parser.parse_args(["demo", "x.okrdesk", "--stage", stage]).stage == stage
    asked = []
    monkeypatch.setattr(demo_quarter, "write_quarter_demo", lambda *args: asked.append(args))
    demo.write_demo(tmp_path / "x.okrdesk", "retro", "zh_CN")
    assert asked == [(tmp_path / "x.okrdesk", "retro", "zh_CN")]


@pytest.mark.slow  # another demo built (about 5 s, 12 s on a busy machine)
def test_a_cycle_in_review_has_check_ins_inside_it_up_to_the_demos_clock(tmp_path):
    path = tmp_path / "review.okrdesk"
    with in_utc():
        write_quarter_demo(path, "review", "en", now=NOW)
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        listed = workshop_list(session)
        assert [c.name for c in listed.cycles] == ["2026-Q4"]
        assert all("2026-Q4" in w.title for w in listed.workshops)
        first, last = session.execute(
            select(func.min(CheckIn.recorded_at), func.max(CheckIn.recorded_at))
        ).one()
        assert first.date() == date(2026, 10, 5) and last.date() == date(2026, 11, 30)
        per_kr = dict(
            session.execute(
                select(KeyResult.id, func.count(CheckIn.id))
                .join(Objective, Objective.id == KeyResult.objective_id)
                .outerjoin(CheckIn, CheckIn.key_result_id == KeyResult.id)
                .where(Objective.selected)
                .group_by(KeyResult.id)
            ).all()
        )
        assert per_kr and set(per_kr.values()) == {5}  # every approved KR, each meeting
        marketing = next(w for w in listed.workshops if w.title.startswith("Marketing"))
        review = review_view(session, marketing.id, NOW)
        assert review is not None and 0.6 < review.elapsed < 0.7
        assert all(kr.progress is not None for o in review.objectives for kr in o.key_results)
        board = cascade_board(session, listed.cycles[0].id, NOW.date())
        assert board is not None and board.overdue == ()
        assert board.company_approved_on == date(2026, 9, 19)  # twelve days before the quarter
        late = [u.name for u in board.units if u.late]
        assert late == ["Engineering"]  # a few days past the two weeks
        assert {u.state for u in board.units} == {CascadeState.APPROVED}


def test_scored_with_a_retrospective_and_the_next_cycle_carried_over(last_stage):
    with PlanFile.open(last_stage, read_only=True) as plan, plan.reader() as session:
        listed = workshop_list(session)
        assert [c.name for c in listed.cycles] == ["2026-Q3", "2026-Q4"]
        last = session.scalar(select(func.max(CheckIn.recorded_at)))
        assert last.date() == date(2026, 9, 28)  # inside the ended cycle
        reasons = session.scalars(select(KeyResultScore.reason)).all()
        assert len(reasons) == 2 and all(reasons)
        ended = [w for w in listed.workshops if w.cycle.name == "2026-Q3"]
        marketing = next(w for w in ended if w.title.startswith("市场部"))
        retro = retrospective_view(session, marketing.id)
        assert retro is not None
        assert [len(q.loose) + sum(len(g.answers) for g in q.groups) for q in retro.questions] == [
            2,
            2,
            2,
            2,
        ]
        assert [g.title for q in retro.questions for g in q.groups] == ["与销售协作"]
        assert session.scalar(select(Objective.title).where(Objective.carry)) == "成功发布团队版"
        new = [w for w in listed.workshops if w.cycle.name == "2026-Q4"]
        assert [(w.title, w.phase) for w in new] == [
            ("2026年第四季度管理层 OKR 会议", Phase.SETUP),
            ("市场部 2026年第四季度 OKR 研讨会", Phase.BRAINSTORM),
        ]
        offer = carry_over_offer(session, new[1].id)
        assert offer is not None and offer.pending == 0  # all of it is on the wall
        carried = carried_cards(session, new[1].id)
        assert len(carried.objectives) == len(offer.objectives) >= 2
        assert len(carried.lessons) == 6  # improve, resources, stop: two each
        titles = {o.title for o in offer.objectives}
        assert "成功发布团队版" in titles  # marked to carry
        scores = review_view(session, marketing.id, NOW)
        assert scores is not None and scores.elapsed == 1
