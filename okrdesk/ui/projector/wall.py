"""Painting the wall on the projector: objectives with their key results in columns and
pages sized to the screen, and the idea cards (card_wall) (a mixin of the projector window)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QStaticText, QTextOption

from okrdesk.engine.room_view import RoomObjective, RoomView, SignoffStatus
from okrdesk.ui.projector.card_wall import CardWallPainting
from okrdesk.ui.projector.colours import IN, MUTED, TEXT, TIE
from okrdesk.ui.words import signoff_status_name


@dataclass(frozen=True)
class ObjectivePages:
    """Where each objective goes: the page it is on, and its block's rectangle there."""

    pages: tuple[tuple[int, ...], ...]  # objective indexes, page by page
    blocks: tuple[QRectF, ...]  # by objective index


class WallPainting(CardWallPainting):
    """Needs the window's unit(), _font(), page and pages.

    Each objective's height is measured once for a width and text size and kept, and each
    line's laid-out text too: a change to one objective, a page turn or a repaint of the
    countdown lays out nothing again but what changed.
    """

    page: int
    pages: int
    # What the paint in progress must cover (a change to a few objectives repaints those).
    _dirty: QRect | None = None
    _measured_in: tuple[float, float, str] | None = None
    # Each objective's lines' heights: (number, title, key results) -> heights.
    _heights: dict[tuple[int, str, tuple[str, ...]], tuple[float, ...]]
    _metrics: tuple[QFontMetricsF, QFontMetricsF]  # the title's and the key results'
    _laid_out: dict[tuple[str, str, float], QStaticText]  # (text, font, width) -> its layout
    _layouts: list[
        tuple[
            tuple[int, tuple[float, float, float, float], float, float],
            tuple[RoomObjective, ...],
            ObjectivePages,
        ]
    ]

    def unit(self) -> float:
        raise NotImplementedError

    def _font(self, scale: float, bold: bool = False) -> QFont:
        raise NotImplementedError

    def _paint_presented(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        raise NotImplementedError

    def _layout_pages(self, count: int, per_page: int) -> int:
        self.pages = max(1, math.ceil(count / max(per_page, 1)))
        self.page = min(self.page, self.pages - 1)
        return self.page * per_page

    def _paint_objectives(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        unit = self.unit()
        top = body.top()
        if view.signoff is not None:
            painter.setFont(self._font(1.4, bold=True))
            colour = {SignoffStatus.APPROVED: IN, SignoffStatus.RETURNED: TIE}.get(
                view.signoff, MUTED
            )
            painter.setPen(colour)
            painter.drawText(
                QRectF(body.left(), top, body.width(), unit * 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                signoff_status_name(view.signoff, view.light),
            )
            top += unit * 2.4
        if view.focus is not None:
            self._paint_presented(
                painter, QRectF(body.left(), top, body.width(), body.bottom() - top), view
            )
            return
        layout = self._objective_pages(view.objectives, body, top)
        self.pages = len(layout.pages)
        self.page = min(self.page, self.pages - 1)
        for index in layout.pages[self.page]:
            block = layout.blocks[index]
            if self._dirty is not None and not self._dirty.intersects(
                self._padded(block).toAlignedRect()
            ):
                continue  # untouched by this repaint
            x, y, width = block.left(), block.top(), block.width()
            objective = view.objectives[index]
            lines = self._objective_lines(objective, index + 1)
            line_heights = self._line_heights(objective, index + 1)
            for (font, colour, text, indent), line_height in zip(lines, line_heights, strict=True):
                painter.setFont(font)
                painter.setPen(colour)
                if y + line_height <= body.bottom():
                    laid_out = self._laid_out_text(text, font, width - indent)
                    painter.drawStaticText(QPointF(x + indent, y), laid_out)
                else:  # cut off at the bottom, as a block taller than the column is
                    rect = QRectF(x + indent, y, width - indent, body.bottom() - y)
                    painter.drawText(rect, WRAP, text)
                y += line_height + unit * 0.15

    def _objective_pages(
        self, objectives: tuple[RoomObjective, ...], body: QRectF, top: float
    ) -> ObjectivePages:
        """The objectives in columns and pages: two columns when there is room.

        The last two layouts are kept (the one painted and the one a change brings), each
        for its own tuple of objectives: a change lays the list out once, not per look.
        """
        unit = self.unit()
        key = (id(objectives), (body.left(), body.top(), body.width(), body.height()), top, unit)
        for kept_key, kept_objectives, kept in self._layouts:
            if kept_key == key and kept_objectives is objectives:
                return kept
        columns = 2 if body.width() > unit * 30 and len(objectives) > 2 else 1
        width = (body.width() - unit * (columns - 1)) / columns
        heights = self._objective_heights(objectives, width)
        pages: list[list[int]] = [[]]
        column, y = 0, top
        blocks: list[QRectF] = []
        for height in heights:
            if y + height > body.bottom() and y > top:
                column += 1
                y = top
                if column >= columns:
                    pages.append([])
                    column = 0
            pages[-1].append(len(blocks))
            blocks.append(QRectF(body.left() + column * (width + unit), y, width, height))
            y += height + unit * 0.6
        layout = ObjectivePages(tuple(tuple(page) for page in pages), tuple(blocks))
        self._layouts = [*self._layouts[-1:], (key, objectives, layout)]
        return layout

    def _padded(self, block: QRectF) -> QRectF:
        """A block with room for what its glyphs paint past their lines (antialiasing)."""
        pad = self.unit() * 0.3
        return block.adjusted(-pad, -pad, pad, pad)

    def _laid_out_text(self, text: str, font: QFont, width: float) -> QStaticText:
        """The line laid out once (wrapped at this width) and kept while the text shows."""
        key = (text, font.key(), width)
        laid_out = self._laid_out.get(key)
        if laid_out is None:
            if len(self._laid_out) > 2_000:
                self._laid_out = {}
            laid_out = QStaticText(text)
            laid_out.setTextFormat(Qt.TextFormat.PlainText)
            laid_out.setTextWidth(width)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            laid_out.setTextOption(option)
            self._laid_out[key] = laid_out
        return laid_out

    def _objective_lines(
        self, objective: RoomObjective, number: int, scale: float = 1.0
    ) -> list[tuple[QFont, QColor, str, float]]:
        title = f"O{number}  {objective.title}"
        lines = [(self._font(1.2 * scale, bold=True), TEXT, title, 0.0)]
        for kr_number, kr in enumerate(objective.key_results, start=1):
            lines.append(
                (self._font(1.0 * scale), MUTED, f"KR{kr_number}  {kr}", self.unit() * 1.2 * scale)
            )
        return lines

    def _objective_heights(
        self, objectives: tuple[RoomObjective, ...], width: float
    ) -> list[float]:
        """Each objective's block height in a column this wide (as _objective_lines paints it)."""
        self._measuring(width, len(objectives))
        gap = self.unit() * 0.15
        heights = []
        for number, objective in enumerate(objectives, start=1):
            lines = self._line_heights(objective, number)
            heights.append(sum(lines) + gap * len(lines))
        return heights

    def _measuring(self, width: float, count: int) -> None:
        """Measure in columns this wide at this text size (forget what was measured otherwise)."""
        unit = self.unit()
        title_font = self._font(1.2, bold=True)
        context = (width, unit, title_font.key())
        if context != self._measured_in or len(self._heights) > 2 * count + 100:
            self._measured_in, self._heights, self._laid_out = context, {}, {}
            self._metrics = (QFontMetricsF(title_font), QFontMetricsF(self._font(1.0)))

    def _line_heights(self, objective: RoomObjective, number: int) -> tuple[float, ...]:
        """The wrapped height of each of the objective's lines, measured once and kept."""
        key = (number, objective.title, objective.key_results)
        heights = self._heights.get(key)
        if heights is None:
            assert self._measured_in is not None
            width, unit, _font = self._measured_in
            title_metrics, kr_metrics = self._metrics
            title = f"O{number}  {objective.title}"
            lines = [title_metrics.boundingRect(QRectF(0, 0, width, 10_000), WRAP, title)]
            kr_width = width - unit * 1.2
            for kr_number, kr in enumerate(objective.key_results, start=1):
                text = f"KR{kr_number}  {kr}"
                lines.append(kr_metrics.boundingRect(QRectF(0, 0, kr_width, 10_000), WRAP, text))
            heights = tuple(line.height() for line in lines)
            self._heights[key] = heights
        return heights


WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


def wrap_flags() -> Qt.AlignmentFlag:
    return WRAP
