"""Painting the wall on the projector: objectives with their key results in columns and
pages sized to the screen, and the idea cards (card_wall) (a mixin of the projector window).

A few objectives (the chosen ones at selection) grow to fill the screen; many take one or
two columns, whichever needs fewer pages, at the smallest text size. An objective's block
(its title and its key results) is never split, so no line is orphaned from its title.
Every line goes through text_fit: wrapped whole (Chinese lines balanced), never elided.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QRegion

from okrdesk.engine.room_view import RoomObjective, RoomView, SignoffStatus
from okrdesk.ui.projector.card_wall import CardWallPainting, is_chinese
from okrdesk.ui.projector.colours import IN, MUTED, TEXT, TIE
from okrdesk.ui.projector.text_fit import draw_text, wrap
from okrdesk.ui.words import signoff_status_name

LINE_GAP = 0.1  # between an objective's lines, in units
BLOCK_GAP = 0.5  # between objectives
GROWN = 2.2  # a few objectives grow up to this many times the smallest size


@dataclass(frozen=True)
class ObjectivePages:
    """Where each objective goes: the page it is on, and its block's rectangle there."""

    pages: tuple[tuple[int, ...], ...]  # objective indexes, page by page
    blocks: tuple[QRectF, ...]  # by objective index
    scale: float = 1.0  # the text's size, in units


class WallPainting(CardWallPainting):
    """The objectives with their key results (and, through CardWallPainting, the cards);
    needs the window's _paint_presented().

    Each objective's lines are measured once for a width and text size and kept (text_fit
    keeps their laid-out lines): a change to one objective, a page turn or a repaint of the
    countdown lays out nothing again but what changed.
    """

    # What the paint in progress must cover (a change to a few objectives repaints those).
    _dirty: QRegion | None = None
    # (number, title, key results, width, scale, unit) -> each line's height.
    _heights: dict[tuple[int, str, tuple[str, ...], float, float, float], tuple[float, ...]]
    _layouts: list[
        tuple[
            tuple[int, tuple[float, float, float, float], float, float],
            tuple[RoomObjective, ...],
            ObjectivePages,
        ]
    ]

    def _paint_presented(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        raise NotImplementedError

    def _paint_objectives(self, painter: QPainter, body: QRectF, view: RoomView) -> None:
        unit = self.unit()
        top = body.top()
        if view.signoff is not None:
            colour = {SignoffStatus.APPROVED: IN, SignoffStatus.RETURNED: TIE}.get(
                view.signoff, MUTED
            )
            painter.setPen(colour)
            status = signoff_status_name(view.signoff, view.light)
            draw_text(
                painter,
                QRectF(body.left(), top, body.width(), unit * 2),  # as window.py expects
                status,
                self._font(1.4, bold=True),
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
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
            lines = self._objective_lines(objective, index + 1, layout.scale)
            heights = self._line_heights(objective, index + 1, width, layout.scale)
            for (font, colour, text, indent), height in zip(lines, heights, strict=True):
                painter.setPen(colour)
                room = min(height, body.bottom() - y)  # a block taller than the screen: cut
                draw_text(
                    painter,
                    QRectF(x + indent, y, width - indent, room),
                    text,
                    font,
                    max_lines=10_000,
                    balanced=is_chinese(text),
                )
                y += height + unit * LINE_GAP * layout.scale

    def _objective_pages(
        self, objectives: tuple[RoomObjective, ...], body: QRectF, top: float
    ) -> ObjectivePages:
        """The objectives in columns and pages: the largest text at which they all fit one
        page, else the smallest text in one or two columns, whichever needs fewer pages.

        The last two layouts are kept (the one painted and the one a change brings), each
        for its own tuple of objectives: a change lays the list out once, not per look.
        """
        unit = self.unit()
        key = (id(objectives), (body.left(), body.top(), body.width(), body.height()), top, unit)
        for kept_key, kept_objectives, kept in self._layouts:
            if kept_key == key and kept_objectives is objectives:
                return kept
        options = [1]
        if len(objectives) > 1 and body.width() >= unit * 24:
            options.append(2)
        laid = [self._flow(objectives, body, top, columns, 1.0) for columns in options]
        # No block taller than the screen (a long title in a narrow column), then fewest pages.
        layout = min(laid, key=lambda option: (self._overflows(option, body), len(option.pages)))
        if len(layout.pages) == 1 and objectives and not self._overflows(layout, body):
            grown = [self._grown(objectives, body, top, columns) for columns in options]
            fitting = [g for g in grown if len(g.pages) == 1 and not self._overflows(g, body)]
            layout = max(fitting, key=lambda option: option.scale, default=layout)
        self._layouts = [*self._layouts[-1:], (key, objectives, layout)]
        return layout

    def _grown(
        self, objectives: tuple[RoomObjective, ...], body: QRectF, top: float, columns: int
    ) -> ObjectivePages:
        """The objectives on one page in this many columns at the largest text that fits."""
        low, high = 1.0, GROWN
        best = self._flow(objectives, body, top, columns, low)
        if len(best.pages) > 1:
            return best
        while high - low > 0.04:
            middle = (low + high) / 2
            tried = self._flow(objectives, body, top, columns, middle)
            if len(tried.pages) == 1 and not self._overflows(tried, body):
                low, best = middle, tried
            else:
                high = middle
        return best

    @staticmethod
    def _overflows(layout: ObjectivePages, body: QRectF) -> bool:
        return any(block.bottom() > body.bottom() + 0.5 for block in layout.blocks)

    def _flow(
        self,
        objectives: tuple[RoomObjective, ...],
        body: QRectF,
        top: float,
        columns: int,
        scale: float,
    ) -> ObjectivePages:
        """Blocks placed down each column, then across, then onto the next page."""
        unit = self.unit()
        width = (body.width() - unit * (columns - 1)) / columns
        pages: list[list[int]] = [[]]
        column, y = 0, top
        blocks: list[QRectF] = []
        gap = unit * LINE_GAP * scale
        for number, objective in enumerate(objectives, start=1):
            lines = self._line_heights(objective, number, width, scale, unit)
            height = sum(lines) + gap * (len(lines) - 1)
            if y + height > body.bottom() and y > top:
                column += 1
                y = top
                if column >= columns:
                    pages.append([])
                    column = 0
            pages[-1].append(len(blocks))
            blocks.append(QRectF(body.left() + column * (width + unit), y, width, height))
            y += height + unit * BLOCK_GAP * scale
        return ObjectivePages(tuple(tuple(page) for page in pages), tuple(blocks), scale)

    def _padded(self, block: QRectF) -> QRectF:
        """A block with room for what its glyphs paint past their lines (antialiasing)."""
        pad = self.unit() * 0.3
        return block.adjusted(-pad, -pad, pad, pad)

    def _objective_lines(
        self, objective: RoomObjective, number: int, scale: float = 1.0
    ) -> list[tuple[QFont, QColor, str, float]]:
        title = f"O{number}  {objective.title}"
        lines = [(self._font(1.1 * scale, bold=True), TEXT, title, 0.0)]
        for kr_number, kr in enumerate(objective.key_results, start=1):
            lines.append(
                (self._font(1.0 * scale), MUTED, f"KR{kr_number}  {kr}", self.unit() * 1.2 * scale)
            )
        return lines

    def _line_heights(
        self,
        objective: RoomObjective,
        number: int,
        width: float,
        scale: float = 1.0,
        unit: float | None = None,
    ) -> tuple[float, ...]:
        """The wrapped height of each of the objective's lines in a block this wide (``unit``:
        the window's, when the caller has it: a layout asks once per objective)."""
        if not hasattr(self, "_heights"):
            self._heights = {}
        unit = self.unit() if unit is None else unit
        key = (number, objective.title, objective.key_results, width, scale, unit)
        heights = self._heights.get(key)
        if heights is None:
            if len(self._heights) > 20_000:
                self._heights = {}
            heights = tuple(
                wrap(text, font, width - indent, balanced=is_chinese(text)).height()
                for font, _colour, text, indent in self._objective_lines(objective, number, scale)
            )
            self._heights[key] = heights
        return heights
