"""Rows of a tree that wrap their text to the column's width instead of cutting it.

QTreeView measures a row without knowing its column's width (it asks for one line), so a
long title is elided however tall the row could be. This delegate measures the text
wrapped to the column as shown, and asks the view to measure again when a column is
resized.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

Index = QModelIndex | QPersistentModelIndex
PADDING = 8  # above and below a row's text, in pixels


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        tree.header().sectionResized.connect(lambda *_: tree.scheduleDelayedItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        width = self._text_width(index)
        if width <= 0:
            return size
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bound = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(size.width(), max(size.height(), bound.height() + PADDING))

    def _text_width(self, index: Index) -> int:
        """The room the column gives the text: its width less the row's indentation."""
        width = self.tree.header().sectionSize(index.column())
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            decorated = 1 if self.tree.rootIsDecorated() else 0
            width -= (depth + decorated) * self.tree.indentation()
        return (
            width
            - 2
            * self.tree.style().pixelMetric(
                self.tree.style().PixelMetric.PM_FocusFrameHMargin, None, self.tree
            )
            - 4
        )
