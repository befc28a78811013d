"""The projector during a progress review: one objective at a time, each key result's progress
against the share of the cycle gone, its trend and the room's confidence (a mixin of the
window, shown while the review is open)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QFont, QPainter, QRegion

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


@dataclass(frozen=True)
class _Text:
    """A text of the review page, wrapped into its rectangle (left-aligned: its ink reaches
    the width of its longest line, not across the page)."""

    rect: tuple[float, float, float, float]
    text: str
    pixels: int
    bold: bool
    colour: str
    ink: float  # the longest line's width

    def bounds(self) -> QRectF:
        x, y, width, height = self.rect
        # Glyphs reach past their advance (italic overhang, an emboldened face's second
        # stroke, a "j" to the left): a margin that grows with the size, as text_fit's line
        # images keep, within the text's own rectangle and its antialiased edge.
        margin = self.pixels // 6 + 2 + (round(self.pixels * 0.045) + 1 if self.bold else 0)
        right = x + min(width, self.ink + margin)
        return QRectF(x - margin, y - 2, right - x + 2 * margin, height + 4)


@dataclass(frozen=True)
class _Bar:
    """A key result's bar: its progress, and the mark where the cycle's time gone is."""

    rect: tuple[float, float, float, float]
    progress: float | None
    elapsed: float

    def bounds(self) -> QRectF:
        x, y, width, height = self.rect
        return QRectF(x - 3, y - height * 0.5 - 1, width + 6, height * 2 + 2)


_Piece = _Text | _Bar


def _bar_change(was: _Bar, now: _Bar) -> QRectF:
    """What of the screen differs between two drawings of a bar: where its progress moved,
    when it stayed in place with the same time-gone mark; else all of both."""
    if was.rect != now.rect or was.elapsed != now.elapsed:
        return was.bounds() | now.bounds()
    x, _y, width, _height = was.rect
    ends = sorted(x + width * (bar.progress or 0.0) for bar in (was, now))
    whole = was.bounds()
    return QRectF(ends[0] - 2, whole.top(), ends[1] - ends[0] + 4, whole.height())


@cache
def _factor(step: int) -> float:
    """The page's sizes at this step down: 1.0, then 8 % smaller each step."""
    return 1.0 if step == 0 else _factor(step - 1) * 0.92


@dataclass(frozen=True)
class _Laid:
    """The review page laid out for one slide at one screen size: what is drawn where."""

    review: ReviewSlide
    size: tuple[int, int]
    pieces: tuple[_Piece, ...]
    step: int  # the sizes it took: _factor(step)


class ReviewPainting(Painting):
    """The review page: the objective on top, a bar per key result with the time-gone mark.

    The page is laid out once per slide into pieces (texts and bars) and kept: a check-in
    changes a key result's figures and moves the highlight, so only the pieces that differ
    from the page shown are painted again (:meth:`_review_dirty`).
    """

    review: ReviewSlide | None = None
    _review_laid: _Laid | None = None
    _review_fonts: dict[tuple[int, bool], QFont] | None = None

    def _review_dirty(
        self, before: ReviewSlide | None, after: ReviewSlide | None
    ) -> QRegion | None:
        """What of the screen showing ``before`` must be painted to show ``after``: the pieces
        that differ, when the page keeps its layout; None: all of it."""
        if before is None or after is None:
            return None
        old = self._review_layout(before)
        new = self._review_layout(after)
        if len(old.pieces) != len(new.pieces):
            return None
        region = QRegion()
        for was, now in zip(old.pieces, new.pieces, strict=True):
            if was == now:
                continue
            if isinstance(was, _Bar) and isinstance(now, _Bar):
                region += _bar_change(was, now).toAlignedRect()
                continue
            region += was.bounds().toAlignedRect()
            region += now.bounds().toAlignedRect()
        return region

    def _paint_review(
        self, painter: QPainter, review: ReviewSlide, dirty: QRegion | None = None
    ) -> None:
        """Paint the page, or only its pieces that meet ``dirty``."""
        self.pages, self.page = 1, 0
        for piece in self._review_layout(review).pieces:
            if dirty is not None and not dirty.intersects(piece.bounds().toAlignedRect()):
                continue
            if isinstance(piece, _Text):
                painter.setPen(QColor(piece.colour))
                x, y, width, height = piece.rect
                draw_text(
                    painter,
                    QRectF(x, y, width, height),
                    piece.text,
                    self._review_font_px(piece.pixels, piece.bold),
                )
                continue
            bar = QRectF(*piece.rect)
            painter.fillRect(bar, TRACK)
            if piece.progress is not None:
                painter.fillRect(
                    QRectF(bar.left(), bar.top(), bar.width() * piece.progress, bar.height()), IN
                )
            mark = bar.left() + bar.width() * piece.elapsed
            painter.fillRect(
                QRectF(mark - 2, bar.top() - bar.height() * 0.5, 4, bar.height() * 2), OVERTIME
            )

    def _review_layout(self, review: ReviewSlide) -> _Laid:
        size = (self.width(), self.height())
        kept = self._review_laid
        if kept is not None and kept.size == size and kept.review == review:
            return kept
        step, pieces = self._lay_out_review(review)
        laid = _Laid(review, size, tuple(pieces), step)
        self._review_laid = laid
        return laid

    def _lay_out_review(self, review: ReviewSlide) -> tuple[int, list[_Piece]]:
        """The step of sizes the page takes (see _factor), and its pieces."""
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

        def fits(step: int) -> bool:
            factor = _factor(step)
            height = self._review_height(lines, rows, gone, factor, width)
            # Down to every text at the floor (the objective's, the largest, reaching it last).
            return height <= self.height() - 2 * unit or round(unit * 1.6 * factor) <= floor

        # The largest sizes at which everything fits the screen: the first step down from 1.0
        # that fits. A check-in changes a line or two of the page, so the search starts at the
        # step the same objective took last (the page's height only grows with the sizes).
        kept = self._review_laid
        step = 0
        same_page = kept is not None and kept.review.objective.id == review.objective.id
        if kept is not None and same_page and kept.size == (self.width(), self.height()):
            step = kept.step
        if fits(step):
            while step > 0 and fits(step - 1):
                step -= 1
        else:
            step += 1
            while not fits(step):
                step += 1
        factor = _factor(step)
        pieces: list[_Piece] = []

        def text(words: str, scale: float, colour: QColor, bold: bool, top: float) -> float:
            pixels = self._review_pixels(scale)
            wrapped = wrap(words, self._review_font_px(pixels, bold), width)
            rect = (left, top, width, wrapped.height())
            ink = max(wrapped.widths, default=0.0)
            pieces.append(_Text(rect, words, pixels, bold, colour.name(), ink))
            return top + wrapped.height()

        y = unit
        for words, scale, colour, bold in lines:
            y = text(words, scale * factor, colour, bold, y)
            y += unit * 0.4 * factor
        y = text(gone, factor, OVERTIME, False, y)
        y += unit * 0.8 * factor
        elapsed = float(review.elapsed)
        for title, words, progress, current in rows:
            y = text(title, 1.2 * factor, TEXT, current, y)
            y += unit * 0.2 * factor
            bar = (left, y, width, max(6.0, unit * 0.5 * factor))
            pieces.append(_Bar(bar, None if progress is None else float(progress), elapsed))
            y = bar[1] + bar[3] + unit * 0.3 * factor
            y = text(words, factor, MUTED, False, y)
            y += unit * 0.8 * factor
        return step, pieces

    def _review_pixels(self, scale: float) -> int:
        return max(self._floor(), round(self.unit() * scale))

    def _review_font_px(self, pixels: int, bold: bool) -> QFont:
        """The window's font at this pixel size (kept: a layout asks for it again and again)."""
        fonts = self._review_fonts
        if fonts is None or len(fonts) > 64:
            fonts = self._review_fonts = {}
        font = fonts.get((pixels, bold))
        if font is None:
            font = fonts[(pixels, bold)] = sized(self._font(1.0, bold=bold), pixels)
        return font

    def _review_font(self, scale: float, bold: bool) -> QFont:
        return self._review_font_px(self._review_pixels(scale), bold)

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
