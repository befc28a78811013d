"""Scroll bars that repaint only when what they draw has changed.

A list's scroll bar repaints whenever its range changes, and the range changes with every
card added, moved or taken away, although one row more among a thousand moves the handle by
less than a pixel. Drawn by the style (Fusion, through the style sheet), a scroll bar's paint
costs about as much as a screenful of rows: at 1,000 cards the two bars of the Group page
were about a sixth of a moved card's time on screen. These bars compare what they would draw
(the handle's rectangle and which ends are reached) and skip a repaint that would show the
same pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QScrollBar,
    QStyle,
    QStyleOptionSlider,
    QWidget,
)

# What a scroll bar draws: its handle's rectangle, whether it is at either end, enabled.
Look = tuple[QRect, bool, bool, bool]


class SteadyScrollBar(QScrollBar):
    """A scroll bar whose range changes repaint it only when the handle moves on screen."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._drawn: Look | None = None

    def look(self) -> Look:
        """What the bar draws now: the handle's rectangle, at the start, at the end, enabled."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar,
            option,
            QStyle.SubControl.SC_ScrollBarSlider,
            self,
        )
        value = self.value()
        return handle, value <= self.minimum(), value >= self.maximum(), self.isEnabled()

    def paintEvent(self, event: QPaintEvent) -> None:
        self._drawn = self.look()
        super().paintEvent(event)

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        if change is QAbstractSlider.SliderChange.SliderRangeChange and self.look() == self._drawn:
            return  # the pixels on screen already show it: no repaint
        super().sliderChange(change)


def steady_scroll_bars(root: QWidget) -> None:
    """Every scroll area under root (root included) gets steady scroll bars."""
    areas = root.findChildren(QAbstractScrollArea)
    if isinstance(root, QAbstractScrollArea):
        areas.append(root)
    for area in areas:
        vertical = SteadyScrollBar(Qt.Orientation.Vertical, area)
        vertical.setObjectName(area.verticalScrollBar().objectName())
        area.setVerticalScrollBar(vertical)
        horizontal = SteadyScrollBar(Qt.Orientation.Horizontal, area)
        horizontal.setObjectName(area.horizontalScrollBar().objectName())
        area.setHorizontalScrollBar(horizontal)
