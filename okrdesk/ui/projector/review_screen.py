"""The projector during a progress review: one objective at a time, each key result's progress
against the share of the cycle gone, its trend and the room's confidence (a mixin of the
window, shown while the review is open)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from okrdesk.engine.review_view import ReviewKeyResult, ReviewObjective
from okrdesk.ui.projector.colours import IN, MUTED, OVERTIME, TEXT
from okrdesk.ui.projector.painting import Painting
from okrdesk.ui.projector.text_fit import draw_text, sized, wrap

translate = QCoreApplication.translate

TRACK = QColor("#334155")
TREND_POINTS = 5  # the latest check-ins shown as a trend


@dataclass(frozen=True)
class ReviewSlide:
    """What the review shows the room: the unit and cycle, one objective, the time gone."""

    heading: str  # "Northstar · 2027-Q1"
    objective: ReviewObjective
    number: int  # 1-based, of
    count: int
    elapsed: Decimal  # 0-1: the share of the cycle gone
    current: int | None  # the key result being checked in (highlighted)


def key_result_line(kr: ReviewKeyResult) -> str:
    """Its progress, the room's confidence and the trend, in words."""
    parts = []
    progress = kr.progress
    parts.append(
        translate("ReviewPainting", "no check-in yet")
        if progress is None
        else translate("ReviewPainting", "%1 % done").replace("%1", str(round(progress * 100)))
    )
    latest = kr.latest
    if latest is not None and latest.confidence is not None:
        parts.append(
            translate("ReviewPainting", "confidence %1/10").replace("%1", str(latest.confidence))
        )
    trend = [check.progress for check in kr.history if check.progress is not None]
    if len(trend) > 1:
        shown = " → ".join(str(round(point * 100)) for point in trend[-TREND_POINTS:])
        parts.append(translate("ReviewPainting", "trend %1").replace("%1", shown))
    return " · ".join(parts)


class ReviewPainting(Painting):
    """The review page: the objective on top, a bar per key result with the time-gone mark."""

    review: ReviewSlide | None = None

    def _paint_review(self, painter: QPainter, review: ReviewSlide) -> None:
        self.pages, self.page = 1, 0
        unit = self.unit()
        floor = self._floor()
        width = self.width() - 2 * unit
        left = unit
        heading = translate("ReviewPainting", "Progress review · %1 · objective %2 of %3")
        heading = (
            heading.replace("%1", review.heading)
            .replace("%2", str(review.number))
            .replace("%3", str(review.count))
        )
        gone = translate("ReviewPainting", "%1 % of the cycle has gone").replace(
            "%1", str(round(review.elapsed * 100))
        )
        lines = [(heading, 1.0, MUTED, False), (review.objective.title, 1.6, TEXT, True)]
        rows = [
            (kr.title, key_result_line(kr), kr.progress, kr.id == review.current)
            for kr in review.objective.key_results
        ]
        factor = 1.0
        while True:  # the largest sizes at which everything fits the screen
            height = self._review_height(lines, rows, gone, factor, width)
            # Down to every text at the floor (the objective's, the largest, reaching it last).
            if height <= self.height() - 2 * unit or round(unit * 1.6 * factor) <= floor:
                break
            factor *= 0.92
        y = unit
        for text, scale, colour, bold in lines:
            y = self._review_text(painter, text, scale * factor, colour, bold, left, y, width)
            y += unit * 0.4 * factor
        y = self._review_text(painter, gone, factor, OVERTIME, False, left, y, width)
        y += unit * 0.8 * factor
        elapsed = float(review.elapsed)
        for title, words, progress, current in rows:
            y = self._review_text(painter, title, 1.2 * factor, TEXT, current, left, y, width)
            y += unit * 0.2 * factor
            bar = QRectF(left, y, width, max(6.0, unit * 0.5 * factor))
            painter.fillRect(bar, TRACK)
            if progress is not None:
                painter.fillRect(
                    QRectF(bar.left(), bar.top(), bar.width() * float(progress), bar.height()), IN
                )
            mark = bar.left() + bar.width() * elapsed
            painter.fillRect(
                QRectF(mark - 2, bar.top() - bar.height() * 0.5, 4, bar.height() * 2), OVERTIME
            )
            y = bar.bottom() + unit * 0.3 * factor
            y = self._review_text(painter, words, factor, MUTED, False, left, y, width)
            y += unit * 0.8 * factor

    def _review_font(self, scale: float, bold: bool) -> QFont:
        return sized(self._font(1.0, bold=bold), max(self._floor(), round(self.unit() * scale)))

    def _review_text(
        self,
        painter: QPainter,
        text: str,
        scale: float,
        colour: QColor,
        bold: bool,
        left: float,
        top: float,
        width: float,
    ) -> float:
        font = self._review_font(scale, bold)
        wrapped = wrap(text, font, width)
        painter.setPen(colour)
        draw_text(painter, QRectF(left, top, width, wrapped.height()), text, font)
        return top + wrapped.height()

    def _review_height(
        self,
        lines: list[tuple[str, float, QColor, bool]],
        rows: list[tuple[str, str, Decimal | None, bool]],
        gone: str,
        factor: float,
        width: float,
    ) -> float:
        unit = self.unit()
        total = 0.0
        for text, scale, _colour, bold in lines:
            total += wrap(text, self._review_font(scale * factor, bold), width).height()
            total += unit * 0.4 * factor
        total += wrap(gone, self._review_font(factor, False), width).height() + unit * 0.8 * factor
        for title, words, _progress, current in rows:
            total += wrap(title, self._review_font(1.2 * factor, current), width).height()
            total += unit * 0.2 * factor + max(6.0, unit * 0.5 * factor) + unit * 0.3 * factor
            total += wrap(words, self._review_font(factor, False), width).height()
            total += unit * 0.8 * factor
        return total
