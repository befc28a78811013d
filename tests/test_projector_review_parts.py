"""The projector's review page repainted in parts equals the page painted whole, at the big
sizes a 1440p or 4K projector gives, with a Chinese face that has no bold of its own (Qt
emboldens it by drawing each glyph twice, a few pixels apart, past the glyph's advance)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtGui import QFont

from okrdesk.engine.review_view import CheckInView, ReviewKeyResult, ReviewObjective
from okrdesk.engine.scoring import ObjectiveScore, Score
from okrdesk.models.enums import Commitment, KeyResultKind
from okrdesk.ui.projector.review_screen import ReviewSlide
from okrdesk.ui.projector.window import ProjectorWindow
from tests.test_ui_review_incremental import assert_painted_in_parts

TITLES = ["提升华南市场 GMV", "客户满意度 NPS", "交付周期 7 天 KPI"]


def key_result(number: int, title: str, progress: float | None) -> ReviewKeyResult:
    history = (
        ()
        if progress is None
        else (
            CheckInView(
                number,
                datetime(2027, 2, 1, tzinfo=UTC),
                None,
                Decimal(1),
                None,
                None,
                6,
                None,
                Decimal(str(progress)),
            ),
        )
    )
    return ReviewKeyResult(
        number,
        title,
        KeyResultKind.METRIC,
        Commitment.COMMITTED,
        Decimal(0),
        Decimal(100),
        None,
        None,
        None,
        history,
        Score(None),
        None,
    )


def slide(progress: list[float | None], current: int) -> ReviewSlide:
    krs = tuple(
        key_result(i + 1, t, p) for i, (t, p) in enumerate(zip(TITLES, progress, strict=True))
    )
    objective = ReviewObjective(1, "赢下西南市场", krs, ObjectiveScore(None, 0, len(krs)))
    return ReviewSlide("西南大区 · 2027-Q1", objective, 1, 1, Decimal("0.4"), current)


@pytest.mark.parametrize("size", [(2560, 1440), (3840, 2160)])
def test_the_highlight_and_a_bar_moving_leave_nothing_behind(qtbot, size):
    window = ProjectorWindow()
    qtbot.addWidget(window)
    window.setFont(QFont("WenQuanYi Zen Hei"))
    window.resize(*size)
    with qtbot.waitExposed(window):
        window.show()
    for before, after in (
        (slide([0.2, 0.5, 0.1], 1), slide([0.2, 0.5, 0.1], 2)),  # the bold title moves on
        (slide([0.2, 0.5, 0.1], 3), slide([0.2, 0.5, 0.1], 1)),
        (slide([None, 0.5, 0.1], 1), slide([0.35, 0.5, 0.1], 2)),  # a first check-in
    ):
        window.show_review(None)
        window.show_review(before)
        assert_painted_in_parts(window, lambda after=after: window.show_review(after))
