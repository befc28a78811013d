"""The review after a check-in or a score, read again for the key results it wrote only: it
must equal the whole review read afresh, after undo and redo too."""

from datetime import UTC, datetime

from okrdesk.engine import ops
from okrdesk.engine.checkin_ops import AdjustScore, ClearScoreAdjustment, RecordCheckIn
from okrdesk.engine.review_view import (
    key_results_changed,
    review_after,
    review_key_results,
)
from tests.checkin_plan import Approved
from tests.conftest import counting
from tests.quarter_fixtures import (
    MID_FEBRUARY,
    add_many,
    approved_plan,  # noqa: F401 (the fixture)
    review,
)

LATER = datetime(2027, 3, 1, tzinfo=UTC)


def followed(plan: Approved, view, change, now: datetime = MID_FEBRUARY):
    after = plan.editor.view(review_after, view, change, now)
    assert after is not None
    return after


def test_a_check_in_followed_equals_the_whole_review_read_again(plan):
    view = review(plan)
    change = plan.editor.apply(RecordCheckIn(plan.krs["leads"], value=90, confidence=6))
    assert key_results_changed(change) == {plan.krs["leads"]}
    after = followed(plan, view, change)
    assert after == review(plan)
    leads = next(kr for o in after.objectives for kr in o.key_results if kr.id == plan.krs["leads"])
    assert leads.progress is not None and leads.latest is not None
    assert leads.latest.confidence == 6
    assert after.objectives[1].score == review(plan).objectives[1].score
    # The other objective is the one the view had: nothing of it was read again.
    assert after.objectives[0] is view.objectives[0]


def test_undo_and_redo_followed_equal_the_whole_review(plan):
    plan.do(RecordCheckIn(plan.krs["delivery"], value=14))
    view = review(plan)
    change = plan.editor.apply(RecordCheckIn(plan.krs["delivery"], value=10))
    view = followed(plan, view, change)
    undo = plan.editor.revert(change)
    view = followed(plan, view, undo)
    assert view == review(plan)
    assert view.objectives[0].key_results[0].latest.value == 14
    redo = plan.editor.revert(undo)
    view = followed(plan, view, redo)
    assert view == review(plan)
    assert view.objectives[0].key_results[0].latest.value == 10


def test_check_ins_to_either_objective_and_scores_all_followed(plan):
    view = review(plan)
    for operation in (
        RecordCheckIn(plan.krs["site"], percent=40),
        RecordCheckIn(plan.krs["uptime"], value="99.9", comment="held"),
        AdjustScore(plan.krs["site"], "0.7", "partner late"),
        RecordCheckIn(plan.krs["leads"], value=150),
        RecordCheckIn(plan.krs["site"], done=True),
        ClearScoreAdjustment(plan.krs["site"]),
    ):
        view = followed(plan, view, plan.editor.apply(operation))
        assert view == review(plan)
    assert view.not_ambitious  # every aspirational key result at 1.0, worked out again


def test_the_time_gone_is_read_at_the_new_now(plan):
    view = review(plan)
    change = plan.editor.apply(RecordCheckIn(plan.krs["leads"], value=30))
    assert followed(plan, view, change, LATER) == review(plan, LATER)


def test_a_change_to_anything_else_is_not_followed_but_read_whole(plan):
    view = review(plan)
    change = plan.editor.apply(ops.ReopenWorkshop(plan.workshop, "A missed KR"))
    assert key_results_changed(change) is None
    assert plan.editor.view(review_after, view, change, MID_FEBRUARY) is None
    assert review(plan).objectives == ()


def test_a_check_in_reads_its_key_result_not_the_workshop(plan):
    added = add_many(plan.path, list(plan.objectives.values())[:2], 30, 13)
    view = review(plan)
    assert sum(len(o.key_results) for o in view.objectives) == 5 + added
    change = plan.editor.apply(RecordCheckIn(plan.krs["leads"], value=60))
    with counting() as statements:
        after = followed(plan, view, change)
    selects = [s for s in statements if s.startswith("SELECT")]
    assert len(selects) == 3  # the key result, its check-ins, its score entries
    assert all("key_result.id IN" in s for s in selects)
    assert after == review(plan)
    found = plan.editor.view(review_key_results, [plan.krs["leads"]])
    assert set(found) == {plan.krs["leads"]} and len(found[plan.krs["leads"]].history) == 1
