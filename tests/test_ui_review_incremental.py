"""The progress review follows a check-in by its key result alone: the dialog updates that row,
the projector paints what changed. What both show must equal a review read and painted afresh,
after undo and redo too, whichever objective the key result is under."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QImage, QRegion

from okrdesk.ui import review_dialog
from okrdesk.ui.review_dialog import BAR_ROLE, ReviewDialog
from tests.demo_plans import copy_demo
from tests.test_ui_review import show_review
from tests.ui_helpers import open_window

# In the slow tier (pytest -m slow, run by .ci/run on every submission): the README's
# command must stay under ten minutes on the 2-core machine.
pytestmark = pytest.mark.slow


@pytest.fixture
def reviewing(qtbot, tmp_path, monkeypatch):
    """The demo's signed plan, its review open and the projector shown beside it; the whole
    review's reads counted (a check-in must not need one)."""
    path = tmp_path / "demo.okrdesk"
    copy_demo(path, "signed", "en")
    window = open_window(qtbot, path)
    projector = window.projector.window
    projector.resize(1280, 720)
    with qtbot.waitExposed(projector):
        projector.show()
    review = show_review(qtbot, window)
    review._project()
    whole_reads = []
    full = review_dialog.review_view

    def counted(*args, **kwargs):
        whole_reads.append(args)
        return full(*args, **kwargs)

    monkeypatch.setattr(review_dialog, "review_view", counted)
    return window, review, projector, whole_reads


def shown(review: ReviewDialog) -> list[tuple]:
    """Every row of the review's list as it reads, with its bar."""
    found = []
    for i in range(review.tree.topLevelItemCount()):
        top = review.tree.topLevelItem(i)
        found.append(tuple(top.text(column) for column in range(5)))
        for j in range(top.childCount()):
            item = top.child(j)
            found.append((*(item.text(column) for column in range(5)), item.data(1, BAR_ROLE)))
    return found


def painted_in_parts(projector, act: Callable[[], None]) -> tuple[QImage, list[QRegion]]:
    """The page as shown before ``act``, with every region ``act`` asked to repaint painted
    over it as it is after (what the window's backing store then holds), and those regions."""
    image = projector.grab().toImage()
    asked: list[QRegion] = []
    update = projector.update

    def noted(*args) -> None:
        asked.append(QRegion(projector.rect()) if not args else QRegion(args[0]))
        update(*args)

    projector.update = noted
    try:
        act()
    finally:
        del projector.update
    for region in asked:
        projector.render(image, region.boundingRect().topLeft(), region)
    return image, asked


def assert_painted_in_parts(projector, act: Callable[[], None]) -> None:
    """After ``act``, the projector repainted a part of the page only, and the page painted in
    parts is the page painted whole."""
    image, asked = painted_in_parts(projector, act)
    whole = QRegion(projector.rect())
    assert asked and all(region != whole for region in asked), asked
    assert image == projector.grab().toImage()


def check_in(review: ReviewDialog, value: str, confidence: int) -> None:
    review.value.setText(value)
    review.confidence.setValue(confidence)
    review.record_check_in()
    assert not review.problem.isVisible(), review.problem.text()


def assert_as_read_afresh(review, projector) -> None:
    """The review as followed equals the review read whole and its list built again."""
    followed, rows, slide = review.view, shown(review), projector.review
    review.view = None
    review.refresh()  # the whole review read, every row built again
    assert review.view == followed
    assert shown(review) == rows
    assert projector.review == slide == review.slide()
    # The page laid out from nothing kept equals the page kept across the check-ins (whose
    # size search started where the last slide's ended).
    kept = projector._review_layout(slide)
    projector._review_laid = None
    assert projector._review_layout(slide).pieces == kept.pieces


def test_check_ins_show_in_the_review_and_on_the_projector_as_read_afresh(qtbot, reviewing):
    _window, review, projector, whole_reads = reviewing
    before = shown(review)
    for n in range(2):  # two key results in a row, the highlight moving on each time
        assert_painted_in_parts(projector, lambda n=n: check_in(review, str(1000 + 700 * n), 5 + n))
    assert whole_reads == []  # each followed by its key result alone
    after = shown(review)
    assert after != before and sum(a != b for a, b in zip(after, before, strict=True)) >= 2
    assert "confidence 6/10" in projector.description()
    assert_as_read_afresh(review, projector)


def test_undo_and_redo_put_back_what_the_review_and_the_projector_showed(qtbot, reviewing):
    window, review, projector, whole_reads = reviewing
    first = review.current()
    before = shown(review)
    assert_painted_in_parts(projector, lambda: check_in(review, "4800", 7))
    after = shown(review)
    assert after != before
    review.tree.setCurrentItem(review._items()[0])  # back on the key result, as the room is
    assert review.current() == first
    assert_painted_in_parts(projector, window.session.undo_stack.undo)
    assert shown(review) == before
    assert whole_reads == []
    assert_as_read_afresh(review, projector)
    whole_reads.clear()  # (the review read afresh to compare with)
    assert_painted_in_parts(projector, window.session.undo_stack.redo)
    assert shown(review) == after
    assert whole_reads == []
    assert_as_read_afresh(review, projector)


def test_a_check_in_under_another_objective_shows_there(qtbot, reviewing):
    _window, review, projector, whole_reads = reviewing
    assert review.view is not None and len(review.view.objectives) >= 2
    second = review.view.objectives[1]
    review.tree.setCurrentItem(
        next(
            i
            for i in review._items()
            if i.data(0, review_dialog.KR_ROLE) == second.key_results[0].id
        )
    )
    review.step(0)
    assert projector.review is not None and projector.review.objective.id == second.id
    first_objective = shown(review)[: 1 + len(review.view.objectives[0].key_results)]
    if review._current_kr().kind.value == "milestone":
        review.percent.setValue(60)
        review.confidence.setValue(4)
        assert_painted_in_parts(projector, review.record_check_in)
    else:
        assert_painted_in_parts(projector, lambda: check_in(review, "12", 4))
    assert whole_reads == []
    assert shown(review)[: len(first_objective)] == first_objective  # untouched
    row = next(r for r in shown(review) if r[0] == second.key_results[0].title)
    assert row[2] == "4" and row[5] is not None
    assert_as_read_afresh(review, projector)


def test_on_a_small_projector_the_shrunk_page_follows_check_ins_as_laid_out_afresh(
    qtbot, reviewing
):
    _window, review, projector, whole_reads = reviewing
    projector.resize(800, 450)  # the page's sizes step down to fit
    review._project()
    projector.grab()
    assert projector._review_layout(projector.review).step > 0
    for n in range(2):
        assert_painted_in_parts(projector, lambda n=n: check_in(review, str(20 + n), 3 + n))
    assert whole_reads == []
    assert_as_read_afresh(review, projector)
