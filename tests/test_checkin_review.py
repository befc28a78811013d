"""The review view: approved objectives, each KR's latest check-in, trend, progress and score."""

import sqlite3
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from okrdesk.engine import ops
from okrdesk.engine.checkin_ops import AdjustScore, RecordCheckIn
from okrdesk.engine.review_view import review_view
from okrdesk.engine.scoring import GUIDANCE, Grade, ScoreSource, key_result_score
from okrdesk.errors import RuleError
from okrdesk.models import Commitment, KeyResultKind
from tests.conftest import counting
from tests.quarter_fixtures import (
    MID_FEBRUARY,
    add_many,
    approved_plan,  # noqa: F401 (the fixture)
    review,
)


def by_id(view):
    return {kr.id: kr for objective in view.objectives for kr in objective.key_results}


def test_before_any_check_in_the_approved_objectives_are_there_without_scores(plan):
    view = review(plan)
    assert (view.title, view.unit, view.cycle) == ("Management meeting", "Northstar", "2027-Q1")
    assert view.approved and view.accepts_check_ins and not view.imported
    assert view.elapsed == Decimal("0.5")
    assert [o.title for o in view.objectives] == ["Faster delivery", "更多客户"]  # no candidate
    delivery = view.objectives[0].key_results[0]
    assert (delivery.kind, delivery.commitment, delivery.start, delivery.target, delivery.unit) == (
        KeyResultKind.METRIC,
        Commitment.COMMITTED,
        Decimal(21),
        Decimal(7),
        "days",
    )
    assert delivery.latest is None and delivery.history == () and delivery.progress is None
    assert delivery.score.source == ScoreSource.NONE and delivery.grade is None
    assert [(o.score.value, o.score.scored, o.score.unscored) for o in view.objectives] == [
        (None, 0, 2),
        (None, 0, 3),
    ]
    assert not view.not_ambitious and view.guidance == GUIDANCE


def test_each_key_result_shows_its_latest_check_in_its_history_and_its_score(plan):
    krs = plan.krs
    plan.do(RecordCheckIn(krs["delivery"], value=18, confidence=6, comment="slow", who="Li"))
    plan.do(RecordCheckIn(krs["delivery"], value=14, confidence=8, comment="新仓库", who="王"))
    plan.do(RecordCheckIn(krs["site"], percent=40, confidence=5))
    plan.do(RecordCheckIn(krs["leads"], value=60))
    plan.do(RecordCheckIn(krs["no_start"], value=10))
    view = review(plan)
    shown = by_id(view)
    delivery = shown[krs["delivery"]]
    assert [(c.value, c.progress) for c in delivery.history] == [
        (Decimal(18), Decimal(3) / Decimal(14)),
        (Decimal(14), Decimal("0.5")),
    ]
    latest = delivery.latest
    assert (latest.value, latest.confidence, latest.comment, latest.by) == (
        Decimal(14),
        8,
        "新仓库",
        "王",
    )
    assert latest.at > delivery.history[0].at
    assert delivery.progress == Decimal("0.5") and delivery.score.value == Decimal("0.5")
    assert delivery.grade == Grade.SHORT
    site = shown[krs["site"]]
    assert (site.latest.done, site.latest.percent, site.progress) == (False, 40, Decimal("0.4"))
    assert site.grade == Grade.LOW
    # A metric KR without a start value has check-ins but no computed score.
    no_start = shown[krs["no_start"]]
    assert no_start.latest.value == 10 and no_start.score.value is None
    # Objective scores: the mean of the KRs with a score; the others are counted apart.
    first, second = view.objectives
    assert (first.score.value, first.score.scored, first.score.unscored) == (
        Decimal("0.45"),
        2,
        0,
    )
    assert (second.score.value, second.score.scored, second.score.unscored) == (
        Decimal("0.4"),
        1,
        2,
    )


def test_the_adjusted_score_wins_in_the_review_and_in_the_objective_score(plan):
    plan.do(RecordCheckIn(plan.krs["leads"], value=60))
    plan.do(AdjustScore(plan.krs["uptime"], "0.8", "99.95% is better than held", by="CTO"))
    view = review(plan)
    uptime = by_id(view)[plan.krs["uptime"]]
    assert uptime.history == () and uptime.progress is None
    assert (uptime.score.value, uptime.score.source, uptime.score.reason) == (
        Decimal("0.8"),
        ScoreSource.ADJUSTED,
        "99.95% is better than held",
    )
    assert uptime.grade == Grade.SHORT  # committed: 1.0 expected
    assert view.objectives[1].score.value == Decimal("0.6")  # (0.4 + 0.8) / 2


def test_aspirational_key_results_all_at_1_flag_the_unit(plan):
    plan.do(RecordCheckIn(plan.krs["leads"], value=150))
    assert not review(plan).not_ambitious  # the tracking page is not scored yet
    plan.do(RecordCheckIn(plan.krs["site"], done=True))
    view = review(plan)
    assert view.not_ambitious
    assert {kr.grade for o in view.objectives for kr in o.key_results if kr.grade} == {Grade.FULL}


def test_a_check_in_taken_back_leaves_the_review_as_it_was(plan):
    plan.do(RecordCheckIn(plan.krs["leads"], value=30))
    before = review(plan)
    change = plan.editor.apply(RecordCheckIn(plan.krs["leads"], value=90))
    assert by_id(review(plan))[plan.krs["leads"]].progress == Decimal("0.6")
    plan.editor.revert(change)
    assert review(plan) == before


def test_progress_is_read_against_the_time_gone_at_now(plan):
    assert review(plan, datetime(2026, 12, 1, tzinfo=UTC)).elapsed == 0
    assert review(plan, datetime(2027, 3, 1, tzinfo=UTC)).elapsed == Decimal(59) / Decimal(90)
    assert review(plan, datetime(2027, 6, 1, tzinfo=UTC)).elapsed == 1


def test_reopened_okrs_show_nothing_to_review_and_take_no_check_ins(plan):
    plan.do(RecordCheckIn(plan.krs["leads"], value=30))
    plan.do(ops.ReopenWorkshop(plan.workshop, "rework"))
    view = review(plan)
    assert not view.approved and not view.accepts_check_ins and view.objectives == ()
    assert plan.editor.view(review_view, 9999, MID_FEBRUARY) is None


def test_imported_okrs_are_reviewed_where_they_live(plan):
    db = sqlite3.connect(plan.path)
    db.execute("UPDATE workshop SET imported_from = 'company.okrdesk'")
    db.commit()
    db.close()
    view = review(plan)
    assert view.imported and not view.accepts_check_ins
    with pytest.raises(RuleError) as refused:
        plan.do(RecordCheckIn(plan.krs["leads"], value=30))
    assert refused.value.message_id == "rule.imported_read_only"
    assert "company.okrdesk" in refused.value.message("zh_CN")


def test_the_review_reads_each_table_once_however_many_key_results(plan):
    with counting() as small:
        review(plan)
    added = add_many(plan.path, list(plan.objectives.values())[:2], 30, 13)
    with counting() as large:
        view = review(plan)
    assert sum(len(o.key_results) for o in view.objectives) == 5 + added
    selects = [statement for statement in large if statement.startswith("SELECT")]
    assert len(large) == len(small)
    assert len(selects) == 5  # workshop, objectives, KRs, check-ins, scores
    many = view.objectives[0].key_results[-1]
    assert len(many.history) == 13 and many.latest.value == 12
    assert many.score.value == Decimal("0.5") and many.score.computed == Decimal("0.12")


def test_a_check_in_given_an_earlier_time_takes_its_place_in_the_history(plan):
    leads = plan.krs["leads"]
    plan.do(RecordCheckIn(leads, value=90, at=datetime(2027, 2, 8, tzinfo=UTC)))
    plan.do(RecordCheckIn(leads, value=30, at=datetime(2027, 1, 11, tzinfo=UTC)))  # late entry
    shown = by_id(review(plan))[leads]
    assert [c.value for c in shown.history] == [30, 90]
    assert shown.latest.value == 90 and shown.score.computed == Decimal("0.6")
    assert plan.editor.view(key_result_score, leads).score.computed == Decimal("0.6")
    assert plan.editor.view(key_result_score, 9999) is None
