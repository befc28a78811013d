"""Scores from check-ins: both directions, clamped, a held level, milestones, the mean, grades."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from okrdesk.engine.scoring import (
    GUIDANCE,
    Grade,
    Score,
    ScoreSource,
    cycle_elapsed,
    grade,
    metric_progress,
    milestone_progress,
    not_ambitious,
    objective_score,
    shown,
)
from okrdesk.messages import translate
from okrdesk.models import Commitment

COMMITTED, ASPIRATIONAL = Commitment.COMMITTED, Commitment.ASPIRATIONAL


@pytest.mark.parametrize(
    ("start", "target", "value", "expected"),
    [
        # Counting up: 0 -> 150 leads.
        ("0", "150", "0", "0"),
        ("0", "150", "60", "0.4"),
        ("0", "150", "150", "1"),
        ("0", "150", "300", "1"),  # beyond the target: clamped to 1.0
        ("0", "150", "-20", "0"),  # below the start: clamped to 0.0
        # Counting down: "reduce from 21 to 7 days".
        ("21", "7", "14", "0.5"),
        ("21", "7", "21", "0"),
        ("21", "7", "7", "1"),
        ("21", "7", "3", "1"),  # better than the target
        ("21", "7", "25", "0"),  # worse than the start
        ("21", "7", "17.5", "0.25"),
        # Exact decimals: no binary rounding on the way.
        ("0.1", "0.4", "0.2", "0.3333333333333333333333333333"),
        ("2.5", "1.5", "2.0", "0.5"),
    ],
)
def test_a_metric_counts_from_start_to_target_in_its_direction(start, target, value, expected):
    assert metric_progress(Decimal(start), Decimal(target), Decimal(value)) == Decimal(expected)


def test_a_held_level_is_reached_only_at_the_level_itself():
    assert metric_progress(Decimal("99.9"), Decimal("99.9"), Decimal("99.90")) == 1
    assert metric_progress(Decimal("99.9"), Decimal("99.9"), Decimal("99.95")) == 0
    assert metric_progress(Decimal("99.9"), Decimal("99.9"), Decimal("98")) == 0


def test_no_value_start_or_target_gives_no_score():
    assert metric_progress(Decimal(0), Decimal(150), None) is None
    assert metric_progress(None, Decimal(40), Decimal(10)) is None
    assert metric_progress(Decimal(0), None, Decimal(10)) is None


@pytest.mark.parametrize(
    ("done", "percent", "expected"),
    [(True, 100, "1"), (True, None, "1"), (False, 40, "0.4"), (False, 0, "0"), (False, None, "0")],
)
def test_a_milestone_scores_from_done_or_its_percentage(done, percent, expected):
    assert milestone_progress(done, percent) == Decimal(expected)


def test_an_adjusted_score_wins_over_the_computed_one():
    assert Score(computed=Decimal("0.4")).value == Decimal("0.4")
    assert Score(computed=Decimal("0.4")).source == ScoreSource.COMPUTED
    adjusted = Score(computed=Decimal("0.4"), adjusted=Decimal("0.65"), reason="late data")
    assert (adjusted.value, adjusted.source) == (Decimal("0.65"), ScoreSource.ADJUSTED)
    assert Score(computed=None, adjusted=Decimal(0), reason="dropped").value == 0
    assert Score(computed=None).source == ScoreSource.NONE and Score(None).value is None


def test_an_objective_scores_the_mean_of_its_scored_key_results_and_counts_the_others():
    assert objective_score([Decimal("0.5"), Decimal("1"), Decimal("0.3")]).value == Decimal("0.6")
    # A key result without a score is left out of the mean, not counted as 0.
    partly = objective_score([Decimal("0.5"), None, Decimal("1")])
    assert (partly.value, partly.scored, partly.unscored) == (Decimal("0.75"), 2, 1)
    none = objective_score([None, None])
    assert (none.value, none.scored, none.unscored) == (None, 0, 2)
    assert objective_score([]).value is None
    assert objective_score(iter([Decimal(1), None])).unscored == 1  # any iterable


@pytest.mark.parametrize(
    ("commitment", "score", "expected"),
    [
        (COMMITTED, "1", Grade.MET),
        (COMMITTED, "0.99", Grade.SHORT),
        (COMMITTED, "0", Grade.SHORT),
        (ASPIRATIONAL, "0.59", Grade.LOW),
        (ASPIRATIONAL, "0.6", Grade.SUCCESS),
        (ASPIRATIONAL, "0.7", Grade.SUCCESS),
        (ASPIRATIONAL, "0.71", Grade.BEYOND),
        (ASPIRATIONAL, "1.0", Grade.FULL),
    ],
)
def test_grades_follow_the_guidance_for_the_commitment(commitment, score, expected):
    assert grade(commitment, Decimal(score)) == expected


def test_no_score_has_no_grade():
    assert grade(COMMITTED, None) is None


def test_a_unit_whose_aspirational_key_results_all_score_1_is_flagged():
    full = [(ASPIRATIONAL, Decimal(1)), (ASPIRATIONAL, Decimal("1.0")), (COMMITTED, Decimal("0.2"))]
    assert not_ambitious(full)
    assert not not_ambitious([(ASPIRATIONAL, Decimal(1))])  # one is not "consistently"
    assert not not_ambitious([(ASPIRATIONAL, Decimal(1)), (ASPIRATIONAL, Decimal("0.7"))])
    assert not not_ambitious([(ASPIRATIONAL, Decimal(1)), (ASPIRATIONAL, None)])
    assert not not_ambitious([(COMMITTED, Decimal(1)), (COMMITTED, Decimal(1))])


def test_the_guidance_is_data_with_texts_in_both_languages():
    assert GUIDANCE.committed_expected == 1
    assert GUIDANCE.aspirational_success == (Decimal("0.6"), Decimal("0.7"))
    for message_id in (
        GUIDANCE.committed_text,
        GUIDANCE.aspirational_text,
        GUIDANCE.not_ambitious_text,
    ):
        english, chinese = translate(message_id, "en"), translate(message_id, "zh_CN")
        assert english != message_id and chinese != english
    assert "0.6" in translate(GUIDANCE.aspirational_text, "zh_CN")


def test_scores_are_rounded_to_two_places_only_when_shown():
    third = metric_progress(Decimal(0), Decimal(3), Decimal(1))
    assert third != Decimal("0.33") and shown(third) == "0.33"
    assert shown(Decimal("0.125")) == "0.13" and shown(Decimal(1)) == "1.00" and shown(None) == ""


def test_the_share_of_the_cycle_gone_runs_from_its_first_day_to_the_end_of_its_last():
    q1 = (date(2027, 1, 1), date(2027, 3, 31))  # 90 days
    assert cycle_elapsed(*q1, datetime(2026, 12, 20, tzinfo=UTC)) == 0
    assert cycle_elapsed(*q1, datetime(2027, 1, 1, tzinfo=UTC)) == 0
    assert cycle_elapsed(*q1, datetime(2027, 2, 15, tzinfo=UTC)) == Decimal("0.5")
    assert cycle_elapsed(*q1, datetime(2027, 4, 1, tzinfo=UTC)) == 1
    assert cycle_elapsed(*q1, datetime(2027, 5, 1, tzinfo=UTC)) == 1
    one_day = (date(2027, 1, 1), date(2027, 1, 1))
    assert cycle_elapsed(*one_day, datetime(2027, 1, 1, 12, tzinfo=UTC)) == Decimal("0.5")
    # A cycle that ends before it starts (a slip at setup) never divides by zero.
    backwards = (date(2027, 2, 1), date(2027, 1, 1))
    assert cycle_elapsed(*backwards, datetime(2027, 1, 15, tzinfo=UTC)) == 0
    assert cycle_elapsed(*backwards, datetime(2027, 2, 15, tzinfo=UTC)) == 1
