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
    QPixmap,
    QStaticText,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from okrdesk.ui.models.objectives import RowLook
from okrdesk.ui.models.roles import LOOK_ROLE
from okrdesk.ui.style import ACCENT

Index = QModelIndex | QPersistentModelIndex

MARGIN = 4  # pixels before the badge, between it and the text, and after the text
KEPT = 4000  # laid-out texts kept: every row of a large tree, and its edits
_STATE_ACTIVE = QStyle.StateFlag.State_Active.value
_STATE_SELECTED = QStyle.StateFlag.State_Selected.value
_STATE_FOCUS = QStyle.StateFlag.State_HasFocus.value
_ACTIVE, _INACTIVE = QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive
_DRAWN_STATES = _STATE_ACTIVE | _STATE_SELECTED | _STATE_FOCUS  # what a row's look depends on
ROWS_KEPT = 300  # rows' images kept (a screenful many times over; about 60 KB each)


class TreeRowDelegate(QStyledItemDelegate):
    """A tree row: its selection, its badge, its text in its font (cut with "…").

    Each row is drawn once into an image of its own, kept by everything it shows (its look,
    size, state and palette): a change repaints every visible row of the tree, nearly all
    of them as they were, and copying a row's image costs a fraction of drawing it.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._laid_out: OrderedDict[tuple[str, str, int], QStaticText] = OrderedDict()
        self._rows: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        look = index.data(LOOK_ROLE)
        if not isinstance(look, RowLook):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        # The state as plain bits: combining Qt's flags in Python costs more than the test.
        state = option.state.value & _DRAWN_STATES
        ratio = painter.device().devicePixelRatioF()
        palette: QPalette = option.palette
        key = (
            look.text,
            look.font.key(),
            -1 if look.colour is None else look.colour.rgba(),
            0 if look.icon is None else look.icon.cacheKey(),
            rect.width(),
            rect.height(),
            state,
            palette.cacheKey(),
            option.font.key(),
            option.decorationSize.width(),
            ratio,
        )
        image = self._rows.get(key)
        if image is None:
            image = self._row_image(look, option, state, ratio)
            self._rows[key] = image
            if len(self._rows) > ROWS_KEPT:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(key)
        painter.save()
        # Copied pixel for pixel: the smooth-transform hint would take Qt's transforming path.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawPixmap(rect.topLeft(), image)
        painter.restore()

    def _row_image(
        self, look: RowLook, option: QStyleOptionViewItem, state: int, ratio: float
    ) -> QPixmap:
        """The row drawn on its own background: the selection's, or the view's base."""
        rect: QRect = option.rect
        image = QPixmap(max(1, round(rect.width() * ratio)), max(1, round(rect.height() * ratio)))
        image.setDevicePixelRatio(ratio)
        palette: QPalette = option.palette
        group = _ACTIVE if state & _STATE_ACTIVE else _INACTIVE
        if state & _STATE_SELECTED:
            image.fill(palette.color(group, QPalette.ColorRole.Highlight))
            colour = palette.color(group, QPalette.ColorRole.HighlightedText)
        else:
            image.fill(palette.color(group, QPalette.ColorRole.Base))
            colour = look.colour or palette.color(group, QPalette.ColorRole.Text)
        painter = QPainter(image)
        left = MARGIN
        if look.icon is not None:
            size = option.decorationSize
            top = (rect.height() - size.height()) // 2
            look.icon.paint(painter, QRect(left, top, size.width(), size.height()))
            left += size.width() + MARGIN
        font = look.font.resolve(option.font)
        text = self.laid_out(look.text, font, rect.width() - MARGIN - left - 1)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawStaticText(QPointF(left, (rect.height() - text.size().height()) / 2), text)
        if state & _STATE_FOCUS:
            painter.setPen(QColor(ACCENT))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRect(0, 0, rect.width() - 1, rect.height() - 1))
        painter.end()
        return image

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
