"""The progress review from the window: key result by key result from the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from okrdesk.ui import review_dialog
from okrdesk.ui.projector.text_fit import recording
from tests.checkin_plan import build_approved
from tests.demo_plans import copy_demo
from tests.ui_helpers import open_window, rows

# In the slow tier (pytest -m slow, run by .ci/run on every submission): the README's
# command must stay under ten minutes on the 2-core machine.
pytestmark = pytest.mark.slow


def open_review(qtbot, tmp_path, stage="signed"):
    path = tmp_path / "demo.okrdesk"
    copy_demo(path, stage, "en")
    window = open_window(qtbot, path)
    review = show_review(qtbot, window)
    return window, review, path


def show_review(qtbot, window):
    window.show_review()
    review = window.review
    assert review is not None and review.isVisible()
    qtbot.waitUntil(review.isActiveWindow)  # the keys go to it, as on a desktop
    return review


def test_a_check_in_is_typed_recorded_with_enter_and_the_next_key_result_comes_up(qtbot, tmp_path):
    _window, review, path = open_review(qtbot, tmp_path)
    first = review.current()
    assert first is not None and len(review._items()) == 8
    before = review._items()
    assert review.value.hasFocus() and review.value.isVisible()
    qtbot.keyClicks(review.value, "4800")
    review.confidence.setValue(7)
    qtbot.keyClicks(review.comment, "Two partners signed")
    qtbot.keyClick(review.comment, Qt.Key.Key_Return)
    assert rows(
        path, f"SELECT value, confidence, comment FROM check_in WHERE key_result_id = {first}"
    ) == [("4800", 7, "Two partners signed")]
    assert review.current() != first and review.value.hasFocus()
    item = review._items()[0]
    assert item.text(1) != "—" and item.text(2) == "7"
    assert item.data(1, review_dialog.BAR_ROLE) is not None
    # Back on it, its history lists the check-in just recorded, newest first.
    review.step(-1)
    assert review.current() == first
    when, value, confidence, comment = review.history.texts()[0]
    assert (value, confidence, comment) == ("4800", "7", "Two partners signed") and when
    # The rows were updated in place, not built again (only the changed row is repainted).
    assert review._items()[0] is before[0] and len(review._items()) == len(before)
    # Undo, as everywhere else.
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(path, "SELECT count(*) FROM check_in") == [(0,)]
    assert item.text(2) == "—" and item.data(1, review_dialog.BAR_ROLE) is None


def test_a_refused_value_is_said_in_the_review_and_nothing_is_recorded(qtbot, tmp_path):
    _window, review, path = open_review(qtbot, tmp_path)
    first = review.current()
    qtbot.keyClicks(review.value, "about half")
    qtbot.keyClick(review.value, Qt.Key.Key_Return)
    assert rows(path, "SELECT count(*) FROM check_in") == [(0,)]
    assert review.problem.isVisible() and "number" in review.problem.text()
    assert review.current() == first


def test_a_milestone_is_checked_in_done_or_by_percentage(qtbot, tmp_path):
    path = tmp_path / "approved.okrdesk"
    _workshop, _objectives, krs = build_approved(path)
    window = open_window(qtbot, path)
    review = show_review(qtbot, window)

    def site():
        rows_now = review._items()
        return next(i for i in rows_now if i.data(0, review_dialog.KR_ROLE) == krs["site"])

    review.tree.setCurrentItem(site())
    review.step(0)  # (Ctrl+Down and Enter land on it the same way)
    assert review.done_box.isVisible() and not review.value.isVisible()
    assert review.percent.hasFocus()
    review.percent.setValue(40)
    review.record_check_in()
    review.tree.setCurrentItem(site())
    review.done_box.setChecked(True)
    review.record_check_in()
    assert rows(
        path, f"SELECT done, percent FROM check_in WHERE key_result_id = {krs['site']} ORDER BY id"
    ) == [(0, 40), (1, 100)]
    assert site().text(1) == "100 %"


def test_a_score_is_adjusted_with_its_reason_and_the_adjustment_cleared(
    qtbot, tmp_path, monkeypatch
):
    _window, review, path = open_review(qtbot, tmp_path)
    kr = review.current()
    answers = iter(["0.65", "A partner's leads were counted late"])
    monkeypatch.setattr(review_dialog, "ask_text", lambda *_args, **_kw: next(answers))
    review.adjust.click()
    assert "0.65" in review.score.text() and "counted late" in review.score.text()
    assert rows(path, f"SELECT score, reason FROM key_result_score WHERE key_result_id = {kr}")[-1][
        1
    ] == ("A partner's leads were counted late")
    assert review.clear.isEnabled()
    review.clear.click()
    assert review.score.text() == "No score yet"


def test_where_a_score_is_entered_its_guidance_and_grade_are_shown(qtbot, tmp_path, monkeypatch):
    _window, review, _path = open_review(qtbot, tmp_path)
    prompts: list[str] = []
    answers = iter(["0.65", "Counted late", "0.5", "Launch slipped"])

    def ask(_parent, _title, prompt, **_kw):
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(review_dialog, "ask_text", ask)
    review.adjust.click()  # the first key result: committed
    assert "Grow annual recurring revenue" in prompts[0]
    assert "Committed key results are expected at 1.0." in prompts[0]
    assert review.score.text().endswith("(short of the 1.0 committed)")
    aspirational = next(
        item for item in review._items() if item.text(0).startswith("80% of new accounts")
    )
    review.tree.setCurrentItem(aspirational)
    review.adjust.click()
    assert "Aspirational key results: 0.6–0.7 is success." in prompts[2]
    assert "Committed" not in prompts[2]
    assert review.score.text().endswith("(below the 0.6–0.7 of success)")


def test_at_1024x768_the_key_results_titles_keep_their_room(qtbot, tmp_path):
    # The side's three buttons in one row left the titles a word each (90 px).
    _window, review, _path = open_review(qtbot, tmp_path)
    review.resize(1024, 740)
    qtbot.waitUntil(lambda: review.width() == 1024)
    assert review.tree.columnWidth(0) >= 150
    assert review.import_button.isVisible() and review.history.width() >= 300
    # A trend of four two-digit points stays on one line (it wrapped before its last point).
    trend = review.tree.fontMetrics().horizontalAdvance("17 → 27 → 33 → 43")
    assert review.tree.columnWidth(3) >= trend + 12


def test_before_sign_off_the_review_says_check_ins_start_after_it(qtbot, tmp_path):
    _window, review, _path = open_review(qtbot, tmp_path, stage="selected")
    assert review._items() == []
    assert "not approved yet" in review.guidance.text()
    assert not review.record.isEnabled()


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_projector_shows_the_objective_under_review_while_the_review_is_open(
    qtbot, tmp_path, size
):
    window, review, _path = open_review(qtbot, tmp_path)
    projector = window.projector.window
    projector.resize(*size)
    with qtbot.waitExposed(projector):
        projector.show()
    window.projector.refresh()
    review.show()  # (the review was open before the projector: it is shown on showing)
    review._project()
    assert projector.review is not None and projector.review.current == review.current()
    qtbot.keyClicks(review.value, "4800")
    review.confidence.setValue(7)
    review.record_check_in()
    said = projector.description()
    assert "confidence 7/10" in said and projector.review.objective.title in said
    with recording() as drawn:
        projector.grab()
    assert drawn.problems(projector._floor()) == []  # nothing cut, nothing too small
    review.close()
    assert projector.review is None  # the room sees the workshop's page again
