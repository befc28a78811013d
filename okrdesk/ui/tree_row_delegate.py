"""Paints a row of the objective tree from one answer of its model, its text laid out once.

The style's own item painting asks the model a dozen roles per row and lays out the text on
every repaint; a tree of objectives repaints every visible row on each change (rows move),
which cost about 5 ms at 1,000 cards. This paints the same row — selection, badge, text cut
with an ellipsis, focus — from the model's LOOK_ROLE, and keeps each text's layout.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QStaticText,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from okrdesk.ui.models.objectives import RowLook
from okrdesk.ui.models.roles import LOOK_ROLE
from okrdesk.ui.row_images import RowImages
from okrdesk.ui.style import ACCENT

Index = QModelIndex | QPersistentModelIndex

MARGIN = 4  # pixels before the badge, between it and the text, and after the text
KEPT = 4000  # laid-out texts kept: every row of a large tree, and its edits
_STATE_ACTIVE = QStyle.StateFlag.State_Active.value
_STATE_SELECTED = QStyle.StateFlag.State_Selected.value
_STATE_FOCUS = QStyle.StateFlag.State_HasFocus.value
_ACTIVE, _INACTIVE = QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive
ROWS_KEPT = 300  # rows' images kept (a screenful many times over; about 60 KB each)


class TreeRowDelegate(QStyledItemDelegate):
    """A tree row: its selection, its badge, its text in its font (cut with "…"), drawn once
    into an image kept by what it shows (row_images.py)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._laid_out: OrderedDict[tuple[str, str, int], QStaticText] = OrderedDict()
        self.rows = RowImages(ROWS_KEPT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        look = index.data(LOOK_ROLE)
        if not isinstance(look, RowLook):
            super().paint(painter, option, index)
            return
        key = (
            look.text,
            look.font.key(),
            -1 if look.colour is None else look.colour.rgba(),
            0 if look.icon is None else look.icon.cacheKey(),
        )
        self.rows.paint(
            painter, option, key, lambda drawing, rect: self._draw(drawing, option, rect, look)
        )

    def _draw(
        self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, look: RowLook
    ) -> None:
        # The state as plain bits: combining Qt's flags in Python costs more than the test.
        state = option.state.value
        palette: QPalette = option.palette
        group = _ACTIVE if state & _STATE_ACTIVE else _INACTIVE
        if state & _STATE_SELECTED:
            painter.fillRect(rect, palette.brush(group, QPalette.ColorRole.Highlight))
            colour = palette.color(group, QPalette.ColorRole.HighlightedText)
        else:
            colour = look.colour or palette.color(group, QPalette.ColorRole.Text)
        left = rect.left() + MARGIN
        if look.icon is not None:
            size = option.decorationSize
            top = rect.top() + (rect.height() - size.height()) // 2
            look.icon.paint(painter, QRect(left, top, size.width(), size.height()))
            left += size.width() + MARGIN
        font = look.font.resolve(option.font)
        text = self.laid_out(look.text, font, rect.right() - MARGIN - left)
        painter.setFont(font)
        painter.setPen(colour)
        baseline = rect.top() + (rect.height() - text.size().height()) / 2
        painter.drawStaticText(QPointF(left, baseline), text)
        if state & _STATE_FOCUS:
            painter.setPen(QColor(ACCENT))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))

    def laid_out(self, text: str, font: QFont, width: int) -> QStaticText:
        """The text on one line, cut with an ellipsis to the width, kept for the next paint."""
        key = (text, font.key(), width)
        laid_out = self._laid_out.get(key)
        if laid_out is not None:
            self._laid_out.move_to_end(key)
            return laid_out
        line = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, max(0, width))
        laid_out = QStaticText(line)
        laid_out.setTextFormat(Qt.TextFormat.PlainText)
        laid_out.prepare(font=font)
        self._laid_out[key] = laid_out
        if len(self._laid_out) > KEPT:
            self._laid_out.popitem(last=False)
        return laid_out
