"""Check-ins and score adjustments: only on approved OKRs, validated, kept, undone exactly."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.checkin_ops import AdjustScore, ClearScoreAdjustment, RecordCheckIn
from okrdesk.engine.scoring import ScoreSource, key_result_score
from okrdesk.errors import OkrdeskError, RuleError, ValidationError
from okrdesk.models import CheckIn, KeyResultScore
from tests.checkin_plan import CANDIDATE
from tests.conftest import counting
from tests.quarter_fixtures import (
    approved_plan,  # noqa: F401 (the fixture)
    check_ins,
)


def refused(error: OkrdeskError) -> tuple[str, str, str]:
    return error.message_id, error.message("en"), error.message("zh_CN")


def test_a_metric_check_in_is_recorded_with_who_when_confidence_and_comment(plan):
    change = plan.editor.apply(
        RecordCheckIn(plan.krs["delivery"], value="14", confidence=7, comment="新仓库", who="李")
    )
    assert change.aspects == {Aspect.CHECK_INS}
    assert change.workshops == {plan.workshop}
    assert change.ids(Aspect.CHECK_INS, "insert") == {change.result}
    assert check_ins(plan) == [(plan.krs["delivery"], Decimal("14"), None, None, 7, "新仓库", "李")]
    with plan.editor.plan.reader() as session:
        recorded = session.get(CheckIn, change.result)
        assert recorded.recorded_at.tzinfo is not None


def test_a_check_in_is_written_and_told_of_in_few_statements(plan):
    """What the room waits for after Enter in a review: the approval read once, the INSERT,
    the change's rows, and its workshop found through the key result in one read."""
    with counting() as sent:
        change = plan.editor.apply(RecordCheckIn(plan.krs["delivery"], value="15"))
    assert change.workshops == {plan.workshop}
    selects = [statement for statement in sent if statement.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 3, selects
    assert len(sent) <= 7, sent


def test_a_check_in_keeps_the_decimal_exactly_and_takes_a_given_time(plan):
    at = datetime(2027, 2, 1, 9, 30, tzinfo=UTC)
    check_in = plan.do(RecordCheckIn(plan.krs["leads"], value=Decimal("0.10"), at=at))
    with plan.editor.plan.reader() as session:
        recorded = session.get(CheckIn, check_in)
        assert (str(recorded.value), recorded.recorded_at) == ("0.10", at)


def test_a_milestone_takes_done_or_a_percentage_and_they_agree(plan):
    site = plan.krs["site"]
    plan.do(RecordCheckIn(site, percent=40))
    plan.do(RecordCheckIn(site, done=False))
    plan.do(RecordCheckIn(site, percent=100))
    plan.do(RecordCheckIn(site, done=True, percent=100))
    plan.do(RecordCheckIn(site, done=True))
    assert [(c[2], c[3]) for c in check_ins(plan)] == [
        (False, 40),
        (False, 0),
        (True, 100),
        (True, 100),
        (True, 100),
    ]
    for done, percent in ((True, 60), (False, 100)):
        with pytest.raises(ValidationError) as error:
            plan.do(RecordCheckIn(site, done=done, percent=percent))
        assert error.value.message_id == "validation.check_in_done_percent"
    assert len(check_ins(plan)) == 5


@pytest.mark.parametrize(
    ("name", "fields", "message_id"),
    [
        ("delivery", {}, "validation.check_in_needs_value"),
        ("delivery", {"value": "  "}, "validation.check_in_needs_value"),
        ("delivery", {"value": "12", "done": True}, "validation.check_in_metric"),
        ("delivery", {"value": "12", "percent": 50}, "validation.check_in_metric"),
        ("delivery", {"value": "NaN"}, "validation.not_a_number"),
        ("delivery", {"value": "Infinity"}, "validation.not_a_number"),
        ("delivery", {"value": float("inf")}, "validation.not_a_number"),
        ("delivery", {"value": "twelve"}, "validation.not_a_number"),
        ("delivery", {"value": 12, "confidence": 11}, "validation.out_of_range"),
        ("delivery", {"value": 12, "confidence": -1}, "validation.out_of_range"),
        ("delivery", {"value": 12, "confidence": 7.5}, "validation.not_a_whole_number"),
        ("delivery", {"value": 12, "confidence": True}, "validation.not_a_whole_number"),
        ("delivery", {"value": 12, "comment": "x" * 2001}, "validation.too_long"),
        ("delivery", {"value": 12, "who": "x" * 101}, "validation.too_long"),
        ("delivery", {"value": 12, "at": datetime(2027, 1, 5)}, "validation.not_a_date"),
        ("site", {}, "validation.check_in_needs_done"),
        ("site", {"value": 3}, "validation.check_in_milestone"),
        ("site", {"percent": 101}, "validation.out_of_range"),
        ("site", {"percent": -5}, "validation.out_of_range"),
    ],
)
def test_a_check_in_is_refused_in_both_languages_and_nothing_is_kept(
    plan, name, fields, message_id
):
    before = plan.state()
    with pytest.raises(ValidationError) as error:
        plan.do(RecordCheckIn(plan.krs[name], **fields))
    message_id_, english, chinese = refused(error.value)
    assert message_id_ == message_id
    assert english != chinese and "{" not in english + chinese
    assert plan.state() == before


def test_confidence_and_percent_bounds_are_accepted(plan):
    plan.do(RecordCheckIn(plan.krs["delivery"], value=-3, confidence=0))
    plan.do(RecordCheckIn(plan.krs["delivery"], value="1,200", confidence=10))
    plan.do(RecordCheckIn(plan.krs["site"], percent=0))
    assert [(c[1], c[3], c[4]) for c in check_ins(plan)] == [
        (Decimal(-3), None, 0),
        (Decimal(1200), None, 10),
        (None, 0, None),
    ]


def test_only_key_results_of_approved_okrs_take_check_ins(plan):
    with pytest.raises(RuleError) as candidate:
        plan.do(RecordCheckIn(plan.krs["candidate"], value=1))
    assert candidate.value.message_id == "rule.check_in_not_selected"
    assert CANDIDATE in candidate.value.message("en")
    assert CANDIDATE in candidate.value.message("zh_CN")
    plan.do(ops.ReopenWorkshop(plan.workshop, "KR 2 needs a sharper target"))
    before = plan.state()
    for operation in (
        RecordCheckIn(plan.krs["delivery"], value=14),
        AdjustScore(plan.krs["delivery"], "0.5", "late data"),
        ClearScoreAdjustment(plan.krs["delivery"]),
    ):
        with pytest.raises(RuleError) as reopened:
            plan.do(operation)
        message_id, english, chinese = refused(reopened.value)
        assert message_id == "rule.check_in_not_approved"
        assert "Management meeting" in english and "Management meeting" in chinese
        assert "approved" in english and "签批" in chinese
    assert plan.state() == before
    with pytest.raises(RuleError) as gone:
        plan.do(RecordCheckIn(9999, value=1))
    assert gone.value.message_id == "rule.not_found"


def test_a_correction_is_a_new_check_in_and_undo_takes_only_it_away_exactly(plan):
    delivery = plan.krs["delivery"]
    plan.do(RecordCheckIn(delivery, value=18, confidence=5, comment="first"))
    before = plan.state()
    change = plan.editor.apply(RecordCheckIn(delivery, value=16, confidence=6, comment="fixed"))
    after = plan.state()
    assert [c[1] for c in check_ins(plan)] == [Decimal(18), Decimal(16)]  # history kept
    undo = plan.editor.revert(change)
    assert plan.state() == before
    assert undo.aspects == {Aspect.CHECK_INS} and undo.workshops == {plan.workshop}
    plan.editor.revert(undo)
    assert plan.state() == after


def test_an_adjusted_score_needs_a_reason_and_a_score_from_0_to_1(plan):
    leads = plan.krs["leads"]
    before = plan.state()
    for score, reason, message_id in (
        ("0.7", "  ", "validation.score_needs_reason"),
        ("0.7", None, "validation.score_needs_reason"),
        ("1.1", "late", "validation.out_of_range"),
        ("-0.1", "late", "validation.out_of_range"),
        (None, "late", "validation.empty"),
        ("NaN", "late", "validation.not_a_number"),
        ("0.7", "x" * 2001, "validation.too_long"),
    ):
        with pytest.raises(ValidationError) as error:
            plan.do(AdjustScore(leads, score, reason))
        message_id_, english, chinese = refused(error.value)
        assert message_id_ == message_id, (score, reason)
        assert english != chinese
    assert plan.state() == before
    with pytest.raises(ValidationError) as error:
        plan.do(AdjustScore(leads, "0.7", ""))
    assert "reason" in error.value.message("en") and "理由" in error.value.message("zh_CN")
    with pytest.raises(ValidationError) as error:
        plan.do(AdjustScore(leads, 2, "why"))
    assert "0.0" in error.value.message("en") and "1.0" in error.value.message("zh_CN")


def test_an_adjustment_wins_records_the_computed_score_and_clearing_brings_it_back(plan):
    leads = plan.krs["leads"]
    plan.do(RecordCheckIn(leads, value=60))  # 60 of 150: 0.4
    change = plan.editor.apply(AdjustScore(leads, "0.65", "a partner's leads counted late", "Li"))
    assert change.aspects == {Aspect.SCORES} and change.workshops == {plan.workshop}
    adjusted = plan.editor.view(key_result_score, leads)
    assert adjusted.score.source == ScoreSource.ADJUSTED
    assert (adjusted.score.value, adjusted.score.computed) == (Decimal("0.65"), Decimal("0.4"))
    assert (adjusted.score.reason, adjusted.score.adjusted_by) == (
        "a partner's leads counted late",
        "Li",
    )
    plan.do(ClearScoreAdjustment(leads, by="Li"))
    cleared = plan.editor.view(key_result_score, leads)
    assert cleared.score.source == ScoreSource.COMPUTED
    assert cleared.score.value == Decimal("0.4")
    # The history keeps both entries, each with what the check-ins gave then.
    assert [(e.score, e.computed, e.reason) for e in cleared.history] == [
        (Decimal("0.65"), Decimal("0.4"), "a partner's leads counted late"),
        (None, Decimal("0.4"), None),
    ]
    with pytest.raises(RuleError) as nothing:
        plan.do(ClearScoreAdjustment(leads))
    message_id, english, chinese = refused(nothing.value)
    assert message_id == "rule.score_not_adjusted"
    assert "Qualified leads" in english and "Qualified leads" in chinese


def test_undo_and_redo_of_an_adjustment_and_its_clearing_are_exact(plan):
    leads = plan.krs["leads"]
    plan.do(RecordCheckIn(leads, value=150))
    start = plan.state()
    adjust = plan.editor.apply(AdjustScore(leads, "0.9", "one deal was double counted"))
    adjusted = plan.state()
    clear = plan.editor.apply(ClearScoreAdjustment(leads))
    cleared = plan.state()
    undo_clear = plan.editor.revert(clear)
    assert plan.state() == adjusted
    assert plan.editor.view(key_result_score, leads).score.value == Decimal("0.9")
    undo_adjust = plan.editor.revert(adjust)
    assert plan.state() == start
    assert plan.editor.view(key_result_score, leads).score.source == ScoreSource.COMPUTED
    plan.editor.revert(undo_adjust)
    plan.editor.revert(undo_clear)
    assert plan.state() == cleared
    with plan.editor.plan.reader() as session:
        assert len(session.scalars(select(KeyResultScore)).all()) == 2


def test_deleting_a_reopened_key_result_takes_its_check_ins_and_undo_brings_them_back(plan):
    delivery = plan.krs["delivery"]
    plan.do(RecordCheckIn(delivery, value=14))
    plan.do(AdjustScore(delivery, "0.5", "half way"))
    plan.do(ops.ReopenWorkshop(plan.workshop, "restructure"))
    before = plan.state()
    change = plan.editor.apply(ops.DeleteKeyResult(delivery))
    assert {Aspect.CHECK_INS, Aspect.SCORES} <= change.aspects
    assert change.workshops == {plan.workshop}
    assert check_ins(plan) == []
    plan.editor.revert(change)
    assert plan.state() == before
