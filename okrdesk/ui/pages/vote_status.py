"""The Vote page's status line and the names not voted yet, placed by hand one under the
other as a box layout would place them.

A ballot handed in changes both texts, many times a minute, and a label in a layout that
changes its text makes the whole window lay itself out again (every layout up to the main
window, about 2.5 ms a ballot). Here a new text asks the page to lay out again only when
what the page lays out by changed (the height the lines need at their width, their least
size, their preferred height); otherwise the labels repaint in place.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class StatusLines(QWidget):
    """Labels stacked top to bottom, ``spacing`` apart, hidden ones left out (as in a
    QVBoxLayout with no margins)."""

    def __init__(
        self, labels: Sequence[QLabel], spacing: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.labels = tuple(labels)
        self.spacing = spacing
        for label in self.labels:
            label.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._hints: tuple[int, QSize] | None = None

    def _shown(self) -> list[QLabel]:
        return [label for label in self.labels if not label.isHidden()]

    @staticmethod
    def _height(label: QLabel, width: int) -> int:
        """The label's height at this width, as a box layout gives it: its height for the
        width if it wraps, else its preferred height (bounded by its least and most)."""
        if label.hasHeightForWidth():
            wanted = label.heightForWidth(width)
        else:
            wanted = max(label.sizeHint().height(), label.minimumSizeHint().height())
        return min(max(wanted, label.minimumHeight()), label.maximumHeight())

    def _stacked(self, heights: Sequence[int]) -> int:
        return sum(heights) + self.spacing * max(0, len(heights) - 1)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        hints = [label.sizeHint().expandedTo(label.minimumSizeHint()) for label in shown]
        return QSize(
            max((hint.width() for hint in hints), default=0),
            self._stacked([hint.height() for hint in hints]),
        )

    def minimumSizeHint(self) -> QSize:
        shown = self._shown()
        hints = [label.minimumSizeHint() for label in shown]
        return QSize(
            max((hint.width() for hint in hints), default=0),
            self._stacked([hint.height() for hint in hints]),
        )

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._stacked([self._height(label, width) for label in self._shown()])

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a label's text or visibility changed
            self._relayout()
            return True
        return super().event(event)

    def _relayout(self) -> None:
        # Not the preferred width: a wrapped label's changes with nearly every name, and the
        # page takes the whole width beside the fixed navigator whatever it prefers.
        hints = (self.sizeHint().height(), self.minimumSizeHint())
        # The height the page gave them is the height they need at their width: unchanged,
        # nothing below moves.
        if hints != self._hints or self.heightForWidth(self.width()) != self.height():
            self._hints = hints
            self.updateGeometry()  # the page lays out again (what follows moves)
        self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        top, width = 0, self.width()
        for label in self._shown():
            height = self._height(label, width)
            label.setGeometry(0, top, width, height)
            top += height + self.spacing
